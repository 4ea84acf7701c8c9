import { codeLabel } from '../codes/code-lists.js'
import type { DueItem } from '../compliance/due-item.js'
import { OUTCOME_LABELS } from './caseload-view.js'
import type { IsoDate } from './dates.js'
import type { Eligibility } from './eligibility.js'
import type { CareLeaverOutcome } from './outcomes.js'
import { goalProblems } from './pathway-service.js'
import type { ChildCareLeaverRecords } from './queries.js'

/** The care-leaver section of a child's record, shaped into summary-list and table rows. */

export const ukDate = (iso: IsoDate | null | undefined) =>
  iso === null || iso === undefined
    ? ''
    : new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      })

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  )

/** The last cell of a row: a link to change the record (its visually hidden words say which), when the user may. */
const changeCell = (canRecord: boolean, href: string, link: string, which: string) =>
  canRecord
    ? {
        html: `<a class="govuk-link" href="${href}">${link}<span class="govuk-visually-hidden"> ${escapeHtml(which)}</span></a>`,
      }
    : { text: '' }

const span = (start: IsoDate, end: IsoDate | null) => `${ukDate(start)} to ${end === null ? 'now' : ukDate(end)}`

const words = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replaceAll('_', ' ')

export const METHOD_LABELS: Record<string, string> = {
  face_to_face: 'Face to face',
  phone: 'Phone call',
  video_call: 'Video call',
  text_message: 'Text message',
  email: 'Email',
  social_media: 'Social media message',
  letter: 'Letter',
  other: 'Other',
}

export const VIEW_LABELS: Record<string, string> = {
  suitable: 'They think it is suitable',
  not_suitable: 'They think it is not suitable',
  not_asked: 'Not asked',
  declined_to_say: 'They did not want to say',
}

export const LIFE_AREA_LABELS: Record<string, string> = {
  accommodation: 'Where they live',
  education_employment_training: 'Education, employment or training',
  health: 'Health and wellbeing',
  finance: 'Money',
  relationships: 'Family, friends and relationships',
  identity: 'Identity',
  practical_skills: 'Practical and living skills',
}

export const GOAL_STATUS_LABELS: Record<string, string> = {
  open: 'In progress',
  achieved: 'Achieved',
  partly_achieved: 'Partly achieved',
  not_achieved: 'Not achieved',
  no_longer_needed: 'No longer needed',
}

export const SUPPORT_TYPE_LABELS: Record<string, string> = {
  personal_adviser_support: 'Personal adviser support',
  financial: 'Money',
  accommodation: 'Somewhere to live',
  education_training: 'Education or training',
  employment: 'Work',
  health_wellbeing: 'Health and wellbeing',
  other: 'Something else',
}

export const SUPPORT_OUTCOME_LABELS: Record<string, string> = {
  agreed: 'Agreed',
  partly_agreed: 'Partly agreed',
  declined: 'Declined',
  withdrawn: 'They withdrew the request',
}

export const WORK_KIND_LABELS: Record<string, string> = {
  job: 'Job',
  apprenticeship: 'Apprenticeship',
  work_placement: 'Work placement',
  work_experience: 'Work experience',
  traineeship: 'Traineeship',
  internship: 'Internship',
}

export const OFFER_STATUS_LABELS: Record<string, string> = {
  offered: 'Offered',
  accepted: 'Accepted',
  declined: 'Declined',
  started: 'Started',
  completed: 'Completed',
  left_early: 'Left early',
  withdrawn: 'Offer withdrawn',
}

export function eligibilityRows(eligibility: Eligibility) {
  return [
    { key: { text: 'Leaving-care status' }, value: { text: eligibility.label } },
    { key: { text: 'Why' }, value: { text: eligibility.reason } },
    {
      key: { text: 'Age band' },
      value: { text: eligibility.ageBand === null ? 'Not a care-leaver age' : eligibility.ageBand },
    },
    {
      key: { text: 'Looked after since their 14th birthday' },
      value: {
        text: `${Math.floor(eligibility.daysSince14 / 7)} weeks${eligibility.thirteenWeeksOn ? ` (13 weeks reached on ${ukDate(eligibility.thirteenWeeksOn)})` : ''}`,
      },
    },
    ...(eligibility.leftCare === null
      ? []
      : [{ key: { text: 'Left care' }, value: { text: ukDate(eligibility.leftCare) } }]),
  ]
}

