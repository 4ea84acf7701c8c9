import type { AssessmentOutcome } from '../../db/tables/case-record.js'
import { codeLabel } from '../codes/code-lists.js'
import { londonDate } from '../front-door/london-time.js'
import { ukDate } from '../front-door/record-rules.js'
import type { Tag } from '../front-door/view-rows.js'
import {
  ASSESSMENT_OUTCOME_LABELS,
  ASSESSMENT_OUTCOMES,
  ASSESSMENT_WORKING_DAYS,
  assessmentTimeliness,
} from './assessment-rules.js'
import { factorLabels } from './factors.js'

/** View-shaping for the assessments and plans pages. */

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  )

interface AssessmentView {
  id: number
  start_date: string
  referral_date: string | null
  factors: readonly string[]
  child_seen: boolean | null
  outcome: AssessmentOutcome | null
  submitted_at: Date | null
  submitted_by_name: string | null
  authorisation_date: string | null
  authorised_by_name: string | null
  worker_name: string | null
}

export const outcomeLabel = (outcome: AssessmentOutcome | null) =>
  outcome === null ? 'Not recorded yet' : ASSESSMENT_OUTCOME_LABELS[outcome]

export function assessmentStatus(assessment: AssessmentView): string {
  if (assessment.authorisation_date !== null) {
    return `Authorised on ${ukDate(assessment.authorisation_date)}${assessment.authorised_by_name ? ` by ${assessment.authorised_by_name}` : ''}`
  }
  if (assessment.submitted_at !== null) {
    return `Submitted for authorisation on ${ukDate(londonDate(assessment.submitted_at))}${assessment.submitted_by_name ? ` by ${assessment.submitted_by_name}` : ''}`
  }
  return 'In progress'
}

/** Working days from the referral to authorisation (or to today, while the assessment is open). */
export function timelinessView(referralDate: string | null, authorisationDate: string | null, today: string) {
  if (referralDate === null) return { text: 'No referral linked', tag: null }
  const timeliness = assessmentTimeliness(referralDate, authorisationDate, today)
  const days = `${timeliness.workingDays} working day${timeliness.workingDays === 1 ? '' : 's'}`
  if (timeliness.authorised) {
    return {
      text: `${days} from referral to authorisation`,
      tag: timeliness.withinStandard
        ? { text: `Within ${ASSESSMENT_WORKING_DAYS} working days`, classes: 'govuk-tag--green' }
        : { text: `Over ${ASSESSMENT_WORKING_DAYS} working days`, classes: 'govuk-tag--red' },
    }
  }
  return {
    text: `${days} since the referral`,
    tag: timeliness.withinStandard
      ? { text: `Due by ${ukDate(timeliness.dueDate)}`, classes: 'govuk-tag--blue' }
      : { text: `Overdue: was due by ${ukDate(timeliness.dueDate)}`, classes: 'govuk-tag--red' },
  }
}

export interface AssessmentRow {
  id: number
  href: string
  startDate: string
  referralDate: string
  outcome: string
  status: string
  timeliness: { text: string; tag: Tag | null }
}

export function assessmentRows(
  childId: number,
  assessments: readonly AssessmentView[],
  today: string,
): AssessmentRow[] {
  return assessments.map((assessment) => ({
    id: assessment.id,
    href: `/children/${childId}/assessments/${assessment.id}`,
    startDate: ukDate(assessment.start_date),
    referralDate: assessment.referral_date === null ? 'Not linked' : ukDate(assessment.referral_date),
    outcome: outcomeLabel(assessment.outcome),
    status: assessmentStatus(assessment),
    timeliness: timelinessView(assessment.referral_date, assessment.authorisation_date, today),
  }))
}

