import type { Unit } from '../indicators/types.js'
import { UNIT_SUFFIXES } from '../explanations/indicator-param.js'
import type { IndicatorTargetRow } from './service.js'

export const reportingYearLabel = (year: number) => `Year to 31 March ${year}`

/** '85%', '40.5 per 10,000', '12 days'. */
export function formatTargetValue(value: number, unit: Unit): string {
  const number = value.toLocaleString('en-GB', { maximumFractionDigits: 3 })
  const suffix = UNIT_SUFFIXES[unit]
  if (suffix === undefined) return number
  return suffix === '%' ? `${number}%` : `${number} ${suffix}`
}

export interface TargetTableRow {
  year: number
  yearText: string
  target: string
  amberTolerance: string
  note: string
  setBy: string
  changeHref: string
}

export function targetTableRows(rows: readonly IndicatorTargetRow[], unit: Unit, pagePath: string): TargetTableRow[] {
  return rows.map((row) => ({
    year: row.year,
    yearText: reportingYearLabel(row.year),
    target: formatTargetValue(row.target, unit),
    amberTolerance: row.amberTolerance === null ? 'None' : formatTargetValue(row.amberTolerance, unit),
    note: row.note ?? '',
    setBy: row.setByName ?? 'Not recorded',
    changeHref: `${pagePath}?year=${row.year}#target-form`,
  }))
}
