import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { VisitType } from '../../db/tables/compliance.js'
import type { IsoDate } from './calendar.js'

/**
 * Everything the due-date engine needs to know about a child, as plain data: the events clocks run
 * from and the events that stop them. Loaded in bulk (one query per table for a whole council or a set
 * of children) so the pure engine runs without the database.
 */
export interface ChildFacts {
  childId: number
  dateOfBirth: IsoDate | null
  contacts: { id: number; receivedOn: IsoDate; decided: boolean }[]
  referrals: { id: number; referralDate: IsoDate; noFurtherAction: boolean; closureDate: IsoDate | null }[]
  assessments: {
    id: number
    referralId: number | null
    startDate: IsoDate
    authorisationDate: IsoDate | null
    outcome: string | null
  }[]
  strategyDiscussions: { id: number; heldOn: IsoDate }[]
  section47s: {
    id: number
    strategyDiscussionId: number | null
    startDate: IsoDate
    outcome: string | null
    icpcNotRequired: boolean
  }[]
  conferences: {
    id: number
    section47Id: number | null
    cpPlanId: number | null
    type: 'initial' | 'review' | 'transfer_in'
    date: IsoDate
  }[]
  cpPlans: { id: number; startDate: IsoDate; endDate: IsoDate | null }[]
  cinPlans: { id: number; startDate: IsoDate; endDate: IsoDate | null }[]
  cinPlanReviews: { cinPlanId: number; reviewDate: IsoDate }[]
  periodsOfCare: { id: number; startDate: IsoDate; endDate: IsoDate | null }[]
  episodes: {
    id: number
    periodOfCareId: number
    placementId: number | null
    startDate: IsoDate
    legalStatus: string
  }[]
  placements: {
    id: number
    startDate: IsoDate
    endDate: IsoDate | null
    placementType: string
    approvalType: string | null
  }[]
  lookedAfterReviews: { periodOfCareId: number | null; reviewDate: IsoDate }[]
  healthAssessments: IsoDate[]
  personalEducationPlans: IsoDate[]
  visits: { date: IsoDate; type: VisitType; childSeen: boolean }[]
  pathwayPlans: { id: number; status: string; planDate: IsoDate; endDate: IsoDate | null }[]
  pathwayReviews: { pathwayPlanId: number; reviewDate: IsoDate }[]
  keepingInTouch: { date: IsoDate; outcome: string }[]
  accommodationStarts: IsoDate[]
  /** Start of the current personal adviser allocation, if there is one. */
  personalAdviserSince: IsoDate | null
}

const VISIT_CHAIN_TABLES = [
  'cp_plan',
  'cin_plan',
  'period_of_care',
  'looked_after_episode',
  'placement',
  'looked_after_review',
  'visit',
]

export function emptyFacts(childId: number, dateOfBirth: IsoDate | null): ChildFacts {
  return {
    childId,
    dateOfBirth,
    contacts: [],
    referrals: [],
    assessments: [],
    strategyDiscussions: [],
    section47s: [],
    conferences: [],
    cpPlans: [],
    cinPlans: [],
    cinPlanReviews: [],
    periodsOfCare: [],
    episodes: [],
    placements: [],
    lookedAfterReviews: [],
    healthAssessments: [],
    personalEducationPlans: [],
    visits: [],
    pathwayPlans: [],
    pathwayReviews: [],
    keepingInTouch: [],
    accommodationStarts: [],
    personalAdviserSince: null,
  }
}

/**
 * Facts for a council's children (every live child, or those listed). Children merged into another
 * record or who have died are left out: they have nothing due.
 */
