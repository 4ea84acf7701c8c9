import { pickPostcode, type Postcode, type PostcodePool } from './postcodes.js'
import type { Rng } from './rng.js'
import type { PlacementSetting } from './story.js'

/**
 * Where children are placed. Shared settings (foster households, children's homes, supported
 * accommodation) come from fixed-size pools, each member derived from its index alone, so many children
 * can live in the same home without the generator keeping a list of every placement: only the settings
 * actually used are cached, a few hundred per council.
 */
export type SettingKind =
  | 'inHouseFoster'
  | 'agencyFoster'
  | 'kinship'
  | 'childrensHome'
  | 'secureHome'
  | 'supportedAccommodation'
  | 'residentialSchool'
  | 'motherAndBaby'
  | 'adopters'
  | 'youthCustody'
  | 'parents'

interface PoolRule {
  /** Pool size at council size 1 (0 = a new setting for every use, such as a relative's home). */
  size: number
  inBorough: number
  providers: readonly (readonly [string, number])[]
  registered: boolean
  residential: boolean
}

// Out of borough shares: roughly 40 of 63 residential placements (the committee's figure), most
// in-house foster homes in borough, agency foster homes split.
const RULES: Record<SettingKind, PoolRule> = {
  inHouseFoster: { size: 150, inBorough: 0.85, providers: [['PR1', 1]], registered: false, residential: false },
  agencyFoster: {
    size: 180,
    inBorough: 0.45,
    providers: [
      ['PR4', 88],
      ['PR5', 12],
    ],
    registered: true,
    residential: false,
  },
  kinship: {
    size: 0,
    inBorough: 0.75,
    providers: [
      ['PR1', 95],
      ['PR4', 5],
    ],
    registered: false,
    residential: false,
  },
  childrensHome: {
    size: 55,
    inBorough: 0.36,
    providers: [
      ['PR4', 80],
      ['PR1', 12],
      ['PR5', 8],
    ],
    registered: true,
    residential: true,
  },
  secureHome: {
    size: 3,
    inBorough: 0,
    providers: [
      ['PR2', 70],
      ['PR4', 30],
    ],
    registered: true,
    residential: true,
  },
  supportedAccommodation: {
    size: 15,
    inBorough: 0.6,
    providers: [
      ['PR4', 60],
      ['PR5', 30],
      ['PR1', 10],
    ],
    registered: true,
    residential: false,
  },
  residentialSchool: {
    size: 4,
    inBorough: 0.1,
    providers: [
      ['PR4', 60],
      ['PR5', 30],
      ['PR3', 10],
    ],
    registered: true,
    residential: true,
  },
  motherAndBaby: {
    size: 3,
    inBorough: 0.5,
    providers: [
      ['PR4', 50],
      ['PR5', 30],
      ['PR1', 20],
    ],
    registered: true,
    residential: false,
  },
  adopters: {
    size: 0,
    inBorough: 0.4,
    providers: [
      ['PR1', 60],
      ['PR2', 20],
      ['PR5', 20],
    ],
    registered: false,
    residential: false,
  },
  youthCustody: { size: 2, inBorough: 0, providers: [['PR3', 1]], registered: true, residential: false },
  parents: { size: 0, inBorough: 1, providers: [['PR0', 1]], registered: false, residential: false },
}

export class SettingCatalogue {
  private readonly cache = new Map<string, PlacementSetting>()
  private unique = 0

  constructor(
    private readonly rng: Rng,
    private readonly pool: PostcodePool,
    private readonly councilSize: number,
  ) {}

  /** A setting of a kind for a placement type; `familyHome` is used for placements with parents. */
  setting(kind: SettingKind, placement: string, pick: Rng, familyHome: Postcode): PlacementSetting {
    const rule = RULES[kind]
    if (kind === 'parents') return this.build(kind, 'parents', rule, placement, pick, familyHome, true)
    if (rule.size === 0) {
      const inBorough = pick.chance(rule.inBorough)
      const postcode = pickPostcode(pick, inBorough ? this.pool.inBorough : this.pool.outOfBorough)
      return this.build(kind, `${kind}:u${++this.unique}`, rule, placement, pick, postcode, inBorough)
    }
    // The pool is split into homes inside and outside the borough, so the in-borough share holds
    // placement by placement, not just home by home.
    const inBorough = pick.chance(rule.inBorough)
    const share = inBorough ? rule.inBorough : 1 - rule.inBorough
    const size = Math.max(1, Math.round(rule.size * share * Math.max(this.councilSize, 0.05)))
    const index = pick.int(0, size - 1)
    const key = `${kind}:${inBorough ? 'in' : 'out'}:${index}`
    const cacheKey = `${key}:${placement}`
    const cached = this.cache.get(cacheKey)
    if (cached !== undefined) return cached
    const own = this.rng.fork('setting', key)
    const postcode = pickPostcode(own, inBorough ? this.pool.inBorough : this.pool.outOfBorough)
    const setting = this.build(kind, key, rule, placement, own, postcode, inBorough)
    this.cache.set(cacheKey, setting)
    return setting
  }

  private build(
    kind: SettingKind,
    key: string,
    rule: PoolRule,
    placement: string,
    rng: Rng,
    postcode: Postcode,
    inBorough: boolean,
  ): PlacementSetting {
    return {
      kind,
      key,
      placement,
      provider: rng.weighted(rule.providers),
      postcode,
      inBorough,
      urn: rule.registered ? `SC${rng.int(100000, 999999)}` : null,
      residential: rule.residential,
    }
  }
}
