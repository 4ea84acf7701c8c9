import { z } from 'zod'
import { checkDateInput, dateInputFields } from '../../web/forms/date-input.js'
import { CHILD_SEEN_VALUES, NOTE_TYPE_VALUES } from './labels.js'
import { instantFromLondon, parseTimeOfDay } from './london-time.js'

/** Notes may be written a few minutes ahead of a clock that is slightly out; beyond that, a future time is a mistake. */
const FUTURE_TOLERANCE_MS = 5 * 60_000

const occurredFields = {
  ...dateInputFields('occurred'),
  'occurred-time': z.string().max(10).optional().default(''),
}

const contentFields = {
  present: z.string().trim().max(1000, 'Who was present must be 1,000 characters or fewer').optional().default(''),
  'child-seen': z.enum([...CHILD_SEEN_VALUES, 'not_applicable']).optional(),
  title: z.string().trim().max(200, 'The title must be 200 characters or fewer').optional().default(''),
  body: z.string().trim().min(1, 'Enter the note').max(50_000, 'The note must be 50,000 characters or fewer'),
}

/** Run the date checks even when another field failed, so the error summary lists every problem at once. */
const ALWAYS = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null }

/** Checks the date and time boxes together: a real date and time, not in the future. */
export function checkOccurredAt(values: Record<string, unknown>, context: z.RefinementCtx): Date | undefined {
  const date = checkDateInput(values, 'occurred', { label: 'the date it happened', when: 'past' }, context)
  const text = typeof values['occurred-time'] === 'string' ? values['occurred-time'].trim() : ''
  const issue = (message: string) => context.addIssue({ code: 'custom', message, path: ['occurred-time'] })
  if (text === '') {
    issue('Enter the time it happened')
    return undefined
  }
  const time = parseTimeOfDay(text)
  if (time === undefined) {
    issue('The time it happened must be a real time, for example 14:30')
    return undefined
  }
  if (date === undefined) return undefined
  const instant = instantFromLondon(date, time)
  if (instant.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
    issue('The time it happened must be now or in the past')
    return undefined
  }
  return instant
}

export const newNoteSchema = z
  .object({
    type: z.enum(NOTE_TYPE_VALUES, { error: 'Select the type of note' }),
    ...occurredFields,
    ...contentFields,
  })
  .strict()
  .superRefine((values, context) => void checkOccurredAt(values, context), ALWAYS)

export const correctNoteSchema = z
  .object({
    type: z.enum(NOTE_TYPE_VALUES, { error: 'Select the type of note' }),
    ...occurredFields,
    ...contentFields,
    version: z.coerce.number().int().positive(),
  })
  .strict()
  .superRefine((values, context) => void checkOccurredAt(values, context), ALWAYS)

export const addendumSchema = z
  .object({
    body: z.string().trim().min(1, 'Enter the addendum').max(50_000, 'The addendum must be 50,000 characters or fewer'),
  })
  .strict()

export type NewNoteForm = z.infer<typeof newNoteSchema>
export type CorrectNoteForm = z.infer<typeof correctNoteSchema>
