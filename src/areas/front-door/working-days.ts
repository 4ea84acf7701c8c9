/**
 * Working days on ISO calendar dates ('2026-03-02'), in Europe/London terms. The sums run on UTC
 * midnights so they never pass through a local time.
 *
 * Convention (reference/statutory-timescales-and-kpis.md): the day of the trigger is day 0, and
 * "within N working days" means by the end of the Nth working day after it; something finished on the
 * trigger day took 0 working days. A calendar says which days are working days: the front door and
 * assessments default to englandAndWalesCalendar() (src/areas/compliance/calendar.ts, weekends and
 * bank holidays); WEEKDAYS is the weekend-only calendar for tests that need it.
 */

export interface WorkingDayCalendar {
  isWorkingDay(isoDate: string): boolean
}

const MS_PER_DAY = 86_400_000

function toUtc(isoDate: string): Date {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(year, month - 1, day))
}

const toIso = (date: Date) => date.toISOString().slice(0, 10)

export function addDays(isoDate: string, days: number): string {
  return toIso(new Date(toUtc(isoDate).getTime() + days * MS_PER_DAY))
}

export function isWeekend(isoDate: string): boolean {
  const day = toUtc(isoDate).getUTCDay()
  return day === 0 || day === 6
}

/** Monday to Friday. Bank holidays are not known yet (see withHolidays). */
export const WEEKDAYS: WorkingDayCalendar = { isWorkingDay: (isoDate) => !isWeekend(isoDate) }

/** A calendar that also skips the given dates, for when the bank-holiday list is wired in. */
export function withHolidays(holidays: Iterable<string>, base: WorkingDayCalendar = WEEKDAYS): WorkingDayCalendar {
  const skip = new Set(holidays)
  return { isWorkingDay: (isoDate) => !skip.has(isoDate) && base.isWorkingDay(isoDate) }
}

/** The Nth working day after isoDate (n = 0 gives isoDate itself). */
export function addWorkingDays(isoDate: string, n: number, calendar: WorkingDayCalendar = WEEKDAYS): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number of 0 or more, not ${n}`)
  let date = isoDate
  let remaining = n
  while (remaining > 0) {
    date = addDays(date, 1)
    if (calendar.isWorkingDay(date)) remaining--
  }
  return date
}

/**
 * Working days from one date to a later one: the working days after `from` up to and including `to`,
 * counted day by day. The same day is 0; a `to` before `from` is 0.
 */
export function workingDaysBetween(from: string, to: string, calendar: WorkingDayCalendar = WEEKDAYS): number {
  let count = 0
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) {
    if (calendar.isWorkingDay(date)) count++
  }
  return count
}
