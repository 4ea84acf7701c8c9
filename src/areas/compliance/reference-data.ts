import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import { bankHolidaysForCalendar, CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, type BankHoliday } from './calendar.js'
import { loadTimescaleRules } from './timescale-rules.js'

/**
 * Builds the SQL calendar from the bank holidays: compliance_bank_holiday holds the list, and
 * compliance_calendar one row per day from CALENDAR_FIRST_YEAR to CALENDAR_LAST_YEAR with a running
 * count of working days (Monday to Friday, not a holiday). Rebuilt only when the list changes.
 */
export async function loadWorkingDayCalendar(
  db: Db,
  holidays: readonly BankHoliday[] = bankHolidaysForCalendar(),
): Promise<boolean> {
  const stored = await db
    .selectFrom('compliance_bank_holiday')
    .select(['day', 'title', 'source'])
    .orderBy('day')
    .execute()
  const days = await db
    .selectFrom('compliance_calendar')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const same =
    stored.length === holidays.length &&
    stored.every((row, index) => {
      const holiday = holidays[index]
      return (
        holiday !== undefined &&
        row.day === holiday.date &&
        row.title === holiday.title &&
        row.source === holiday.source
      )
    })
  const expectedDays = (Date.UTC(CALENDAR_LAST_YEAR, 11, 31) - Date.UTC(CALENDAR_FIRST_YEAR, 0, 1)) / 86_400_000 + 1
  if (same && Number(days.n) === expectedDays) return false
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('compliance_calendar').execute()
    await trx.deleteFrom('compliance_bank_holiday').execute()
    for (let index = 0; index < holidays.length; index += 500) {
      await trx
        .insertInto('compliance_bank_holiday')
        .values(
          holidays
            .slice(index, index + 500)
            .map((holiday) => ({ day: holiday.date, title: holiday.title, source: holiday.source })),
        )
        .execute()
    }
    await sql`
      insert into compliance_calendar (day, working_day, working_day_index)
      select day, working, sum(case when working then 1 else 0 end) over (order by day)::integer
      from (
        select series::date as day,
          extract(isodow from series) < 6 and not exists (select 1 from compliance_bank_holiday h where h.day = series::date) as working
        from generate_series(${`${CALENDAR_FIRST_YEAR}-01-01`}::date, ${`${CALENDAR_LAST_YEAR}-12-31`}::date, interval '1 day') as series
      ) days`.execute(trx)
  })
  return true
}

/**
 * The compliance area's reference data, loaded every time Harbour starts (after the migrations) and
 * into every test database: the timescale rules and the working-day calendar. Idempotent.
 */
export async function loadComplianceReferenceData(db: Db): Promise<void> {
  await loadTimescaleRules(db)
  await loadWorkingDayCalendar(db)
}
