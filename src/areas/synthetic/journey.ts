import { becomesCareLeaver, simulateCareLeaver } from './care-leaver.js'
import { simulateCarePeriod, type CareRoute } from './care.js'
import { addMonths, addWorkingDays, ageOn, nextWorkingDay, type Day } from './dates.js'
import {
  ADOLESCENT_FACTORS,
  ASSESSMENT_FACTORS,
  CP_CATEGORY,
  DISABILITY_REFERRAL_SOURCE,
  PRE_BIRTH_REFERRAL_SOURCE,
  PRIMARY_NEED,
  REFERRAL_SOURCE,
} from './distributions.js'
import { createChildren, finishActivity, type FamilyKind, type Member } from './family.js'
import { surname } from './names.js'
import { pickPostcode, type Postcode, type PostcodePool } from './postcodes.js'
import type { Rng } from './rng.js'
import type { SettingCatalogue } from './settings.js'
import type {
  AbuseCategory,
  AssessmentOutcome,
  AssessmentStory,
  CinEpisodeStory,
  FamilyStory,
  PlacementSetting,
} from './story.js'

/**
 * The simulation of one family's contact with children's social care, from its first referral to the
 * last child's case closing (and any re-referral after). Timescales and transition shares are the
 * calibration knobs below, tuned so a Blackpool-sized council holds the target numbers on the as-at
 * date (see plan.ts BLACKPOOL_TARGETS and the generator test).
 */
export const TUNING = {
  /** New families referred per day at size 1 (re-referrals come on top). */
  newFamiliesPerDay: 3.9,
  preBirthShare: 0.075,
  disabledShare: 0.035,
  uascShare: 0.004,
  nfaShare: 0.08,
  assessmentMedianWorkingDays: 24,
  afterAssessment: [
    ['close', 57.5],
    ['cin', 28],
    ['s47', 12.5],
    ['care', 2.2],
  ] as const,
  /** Pre-birth assessments escalate more often, and some babies are removed at birth. */
  afterPreBirthAssessment: [
    ['close', 34],
    ['cin', 18],
    ['s47', 30],
    ['care', 18],
  ] as const,
  cinPlanMedianDays: 122,
  disabledCinPlanMedianDays: 1400,
  cpPlanMedianDays: 180,
  reReferralShare: 0.3,
  reReferralMeanGapDays: 220,
  /** Referral volumes fall slowly: this much higher per year before the as-at date. */
  yearlyDecline: 0.02,
} as const

export interface SimulationContext {
  rng: Rng
  asAt: Day
  pool: PostcodePool
  settings: SettingCatalogue
}

type Phase =
  | { kind: 'cin'; day: Day }
  | { kind: 's47'; day: Day }
  | { kind: 'cp'; day: Day }
  | { kind: 'care'; day: Day; route: CareRoute }
  | { kind: 'close'; day: Day; reason: string }
  | { kind: 'done' }

export function simulateFamily(context: SimulationContext, key: number, firstReferral: Day): FamilyStory {
  const rng = context.rng.fork('family', key)
  const kind: FamilyKind = rng.weighted<FamilyKind>([
    ['uasc', TUNING.uascShare],
    ['disabled', TUNING.disabledShare],
    ['preBirth', TUNING.preBirthShare],
    ['general', 1 - TUNING.uascShare - TUNING.disabledShare - TUNING.preBirthShare],
  ])
  const family: FamilyStory = {
    key,
    surname: surname(rng),
    home: pickPostcode(rng, context.pool.inBorough),
    children: [],
  }
  const members = createChildren(rng, family, kind, firstReferral)
  const simulation = new FamilySimulation(context, rng, kind, members, family.home)
  let referralDay = firstReferral
  for (let involvement = 0; involvement < 8 && referralDay <= context.asAt; involvement++) {
    const closed = simulation.involvement(referralDay)
    if (closed === null || closed > context.asAt || !rng.chance(TUNING.reReferralShare)) break
    referralDay = closed + 7 + Math.round(rng.exponential(TUNING.reReferralMeanGapDays))
  }
  family.children = members.filter((member) => member.story.cinEpisodes.length > 0).map((member) => member.story)
  for (const child of family.children) finishActivity(child)
  return family
}

