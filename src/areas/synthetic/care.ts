import { addYears, ageOn, type Day } from './dates.js'
import { PLACEMENT_CHANGE_REASON, REC_AT_18, REC_RETURN_HOME, REC_SPECIAL_GUARDIANSHIP } from './distributions.js'
import type { Postcode } from './postcodes.js'
import type { Rng } from './rng.js'
import type { SettingCatalogue, SettingKind } from './settings.js'
import type { CarePeriodStory, EpisodeStory, PlacementSetting } from './story.js'

/**
 * One period of care for one child: legal statuses and placements as 903 episodes, and how it ends.
 * Babies are mostly adopted, placed with special guardians or returned home within two years; a child
 * who comes into care as a teenager usually stays until 18, which is why the committee saw teenagers
 * dominate the numbers in care.
 */
export type CareRoute = 'protection' | 'emergency' | 'uasc' | 'remand' | 'disability'

export interface CareChild {
  dateOfBirth: Day
  disabled: boolean
}

export interface CareContext {
  asAt: Day
  settings: SettingCatalogue
  familyHome: Postcode
}

export interface CareOutcome {
  period: CarePeriodStory
  /** The day care ended, even if after the as-at date (the simulation needs to know). */
  exitDay: Day
  reasonEnded: string
}

type ExitPlan = 'adoption' | 'specialGuardianship' | 'home' | 'longTerm'

const EXIT_PLAN_BY_AGE: readonly { maxAge: number; weights: readonly (readonly [ExitPlan, number])[] }[] = [
  {
    maxAge: 0,
    weights: [
      ['adoption', 42],
      ['specialGuardianship', 27],
      ['home', 27],
      ['longTerm', 4],
    ],
  },
  {
    maxAge: 4,
    weights: [
      ['adoption', 24],
      ['specialGuardianship', 28],
      ['home', 36],
      ['longTerm', 12],
    ],
  },
  {
    maxAge: 9,
    weights: [
      ['adoption', 4],
      ['specialGuardianship', 22],
      ['home', 44],
      ['longTerm', 30],
    ],
  },
  {
    maxAge: 15,
    weights: [
      ['specialGuardianship', 6],
      ['home', 46],
      ['longTerm', 48],
    ],
  },
  {
    maxAge: 17,
    weights: [
      ['home', 64],
      ['longTerm', 36],
    ],
  },
]

function exitPlanFor(rng: Rng, age: number): ExitPlan {
  for (const band of EXIT_PLAN_BY_AGE) if (age <= band.maxAge) return rng.weighted(band.weights)
  return 'longTerm'
}

/** Placement type and where it comes from, by age, for a (new) placement. */
function choosePlacement(rng: Rng, age: number, disabled: boolean): { placement: string; kind: SettingKind } {
  if (disabled && age >= 8 && rng.chance(0.35)) return { placement: 'K2', kind: 'childrensHome' }
  if (age >= 16 && rng.chance(0.42)) return { placement: 'K3', kind: 'supportedAccommodation' }
  const residentialChance = age >= 13 ? 0.25 : age >= 10 ? 0.12 : 0.015
  if (rng.chance(residentialChance)) {
    if (age >= 12 && rng.chance(0.04)) return { placement: 'K1', kind: 'secureHome' }
    if (age >= 10 && rng.chance(0.05)) return { placement: 'S1', kind: 'residentialSchool' }
    return { placement: 'K2', kind: 'childrensHome' }
  }
  if (rng.chance(0.24)) return { placement: rng.chance(0.6) ? 'U3' : 'U1', kind: 'kinship' }
  const longTerm = age >= 5 && rng.chance(0.45)
  return { placement: longTerm ? 'U4' : 'U6', kind: rng.chance(0.55) ? 'inHouseFoster' : 'agencyFoster' }
}

function initialLegalStatus(rng: Rng, route: CareRoute, age: number): string {
  switch (route) {
    case 'uasc':
    case 'disability':
      return 'V2'
    case 'remand':
      return 'J1'
    case 'emergency':
      return rng.weighted([
        ['L1', 40],
        ['L2', 15],
        ['V2', 30],
        ['C1', 15],
      ] as const)
    case 'protection':
      return age >= 14 && rng.chance(0.4)
        ? 'V2'
        : rng.weighted([
            ['C1', 56],
            ['V2', 34],
            ['L2', 5],
            ['L1', 5],
          ] as const)
  }
}

const PLACE_WITH_PROVIDER_BLANK = new Set(['T0', 'T1', 'T2', 'T3', 'Z11', 'Z12', 'Z13', 'Z14'])

interface Change {
  day: Day
  legalStatus?: string
  setting?: PlacementSetting
  /** Same carers, new placement type (fostering becomes adoption with the same family). */
  sameCarers?: boolean
  reasonPlaceChange?: string
}

