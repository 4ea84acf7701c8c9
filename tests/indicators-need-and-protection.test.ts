import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSignedInUser } from '../src/areas/auth/sessions.js'
import { scopedChildren } from '../src/areas/children/child-access.js'
import { englandAndWalesCalendar } from '../src/areas/compliance/calendar.js'
import {
  cohortMembers,
  computeBreakdown,
  computeFigures,
  computeTrend,
  dimensionsOf,
  type Figure,
} from '../src/areas/figures/engine.js'
import { assessments45wdPct } from '../src/areas/figures/indicators/assessments-45wd-pct.js'
import { cinRate } from '../src/areas/figures/indicators/cin-rate.js'
import { cpp2yrsEndingPct } from '../src/areas/figures/indicators/cpp-2yrs-ending-pct.js'
import { cppRate } from '../src/areas/figures/indicators/cpp-rate.js'
import { cppSecondSubsequentPct } from '../src/areas/figures/indicators/cpp-second-subsequent-pct.js'
import { NEED_AND_PROTECTION_INDICATORS } from '../src/areas/figures/indicators/need-and-protection.js'
import { referralRate } from '../src/areas/figures/indicators/referral-rate.js'
import { rereferralPct } from '../src/areas/figures/indicators/rereferral-pct.js'
import { statutoryVisitsInTime } from '../src/areas/figures/indicators/statutory-visits-in-time.js'
import type { IndicatorDefinition, Period } from '../src/areas/figures/indicators/types.js'
import { monthEnds, periodEnding, yearToMarch } from '../src/areas/figures/periods.js'
import type { SignedInUser } from '../src/web/context.js'
import { seedFixture, type Fixture } from './support/fixtures.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'

/**
 * The need and protection indicators on a small hand-built council (Testbay, from seedFixture), each
 * figure worked out by hand below. The DfE year under test is 2025-26 (1 April 2025 to 31 March 2026).
 * Child 205 is a duplicate merged into 207: its own rows never count, but its history is 207's.
 * Council 2 (Elsewhere) has rows on the same dates that must never be counted.
 */
let database: TestDatabase
let fixture: Fixture
let head: SignedInUser
let worker: SignedInUser
const YEAR = yearToMarch(2026)
const calendar = englandAndWalesCalendar()

const figureFor = async (def: IndicatorDefinition, period: Period): Promise<Figure> => {
  const [figure] = await computeFigures(database.db, def, 1, [period])
  if (figure === undefined) throw new Error('no figure')
  return figure
}

async function addChild(
  council: number,
  id: number,
  options: { dob?: string; sex?: string; mergedInto?: number } = {},
) {
  await sql`insert into child (council_id, id, la_child_id, first_name, last_name, date_of_birth, sex, ethnicity, merged_into_child_id)
    values (${council}, ${id}, ${`T${id}`}, 'Testchild', ${`Number${id}`}, ${options.dob ?? '2015-06-01'}, ${options.sex ?? 'F'},
      'WBRI', ${options.mergedInto ?? null})`.execute(database.db)
}

async function allocate(council: number, childId: number, team: number, user: number) {
  await sql`insert into worker_allocation (council_id, child_id, allocation_role, team_id, user_id, start_date)
    values (${council}, ${childId}, 'social_worker', ${team}, ${user}, '2020-01-01')`.execute(database.db)
}

async function referral(
  council: number,
  childId: number,
  date: string,
  options: { source?: string; closed?: string | null; nfa?: boolean } = {},
) {
  await sql`insert into referral (council_id, child_id, referral_date, source, closure_date, closure_reason, no_further_action)
    values (${council}, ${childId}, ${date}, ${options.source ?? '6'}, ${options.closed ?? null},
      ${options.closed == null ? null : 'RC8'}, ${options.nfa ?? false})`.execute(database.db)
}

async function assessment(council: number, childId: number, start: string, authorised: string | null) {
  await sql`insert into assessment (council_id, child_id, start_date, authorisation_date)
    values (${council}, ${childId}, ${start}, ${authorised})`.execute(database.db)
}