class FamilySimulation {
  private readonly asAt: Day
  private members: Member[] = []
  /** When the current involvement's assessment was (or will be) authorised: nothing closes before it. */
  private assessmentDone: Day = 0

  constructor(
    private readonly context: SimulationContext,
    private readonly rng: Rng,
    private readonly kind: FamilyKind,
    private readonly family: Member[],
    private readonly home: Postcode,
  ) {
    this.asAt = context.asAt
  }

  private clip(day: Day): Day | null {
    return day > this.asAt ? null : day
  }

  private open(): Member[] {
    return this.members.filter((member) => member.open)
  }

  /** Runs one referral to closure; returns the day the last child's case closed, or null if still open. */
  involvement(referralDay: Day): Day | null {
    const rng = this.rng
    this.members = this.family.filter((member) => {
      const born = member.story.dateOfBirth <= referralDay
      const unborn = member.story.expectedDateOfBirth !== null && member.story.dateOfBirth > referralDay
      return (born && referralDay < member.eighteenth) || (unborn && member.story.dateOfBirth - referralDay < 200)
    })
    if (this.members.length === 0) return null
    this.assessmentDone = 0
    const source =
      this.kind === 'disabled'
        ? rng.weighted(DISABILITY_REFERRAL_SOURCE)
        : this.kind === 'preBirth' && this.members.some((member) => member.story.dateOfBirth > referralDay)
          ? rng.weighted(PRE_BIRTH_REFERRAL_SOURCE)
          : this.kind === 'uasc'
            ? rng.weighted([
                ['7', 40],
                ['8', 30],
                ['6', 30],
              ] as const)
            : rng.weighted(REFERRAL_SOURCE)
    const nfa = this.kind === 'general' && rng.chance(TUNING.nfaShare)
    const primaryNeed = nfa
      ? 'N0'
      : this.kind === 'disabled'
        ? 'N2'
        : this.kind === 'uasc'
          ? 'N8'
          : rng.weighted(PRIMARY_NEED)
    for (const member of this.members) {
      const episode: CinEpisodeStory = {
        referralDay,
        referralSource: source,
        reReferral: member.lastReferral !== null && referralDay - member.lastReferral <= 365,
        nfa,
        primaryNeed,
        assessment: null,
        cinPlans: [],
        section47s: [],
        cpPlans: [],
        closureDay: null,
        closureReason: null,
      }
      member.story.cinEpisodes.push(episode)
      member.episode = episode
      member.open = true
      member.lastReferral = referralDay
    }
    if (nfa) {
      this.closeAll(referralDay, 'RC7')
      return referralDay
    }

    let phase = this.assessment(referralDay)
    for (let step = 0; step < 12 && phase.kind !== 'done'; step++) {
      if (phase.day > this.asAt) break
      phase = this.run(phase)
      if (this.open().length === 0) break
    }
    if (this.members.some((member) => member.open)) return null
    const closedOn = Math.max(...this.members.map((member) => member.closedOn))
    return closedOn > this.asAt ? null : closedOn
  }

  private run(phase: Phase): Phase {
    // Anyone who turned 18 while the family waited for this step has left children's services.
    if (phase.kind !== 'done') this.ageOut(phase.day)
    switch (phase.kind) {
      case 'cin':
        return this.cinPlan(phase.day)
      case 's47':
        return this.section47(phase.day)
      case 'cp':
        return this.cpPlan(phase.day)
      case 'care':
        return this.care(phase.day, phase.route)
      case 'close':
        this.closeAll(phase.day, phase.reason)
        return { kind: 'done' }
      case 'done':
        return phase
    }
  }

