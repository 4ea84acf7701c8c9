import type { Db } from '../../db/database.js'
import { plansOverlap } from '../assessments/assessment-rules.js'
import { childDetailsProblems, type ChildDetails } from '../children/child-details.js'
import { endPeriodIssues } from '../looked-after/end-rules.js'
import {
  ageOn,
  legalStatusChangeIssues,
  placementChangeIssues,
  startPeriodIssues,
  type EpisodeFacts,
} from '../looked-after/episode-rules.js'
import { placementIssues, type RuleIssue } from '../looked-after/placement-rules.js'
import { missingIssues, reviewIssues, type PeriodFacts } from '../looked-after/record-rules.js'
import { isAdultOn } from '../front-door/record-rules.js'

/**
 * The synthetic council is written in bulk (a batch writer, so an England-sized council loads in
 * minutes), not form by form through the services. This pass is what keeps it honest: it reads every
 * generated record back and puts it through the services' own rule functions — the same functions
 * that refuse a social worker's form — replaying each child's looked-after history event by event as
 * the forms would have received it. A generated record that a service would refuse is a generator bug.
 */
export interface ServiceRuleBreach {
  childId: number
  record: string
  recordId: number | null
  message: string
}

type ChildRow = {
  id: number
  first_name: string
  last_name: string
  preferred_name: string | null
  date_of_birth: string | null
  expected_date_of_birth: string | null
  sex: 'M' | 'F' | 'U'
  ethnicity: string
  upn: string | null
  upn_unknown_reason: string | null
  disabilities: string[]
  uasc: boolean
  home_postcode: string | null
  languages: string[]
}

const detailsOf = (child: ChildRow): ChildDetails => ({
  firstName: child.first_name,
  lastName: child.last_name,
  preferredName: child.preferred_name,
  dateOfBirth: child.date_of_birth,
  expectedDateOfBirth: child.expected_date_of_birth,
  sex: child.sex,
  ethnicity: child.ethnicity,
  upn: child.upn,
  upnUnknownReason: child.upn_unknown_reason,
  disabilities: child.disabilities,
  uasc: child.uasc,
  homePostcode: child.home_postcode,
  languages: child.languages,
})

function groupByChild<T extends { child_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>()
  for (const row of rows) {
    const list = groups.get(row.child_id)
    if (list === undefined) groups.set(row.child_id, [row])
    else list.push(row)
  }
  return groups
}

