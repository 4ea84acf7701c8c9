import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSignedInUser } from '../src/areas/auth/sessions.js'
import { visitTimeliness } from '../src/areas/compliance/timeliness.js'
import {
  cohortMembers,
  computeFigures,
  computeTrend,
  trendPeriods,
  type CohortMember,
  type Figure,
} from '../src/areas/figures/engine.js'
import { INDICATORS } from '../src/areas/figures/indicators/registry.js'
import { statutoryVisitsInTime } from '../src/areas/figures/indicators/statutory-visits-in-time.js'
import type { IndicatorDefinition } from '../src/areas/figures/indicators/types.js'
import { periodEnding } from '../src/areas/figures/periods.js'
import { generateSyntheticCouncil, markDatabaseAsDemo } from '../src/areas/synthetic/demo.js'
import type { SignedInUser } from '../src/web/context.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'

/**
 * Every indicator in the registry (need and protection, and care, as they land) on the synthetic
 * council at a twentieth of Blackpool, as at 31 March 2026: figures are numbers in a plausible range,
 * and the drill-down for a head of service who can see every child has exactly the figure's numerator.
 */
let database: TestDatabase
let head: SignedInUser
const AS_AT = '2026-03-31'
const COUNCIL = 1

beforeAll(async () => {
  database = await createTestDatabase()
  await markDatabaseAsDemo(database.db)
  await generateSyntheticCouncil(database.db, { seed: 20261122, scale: 0.05, asAt: AS_AT })
  const row = await database.db
    .selectFrom('user_account')
    .select('id')
    .where('council_id', '=', COUNCIL)
    .where('role', '=', 'head_of_service')
    .orderBy('id')
    .executeTakeFirstOrThrow()
  // Whole-council scope: grant the head of service every restricted record too.
  await sql`insert into child_access_grant (council_id, child_id, user_id, granted_by, reason)
    select council_id, id, ${row.id}, ${row.id}, 'Indicator test' from child
    where council_id = ${COUNCIL} and restriction is not null
    on conflict do nothing`.execute(database.db)
  const user = await loadSignedInUser(database.db, COUNCIL, row.id)
  if (user === undefined) throw new Error('no head of service')
  head = user
}, 180_000)
afterAll(() => database.destroy())

function plausible(def: IndicatorDefinition, figure: Figure): void {
  const label = `${def.id} ${figure.period.end}`
  expect(Number.isFinite(figure.numerator), label).toBe(true)
  expect(Number.isFinite(figure.denominator), label).toBe(true)
  expect(figure.numerator, label).toBeGreaterThanOrEqual(0)
  expect(figure.denominator, label).toBeGreaterThanOrEqual(0)
  if (figure.value === null) return
  expect(Number.isFinite(figure.value), label).toBe(true)
  expect(figure.value, label).toBeGreaterThanOrEqual(0)
  switch (def.unit) {
    case 'percent':
      expect(figure.value, label).toBeLessThanOrEqual(100)
      expect(figure.numerator, label).toBeLessThanOrEqual(figure.denominator)
      break
    case 'per_10000':
      expect(figure.value, label).toBeLessThanOrEqual(10_000)
      break
    case 'score':
      expect(figure.value, label).toBeLessThanOrEqual(40)
      break
    case 'count':
    case 'ratio':
    case 'days':
      break
  }
}

/** What the drill-down adds up to: the count of numerator rows, or their values for a ratio. */
function drillDownNumerator(def: IndicatorDefinition, members: readonly CohortMember[]): number {
  const inNumerator = members.filter((member) => member.inNumerator)
  return def.aggregation === 'ratio'
    ? inNumerator.reduce((sum, member) => sum + (member.value ?? 0), 0)
    : inNumerator.length
}

describe('every registered indicator on the synthetic council', () => {
  it('has a unique id and a complete definition', () => {
    expect(new Set(INDICATORS.map((def) => def.id)).size).toBe(INDICATORS.length)
    for (const def of INDICATORS) {
      for (const text of [def.name, def.description, def.numerator, def.denominator, def.cohort, def.source]) {
        expect(text.length, def.id).toBeGreaterThan(3)
      }
    }
  })

  it('gives a plausible 12-month trend', async () => {
    for (const def of INDICATORS) {
      const trend = await computeTrend(database.db, def, COUNCIL, AS_AT, 12)
      expect(trend, def.id).toHaveLength(12)
      for (const figure of trend) plausible(def, figure)
      // The latest full period has something in it: every measure has a cohort on this council.
      expect(trend.at(-1)?.denominator, def.id).toBeGreaterThan(0)
    }
  }, 150_000)

  it('builds rolling-year trends from monthly counts exactly as the rolling years joined directly', async () => {
    const additive = INDICATORS.filter((def) => def.additiveByMonth === true)
    expect(additive.map((def) => def.id)).toContain('referral_rate')
    for (const def of additive) {
      for (const lastEnd of [AS_AT, '2026-02-28', '2024-02-29']) {
        const fromMonths = await computeTrend(database.db, def, COUNCIL, lastEnd)
        const joined = await computeFigures(database.db, def, COUNCIL, trendPeriods(def, lastEnd, 36))
        expect(fromMonths, `${def.id} to ${lastEnd}`).toEqual(joined)
      }
      // Not vacuous: the council has events of this kind in the last year.
      const [latest] = await computeFigures(database.db, def, COUNCIL, [periodEnding(def.periodType, AS_AT)])
      expect(latest?.denominator, def.id).toBeGreaterThan(0)
    }
  }, 150_000)

  it('has a drill-down with exactly as many children as the numerator', async () => {
    for (const def of INDICATORS) {
      const period = periodEnding(def.periodType, AS_AT)
      const [figure] = await computeFigures(database.db, def, COUNCIL, [period])
      if (figure === undefined) throw new Error(def.id)
      const members = await cohortMembers(database.db, def, COUNCIL, period, head)
      expect(drillDownNumerator(def, members), def.id).toBeCloseTo(figure.numerator, 6)
      if (def.aggregation !== 'rate_per_10000') {
        expect(members.filter((member) => member.inDenominator).length, def.id).toBe(figure.denominator)
      }
    }
  }, 150_000)

  it('statutory visits in time agree with the statutory clock’s timeliness report', async () => {
    for (const end of ['2025-06-30', '2025-12-31', '2026-03-31']) {
      const period = periodEnding('month', end)
      const [figure] = await computeFigures(database.db, statutoryVisitsInTime, COUNCIL, [period])
      const report = await visitTimeliness(database.db, head, { from: period.start, to: period.end }, '2026-11-22')
      expect({ due: figure?.denominator, inTime: figure?.numerator }, end).toEqual({
        due: report.total.due,
        inTime: report.total.inTime,
      })
      expect(report.total.due, end).toBeGreaterThan(0)
    }
  })
})
