import type { Db } from '../src/db/database.js'
import { emptyFacts, type ChildFacts } from '../src/areas/compliance/child-facts.js'
import { RuleBook, type LocalRule } from '../src/areas/compliance/rule-book.js'
import { readTimescaleRules } from '../src/areas/compliance/timescale-rules.js'
import type { VisitType } from '../src/db/tables/compliance.js'
import type { ClockEvent, DueFamily } from '../src/areas/compliance/due-item.js'

/**
 * Worked examples for the statutory clock, written as a child's facts so the pure engine can be
 * tested without a database, and written into a database (insertScenario) so the SQL engine can be
 * run on exactly the same records and compared.
 */
export const AS_AT = '2026-03-02'

let nextId = 5000
const id = () => nextId++

export function nationalRuleBook(local: LocalRule[] = []): RuleBook {
  return new RuleBook(
    readTimescaleRules().map((rule) => ({
      id: rule.id,
      name: rule.name,
      source: rule.source,
      statutoryStatus: rule.statutory_status,
      timeLimit: rule.time_limit,
      unit: rule.unit,
      active: true,
    })),
    local,
  )
}

/** Builds one child's facts, giving every record an id. */
export class Child {
  readonly facts: ChildFacts
  constructor(childId: number, dateOfBirth = '2012-05-10') {
    this.facts = emptyFacts(childId, dateOfBirth)
  }
  contact(receivedOn: string, decided = false) {
    const contactId = id()
    this.facts.contacts.push({ id: contactId, receivedOn, decided })
    return contactId
  }
  referral(referralDate: string, options: { noFurtherAction?: boolean; closureDate?: string } = {}) {
    const referralId = id()
    this.facts.referrals.push({
      id: referralId,
      referralDate,
      noFurtherAction: options.noFurtherAction ?? false,
      closureDate: options.closureDate ?? null,
    })
    return referralId
  }
  assessment(startDate: string, options: { referralId?: number; authorised?: string; outcome?: string } = {}) {
    const assessmentId = id()
    this.facts.assessments.push({
      id: assessmentId,
      referralId: options.referralId ?? null,
      startDate,
      authorisationDate: options.authorised ?? null,
      outcome: options.outcome ?? null,
    })
    return assessmentId
  }
  strategyDiscussion(heldOn: string) {
    const discussionId = id()
    this.facts.strategyDiscussions.push({ id: discussionId, heldOn })
    return discussionId
  }
  section47(startDate: string, options: { strategyDiscussionId?: number; outcome?: string } = {}) {
    const enquiryId = id()
    this.facts.section47s.push({
      id: enquiryId,
      strategyDiscussionId: options.strategyDiscussionId ?? null,
      startDate,
      outcome: options.outcome ?? null,
      icpcNotRequired: false,
    })
    return enquiryId
  }
  conference(
    type: 'initial' | 'review' | 'transfer_in',
    date: string,
    links: { section47Id?: number; cpPlanId?: number } = {},
  ) {
    this.facts.conferences.push({
      id: id(),
      type,
      date,
      section47Id: links.section47Id ?? null,
      cpPlanId: links.cpPlanId ?? null,
    })
  }
  cpPlan(startDate: string, endDate: string | null = null) {
    const planId = id()
    this.facts.cpPlans.push({ id: planId, startDate, endDate })
    return planId
  }
  cinPlan(startDate: string, endDate: string | null = null) {
    const planId = id()
    this.facts.cinPlans.push({ id: planId, startDate, endDate })
    return planId
  }
  cinReview(cinPlanId: number, reviewDate: string) {
    this.facts.cinPlanReviews.push({ cinPlanId, reviewDate })
  }
  /** A period of care with one placement and one episode; returns the ids. */
  lookedAfter(
    startDate: string,
    options: { placementType?: string; legalStatus?: string; approvalType?: string } = {},
  ) {
    const periodId = id()
    this.facts.periodsOfCare.push({ id: periodId, startDate, endDate: null })
    const placementId = this.placement(periodId, startDate, options)
    return { periodId, placementId }
  }
  placement(
    periodId: number,
    startDate: string,
    options: { placementType?: string; legalStatus?: string; approvalType?: string } = {},
  ) {
    const previous = this.facts.placements.find((placement) => placement.endDate === null)
    if (previous !== undefined) previous.endDate = startDate
    const placementId = id()
    this.facts.placements.push({
      id: placementId,
      startDate,
      endDate: null,
      placementType: options.placementType ?? 'U3',
      approvalType: options.approvalType ?? null,
    })
    this.facts.episodes.push({
      id: id(),
      periodOfCareId: periodId,
      placementId,
      startDate,
      legalStatus: options.legalStatus ?? 'C2',
    })
    return placementId
  }
  /** A new episode (a change of legal status) in the same placement. */
  legalStatus(periodId: number, placementId: number, startDate: string, legalStatus: string) {
    this.facts.episodes.push({ id: id(), periodOfCareId: periodId, placementId, startDate, legalStatus })
  }
  review(periodId: number, reviewDate: string) {
    this.facts.lookedAfterReviews.push({ periodOfCareId: periodId, reviewDate })
  }
  health(date: string) {
    this.facts.healthAssessments.push(date)
  }
  pep(date: string) {
    this.facts.personalEducationPlans.push(date)
  }
  visit(date: string, type: VisitType, childSeen = true) {
    this.facts.visits.push({ date, type, childSeen })
  }
  pathwayPlan(planDate: string) {
    const planId = id()
    this.facts.pathwayPlans.push({ id: planId, status: 'active', planDate, endDate: null })
    return planId
  }
  pathwayReview(pathwayPlanId: number, reviewDate: string) {
    this.facts.pathwayReviews.push({ pathwayPlanId, reviewDate })
  }
  keepInTouch(date: string, outcome = 'yes') {
    this.facts.keepingInTouch.push({ date, outcome })
  }
  movedIn(date: string) {
    this.facts.accommodationStarts.push(date)
  }
  personalAdviser(since: string) {
    this.facts.personalAdviserSince = since
  }
}

