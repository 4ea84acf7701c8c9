import { z } from 'zod'
import { isValidCode, type CodeListName } from '../codes/code-lists.js'

/**
 * Field schemas and checks shared by the looked-after forms. Fields arrive as plain strings and are
 * checked together in one superRefine, so the error summary lists every problem at once.
 */

export type Values = Record<string, unknown>
export type Context = z.RefinementCtx

export const choice = z.string().max(40).optional().default('')
export const shortText = (max: number) => z.string().max(max).optional().default('')

/** The check-your-answers page posts the answers again with confirm=yes, or change=yes to go back to them. */
export const checkAnswersFields = {
  confirm: z.enum(['yes']).optional(),
  change: z.enum(['yes']).optional(),
  /** "Save anyway, I will fix this later" when the save breaks a statutory return rule (returns/validation/staff-check.ts). */
  saveAnyway: z.enum(['yes']).optional(),
}

export const version = z.coerce.number({ error: 'This form is out of date: open it again' }).int().positive()
/** The version of a record the form opened, or '' when it expected to create the record. */
export const optionalVersion = z
  .string()
  .max(12)
  .optional()
  .default('')
  .refine((value) => value === '' || /^\d+$/.test(value), 'This form is out of date: open it again')

export const issue = (context: Context, field: string, message: string) =>
  context.addIssue({ code: 'custom', message, path: [field] })

export function requireCode(context: Context, values: Values, field: string, list: CodeListName, message: string) {
  if (!isValidCode(list, typeof values[field] === 'string' ? values[field] : '')) issue(context, field, message)
}

export const str = (value: unknown) => (typeof value === 'string' ? value : '')
export const orNull = (value: string) => (value === '' ? null : value)
export const yesNo = (value: unknown): boolean | null => (value === 'yes' ? true : value === 'no' ? false : null)

export function checkYesNo(context: Context, values: Values, field: string, message: string) {
  if (!['yes', 'no'].includes(str(values[field]))) issue(context, field, message)
}