export function dutyRows(eligibility: Eligibility) {
  return eligibility.duties.map((duty) => [{ text: duty.duty }, { text: ukDate(duty.from) }, { text: ukDate(duty.to) }])
}

export function dueRows(items: readonly DueItem[], asAt: IsoDate) {
  return items.map((item) => [
    { text: item.family === 'pathway_review' ? 'Pathway plan review' : 'Contact with their personal adviser' },
    {
      html: `${ukDate(item.dueDate)}${item.dueDate < asAt ? ' <strong class="govuk-tag govuk-tag--red">Overdue</strong>' : ''}`,
    },
  ])
}

export function outcomeRows(outcomes: readonly CareLeaverOutcome[]) {
  return outcomes.map((row) => [
    { text: `${row.ageAtBirthday} (${ukDate(row.birthday)})` },
    { text: `${ukDate(row.windowStart)} to ${ukDate(row.windowEnd)}` },
    { text: `${codeLabel('IN_TOUCH', row.inTouch) ?? row.inTouch} (${row.inTouch})` },
    { text: `${codeLabel('ACTIV', row.activ) ?? row.activ} (${row.activ})` },
    { text: `${codeLabel('ACCOM', row.accom) ?? row.accom} (${row.accom})` },
  ])
}

export function contactRows(records: ChildCareLeaverRecords['contacts']) {
  return records.map((row) => [
    { text: ukDate(row.contact_date) },
    { text: METHOD_LABELS[row.method] ?? row.method },
    { text: OUTCOME_LABELS[row.outcome] ?? row.outcome },
    { text: row.made_by_name ?? '' },
  ])
}

export function accommodationRows(
  records: ChildCareLeaverRecords['accommodation'],
  childId: number,
  canRecord: boolean,
) {
  return records.map((row) => {
    const accom = `${row.accommodation_type}${row.suitable ? '1' : '2'}`
    const reason =
      row.unsuitable_reason === null
        ? ''
        : `: ${codeLabel('UNSUITABLE_ACCOMMODATION_REASON', row.unsuitable_reason) ?? row.unsuitable_reason}`
    return [
      { text: span(row.start_date, row.end_date) },
      { text: `${codeLabel('ACCOM_TYPE', row.accommodation_type) ?? row.accommodation_type} (${accom})` },
      { text: `${row.suitable ? 'Suitable' : 'Not suitable'}${reason}` },
      {
        text:
          row.young_person_view === null
            ? 'Not recorded'
            : (VIEW_LABELS[row.young_person_view] ?? row.young_person_view),
      },
      changeCell(
        canRecord,
        `/children/${childId}/care-leaver/accommodation/${row.id}`,
        'Change',
        `the accommodation from ${ukDate(row.start_date)}`,
      ),
    ]
  })
}

export function activityRows(records: ChildCareLeaverRecords['activities'], childId: number, canRecord: boolean) {
  return records.map((row) => [
    { text: span(row.start_date, row.end_date) },
    { text: `${codeLabel('ACTIV', row.activity_code) ?? row.activity_code} (${row.activity_code})` },
    { text: row.provider_name ?? '' },
    changeCell(
      canRecord,
      `/children/${childId}/care-leaver/activity/${row.id}`,
      'Change',
      `the activity from ${ukDate(row.start_date)}`,
    ),
  ])
}

export function offerRows(records: ChildCareLeaverRecords['offers'], childId: number, canRecord: boolean) {
  return records.map((row) => [
    { text: row.title },
    { text: `${WORK_KIND_LABELS[row.kind] ?? row.kind}${row.ring_fenced ? ' (ring-fenced for care leavers)' : ''}` },
    { text: ukDate(row.offered_date) },
    {
      text: `${OFFER_STATUS_LABELS[row.status] ?? row.status}${row.start_date ? ` (started ${ukDate(row.start_date)}${row.end_date ? `, ended ${ukDate(row.end_date)}` : ''})` : ''}`,
    },
    changeCell(
      canRecord,
      `/children/${childId}/care-leaver/work-offers/${row.id}`,
      'Change',
      `the offer: ${row.title}`,
    ),
  ])
}