async function plan(council: number, childId: number, start: string, end: string | null, category = 'NEG') {
  await sql`insert into cp_plan (council_id, child_id, start_date, end_date, initial_category, latest_category)
    values (${council}, ${childId}, ${start}, ${end}, ${category}, ${category})`.execute(database.db)
}

async function visit(council: number, childId: number, date: string) {
  await sql`insert into visit (council_id, child_id, visit_date, visit_type, child_seen, visitor_name)
    values (${council}, ${childId}, ${date}, 'child_protection', true, 'Test visitor')`.execute(database.db)
}

beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await seedFixture(database.db)
  const db = database.db
  // 10,000 children aged 0-17 in 2025 (no 2026 estimate yet: the nearest earlier year is used); 2027's
  // estimate must not be picked for 2025-26.
  for (const [year, scale] of [
    [2025, 1],
    [2027, 2],
  ] as const) {
    for (const [from, to, population] of [
      [0, 0, 1000],
      [1, 4, 2000],
      [5, 9, 3000],
      [10, 15, 3000],
      [16, 17, 1000],
    ] as const) {
      await sql`insert into council_population (council_id, year, age_from, age_to, population, source)
        values (1, ${year}, ${from}, ${to}, ${population * scale}, 'test')`.execute(db)
    }
  }
  const { social_worker: sw, otherSocialWorker: other } = fixture.users
  await addChild(1, 201, { dob: '2025-05-01', sex: 'M' }) // under 1 at 31 March 2026
  await addChild(1, 202, { dob: '2022-01-01' })
  await addChild(1, 203, { dob: '2012-01-01', sex: 'M' })
  await addChild(1, 204)
  await addChild(1, 206)
  await addChild(1, 207, { dob: '2009-01-01' })
  await addChild(1, 205, { mergedInto: 207 })
  await addChild(1, 208)
  await allocate(1, 201, 1, sw.id)
  await allocate(1, 202, 1, sw.id)
  await allocate(1, 203, 2, other.id)
  await allocate(1, 204, 2, other.id)
  await allocate(1, 206, 2, other.id)
  await allocate(1, 207, 1, sw.id)
  await allocate(1, 208, 2, other.id)

  // Referrals. In 2025-26: 201 ×2, 202, 203, 204, 206, 207 = 7 (205 is merged; council 2 never counts).
  await referral(1, 201, '2024-06-01', { source: '2A', closed: '2024-12-01' })
  await referral(1, 201, '2025-05-01') // re-referral: 11 months after 2024-06-01
  await referral(1, 201, '2026-01-10', { source: '3A' }) // re-referral: 8 months after 2025-05-01
  await referral(1, 202, '2025-04-10', { closed: '2026-03-31' }) // first; closed on 31 March: not in need that day
  await referral(1, 203, '2024-05-10', { closed: '2024-09-01' })
  await referral(1, 203, '2025-05-11', { closed: '2026-04-15' }) // 366 days after 2024-05-10: not a re-referral
  await referral(1, 204, '2024-07-01', { closed: '2024-10-01' })
  await referral(1, 204, '2025-07-01', { nfa: true, closed: '2025-07-01' }) // on the anniversary: a re-referral
  await referral(1, 205, '2025-06-01') // the merged duplicate: never counted, but it is 207's history
  await referral(1, 207, '2025-09-01') // re-referral through 205's referral three months earlier
  await referral(1, 206, '2025-12-01', { source: '1A' })
  await referral(2, fixture.children.otherCouncil, '2025-06-01')

  // Assessments authorised in 2025-26: 201 (same day, 0 days), 202 (45 working days), 203 (46): 2 of 3.
  await assessment(1, 201, '2025-05-02', '2025-05-02')
  await assessment(1, 202, '2025-04-11', calendar.addWorkingDays('2025-04-11', 45))
  await assessment(1, 203, '2025-05-12', calendar.addWorkingDays('2025-05-12', 46))
  await assessment(1, 206, '2025-12-02', null) // not finished
  await assessment(1, 204, '2025-02-01', '2025-03-20') // finished the year before
  await assessment(1, 205, '2025-06-02', '2025-06-03') // merged duplicate
  await assessment(2, fixture.children.otherCouncil, '2025-06-02', '2025-06-03')

  // Child protection plans.
  await plan(1, 201, '2023-01-10', '2023-06-01')
  await plan(1, 201, '2025-06-01', null, 'PHY') // starts in year, second plan; open on 31 March
  await plan(1, 202, '2023-10-01', '2025-10-01') // ends in year after exactly 2 years
  await plan(1, 203, '2024-10-01', '2026-03-31') // ends ON 31 March: ended, not open that day
  await plan(1, 206, '2023-05-01', null, 'EMO') // open for nearly 3 years: not ending, so not in the 2-year measure
  await plan(1, 205, '2024-01-01', '2024-06-01') // merged duplicate's plan: 207's history
  await plan(1, 207, '2025-09-15', '2025-12-01') // starts in year, second plan through 205
  await plan(1, 204, '2024-03-31', '2026-03-30') // ends one day short of 2 years
  await plan(1, 208, '2025-08-01', null) // first plan, open on 31 March
  await plan(2, fixture.children.otherCouncil, '2025-05-01', null)

  // Visits to 208 (plan from Friday 1 August 2025; visits every 10 working days, bank holiday 25 August).
  for (const day of ['2025-08-05', '2025-08-14', '2025-09-05', '2025-09-19']) await visit(1, 208, day)
  await visit(2, fixture.children.otherCouncil, '2025-05-02')

  const loaded = await loadSignedInUser(database.db, 1, fixture.users.head_of_service.id)
  const loadedWorker = await loadSignedInUser(database.db, 1, fixture.users.social_worker.id)
  if (loaded === undefined || loadedWorker === undefined) throw new Error('fixture users missing')
  head = loaded
  worker = loadedWorker
}, 120_000)
afterAll(() => database.destroy())

