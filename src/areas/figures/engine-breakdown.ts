import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { scopedChildren } from '../children/child-access.js'
import { codeLabel } from '../codes/code-lists.js'
import {
  AGE_BANDS,
  DIMENSION_CODE_LISTS,
  ENGINE_DIMENSIONS,
  ensurePlannerStatistics,
  figureCounts,
  figureValue,
  UNBORN,
  withCohort,
  type BreakdownRow,
  type CohortMember,
} from './engine-core.js'
import type { Dimension, IndicatorDefinition, Period } from './indicators/types.js'

/**
 * Breakdowns and drill-down: the cohort for one period, row by row, then the children's details (and
 * the user's scope) read by id in a second simple query, so neither plan depends on table statistics.
 */

/** One cohort row for one period, as the drill-down and breakdowns read it. */
interface CohortRow {
  child_id: number
  subject_id: string
  in_numerator: boolean
  in_denominator: boolean
  value: number | null
  dimension: string | null
}

/**
 * The cohort for one period, row by row (merged children already dropped), with the indicator's own
 * dimension column when one is asked for. Child details are then read by primary key for just these
 * children: two simple queries whose plans do not depend on table statistics.
 */
async function cohortRows(
  db: Db,
  def: IndicatorDefinition,
  councilId: number,
  period: Period,
  ownDimension: Dimension | null,
): Promise<CohortRow[]> {
  if (ownDimension !== null && !def.dimensions.includes(ownDimension)) {
    throw new Error(`Indicator ${def.id} cannot be broken down by ${ownDimension}`)
  }
  const dimension = ownDimension === null ? sql`null::text` : sql`c.${sql.ref(ownDimension)}::text`
  const result = await sql<CohortRow>`${withCohort(def, councilId, [period])}
    select c.child_id::float8 as child_id, c.subject_id::text as subject_id,
      coalesce(c.in_numerator, false) as in_numerator, coalesce(c.in_denominator, false) as in_denominator,
      c.value::float8 as value, ${dimension} as dimension
    from counted c`.execute(db)
  return result.rows.map((row) => ({
    ...row,
    child_id: Number(row.child_id),
    value: row.value === null ? null : Number(row.value),
  }))
}

const childIdArray = (rows: readonly { child_id: number }[]) => [...new Set(rows.map((row) => row.child_id))]

/** Whole years of age on a day (null when not born by then). */
export function ageOn(dateOfBirth: string | null, day: string): number | null {
  if (dateOfBirth === null || dateOfBirth > day) return null
  const [birthYear, birthMonthDay] = [Number(dateOfBirth.slice(0, 4)), dateOfBirth.slice(5)]
  const [year, monthDay] = [Number(day.slice(0, 4)), day.slice(5)]
  return year - birthYear - (monthDay < birthMonthDay ? 1 : 0)
}

export function ageBandOn(dateOfBirth: string | null, day: string): string {
  const age = ageOn(dateOfBirth, day)
  if (age === null) return UNBORN.key
  return AGE_BANDS.find((band) => age >= band.from && age <= band.to)?.key ?? '16_and_over'
}

/** Each cohort row's key for an engine dimension (team, age band, sex, ethnicity). */
async function engineDimensionKeys(
  db: Db,
  councilId: number,
  period: Period,
  dimension: Dimension,
  rows: readonly CohortRow[],
): Promise<Map<number, string | null>> {
  const ids = childIdArray(rows)
  const keys = new Map<number, string | null>()
  if (ids.length === 0) return keys
  if (dimension === 'team') {
    const allocations = await sql<{ child_id: number; team_id: number }>`
      select distinct on (a.child_id) a.child_id::float8 as child_id, a.team_id
      from worker_allocation a
      where a.council_id = ${councilId} and a.child_id = any(${ids}::bigint[]) and a.allocation_role = 'social_worker'
        and a.start_date <= ${period.end}::date and (a.end_date is null or a.end_date >= ${period.end}::date)
      order by a.child_id, a.start_date desc, a.id desc`.execute(db)
    for (const row of allocations.rows) keys.set(Number(row.child_id), String(row.team_id))
    return keys
  }
  const children = await sql<{ id: number; date_of_birth: string | null; sex: string; ethnicity: string }>`
    select ch.id::float8 as id, ch.date_of_birth::text as date_of_birth, ch.sex, ch.ethnicity from child ch
    where ch.council_id = ${councilId} and ch.id = any(${ids}::bigint[])`.execute(db)
  for (const child of children.rows) {
    const id = Number(child.id)
    if (dimension === 'sex') keys.set(id, child.sex)
    else if (dimension === 'ethnicity') keys.set(id, child.ethnicity)
    else keys.set(id, ageBandOn(child.date_of_birth, period.end))
  }
  return keys
}

function dimensionLabel(dimension: Dimension, key: string | null, teamNames: Map<string, string>): string {
  if (key === null) {
    return dimension === 'team' ? 'Not allocated' : 'Not recorded'
  }
  if (dimension === 'team') return teamNames.get(key) ?? `Team ${key}`
  if (dimension === 'age_band') {
    return key === UNBORN.key ? UNBORN.label : (AGE_BANDS.find((band) => band.key === key)?.label ?? key)
  }
  const list = DIMENSION_CODE_LISTS[dimension]
  return (list === undefined ? undefined : codeLabel(list, key)) ?? key
}

