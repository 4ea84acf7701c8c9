import type { z } from 'zod'
import { codeCheckboxItems, codeRadioItems, codeSelectItems } from '../../web/forms/code-options.js'
import { datePartsFromIso, todayInLondon } from '../../web/forms/date-input.js'
import type { ChildDetails } from './child-details.js'

/** The order of the details form's fields, so the error summary lists problems as the form shows them. */
export const CHILD_FORM_FIELDS = [
  'firstName',
  'lastName',
  'preferredName',
  'born',
  'dateOfBirth',
  'expectedDateOfBirth',
  'sex',
  'ethnicity',
  'upnKnown',
  'upn',
  'upnUnknownReason',
  'disabilities',
  'uasc',
  'homePostcode',
  'languages',
  'laChildId',
  'allocationTeam',
] as const

export function inFormOrder(issues: readonly z.core.$ZodIssue[], order: readonly string[] = CHILD_FORM_FIELDS) {
  const position = (issue: z.core.$ZodIssue) => {
    const index = order.indexOf(String(issue.path[0] ?? ''))
    return index === -1 ? order.length : index
  }
  return [...issues].sort((a, b) => position(a) - position(b))
}

/** The form values (as posted) read back for the form, whatever their type. */
export type FormValues = Record<string, unknown>

const text = (value: unknown) => (typeof value === 'string' ? value : '')
const list = (value: unknown) =>
  Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : typeof value === 'string'
      ? [value]
      : []

/** Radios, select and checkbox items for the details form, with the user's answers selected. */
export function childFormView(values: FormValues) {
  const disabilityItems = codeCheckboxItems('Disability', list(values['disabilities']))
  const none = disabilityItems.find((item) => item.value === 'NONE')
  return {
    ethnicityItems: codeSelectItems('ETHNIC', text(values['ethnicity'])),
    upnUnknownItems: codeRadioItems('UPNunknown', text(values['upnUnknownReason'])),
    disabilityItems: [
      ...disabilityItems.filter((item) => item.value !== 'NONE'),
      ...(none === undefined ? [] : [{ divider: 'or' }, { ...none, behaviour: 'exclusive' }]),
    ],
    nextYear: String(Number(todayInLondon().slice(0, 4)) + 1),
  }
}

/** The details form opened on a stored child. */
export function formValuesOf(details: ChildDetails): FormValues {
  return {
    firstName: details.firstName,
    lastName: details.lastName,
    preferredName: details.preferredName ?? '',
    born: details.dateOfBirth !== null ? 'yes' : 'no',
    ...datePartsFromIso('dateOfBirth', details.dateOfBirth),
    ...datePartsFromIso('expectedDateOfBirth', details.expectedDateOfBirth),
    sex: details.sex,
    ethnicity: details.ethnicity,
    upnKnown: details.upn !== null ? 'yes' : 'no',
    upn: details.upn ?? '',
    upnUnknownReason: details.upnUnknownReason ?? '',
    disabilities: details.disabilities,
    uasc: details.uasc ? 'yes' : 'no',
    homePostcode: details.homePostcode ?? '',
    languages: details.languages.join(', '),
  }
}

/** Hidden inputs that carry the answers to the next step (one input per value of a list). */
export function hiddenFieldsOf(values: FormValues, leaveOut: readonly string[] = []) {
  const fields: { name: string; value: string }[] = []
  for (const [name, value] of Object.entries(values)) {
    if (leaveOut.includes(name) || value === undefined || value === null) continue
    for (const item of Array.isArray(value) ? value : [value]) fields.push({ name, value: String(item) })
  }
  return fields
}

/** Label → text pairs as govukSummaryList rows. */
export function summaryRows(described: Record<string, string>) {
  return Object.entries(described).map(([key, value]) => ({ key: { text: key }, value: { text: value } }))
}