describe('periods', () => {
  it('gives the DfE year, rolling years, months and snapshots', () => {
    expect(periodEnding('year_to_31_march', '2026-03-31')).toEqual({ start: '2025-04-01', end: '2026-03-31' })
    expect(periodEnding('rolling_12_months', '2024-02-29')).toEqual({ start: '2023-03-01', end: '2024-02-29' })
    // A month-end year is 12 whole calendar months, even after a leap day.
    expect(periodEnding('year_to_31_march', '2025-02-28')).toEqual({ start: '2024-03-01', end: '2025-02-28' })
    expect(periodEnding('rolling_12_months', '2025-06-15')).toEqual({ start: '2024-06-16', end: '2025-06-15' })
    expect(periodEnding('month', '2026-02-28')).toEqual({ start: '2026-02-01', end: '2026-02-28' })
    expect(periodEnding('snapshot', '2026-03-31')).toEqual({ start: '2026-03-31', end: '2026-03-31' })
    expect(yearToMarch(2026)).toEqual(YEAR)
    expect(monthEnds('2026-03-15', 3)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31'])
    expect(monthEnds('2026-03-31', 36)).toHaveLength(36)
  })
})

describe('each indicator on a hand-built council', () => {
  it('referrals per 10,000: 7 referrals in the year over 10,000 children (the 2025 estimate)', async () => {
    expect(await figureFor(referralRate, YEAR)).toMatchObject({ numerator: 7, denominator: 10_000, value: 7 })
  })

  it('re-referrals: 4 of 7 (anniversary counts, 366 days does not, merged history counts)', async () => {
    const figure = await figureFor(rereferralPct, YEAR)
    expect(figure).toMatchObject({ numerator: 4, denominator: 7 })
    expect(figure.value).toBeCloseTo((4 / 7) * 100, 10)
    const members = await cohortMembers(database.db, rereferralPct, 1, YEAR, head)
    const reReferred = members.filter((member) => member.inNumerator).map((member) => member.laChildId)
    expect(reReferred.sort()).toEqual(['T201', 'T201', 'T204', 'T207'])
    expect(members.some((member) => member.childId === 205 || member.childId === 105)).toBe(false)
  })

  it('assessments in 45 working days: 2 of 3 (same day = 0 days; 45 in, 46 out)', async () => {
    const figure = await figureFor(assessments45wdPct, YEAR)
    expect(figure).toMatchObject({ numerator: 2, denominator: 3 })
    const members = await cohortMembers(database.db, assessments45wdPct, 1, YEAR, head)
    expect(members.map((member) => [member.laChildId, member.value, member.inNumerator])).toEqual([
      ['T201', 0, true],
      ['T202', 45, true],
      ['T203', 46, false],
    ])
  })

  it('children in need on 31 March: 4 children (closed that day, NFA and merged left out)', async () => {
    const figure = await figureFor(cinRate, periodEnding('snapshot', '2026-03-31'))
    expect(figure).toMatchObject({ numerator: 4, denominator: 10_000, value: 4 })
    const members = await cohortMembers(database.db, cinRate, 1, periodEnding('snapshot', '2026-03-31'), head)
    expect(members.map((member) => member.laChildId)).toEqual(['T201', 'T203', 'T206', 'T207'])
  })

  it('CP plans on 31 March: 3 children (a plan ending that day is not open)', async () => {
    const figure = await figureFor(cppRate, periodEnding('snapshot', '2026-03-31'))
    expect(figure).toMatchObject({ numerator: 3, denominator: 10_000, value: 3 })
    // On 30 March 2026 203's plan (ending 31 March) is still open; 204's ends that day, so it is not.
    expect(await figureFor(cppRate, periodEnding('snapshot', '2026-03-30'))).toMatchObject({ numerator: 4 })
  })

  it('CP plans ending after 2+ years: 1 of 4 ending (exactly 2 years counts; open plans do not)', async () => {
    const figure = await figureFor(cpp2yrsEndingPct, YEAR)
    expect(figure).toMatchObject({ numerator: 1, denominator: 4, value: 25 })
    const members = await cohortMembers(database.db, cpp2yrsEndingPct, 1, YEAR, head)
    expect(members.filter((member) => member.inNumerator).map((member) => member.laChildId)).toEqual(['T202'])
    expect(members.map((member) => member.laChildId)).not.toContain('T206')
  })

  it('second or subsequent CP plans: 2 of 3 starting (a merged duplicate’s plan counts as history)', async () => {
    const figure = await figureFor(cppSecondSubsequentPct, YEAR)
    expect(figure).toMatchObject({ numerator: 2, denominator: 3 })
    const members = await cohortMembers(database.db, cppSecondSubsequentPct, 1, YEAR, head)
    expect(members.map((member) => [member.laChildId, member.inNumerator])).toEqual([
      ['T201', true],
      ['T207', true],
      ['T208', false],
    ])
  })

  it('statutory visits in time: by month and for the year, from the visit chains', async () => {
    // 208 (plan from Friday 1 August): due 15 Aug (seen 5 Aug: in time), 19 Aug (seen 14 Aug: in time),
    // 29 Aug (seen 5 Sep: late), 19 Sep (seen that day: in time), 3 Oct (not seen). 207's plan from
    // 15 Sep: due 29 Sep, not seen. 201's plan from Sunday 1 June: due 13 June, not seen.
    expect(calendar.addWorkingDays('2025-08-14', 10)).toBe('2025-08-29')
    expect(await figureFor(statutoryVisitsInTime, periodEnding('month', '2025-08-31'))).toMatchObject({
      numerator: 2,
      denominator: 3,
    })
    expect(await figureFor(statutoryVisitsInTime, periodEnding('month', '2025-09-30'))).toMatchObject({
      numerator: 1,
      denominator: 2,
    })
    expect(await figureFor(statutoryVisitsInTime, periodEnding('month', '2025-10-31'))).toMatchObject({
      numerator: 0,
      denominator: 1,
    })
    expect(await figureFor(statutoryVisitsInTime, YEAR)).toMatchObject({ numerator: 3, denominator: 7 })
  })

  it('never counts another council’s rows, or a merged duplicate’s', async () => {
    for (const def of NEED_AND_PROTECTION_INDICATORS) {
      const period = periodEnding(def.periodType, '2026-03-31')
      const members = await cohortMembers(database.db, def, 1, period, head)
      expect(
        members.filter((member) => [105, 205].includes(member.childId)),
        def.id,
      ).toEqual([])
    }
  })
})

describe('trends, breakdowns and drill-down', () => {
  it('a trend is 36 month-end figures matching the figures for each period on its own', async () => {
    for (const def of NEED_AND_PROTECTION_INDICATORS) {
      const trend = await computeTrend(database.db, def, 1, '2026-03-31')
      expect(trend.map((figure) => figure.period.end)).toEqual(monthEnds('2026-03-31', 36))
      for (const index of [0, 20, 29, 30, 35]) {
        const figure = trend[index]
        if (figure === undefined) throw new Error('short trend')
        expect(await figureFor(def, figure.period), `${def.id} ${figure.period.end}`).toEqual(figure)
      }
    }
  })

  it('breakdown numerators add up to the whole figure, for every dimension', async () => {
    for (const def of NEED_AND_PROTECTION_INDICATORS) {
      const period = periodEnding(def.periodType, '2026-03-31')
      const whole = await figureFor(def, period)
      for (const dimension of dimensionsOf(def)) {
        const rows = await computeBreakdown(database.db, def, 1, period, dimension)
        const sum = rows.reduce((total, row) => total + row.numerator, 0)
        expect(sum, `${def.id} by ${dimension}`).toBe(whole.numerator)
        for (const row of rows) expect(row.label, `${def.id} by ${dimension}`).not.toBe('')
      }
    }
  })

  it('labels breakdowns in plain English: teams, age bands, referral sources, categories of abuse', async () => {
    const byTeam = await computeBreakdown(database.db, referralRate, 1, YEAR, 'team')
    expect(byTeam.map((row) => [row.label, row.numerator])).toEqual([
      ['Child protection team', 4],
      ['Children in care team', 3],
    ])
    const snapshot = periodEnding('snapshot', '2026-03-31')
    const byAge = await computeBreakdown(database.db, cinRate, 1, snapshot, 'age_band')
    // 201 under 1 (1,000 children under 1: 10 per 10,000); 203 and 206 aged 10-15 and 14 at 31 March;
    // 207 is 17 (16 and over, 1,000 children).
    expect(byAge.map((row) => [row.label, row.numerator, row.value])).toEqual([
      ['Under 1', 1, 10],
      ['10 to 15', 2, (10_000 * 2) / 3000],
      ['16 and over', 1, 10],
    ])
    const bySource = await computeBreakdown(database.db, referralRate, 1, YEAR, 'referral_source')
    expect(bySource.find((row) => row.key === '6')?.numerator).toBe(5)
    expect(bySource.find((row) => row.key === '6')?.label).not.toBe('6')
    const byCategory = await computeBreakdown(database.db, cppRate, 1, snapshot, 'category_of_abuse')
    expect(byCategory.map((row) => row.key).sort()).toEqual(['EMO', 'NEG', 'PHY'])
  })

  it('the drill-down has exactly as many numerator rows as the figure; a social worker sees only their own', async () => {
    const inScope = new Set(
      (await scopedChildren(database.db, worker).select('child.id').execute()).map((row) => Number(row.id)),
    )
    for (const def of NEED_AND_PROTECTION_INDICATORS) {
      for (const period of [periodEnding(def.periodType, '2026-03-31'), YEAR, periodEnding('month', '2025-09-30')]) {
        const figure = await figureFor(def, period)
        const members = await cohortMembers(database.db, def, 1, period, head)
        expect(members.filter((member) => member.inNumerator).length, `${def.id} ${period.start}`).toBe(
          figure.numerator,
        )
        const mine = await cohortMembers(database.db, def, 1, period, worker)
        expect(
          mine.every((member) => inScope.has(member.childId)),
          def.id,
        ).toBe(true)
        expect(mine, def.id).toEqual(members.filter((member) => inScope.has(member.childId)))
      }
    }
    // The worker holds 201, 202 and 207 (and the fixture's children), not 203, 204, 206 or 208.
    const referrals = await cohortMembers(database.db, referralRate, 1, YEAR, worker)
    expect([...new Set(referrals.map((member) => member.laChildId))]).toEqual(['T201', 'T202', 'T207'])
    const councillor = await loadSignedInUser(database.db, 1, fixture.users.councillor.id)
    if (councillor === undefined) throw new Error('no councillor')
    expect(await cohortMembers(database.db, referralRate, 1, YEAR, councillor)).toEqual([])
  })
})
