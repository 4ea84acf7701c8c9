import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addCalendarMonths,
  addCalendarWeeks,
  addPeriod,
  bankHolidaysForCalendar,
  easterSunday,
  englandAndWalesCalendar,
  isoWeekday,
  londonDate,
  readVendoredBankHolidays,
  standardBankHolidays,
  type TimescaleUnitWithLimit,
} from '../src/areas/compliance/calendar.js'
import { loadWorkingDayCalendar } from '../src/areas/compliance/reference-data.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'

const calendar = englandAndWalesCalendar()

/**
 * One-off and moved bank holidays in the vendored file that the standard rules cannot produce. When
 * GOV.UK announces another, add it here with its reason (see reference/calendar/README.md).
 */
const ONE_OFF_DAYS: Record<string, { adds: string[]; removes: string[]; reason: string }> = {
  '2020': { adds: ['2020-05-08'], removes: ['2020-05-04'], reason: 'Early May bank holiday moved to VE Day' },
  '2022': {
    adds: ['2022-06-02', '2022-06-03', '2022-09-19'],
    removes: ['2022-05-30'],
    reason: 'Spring bank holiday moved, Platinum Jubilee, State Funeral of Queen Elizabeth II',
  },
  '2023': { adds: ['2023-05-08'], removes: [], reason: 'Coronation of King Charles III' },
}

describe('the vendored bank holidays', () => {
  const vendored = readVendoredBankHolidays()

  it('are in date order, unique, on weekdays, and cover 2015 to 2027', () => {
    const dates = vendored.map((holiday) => holiday.date)
    expect(dates).toEqual([...dates].sort())
    expect(new Set(dates).size).toBe(dates.length)
    for (const date of dates) expect(isoWeekday(date), date).toBeLessThanOrEqual(5)
    expect(dates[0]).toBe('2015-01-01')
    expect(dates.at(-1)).toBe('2027-12-28')
    expect(dates).toHaveLength(107)
  })

  it('match the standard rules in every year, apart from the named one-off days', () => {
    for (let year = 2015; year <= 2027; year++) {
      const fromFile = vendored.filter((holiday) => holiday.date.startsWith(`${year}-`)).map((holiday) => holiday.date)
      const special: { adds: string[]; removes: string[] } = ONE_OFF_DAYS[String(year)] ?? { adds: [], removes: [] }
      const fromRules = standardBankHolidays(year)
        .map((holiday) => holiday.date)
        .filter((date) => !special.removes.includes(date))
      expect(fromFile, String(year)).toEqual([...fromRules, ...special.adds].sort())
    }
  })

  it('are used for the years they cover, and the rules only outside them', () => {
    const all = bankHolidaysForCalendar(vendored)
    expect(
      all.filter((holiday) => holiday.date.startsWith('2022-')).every((holiday) => holiday.source === 'vendored'),
    ).toBe(true)
    expect(all.filter((holiday) => holiday.date.startsWith('2028-')).map((holiday) => holiday.source)).toEqual(
      new Array<string>(8).fill('rules'),
    )
    // 2028: Easter Sunday 16 April, so Good Friday 14 April and Easter Monday 17 April.
    expect(easterSunday(2028)).toBe('2028-04-16')
    expect(all.map((holiday) => holiday.date)).toEqual(expect.arrayContaining(['2028-04-14', '2028-04-17']))
  })
})

describe('working days, counted day by day (day 0 is the event)', () => {
  it.each([
    ['a Monday referral is decided by Tuesday', '2024-03-04', 1, '2024-03-05'],
    ['Friday + 1 is Monday', '2024-03-08', 1, '2024-03-11'],
    ['Saturday + 1 is Monday', '2024-03-09', 1, '2024-03-11'],
    ['Sunday + 1 is Monday', '2024-03-10', 1, '2024-03-11'],
    ['Easter 2024: Maundy Thursday + 1 skips Good Friday and Easter Monday', '2024-03-28', 1, '2024-04-02'],
    ['Easter 2025: Thursday 17 April + 1 is Tuesday 22 April', '2025-04-17', 1, '2025-04-22'],
    ['2022: the day before the Jubilee weekend + 1 skips 2 and 3 June', '2022-06-01', 1, '2022-06-06'],
    ['2022: 5 working days from Friday 27 May skip both June days', '2022-05-27', 5, '2022-06-07'],
    ['2022: the State Funeral on Monday 19 September', '2022-09-16', 1, '2022-09-20'],
    ['2023: the Coronation bank holiday on Monday 8 May', '2023-05-05', 1, '2023-05-09'],
    ['Christmas 2026: Boxing Day substitute Monday 28 December', '2026-12-24', 1, '2026-12-29'],
    ['assessment: 45 working days from a referral on 2 January 2024', '2024-01-02', 45, '2024-03-05'],
    ['initial conference: 15 working days from a strategy discussion over Christmas', '2023-12-15', 15, '2024-01-10'],
    ['first looked-after review: 20 working days over Easter 2026', '2026-03-31', 20, '2026-04-30'],
    ['first looked-after review: 20 working days over the late May bank holiday 2024', '2024-05-24', 20, '2024-06-24'],
    ['leap day is a working day', '2024-02-28', 1, '2024-02-29'],
  ])('%s', (_name, from, count, due) => {
    expect(calendar.addWorkingDays(from, count)).toBe(due)
    expect(calendar.workingDaysBetween(from, due)).toBe(count)
  })

  it('knows which days are working days', () => {
    expect(calendar.isWorkingDay('2022-06-02')).toBe(false)
    expect(calendar.isWorkingDay('2022-09-19')).toBe(false)
    expect(calendar.isWorkingDay('2023-05-08')).toBe(false)
    expect(calendar.isWorkingDay('2024-03-29')).toBe(false)
    expect(calendar.isWorkingDay('2024-03-30')).toBe(false)
    expect(calendar.isWorkingDay('2024-04-02')).toBe(true)
    expect(calendar.bankHoliday('2022-06-03')?.title).toBe('Platinum Jubilee bank holiday')
  })

  it('refuses a date outside the calendar rather than guess', () => {
    expect(() => calendar.addWorkingDays('2050-12-30', 5)).toThrow(/outside the working-day calendar/)
  })
})