  private close(member: Member, rawDay: Day, reason: string): void {
    // Never before the assessment is authorised (the CIN census rejects activity after closure).
    const day = Math.min(Math.max(rawDay, this.assessmentDone), Math.max(rawDay, member.eighteenth))
    member.open = false
    member.closedOn = day
    if (member.episode !== null && day <= this.asAt) {
      member.episode.closureDay = day
      member.episode.closureReason = reason
    }
  }

  private closeAll(day: Day, reason: string): void {
    const settled = Math.max(day, this.assessmentDone)
    for (const member of this.open()) this.close(member, Math.min(settled, member.eighteenth), reason)
  }

  /** Children who turn 18 before a phase ends leave children's services on their birthday. */
  private ageOut(end: Day): void {
    for (const member of this.open()) {
      if (member.eighteenth <= end) this.close(member, member.eighteenth, member.disabled ? 'RC6' : 'RC7')
    }
  }

  private assessment(referralDay: Day): Phase {
    const rng = this.rng
    const start = nextWorkingDay(referralDay + rng.int(0, 2))
    const workingDays = Math.min(95, Math.max(2, Math.round(rng.logNormal(TUNING.assessmentMedianWorkingDays, 0.5))))
    const authorised = addWorkingDays(start, workingDays)
    this.assessmentDone = authorised
    const familyFactors = new Set<string>()
    const count = rng.weighted([
      [1, 30],
      [2, 35],
      [3, 25],
      [4, 10],
    ] as const)
    while (familyFactors.size < count) familyFactors.add(rng.weighted(ASSESSMENT_FACTORS))
    const recorded: AssessmentStory[] = []
    for (const member of this.members) {
      // Someone referred days before their 18th birthday leaves on it, before an assessment starts.
      if (member.episode === null || start > this.asAt || start >= member.eighteenth) continue
      const age = ageOn(member.story.dateOfBirth, referralDay)
      const factors = [...familyFactors].filter((factor) => age >= 11 || !ADOLESCENT_FACTORS.has(factor))
      if (this.kind === 'disabled') factors.push('5A')
      if (this.kind === 'uasc') factors.push('9A')
      if (factors.length === 0) factors.push('3B')
      // A young person who turns 18 during the assessment has it concluded on their birthday.
      const concluded = Math.min(authorised, Math.max(start, member.eighteenth))
      const assessment: AssessmentStory = { start, authorised: this.clip(concluded), factors, outcome: null }
      member.episode.assessment = assessment
      recorded.push(assessment)
    }
    this.ageOut(authorised)
    const next = this.afterAssessment(referralDay, start, authorised, workingDays)
    const outcome: AssessmentOutcome =
      next.kind === 'close'
        ? next.reason === 'RC9'
          ? 'early_help'
          : 'no_further_action'
        : next.kind === 's47'
          ? 'strategy_discussion'
          : next.kind === 'care'
            ? 'looked_after'
            : 'cin_plan'
    if (authorised <= this.asAt) for (const assessment of recorded) assessment.outcome = outcome
    return next
  }

  private afterAssessment(referralDay: Day, start: Day, authorised: Day, workingDays: number): Phase {
    const rng = this.rng
    if (this.kind === 'disabled') return { kind: 'cin', day: authorised }
    if (this.kind === 'uasc') return { kind: 'care', day: referralDay, route: 'uasc' }
    const outcome = rng.weighted(this.kind === 'preBirth' ? TUNING.afterPreBirthAssessment : TUNING.afterAssessment)
    switch (outcome) {
      case 'close':
        return { kind: 'close', day: authorised, reason: rng.chance(0.65) ? 'RC8' : 'RC9' }
      case 'cin':
        return { kind: 'cin', day: authorised }
      case 's47':
        return { kind: 's47', day: addWorkingDays(start, rng.int(0, Math.min(8, workingDays))) }
      case 'care': {
        const teenager = this.members.every((member) => ageOn(member.story.dateOfBirth, referralDay) >= 13)
        const route: CareRoute = teenager && rng.chance(0.12) ? 'remand' : 'emergency'
        return { kind: 'care', day: addWorkingDays(start, rng.int(0, 5)), route }
      }
    }
  }

