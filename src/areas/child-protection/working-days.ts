/**
 * Working-day and calendar arithmetic on ISO dates ('2026-03-02'). Dates are calendar dates in
 * Europe/London, so the sums are done on UTC midnights and never pass through a local time.
 */

const MS_PER_DAY = 86_400_000

function toUtc(isoDate: string): Date {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(year, month - 1, day))
}

const toIso = (date: Date) => date.toISOString().slice(0, 10)

export function isWeekend(isoDate: string): boolean {
  const day = toUtc(isoDate).getUTCDay()
  return day === 0 || day === 6
}

/**
 * The date n working days after isoDate, counted day by day from the next day: weekends and the given
 * bank holidays (ISO dates) are skipped. The ICPC clock is 15 working days from the strategy
 * discussion. Bank holidays come from the statutory-clock calendar once it exists; until then callers
 * pass none, so this counts Monday to Friday only.
 */
export function addWorkingDays(isoDate: string, n: number, holidays: readonly string[] = []): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number of 0 or more, not ${n}`)
  const skip = new Set(holidays)
  const date = toUtc(isoDate)
  let remaining = n
  while (remaining > 0) {
    date.setTime(date.getTime() + MS_PER_DAY)
    const iso = toIso(date)
    if (!isWeekend(iso) && !skip.has(iso)) remaining--
  }
  return toIso(date)
}

/** Adds calendar months, keeping to the month's last day when the day does not exist (31 Aug + 6 = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const date = toUtc(isoDate)
  const target = date.getUTCMonth() + months
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), target + 1, 0)).getUTCDate()
  return toIso(new Date(Date.UTC(date.getUTCFullYear(), target, Math.min(date.getUTCDate(), lastDay))))
}

/**
 * The child's 18th birthday. Someone born on 29 February comes of age on 1 March in a year that is
 * not a leap year (Family Law Reform Act 1969 s.9 counts the anniversary of the day of birth).
 */
export function eighteenthBirthday(dateOfBirth: string): string {
  const date = toUtc(dateOfBirth)
  const year = date.getUTCFullYear() + 18
  const birthday = new Date(Date.UTC(year, date.getUTCMonth(), date.getUTCDate()))
  return toIso(birthday)
}
