import type { CinReturn } from '../cin/tables.js'
import type { Return903 } from '../ssda903/tables.js'
import { CinContext } from './cin/context.js'
import { CIN_RULES } from './cin/index.js'
import { ruleSpecs, ruleYears, type ReturnKind, type RuleSpec } from './rule-specs.js'
import { Context903 } from './ssda903/context.js'
import { RULES_903 } from './ssda903/index.js'
import type { ValidationRule } from './rule.js'
import { collectionYear } from './years.js'
import { isoDay } from './dates.js'

/** One row that breaks one rule. */
export interface Failure {
  code: string
  message: string
  /** 'Error', or 'Query' (CIN codes ending Q: check and explain, or amend). */
  ruleType: 'Error' | 'Query'
  table: string
  /** Position of the row in its table (0-based), as the return holds it. */
  rowIndex: number
  /** CHILD (903) or LAchildID (CIN). */
  childId: string
  fields: string[]
}

export interface ValidateOptions {
  /** Last year's return: the rules that compare with it (tables named *_last) run only when it is given. */
  lastYear?: Return903
  /** Only these codes (default: every implemented rule active in the year). */
  codes?: readonly string[]
  /** The day the return is checked (yyyy-mm-dd, default today): year-end rules wait for 31 March. */
  asAt?: string
}

function run<C>(
  kind: ReturnKind,
  rules: readonly ValidationRule<C>[],
  context: C,
  label: string,
  hasLastYear: boolean,
  childOf: (table: string, rowIndex: number) => string,
  options: ValidateOptions,
  yearEnded: boolean,
): Failure[] {
  const codes = options.codes
  const specs = ruleSpecs(kind)
  const ruleYear = effectiveRuleYear(kind, label)
  const wanted = codes === undefined ? undefined : new Set(codes)
  const failures: Failure[] = []
  for (const rule of rules) {
    const spec = specs.get(rule.code)
    if (spec === undefined || !spec.years.includes(ruleYear)) continue
    if (wanted !== undefined && !wanted.has(rule.code)) continue
    if (rule.needsLastYear === true && !hasLastYear) continue
    if (rule.atYearEnd === true && !yearEnded) continue
    const seen = new Set<string>()
    rule.check(context, (table, rowIndex, fields) => {
      const key = `${table}:${rowIndex}`
      if (seen.has(key)) return
      seen.add(key)
      failures.push(failureOf(spec, table, rowIndex, childOf(table, rowIndex), fields))
    })
  }
  return failures
}

/**
 * The rule set a year uses: its own, or when the DfE has published none for it yet (the CIN census
 * has no 2026/27 set) the latest earlier one.
 */
export function effectiveRuleYear(kind: ReturnKind, label: string): string {
  const years = ruleYears(kind)
  if (years.includes(label)) return label
  return years.filter((year) => year < label).pop() ?? label
}

function failureOf(spec: RuleSpec, table: string, rowIndex: number, childId: string, fields?: string[]): Failure {
  return {
    code: spec.code,
    message: spec.message,
    ruleType: spec.ruleType,
    table,
    rowIndex,
    childId,
    fields: fields ?? spec.fields,
  }
}

/**
 * Runs every implemented SSDA903 rule active in the collection year over the whole return, one pass
 * per rule over indexes built once (rows by CHILD, episodes in date order).
 */
export function validate903(ret: Return903, label: string, options: ValidateOptions = {}): Failure[] {
  const year = collectionYear(label)
  const context = new Context903(ret, year, options.lastYear)
  return run(
    '903',
    RULES_903,
    context,
    year.label,
    options.lastYear !== undefined,
    (table, rowIndex) => context.childAt(table, rowIndex),
    options,
    yearHasEnded(year.end, options.asAt),
  )
}

function yearHasEnded(end: number, asAt: string | undefined): boolean {
  const today = isoDay(asAt ?? new Date().toISOString().slice(0, 10))
  return today === null || today > end
}

/** Runs every implemented CIN census rule active in the census year over the whole return. */
export function validateCin(ret: CinReturn, label: string, options: Omit<ValidateOptions, 'lastYear'> = {}): Failure[] {
  const year = collectionYear(label)
  const context = new CinContext(ret, year)
  return run(
    'cin',
    CIN_RULES,
    context,
    year.label,
    false,
    (table, rowIndex) => context.childAt(table, rowIndex),
    options,
    yearHasEnded(year.end, options.asAt),
  )
}

/** Codes of the rules implemented in code, by return. */
export function implementedCodes(kind: ReturnKind): string[] {
  return (kind === '903' ? RULES_903 : CIN_RULES).map((rule) => rule.code)
}
