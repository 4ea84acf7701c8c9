import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import type { Comparator } from './benchmarks/comparators.js'
import { areaLabel, type IndicatorSnapshot } from './dashboard-data.js'
import { discloseFigure, type Audience } from './dashboard-disclosure.js'
import { periodLabel } from './periods.js'
import { TARGET_STATUS_LABELS } from './targets/service.js'

/**
 * A dashboard page as a file: CSV (one row per indicator) or XLSX (the same sheet, plus the monthly
 * trend). Each row carries the target, every comparator with its year and source, and the explanation,
 * so a figure never travels without them. Counts are disclosed for the audience exactly as on screen.
 */
type ExportCell = string | number | null

export interface ExportSheet {
  columns: string[]
  rows: ExportCell[][]
}

const COMPARATOR_KINDS: { kind: Comparator['areaKind']; label: string }[] = [
  { kind: 'england', label: 'England' },
  { kind: 'region', label: 'Region' },
  { kind: 'statistical_neighbours', label: 'Statistical neighbours' },
]

/** Column names that hold counts of children or records (checked for disclosure). */
export const COUNT_COLUMNS = ['Counted', 'Out of'] as const

function rounded(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : Math.round(value * 10) / 10
}

export function figuresSheet(snapshots: readonly IndicatorSnapshot[], audience: Audience): ExportSheet {
  const columns = [
    'Service area',
    'Indicator',
    'Indicator id',
    'Period',
    'Period end',
    'Figure',
    'Unit',
    'Counted',
    'Out of',
    'Target',
    'Target year',
    'Status against target',
    ...COMPARATOR_KINDS.flatMap(({ label }) => [
      `${label} area`,
      `${label} figure`,
      `${label} year`,
      `${label} source`,
    ]),
    'Comparator year warning',
    'Explanation',
    'Explanation written by',
    'Explanation written at',
    'Definition source',
    'DfE table',
  ]
  const rows = snapshots.map((snapshot) => {
    const { def } = snapshot
    const disclosed = discloseFigure(def, snapshot.current, audience)
    const withheld = disclosed.value === '[c]'
    return [
      areaLabel(def.area),
      def.name,
      def.id,
      periodLabel(snapshot.period),
      snapshot.period.end,
      disclosed.value === '[c]' ? '[c]' : rounded(disclosed.value),
      def.unit,
      disclosed.numerator,
      disclosed.denominator,
      snapshot.target?.target ?? null,
      `${snapshot.targetYear - 1}-${String(snapshot.targetYear).slice(2)}`,
      withheld ? 'Not shown: the numbers are small' : TARGET_STATUS_LABELS[snapshot.status],
      ...COMPARATOR_KINDS.flatMap(({ kind }) => {
        const comparator = snapshot.comparators.find((candidate) => candidate.areaKind === kind)
        if (comparator === undefined) return [null, null, null, null]
        return [
          comparator.areaName,
          comparator.value ?? (comparator.suppression === null ? null : `[${comparator.suppression}]`),
          comparator.year,
          comparator.source,
        ]
      }),
      snapshot.comparatorWarning,
      snapshot.explanation?.text ?? null,
      snapshot.explanation?.authorName ?? null,
      snapshot.explanation?.writtenAt ?? null,
      def.source,
      def.dfeTable,
    ]
  })
  return { columns, rows }
}

export function trendSheet(snapshots: readonly IndicatorSnapshot[], audience: Audience): ExportSheet {
  const columns = ['Indicator', 'Indicator id', 'Period', 'Period end', 'Figure', 'Counted', 'Out of']
  const rows = snapshots.flatMap((snapshot) =>
    snapshot.trend.map((figure) => {
      const disclosed = discloseFigure(snapshot.def, figure, audience)
      return [
        snapshot.def.name,
        snapshot.def.id,
        periodLabel(figure.period),
        figure.period.end,
        disclosed.value === '[c]' ? '[c]' : rounded(disclosed.value),
        disclosed.numerator,
        disclosed.denominator,
      ]
    }),
  )
  return { columns, rows }
}

export function figuresCsv(snapshots: readonly IndicatorSnapshot[], audience: Audience): string {
  const sheet = figuresSheet(snapshots, audience)
  return stringify([sheet.columns, ...sheet.rows.map((row) => row.map((cell) => (cell === null ? '' : cell)))])
}

export async function figuresXlsx(
  snapshots: readonly IndicatorSnapshot[],
  audience: Audience,
  title: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Harbour'
  workbook.title = title
  for (const [name, sheet] of [
    ['Figures', figuresSheet(snapshots, audience)],
    ['Monthly trend', trendSheet(snapshots, audience)],
  ] as const) {
    const worksheet = workbook.addWorksheet(name)
    worksheet.addRow(sheet.columns).font = { bold: true }
    for (const row of sheet.rows) worksheet.addRow(row)
    worksheet.views = [{ state: 'frozen', ySplit: 1 }]
    worksheet.columns.forEach((column) => {
      column.width = 18
    })
  }
  const notes = workbook.addWorksheet('About')
  notes.addRow([title])
  notes.addRow([
    audience.suppress
      ? 'Marked for committee: counts from 1 to 5, and figures worked out from them, are shown as [c]; some other cells are also shown as [c] so that they cannot be worked out from totals.'
      : 'Not for publication: counts are shown in full.',
  ])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

export function exportFileName(base: string, periodEnd: string, audience: Audience, extension: 'csv' | 'xlsx'): string {
  return `harbour-${base}-${periodEnd}${audience.forCommittee ? '-committee' : ''}.${extension}`
}
