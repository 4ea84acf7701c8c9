/** 903 dates are dd/mm/yyyy in the files and ISO (yyyy-mm-dd) in the database. */

export function returnDate(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return ''
  const [year, month, day] = iso.slice(0, 10).split('-')
  return `${day}/${month}/${year}`
}

/** The ISO date for a dd/mm/yyyy value, or undefined when it is not a real calendar date. */
export function isoFromReturnDate(value: string): string | undefined {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value)
  if (match === null) return undefined
  const [, day, month, year] = match as unknown as [string, string, string, string]
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1) return undefined
  if (date.getUTCDate() !== Number(day)) return undefined
  return `${year}-${month}-${day}`
}

/** 1 April (year - 1) to 31 March year, as ISO dates. */
export function collectionYearBounds(year: number): { start: string; end: string } {
  return { start: `${year - 1}-04-01`, end: `${year}-03-31` }
}

/** The collection year (its end) holding an ISO date. */
export function collectionYearOf(iso: string): number {
  const year = Number(iso.slice(0, 4))
  return iso.slice(5) > '03-31' ? year + 1 : year
}

/** DATE_PERM allows unknown parts written ZZ (ZZ/05/2019). */
export function returnPartialDate(year: number | null, month: number | null, day: number | null): string {
  if (year === null && month === null && day === null) return ''
  const part = (value: number | null, width: number): string =>
    value === null ? 'Z'.repeat(width) : String(value).padStart(width, '0')
  return `${part(day, 2)}/${part(month, 2)}/${part(year, 4)}`
}

export interface PartialDate {
  year: number | null
  month: number | null
  day: number | null
}

export function parsePartialDate(value: string): PartialDate | undefined {
  const match = /^(\d{2}|ZZ)\/(\d{2}|ZZ)\/(\d{4}|ZZZZ)$/.exec(value)
  if (match === null) return undefined
  const number = (part: string | undefined): number | null =>
    part === undefined || /Z/.test(part) ? null : Number(part)
  const result = { day: number(match[1]), month: number(match[2]), year: number(match[3]) }
  if (result.month !== null && (result.month < 1 || result.month > 12)) return undefined
  if (result.day !== null && (result.day < 1 || result.day > 31)) return undefined
  if (result.year !== null && result.month !== null && result.day !== null) {
    const iso = `${match[3]}-${match[2]}-${match[1]}`
    if (isoFromReturnDate(returnDate(iso)) === undefined) return undefined
  }
  return result
}
