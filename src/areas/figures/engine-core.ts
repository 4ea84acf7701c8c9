import { sql, type RawBuilder } from 'kysely'
export { ensurePlannerStatistics } from '../../db/planner-statistics.js'
import type { CodeListName } from '../codes/code-lists.js'
import type { Dimension, IndicatorDefinition, Period } from './indicators/types.js'

/**
 * The indicator engine's shared parts: the figure types, the cohort wrapper every query starts from,
 * how cohort rows become a figure (the planner-statistics guard is in src/db). The public functions are in
 * engine.ts (figures and trends) and engine-breakdown.ts (breakdowns and drill-down); engine.ts
 * exports them all.
 */

export interface Figure {
  indicatorId: string
  period: Period
  numerator: number
  denominator: number
  value: number | null
}

export interface BreakdownRow {
  /** The code (team id, sex code, age band…), or null where it is not recorded. */
  key: string | null
  label: string
  numerator: number
  denominator: number
  value: number | null
}

export interface CohortMember {
  childId: number
  laChildId: string
  /** What is counted: the child for child-based measures, else the record (referral, plan…). */
  subjectId: string
  inNumerator: boolean
  inDenominator: boolean
  value: number | null
}

/** Age bands of the DfE children in need and looked-after tables (age at the period end). */
export const AGE_BANDS = [
  { key: 'under_1', label: 'Under 1', from: 0, to: 0 },
  { key: '1_to_4', label: '1 to 4', from: 1, to: 4 },
  { key: '5_to_9', label: '5 to 9', from: 5, to: 9 },
  { key: '10_to_15', label: '10 to 15', from: 10, to: 15 },
  { key: '16_and_over', label: '16 and over', from: 16, to: 200 },
] as const

export const UNBORN = { key: 'unborn', label: 'Unborn' }

/** Code lists that give a breakdown's labels, where the dimension is coded. */
export const DIMENSION_CODE_LISTS: Partial<Record<Dimension, CodeListName>> = {
  sex: 'SEX',
  ethnicity: 'ETHNIC',
  legal_status: 'LS',
  placement_type: 'PLACE',
  referral_source: 'ReferralSource',
  category_of_abuse: 'CategoryOfAbuse',
}

export const ENGINE_DIMENSIONS: readonly Dimension[] = ['team', 'age_band', 'sex', 'ethnicity']

/** Dimensions a breakdown can be asked for on this indicator. */
export function dimensionsOf(def: IndicatorDefinition): Dimension[] {
  return [...ENGINE_DIMENSIONS, ...def.dimensions.filter((dimension) => !ENGINE_DIMENSIONS.includes(dimension))]
}

function periodsRelation(periods: readonly Period[]): RawBuilder<unknown> {
  return sql.join(periods.map((period) => sql`(${period.start}::date, ${period.end}::date)`))
}

/**
 * The cohort as `counted`: only children who are their own record (not merged into another). Merged
 * children are a hashed NOT IN list rather than a join to child, so the cohort stays the outer side of
 * the plan whatever the planner guesses about the child table.
 */
export function withCohort(
  def: IndicatorDefinition,
  councilId: number,
  periods: readonly Period[],
): RawBuilder<unknown> {
  return sql`with periods (period_start, period_end) as (values ${periodsRelation(periods)}),
    cohort as (${def.cohortSql({ councilId })}),
    counted as (
      select cohort.* from cohort
      where cohort.child_id not in (
        select merged.id from child merged where merged.council_id = ${councilId} and merged.merged_into_child_id is not null
      )
    )`
}

/**
 * The 0–17 population for each period: the year of the period end, else the nearest earlier year
 * loaded, else the nearest later one.
 */
export function populationFor(councilId: number): RawBuilder<unknown> {
  return sql`(
    select sum(pop.population)::float8 from council_population pop
    where pop.council_id = ${councilId} and pop.age_from >= 0 and pop.age_to <= 17
      and pop.year = (
        select nearest.year from council_population nearest
        where nearest.council_id = ${councilId}
        order by nearest.year > extract(year from p.period_end)::int,
          abs(nearest.year - extract(year from p.period_end)::int)
        limit 1
      )
  )`
}

export interface CountsRow {
  period_start: string
  period_end: string
  numerator: number
  denominator: number
  value_sum: number | null
  value_avg: number | null
  population: number | null
}

export function figureValue(
  def: IndicatorDefinition,
  row: Omit<CountsRow, 'period_start' | 'period_end'>,
): Figure['value'] {
  switch (def.aggregation) {
    case 'share':
      return row.denominator === 0 ? null : (100 * row.numerator) / row.denominator
    case 'rate_per_10000':
      return row.population === null || row.population === 0 ? null : (10000 * row.numerator) / row.population
    case 'mean':
      return row.value_avg
    case 'ratio':
      return row.denominator === 0 ? null : (row.value_sum ?? 0) / row.denominator
    case 'count':
      return row.numerator
  }
}

/** Numerator and denominator as the figure shows them (see Aggregation in types.ts). */
export function figureCounts(def: IndicatorDefinition, row: Omit<CountsRow, 'period_start' | 'period_end'>) {
  switch (def.aggregation) {
    case 'rate_per_10000':
      return { numerator: row.numerator, denominator: row.population ?? 0 }
    case 'ratio':
      return { numerator: row.value_sum ?? 0, denominator: row.denominator }
    case 'share':
    case 'mean':
    case 'count':
      return { numerator: row.numerator, denominator: row.denominator }
  }
}

export const aggregates = sql`count(*) filter (where c.in_numerator)::int as numerator,
  count(*) filter (where c.in_denominator)::int as denominator,
  sum(c.value) filter (where c.in_numerator)::float8 as value_sum,
  avg(c.value) filter (where c.in_numerator)::float8 as value_avg`
