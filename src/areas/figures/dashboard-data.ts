import type { Db } from '../../db/database.js'
import { comparatorsFor, comparatorYearWarning, type Comparator } from './benchmarks/comparators.js'
import { computeFigures, computeTrend, type Figure } from './engine.js'
import { latestExplanation, type Explanation } from './explanations/service.js'
import type { IndicatorDefinition, Period, ServiceArea } from './indicators/types.js'
import { collectionYearOf, periodEnding } from './periods.js'
import { statusAgainstTarget, targetFor, type Target, type TargetStatus } from './targets/service.js'

/** Everything a dashboard shows about one indicator for one period end. */
export interface IndicatorSnapshot {
  def: IndicatorDefinition
  period: Period
  current: Figure
  /** Monthly, oldest first, ending with the period end. */
  trend: Figure[]
  target: Target | undefined
  /** The DfE year the target belongs to (2026 = the year to 31 March 2026). */
  targetYear: number
  status: TargetStatus
  comparators: Comparator[]
  comparatorWarning: string | null
  explanation: Explanation | undefined
}

export const SERVICE_AREAS: readonly { area: ServiceArea; label: string; slug: string }[] = [
  { area: 'front_door', label: 'Front door', slug: 'front_door' },
  { area: 'child_in_need', label: 'Children in need', slug: 'child_in_need' },
  { area: 'child_protection', label: 'Child protection', slug: 'child_protection' },
  { area: 'looked_after', label: 'Looked-after children', slug: 'looked_after' },
  { area: 'care_leavers', label: 'Care leavers', slug: 'care_leavers' },
  { area: 'visits', label: 'Statutory visits', slug: 'visits' },
]

export function areaLabel(area: ServiceArea): string {
  return SERVICE_AREAS.find((entry) => entry.area === area)?.label ?? area
}

export function isServiceArea(text: string): text is ServiceArea {
  return SERVICE_AREAS.some((entry) => entry.area === text)
}

export const TREND_MONTHS = 36

/**
 * A dashboard computes dozens of 36-month trends; the summary, the area pages and their exports ask
 * for the same ones within moments of each other. Trends are kept for two minutes per council,
 * indicator and period end (a record changed in that time shows after it). The drill-down never
 * uses this: it always counts afresh.
 */
const TREND_CACHE_MS = 120_000
const TREND_CACHE_MAX = 400
const trendCaches = new WeakMap<Db, Map<string, { at: number; figures: Promise<Figure[]> }>>()

function cachedTrend(db: Db, councilId: number, def: IndicatorDefinition, periodEnd: string, months: number) {
  let trendCache = trendCaches.get(db)
  if (trendCache === undefined) {
    trendCache = new Map()
    trendCaches.set(db, trendCache)
  }
  const key = `${councilId}|${def.id}|${periodEnd}|${months}`
  const now = Date.now()
  const held = trendCache.get(key)
  if (held !== undefined && now - held.at < TREND_CACHE_MS) return held.figures
  if (trendCache.size >= TREND_CACHE_MAX) {
    for (const [old, entry] of trendCache) if (now - entry.at >= TREND_CACHE_MS) trendCache.delete(old)
    if (trendCache.size >= TREND_CACHE_MAX) trendCache.clear()
  }
  const figures = computeTrend(db, def, councilId, periodEnd, months)
  trendCache.set(key, { at: now, figures })
  void figures.catch(() => trendCache.delete(key))
  return figures
}

/**
 * One indicator at one period end: the figure for the indicator's own period type, the 36-month trend
 * (one query), target and status for the DfE year the period ends in, comparators with the year
 * warning, and the latest explanation written for that period end.
 */
export async function loadSnapshot(
  db: Db,
  councilId: number,
  def: IndicatorDefinition,
  periodEnd: string,
  months = TREND_MONTHS,
): Promise<IndicatorSnapshot> {
  const period = periodEnding(def.periodType, periodEnd)
  const trend = await cachedTrend(db, councilId, def, periodEnd, months)
  const last = trend.at(-1)
  const current =
    last !== undefined && last.period.start === period.start && last.period.end === period.end
      ? last
      : ((await computeFigures(db, def, councilId, [period]))[0] as Figure)
  const targetYear = collectionYearOf(periodEnd)
  const target = await targetFor(db, councilId, def.id, targetYear)
  const comparators = await comparatorsFor(db, councilId, def.id)
  return {
    def,
    period,
    current,
    trend,
    target,
    targetYear,
    status: statusAgainstTarget(current.value, target, def.polarity),
    comparators,
    comparatorWarning: comparators.length === 0 ? null : comparatorYearWarning(comparators, period),
    explanation: await latestExplanation(db, councilId, def.id, periodEnd),
  }
}

/** Snapshots for several indicators, one after another (PGlite has one connection; PostgreSQL's pool is shared). */
export async function loadSnapshots(
  db: Db,
  councilId: number,
  defs: readonly IndicatorDefinition[],
  periodEnd: string,
  months = TREND_MONTHS,
): Promise<IndicatorSnapshot[]> {
  const snapshots: IndicatorSnapshot[] = []
  for (const def of defs) snapshots.push(await loadSnapshot(db, councilId, def, periodEnd, months))
  return snapshots
}
