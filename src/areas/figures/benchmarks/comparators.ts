import type { Db } from '../../../db/database.js'
import type { Period } from '../indicators/types.js'
import { comparatorYearEnd, formatLongDate } from './comparator-years.js'

export type ComparatorAreaKind = 'england' | 'region' | 'statistical_neighbours' | 'local_authority'

/** A published figure to set beside the council's own: England, the region, statistical neighbours. */
export interface Comparator {
  areaKind: ComparatorAreaKind
  areaName: string
  /** As published: '2024-25', '31 Mar 2025', '30 Sep 2023'. */
  year: string
  value: number | null
  /** DfE symbol when there is no value (c, x, z, k, u or ':'). */
  suppression: string | null
  /** The table or release the value comes from. */
  source: string
  /** How sure the reference file is of the value: V read in the DfE source, derived, S secondary, R recall. */
  verified: string | null
}

const AREA_ORDER: Record<ComparatorAreaKind, number> = {
  england: 0,
  region: 1,
  statistical_neighbours: 2,
  local_authority: 3,
}

/**
 * The comparators for one indicator from the council's current benchmark load (the one not superseded):
 * for each area, the most recent year the file holds. Ordered England, region, statistical neighbours,
 * then local authorities by name.
 */
export async function comparatorsFor(db: Db, councilId: number, indicatorId: string): Promise<Comparator[]> {
  const rows = await db
    .selectFrom('benchmark_value as v')
    .innerJoin('benchmark_load as l', (join) =>
      join.onRef('l.council_id', '=', 'v.council_id').onRef('l.id', '=', 'v.load_id'),
    )
    .select(['v.area_kind', 'v.area_name', 'v.year', 'v.value', 'v.suppression', 'v.source', 'v.verified'])
    .where('v.council_id', '=', councilId)
    .where('v.indicator_id', '=', indicatorId)
    .where('l.superseded_by_load_id', 'is', null)
    .where('v.area_kind', '<>', 'other')
    .execute()
  const latest = new Map<string, Comparator & { ends: string }>()
  for (const row of rows) {
    const comparator = {
      areaKind: row.area_kind as ComparatorAreaKind,
      areaName: row.area_name,
      year: row.year,
      value: row.value === null ? null : Number(row.value),
      suppression: row.suppression,
      source: row.source,
      verified: row.verified,
      ends: comparatorYearEnd(row.year) ?? '',
    }
    const key = `${row.area_kind}|${row.area_name}`
    const held = latest.get(key)
    if (held === undefined || comparator.ends > held.ends) latest.set(key, comparator)
  }
  return [...latest.values()]
    .sort((a, b) => AREA_ORDER[a.areaKind] - AREA_ORDER[b.areaKind] || a.areaName.localeCompare(b.areaName, 'en-GB'))
    .map(({ ends: _ends, ...comparator }) => comparator)
}

/**
 * A warning when a comparator covers a different period from the figure shown (England 2024-25 beside
 * the year to 31 March 2026), or null when every comparator matches. Comparing across years is still
 * useful, but the reader should know.
 */
export function comparatorYearWarning(comparators: readonly Comparator[], period: Period): string | null {
  const differing = new Map<string, string[]>()
  for (const comparator of comparators) {
    const ends = comparatorYearEnd(comparator.year)
    if (ends === period.end) continue
    const label = ends === null ? `${comparator.year} (year not recognised)` : describeYear(comparator.year, ends)
    differing.set(label, [...(differing.get(label) ?? []), comparator.areaName])
  }
  if (differing.size === 0) return null
  const parts = [...differing.entries()].map(([label, areas]) => `${areas.join(', ')}: ${label}`)
  const shown =
    period.start === period.end
      ? `on ${formatLongDate(period.end)}`
      : `for ${formatLongDate(period.start)} to ${formatLongDate(period.end)}`
  return `The comparator figures are for a different period from the figure shown (${shown}). ${parts.join('; ')}.`
}

function describeYear(published: string, ends: string): string {
  return /^\d{4}-\d{2}$/.test(published) ? `year to ${formatLongDate(ends)}` : formatLongDate(ends)
}
