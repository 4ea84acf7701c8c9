import { z } from 'zod'
import { isValidCode } from '../codes/code-lists.js'
import { checkDateInput, dateInputFields, isoDate } from '../../web/forms/date-input.js'
import { checkboxValues } from '../front-door/schemas.js'
import type { AssessmentOutcome } from '../../db/tables/case-record.js'
import { ASSESSMENT_OUTCOMES } from './assessment-rules.js'
import { NO_FACTORS_IDENTIFIED } from './factors.js'

const referralChoice = z.string().max(20).optional().default('')

const checkReferral = (values: { referralId: string }, context: z.RefinementCtx, message: string) => {
  if (!/^\d{1,15}$/.test(values.referralId)) context.addIssue({ code: 'custom', message, path: ['referralId'] })
}

export const startAssessmentSchema = z
  .object({ referralId: referralChoice, ...dateInputFields('start') })
  .strict()
  .superRefine((values, context) => {
    checkReferral(values, context, 'Select the referral this assessment is for')
    checkDateInput(values, 'start', { label: 'the start date', when: 'past' }, context)
  })
  .transform((values) => ({ referralId: Number(values.referralId), startDate: isoDate(values, 'start') as string }))

export type StartAssessmentInput = z.output<typeof startAssessmentSchema>

export const assessmentSchema = z
  .object({
    ...dateInputFields('start'),
    factors: checkboxValues,
    outcome: z.string().max(40).optional().default(''),
    childSeen: z.string().max(3).optional().default(''),
    version: z.coerce.number().int().positive(),
  })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'start', { label: 'the start date', when: 'past' }, context)
    if (values.factors.some((code) => !isValidCode('AssessmentFactors', code))) {
      context.addIssue({ code: 'custom', message: 'Select factors from the list', path: ['factors'] })
    } else if (values.factors.includes(NO_FACTORS_IDENTIFIED) && values.factors.length > 1) {
      context.addIssue({
        code: 'custom',
        message: 'Select ‘No factors identified’ on its own, or select the factors that were identified',
        path: ['factors'],
      })
    }
    if (values.outcome !== '' && !(ASSESSMENT_OUTCOMES as readonly string[]).includes(values.outcome)) {
      context.addIssue({ code: 'custom', message: 'Select the outcome of the assessment', path: ['outcome'] })
    }
    if (!['', 'yes', 'no'].includes(values.childSeen)) {
      context.addIssue({ code: 'custom', message: 'Select whether the child was seen', path: ['childSeen'] })
    }
  })
  .transform((values) => ({
    startDate: isoDate(values, 'start') as string,
    factors: [...new Set(values.factors)],
    outcome: values.outcome === '' ? null : (values.outcome as AssessmentOutcome),
    childSeen: values.childSeen === '' ? null : values.childSeen === 'yes',
    version: values.version,
  }))

export type AssessmentInput = z.output<typeof assessmentSchema>

export const versionSchema = z.object({ version: z.coerce.number().int().positive() }).strict()

export const authorisationSchema = z
  .object({ ...dateInputFields('authorised'), version: z.coerce.number().int().positive() })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'authorised', { label: 'the authorisation date', when: 'past' }, context)
  })
  .transform((values) => ({ authorisationDate: isoDate(values, 'authorised') as string, version: values.version }))

export type AuthorisationInput = z.output<typeof authorisationSchema>

export const startCinPlanSchema = z
  .object({ referralId: referralChoice, ...dateInputFields('start') })
  .strict()
  .superRefine((values, context) => {
    checkReferral(values, context, 'Select the referral this plan is for')
    checkDateInput(values, 'start', { label: 'the start date', when: 'past' }, context)
  })
  .transform((values) => ({ referralId: Number(values.referralId), startDate: isoDate(values, 'start') as string }))

export type StartCinPlanInput = z.output<typeof startCinPlanSchema>

export const endCinPlanSchema = z
  .object({
    ...dateInputFields('end'),
    reason: z.string().max(4).optional().default(''),
    version: z.coerce.number().int().positive(),
  })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'end', { label: 'the end date', when: 'past' }, context)
    if (!isValidCode('ReasonForClosure', values.reason)) {
      context.addIssue({ code: 'custom', message: 'Select why the plan is ending', path: ['reason'] })
    }
  })
  .transform((values) => ({
    endDate: isoDate(values, 'end') as string,
    reason: values.reason,
    version: values.version,
  }))

export type EndCinPlanInput = z.output<typeof endCinPlanSchema>
