import type { Return903, Row903, Table903 } from '../../ssda903/tables.js'
import { ageOn, ukDay } from '../dates.js'
import type { CollectionYear } from '../years.js'

const EMPTY: readonly Row903[] = Object.freeze([])

/**
 * What an SSDA903 rule sees: the return's tables and indexes built once per validation run (rows by
 * CHILD, each child's episodes in start-date order), so every rule is one pass over the rows.
 */
export class Context903 {
  private readonly indexes = new Map<string, Map<string, number[]>>()
  private sortedEpisodes: Map<string, number[]> | undefined
  private readonly days = new Map<string, number | null>()

  constructor(
    readonly ret: Return903,
    readonly year: CollectionYear,
    readonly last?: Return903,
  ) {}

  rows(table: Table903): readonly Row903[] {
    return this.ret.tables[table] ?? EMPTY
  }

  lastRows(table: Table903): readonly Row903[] {
    return this.last?.tables[table] ?? EMPTY
  }

  /** Row positions of each child in a table (this year's, or last year's with `last`). */
  byChild(table: Table903, last = false): Map<string, number[]> {
    const key = last ? `${table}_last` : table
    let index = this.indexes.get(key)
    if (index === undefined) {
      index = new Map()
      const rows = last ? this.lastRows(table) : this.rows(table)
      rows.forEach((row, position) => {
        const child = row['CHILD'] ?? ''
        const list = index?.get(child)
        if (list) list.push(position)
        else index?.set(child, [position])
      })
      this.indexes.set(key, index)
    }
    return index
  }

  /** A child's rows of a table. */
  rowsOf(table: Table903, child: string, last = false): number[] {
    return this.byChild(table, last).get(child) ?? []
  }

  header(child: string, last = false): Row903 | undefined {
    const position = this.rowsOf('Header', child, last)[0]
    return position === undefined ? undefined : (last ? this.lastRows('Header') : this.rows('Header'))[position]
  }

  /** A date of the 903 return (dd/mm/yyyy) as a day number, or null. */
  day(value: string | undefined): number | null {
    if (value === undefined) return null
    let day = this.days.get(value)
    if (day === undefined) {
      day = ukDay(value)
      this.days.set(value, day)
    }
    return day
  }

  dob(child: string): number | null {
    return this.day(this.header(child)?.['DOB'])
  }

  /** Age in whole years on a day, from the Header DOB; null when either date is missing. */
  ageOn(child: string, on: number | null): number | null {
    const dob = this.dob(child)
    return dob === null || on === null ? null : ageOn(dob, on)
  }

  /** Each child's episodes (positions in Episodes) in DECOM order; episodes without a valid DECOM last. */
  episodes(): Map<string, number[]> {
    if (this.sortedEpisodes === undefined) {
      const rows = this.rows('Episodes')
      const sorted = new Map<string, number[]>()
      for (const [child, positions] of this.byChild('Episodes')) {
        sorted.set(
          child,
          [...positions].sort((a, b) => {
            const da = this.day(rows[a]?.['DECOM']) ?? Number.MAX_SAFE_INTEGER
            const db = this.day(rows[b]?.['DECOM']) ?? Number.MAX_SAFE_INTEGER
            return da - db || a - b
          }),
        )
      }
      this.sortedEpisodes = sorted
    }
    return this.sortedEpisodes
  }

  episodesOf(child: string): number[] {
    return this.episodes().get(child) ?? []
  }

  episode(position: number): Row903 {
    return this.rows('Episodes')[position] ?? {}
  }

  /**
   * Whether the child is looked after on a day: an episode started on or before it and not ended
   * before the end of it (an episode that ends that day counts only with `endDayCounts`).
   */
  lookedAfterOn(child: string, on: number, endDayCounts = true): boolean {
    return this.episodesOf(child).some((position) => {
      const row = this.episode(position)
      const start = this.day(row['DECOM'])
      const end = this.day(row['DEC'])
      return start !== null && start <= on && (end === null || end > on || (endDayCounts && end === on))
    })
  }

  /**
   * Looked after continuously for 12 months at 31 March (the OC2 cohort): episodes with no gap
   * running from on or before 1 April to 31 March, still open at year end.
   */
  inOc2Cohort(child: string): boolean {
    const OPEN = Number.MAX_SAFE_INTEGER
    let runEnd: number | null = null
    for (const position of this.episodesOf(child)) {
      const row = this.episode(position)
      const start = this.day(row['DECOM'])
      if (start === null) continue
      const end = this.day(row['DEC']) ?? OPEN
      if (runEnd !== null && start <= runEnd) runEnd = Math.max(runEnd, end)
      else runEnd = start <= this.year.start ? end : null
    }
    return runEnd === OPEN
  }

  /** The CHILD of a row reported by a rule (table names may carry _last). */
  childAt(table: string, rowIndex: number): string {
    const last = table.endsWith('_last')
    const name = (last ? table.slice(0, -'_last'.length) : table) as Table903
    return (last ? this.lastRows(name) : this.rows(name))[rowIndex]?.['CHILD'] ?? ''
  }
}

/** Whether a Row903 value is blank. */
export function blank(value: string | undefined): boolean {
  return value === undefined || value.trim() === ''
}
