import { todayInLondon } from '../../web/forms/date-input.js'
import { addDays, collectionYearOf, monthEnd, monthEnds, monthStart } from './periods.js'
import { longMonth } from './charts/format.js'

/**
 * Which period a dashboard shows, read from the query string so the chooser is a plain GET form
 * (no JavaScript). `period_end` picks a month end; `year` picks the DfE year to 31 March, which is the
 * same as the month ending 31 March (yearly measures then cover exactly the DfE year). Anything
 * unreadable, or later than the last complete month, falls back to the last complete month.
 */
export interface ChosenPeriod {
  periodEnd: string
  /** Whether the reader asked for a DfE year rather than a month end. */
  basis: 'month' | 'year'
  /** The month ends and years the chooser offers, newest first. */
  monthOptions: { value: string; text: string; selected: boolean }[]
  yearOptions: { value: string; text: string; selected: boolean }[]
  /** Query string to carry the chosen period (and committee marking) into links. */
  query: string
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** The last day of the last month that has ended. */
export function lastCompleteMonthEnd(today: string = todayInLondon()): string {
  return addDays(monthStart(today), -1)
}

function validDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false
  const date = new Date(`${text}T12:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
}

export function choosePeriod(query: Record<string, unknown>, forCommittee: boolean, today?: string): ChosenPeriod {
  const latest = lastCompleteMonthEnd(today)
  const latestYear = collectionYearOf(latest) - (latest.endsWith('-03-31') ? 0 : 1)
  const yearText = typeof query['year'] === 'string' ? query['year'] : ''
  const endText = typeof query['period_end'] === 'string' ? query['period_end'] : ''
  let periodEnd = latest
  let basis: ChosenPeriod['basis'] = 'month'
  if (/^\d{4}$/.test(yearText) && Number(yearText) <= latestYear && Number(yearText) >= latestYear - 9) {
    periodEnd = `${yearText}-03-31`
    basis = 'year'
  } else if (validDate(endText)) {
    const end = monthEnd(endText)
    periodEnd = end > latest ? latest : end
  }
  const monthOptions = monthEnds(latest, 36)
    .reverse()
    .map((end) => ({ value: end, text: longMonth(end), selected: basis === 'month' && end === periodEnd }))
  const yearOptions = Array.from({ length: 4 }, (_unused, index) => latestYear - index).map((year) => ({
    value: String(year),
    text: `Year to 31 March ${year} (${year - 1}-${String(year).slice(2)})`,
    selected: basis === 'year' && periodEnd === `${year}-03-31`,
  }))
  const parameters = new URLSearchParams()
  if (basis === 'year') parameters.set('year', periodEnd.slice(0, 4))
  else parameters.set('period_end', periodEnd)
  if (forCommittee) parameters.set('for', 'committee')
  return { periodEnd, basis, monthOptions, yearOptions, query: parameters.toString() }
}
