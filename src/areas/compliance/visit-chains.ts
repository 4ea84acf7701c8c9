import type { VisitType } from '../../db/tables/compliance.js'
import { addCalendarMonths, type IsoDate } from './calendar.js'
import type { ChildFacts } from './child-facts.js'
import type { ClockEvent, DueFamily } from './due-item.js'
import type { RuleBook } from './rule-book.js'

/**
 * Visit clocks as chains: a chain starts with a plan or a placement, and each visit at which the child
 * was seen restarts it, so an interval always runs from the last actual visit (a visit done early
 * resets the clock from its own date). A new placement is a new chain: the clock restarts with the
 * first-week rule. The current due item of a chain is its last, unmet obligation; visit timeliness
 * replays every obligation.
 */
export interface VisitChain {
  childId: number
  family: Extract<DueFamily, 'cp_visit' | 'cin_visit' | 'looked_after_visit'>
  visitType: VisitType
  /** The plan or placement. */
  subjectId: number
  start: IsoDate
  startEvent: ClockEvent
  end: IsoDate | null
  /** Dates the child was seen on a visit of the chain's type, within the chain, ascending. */
  seenVisits: IsoDate[]
  /** Which rule sets the next interval, judged on the date the clock (re)starts. */
  ruleAt: (anchor: IsoDate, visited: boolean) => string
}

export interface VisitObligation {
  chain: VisitChain
  ruleId: string
  dueDate: IsoDate
  fromEvent: ClockEvent
  fromDate: IsoDate
  /** The visit that met it (on time or late), or null if none yet. */
  metOn: IsoDate | null
}

/** Short breaks (903 legal status V3, V4) follow regulation 48, not these clocks. */
export const SHORT_BREAK_LEGAL_STATUSES = ['V3', 'V4']
/** 903 PLACE long-term fostering: a placement intended to last until the child is 18. */
export const LONG_TERM_PLACEMENT_TYPES = ['U1', 'U4']

type Period = ChildFacts['periodsOfCare'][number]

export function reviewInPeriod(review: ChildFacts['lookedAfterReviews'][number], period: Period): boolean {
  if (review.periodOfCareId !== null) return review.periodOfCareId === period.id
  return review.reviewDate >= period.startDate && (period.endDate === null || review.reviewDate <= period.endDate)
}

/** The episode in force on a date: the latest one of the period starting on or before it. */
export function episodeOn(facts: ChildFacts, periodId: number, on: IsoDate) {
  let found: ChildFacts['episodes'][number] | undefined
  for (const episode of facts.episodes) {
    if (episode.periodOfCareId !== periodId || episode.startDate > on) continue
    if (
      found === undefined ||
      episode.startDate > found.startDate ||
      (episode.startDate === found.startDate && episode.id > found.id)
    ) {
      found = episode
    }
  }
  return found
}

/** The period's latest episode: short breaks are judged on it. */
export function latestEpisode(facts: ChildFacts, periodId: number) {
  return episodeOn(facts, periodId, '9999-12-31')
}

export function isShortBreaks(facts: ChildFacts, period: Period): boolean {
  return SHORT_BREAK_LEGAL_STATUSES.includes(latestEpisode(facts, period.id)?.legalStatus ?? '')
}

/** The open period of care (the latest, if the data holds more than one). */
export function openPeriodOfCare(facts: ChildFacts): Period | undefined {
  return facts.periodsOfCare
    .filter((period) => period.endDate === null)
    .sort((a, b) => b.startDate.localeCompare(a.startDate) || b.id - a.id)[0]
}

function seen(facts: ChildFacts, type: VisitType, start: IsoDate, end: IsoDate | null): IsoDate[] {
  const dates = facts.visits
    .filter(
      (visit) => visit.type === type && visit.childSeen && visit.date >= start && (end === null || visit.date <= end),
    )
    .map((visit) => visit.date)
  return [...new Set(dates)].sort()
}

function lookedAfterRule(facts: ChildFacts, placement: ChildFacts['placements'][number], period: Period) {
  return (anchor: IsoDate, visited: boolean): string => {
    const legalStatus = episodeOn(facts, period.id, anchor)?.legalStatus ?? null
    const weekly =
      placement.approvalType === 'temporarily_approved_connected_carer' ||
      (legalStatus === 'C1' && placement.placementType === 'P1')
    if (weekly) {
      const reviewed = facts.lookedAfterReviews.some(
        (review) => reviewInPeriod(review, period) && review.reviewDate <= anchor,
      )
      return reviewed
        ? 'cpr.visit.connected_person_or_ico_at_home.after_first_review'
        : 'cpr.visit.connected_person_or_ico_at_home'
    }
    if (!visited) return 'cpr.visit.first'
    if (anchor < addCalendarMonths(placement.startDate, 12)) return 'cpr.visit.year1'
    return LONG_TERM_PLACEMENT_TYPES.includes(placement.placementType)
      ? 'cpr.visit.after_year1.permanent'
      : 'cpr.visit.after_year1.other'
  }
}

