import type { Rng } from './rng.js'

/**
 * What to generate for a given scale. Scale 1 is one Blackpool-sized council; a larger scale is several
 * councils (not one giant one) because that is what a regional or national deployment holds: every
 * table is keyed by council first, caseloads and team sizes stay realistic, and the generator only ever
 * holds one council's small working state (teams, staff, caseload counters) in memory at a time.
 */
export interface CouncilPlan {
  id: number
  name: string
  laCode: string
  gssCode: string
  region: string
  /** Slug for e-mail domains (`blackpool.harbour.example`). */
  slug: string
  isBlackpool: boolean
  /** 1 = Blackpool's volumes. */
  size: number
}

/** Blackpool's volumes at size 1, the targets the simulation is calibrated to (at the "as at" date). */
export const BLACKPOOL_TARGETS = {
  childPopulation: 31_000,
  referralsPerYear: 3_500,
  childrenInNeed: 1_100,
  childProtectionPlans: 280,
  lookedAfter: 580,
  careLeavers17To21: 180,
  residentialPlacements: 63,
  residentialOutOfBorough: 40,
  socialWorkersAndPersonalAdvisers: 150,
} as const

/** Synthetic councils cannot use real DfE numbers (201-938) or GSS codes, so they get 001-199 and E069xxxxx. */
const MAX_COUNCILS = 200

const REGIONS = [
  'North West',
  'North East',
  'Yorkshire and The Humber',
  'East Midlands',
  'West Midlands',
  'East of England',
  'London',
  'South East',
  'South West',
] as const

// prettier-ignore
const PLACE_START = ['Gull', 'Marrow', 'Thistle', 'Bramble', 'Puffin', 'Kipper', 'Sand', 'Heron', 'Otter', 'Wren',
  'Nettle', 'Lantern', 'Pebble', 'Coble', 'Drizzle', 'Rook', 'Tansy', 'Whelk', 'Sorrel', 'Cockle'] as const
// prettier-ignore
const PLACE_END = ['haven', 'by', 'ton', 'wick', 'mouth', 'stead', 'bury', 'field', 'ham', 'worth', 'ford', 'ley'] as const

export function councilCount(scale: number): number {
  return Math.min(MAX_COUNCILS, Math.max(1, Math.round(scale)))
}

/** The councils for a scale: council 1 is always Blackpool; the rest are invented places. */
export function planCouncils(scale: number, rng: Rng): CouncilPlan[] {
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError('scale must be a positive number')
  const count = councilCount(scale)
  const size = scale / count
  const councils: CouncilPlan[] = [
    {
      id: 1,
      name: 'Blackpool Council',
      laCode: '890',
      gssCode: 'E06000009',
      region: 'North West',
      slug: 'blackpool',
      isBlackpool: true,
      size,
    },
  ]
  const names = new Set<string>()
  const placeRng = rng.fork('council-names')
  for (let id = 2; id <= count; id++) {
    let place = ''
    do place = `${placeRng.pick(PLACE_START)}${placeRng.pick(PLACE_END)}`
    while (names.has(place))
    names.add(place)
    councils.push({
      id,
      name: `${place} Council (synthetic)`,
      laCode: String(id - 1).padStart(3, '0'),
      gssCode: `E069${String(id - 1).padStart(5, '0')}`,
      region: REGIONS[(id - 1) % REGIONS.length] ?? 'North West',
      slug: place.toLowerCase(),
      isBlackpool: false,
      size,
    })
  }
  return councils
}

/** Children aged 0-17 by the DfE's age bands, modelled on ONS mid-year estimates for Blackpool. */
export const POPULATION_BANDS = [
  { ageFrom: 0, ageTo: 0, share: 1_600 / 31_000 },
  { ageFrom: 1, ageTo: 4, share: 6_600 / 31_000 },
  { ageFrom: 5, ageTo: 9, share: 8_700 / 31_000 },
  { ageFrom: 10, ageTo: 15, share: 10_650 / 31_000 },
  { ageFrom: 16, ageTo: 17, share: 3_450 / 31_000 },
] as const

export const POPULATION_SOURCE =
  'Synthetic: modelled on ONS mid-year population estimates for Blackpool (not real figures)'
