import { z } from 'zod'

/**
 * One schema for the GOV.UK date input (three boxes: `${name}-day`, `${name}-month`, `${name}-year`),
 * with the Design System's error wording:
 *   Enter [whatever it is] · [Whatever it is] must include a month · [Whatever it is] must be a real date
 *   [Whatever it is] must be today or in the past · [Whatever it is] must be after 1 January 1900
 *
 * Spread dateInputFields(name) into a form's z.object(...), check it with checkDateInput in the
 * form's superRefine, then read the ISO date with isoDate(values, name). Cross-field rules (end after start, not after the 18th birthday) belong in
 * a superRefine on the form schema, with the path of the field the user must change.
 */
export interface DateInputOptions {
  /** Lower-case label used mid-sentence, e.g. 'the date of birth'. */
  label: string
  required?: boolean
  /** 'past' refuses future dates (today is allowed). */
  when?: 'past' | 'any'
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

export function parseDateParts(
  day: string,
  month: string,
  year: string,
): { iso?: string; missing: string[]; real: boolean } {
  const parts = { day: day.trim(), month: month.trim(), year: year.trim() }
  const missing = (['day', 'month', 'year'] as const).filter((part) => parts[part] === '')
  if (missing.length > 0) return { missing, real: false }
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d{4}$/.test(parts.year)) {
    return { missing: [], real: false }
  }
  const [d, m, y] = [Number(parts.day), Number(parts.month), Number(parts.year)]
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return { missing: [], real: false }
  return { iso: date.toISOString().slice(0, 10), missing: [], real: true }
}

/** Today's date in Europe/London, as ISO. */
export function todayInLondon(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now)
}

/**
 * The three fields of one date input, validated together. The error is reported on `${name}` (the
 * date input's id), so the error summary link goes to the first box.
 */
export function dateInputFields(name: string): Record<string, z.ZodDefault<z.ZodOptional<z.ZodString>>> {
  return {
    [`${name}-day`]: z.string().max(4).optional().default(''),
    [`${name}-month`]: z.string().max(4).optional().default(''),
    [`${name}-year`]: z.string().max(6).optional().default(''),
  }
}

/** Checks one date input inside a superRefine; returns the ISO date when valid. */
export function checkDateInput(
  values: Record<string, unknown>,
  name: string,
  options: DateInputOptions,
  context: z.RefinementCtx,
): string | undefined {
  const required = options.required ?? true
  const read = (part: string) =>
    typeof values[`${name}-${part}`] === 'string' ? (values[`${name}-${part}`] as string) : ''
  const result = parseDateParts(read('day'), read('month'), read('year'))
  const issue = (message: string) => context.addIssue({ code: 'custom', message, path: [name] })
  if (result.missing.length === 3) {
    if (required) issue(`Enter ${options.label}`)
    return undefined
  }
  if (result.missing.length > 0) {
    issue(
      `${capitalise(options.label)} must include ${result.missing.length === 1 ? 'a ' : ''}${result.missing.join(' and ')}`,
    )
    return undefined
  }
  if (!result.real || result.iso === undefined) {
    issue(`${capitalise(options.label)} must be a real date`)
    return undefined
  }
  if (result.iso < '1900-01-01') {
    issue(`${capitalise(options.label)} must be after 1 January 1900`)
    return undefined
  }
  if (options.when === 'past' && result.iso > todayInLondon()) {
    issue(`${capitalise(options.label)} must be today or in the past`)
    return undefined
  }
  return result.iso
}

/** The ISO date of a date input whose schema has already passed. */
export function isoDate(values: Record<string, unknown>, name: string): string | undefined {
  const read = (part: string) =>
    typeof values[`${name}-${part}`] === 'string' ? (values[`${name}-${part}`] as string) : ''
  return parseDateParts(read('day'), read('month'), read('year')).iso
}

/** The values a date input shows when a form is opened on an existing ISO date. */
export function datePartsFromIso(name: string, iso: string | null | undefined): Record<string, string> {
  if (!iso) return { [`${name}-day`]: '', [`${name}-month`]: '', [`${name}-year`]: '' }
  const [year, month, day] = iso.slice(0, 10).split('-')
  return {
    [`${name}-day`]: String(Number(day)),
    [`${name}-month`]: String(Number(month)),
    [`${name}-year`]: year ?? '',
  }
}