/** Writes a child's facts as Harbour records, so loadChildFacts reads back the same facts. */
export async function insertScenario(
  db: Db,
  council: { councilId: number; teamId: number; personalAdviserId: number },
  facts: ChildFacts,
): Promise<void> {
  const c = council.councilId
  const childId = facts.childId
  const insert = async (table: string, rows: Record<string, unknown>[]) => {
    if (rows.length > 0)
      await db
        .insertInto(table as never)
        .values(rows.map((row) => ({ council_id: c, ...row })))
        .execute()
  }
  await insert('child', [
    {
      id: childId,
      la_child_id: `S${childId}`,
      first_name: 'Scenario',
      last_name: `Child${childId}`,
      date_of_birth: facts.dateOfBirth,
      sex: 'F',
      ethnicity: 'WBRI',
      upn_unknown_reason: 'UN1',
    },
  ])
  await insert('worker_allocation', [
    {
      child_id: childId,
      allocation_role: 'social_worker',
      team_id: council.teamId,
      user_id: null,
      start_date: '2020-01-01',
    },
    ...(facts.personalAdviserSince === null
      ? []
      : [
          {
            child_id: childId,
            allocation_role: 'personal_adviser',
            team_id: council.teamId,
            user_id: council.personalAdviserId,
            start_date: facts.personalAdviserSince,
          },
        ]),
  ])
  await insert(
    'contact',
    facts.contacts.map((contact) => ({
      id: contact.id,
      child_id: childId,
      received_at: `${contact.receivedOn}T09:30:00Z`,
      source: '1A',
      mash_decision: contact.decided ? 'referral' : null,
      mash_decision_at: contact.decided ? `${contact.receivedOn}T15:00:00Z` : null,
    })),
  )
  await insert(
    'referral',
    facts.referrals.map((referral) => ({
      id: referral.id,
      child_id: childId,
      referral_date: referral.referralDate,
      source: '1A',
      no_further_action: referral.noFurtherAction,
      closure_date: referral.closureDate,
      closure_reason: referral.closureDate === null ? null : 'RC8',
    })),
  )
  await insert(
    'assessment',
    facts.assessments.map((assessment) => ({
      id: assessment.id,
      child_id: childId,
      referral_id: assessment.referralId,
      start_date: assessment.startDate,
      authorisation_date: assessment.authorisationDate,
      outcome: assessment.outcome,
    })),
  )
  await insert(
    'strategy_discussion',
    facts.strategyDiscussions.map((discussion) => ({
      id: discussion.id,
      child_id: childId,
      held_on: discussion.heldOn,
    })),
  )
  await insert(
    'section47_enquiry',
    facts.section47s.map((enquiry) => ({
      id: enquiry.id,
      child_id: childId,
      strategy_discussion_id: enquiry.strategyDiscussionId,
      start_date: enquiry.startDate,
      outcome: enquiry.outcome,
      icpc_not_required: enquiry.icpcNotRequired,
    })),
  )
  await insert(
    'cp_plan',
    facts.cpPlans.map((plan) => ({
      id: plan.id,
      child_id: childId,
      start_date: plan.startDate,
      end_date: plan.endDate,
      initial_category: 'NEG',
      latest_category: 'NEG',
    })),
  )
  await insert(
    'cp_conference',
    facts.conferences.map((conference) => ({
      id: conference.id,
      child_id: childId,
      section47_enquiry_id: conference.section47Id,
      cp_plan_id: conference.cpPlanId,
      conference_type: conference.type,
      conference_date: conference.date,
    })),
  )
  await insert(
    'cin_plan',
    facts.cinPlans.map((plan) => ({
      id: plan.id,
      child_id: childId,
      start_date: plan.startDate,
      end_date: plan.endDate,
    })),
  )
  await insert(
    'cin_plan_review',
    facts.cinPlanReviews.map((review) => ({
      child_id: childId,
      cin_plan_id: review.cinPlanId,
      review_date: review.reviewDate,
    })),
  )
  await insert(
    'period_of_care',
    facts.periodsOfCare.map((period) => ({
      id: period.id,
      child_id: childId,
      start_date: period.startDate,
      end_date: period.endDate,
    })),
  )
  for (const placement of facts.placements) {
    let household: number | null = null
    if (placement.approvalType !== null) {
      household = placement.id + 100_000
      await insert('foster_household', [
        { id: household, name: `Household ${household}`, approval_type: placement.approvalType, capacity: 1 },
      ])
    }
    await insert('placement', [
      {
        id: placement.id,
        child_id: childId,
        placement_type: placement.placementType,
        foster_household_id: household,
        start_date: placement.startDate,
        end_date: placement.endDate,
      },
    ])
  }
  await insert(
    'looked_after_episode',
    facts.episodes.map((episode) => ({
      id: episode.id,
      child_id: childId,
      period_of_care_id: episode.periodOfCareId,
      placement_id: episode.placementId,
      start_date: episode.startDate,
      reason_new_episode: 'S',
      legal_status: episode.legalStatus,
      category_of_need: 'N1',
      placement_type: facts.placements.find((placement) => placement.id === episode.placementId)?.placementType ?? 'U3',
    })),
  )
  await insert(
    'looked_after_review',
    facts.lookedAfterReviews.map((review) => ({
      child_id: childId,
      period_of_care_id: review.periodOfCareId,
      review_date: review.reviewDate,
      participation_code: 'PN1',
    })),
  )
  await insert(
    'health_assessment',
    facts.healthAssessments.map((date, index) => ({
      child_id: childId,
      assessment_type: index === 0 ? 'initial' : 'review',
      assessment_date: date,
    })),
  )
  await insert(
    'personal_education_plan',
    facts.personalEducationPlans.map((date, index) => ({
      child_id: childId,
      pep_type: index === 0 ? 'initial' : 'review',
      meeting_date: date,
    })),
  )
  await insert(
    'visit',
    facts.visits.map((visit) => ({
      child_id: childId,
      visit_date: visit.date,
      visit_type: visit.type,
      child_seen: visit.childSeen,
      visitor_name: 'Scenario visitor',
    })),
  )
  await insert(
    'pathway_plan',
    facts.pathwayPlans.map((plan) => ({
      id: plan.id,
      child_id: childId,
      status: plan.status,
      plan_date: plan.planDate,
      end_date: plan.endDate,
    })),
  )
  await insert(
    'pathway_review',
    facts.pathwayReviews.map((review) => ({
      child_id: childId,
      pathway_plan_id: review.pathwayPlanId,
      review_date: review.reviewDate,
    })),
  )
  await insert(
    'keeping_in_touch_contact',
    facts.keepingInTouch.map((contact) => ({
      child_id: childId,
      contact_date: contact.date,
      method: 'phone',
      outcome: contact.outcome,
    })),
  )
  await insert(
    'care_leaver_accommodation',
    facts.accommodationStarts.map((start) => ({
      child_id: childId,
      start_date: start,
      accommodation_type: 'B',
      suitable: true,
    })),
  )
}

