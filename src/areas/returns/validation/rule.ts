/** Where a rule reports a failing row: the table, the row's position, and optionally the fields at fault. */
export type Report = (table: string, rowIndex: number, fields?: string[]) => void

/**
 * Partial tables for a rule's own examples: each row is merged over a plain valid row of its table
 * (./examples.ts), and a table named `X_last` goes into last year's return.
 */
export type ExampleTables = Record<string, Record<string, string>[]>

export interface RuleExamples {
  pass: ExampleTables
  fail: ExampleTables
  /** The collection year the examples are for (default '2025/26'). */
  year?: string
}

/**
 * One DfE rule in code. The code, message, tables, fields and active years come from the rule CSVs
 * (./rule-specs.ts); this is only the check, as a single pass over the return's indexes.
 */
export interface ValidationRule<C> {
  code: string
  /** Compares with last year's return: runs only when it is given. */
  needsLastYear?: boolean
  /**
   * Only meaningful once the year has ended (e.g. who was looked after for 12 months at 31 March):
   * skipped while the collection year is still running, so staff are not told to fill in year-end data early.
   */
  atYearEnd?: boolean
  check: (context: C, report: Report) => void
  examples: RuleExamples
}
