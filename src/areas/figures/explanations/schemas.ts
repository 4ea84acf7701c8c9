import { z } from 'zod'
import { EXPLANATION_MAX_LENGTH } from './service.js'
import { validIsoDate } from './indicator-param.js'

export const explanationSchema = z
  .object({
    explanation: z
      .string()
      .trim()
      .min(1, { error: 'Enter an explanation of the figure' })
      .max(EXPLANATION_MAX_LENGTH, {
        error: `Explanation must be ${EXPLANATION_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`,
      }),
    period_end: z.string().refine((value) => validIsoDate(value) !== undefined, { error: 'The period is missing' }),
    based_on_revision: z.string().regex(/^\d{1,6}$/, { error: 'The form is out of date: open it again' }),
  })
  .strict()

export type ExplanationForm = z.infer<typeof explanationSchema>
