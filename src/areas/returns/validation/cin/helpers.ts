import { isValidCode, type CinCodeListName } from '../../../codes/code-lists.js'
import type { CinRow, CinTable } from '../../cin/tables.js'
import type { RuleExamples, ValidationRule } from '../rule.js'
import { absent, type CinContext } from './context.js'

export type CinRule = ValidationRule<CinContext>

export function cinRowRule(
  code: string,
  table: CinTable,
  fails: (row: CinRow, context: CinContext) => boolean,
  examples: RuleExamples,
  fields?: string[],
): CinRule {
  return {
    code,
    check: (context, report) => {
      context.rows(table).forEach((row, index) => {
        if (fails(row, context)) report(table, index, fields)
      })
    },
    examples,
  }
}

export function cinCodeRule(
  code: string,
  table: CinTable,
  field: string,
  list: CinCodeListName,
  validExample: string,
  options: { required?: boolean; when?: (row: CinRow) => boolean } = {},
): CinRule {
  return cinRowRule(
    code,
    table,
    (row) => {
      if (options.when && !options.when(row)) return false
      return absent(row[field]) ? options.required === true : !isValidCode(list, row[field]?.trim())
    },
    { pass: { [table]: [{ [field]: validExample }] }, fail: { [table]: [{ [field]: 'ZZ9' }] } },
    [field],
  )
}

/** a < b, when both are dates. */
export function before(context: CinContext, a: string | undefined, b: string | undefined): boolean {
  const x = context.day(a)
  const y = context.day(b)
  return x !== null && y !== null && x < y
}

/** The date is present and falls outside the census year. */
export function outsideYear(context: CinContext, value: string | undefined): boolean {
  const day = context.day(value)
  return day !== null && (day < context.year.start || day > context.year.end)
}

/** Periods [start, end] (end null = open) that overlap, as positions of the later one. */
export function overlapping(periods: { position: number; start: number | null; end: number | null }[]): number[] {
  const sorted = periods.filter((p) => p.start !== null).sort((a, b) => (a.start ?? 0) - (b.start ?? 0))
  const found: number[] = []
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]
    const current = sorted[i]
    if (previous && current && (previous.end === null || (current.start ?? 0) < previous.end))
      found.push(current.position)
  }
  return found
}