export function assessmentSummaryRows(assessment: AssessmentView) {
  const factors = factorLabels(assessment.factors)
  return [
    {
      key: { text: 'Referral date' },
      value: { text: assessment.referral_date === null ? 'Not linked' : ukDate(assessment.referral_date) },
    },
    { key: { text: 'Start date' }, value: { text: ukDate(assessment.start_date) } },
    { key: { text: 'Social worker' }, value: { text: assessment.worker_name ?? 'Not recorded' } },
    {
      key: { text: 'Factors identified' },
      value:
        factors.length === 0
          ? { text: 'Not recorded yet' }
          : {
              html: `<ul class="govuk-list">${factors.map((factor) => `<li>${escapeHtml(factor)}</li>`).join('')}</ul>`,
            },
    },
    {
      key: { text: 'Child seen' },
      value: { text: assessment.child_seen === null ? 'Not recorded' : assessment.child_seen ? 'Yes' : 'No' },
    },
    { key: { text: 'Outcome' }, value: { text: outcomeLabel(assessment.outcome) } },
    { key: { text: 'Status' }, value: { text: assessmentStatus(assessment) } },
  ]
}

export interface CinPlanRow {
  id: number
  startDate: string
  endDate: string
  endReason: string
  endHref: string | null
}

export function cinPlanRows(
  childId: number,
  plans: readonly { id: number; start_date: string; end_date: string | null; end_reason: string | null }[],
): CinPlanRow[] {
  return plans.map((plan) => ({
    id: plan.id,
    startDate: ukDate(plan.start_date),
    endDate: plan.end_date === null ? 'Open' : ukDate(plan.end_date),
    endReason: plan.end_reason === null ? '' : (codeLabel('ReasonForClosure', plan.end_reason) ?? plan.end_reason),
    endHref: plan.end_date === null ? `/children/${childId}/cin-plans/${plan.id}/end` : null,
  }))
}

export function referralRadioItems(
  referrals: readonly { id: number; referral_date: string; source: string; closure_date: string | null }[],
  selected: string | undefined,
) {
  return referrals.map((referral) => ({
    value: String(referral.id),
    text: `Referral of ${ukDate(referral.referral_date)}`,
    hint: {
      text:
        `From: ${codeLabel('ReferralSource', referral.source) ?? referral.source}. ` +
        (referral.closure_date === null ? 'Open' : `Closed on ${ukDate(referral.closure_date)}`),
    },
    checked: String(referral.id) === selected,
  }))
}

export function outcomeRadioItems(selected: string | undefined) {
  return ASSESSMENT_OUTCOMES.map((outcome) => ({
    value: outcome,
    text: ASSESSMENT_OUTCOME_LABELS[outcome],
    checked: outcome === selected,
  }))
}

const change = (href: string, field: string, label: string) => ({
  items: [{ href: `${href}#${field}`, text: 'Change', visuallyHiddenText: label }],
})

export function authorisationCheckRows(
  assessment: AssessmentView,
  authorisationDate: string,
  changeHref: string,
  today: string,
) {
  const timeliness = timelinessView(assessment.referral_date, authorisationDate, today)
  return [
    { key: { text: 'Assessment started' }, value: { text: ukDate(assessment.start_date) } },
    { key: { text: 'Outcome' }, value: { text: outcomeLabel(assessment.outcome) } },
    {
      key: { text: 'Authorisation date' },
      value: { text: ukDate(authorisationDate) },
      actions: change(changeHref, 'authorised', 'authorisation date'),
    },
    {
      key: { text: 'Working days from referral' },
      value: {
        text: timeliness.tag === null ? timeliness.text : `${timeliness.text} (${timeliness.tag.text.toLowerCase()})`,
      },
    },
  ]
}

export function planEndCheckRows(
  plan: { start_date: string },
  answers: { endDate: string; reason: string },
  changeHref: string,
) {
  return [
    { key: { text: 'Plan started' }, value: { text: ukDate(plan.start_date) } },
    {
      key: { text: 'End date' },
      value: { text: ukDate(answers.endDate) },
      actions: change(changeHref, 'end', 'end date'),
    },
    {
      key: { text: 'Reason for ending' },
      value: { text: codeLabel('ReasonForClosure', answers.reason) ?? answers.reason },
      actions: change(changeHref, 'reason', 'reason for ending'),
    },
  ]
}