export interface WorkedExample {
  name: string
  child: Child
  /** Items that must be among the child's due items. */
  due: { family: DueFamily; ruleId: string; dueDate: string; fromEvent: ClockEvent; fromDate: string }[]
  /** Families that must have no item for this child. */
  none?: DueFamily[]
  /** The council the example belongs to: 'own' (national rules) or 'local' (with local standards). */
  council?: 'own' | 'local'
}

/** The local standards of the second council: child protection visits every 4 weeks from 2026; no CIN visit clock. */
export const LOCAL_STANDARDS: LocalRule[] = [
  { ruleId: 'local.cp.visit', effectiveFrom: '2026-01-01', timeLimit: 4, unit: 'calendar_weeks', enabled: true },
  { ruleId: 'local.cin.visit', effectiveFrom: '2020-01-01', timeLimit: null, unit: null, enabled: false },
]

function example(
  name: string,
  childId: number,
  build: (child: Child) => void,
  due: WorkedExample['due'],
  options: { dob?: string; none?: DueFamily[]; council?: 'own' | 'local' } = {},
): WorkedExample {
  const child = new Child(childId, options.dob)
  build(child)
  return { name, child, due, ...(options.none ? { none: options.none } : {}), council: options.council ?? 'own' }
}

const item = (family: DueFamily, ruleId: string, dueDate: string, fromEvent: ClockEvent, fromDate: string) => ({
  family,
  ruleId,
  dueDate,
  fromEvent,
  fromDate,
})

