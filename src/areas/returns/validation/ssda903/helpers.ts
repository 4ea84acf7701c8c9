import { isValidCode, type Ssda903CodeListName } from '../../../codes/code-lists.js'
import type { Row903, Table903 } from '../../ssda903/tables.js'
import { invalidUkDate } from '../dates.js'
import type { Report, RuleExamples, ValidationRule } from '../rule.js'
import { blank, type Context903 } from './context.js'

export type Rule903 = ValidationRule<Context903>

export const TEMPORARY_PLACES = ['T0', 'T1', 'T2', 'T3', 'T4']
/** Placement types that have no placement provider (2025/26). */
export const NO_PROVIDER_PLACES = ['T0', 'T1', 'T2', 'T3', 'Z11', 'Z12', 'Z13', 'Z14']
export const ADOPTION_PLACES = ['A3', 'A4', 'A5', 'A6']
export const FOSTER_PLACES = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6']
export const ADOPTED = ['E11', 'E12']
export const CONTINUATION_RNE = ['P', 'L', 'T', 'U', 'B']
export const RESPITE_LS = ['V3', 'V4']

/** A rule that tests each row of one table on its own. */
export function rowRule(
  code: string,
  table: Table903,
  fails: (row: Row903, context: Context903, rowIndex: number) => boolean,
  examples: RuleExamples,
  fields?: string[],
): Rule903 {
  return {
    code,
    check: (context, report) => {
      context.rows(table).forEach((row, index) => {
        if (fails(row, context, index)) report(table, index, fields)
      })
    },
    examples,
  }
}

/** "... code is not valid": a non-blank value outside the DfE list (or blank too, when required). */
export function codeRule(
  code: string,
  table: Table903,
  field: string,
  list: Ssda903CodeListName,
  validExample: string,
  options: { required?: boolean } = {},
): Rule903 {
  return rowRule(
    code,
    table,
    (row) => (blank(row[field]) ? options.required === true : !isValidCode(list, row[field]?.trim())),
    { pass: { [table]: [{ [field]: validExample }] }, fail: { [table]: [{ [field]: 'ZZ9' }] } },
    [field],
  )
}

/** "... is not a valid date": a value that is not dd/mm/yyyy (or blank, when required). */
export function dateRule(code: string, table: Table903, field: string, options: { required?: boolean } = {}): Rule903 {
  return rowRule(
    code,
    table,
    (row) => (blank(row[field]) ? options.required === true : invalidUkDate(row[field])),
    { pass: { [table]: [{ [field]: '15/06/2025' }] }, fail: { [table]: [{ [field]: '31/02/2025' }] } },
    [field],
  )
}

/** Each child's episodes in date order, with the rows. */
export function forEachChildEpisodes(
  context: Context903,
  visit: (child: string, positions: number[], rows: Row903[]) => void,
): void {
  for (const [child, positions] of context.episodes()) {
    visit(
      child,
      positions,
      positions.map((position) => context.episode(position)),
    )
  }
}

/** Days an episode lasted: to DEC, or to the end of the year while it is open. */
export function episodeDays(context: Context903, row: Row903): number | null {
  const start = context.day(row['DECOM'])
  const end = context.day(row['DEC'])
  return start === null || end === null ? null : end - start
}

/** Marks rules that only apply once the collection year has ended (see ValidationRule.atYearEnd). */
export function atYearEnd(rule: Rule903): Rule903 {
  return { ...rule, atYearEnd: true }
}

export function reportAll(report: Report, table: string, positions: readonly number[], fields?: string[]): void {
  for (const position of positions) report(table, position, fields)
}

/** Whether any of the fields holds a value. */
export function anyFilled(row: Row903 | undefined, fields: readonly string[]): boolean {
  return row !== undefined && fields.some((field) => !blank(row[field]))
}

export function allFilled(row: Row903, fields: readonly string[]): boolean {
  return fields.every((field) => !blank(row[field]))
}

/** Whether the child ceased to be looked after at the end of their last episode this year. */
export function ceasedCare(rows: readonly Row903[]): Row903 | undefined {
  const lastRow = rows[rows.length - 1]
  return lastRow !== undefined && !blank(lastRow['DEC']) && lastRow['REC'] !== 'X1' ? lastRow : undefined
}
