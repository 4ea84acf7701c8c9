import { z } from 'zod'
import { isValidCode } from '../codes/code-lists.js'
import { checkDateInput, dateInputFields } from '../../web/forms/date-input.js'

/** One Zod schema per form, each .strict(): the GOV.UK wording is in the messages. */

/** Cross-field checks run even when a field is missing, so the error summary lists every problem at once. */
const ALWAYS = { when: () => true }
export const VISIT_TYPES = [
  'looked_after',
  'child_protection',
  'child_in_need',
  'care_leaver',
  'private_fostering',
  'other',
] as const

const yesNo = (message: string) => z.enum(['yes', 'no'], { error: message })
const yesNoNotApplicable = (message: string) => z.enum(['yes', 'no', 'not_applicable'], { error: message })
const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label} must be ${max} characters or fewer`).optional().default('')

export const visitSchema = z
  .object({
    ...dateInputFields('visitDate'),
    visitType: z.enum(VISIT_TYPES, { error: 'Select the type of visit' }),
    childSeen: yesNo('Select yes if the child was seen'),
    seenAlone: yesNoNotApplicable('Select whether the child was seen alone').optional(),
    bedroomSeen: yesNoNotApplicable('Select whether the child’s bedroom was seen'),
    visitedBy: z.enum(['me', 'someone_else'], { error: 'Select who visited' }),
    visitorName: optionalText(200, 'The visitor’s name'),
    unannounced: z.literal('yes').optional(),
    note: optionalText(5000, 'The note'),
  })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'visitDate', { label: 'the date of the visit', when: 'past' }, context)
    if (values.childSeen === 'yes' && values.seenAlone === undefined) {
      context.addIssue({ code: 'custom', message: 'Select whether the child was seen alone', path: ['seenAlone'] })
    }
    if (values.visitedBy === 'someone_else' && values.visitorName === '') {
      context.addIssue({ code: 'custom', message: 'Enter the name of the person who visited', path: ['visitorName'] })
    }
  }, ALWAYS)

export type VisitForm = z.infer<typeof visitSchema>

export const missedVisitSchema = z
  .object({
    visitType: z.enum(VISIT_TYPES, { error: 'Select the visit that is overdue' }),
    dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Select the visit that is overdue'),
    reason: z
      .string({ error: 'Select why the visit has not happened' })
      .refine((code) => isValidCode('MISSED_VISIT_REASON', code), 'Select why the visit has not happened'),
    reasonText: optionalText(1000, 'The reason'),
    ...dateInputFields('plannedDate'),
  })
  .strict()
  .superRefine((values, context) => {
    if (values.reason === 'other' && values.reasonText === '') {
      context.addIssue({ code: 'custom', message: 'Enter the reason the visit has not happened', path: ['reasonText'] })
    }
    checkDateInput(values, 'plannedDate', { label: 'the date the visit is now planned for' }, context)
  }, ALWAYS)

export type MissedVisitForm = z.infer<typeof missedVisitSchema>

export const acknowledgeSchema = z.object({ version: z.coerce.number().int().positive() }).strict()

export const respondSchema = z
  .object({
    version: z.coerce.number().int().positive(),
    response: z
      .string()
      .trim()
      .min(1, 'Enter what you have done or decided')
      .max(2000, 'The response must be 2000 characters or fewer'),
  })
  .strict()

export const issueConfirmationSchema = z
  .object({
    channel: z.enum(['sms', 'email'], { error: 'Select how to send the code' }),
    mobile: z.string().trim().max(20).optional().default(''),
    email: z.string().trim().max(320).optional().default(''),
  })
  .strict()
  .superRefine((values, context) => {
    if (values.channel === 'sms' && !/^(\+44\s?7\d{3}|07\d{3})\s?\d{3}\s?\d{3}$/.test(values.mobile)) {
      context.addIssue({
        code: 'custom',
        message: 'Enter a UK mobile number, like 07700 900 982',
        path: ['mobile'],
      })
    }
    if (values.channel === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) {
      context.addIssue({
        code: 'custom',
        message: 'Enter an email address in the correct format, like name@example.com',
        path: ['email'],
      })
    }
  }, ALWAYS)

export const confirmCodeSchema = z
  .object({ code: z.string().trim().min(1, 'Enter your code').max(40, 'Enter the code exactly as you were sent it') })
  .strict()

export const confirmAnswerSchema = z
  .object({
    code: z.string().trim().min(1).max(40),
    answer: z.enum(['confirm', 'deny'], { error: 'Select yes if the visit happened' }),
    rating: z.enum(['1', '2', '3', '4', '5', '']).optional().default(''),
    comment: optionalText(1000, 'Your comment'),
  })
  .strict()

export const UNITS_FOR_LOCAL_STANDARDS = ['working_days', 'calendar_days', 'calendar_weeks', 'calendar_months'] as const

export const councilTimescaleSchema = z
  .object({
    version: z.coerce.number().int().min(0),
    enabled: z.enum(['yes', 'no'], { error: 'Select whether Harbour should track this timescale' }),
    timeLimit: z.string().trim().optional().default(''),
    unit: z.enum(UNITS_FOR_LOCAL_STANDARDS, { error: 'Select the unit' }).optional(),
    reason: z
      .string()
      .trim()
      .min(1, 'Enter why the council’s standard is changing')
      .max(500, 'The reason must be 500 characters or fewer'),
    ...dateInputFields('effectiveFrom'),
  })
  .strict()
  .superRefine((values, context) => {
    if (values.enabled === 'yes') {
      const limit = Number(values.timeLimit)
      if (!/^\d{1,3}$/.test(values.timeLimit) || limit < 1 || limit > 365) {
        context.addIssue({ code: 'custom', message: 'Enter a whole number between 1 and 365', path: ['timeLimit'] })
      }
      if (values.unit === undefined) context.addIssue({ code: 'custom', message: 'Select the unit', path: ['unit'] })
    }
    checkDateInput(values, 'effectiveFrom', { label: 'the date the standard applies from' }, context)
  }, ALWAYS)

export const confirmationAgeSchema = z
  .object({
    version: z.coerce.number().int().min(0),
    minimumAge: z
      .string()
      .trim()
      .regex(/^\d{1,2}$/, 'Enter an age between 8 and 25')
      .refine((value) => Number(value) >= 8 && Number(value) <= 25, 'Enter an age between 8 and 25'),
  })
  .strict()

export const ESCALATION_ROLES = ['team_manager', 'head_of_service'] as const

export const escalationStepSchema = z
  .object({
    version: z.coerce.number().int().min(0),
    name: z.string().trim().min(1, 'Enter a name for the step').max(100, 'The name must be 100 characters or fewer'),
    escalateToRole: z.enum(ESCALATION_ROLES, { error: 'Select who the step goes to' }),
    afterDaysOverdue: z
      .string()
      .trim()
      .regex(/^\d{1,3}$/, 'Enter the number of days, 0 or more'),
    respondWithin: z
      .string()
      .trim()
      .regex(/^\d{1,2}$/, 'Enter the working days to respond, between 1 and 30')
      .refine(
        (value) => Number(value) >= 1 && Number(value) <= 30,
        'Enter the working days to respond, between 1 and 30',
      ),
    active: z.enum(['yes', 'no'], { error: 'Select whether the step is in use' }),
  })
  .strict()

export const cinPlanReviewSchema = z
  .object({
    cinPlanId: z.coerce
      .number({ error: 'Select the child in need plan that was reviewed' })
      .int()
      .positive('Select the child in need plan that was reviewed'),
    ...dateInputFields('reviewDate'),
    note: optionalText(2000, 'The note'),
  })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'reviewDate', { label: 'the date of the review', when: 'past' }, context)
  }, ALWAYS)
