import { codeLabel } from '../codes/code-lists.js'
import { addMonths, ageOn, type IsoDate } from './dates.js'
import type { CaseloadYoungPerson } from './queries.js'

/** The personal adviser's caseload as table rows: flags, sorting and the CSV export. */

export type CaseloadFlag =
  'in_custody' | 'not_in_touch' | 'neet_3_months' | 'contact_overdue' | 'review_overdue' | 'elsewhere'

export const FLAG_LABELS: Record<CaseloadFlag, string> = {
  contact_overdue: 'Contact overdue',
  review_overdue: 'Pathway plan review overdue',
  in_custody: 'In custody',
  not_in_touch: 'Not in touch',
  neet_3_months: 'NEET for 3 months or more',
  elsewhere: 'Another council is responsible',
}

export const OUTCOME_LABELS: Record<string, string> = {
  yes: 'In touch',
  no: 'Not in touch',
  refused: 'Refused contact',
  returned_home: 'Returned home',
  died: 'Died',
  no_longer_requires: 'No longer needs support',
}

export const SORTS = ['next_contact', 'name', 'last_contact', 'pathway_review'] as const
export type CaseloadSort = (typeof SORTS)[number]

/**
 * The flags a young person carries today: in custody (903 ACCOM type X), not in touch (the latest
 * contact was not in touch, or nobody has been in touch for 3 months), NEET for 3 months or more
 * (ACTIV G4-G6 since at least 3 months ago), and overdue clocks.
 */
export function caseloadFlags(person: CaseloadYoungPerson, asAt: IsoDate): CaseloadFlag[] {
  const flags: CaseloadFlag[] = []
  const threeMonthsAgo = addMonths(asAt, -3)
  if (person.nextContactDue !== null && person.nextContactDue < asAt) flags.push('contact_overdue')
  if (person.pathwayReviewDue !== null && person.pathwayReviewDue < asAt) flags.push('review_overdue')
  if (person.accommodationType === 'X') flags.push('in_custody')
  if (
    (person.lastContactOutcome !== null && person.lastContactOutcome !== 'yes') ||
    person.lastInTouchDate === null ||
    person.lastInTouchDate < threeMonthsAgo
  )
    flags.push('not_in_touch')
  if (
    person.activityCode?.startsWith('G') === true &&
    person.activitySince !== null &&
    person.activitySince <= threeMonthsAgo
  )
    flags.push('neet_3_months')
  if (person.responsibleLaName !== null) flags.push('elsewhere')
  return flags
}

const compareNullableDates = (a: IsoDate | null, b: IsoDate | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1

export function sortCaseload(people: readonly CaseloadYoungPerson[], sort: CaseloadSort): CaseloadYoungPerson[] {
  const byName = (a: CaseloadYoungPerson, b: CaseloadYoungPerson) => a.name.localeCompare(b.name, 'en-GB')
  const order: Record<CaseloadSort, (a: CaseloadYoungPerson, b: CaseloadYoungPerson) => number> = {
    name: byName,
    next_contact: (a, b) => compareNullableDates(a.nextContactDue, b.nextContactDue) || byName(a, b),
    pathway_review: (a, b) => compareNullableDates(a.pathwayReviewDue, b.pathwayReviewDue) || byName(a, b),
    last_contact: (a, b) => compareNullableDates(a.lastContactDate, b.lastContactDate) || byName(a, b),
  }
  return [...people].sort(order[sort])
}

export function accommodationText(person: Pick<CaseloadYoungPerson, 'accommodationType' | 'accommodationSuitable'>) {
  if (person.accommodationType === null) return 'Not recorded'
  const kind = codeLabel('ACCOM_TYPE', person.accommodationType) ?? person.accommodationType
  return `${kind} (${person.accommodationSuitable === true ? 'suitable' : 'not suitable'})`
}

export function activityText(code: string | null) {
  if (code === null) return 'Not recorded'
  return codeLabel('ACTIV', code) ?? code
}

const ukDate = (iso: IsoDate | null) =>
  iso === null
    ? ''
    : new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      })

const dueHtml = (due: IsoDate | null, asAt: IsoDate) => {
  if (due === null) return { text: 'None running' }
  const overdue = due < asAt
  return {
    html: `${ukDate(due)}${overdue ? ' <strong class="govuk-tag govuk-tag--red">Overdue</strong>' : ''}`,
    attributes: { 'data-sort-value': due },
  }
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  )

/** govukTable rows. The name links to the young person's care-leaver record. */
export function caseloadTableRows(people: readonly CaseloadYoungPerson[], asAt: IsoDate, showAdviser: boolean) {
  return people.map((person) => {
    const flags = caseloadFlags(person, asAt)
    const age = person.dateOfBirth === null ? '' : ` (${ageOn(person.dateOfBirth, asAt)})`
    const lastContact =
      person.lastContactDate === null
        ? 'None recorded'
        : `${ukDate(person.lastContactDate)}: ${OUTCOME_LABELS[person.lastContactOutcome ?? ''] ?? ''}`
    const cells = [
      {
        html: `<a class="govuk-link" href="/children/${person.childId}/care-leaver">${escapeHtml(person.name)}</a>${escapeHtml(age)}`,
      },
      ...(showAdviser ? [{ text: person.adviserName ?? 'Not allocated to a person' }] : []),
      { text: lastContact },
      dueHtml(person.nextContactDue, asAt),
      { text: accommodationText(person) },
      { text: activityText(person.activityCode) },
      dueHtml(person.pathwayReviewDue, asAt),
      {
        html:
          flags.length === 0
            ? 'None'
            : `<ul class="govuk-list">${flags.map((flag) => `<li><strong class="govuk-tag ${flag.endsWith('overdue') || flag === 'in_custody' ? 'govuk-tag--red' : 'govuk-tag--yellow'}">${FLAG_LABELS[flag]}</strong></li>`).join('')}</ul>`,
      },
    ]
    return cells
  })
}

export const CSV_COLUMNS = [
  'Child ID',
  'Name',
  'Date of birth',
  'Personal adviser',
  'Last contact',
  'Last contact outcome',
  'Next contact due',
  '903 ACCOM',
  'Accommodation',
  '903 ACTIV',
  'Activity',
  'Pathway plan review due',
  'Flags',
  'Responsible authority',
]

export function caseloadCsvRows(people: readonly CaseloadYoungPerson[], asAt: IsoDate): string[][] {
  return people.map((person) => [
    person.laChildId,
    person.name,
    person.dateOfBirth ?? '',
    person.adviserName ?? '',
    person.lastContactDate ?? '',
    OUTCOME_LABELS[person.lastContactOutcome ?? ''] ?? '',
    person.nextContactDue ?? '',
    person.accommodationType === null ? '' : `${person.accommodationType}${person.accommodationSuitable ? '1' : '2'}`,
    accommodationText(person),
    person.activityCode ?? '',
    activityText(person.activityCode),
    person.pathwayReviewDue ?? '',
    caseloadFlags(person, asAt)
      .map((flag) => FLAG_LABELS[flag])
      .join('; '),
    person.responsibleLaName ?? '',
  ])
}
