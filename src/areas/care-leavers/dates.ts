/**
 * Calendar arithmetic on ISO dates (yyyy-mm-dd), done the way PostgreSQL does `date + interval`:
 * adding months clamps to the month's end (29 Feb 2008 + 17 years = 28 Feb 2025), so the TypeScript
 * twin of the outcomes SQL lands on the same days.
 */
export type IsoDate = string

const MS_PER_DAY = 86_400_000

function parse(iso: IsoDate): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (match === null) throw new Error(`Not an ISO date: ${iso}`)
  return { year: Number(match[1]), month: Number(match[2]) - 1, day: Number(match[3]) }
}

function format(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10)
}

export function addMonths(iso: IsoDate, months: number): IsoDate {
  const { year, month, day } = parse(iso)
  const lastDay = new Date(Date.UTC(year, month + months + 1, 0)).getUTCDate()
  return format(Date.UTC(year, month + months, Math.min(day, lastDay)))
}

export function addYears(iso: IsoDate, years: number): IsoDate {
  return addMonths(iso, years * 12)
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  const { year, month, day } = parse(iso)
  return format(Date.UTC(year, month, day + days))
}

/** Whole days from `from` to `to` (negative when `to` is earlier), as PostgreSQL's `date - date`. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = parse(from)
  const b = parse(to)
  return Math.round((Date.UTC(b.year, b.month, b.day) - Date.UTC(a.year, a.month, a.day)) / MS_PER_DAY)
}

/** Whole years of age on a date (a birthday counts on the day itself). */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  const birth = parse(dateOfBirth)
  const day = parse(on)
  let age = day.year - birth.year
  if (day.month < birth.month || (day.month === birth.month && day.day < birth.day)) age--
  return age
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b
}
