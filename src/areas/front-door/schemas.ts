import { z } from 'zod'
import { isValidCode } from '../codes/code-lists.js'
import { checkDateInput, dateInputFields, isoDate } from '../../web/forms/date-input.js'
import { instantFromLondon, parseClockTime } from './london-time.js'
import { MASH_DECISIONS, type MashDecisionCode } from './mash-decision.js'

/** Checkbox values arrive as nothing, one string or several: always a list. */
export const checkboxValues = z.preprocess(
  (value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string().max(40)).max(50),
)

const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label} must be ${max} characters or fewer`).optional().default('')

/**
 * A date input plus a time box, read as London wall-clock time. Returns the instant when both are
 * valid; refuses an instant in the future with a message on the field to change.
 */
function checkDateAndTime(
  values: Record<string, unknown>,
  name: string,
  label: { date: string; time: string; both: string },
  context: z.RefinementCtx,
): Date | undefined {
  const date = checkDateInput(values, name, { label: label.date, when: 'past' }, context)
  const rawTime = typeof values[`${name}-time`] === 'string' ? (values[`${name}-time`] as string).trim() : ''
  const issue = (message: string) => context.addIssue({ code: 'custom', message, path: [`${name}-time`] })
  if (rawTime === '') {
    issue(`Enter ${label.time}`)
    return undefined
  }
  const time = parseClockTime(rawTime)
  if (time === undefined) {
    issue(`${capitalise(label.time)} must be a real time, for example 09:30 or 14:05`)
    return undefined
  }
  if (date === undefined) return undefined
  const instant = instantFromLondon(date, time)
  if (instant.getTime() > Date.now()) {
    issue(`${capitalise(label.both)} must be in the past`)
    return undefined
  }
  return instant
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

export function readDateAndTime(values: Record<string, unknown>, name: string): Date {
  const date = isoDate(values, name) as string
  const raw = values[`${name}-time`]
  const time = parseClockTime(typeof raw === 'string' ? raw : '') as string
  return instantFromLondon(date, time)
}

export const contactSchema = z
  .object({
    ...dateInputFields('received'),
    'received-time': z.string().max(20).optional().default(''),
    source: z.string().max(10).optional().default(''),
    referrerName: optionalText(200, 'Referrer’s name'),
    referrerOrganisation: optionalText(200, 'Referrer’s organisation'),
    concern: optionalText(5000, 'Summary of the concern'),
    alsoFor: checkboxValues,
  })
  .strict()
  .superRefine((values, context) => {
    checkDateAndTime(
      values,
      'received',
      {
        date: 'the date the contact was received',
        time: 'the time the contact was received',
        both: 'the date and time the contact was received',
      },
      context,
    )
    if (!isValidCode('ReferralSource', values.source)) {
      context.addIssue({ code: 'custom', message: 'Select who made the contact', path: ['source'] })
    }
    if (values.concern === '') {
      context.addIssue({ code: 'custom', message: 'Enter a summary of the concern', path: ['concern'] })
    }
    if (values.alsoFor.some((value) => !/^\d{1,15}$/.test(value))) {
      context.addIssue({ code: 'custom', message: 'Select brothers and sisters from the list', path: ['alsoFor'] })
    }
  })
  .transform((values) => ({
    receivedAt: readDateAndTime(values, 'received'),
    source: values.source,
    referrerName: values.referrerName || null,
    referrerOrganisation: values.referrerOrganisation || null,
    concern: values.concern,
    alsoFor: values.alsoFor.map(Number),
  }))

export type ContactInput = z.output<typeof contactSchema>

export const decisionSchema = z
  .object({
    decision: z.string().max(40).optional().default(''),
    ...dateInputFields('decided'),
    'decided-time': z.string().max(20).optional().default(''),
    primaryNeed: z.string().max(4).optional().default(''),
    alsoFor: checkboxValues,
    version: z.coerce.number().int().positive(),
  })
  .strict()
  .superRefine((values, context) => {
    if (!(MASH_DECISIONS as readonly string[]).includes(values.decision)) {
      context.addIssue({ code: 'custom', message: 'Select the decision', path: ['decision'] })
    }
    checkDateAndTime(
      values,
      'decided',
      {
        date: 'the date of the decision',
        time: 'the time of the decision',
        both: 'the date and time of the decision',
      },
      context,
    )
    if (values.primaryNeed !== '' && !isValidCode('PrimaryNeedCode', values.primaryNeed)) {
      context.addIssue({ code: 'custom', message: 'Select the child’s main need from the list', path: ['primaryNeed'] })
    }
    if (values.alsoFor.some((value) => !/^\d{1,15}:\d{1,9}$/.test(value))) {
      context.addIssue({ code: 'custom', message: 'Select brothers and sisters from the list', path: ['alsoFor'] })
    }
  })
  .transform((values) => ({
    decision: values.decision as MashDecisionCode,
    decidedAt: readDateAndTime(values, 'decided'),
    primaryNeed: values.primaryNeed === '' ? null : values.primaryNeed,
    version: values.version,
    alsoFor: values.alsoFor.map((value) => {
      const [contactId, version] = value.split(':').map(Number) as [number, number]
      return { contactId, version }
    }),
  }))

export type DecisionInput = z.output<typeof decisionSchema>

export const referralClosureSchema = z
  .object({
    ...dateInputFields('closure'),
    reason: z.string().max(4).optional().default(''),
    nfa: z.string().max(3).optional().default(''),
    version: z.coerce.number().int().positive(),
  })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'closure', { label: 'the closure date', when: 'past' }, context)
    if (!isValidCode('ReasonForClosure', values.reason)) {
      context.addIssue({ code: 'custom', message: 'Select why the referral is closing', path: ['reason'] })
    }
    if (values.nfa !== 'yes' && values.nfa !== 'no') {
      context.addIssue({
        code: 'custom',
        message: 'Select whether the referral resulted in no further action',
        path: ['nfa'],
      })
    }
  })
  .transform((values) => ({
    closureDate: isoDate(values, 'closure') as string,
    reason: values.reason,
    noFurtherAction: values.nfa === 'yes',
    version: values.version,
  }))

export type ReferralClosureInput = z.output<typeof referralClosureSchema>
