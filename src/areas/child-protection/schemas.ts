import { z } from 'zod'
import { checkDateInput, dateInputFields, isoDate } from '../../web/forms/date-input.js'
import { isValidCode } from '../codes/code-lists.js'
import {
  AGENCIES,
  DISCUSSION_DECISIONS,
  PLAN_END_REASONS,
  SECTION47_OUTCOMES,
  type Agency,
  type PlanEndReason,
} from './labels.js'
import type { Section47Outcome, StrategyDiscussionDecision } from '../../db/tables/case-record.js'

/** Checkbox values arrive as nothing, one string or several: always a list. */
const checkboxValues = z.preprocess(
  (value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string().max(40)).max(50),
)

const choice = z.string().max(40).optional().default('')

/** "Also record for": ids of siblings. */
const alsoFor = checkboxValues

function checkSiblingIds(values: { alsoFor: string[] }, context: z.RefinementCtx): void {
  if (values.alsoFor.some((value) => !/^\d{1,15}$/.test(value))) {
    context.addIssue({ code: 'custom', message: 'Select brothers and sisters from the list', path: ['alsoFor'] })
  }
}

const siblingIds = (values: { alsoFor: string[] }) => values.alsoFor.map(Number)

/** Set on the check-your-answers page for records that cannot be undone. */
const confirm = z.enum(['yes']).optional()

const version = z.coerce.number({ error: 'This form is out of date: open it again' }).int().positive()

export const strategyDiscussionSchema = z
  .object({
    ...dateInputFields('heldOn'),
    agencies: checkboxValues,
    concern: z.string().trim().max(5000, 'Summary must be 5000 characters or fewer').optional().default(''),
    decision: choice,
    alsoFor,
  })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'heldOn', { label: 'the date of the strategy discussion', when: 'past' }, context)
    if (values.agencies.length === 0) {
      context.addIssue({ code: 'custom', message: 'Select the agencies that took part', path: ['agencies'] })
    } else if (values.agencies.some((agency) => !Object.hasOwn(AGENCIES, agency))) {
      context.addIssue({ code: 'custom', message: 'Select agencies from the list', path: ['agencies'] })
    }
    if (!Object.hasOwn(DISCUSSION_DECISIONS, values.decision)) {
      context.addIssue({ code: 'custom', message: 'Select what the strategy discussion decided', path: ['decision'] })
    }
    checkSiblingIds(values, context)
  })
  .transform((values) => ({
    heldOn: isoDate(values, 'heldOn') as string,
    agencies: [...new Set(values.agencies)] as Agency[],
    concern: values.concern === '' ? null : values.concern,
    decision: values.decision as StrategyDiscussionDecision,
    alsoFor: siblingIds(values),
  }))

export const section47Schema = z
  .object({ ...dateInputFields('startDate'), alsoFor })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'startDate', { label: 'the start date', when: 'past' }, context)
    checkSiblingIds(values, context)
  })
  .transform((values) => ({ startDate: isoDate(values, 'startDate') as string, alsoFor: siblingIds(values) }))

export const section47OutcomeSchema = z
  .object({ ...dateInputFields('endDate'), outcome: choice, version, alsoFor })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'endDate', { label: 'the date the enquiry ended', when: 'past' }, context)
    if (!Object.hasOwn(SECTION47_OUTCOMES, values.outcome)) {
      context.addIssue({ code: 'custom', message: 'Select the outcome of the enquiry', path: ['outcome'] })
    }
    checkSiblingIds(values, context)
  })
  .transform((values) => ({
    endDate: isoDate(values, 'endDate') as string,
    outcome: values.outcome as Section47Outcome,
    version: values.version,
    alsoFor: siblingIds(values),
  }))

export const initialConferenceSchema = z
  .object({ ...dateInputFields('conferenceDate'), decision: choice, category: choice, alsoFor })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'conferenceDate', { label: 'the conference date', when: 'past' }, context)
    if (values.decision !== 'plan_made' && values.decision !== 'no_plan') {
      context.addIssue({ code: 'custom', message: 'Select whether the conference made a plan', path: ['decision'] })
    }
    if (values.decision === 'plan_made' && !isValidCode('CategoryOfAbuse', values.category)) {
      context.addIssue({ code: 'custom', message: 'Select the category of abuse for the plan', path: ['category'] })
    }
    checkSiblingIds(values, context)
  })
  .transform((values) => ({
    conferenceDate: isoDate(values, 'conferenceDate') as string,
    decision: values.decision as 'plan_made' | 'no_plan',
    category: values.decision === 'plan_made' ? values.category : null,
    alsoFor: siblingIds(values),
  }))

export const reviewConferenceSchema = z
  .object({ ...dateInputFields('reviewDate'), decision: choice, latestCategory: choice, version, confirm, alsoFor })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'reviewDate', { label: 'the review date', when: 'past' }, context)
    if (values.decision !== 'plan_continues' && values.decision !== 'plan_ends') {
      context.addIssue({ code: 'custom', message: 'Select whether the plan continues or ends', path: ['decision'] })
    }
    if (!isValidCode('CategoryOfAbuse', values.latestCategory)) {
      context.addIssue({ code: 'custom', message: 'Select the category of abuse', path: ['latestCategory'] })
    }
    checkSiblingIds(values, context)
  })
  .transform((values) => ({
    reviewDate: isoDate(values, 'reviewDate') as string,
    decision: values.decision as 'plan_continues' | 'plan_ends',
    latestCategory: values.latestCategory,
    version: values.version,
    confirmed: values.confirm === 'yes',
    alsoFor: siblingIds(values),
  }))

export const endPlanSchema = z
  .object({ ...dateInputFields('endDate'), reason: choice, version, confirm, alsoFor })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'endDate', { label: 'the end date', when: 'past' }, context)
    if (!Object.hasOwn(PLAN_END_REASONS, values.reason)) {
      context.addIssue({ code: 'custom', message: 'Select why the plan ended', path: ['reason'] })
    }
    checkSiblingIds(values, context)
  })
  .transform((values) => ({
    endDate: isoDate(values, 'endDate') as string,
    reason: values.reason as PlanEndReason,
    version: values.version,
    confirmed: values.confirm === 'yes',
    alsoFor: siblingIds(values),
  }))