  private cinPlan(start: Day): Phase {
    const rng = this.rng
    const median = this.kind === 'disabled' ? TUNING.disabledCinPlanMedianDays : TUNING.cinPlanMedianDays
    const end = start + Math.max(28, Math.round(rng.logNormal(median, 0.7)))
    for (const member of this.open()) {
      if (member.episode === null || start > this.asAt) continue
      member.episode.cinPlans.push({ start, end: this.clip(Math.min(end, member.eighteenth)) })
    }
    this.ageOut(end)
    const disabledCare = this.kind === 'disabled' && rng.chance(0.12)
    const outcome = disabledCare
      ? 'care'
      : rng.weighted([
          ['close', this.kind === 'disabled' ? 100 : 88],
          ['s47', this.kind === 'disabled' ? 0 : 9],
          ['care', this.kind === 'disabled' ? 0 : 3],
        ] as const)
    if (outcome === 'close') return { kind: 'close', day: end, reason: 'RC7' }
    if (outcome === 's47') return { kind: 's47', day: end }
    return { kind: 'care', day: end, route: this.kind === 'disabled' ? 'disability' : 'protection' }
  }

  private section47(day: Day): Phase {
    const rng = this.rng
    const strategyDay = nextWorkingDay(day)
    const icpcRequired = rng.chance(0.72)
    const icpcDay = addWorkingDays(strategyDay, Math.min(40, Math.max(3, Math.round(rng.logNormal(11, 0.35)))))
    const end = Math.min(icpcDay, addWorkingDays(strategyDay, rng.int(5, 12)))
    // A case is not closed, nor a plan started, before the assessment behind it is authorised.
    const settled = Math.max(end, this.assessmentDone)
    const planMade = icpcRequired && rng.chance(0.88)
    const next: Phase = planMade
      ? { kind: 'cp', day: icpcDay }
      : icpcRequired
        ? { kind: 'cin', day: icpcDay }
        : rng.chance(0.55)
          ? { kind: 'cin', day: settled }
          : { kind: 'close', day: settled, reason: 'RC8' }
    const outcome = icpcRequired ? 'initial_conference' : next.kind === 'cin' ? 'cin_plan' : 'no_further_action'
    for (const member of this.open()) {
      if (member.episode === null || strategyDay > this.asAt) continue
      member.episode.section47s.push({
        strategyDay,
        start: strategyDay,
        end: this.clip(end),
        icpcRequired,
        icpcDay: icpcRequired ? this.clip(icpcDay) : null,
        planMade: planMade && icpcDay <= this.asAt,
        outcome: end <= this.asAt ? outcome : null,
      })
    }
    return next
  }

  private cpPlan(start: Day): Phase {
    const rng = this.rng
    const target = start + Math.round(rng.logNormal(TUNING.cpPlanMedianDays, 0.55))
    const reviews: Day[] = []
    let review = nextWorkingDay(addMonths(start, 3) - rng.int(0, 10))
    while (true) {
      const held = rng.chance(0.93) ? review : addWorkingDays(review, rng.int(1, 15))
      reviews.push(held)
      if (held >= target) break
      review = nextWorkingDay(addMonths(held, 6) - rng.int(0, 10))
    }
    const end = reviews[reviews.length - 1] ?? target
    const initialCategory: AbuseCategory = rng.weighted(CP_CATEGORY)
    const latestCategory: AbuseCategory = rng.chance(0.85) ? initialCategory : rng.weighted(CP_CATEGORY)
    for (const member of this.open()) {
      if (member.episode === null || start > this.asAt) continue
      const memberEnd = Math.min(end, member.eighteenth)
      member.episode.cpPlans.push({
        start,
        end: this.clip(memberEnd),
        initialCategory,
        latestCategory,
        reviewDays: reviews.filter((day) => day <= memberEnd && day <= this.asAt),
      })
    }
    this.ageOut(end)
    const outcome = rng.weighted([
      ['cin', 59],
      ['close', 24],
      ['care', 12],
      ['transfer', 5],
    ] as const)
    if (outcome === 'cin') return { kind: 'cin', day: end }
    if (outcome === 'care') return { kind: 'care', day: end, route: 'protection' }
    return { kind: 'close', day: end, reason: outcome === 'transfer' ? 'RC5' : 'RC7' }
  }