function keyOrder(dimension: Dimension, key: string | null): number {
  if (key === null) return 1_000
  if (dimension === 'age_band') {
    return key === UNBORN.key ? -1 : AGE_BANDS.findIndex((band) => band.key === key)
  }
  return 0
}

async function bandPopulations(db: Db, councilId: number, period: Period): Promise<Map<string, number>> {
  const rows = await sql<{ age_from: number; age_to: number; population: number }>`
    select pop.age_from, pop.age_to, pop.population::float8 as population from council_population pop
    where pop.council_id = ${councilId} and pop.year = (
      select nearest.year from council_population nearest where nearest.council_id = ${councilId}
      order by nearest.year > extract(year from ${period.end}::date)::int,
        abs(nearest.year - extract(year from ${period.end}::date)::int)
      limit 1)`.execute(db)
  const populations = new Map<string, number>()
  for (const band of AGE_BANDS) {
    const inBand = rows.rows.filter((row) => row.age_from >= band.from && row.age_to <= Math.min(band.to, 17))
    if (inBand.length > 0)
      populations.set(
        band.key,
        inBand.reduce((sum, row) => sum + Number(row.population), 0),
      )
  }
  return populations
}

/**
 * The figure for one period split by a dimension. Numerators always add up to the whole figure's.
 * Rates per 10,000 use the population of the age band for an age-band breakdown; for any other
 * dimension there is no population to divide by, so the value is null (the counts still show).
 * Team is the team of the child's social worker allocation open on the period end.
 */
export async function computeBreakdown(
  db: Db,
  def: IndicatorDefinition,
  councilId: number,
  period: Period,
  dimension: Dimension,
): Promise<BreakdownRow[]> {
  await ensurePlannerStatistics(db)
  const own = ENGINE_DIMENSIONS.includes(dimension) ? null : dimension
  const rows = await cohortRows(db, def, councilId, period, own)
  const keys = own === null ? await engineDimensionKeys(db, councilId, period, dimension, rows) : undefined
  const groups = new Map<string | null, { numerator: number; denominator: number; sum: number; counted: number }>()
  for (const row of rows) {
    const key = keys === undefined ? row.dimension : (keys.get(row.child_id) ?? null)
    const group = groups.get(key) ?? { numerator: 0, denominator: 0, sum: 0, counted: 0 }
    if (row.in_numerator) group.numerator++
    if (row.in_denominator) group.denominator++
    if (row.in_numerator && row.value !== null) {
      group.sum += row.value
      group.counted++
    }
    groups.set(key, group)
  }
  const teamNames = new Map<string, string>()
  if (dimension === 'team') {
    const teams = await db.selectFrom('team').select(['id', 'name']).where('council_id', '=', councilId).execute()
    for (const team of teams) teamNames.set(String(team.id), team.name)
  }
  const populations =
    def.aggregation === 'rate_per_10000' && dimension === 'age_band'
      ? await bandPopulations(db, councilId, period)
      : new Map<string, number>()
  return [...groups.entries()]
    .map(([key, group]) => {
      const population = key === null ? null : (populations.get(key) ?? null)
      const counts = {
        numerator: group.numerator,
        denominator: group.denominator,
        value_sum: group.counted === 0 ? null : group.sum,
        value_avg: group.counted === 0 ? null : group.sum / group.counted,
        population,
      }
      const shown = figureCounts(def, counts)
      const isRate = def.aggregation === 'rate_per_10000'
      return {
        key,
        label: dimensionLabel(dimension, key, teamNames),
        numerator: shown.numerator,
        denominator: isRate ? (population ?? 0) : shown.denominator,
        value: isRate && population === null ? null : figureValue(def, counts),
      }
    })
    .sort(
      (a, b) =>
        keyOrder(dimension, a.key) - keyOrder(dimension, b.key) ||
        (dimension === 'age_band' ? 0 : a.label.localeCompare(b.label)),
    )
}

/**
 * The children behind a figure for one period, limited to the children the user may see
 * (scopedChildren: a councillor sees none; restricted records only with a grant). Ordered by the
 * council's child id, then subject.
 */
export async function cohortMembers(
  db: Db,
  def: IndicatorDefinition,
  councilId: number,
  period: Period,
  user: SignedInUser,
): Promise<CohortMember[]> {
  if (user.councilId !== councilId) return []
  await ensurePlannerStatistics(db)
  const rows = await cohortRows(db, def, councilId, period, null)
  const ids = childIdArray(rows)
  if (ids.length === 0) return []
  const visible = await scopedChildren(db, user)
    .select(['child.id', 'child.la_child_id'])
    .where('child.council_id', '=', councilId)
    .where(sql<boolean>`child.id = any(${ids}::bigint[])`)
    .execute()
  const laChildIds = new Map(visible.map((child) => [Number(child.id), child.la_child_id]))
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return rows
    .flatMap((row) => {
      const laChildId = laChildIds.get(row.child_id)
      return laChildId === undefined
        ? []
        : [
            {
              childId: row.child_id,
              laChildId,
              subjectId: row.subject_id,
              inNumerator: row.in_numerator,
              inDenominator: row.in_denominator,
              value: row.value,
            },
          ]
    })
    .sort((a, b) => compare(a.laChildId, b.laChildId) || a.childId - b.childId || compare(a.subjectId, b.subjectId))
}
