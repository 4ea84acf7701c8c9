/**
 * Published comparator years come in the DfE's own forms: '2024-25' (year to 31 March 2025),
 * '31 Mar 2025' (a snapshot), '30 Sep 2023' (workforce census day) or a bare '2025' (the collection
 * year, which for children in need and looked-after figures ends on 31 March).
 */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** The ISO date a published year ends on, or null when the form is not recognised. */
export function comparatorYearEnd(year: string): string | null {
  const text = year.trim()
  const span = /^(\d{4})-(\d{2})$/.exec(text)
  if (span !== null) {
    const first = Number(span[1])
    const second = Number(span[2])
    if ((first + 1) % 100 !== second) return null
    return `${first + 1}-03-31`
  }
  if (/^\d{4}$/.test(text)) return `${text}-03-31`
  const day = /^(\d{1,2}) ([A-Za-z]{3})[A-Za-z]* (\d{4})$/.exec(text)
  if (day !== null) {
    const month = MONTHS.indexOf(day[2]!.toLowerCase())
    if (month < 0) return null
    const iso = `${day[3]}-${String(month + 1).padStart(2, '0')}-${day[1]!.padStart(2, '0')}`
    const date = new Date(`${iso}T00:00:00Z`)
    return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso
  }
  return null
}

/** '2026-03-31' → '31 March 2026'. */
export function formatLongDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number)
  return `${day} ${MONTH_NAMES[(month ?? 1) - 1]} ${year}`
}
