import type { Failure } from './engine.js'

/** One rule's failures in a return, for the returns page. */
export interface RuleSummary {
  code: string
  message: string
  ruleType: 'Error' | 'Query'
  tables: string[]
  /** Rows that break the rule. */
  rows: number
  /** Children affected, by the return's child id (CHILD / LAchildID), in order of first failure. */
  children: string[]
}

/** Failures grouped by rule, most rows first, then by code. */
export function summariseFailures(failures: readonly Failure[]): RuleSummary[] {
  const byCode = new Map<string, RuleSummary & { seen: Set<string>; tableSet: Set<string> }>()
  for (const failure of failures) {
    let entry = byCode.get(failure.code)
    if (entry === undefined) {
      entry = {
        code: failure.code,
        message: failure.message,
        ruleType: failure.ruleType,
        tables: [],
        rows: 0,
        children: [],
        seen: new Set(),
        tableSet: new Set(),
      }
      byCode.set(failure.code, entry)
    }
    entry.rows += 1
    entry.tableSet.add(failure.table)
    if (!entry.seen.has(failure.childId)) {
      entry.seen.add(failure.childId)
      entry.children.push(failure.childId)
    }
  }
  return [...byCode.values()]
    .map(({ seen: _seen, tableSet, ...summary }) => ({ ...summary, tables: [...tableSet] }))
    .sort((a, b) => b.rows - a.rows || a.code.localeCompare(b.code))
}

/** Every child with at least one failure. */
export function childrenAffected(failures: readonly Failure[]): string[] {
  return [...new Set(failures.map((failure) => failure.childId))]
}
