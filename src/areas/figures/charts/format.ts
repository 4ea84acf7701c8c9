import type { Unit } from '../indicators/types.js'

/** The marker shown instead of a count that could identify a child (and anything derived from it). */
export const SUPPRESSED_MARK = '[c]'

const decimals: Record<Unit, number> = { percent: 1, per_10000: 1, count: 0, ratio: 2, score: 1, days: 1 }

/** A figure as people read it: '85.2%', '412.7 per 10,000', '1,204', '12.5 days'. */
export function formatValue(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return 'No figure'
  const number = value.toLocaleString('en-GB', {
    minimumFractionDigits: decimals[unit],
    maximumFractionDigits: decimals[unit],
  })
  switch (unit) {
    case 'percent':
      return `${number}%`
    case 'per_10000':
      return `${number} per 10,000`
    case 'days':
      return `${number} days`
    case 'count':
    case 'ratio':
    case 'score':
      return number
  }
}

/** The same figure without its unit words, for table cells whose heading names the unit. */
export function formatNumber(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return ''
  const number = value.toLocaleString('en-GB', {
    minimumFractionDigits: decimals[unit],
    maximumFractionDigits: decimals[unit],
  })
  return unit === 'percent' ? `${number}%` : number
}

export function formatCount(value: number | '[c]'): string {
  return value === SUPPRESSED_MARK ? SUPPRESSED_MARK : value.toLocaleString('en-GB')
}

/** What the unit is called in a table heading. */
export function unitHeading(unit: Unit): string {
  switch (unit) {
    case 'percent':
      return 'Per cent'
    case 'per_10000':
      return 'Rate per 10,000 children'
    case 'count':
      return 'Number'
    case 'ratio':
      return 'Ratio'
    case 'score':
      return 'Score'
    case 'days':
      return 'Days'
  }
}

/** '2026-10-31' → 'Oct 2026' (chart axis labels). */
export function shortMonth(isoDate: string): string {
  return new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${isoDate.slice(0, 10)}T12:00:00Z`),
  )
}

/** '2026-10-31' → 'October 2026'. */
export function longMonth(isoDate: string): string {
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${isoDate.slice(0, 10)}T12:00:00Z`),
  )
}

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}