/** Every generated record of the council that a Harbour service would refuse, with the service's message. */
export async function serviceRuleBreaches(db: Db, councilId: number, today: string): Promise<ServiceRuleBreach[]> {
  const breaches: ServiceRuleBreach[] = []
  const note = (childId: number, record: string, recordId: number | null, issues: readonly RuleIssue[]) => {
    for (const issue of issues) breaches.push({ childId, record, recordId, message: issue.message })
  }

  const children = (await db
    .selectFrom('child')
    .select([
      'id',
      'first_name',
      'last_name',
      'preferred_name',
      'date_of_birth',
      'expected_date_of_birth',
      'sex',
      'ethnicity',
      'upn',
      'upn_unknown_reason',
      'disabilities',
      'uasc',
      'home_postcode',
      'languages',
    ])
    .where('council_id', '=', councilId)
    .where('merged_into_child_id', 'is', null)
    .execute()) as ChildRow[]

  const byChild = <T extends { child_id: number }>(rows: T[]) => groupByChild(rows)
  const [episodes, periods, reviews, missing, referrals, cinPlans, cpPlans, decisions] = await Promise.all([
    db
      .selectFrom('looked_after_episode')
      .select([
        'id',
        'child_id',
        'start_date',
        'end_date',
        'reason_new_episode',
        'legal_status',
        'placement_type',
        'placement_provider',
        'placement_postcode',
        'ofsted_urn',
        'reason_episode_ceased',
        'reason_place_change',
      ])
      .where('council_id', '=', councilId)
      .orderBy('child_id')
      .orderBy('start_date')
      .orderBy('id')
      .execute()
      .then(byChild),
    db
      .selectFrom('period_of_care')
      .select(['id', 'child_id', 'start_date', 'end_date'])
      .where('council_id', '=', councilId)
      .execute()
      .then(byChild),
    db
      .selectFrom('looked_after_review')
      .select(['id', 'child_id', 'review_date', 'participation_code'])
      .where('council_id', '=', councilId)
      .execute()
      .then(byChild),
    db
      .selectFrom('missing_episode')
      .select(['id', 'child_id', 'start_date', 'end_date'])
      .where('council_id', '=', councilId)
      .orderBy('start_date')
      .orderBy('id')
      .execute()
      .then(byChild),
    db
      .selectFrom('referral')
      .select(['id', 'child_id', 'referral_date'])
      .where('council_id', '=', councilId)
      .execute()
      .then(byChild),
    db
      .selectFrom('cin_plan')
      .select(['id', 'child_id', 'start_date', 'end_date'])
      .where('council_id', '=', councilId)
      .execute()
      .then(byChild),
    db
      .selectFrom('cp_plan')
      .select(['id', 'child_id', 'start_date', 'end_date'])
      .where('council_id', '=', councilId)
      .execute()
      .then(byChild),
    db
      .selectFrom('adoption_decision')
      .select(['child_id', 'decision_date'])
      .where('council_id', '=', councilId)
      .orderBy('decision_date')
      .execute()
      .then(byChild),
  ])

  for (const child of children) {
    for (const problem of childDetailsProblems(detailsOf(child), today)) {
      breaches.push({ childId: child.id, record: 'child', recordId: child.id, message: problem.message })
    }
    const facts = { dateOfBirth: child.date_of_birth }
    // The decision to place for adoption a form would have found on the record on a date.
    const decisionOn = (date: string) =>
      (decisions.get(child.id) ?? []).filter((decision) => decision.decision_date <= date).at(-1)?.decision_date ?? null

    // Looked-after history, replayed: each episode arrives as the form that would have created it.
    const history: (EpisodeFacts & { reasonPlaceChange: string | null })[] = []
    for (const episode of episodes.get(child.id) ?? []) {
      const details = {
        placementType: episode.placement_type,
        placementProvider: episode.placement_provider,
        placementPostcode: episode.placement_postcode,
        urn: episode.ofsted_urn,
      }
      const previous = history.at(-1)
      const openPrevious = previous === undefined ? [] : [...history.slice(0, -1), { ...previous, endDate: null }]
      if (episode.reason_new_episode === 'S' || previous === undefined || previous.reasonEpisodeCeased !== 'X1') {
        note(
          child.id,
          'looked_after_episode',
          episode.id,
          startPeriodIssues(
            facts,
            history,
            { startDate: episode.start_date, legalStatus: episode.legal_status, details },
            decisionOn(episode.start_date),
          ),
        )
      } else if (episode.reason_new_episode === 'L') {
        note(
          child.id,
          'looked_after_episode',
          episode.id,
          legalStatusChangeIssues(facts, openPrevious, {
            changeDate: episode.start_date,
            legalStatus: episode.legal_status,
          }),
        )
      } else {
        note(
          child.id,
          'looked_after_episode',
          episode.id,
          placementChangeIssues(
            facts,
            openPrevious,
            {
              moveDate: episode.start_date,
              details,
              // Adoption with the current foster carers (A3, A5) is by definition with the same carers.
              sameCarers: ['A3', 'A5'].includes(episode.placement_type),
              newLegalStatus: episode.legal_status === previous.legalStatus ? null : episode.legal_status,
              reasonPlaceChange: previous.reasonPlaceChange,
            },
            decisionOn(episode.start_date),
          ),
        )
      }
      const current: EpisodeFacts & { reasonPlaceChange: string | null } = {
        ...details,
        startDate: episode.start_date,
        endDate: episode.end_date,
        reasonNewEpisode: episode.reason_new_episode,
        legalStatus: episode.legal_status,
        reasonEpisodeCeased: episode.reason_episode_ceased,
        reasonPlaceChange: episode.reason_place_change,
      }
      if (
        episode.end_date !== null &&
        episode.reason_episode_ceased !== null &&
        episode.reason_episode_ceased !== 'X1'
      ) {
        note(
          child.id,
          'looked_after_episode',
          episode.id,
          endPeriodIssues(facts, [...history, { ...current, endDate: null }], {
            endDate: episode.end_date,
            reasonEnded: episode.reason_episode_ceased,
          }),
        )
      }
      history.push(current)
      if (child.date_of_birth !== null) {
        note(
          child.id,
          'looked_after_episode',
          episode.id,
          placementIssues(details, episode.legal_status, ageOn(child.date_of_birth, episode.start_date)),
        )
      }
    }

    const childPeriods: PeriodFacts[] = (periods.get(child.id) ?? []).map((period) => ({
      id: period.id,
      startDate: period.start_date,
      endDate: period.end_date,
    }))
    for (const review of reviews.get(child.id) ?? []) {
      note(
        child.id,
        'looked_after_review',
        review.id,
        reviewIssues(facts, childPeriods, {
          reviewDate: review.review_date,
          participationCode: review.participation_code,
        }),
      )
    }
    const earlier: { id: number; startDate: string; endDate: string | null }[] = []
    for (const episode of missing.get(child.id) ?? []) {
      note(
        child.id,
        'missing_episode',
        episode.id,
        missingIssues(facts, childPeriods, earlier, { startDate: episode.start_date, endDate: episode.end_date }),
      )
      earlier.push({ id: episode.id, startDate: episode.start_date, endDate: episode.end_date })
    }
    for (const referral of referrals.get(child.id) ?? []) {
      if (isAdultOn(child.date_of_birth, referral.referral_date)) {
        breaches.push({
          childId: child.id,
          record: 'referral',
          recordId: referral.id,
          message: 'A referral cannot be made on or after the child’s 18th birthday',
        })
      }
    }
    for (const [record, plans] of [
      ['cin_plan', cinPlans.get(child.id) ?? []],
      ['cp_plan', cpPlans.get(child.id) ?? []],
    ] as const) {
      plans.forEach((plan, index) => {
        const overlapping = plans
          .slice(index + 1)
          .find((other) =>
            plansOverlap(
              { start: plan.start_date, end: plan.end_date },
              { start: other.start_date, end: other.end_date },
            ),
          )
        if (overlapping !== undefined) {
          breaches.push({
            childId: child.id,
            record,
            recordId: plan.id,
            message: `This plan overlaps another ${record === 'cp_plan' ? 'child protection' : 'child in need'} plan (${overlapping.start_date})`,
          })
        }
      })
    }
  }
  return breaches
}
