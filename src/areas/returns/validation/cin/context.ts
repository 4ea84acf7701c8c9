import type { CinReturn, CinRow, CinTable } from '../../cin/tables.js'
import { isoDay } from '../dates.js'
import type { CollectionYear } from '../years.js'

const EMPTY: readonly CinRow[] = Object.freeze([])

/**
 * What a CIN census rule sees: the flattened tables and indexes built once per run (rows by
 * LAchildID, rows by CIN episode), so each rule is one pass.
 */
export class CinContext {
  private readonly indexes = new Map<string, Map<string, number[]>>()

  constructor(
    readonly ret: CinReturn,
    readonly year: CollectionYear,
  ) {}

  rows(table: CinTable): readonly CinRow[] {
    return this.ret.tables[table] ?? EMPTY
  }

  /** Row positions by LAchildID, or by LAchildID + CINdetailsID with `byEpisode`. */
  index(table: CinTable, byEpisode = false): Map<string, number[]> {
    const key = `${table}:${byEpisode}`
    let index = this.indexes.get(key)
    if (index === undefined) {
      const built = new Map<string, number[]>()
      this.rows(table).forEach((row, position) => {
        const id = byEpisode ? episodeKey(row) : (row['LAchildID'] ?? '')
        const list = built.get(id)
        if (list) list.push(position)
        else built.set(id, [position])
      })
      this.indexes.set(key, built)
      index = built
    }
    return index
  }

  /** A child's rows of a table (as rows). */
  ofChild(table: CinTable, child: string): CinRow[] {
    return (this.index(table).get(child) ?? []).map((p) => this.rows(table)[p] ?? {})
  }

  /** The rows of a table that belong to the same CIN episode as `row`. */
  ofEpisode(table: CinTable, row: CinRow): CinRow[] {
    return (this.index(table, true).get(episodeKey(row)) ?? []).map((p) => this.rows(table)[p] ?? {})
  }

  /** The CINdetails row of the episode `row` belongs to. */
  episodeOf(row: CinRow): CinRow | undefined {
    return this.ofEpisode('CINdetails', row)[0]
  }

  identifiers(child: string): CinRow | undefined {
    return this.ofChild('ChildIdentifiers', child)[0]
  }

  day(value: string | undefined): number | null {
    return isoDay(value)
  }

  deathDay(child: string): number | null {
    return isoDay(this.identifiers(child)?.['PersonDeathDate'])
  }

  childAt(table: string, rowIndex: number): string {
    return this.rows(table as CinTable)[rowIndex]?.['LAchildID'] ?? ''
  }
}

export function episodeKey(row: CinRow): string {
  return `${row['LAchildID'] ?? ''}\u0000${row['CINdetailsID'] ?? ''}`
}

export function absent(value: string | undefined): boolean {
  return value === undefined || value.trim() === ''
}

export function isTrue(value: string | undefined): boolean {
  return value === 'true' || value === '1'
}
