import type { Day } from './dates.js'
import type { Postcode } from './postcodes.js'

/**
 * A child's story: what happened to them, as plain values, before anything is turned into table rows.
 * The simulation (journey.ts) writes stories; the writers turn a story into rows. Ends after the "as
 * at" date are already cut off: an open plan, episode or period has `end: null`.
 */
export interface ChildStory {
  ordinal: number
  firstName: string
  lastName: string
  preferredName: string | null
  sex: 'M' | 'F'
  dateOfBirth: Day
  /** Set for a child referred before birth; they are unborn at the as-at date when dateOfBirth > asAt. */
  expectedDateOfBirth: Day | null
  ethnicity: string
  disabilities: string[]
  languages: string[]
  uasc: boolean
  uascCeased: Day | null
  cinEpisodes: CinEpisodeStory[]
  carePeriods: CarePeriodStory[]
  careLeaver: CareLeaverStory | null
  /** The whole story, from first referral to last activity (care leaving services end at 21 or later). */
  firstActivity: Day
  lastActivity: Day | null
}

export type AssessmentOutcome = 'no_further_action' | 'early_help' | 'cin_plan' | 'strategy_discussion' | 'looked_after'

export interface AssessmentStory {
  start: Day
  authorised: Day | null
  factors: string[]
  /** Null while the assessment is still open. */
  outcome: AssessmentOutcome | null
}

export interface CinPlanStory {
  start: Day
  end: Day | null
}

export interface Section47Story {
  strategyDay: Day
  start: Day
  end: Day | null
  /** The enquiry concluded that an initial child protection conference was needed. */
  icpcRequired: boolean
  icpcDay: Day | null
  /** The conference made a child protection plan. */
  planMade: boolean
  outcome: 'initial_conference' | 'cin_plan' | 'no_further_action' | null
}

export type AbuseCategory = 'NEG' | 'PHY' | 'SAB' | 'EMO' | 'MUL'

export interface CpPlanStory {
  start: Day
  end: Day | null
  initialCategory: AbuseCategory
  latestCategory: AbuseCategory
  /** Review conferences held up to the as-at date: 3 months after the ICPC, then every 6 months. */
  reviewDays: Day[]
}

export interface CinEpisodeStory {
  referralDay: Day
  referralSource: string
  reReferral: boolean
  nfa: boolean
  primaryNeed: string
  assessment: AssessmentStory | null
  cinPlans: CinPlanStory[]
  section47s: Section47Story[]
  cpPlans: CpPlanStory[]
  closureDay: Day | null
  closureReason: string | null
}

export interface PlacementSetting {
  /** Which pool the setting comes from, and its key in the pool (shared homes have the same key). */
  kind: string
  key: string
  placement: string
  provider: string | null
  postcode: Postcode
  inBorough: boolean
  /** An Ofsted-style unique reference number for registered settings; null for family placements. */
  urn: string | null
  /** Residential care in the sense of the committee's "63 children needed residential care". */
  residential: boolean
}

/** One row of the 903 Episodes table: a change of legal status or placement starts a new one. */
export interface EpisodeStory {
  start: Day
  end: Day | null
  rne: string
  legalStatus: string
  categoryOfNeed: string
  setting: PlacementSetting
  reasonPlaceChange: string | null
  reasonEnded: string | null
}

export interface CarePeriodStory {
  start: Day
  end: Day | null
  reasonEnded: string | null
  episodes: EpisodeStory[]
}

export interface CareLeaverStatusStory {
  /** Recorded around each birthday from 17 to 21 (the 903 OC3 return's timing). */
  day: Day
  age: number
  inTouch: string
  activity: string
  accommodation: string
}

export interface CareLeaverStory {
  /** The day they stopped being looked after (relevant or former relevant from then). */
  leftCare: Day
  personalAdviserFrom: Day
  /** Services end at 21, or later (to 25) for some in education or who ask for support. */
  servicesEnd: Day | null
  stayingPut: boolean
  stayingPutEnd: Day | null
  statuses: CareLeaverStatusStory[]
}

export interface FamilyStory {
  key: number
  surname: string
  home: Postcode
  children: ChildStory[]
}
