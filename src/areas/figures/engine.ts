import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import {
  aggregates,
  ensurePlannerStatistics,
  figureCounts,
  figureValue,
  populationFor,
  withCohort,
  type CountsRow,
  type Figure,
} from './engine-core.js'
import type { IndicatorDefinition, Period } from './indicators/types.js'
import { monthEnds, periodEnding } from './periods.js'

/**
 * The indicator engine: turns an indicator's cohort SQL into figures, trends, breakdowns and the
 * list of children behind a figure. Every one of them runs the same cohort SQL, so a figure and its
 * drill-down can never disagree.
 *
 * The periods are handed to the cohort as a relation `periods (period_start, period_end)`, so a whole
 * 36-month trend is ONE query per indicator: the database joins the records to every period at once.
 * The engine, not each indicator, drops children merged into another record (the rule in types.ts).
 * Breakdowns and drill-down run the cohort for one period, then read the children's details (and the
 * user's scope) by id in a second simple query.
 */

export { ageBandOn, ageOn, cohortMembers, computeBreakdown } from './engine-breakdown.js'
export {
  AGE_BANDS,
  dimensionsOf,
  ensurePlannerStatistics,
  type BreakdownRow,
  type CohortMember,
  type Figure,
} from './engine-core.js'

/** Splits periods so that no two in one query share an end date (the cohort keys rows by period_end). */
function batchesByEnd(periods: readonly Period[]): Period[][] {
  const batches: Period[][] = []
  for (const period of periods) {
    const batch = batches.find((candidate) => candidate.every((other) => other.end !== period.end))
    if (batch === undefined) batches.push([period])
    else batch.push(period)
  }
  return batches
}

/** The figures query for periods with distinct end dates (for EXPLAIN in the benchmark); computeFigures runs it. */
export function figuresQuery(def: IndicatorDefinition, councilId: number, periods: readonly Period[]) {
  const population = def.aggregation === 'rate_per_10000' ? populationFor(councilId) : sql`null::float8`
  return sql<CountsRow>`${withCohort(def, councilId, periods)},
    counts as (
      select c.period_end, ${aggregates} from counted c group by c.period_end
    )
    select p.period_start::text as period_start, p.period_end::text as period_end,
      coalesce(counts.numerator, 0) as numerator, coalesce(counts.denominator, 0) as denominator,
      counts.value_sum, counts.value_avg, ${population} as population
    from periods p
    left join counts on counts.period_end = p.period_end`
}

/** The indicator's figure for each period, in the order given. All periods in one query. */
export async function computeFigures(
  db: Db,
  def: IndicatorDefinition,
  councilId: number,
  periods: readonly Period[],
): Promise<Figure[]> {
  await ensurePlannerStatistics(db)
  const figures = new Map<string, Figure>()
  for (const batch of batchesByEnd(periods)) {
    const result = await figuresQuery(def, councilId, batch).execute(db)
    for (const row of result.rows) {
      const period = { start: row.period_start, end: row.period_end }
      figures.set(`${period.start}|${period.end}`, {
        indicatorId: def.id,
        period,
        ...figureCounts(def, row),
        value: figureValue(def, row),
      })
    }
  }
  return periods.map((period) => {
    const figure = figures.get(`${period.start}|${period.end}`)
    if (figure === undefined) throw new Error(`No figure came back for ${def.id} ${period.start}..${period.end}`)
    return figure
  })
}

/** The periods of a monthly trend: the indicator's own period type ending at each month end. */
export function trendPeriods(def: IndicatorDefinition, lastEnd: string, months = 36): Period[] {
  return monthEnds(lastEnd, months).map((end) => periodEnding(def.periodType, end))
}

/**
 * A monthly trend: the figure for the period of the indicator's type ending at each of the last
 * `months` month ends (a yearly measure becomes the rolling 12 months to each month end).
 *
 * For an indicator whose rows are events counted once each (`additiveByMonth`), a rolling year is the
 * sum of its 12 calendar months, so the trend counts each calendar month once (months + 11 periods in
 * one query) and adds them up here, instead of making the database count every record in the 12
 * rolling years it falls in. tests/indicators-registry.test.ts checks the two ways agree.
 */
export async function computeTrend(
  db: Db,
  def: IndicatorDefinition,
  councilId: number,
  lastEnd: string,
  months = 36,
): Promise<Figure[]> {
  const periods = trendPeriods(def, lastEnd, months)
  if (!canAddUpMonths(def)) return computeFigures(db, def, councilId, periods)
  const calendarMonths = monthEnds(lastEnd, months + 11).map((end) => periodEnding('month', end))
  const monthly = await computeMonthCounts(db, def, councilId, calendarMonths)
  return periods.map((period, index) => {
    const window = monthly.slice(index, index + 12)
    const last = window.at(-1)
    if (
      window.length !== 12 ||
      last === undefined ||
      last.period_end !== period.end ||
      window[0]?.period_start !== period.start
    ) {
      throw new Error(`The months of ${def.id} do not make up ${period.start}..${period.end}`)
    }
    const row = {
      numerator: window.reduce((sum, month) => sum + month.numerator, 0),
      denominator: window.reduce((sum, month) => sum + month.denominator, 0),
      value_sum: window.reduce((sum, month) => sum + (month.value_sum ?? 0), 0),
      value_avg: null,
      population: last.population,
    }
    return { indicatorId: def.id, period, ...figureCounts(def, row), value: figureValue(def, row) }
  })
}

/** Rolling years of event counts add up from months; an average (mean) does not, so it never does. */
function canAddUpMonths(def: IndicatorDefinition): boolean {
  return (
    def.additiveByMonth === true &&
    def.aggregation !== 'mean' &&
    (def.periodType === 'year_to_31_march' || def.periodType === 'rolling_12_months')
  )
}

async function computeMonthCounts(
  db: Db,
  def: IndicatorDefinition,
  councilId: number,
  calendarMonths: readonly Period[],
): Promise<CountsRow[]> {
  await ensurePlannerStatistics(db)
  const result = await figuresQuery(def, councilId, calendarMonths).execute(db)
  const byEnd = new Map(result.rows.map((row) => [row.period_end, row]))
  return calendarMonths.map((month) => {
    const row = byEnd.get(month.end)
    if (row === undefined) throw new Error(`No count came back for ${def.id} ${month.end}`)
    return row
  })
}