export function simulateCarePeriod(
  rng: Rng,
  context: CareContext,
  child: CareChild,
  entry: Day,
  route: CareRoute,
  categoryOfNeed: string,
  sharedFirstSetting: PlacementSetting | null,
): CareOutcome {
  const { settings, familyHome } = context
  const age = ageOn(child.dateOfBirth, entry)
  const eighteenth = addYears(child.dateOfBirth, 18)
  const plan: ExitPlan = route === 'uasc' ? 'longTerm' : route === 'remand' ? 'home' : exitPlanFor(rng, age)

  let exitDay: Day
  let reasonEnded: string
  switch (plan) {
    case 'adoption':
      exitDay = entry + Math.round(rng.logNormal(560, 0.3))
      reasonEnded = rng.chance(0.7) ? 'E11' : 'E12'
      break
    case 'specialGuardianship':
      exitDay = entry + Math.round(rng.logNormal(400, 0.4))
      reasonEnded = rng.weighted(REC_SPECIAL_GUARDIANSHIP)
      break
    case 'home': {
      const median = route === 'remand' ? 45 : age >= 16 ? 150 : age >= 5 ? 290 : 230
      exitDay = entry + Math.max(1, Math.round(rng.logNormal(median, 0.8)))
      reasonEnded = route === 'remand' ? (rng.chance(0.3) ? 'E9' : 'E14') : rng.weighted(REC_RETURN_HOME)
      break
    }
    case 'longTerm':
      exitDay = eighteenth
      reasonEnded = rng.weighted(REC_AT_18)
      break
  }
  if (exitDay >= eighteenth) {
    exitDay = eighteenth
    reasonEnded = child.disabled && rng.chance(0.5) ? 'E7' : rng.weighted(REC_AT_18)
  }
  if (exitDay <= entry) exitDay = entry + 1

  // Legal status changes along the way.
  const changes: Change[] = []
  const legalStatus = initialLegalStatus(rng, route, age)
  let current = legalStatus
  if (current === 'L1' || current === 'L2') {
    const day = entry + (current === 'L1' ? rng.int(1, 3) : rng.int(5, 8))
    current = rng.chance(current === 'L1' ? 0.6 : 0.8) ? 'C1' : 'V2'
    if (day < exitDay) changes.push({ day, legalStatus: current })
  }
  const courtRoute = plan === 'adoption' || ((plan === 'longTerm' || plan === 'specialGuardianship') && rng.chance(0.6))
  if (current === 'V2' && courtRoute && route !== 'uasc') {
    const day = entry + rng.int(30, 150)
    current = 'C1'
    if (day < exitDay) changes.push({ day, legalStatus: 'C1' })
  }
  if (current === 'C1') {
    const finalHearing = entry + Math.round(rng.logNormal(245, 0.25))
    if (plan === 'adoption') {
      const orderDay = Math.min(finalHearing, exitDay - 120)
      if (orderDay > entry) changes.push({ day: orderDay, legalStatus: 'E1' })
    } else if (finalHearing < exitDay) {
      changes.push({ day: finalHearing, legalStatus: 'C2' })
    }
  }

  // Placements: the first, moves over time, and the adoptive placement.
  const first = choosePlacement(rng, age, child.disabled)
  const firstSetting =
    sharedFirstSetting ??
    (route === 'remand'
      ? rng.chance(0.5)
        ? settings.setting('youthCustody', 'R5', rng, familyHome)
        : settings.setting('agencyFoster', 'U6', rng, familyHome)
      : age === 0 && rng.chance(0.06)
        ? settings.setting('motherAndBaby', 'R3', rng, familyHome)
        : settings.setting(first.kind, first.placement, rng, familyHome))
  const lengthYears = (exitDay - entry) / 365.25
  const moveRate = age >= 11 ? 0.55 : age >= 5 ? 0.35 : 0.3
  const moves =
    plan === 'adoption' ? Math.min(1, rng.poisson(moveRate * lengthYears)) : rng.poisson(moveRate * lengthYears)
  for (let index = 0; index < moves; index++) {
    const day = entry + rng.int(7, Math.max(8, exitDay - entry - 1))
    if (day >= exitDay) continue
    const ageThen = ageOn(child.dateOfBirth, day)
    const next = choosePlacement(rng, ageThen, child.disabled)
    changes.push({
      day,
      setting: settings.setting(next.kind, next.placement, rng, familyHome),
      reasonPlaceChange: rng.weighted(PLACEMENT_CHANGE_REASON),
    })
  }
  if (plan === 'adoption') {
    const placedDay = exitDay - Math.round(rng.logNormal(240, 0.25))
    if (placedDay > entry) {
      const withCurrentCarers = rng.chance(0.2)
      const placement = withCurrentCarers ? 'A5' : 'A6'
      changes.push({
        day: placedDay,
        setting: settings.setting('adopters', placement, rng, familyHome),
        sameCarers: withCurrentCarers,
        reasonPlaceChange: 'CARPL',
      })
    }
  } else if (plan === 'home' && route !== 'remand' && rng.chance(0.25) && exitDay - entry > 120) {
    changes.push({
      day: exitDay - rng.int(60, 110),
      setting: settings.setting('parents', 'P1', rng, familyHome),
      reasonPlaceChange: 'CARPL',
    })
  }

  const episodes = buildEpisodes(entry, exitDay, reasonEnded, legalStatus, firstSetting, categoryOfNeed, changes)
  return {
    period: clipPeriod({ start: entry, end: exitDay, reasonEnded, episodes }, context.asAt),
    exitDay,
    reasonEnded,
  }
}

