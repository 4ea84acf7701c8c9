import type { BatchWriter } from './batch-writer.js'
import { isoFromDay, type Day } from './dates.js'
import type { IdSource } from './ids.js'
import { surname } from './names.js'
import type { Rng } from './rng.js'
import type { PlacementSetting } from './story.js'

/**
 * Turns placement settings into provider and foster household rows the first time a child is placed
 * there, so only settings actually used are written (and remembered: a few hundred per council).
 */
export interface PlacementLinks {
  providerId: number | null
  fosterHouseholdId: number | null
}

const PROVIDER_TYPE: Record<string, string> = {
  agencyFoster: 'independent_fostering_agency',
  childrensHome: 'childrens_home',
  secureHome: 'secure_childrens_home',
  supportedAccommodation: 'supported_accommodation',
  residentialSchool: 'residential_school',
  motherAndBaby: 'parent_and_child_unit',
  adopters: 'adoption_agency',
  youthCustody: 'young_offender_institution',
}

const NAME_SUFFIX: Record<string, readonly string[]> = {
  independent_fostering_agency: ['Family Fostering', 'Fostering Partnership', 'Foster Care Ltd'],
  childrens_home: ['House', 'Lodge', 'Cottage', 'View'],
  secure_childrens_home: ['Secure Children’s Home'],
  supported_accommodation: ['Supported Living', 'Move-On Project', 'Young People’s Housing'],
  residential_school: ['School', 'College'],
  parent_and_child_unit: ['Family Centre', 'Parent and Baby Unit'],
  adoption_agency: ['Adoption Partnership', 'Adoption Society'],
  young_offender_institution: ['Young Offender Institution'],
}

const RATINGS = [
  ['good', 58],
  ['outstanding', 14],
  ['requires_improvement', 21],
  ['inadequate', 3],
  ['not_yet_inspected', 4],
] as const

export class ProviderRegistry {
  private readonly links = new Map<string, PlacementLinks>()
  private readonly agencies = new Map<string, number>()
  private ownFosteringService: number | null = null

  constructor(
    private readonly councilId: number,
    private readonly councilName: string,
    private readonly homeUtla: string,
    private readonly rng: Rng,
    private readonly writer: BatchWriter,
    private readonly ids: IdSource,
    private readonly asAt: Day,
  ) {}

  linksFor(setting: PlacementSetting): PlacementLinks {
    const known = this.links.get(setting.key)
    if (known !== undefined) return known
    const rng = this.rng.fork('provider', setting.key)
    let links: PlacementLinks
    switch (setting.kind) {
      case 'parents':
        links = { providerId: null, fosterHouseholdId: null }
        break
      case 'inHouseFoster':
      case 'kinship':
        links = {
          providerId: this.ownService(),
          fosterHouseholdId: this.household(setting, rng, this.ownService(), setting.kind === 'kinship'),
        }
        break
      case 'agencyFoster': {
        // Agency foster homes belong to one of a handful of agencies.
        const agency = this.agency(`agency:${rng.int(0, 7)}`, 'independent_fostering_agency', setting, rng)
        links = { providerId: agency, fosterHouseholdId: this.household(setting, rng, agency, false) }
        break
      }
      case 'adopters': {
        const type = 'adoption_agency'
        links = {
          providerId: this.agency(`adoption:${setting.provider ?? 'PR1'}`, type, setting, rng),
          fosterHouseholdId: null,
        }
        break
      }
      default: {
        const type = PROVIDER_TYPE[setting.kind] ?? 'other'
        links = { providerId: this.provider(type, setting, rng), fosterHouseholdId: null }
      }
    }
    this.links.set(setting.key, links)
    return links
  }

