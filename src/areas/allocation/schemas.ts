import { z } from 'zod'
import type { AllocationRole } from '../../db/tables/foundation.js'
import { checkDateInput, dateInputFields, isoDate } from '../../web/forms/date-input.js'
import { isValidCode } from '../codes/code-lists.js'

export const ALLOCATION_ROLE_VALUES = [
  'social_worker',
  'personal_adviser',
  'iro',
] as const satisfies readonly AllocationRole[]

export const TEAM_ONLY = 'team_only'

/** The role being changed, from the address (?role=...); a social worker unless it says otherwise. */
export function roleFrom(value: unknown): AllocationRole {
  return (ALLOCATION_ROLE_VALUES as readonly unknown[]).includes(value) ? (value as AllocationRole) : 'social_worker'
}

/** Run the cross-field checks even when another field failed, so every problem is listed at once. */
const ALWAYS = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null }

/** Step 2 of changing an allocation, and the same fields again, hidden, on the check-your-answers page. */
export const allocationChangeSchema = z
  .object({
    role: z.enum(ALLOCATION_ROLE_VALUES),
    team: z.coerce.number().int().positive(),
    worker: z
      .string({ error: 'Select a worker, or allocate to the team only' })
      .min(1, 'Select a worker, or allocate to the team only'),
    ...dateInputFields('start'),
    reason: z.string().max(10).optional(),
    /** The allocation this change ends, and its version, as the user saw them ('' when there was none). */
    'current-id': z
      .string()
      .regex(/^\d{0,18}$/)
      .optional()
      .default(''),
    'current-version': z
      .string()
      .regex(/^\d{0,9}$/)
      .optional()
      .default(''),
  })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'start', { label: 'the start date', when: 'past' }, context)
    if (values['current-id'] !== '' && !isValidCode('SW_REASON', values.reason)) {
      context.addIssue({ code: 'custom', message: 'Select why the current allocation is ending', path: ['reason'] })
    }
    if (typeof values.worker === 'string' && values.worker !== TEAM_ONLY && !/^\d{1,9}$/.test(values.worker)) {
      context.addIssue({ code: 'custom', message: 'Select a worker, or allocate to the team only', path: ['worker'] })
    }
  }, ALWAYS)

export type AllocationChangeForm = z.infer<typeof allocationChangeSchema>

export interface AllocationChangeInput {
  role: AllocationRole
  teamId: number
  /** null: allocated to the team only, no worker yet. */
  workerId: number | null
  startDate: string
  /** SW_REASON code for why the current allocation ends; null when there is none to end. */
  reasonForChange: string | null
  /** The current allocation the user saw, at the version they saw, or null when they saw none. */
  opened: { id: number; version: number } | null
}

export function changeInputFromForm(form: AllocationChangeForm): AllocationChangeInput {
  return {
    role: form.role,
    teamId: form.team,
    workerId: form.worker === TEAM_ONLY ? null : Number(form.worker),
    startDate: isoDate(form, 'start') as string,
    reasonForChange: form['current-id'] === '' ? null : (form.reason ?? null),
    opened:
      form['current-id'] === ''
        ? null
        : { id: Number(form['current-id']), version: Number(form['current-version'] || 0) },
  }
}
