/**
 * Dates as whole days since 1970-01-01 (UTC), so rules compare and subtract plain numbers.
 * 903 files write dates dd/mm/yyyy; the CIN census writes yyyy-mm-dd. A value that is blank or is not
 * a real calendar date reads as null.
 */

const MS_PER_DAY = 86_400_000

function dayOf(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1000) return null
  const ms = Date.UTC(year, month - 1, day)
  const back = new Date(ms)
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null
  return ms / MS_PER_DAY
}

const UK = /^(\d{2})\/(\d{2})\/(\d{4})$/
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/

/** A 903 date (dd/mm/yyyy) as a day number; null when blank or not a real date. */
export function ukDay(value: string | undefined): number | null {
  const match = value === undefined ? null : UK.exec(value.trim())
  return match === null ? null : dayOf(Number(match[3]), Number(match[2]), Number(match[1]))
}

/** A CIN census date (yyyy-mm-dd) as a day number; null when absent or not a real date. */
export function isoDay(value: string | undefined): number | null {
  const match = value === undefined ? null : ISO.exec(value.trim())
  return match === null ? null : dayOf(Number(match[1]), Number(match[2]), Number(match[3]))
}

export function isBlank(value: string | undefined | null): boolean {
  return value === undefined || value === null || value.trim() === ''
}

/** A non-blank value that does not read as a date: the "not a valid date" rules. */
export function invalidUkDate(value: string | undefined): boolean {
  return !isBlank(value) && ukDay(value) === null
}

export function dayFromParts(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY
}

/** The same calendar date `years` later (29 February becomes 1 March in a common year). */
export function addYears(day: number, years: number): number {
  const date = new Date(day * MS_PER_DAY)
  return Date.UTC(date.getUTCFullYear() + years, date.getUTCMonth(), date.getUTCDate()) / MS_PER_DAY
}

/** Whole years of age on `on` for someone born on `birth`. */
export function ageOn(birth: number, on: number): number {
  const b = new Date(birth * MS_PER_DAY)
  const o = new Date(on * MS_PER_DAY)
  let age = o.getUTCFullYear() - b.getUTCFullYear()
  if (o.getUTCMonth() < b.getUTCMonth() || (o.getUTCMonth() === b.getUTCMonth() && o.getUTCDate() < b.getUTCDate()))
    age -= 1
  return age
}

/** 0 = Sunday .. 6 = Saturday. */
export function weekday(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCDay()
}

export function isoFromDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}