export async function loadChildFacts(
  db: Db,
  councilId: number,
  childIds?: readonly number[],
  options: { visitChainsOnly?: boolean } = {},
): Promise<Map<number, ChildFacts>> {
  const only = childIds === undefined ? undefined : [...new Set(childIds)]
  // Visit timeliness needs only the records visit chains are made of.
  const wanted = (table: string) => options.visitChainsOnly !== true || VISIT_CHAIN_TABLES.includes(table)
  if (only !== undefined && only.length === 0) return new Map()
  const children = await db
    .selectFrom('child')
    .select(['id', 'date_of_birth'])
    .where('council_id', '=', councilId)
    .where('merged_into_child_id', 'is', null)
    .where('date_of_death', 'is', null)
    .$if(only !== undefined, (query) => query.where('id', 'in', only ?? []))
    .execute()
  const facts = new Map(children.map((child) => [child.id, emptyFacts(child.id, child.date_of_birth)]))
  const each = <T extends { child_id: number }>(rows: T[], add: (facts: ChildFacts, row: T) => void) => {
    for (const row of rows) {
      const child = facts.get(row.child_id)
      if (child !== undefined) add(child, row)
    }
  }

  if (wanted('contact'))
    each(
      await db
        .selectFrom('contact')
        .where('council_id', '=', councilId)
        .select([
          'id',
          'child_id',
          sql<string>`(received_at at time zone 'Europe/London')::date::text`.as('received_on'),
          'mash_decision',
        ])
        .$if(only !== undefined, (query) => query.where('child_id', 'in', only ?? []))
        .execute(),
      (child, row) =>
        child.contacts.push({ id: row.id, receivedOn: row.received_on, decided: row.mash_decision !== null }),
    )
  if (wanted('referral'))
    each(
      await db
        .selectFrom('referral')
        .where('council_id', '=', councilId)
        .select(['id', 'child_id', 'referral_date', 'no_further_action', 'closure_date'])
        .$if(only !== undefined, (query) => query.where('child_id', 'in', only ?? []))
        .execute(),
      (child, row) =>
        child.referrals.push({
          id: row.id,
          referralDate: row.referral_date,
          noFurtherAction: row.no_further_action,
          closureDate: row.closure_date,
        }),
    )
  if (wanted('assessment'))
    each(
      await db
        .selectFrom('assessment')
        .where('council_id', '=', councilId)
        .select(['id', 'child_id', 'referral_id', 'start_date', 'authorisation_date', 'outcome'])
        .$if(only !== undefined, (query) => query.where('child_id', 'in', only ?? []))
        .execute(),
      (child, row) =>
        child.assessments.push({
          id: row.id,
          referralId: row.referral_id,
          startDate: row.start_date,
          authorisationDate: row.authorisation_date,
          outcome: row.outcome,
        }),
    )
  if (wanted('strategy_discussion'))
    each(
      await db
        .selectFrom('strategy_discussion')
        .where('council_id', '=', councilId)
        .select(['id', 'child_id', 'held_on'])
        .$if(only !== undefined, (query) => query.where('child_id', 'in', only ?? []))
        .execute(),
      (child, row) => child.strategyDiscussions.push({ id: row.id, heldOn: row.held_on }),
    )
  if (wanted('section47_enquiry'))
    each(
      await db
        .selectFrom('section47_enquiry')
        .where('council_id', '=', councilId)
        .select(['id', 'child_id', 'strategy_discussion_id', 'start_date', 'outcome', 'icpc_not_required'])
        .$if(only !== undefined, (query) => query.where('child_id', 'in', only ?? []))
        .execute(),
      (child, row) =>
        child.section47s.push({
          id: row.id,
          strategyDiscussionId: row.strategy_discussion_id,
          startDate: row.start_date,
          outcome: row.outcome,
          icpcNotRequired: row.icpc_not_required,
        }),
    )
  if (wanted('cp_conference'))
    each(
      await db
        .selectFrom('cp_conference')
        .where('council_id', '=', councilId)
        .select(['id', 'child_id', 'section47_enquiry_id', 'cp_plan_id', 'conference_type', 'conference_date'])
        .$if(only !== undefined, (query) => query.where('child_id', 'in', only ?? []))
        .execute(),
      (child, row) =>
        child.conferences.push({
          id: row.id,
          section47Id: row.section47_enquiry_id,
          cpPlanId: row.cp_plan_id,
          type: row.conference_type,
          date: row.conference_date,
        }),
    )
  if (wanted('cp_plan'))
    each(
      await db
        .selectFrom('cp_plan')
        .where('council_id', '=', councilId)
        .select(['id', 'child_id', 'start_date', 'end_date'])
        .$if(only !== undefined, (query) => query.where('child_id', 'in', only ?? []))
        .execute(),
      (child, row) => child.cpPlans.push({ id: row.id, startDate: row.start_date, endDate: row.end_date }),
    )
  if (wanted('cin_plan'))
    each(
      await db
        .selectFrom('cin_plan')
        .where('council_id', '=', councilId)
        .select(['id', 'child_id', 'start_date', 'end_date'])
        .$if(only !== undefined, (query) => query.where('child_id', 'in', only ?? []))
        .execute(),
      (child, row) => child.cinPlans.push({ id: row.id, startDate: row.start_date, endDate: row.end_date }),
    )
  if (wanted('cin_plan_review'))
    each(
      await db
        .selectFrom('cin_plan_review')
        .where('council_id', '=', councilId)
        .select(['child_id', 'cin_plan_id', 'review_date'])
        .$if(only !== undefined, (query) => query.where('child_id', 'in', only ?? []))
        .execute(),
      (child, row) => child.cinPlanReviews.push({ cinPlanId: row.cin_plan_id, reviewDate: row.review_date }),
    )
  if (wanted('period_of_care'))
    each(
      await db
        .selectFrom('period_of_care')
        .where('council_id', '=', councilId)
        .select(['id', 'child_id', 'start_date', 'end_date'])
        .$if(only !== undefined, (query) => query.where('child_id', 'in', only ?? []))
        .execute(),
      (child, row) => child.periodsOfCare.push({ id: row.id, startDate: row.start_date, endDate: row.end_date }),
    )
  if (wanted('looked_after_episode'))
    each(
      await db
        .selectFrom('looked_after_episode')
        .where('council_id', '=', councilId)
        .select(['id', 'child_id', 'period_of_care_id', 'placement_id', 'start_date', 'legal_status'])
        .$if(only !== undefined, (query) => query.where('child_id', 'in', only ?? []))
        .execute(),
      (child, row) =>
        child.episodes.push({
          id: row.id,
          periodOfCareId: row.period_of_care_id,
          placementId: row.placement_id,
          startDate: row.start_date,
          legalStatus: row.legal_status,
        }),
    )
  if (wanted('placement'))
    each(
      await db
        .selectFrom('placement as p')
        .leftJoin('foster_household as h', (join) =>
          join.onRef('h.council_id', '=', 'p.council_id').onRef('h.id', '=', 'p.foster_household_id'),
        )
        .where('p.council_id', '=', councilId)
        .select(['p.id', 'p.child_id', 'p.start_date', 'p.end_date', 'p.placement_type', 'h.approval_type'])
        .$if(only !== undefined, (query) => query.where('p.child_id', 'in', only ?? []))
        .execute(),
      (child, row) =>
        child.placements.push({
          id: row.id,
          startDate: row.start_date,
          endDate: row.end_date,
          placementType: row.placement_type,
          approvalType: row.approval_type,
        }),
    )
  if (wanted('looked_after_review'))
    each(
      await db
        .selectFrom('looked_after_review')
        .where('council_id', '=', councilId)
        .select(['child_id', 'period_of_care_id', 'review_date'])
        .$if(only !== undefined, (query) => query.where('child_id', 'in', only ?? []))
        .execute(),
      (child, row) =>
        child.lookedAfterReviews.push({ periodOfCareId: row.period_of_care_id, reviewDate: row.review_date }),
    )
  if (wanted('health_assessment'))
    each(
      await db
        .selectFrom('health_assessment')
        .where('council_id', '=', councilId)
        .select(['child_id', 'assessment_date'])
        .$if(only !== undefined, (query) => query.where('child_id', 'in', only ?? []))
        .execute(),
      (child, row) => child.healthAssessments.push(row.assessment_date),
    )
  if (wanted('personal_education_plan'))
    each(
      await db
        .selectFrom('personal_education_plan')
        .where('council_id', '=', councilId)
        .select(['child_id', 'meeting_date'])
        .$if(only !== undefined, (query) => query.where('child_id', 'in', only ?? []))
        .execute(),
      (child, row) => child.personalEducationPlans.push(row.meeting_date),
    )
  if (wanted('visit'))
    each(
      await db
        .selectFrom('visit')
        .where('council_id', '=', councilId)
        .select(['child_id', 'visit_date', 'visit_type', 'child_seen'])
        .$if(only !== undefined, (query) => query.where('child_id', 'in', only ?? []))
        .execute(),
      (child, row) => child.visits.push({ date: row.visit_date, type: row.visit_type, childSeen: row.child_seen }),
    )
  if (wanted('pathway_plan'))
    each(
      await db
        .selectFrom('pathway_plan')
        .where('council_id', '=', councilId)
        .select(['id', 'child_id', 'status', 'plan_date', 'end_date'])
        .$if(only !== undefined, (query) => query.where('child_id', 'in', only ?? []))
        .execute(),
      (child, row) =>
        child.pathwayPlans.push({ id: row.id, status: row.status, planDate: row.plan_date, endDate: row.end_date }),
    )
  if (wanted('pathway_review'))
    each(
      await db
        .selectFrom('pathway_review')
        .where('council_id', '=', councilId)
        .select(['child_id', 'pathway_plan_id', 'review_date'])
        .$if(only !== undefined, (query) => query.where('child_id', 'in', only ?? []))
        .execute(),
      (child, row) => child.pathwayReviews.push({ pathwayPlanId: row.pathway_plan_id, reviewDate: row.review_date }),
    )
  if (wanted('keeping_in_touch_contact'))
    each(
      await db
        .selectFrom('keeping_in_touch_contact')
        .where('council_id', '=', councilId)
        .select(['child_id', 'contact_date', 'outcome'])
        .$if(only !== undefined, (query) => query.where('child_id', 'in', only ?? []))
        .execute(),
      (child, row) => child.keepingInTouch.push({ date: row.contact_date, outcome: row.outcome }),
    )
  if (wanted('care_leaver_accommodation'))
    each(
      await db
        .selectFrom('care_leaver_accommodation')
        .where('council_id', '=', councilId)
        .select(['child_id', 'start_date'])
        .$if(only !== undefined, (query) => query.where('child_id', 'in', only ?? []))
        .execute(),
      (child, row) => child.accommodationStarts.push(row.start_date),
    )
  if (wanted('worker_allocation'))
    each(
      await db
        .selectFrom('worker_allocation')
        .where('council_id', '=', councilId)
        .select(['child_id', 'start_date'])
        .where('allocation_role', '=', 'personal_adviser')
        .where('end_date', 'is', null)
        .$if(only !== undefined, (query) => query.where('child_id', 'in', only ?? []))
        .execute(),
      (child, row) => {
        if (child.personalAdviserSince === null || row.start_date > child.personalAdviserSince)
          child.personalAdviserSince = row.start_date
      },
    )
  return facts
}
