import { z } from 'zod'

const NUMBER = /^-?\d{1,9}(\.\d{1,3})?$/

/** Numbers as typed: a comma for thousands or a trailing % is forgiven. */
const typedNumber = (value: string) => value.trim().replace(/,/g, '').replace(/%$/, '').trim()

export const targetSchema = z
  .object({
    year: z
      .string()
      .trim()
      .regex(/^\d{4}$/, { error: 'Enter the reporting year as 4 digits, for example 2026' })
      .refine((value) => Number(value) >= 2000 && Number(value) <= 2100, {
        error: 'Reporting year must be between 2000 and 2100',
      }),
    target: z
      .string()
      .transform(typedNumber)
      .refine((value) => value !== '', { error: 'Enter the target' })
      .refine((value) => value === '' || NUMBER.test(value), {
        error: 'Target must be a number, for example 85 or 22.5',
      }),
    amber_tolerance: z
      .string()
      .transform(typedNumber)
      .refine((value) => value === '' || (NUMBER.test(value) && Number(value) >= 0), {
        error: 'Amber tolerance must be a number, 0 or more, for example 2.5, or left blank',
      }),
    note: z.string().trim().max(500, { error: 'Note must be 500 characters or fewer' }),
    version: z.string().regex(/^\d{0,9}$/, { error: 'The form is out of date: open it again' }),
  })
  .strict()

export type TargetForm = z.infer<typeof targetSchema>
