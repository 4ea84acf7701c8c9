import type { Period, PeriodType } from './indicators/types.js'

/**
 * Reporting periods. Dates are ISO calendar days (yyyy-mm-dd) and ranges are inclusive; the
 * arithmetic is done on UTC noon so it never slips a day with British Summer Time.
 *
 * - year_to_31_march: the DfE year, 1 April to 31 March. `periodEnding('year_to_31_march', end)` is the
 *   DfE year when `end` is 31 March, and otherwise the 12 months ending on `end` (so a monthly trend of
 *   a yearly measure is a rolling year ending each month end).
 * - rolling_12_months: the 12 months ending on `end` (the day after the same date a year earlier, or
 *   the 12 calendar months when `end` is a month's last day).
 * - snapshot: the day itself.
 * - month: the calendar month containing `end`.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

function parts(iso: string): [number, number, number] {
  const match = ISO_DATE.exec(iso)
  if (match === null) throw new Error(`Not an ISO date: ${iso}`)
  return [Number(match[1]), Number(match[2]), Number(match[3])]
}

function isoOf(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** The last day of the month containing `iso`. */
export function monthEnd(iso: string): string {
  const [year, month] = parts(iso)
  return isoOf(new Date(Date.UTC(year, month, 0, 12)))
}

/** The first day of the month containing `iso`. */
export function monthStart(iso: string): string {
  const [year, month] = parts(iso)
  return isoOf(new Date(Date.UTC(year, month - 1, 1, 12)))
}

export function addDays(iso: string, days: number): string {
  const [year, month, day] = parts(iso)
  return isoOf(new Date(Date.UTC(year, month - 1, day + days, 12)))
}

/** Calendar months, clamped to the month's last day (31 January + 1 month = 28/29 February). */
export function addMonths(iso: string, months: number): string {
  const [year, month, day] = parts(iso)
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0, 12)).getUTCDate()
  return isoOf(new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay), 12)))
}

/**
 * The 12 months ending on `end`: from the day after the same date a year earlier; when `end` is a
 * month's last day, the 12 calendar months ending with that month (so 28 February 2025 is March 2024
 * to February 2025, not from 29 February 2024, and every month-end year is made of whole months).
 */
function twelveMonthsEnding(end: string): Period {
  if (end === monthEnd(end)) return { start: monthStart(addMonths(end, -11)), end }
  return { start: addDays(addMonths(end, -12), 1), end }
}

/** The period of that type ending on `end`. */
export function periodEnding(type: PeriodType, end: string): Period {
  parts(end)
  switch (type) {
    case 'year_to_31_march':
    case 'rolling_12_months':
      return twelveMonthsEnding(end)
    case 'snapshot':
      return { start: end, end }
    case 'month':
      return { start: monthStart(end), end }
  }
}

/** Ascending month-end dates; the last is the month end of `lastEnd`. */
export function monthEnds(lastEnd: string, count: number): string[] {
  const last = monthStart(lastEnd)
  const ends: string[] = []
  for (let back = count - 1; back >= 0; back--) ends.push(monthEnd(addMonths(last, -back)))
  return ends
}

/** The DfE year `year`: 1 April (year - 1) to 31 March year (2026 = 2025-26). */
export function yearToMarch(year: number): Period {
  return { start: `${year - 1}-04-01`, end: `${year}-03-31` }
}

/** The DfE year (the year it ends) that a date falls in: 2026-03-31 → 2026, 2026-04-01 → 2027. */
export function collectionYearOf(iso: string): number {
  const [year, month] = parts(iso)
  return month >= 4 ? year + 1 : year
}

/** A short label for a period: "2025-26" for a DfE year, "31 March 2026" for a day, "March 2026" for a month. */
export function periodLabel(period: Period): string {
  const format = (iso: string, options: Intl.DateTimeFormatOptions) =>
    new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { timeZone: 'UTC', ...options })
  if (period.start === period.end) return format(period.end, { day: 'numeric', month: 'long', year: 'numeric' })
  const [startYear, startMonth, startDay] = parts(period.start)
  const [endYear, endMonth] = parts(period.end)
  if (
    startMonth === 4 &&
    startDay === 1 &&
    endMonth === 3 &&
    period.end === `${endYear}-03-31` &&
    endYear === startYear + 1
  ) {
    return `${startYear}-${String(endYear).slice(2)}`
  }
  if (period.start === monthStart(period.end) && period.end === monthEnd(period.end)) {
    return format(period.end, { month: 'long', year: 'numeric' })
  }
  return `${format(period.start, { day: 'numeric', month: 'short', year: 'numeric' })} to ${format(period.end, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  })}`
}
