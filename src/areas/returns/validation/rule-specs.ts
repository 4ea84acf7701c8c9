import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'

/**
 * The DfE validation rules as data: code, message, tables, fields and the collection years each rule
 * is active in, read at run time from the vendored copies in reference/specs (sources in
 * reference/README.md). The checks are code (./ssda903, ./cin); everything a person reads comes from here.
 */

export type ReturnKind = '903' | 'cin'

export interface RuleSpec {
  code: string
  message: string
  tables: string[]
  fields: string[]
  years: string[]
  /** CIN only: 'Error' or 'Query'. 903 rules carry no flag and are all treated as errors. */
  ruleType: 'Error' | 'Query'
}

const FILES: Record<ReturnKind, string> = {
  '903': 'ssda903-rules.csv',
  cin: 'cin-census-rules.csv',
}

const cache = new Map<ReturnKind, ReadonlyMap<string, RuleSpec>>()

function specsDirectory(): string {
  return path.resolve(process.cwd(), 'reference', 'specs')
}

function split(value: string | undefined): string[] {
  return (value ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

/** Every rule of a return, by code, as the DfE lists them. */
export function ruleSpecs(kind: ReturnKind): ReadonlyMap<string, RuleSpec> {
  const cached = cache.get(kind)
  if (cached) return cached
  const rows: Record<string, string>[] = parse(fs.readFileSync(path.join(specsDirectory(), FILES[kind]), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  })
  const specs = new Map<string, RuleSpec>()
  for (const row of rows) {
    const code = (row['code'] ?? '').trim()
    specs.set(code, {
      code,
      message: (row['message'] ?? '').trim(),
      tables: split(row['tables']),
      fields: split(row['fields']),
      years: split(row['years']),
      ruleType: row['rule_type'] === 'Query' ? 'Query' : 'Error',
    })
  }
  cache.set(kind, specs)
  return specs
}

/** The rules of a return active in a collection year ('2025/26'). */
export function rulesActiveIn(kind: ReturnKind, label: string): RuleSpec[] {
  return [...ruleSpecs(kind).values()].filter((spec) => spec.years.includes(label))
}

/** Every collection year any rule of the return is active in, oldest first. */
export function ruleYears(kind: ReturnKind): string[] {
  const years = new Set<string>()
  for (const spec of ruleSpecs(kind).values()) for (const year of spec.years) years.add(year)
  return [...years].sort()
}
