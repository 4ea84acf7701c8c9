import { formatUkDate } from '../../web/nunjucks.js'
import { codeLabel } from '../codes/code-lists.js'
import {
  AGENCIES,
  CONFERENCE_DECISIONS,
  DISCUSSION_DECISIONS,
  SECTION47_OUTCOMES,
  planEndReasonLabel,
} from './labels.js'
import { nextReviewDue, previousPlans } from './plan-rules.js'
import {
  currentReferral,
  discussionAwaitingEnquiry,
  enquiryAwaitingConference,
  enquiryAwaitingOutcome,
  openPlan,
  reviewsOf,
  type ChildProtectionRecord,
  type CpPlan,
} from './records.js'

/** View shaping for the child protection page: what is next, the plans, and the history table. */

export const childProtectionPath = (childId: number) => `/children/${childId}/child-protection`

export const categoryLabel = (code: string | null) =>
  code === null ? '' : `${codeLabel('CategoryOfAbuse', code) ?? code} (${code})`

export interface Status {
  text: string
  /** govuk-tag modifier; the text always says the same thing, so colour is never the only signal. */
  colour: 'grey' | 'blue' | 'green' | 'yellow' | 'red'
}

export interface NextStep {
  text: string
  href: string
  linkText: string
  status: Status | null
}

function dueStatus(due: string, today: string): Status {
  if (due < today) return { text: 'Overdue', colour: 'red' }
  return { text: 'Due', colour: 'yellow' }
}

/** What the social worker should record next, in the order the process runs. */
export function nextSteps(record: ChildProtectionRecord, today: string): NextStep[] {
  const base = childProtectionPath(record.childId)
  const steps: NextStep[] = []
  const discussion = discussionAwaitingEnquiry(record)
  if (discussion !== undefined) {
    steps.push({
      text: `The strategy discussion on ${formatUkDate(discussion.held_on)} decided on a section 47 enquiry.`,
      href: `${base}/section-47-enquiries/new`,
      linkText: 'Record the section 47 enquiry',
      status: null,
    })
  }
  const awaitingOutcome = enquiryAwaitingOutcome(record)
  if (awaitingOutcome !== undefined) {
    steps.push({
      text: `The section 47 enquiry started on ${formatUkDate(awaitingOutcome.start_date)} has no outcome yet.`,
      href: `${base}/section-47-enquiries/${awaitingOutcome.id}/outcome`,
      linkText: 'Record the outcome of the enquiry',
      status: null,
    })
  }
  const awaitingConference = enquiryAwaitingConference(record)
  if (awaitingConference !== undefined) {
    const target = awaitingConference.icpc_target_date
    steps.push({
      text:
        target === null
          ? 'An initial child protection conference may be needed.'
          : `Initial child protection conference due by ${formatUkDate(target)} (15 working days from the strategy discussion).`,
      href: `${base}/initial-conferences/new`,
      linkText: 'Record the initial conference',
      status: target === null ? null : dueStatus(target, today),
    })
  }
  const plan = openPlan(record)
  if (plan !== undefined) {
    const due = reviewDue(record, plan)
    steps.push({
      text: `Review conference due by ${formatUkDate(due)}.`,
      href: `${base}/plans/${plan.id}/reviews/new`,
      linkText: 'Record a review conference',
      status: dueStatus(due, today),
    })
  }
  return steps
}

function heldReviewDates(record: ChildProtectionRecord, plan: CpPlan): string[] {
  return reviewsOf(record, plan.id)
    .filter((review) => review.decision !== null)
    .map((review) => review.conference_date)
}

export function reviewDue(record: ChildProtectionRecord, plan: CpPlan): string {
  return nextReviewDue(plan.start_date, heldReviewDates(record, plan))
}

/** How the page describes whether a plan is a second or subsequent plan. */
export function secondOrSubsequentText(record: ChildProtectionRecord, plan: CpPlan): string {
  const previous = previousPlans(plan, record.plans)
  if (!previous.secondOrSubsequent) return 'No: the child’s first plan'
  if (previous.previousPlanEnded === null) {
    const plans =
      plan.previous_plans_elsewhere === 1 ? '1 previous plan' : `${plan.previous_plans_elsewhere} previous plans`
    return `Second or subsequent plan (${plans} in another council)`
  }
  const within = previous.withinTwoYears ? 'within 2 years' : 'more than 2 years before this plan'
  return `Second or subsequent plan (previous plan ended ${formatUkDate(previous.previousPlanEnded)}, ${within})`
}

export interface SummaryRow {
  key: { text: string }
  value: { text: string }
}

export interface PlanCard {
  id: number
  title: string
  status: Status
  rows: SummaryRow[]
  reviews: { date: string; decision: string; category: string }[]
  reviewHref: string | null
  endHref: string | null
  version: number
}