  private care(day: Day, route: CareRoute): Phase {
    const rng = this.rng
    const open = this.open()
    const together = open.length > 1 && rng.chance(0.65)
    let shared: PlacementSetting | null = null
    if (together) {
      const kind = rng.weighted([
        ['kinship', 30],
        ['inHouseFoster', 35],
        ['agencyFoster', 35],
      ] as const)
      shared = this.context.settings.setting(kind, kind === 'kinship' ? 'U3' : 'U6', rng, this.home)
    }
    for (const member of open) {
      const entry = Math.max(day, member.story.dateOfBirth)
      if (entry >= member.eighteenth) {
        this.close(member, member.eighteenth, 'RC7')
        continue
      }
      if (entry > this.asAt) continue
      const childRng = rng.fork('care', member.story.ordinal, entry)
      const categoryOfNeed = ['N0', 'N9'].includes(member.episode?.primaryNeed ?? 'N1')
        ? 'N1'
        : (member.episode?.primaryNeed ?? 'N1')
      const outcome = simulateCarePeriod(
        childRng,
        { asAt: this.asAt, settings: this.context.settings, familyHome: this.home },
        { dateOfBirth: member.story.dateOfBirth, disabled: member.story.disabilities.length > 0 },
        entry,
        route,
        categoryOfNeed,
        shared,
      )
      member.story.carePeriods.push(outcome.period)
      if (member.story.uasc) {
        member.story.uascCeased = this.clip(member.eighteenth)
      }
      if (becomesCareLeaver(member.story.dateOfBirth, entry, outcome.exitDay, outcome.reasonEnded)) {
        if (outcome.exitDay <= this.asAt) {
          member.story.careLeaver = simulateCareLeaver(
            childRng.fork('leaver'),
            member.story.dateOfBirth,
            entry,
            outcome.exitDay,
            outcome.reasonEnded,
            this.asAt,
          )
        }
      }
      this.afterCare(member, outcome.exitDay, outcome.reasonEnded, childRng)
    }
    return { kind: 'done' }
  }

  /** What happens to the child's case when care ends. */
  private afterCare(member: Member, exit: Day, reason: string, rng: Rng): void {
    if (exit > this.asAt) return
    switch (reason) {
      case 'E11':
      case 'E12':
        return this.close(member, exit, 'RC1')
      case 'E45':
      case 'E46':
      case 'E47':
      case 'E48':
        return this.close(member, exit, 'RC4')
      case 'E41':
        return this.close(member, exit, 'RC3')
      case 'E3':
        return this.close(member, exit, 'RC5')
      case 'E7':
        return this.close(member, exit, 'RC6')
      case 'E4A':
      case 'E4B':
      case 'E13': {
        if (exit >= member.eighteenth) return this.close(member, exit, 'RC7')
        const end = Math.min(member.eighteenth, exit + Math.round(rng.logNormal(120, 0.5)))
        member.episode?.cinPlans.push({ start: exit, end: this.clip(end) })
        if (end > this.asAt) return
        return this.close(member, end, 'RC7')
      }
      default:
        return this.close(member, exit, 'RC7')
    }
  }
}