/** Goals of a plan; a goal lacking a date or a measure is flagged in words, not colour alone. */
export function goalRows(goals: ChildCareLeaverRecords['goals'], childId: number, canRecord: boolean) {
  return goals.map((goal) => {
    const problems = goalProblems({ byWhen: goal.by_when, measure: goal.measure })
    const flags = problems
      .map(
        (problem) =>
          `<strong class="govuk-tag govuk-tag--red">${problem.field === 'byWhen' ? 'No date' : 'No measure'}</strong>`,
      )
      .join(' ')
    return [
      {
        html: `${escapeHtml(goal.what)}${goal.life_area ? `<br><span class="govuk-hint">${escapeHtml(LIFE_AREA_LABELS[goal.life_area] ?? words(goal.life_area))}</span>` : ''}`,
      },
      { text: goal.by_when === null ? 'Not set' : ukDate(goal.by_when) },
      { text: goal.who_helps ?? 'Not set' },
      { text: goal.measure ?? 'Not set' },
      { html: `${escapeHtml(GOAL_STATUS_LABELS[goal.status] ?? goal.status)}${flags ? `<br>${flags}` : ''}` },
      changeCell(canRecord, `/children/${childId}/care-leaver/goals/${goal.id}`, 'Update', `the goal: ${goal.what}`),
    ]
  })
}

export function reviewRows(records: ChildCareLeaverRecords['reviews']) {
  return records.map((row) => [
    { text: ukDate(row.review_date) },
    { text: row.young_person_attended === null ? 'Not recorded' : row.young_person_attended ? 'Yes' : 'No' },
    { text: row.summary ?? '' },
  ])
}

export function stayingRows(records: ChildCareLeaverRecords['staying'], childId: number, canRecord: boolean) {
  return records.map((row) => {
    const arrangement = row.arrangement_type === 'staying_put' ? 'Staying Put' : 'Staying Close'
    return [
      { text: arrangement },
      { text: span(row.start_date, row.end_date) },
      {
        text:
          row.weekly_payment_pence === null ? 'Not recorded' : `£${(row.weekly_payment_pence / 100).toFixed(2)} a week`,
      },
      { text: row.end_reason ?? '' },
      changeCell(
        canRecord,
        `/children/${childId}/care-leaver/staying/${row.id}`,
        row.end_date === null ? 'Change or end' : 'Change',
        `the ${arrangement} arrangement from ${ukDate(row.start_date)}`,
      ),
    ]
  })
}

/** Who authorised the plan and when, in words. */
export function planAuthorisation(plan: { authorised_date: IsoDate | null; authorised_by_name: string | null }) {
  return plan.authorised_date === null
    ? 'Not authorised yet'
    : `Authorised by ${plan.authorised_by_name ?? 'a manager'} on ${ukDate(plan.authorised_date)}`
}

export function supportRows(records: ChildCareLeaverRecords['requests'], childId: number, canRecord: boolean) {
  return records.map((row) => [
    { text: ukDate(row.requested_date) },
    { text: SUPPORT_TYPE_LABELS[row.request_type] ?? row.request_type },
    row.outcome === null
      ? canRecord
        ? {
            html: `Waiting for a response. <a class="govuk-link" href="/children/${childId}/care-leaver/support-requests/${row.id}/response">Record the response<span class="govuk-visually-hidden"> to the request of ${escapeHtml(ukDate(row.requested_date))}</span></a>`,
          }
        : { text: 'Waiting for a response' }
      : {
          text: `${SUPPORT_OUTCOME_LABELS[row.outcome] ?? row.outcome} on ${ukDate(row.responded_date)}${row.response ? `: ${row.response}` : ''}`,
        },
  ])
}