export function planCards(record: ChildProtectionRecord, today: string, canEnd: boolean): PlanCard[] {
  const base = childProtectionPath(record.childId)
  return [...record.plans].reverse().map((plan) => {
    const open = plan.end_date === null
    const previous = previousPlans(plan, record.plans)
    const row = (key: string, value: string): SummaryRow => ({ key: { text: key }, value: { text: value } })
    const rows = [
      row('Started (initial conference)', formatUkDate(plan.start_date)),
      row('Ended', open ? 'Not ended' : formatUkDate(plan.end_date)),
      ...(open ? [] : [row('Why it ended', planEndReasonLabel(plan.end_reason) || 'Not recorded')]),
      row('Initial category of abuse', categoryLabel(plan.initial_category)),
      row('Latest category of abuse', categoryLabel(plan.latest_category)),
      row('Second or subsequent plan', secondOrSubsequentText(record, plan)),
      row('Number of previous plans (CIN NumberOfPreviousCPP)', String(previous.numberOfPreviousPlans)),
    ]
    if (open) {
      const due = reviewDue(record, plan)
      rows.push(row('Next review conference due', `${formatUkDate(due)}${due < today ? ' (overdue)' : ''}`))
    }
    return {
      id: plan.id,
      title: open ? 'Current child protection plan' : `Child protection plan ended ${formatUkDate(plan.end_date)}`,
      status: open ? { text: 'Current', colour: 'blue' } : { text: 'Ended', colour: 'grey' },
      rows,
      reviews: reviewsOf(record, plan.id).map((review) => ({
        date: formatUkDate(review.conference_date),
        decision: review.decision === null ? 'Not recorded yet' : CONFERENCE_DECISIONS[review.decision],
        category: categoryLabel(review.category),
      })),
      reviewHref: open ? `${base}/plans/${plan.id}/reviews/new` : null,
      endHref: open && canEnd ? `${base}/plans/${plan.id}/end` : null,
      version: plan.version,
    }
  })
}

export interface HistoryRow {
  date: string
  /** For ordering: ISO date, then the order the process runs in. */
  sortKey: string
  record: string
  details: string[]
  status: Status
  link: { href: string; text: string } | null
}

const agencyList = (agencies: string[]) =>
  agencies.map((agency) => (AGENCIES as Record<string, string>)[agency] ?? agency).join(', ')

/** Every strategy discussion, enquiry, conference and plan ending, most recent first. */
export function historyRows(record: ChildProtectionRecord, today: string): HistoryRow[] {
  const base = childProtectionPath(record.childId)
  const rows: HistoryRow[] = []
  for (const discussion of record.discussions) {
    const decision = discussion.decision
    rows.push({
      date: formatUkDate(discussion.held_on),
      sortKey: `${discussion.held_on} 1 ${String(discussion.id).padStart(15, '0')}`,
      record: 'Strategy discussion',
      details: [
        ...(discussion.agencies.length > 0 ? [`Agencies: ${agencyList(discussion.agencies)}`] : []),
        `Decision: ${decision === null ? 'not recorded' : DISCUSSION_DECISIONS[decision]}`,
      ],
      status: { text: 'Held', colour: 'green' },
      link: null,
    })
  }
  for (const enquiry of record.enquiries) {
    const conference = record.conferences.find(
      (candidate) => candidate.conference_type === 'initial' && candidate.section47_enquiry_id === enquiry.id,
    )
    const outcome = enquiry.outcome
    const details = [
      outcome === null ? 'Outcome not recorded yet' : `Outcome: ${SECTION47_OUTCOMES[outcome].label}`,
      ...(enquiry.end_date === null ? [] : [`Ended ${formatUkDate(enquiry.end_date)}`]),
      ...(enquiry.icpc_target_date === null
        ? []
        : [`Initial conference target date: ${formatUkDate(enquiry.icpc_target_date)}`]),
      ...(enquiry.icpc_not_required ? ['Initial conference not required (CIN ICPCnotRequired)'] : []),
    ]
    let status: Status
    if (conference !== undefined) status = { text: 'Conference held', colour: 'green' }
    else if (outcome !== null && outcome !== 'initial_conference') status = { text: 'Completed', colour: 'green' }
    else if (enquiry.icpc_target_date !== null) {
      status =
        enquiry.icpc_target_date < today
          ? { text: 'Conference overdue', colour: 'red' }
          : { text: 'Conference due', colour: 'yellow' }
    } else status = { text: 'Open', colour: 'blue' }
    rows.push({
      date: formatUkDate(enquiry.start_date),
      sortKey: `${enquiry.start_date} 2 ${String(enquiry.id).padStart(15, '0')}`,
      record: 'Section 47 enquiry started',
      details,
      status,
      link: {
        href: `${base}/section-47-enquiries/${enquiry.id}/outcome`,
        text: outcome === null ? 'Record the outcome' : 'Change the outcome',
      },
    })
  }
  for (const conference of record.conferences) {
    const initial = conference.conference_type !== 'review'
    rows.push({
      date: formatUkDate(conference.conference_date),
      sortKey: `${conference.conference_date} 3 ${String(conference.id).padStart(15, '0')}`,
      record: initial ? 'Initial child protection conference' : 'Review child protection conference',
      details: [
        `Decision: ${conference.decision === null ? 'not recorded yet' : CONFERENCE_DECISIONS[conference.decision]}`,
        ...(conference.category === null ? [] : [`Category of abuse: ${categoryLabel(conference.category)}`]),
      ],
      status: conference.decision === null ? { text: 'Booked', colour: 'grey' } : { text: 'Held', colour: 'green' },
      link: null,
    })
  }
  for (const plan of record.plans) {
    if (plan.end_date === null) continue
    rows.push({
      date: formatUkDate(plan.end_date),
      sortKey: `${plan.end_date} 4 ${String(plan.id).padStart(15, '0')}`,
      record: 'Child protection plan ended',
      details: [planEndReasonLabel(plan.end_reason) || 'Reason not recorded'],
      status: { text: 'Ended', colour: 'grey' },
      link: null,
    })
  }
  return rows.sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0))
}

/** Whether the child has an open referral to link a strategy discussion to. */
export const canRecordDiscussion = (record: ChildProtectionRecord) => currentReferral(record) !== undefined