export const WORKED_EXAMPLES: WorkedExample[] = [
  example(
    'a contact received on a Friday is decided by the Monday',
    1001,
    (child) => {
      child.contact('2026-02-27')
      child.contact('2026-02-20', true)
    },
    [item('referral_decision', 'wt.referral.decision', '2026-03-02', 'contact_received', '2026-02-27')],
  ),
  example(
    'the assessment is due 45 working days from the referral; done or no-further-action referrals have none',
    1002,
    (child) => {
      child.referral('2024-01-02')
      const done = child.referral('2025-06-02')
      child.assessment('2025-06-03', { referralId: done, authorised: '2025-07-01', outcome: 'cin_plan' })
      child.referral('2025-09-01', { noFurtherAction: true })
    },
    [item('assessment', 'wt.assessment.complete', '2024-03-05', 'referral_received', '2024-01-02')],
  ),
  example(
    'a strategy discussion decided on the Friday before the Coronation bank holiday is due on the Tuesday',
    1003,
    (child) => {
      child.assessment('2023-04-20', { authorised: '2023-05-05', outcome: 'strategy_discussion' })
    },
    [
      item(
        'strategy_discussion',
        'local.strategy.discussion',
        '2023-05-09',
        'assessment_outcome_strategy_discussion',
        '2023-05-05',
      ),
    ],
  ),
  example(
    'the initial conference is due 15 working days from the strategy discussion, over Christmas',
    1004,
    (child) => {
      const discussion = child.strategyDiscussion('2023-12-15')
      child.section47('2023-12-18', { strategyDiscussionId: discussion })
      const earlier = child.strategyDiscussion('2023-03-01')
      const held = child.section47('2023-03-02', { strategyDiscussionId: earlier, outcome: 'initial_conference' })
      child.conference('initial', '2023-03-20', { section47Id: held })
    },
    [item('initial_conference', 'wt.icpc', '2024-01-10', 'strategy_discussion', '2023-12-15')],
  ),
  example(
    'the first review conference is 3 months after the initial one, clamped to the month end; CP visits run from the last visit the child was seen',
    1005,
    (child) => {
      const plan = child.cpPlan('2025-11-30')
      child.conference('initial', '2025-11-30', { cpPlanId: plan })
      child.visit('2026-02-10', 'child_protection')
      child.visit('2026-02-20', 'child_protection', false)
    },
    [
      item('cp_review', 'wt.rcpc.first', '2026-02-28', 'icpc', '2025-11-30'),
      item('cp_visit', 'local.cp.visit', '2026-02-24', 'last_visit', '2026-02-10'),
    ],
  ),
  example(
    'review conferences every 6 months after the first; a plan with no visit counts from its start',
    1006,
    (child) => {
      const plan = child.cpPlan('2025-01-31')
      child.conference('initial', '2025-01-31', { cpPlanId: plan })
      child.conference('review', '2025-04-28', { cpPlanId: plan })
    },
    [
      item('cp_review', 'wt.rcpc.subsequent', '2025-10-28', 'previous_rcpc', '2025-04-28'),
      item('cp_visit', 'local.cp.visit', '2025-02-14', 'cp_plan_start', '2025-01-31'),
    ],
  ),
  example(
    'child in need: reviews 3 months from the last review (31 January + 3 months is 30 April), visits every 4 weeks',
    1007,
    (child) => {
      const plan = child.cinPlan('2026-01-05')
      child.cinReview(plan, '2026-01-31')
    },
    [
      item('cin_review', 'local.cin.review', '2026-04-30', 'previous_cin_review', '2026-01-31'),
      item('cin_visit', 'local.cin.visit', '2026-02-02', 'cin_plan_start', '2026-01-05'),
    ],
  ),
  example(
    'a child who has just come into care: visit within a week, review and health assessment in 20 working days, PEP in 10',
    1008,
    (child) => {
      child.lookedAfter('2026-02-20')
    },
    [
      item('looked_after_visit', 'cpr.visit.first', '2026-02-27', 'placement_start', '2026-02-20'),
      item('looked_after_review', 'cpr.review.first', '2026-03-20', 'became_looked_after', '2026-02-20'),
      item('health_assessment', 'cpr.health.initial', '2026-03-20', 'became_looked_after', '2026-02-20'),
      item('personal_education_plan', 'guidance.pep.initiate', '2026-03-06', 'became_looked_after', '2026-02-20'),
    ],
    { dob: '2015-03-01' },
  ),
  example(
    'a placement change restarts the visit clock: a week from the move, not six weeks from the last visit',
    1009,
    (child) => {
      const { periodId } = child.lookedAfter('2025-06-02')
      for (const date of [
        '2025-06-06',
        '2025-07-15',
        '2025-08-20',
        '2025-09-30',
        '2025-11-10',
        '2025-12-18',
        '2026-02-10',
      ]) {
        child.visit(date, 'looked_after')
      }
      child.placement(periodId, '2026-02-16')
    },
    [item('looked_after_visit', 'cpr.visit.first', '2026-02-23', 'placement_start', '2026-02-16')],
  ),
  example(
    'a visit done early resets the clock from its own date',
    1010,
    (child) => {
      child.lookedAfter('2025-12-01')
      child.visit('2025-12-04', 'looked_after')
      child.visit('2026-01-05', 'looked_after')
    },
    [item('looked_after_visit', 'cpr.visit.year1', '2026-02-16', 'last_visit', '2026-01-05')],
  ),
  example(
    'after the first year of a placement intended to last until 18: every 3 months',
    1011,
    (child) => {
      child.lookedAfter('2024-01-15', { placementType: 'U4' })
      child.visit('2026-02-01', 'looked_after')
    },
    [item('looked_after_visit', 'cpr.visit.after_year1.permanent', '2026-05-01', 'last_visit', '2026-02-01')],
  ),
  example(
    'after the first year of any other placement: every 6 weeks',
    1012,
    (child) => {
      child.lookedAfter('2024-01-15', { placementType: 'U3' })
      child.visit('2026-02-01', 'looked_after')
    },
    [item('looked_after_visit', 'cpr.visit.after_year1.other', '2026-03-15', 'last_visit', '2026-02-01')],
  ),
  example(
    'a temporarily approved connected carer: weekly until the first review, then every 4 weeks',
    1013,
    (child) => {
      const { periodId } = child.lookedAfter('2026-01-26', { approvalType: 'temporarily_approved_connected_carer' })
      child.visit('2026-01-30', 'looked_after')
      child.visit('2026-02-06', 'looked_after')
      child.review(periodId, '2026-02-20')
      child.visit('2026-02-24', 'looked_after')
    },
    [
      item(
        'looked_after_visit',
        'cpr.visit.connected_person_or_ico_at_home.after_first_review',
        '2026-03-24',
        'last_visit',
        '2026-02-24',
      ),
    ],
  ),
  example(
    'a temporarily approved connected carer before the first review: weekly',
    1014,
    (child) => {
      child.lookedAfter('2026-01-26', { approvalType: 'temporarily_approved_connected_carer' })
      child.visit('2026-01-30', 'looked_after')
      child.visit('2026-02-24', 'looked_after')
    },
    [item('looked_after_visit', 'cpr.visit.connected_person_or_ico_at_home', '2026-03-03', 'last_visit', '2026-02-24')],
  ),
  example(
    'an interim care order with the child at home with a parent: weekly',
    1015,
    (child) => {
      child.lookedAfter('2026-02-09', { placementType: 'P1', legalStatus: 'C1' })
      child.visit('2026-02-12', 'looked_after')
    },
    [item('looked_after_visit', 'cpr.visit.connected_person_or_ico_at_home', '2026-02-19', 'last_visit', '2026-02-12')],
  ),
  example(
    'once a full care order replaces the interim one, the standard 6 weeks applies',
    1016,
    (child) => {
      const { periodId, placementId } = child.lookedAfter('2026-02-09', { placementType: 'P1', legalStatus: 'C1' })
      child.visit('2026-02-12', 'looked_after')
      child.legalStatus(periodId, placementId, '2026-02-13', 'C2')
      child.visit('2026-02-20', 'looked_after')
    },
    [item('looked_after_visit', 'cpr.visit.year1', '2026-04-03', 'last_visit', '2026-02-20')],
  ),
  example(
    'the second looked-after review is 3 months after the first',
    1017,
    (child) => {
      const { periodId } = child.lookedAfter('2025-09-01')
      child.review(periodId, '2025-09-26')
    },
    [item('looked_after_review', 'cpr.review.second', '2025-12-26', 'first_review', '2025-09-26')],
  ),
  example(
    'later looked-after reviews every 6 months (31 October + 6 months is 30 April); PEP reviews termly',
    1018,
    (child) => {
      const { periodId } = child.lookedAfter('2025-01-06')
      child.review(periodId, '2025-02-03')
      child.review(periodId, '2025-05-01')
      child.review(periodId, '2025-10-31')
      child.pep('2025-01-17')
      child.pep('2025-12-10')
    },
    [
      item('looked_after_review', 'cpr.review.subsequent', '2026-04-30', 'previous_review', '2025-10-31'),
      item('personal_education_plan', 'guidance.pep.review', '2026-04-10', 'previous_pep', '2025-12-10'),
    ],
  ),
  example(
    'health: a child still under 5 when the next assessment falls due is seen 6-monthly',
    1019,
    (child) => {
      child.lookedAfter('2024-01-10')
      child.health('2024-02-01')
      child.health('2025-11-01')
    },
    [item('health_assessment', 'cpr.health.review.under5', '2026-05-01', 'previous_health_assessment', '2025-11-01')],
    { dob: '2021-06-15' },
  ),
  example(
    'health: a child who turns 5 before the six months are up switches to yearly',
    1020,
    (child) => {
      child.lookedAfter('2024-01-10')
      child.health('2024-02-01')
      child.health('2025-11-01')
    },
    [item('health_assessment', 'cpr.health.review.5plus', '2026-11-01', 'previous_health_assessment', '2025-11-01')],
    { dob: '2021-03-01' },
  ),
  example(
    'health: a toddler assessed on 31 August is due again on 28 February',
    1021,
    (child) => {
      child.lookedAfter('2025-08-31')
      child.health('2025-08-31')
    },
    [item('health_assessment', 'cpr.health.review.under5', '2026-02-28', 'previous_health_assessment', '2025-08-31')],
    { dob: '2023-08-31', none: ['personal_education_plan'] },
  ),
  example(
    'health: an assessment in the 3 months before coming into care counts as the initial one',
    1022,
    (child) => {
      child.lookedAfter('2026-01-15')
      child.health('2025-11-20')
    },
    [item('health_assessment', 'cpr.health.review.5plus', '2026-11-20', 'previous_health_assessment', '2025-11-20')],
  ),
  example(
    'care leavers: pathway plan review 6 months on (31 August + 6 months is 28 February); personal adviser contact every 8 weeks from 18',
    1024,
    (child) => {
      child.pathwayPlan('2025-08-31')
      child.personalAdviser('2024-01-01')
      child.keepInTouch('2026-01-20')
      child.keepInTouch('2026-02-10', 'no')
    },
    [
      item('pathway_review', 'cl.pathway.review', '2026-02-28', 'pathway_plan', '2025-08-31'),
      item('personal_adviser_contact', 'local.pa.contact', '2026-03-17', 'previous_contact', '2026-01-20'),
    ],
    { dob: '2008-01-01' },
  ),
  example(
    'a relevant child (16 or 17) who has just moved is visited within 7 days of moving in',
    1025,
    (child) => {
      child.personalAdviser('2025-09-01')
      child.keepInTouch('2026-02-01')
      child.movedIn('2026-02-23')
    },
    [item('personal_adviser_contact', 'cl.pa.visit.relevant', '2026-03-02', 'moved_into_accommodation', '2026-02-23')],
    { dob: '2009-06-01' },
  ),
  example(
    'a relevant child is then visited at least every 2 months; a visit counts as contact',
    1026,
    (child) => {
      child.personalAdviser('2025-09-01')
      child.movedIn('2025-09-05')
      child.keepInTouch('2026-01-10')
      child.visit('2026-01-20', 'care_leaver')
    },
    [
      item(
        'personal_adviser_contact',
        'cl.pa.visit.relevant.subsequent',
        '2026-03-20',
        'previous_contact',
        '2026-01-20',
      ),
    ],
    { dob: '2009-06-01' },
  ),
  example(
    'short breaks (legal status V3) follow regulation 48: no looked-after clocks',
    1027,
    (child) => {
      child.lookedAfter('2026-01-05', { legalStatus: 'V3' })
    },
    [],
    { none: ['looked_after_visit', 'looked_after_review', 'health_assessment', 'personal_education_plan'] },
  ),
  example(
    'a council standard of 4 weeks for child protection visits applies to clocks starting after it',
    1028,
    (child) => {
      child.cpPlan('2025-12-01')
      child.visit('2025-12-05', 'child_protection')
      child.visit('2026-02-10', 'child_protection')
    },
    [item('cp_visit', 'local.cp.visit', '2026-03-10', 'last_visit', '2026-02-10')],
    { council: 'local' },
  ),
  example(
    'a council that switches off the child in need visit clock has no visit items, but still plan reviews',
    1029,
    (child) => {
      child.cinPlan('2026-01-05')
    },
    [item('cin_review', 'local.cin.review', '2026-04-05', 'cin_plan_start', '2026-01-05')],
    { council: 'local', none: ['cin_visit'] },
  ),
]