function periodOfPlacement(facts: ChildFacts, placement: ChildFacts['placements'][number]): Period | undefined {
  const linked = facts.episodes.find((episode) => episode.placementId === placement.id)
  if (linked !== undefined) return facts.periodsOfCare.find((period) => period.id === linked.periodOfCareId)
  return facts.periodsOfCare.find(
    (period) =>
      period.startDate <= placement.startDate && (period.endDate === null || period.endDate >= placement.startDate),
  )
}

/**
 * The visit chains of a child: every plan and placement (for timeliness), or only the open ones (for
 * what is due now). For a looked-after child now, only the current placement of the open period of care.
 */
export function visitChains(facts: ChildFacts, options: { openOnly: boolean }): VisitChain[] {
  const chains: VisitChain[] = []
  const plan = (
    family: 'cp_visit' | 'cin_visit',
    visitType: VisitType,
    rule: string,
    startEvent: ClockEvent,
    plans: ChildFacts['cpPlans'],
  ) => {
    for (const each of plans) {
      if (options.openOnly && each.endDate !== null) continue
      chains.push({
        childId: facts.childId,
        family,
        visitType,
        subjectId: each.id,
        start: each.startDate,
        startEvent,
        end: each.endDate,
        seenVisits: seen(facts, visitType, each.startDate, each.endDate),
        ruleAt: () => rule,
      })
    }
  }
  plan('cp_visit', 'child_protection', 'local.cp.visit', 'cp_plan_start', facts.cpPlans)
  plan('cin_visit', 'child_in_need', 'local.cin.visit', 'cin_plan_start', facts.cinPlans)

  let placements = facts.placements
  if (options.openOnly) {
    const period = openPeriodOfCare(facts)
    const current = facts.placements
      .filter((placement) => placement.endDate === null)
      .sort((a, b) => b.startDate.localeCompare(a.startDate) || b.id - a.id)[0]
    placements = period === undefined || current === undefined ? [] : [current]
  }
  for (const placement of placements) {
    const period = options.openOnly ? openPeriodOfCare(facts) : periodOfPlacement(facts, placement)
    if (period === undefined || isShortBreaks(facts, period)) continue
    chains.push({
      childId: facts.childId,
      family: 'looked_after_visit',
      visitType: 'looked_after',
      subjectId: placement.id,
      start: placement.startDate,
      startEvent: 'placement_start',
      end: placement.endDate,
      seenVisits: seen(facts, 'looked_after', placement.startDate, placement.endDate),
      ruleAt: lookedAfterRule(facts, placement, period),
    })
  }
  return chains
}

/** Every obligation of a chain in order: the first from its start, then one from each visit. */
export function* chainObligations(chain: VisitChain, rules: RuleBook): Generator<VisitObligation> {
  let anchor = chain.start
  let event: ClockEvent = chain.startEvent
  let visited = false
  let next = 0
  for (let guard = 0; guard < 10_000; guard++) {
    const ruleId = chain.ruleAt(anchor, visited)
    const dueDate = rules.due(ruleId, anchor)
    if (dueDate === null || (chain.end !== null && dueDate > chain.end)) return
    // The first obligation is met by a visit on the start day; later ones by a visit after the last.
    while (next < chain.seenVisits.length && (chain.seenVisits[next] as IsoDate) < anchor) next++
    while (visited && next < chain.seenVisits.length && chain.seenVisits[next] === anchor) next++
    const metOn = chain.seenVisits[next] ?? null
    yield { chain, ruleId, dueDate, fromEvent: event, fromDate: anchor, metOn }
    if (metOn === null) return
    anchor = metOn
    event = 'last_visit'
    visited = true
  }
}

/** What is due now on an open chain: its last obligation, not yet met. */
export function currentObligation(chain: VisitChain, rules: RuleBook): VisitObligation | null {
  let last: VisitObligation | null = null
  for (const obligation of chainObligations(chain, rules)) last = obligation
  return last !== null && last.metOn === null ? last : null
}