  private ownService(): number {
    if (this.ownFosteringService !== null) return this.ownFosteringService
    const id = this.ids.id('provider')
    this.writer.add('provider', {
      council_id: this.councilId,
      id,
      name: `${this.councilName.replace(' (synthetic)', '')} Fostering Service`,
      provider_type: 'local_authority_fostering',
      ownership: 'PR1',
      ofsted_urn: ownFosteringServiceUrn(this.councilId),
      registration_status: 'registered',
      ofsted_rating: 'good',
      ofsted_rating_date: isoFromDay(this.asAt - 400),
      address: null,
      postcode: null,
      inside_boundary: true,
      local_authority_gss_code: this.homeUtla,
      phone: null,
      email: null,
      note: null,
      created_by: null,
    })
    this.ownFosteringService = id
    return id
  }

  private agency(key: string, type: string, setting: PlacementSetting, rng: Rng): number {
    const known = this.agencies.get(key)
    if (known !== undefined) return known
    const id = this.provider(
      type,
      { ...setting, urn: setting.urn === null ? null : `SC${rng.int(100000, 999999)}` },
      this.rng.fork(key),
    )
    this.agencies.set(key, id)
    return id
  }

  private provider(type: string, setting: PlacementSetting, rng: Rng): number {
    const id = this.ids.id('provider')
    const suffixes = NAME_SUFFIX[type] ?? ['Services']
    const registered = setting.urn !== null
    this.writer.add('provider', {
      council_id: this.councilId,
      id,
      name: `${surname(rng)} ${rng.pick(suffixes)}`,
      provider_type: type,
      ownership: setting.provider,
      // Ofsted URNs are unique per council in Harbour; the id keeps synthetic ones unique.
      ofsted_urn: registered ? `SC${String(id).padStart(6, '0')}` : null,
      registration_status: registered ? 'registered' : 'not_required',
      ofsted_rating: registered ? rng.weighted(RATINGS) : null,
      ofsted_rating_date: registered ? isoFromDay(this.asAt - rng.int(30, 1200)) : null,
      address: null,
      postcode: setting.postcode.postcode,
      inside_boundary: setting.inBorough,
      local_authority_gss_code: setting.postcode.utlaCode,
      phone: null,
      email: null,
      note: null,
      created_by: null,
    })
    if (type === 'childrens_home' || type === 'supported_accommodation') {
      const places = rng.int(2, 6)
      this.writer.add('provider_capacity', {
        council_id: this.councilId,
        id: this.ids.id('provider_capacity'),
        provider_id: id,
        placement_type: setting.placement,
        places,
        // Homes in the borough are mostly filled by other councils' children (Blackpool: about 70 places).
        places_used_by_other_councils: setting.inBorough ? rng.int(Math.max(0, places - 2), places) : null,
        effective_from: isoFromDay(this.asAt - rng.int(400, 3000)),
        effective_to: null,
        created_by: null,
      })
    }
    return id
  }

  private household(setting: PlacementSetting, rng: Rng, providerId: number, connected: boolean): number {
    const id = this.ids.id('foster_household')
    const name = surname(rng)
    const approved = this.asAt - rng.int(200, 5000)
    const temporary = connected && rng.chance(0.3)
    this.writer.add('foster_household', {
      council_id: this.councilId,
      id,
      name: `The ${name} household`,
      reference: `FH${String(id).padStart(6, '0')}`,
      provider_id: providerId,
      approval_type: connected
        ? temporary
          ? 'temporarily_approved_connected_carer'
          : 'connected_person'
        : 'mainstream',
      status: 'approved',
      approval_date: isoFromDay(approved),
      approval_expires: temporary ? isoFromDay(approved + 112) : null,
      capacity: connected ? rng.int(1, 3) : rng.int(1, 4),
      age_from: 0,
      age_to: 18,
      postcode: setting.postcode.postcode,
      inside_boundary: setting.inBorough,
      created_by: null,
    })
    return id
  }
}

/** The Ofsted URN of the council's own fostering service: the URN its foster placements carry in the 903. */
export function ownFosteringServiceUrn(councilId: number): string {
  return `SC${String(100000 + councilId).padStart(6, '0')}`
}