/** The legal status a placement can be held under, keeping the child's current one when it fits. */
function legalStatusFor(placement: string, legalStatus: string): string {
  if (placement === 'P1' && legalStatus === 'V2') return 'C2'
  if ((placement === 'A5' || placement === 'A6') && legalStatus !== 'E1' && legalStatus !== 'D1') return 'E1'
  return legalStatus
}

/**
 * The same placement in the services' sense: same type, provider, postcode and home, or the same
 * Ofsted-registered setting (a move between rooms of one registered setting is no 903 placement change:
 * DfE rule 435).
 */
function sameSetting(a: PlacementSetting, b: PlacementSetting): boolean {
  return (
    a.placement === b.placement &&
    a.provider === b.provider &&
    a.postcode.postcode === b.postcode.postcode &&
    (a.key === b.key || (a.urn !== null && a.urn === b.urn))
  )
}

/** Folds legal status and placement changes into contiguous, non-overlapping 903 episodes. */
function buildEpisodes(
  entry: Day,
  exitDay: Day,
  reasonEnded: string,
  legalStatus: string,
  setting: PlacementSetting,
  categoryOfNeed: string,
  changes: Change[],
): EpisodeStory[] {
  changes.sort((a, b) => a.day - b.day)
  const episodes: EpisodeStory[] = []
  let current: EpisodeStory = {
    start: entry,
    end: null,
    rne: 'S',
    legalStatus: legalStatusFor(setting.placement, legalStatus),
    categoryOfNeed,
    setting,
    reasonPlaceChange: null,
    reasonEnded: null,
  }
  for (const change of changes) {
    if (change.day <= current.start || change.day >= exitDay) continue
    const next = change.setting ?? current.setting
    // The legal status the new placement needs (the services refuse anything else): a placement with
    // parents is not section 20 accommodation, and a placement for adoption under a placement order
    // (A5, A6) is held under the order.
    const needed = legalStatusFor(next.placement, change.legalStatus ?? current.legalStatus)
    if (needed !== (change.legalStatus ?? current.legalStatus)) change.legalStatus = needed
    const legalChanged = change.legalStatus !== undefined && change.legalStatus !== current.legalStatus
    const placementChanged = change.setting !== undefined && !sameSetting(change.setting, current.setting)
    if (!legalChanged && !placementChanged) continue
    const rne = legalChanged
      ? placementChanged
        ? change.sameCarers
          ? 'U'
          : 'B'
        : 'L'
      : change.sameCarers
        ? 'T'
        : 'P'
    current.end = change.day
    current.reasonEnded = 'X1'
    if (placementChanged && !current.setting.placement.startsWith('T')) {
      current.reasonPlaceChange = change.reasonPlaceChange ?? 'CARPL'
    }
    episodes.push(current)
    current = {
      start: change.day,
      end: null,
      rne,
      legalStatus: change.legalStatus ?? current.legalStatus,
      categoryOfNeed,
      setting: placementChanged ? next : current.setting,
      reasonPlaceChange: null,
      reasonEnded: null,
    }
  }
  current.end = exitDay
  current.reasonEnded = reasonEnded
  episodes.push(current)
  for (const episode of episodes) {
    if (PLACE_WITH_PROVIDER_BLANK.has(episode.setting.placement))
      episode.setting = { ...episode.setting, provider: null }
  }
  return episodes
}

/** Drops what happens after the as-at date; whatever is still running is left open. */
function clipPeriod(period: CarePeriodStory, asAt: Day): CarePeriodStory {
  const episodes = period.episodes
    .filter((episode) => episode.start <= asAt)
    .map((episode) =>
      episode.end !== null && episode.end > asAt
        ? { ...episode, end: null, reasonEnded: null, reasonPlaceChange: null }
        : episode,
    )
  const open = period.end !== null && period.end > asAt
  return { start: period.start, end: open ? null : period.end, reasonEnded: open ? null : period.reasonEnded, episodes }
}

/** Days looked after on or after the 14th birthday, for the care leaver test (13 weeks). */
export function daysInCareFrom14(dateOfBirth: Day, start: Day, end: Day): number {
  const fourteenth = addYears(dateOfBirth, 14)
  return Math.max(0, end - Math.max(start, fourteenth))
}