describe('calendar weeks and months', () => {
  it.each([
    ['31 January + 1 month is 28 February', '2023-01-31', 1, '2023-02-28'],
    ['31 January + 1 month in a leap year is 29 February', '2024-01-31', 1, '2024-02-29'],
    ['30 November + 3 months is 29 February 2024', '2023-11-30', 3, '2024-02-29'],
    ['31 August + 6 months is 28 February', '2024-08-31', 6, '2025-02-28'],
    ['29 February + 12 months is 28 February', '2024-02-29', 12, '2025-02-28'],
    ['31 March + 6 months is 30 September', '2025-03-31', 6, '2025-09-30'],
    ['15 May + 3 months is 15 August', '2025-05-15', 3, '2025-08-15'],
    ['31 October + 4 months crosses the year end', '2025-10-31', 4, '2026-02-28'],
  ])('%s', (_name, from, months, due) => {
    expect(addCalendarMonths(from, months)).toBe(due)
  })

  it('counts weeks as 7 days, including over the clocks changing', () => {
    expect(addCalendarWeeks('2024-02-26', 6)).toBe('2024-04-08')
    expect(addCalendarWeeks('2025-03-28', 1)).toBe('2025-04-04')
    expect(addPeriod(calendar, '2025-10-24', 7, 'calendar_days')).toBe('2025-10-31')
  })

  it('counts a school term as four calendar months', () => {
    expect(addPeriod(calendar, '2025-09-08', 1, 'school_terms')).toBe('2026-01-08')
  })

  it('takes the Europe/London date of an instant', () => {
    expect(londonDate('2025-06-30T23:30:00Z')).toBe('2025-07-01')
    expect(londonDate('2025-12-31T23:30:00Z')).toBe('2025-12-31')
  })
})

describe('the SQL calendar agrees with the TypeScript one', () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(() => database.destroy())

  it('is built at start-up and not rebuilt when nothing changed', async () => {
    expect(await loadWorkingDayCalendar(database.db)).toBe(false)
    const holidays = await database.db.selectFrom('compliance_bank_holiday').select(['day', 'source']).execute()
    expect(holidays.filter((holiday) => holiday.source === 'vendored')).toHaveLength(107)
  })

  it('adds working days and months exactly as the TypeScript calendar does', async () => {
    // Every day from 2021 to 2024 (Easter, both 2022 extra days, 2023-05-08, every month end and leap day)
    // with 1, 5, 15, 20 and 45 working days; and every day of 2023-24 with months and weeks.
    const starts: string[] = []
    for (let day = Date.UTC(2021, 11, 1); day <= Date.UTC(2024, 2, 31); day += 86_400_000) {
      starts.push(new Date(day).toISOString().slice(0, 10))
    }
    const cases: [string, number, TimescaleUnitWithLimit][] = []
    for (const start of starts) {
      for (const count of [1, 5, 15, 20, 45]) cases.push([start, count, 'working_days'])
      if (start >= '2023-01-01') {
        cases.push([start, 1, 'calendar_months'], [start, 3, 'calendar_months'], [start, 6, 'calendar_months'])
        cases.push([start, 6, 'calendar_weeks'], [start, 7, 'calendar_days'], [start, 1, 'school_terms'])
      }
    }
    const result = await sql<{ start: string; n: number; unit: string; due: string }>`
      select c.start, c.n, c.unit, compliance_add_period(c.start::date, c.n, c.unit)::text as due
      from jsonb_to_recordset(${JSON.stringify(cases.map(([start, n, unit]) => ({ start, n, unit })))}::jsonb)
        as c(start text, n integer, unit text)`.execute(database.db)
    expect(result.rows).toHaveLength(cases.length)
    const mismatches = result.rows.filter(
      (row) => row.due !== addPeriod(calendar, row.start, row.n, row.unit as TimescaleUnitWithLimit),
    )
    expect(mismatches).toEqual([])
  })

  it('counts working days between two dates as the TypeScript calendar does', async () => {
    const pairs = [
      ['2024-01-02', '2024-03-05'],
      ['2022-05-27', '2022-06-07'],
      ['2023-12-15', '2024-01-10'],
      ['2024-03-09', '2024-03-11'],
    ]
    for (const [a, b] of pairs as [string, string][]) {
      const row = await sql<{ n: number }>`select compliance_working_days_between(${a}::date, ${b}::date) as n`.execute(
        database.db,
      )
      expect(row.rows[0]?.n, `${a} → ${b}`).toBe(calendar.workingDaysBetween(a, b))
    }
  })
})
