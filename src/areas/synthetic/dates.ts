/**
 * Calendar dates as whole day numbers (days since 1970-01-01), which keeps the simulation fast and free
 * of time zones: a `date` column is a calendar date in Europe/London, never an instant.
 */
export type Day = number

const MS_PER_DAY = 86_400_000

export function dayFromIso(iso: string): Day {
  const [year, month, day] = iso.split('-').map(Number)
  if (year === undefined || month === undefined || day === undefined) throw new Error(`Not an ISO date: ${iso}`)
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY)
}

export function isoFromDay(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

/** Today's date in Europe/London as a day number. */
export function todayInLondon(now: Date = new Date()): Day {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now)
  return dayFromIso(iso)
}

function parts(day: Day): { year: number; month: number; date: number } {
  const value = new Date(day * MS_PER_DAY)
  return { year: value.getUTCFullYear(), month: value.getUTCMonth(), date: value.getUTCDate() }
}

export function yearOf(day: Day): number {
  return parts(day).year
}

/** Adds calendar months, clamping to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: Day, months: number): Day {
  const { year, month, date } = parts(day)
  const targetMonth = month + months
  const lastDate = new Date(Date.UTC(year, targetMonth + 1, 0)).getUTCDate()
  return Math.round(Date.UTC(year, targetMonth, Math.min(date, lastDate)) / MS_PER_DAY)
}

export function addYears(day: Day, years: number): Day {
  return addMonths(day, years * 12)
}

/** Whole years of age on a day (a birthday counts on the day itself). */
export function ageOn(dateOfBirth: Day, day: Day): number {
  const birth = parts(dateOfBirth)
  const on = parts(day)
  let age = on.year - birth.year
  if (on.month < birth.month || (on.month === birth.month && on.date < birth.date)) age--
  return age
}

/** 0 = Monday ... 6 = Sunday. */
export function weekday(day: Day): number {
  return (((day + 3) % 7) + 7) % 7
}

export function isWeekend(day: Day): boolean {
  return weekday(day) >= 5
}

/** Moves a day forward to a weekday (meetings and visits happen on working days). */
export function nextWorkingDay(day: Day): Day {
  let result = day
  while (isWeekend(result)) result++
  return result
}

/**
 * Adds working days (Monday to Friday). Bank holidays are not skipped: this is synthetic data, and the
 * compliance engine that judges timeliness uses its own bank-holiday calendar.
 */
export function addWorkingDays(day: Day, count: number): Day {
  let result = day
  let remaining = count
  while (remaining > 0) {
    result++
    if (!isWeekend(result)) remaining--
  }
  return result
}
