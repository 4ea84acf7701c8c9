import type { Comparator } from './benchmarks/comparators.js'
import { escapeXml, formatCount, formatNumber, formatValue, longMonth, unitHeading } from './charts/format.js'
import { sparklineSvg, trendChartSvg, trendSummary, type ChartPoint } from './charts/trend-chart.js'
import type { IndicatorSnapshot } from './dashboard-data.js'
import {
  denominatorIsCohortCount,
  discloseFigure,
  type Audience,
  type Cell,
  type DisclosedCounts,
} from './dashboard-disclosure.js'
import type { IndicatorDefinition } from './indicators/types.js'
import { periodLabel } from './periods.js'
import { TARGET_STATUS_LABELS, type TargetStatus } from './targets/service.js'

/** Turns snapshots into what the templates print: text, table rows and chart markup. No HTML in templates' logic. */

export interface TableCell {
  text?: string
  html?: string
  format?: 'numeric'
}

export interface GovukTable {
  caption: string
  head: TableCell[]
  rows: TableCell[][]
}

const STATUS_TAG_CLASSES: Record<TargetStatus, string> = {
  on_target: 'govuk-tag--green',
  near_target: 'govuk-tag--yellow',
  off_target: 'govuk-tag--red',
  no_target: 'govuk-tag--grey',
}

export function valueText(value: DisclosedCounts['value'], def: IndicatorDefinition): string {
  return value === '[c]' ? '[c]' : formatValue(value, def.unit)
}

/** A figure in a table column whose heading names the unit: '85.2%', '412.7', '12.5'. */
export function numberText(value: DisclosedCounts['value'], def: IndicatorDefinition): string {
  if (value === '[c]') return '[c]'
  return value === null ? 'No figure' : formatNumber(value, def.unit)
}

export function cellText(cell: Cell | null): string {
  return cell === null ? '' : formatCount(cell)
}

/** The words for the numerator and denominator columns. */
export function countHeadings(def: IndicatorDefinition): { numerator: string; denominator: string | null } {
  switch (def.aggregation) {
    case 'rate_per_10000':
      return { numerator: 'Counted', denominator: 'Children aged 0 to 17' }
    case 'count':
      return { numerator: 'Counted', denominator: null }
    case 'share':
    case 'mean':
    case 'ratio':
      return { numerator: 'Counted', denominator: 'Out of' }
  }
}

export function comparatorValueText(comparator: Comparator | undefined, def: IndicatorDefinition): string {
  if (comparator === undefined) return 'Not published'
  if (comparator.value === null) return comparator.suppression === null ? 'No figure' : `[${comparator.suppression}]`
  return formatValue(comparator.value, def.unit)
}

function comparatorOf(snapshot: IndicatorSnapshot, kind: Comparator['areaKind']): Comparator | undefined {
  return snapshot.comparators.find((comparator) => comparator.areaKind === kind)
}

export function excerpt(text: string, length = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= length) return flat
  const cut = flat.slice(0, length)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), length - 20))}…`
}

export interface FigureCard {
  id: string
  name: string
  description: string
  href: string
  periodText: string
  valueText: string
  counts: { numerator: string; denominator: string | null; numeratorHeading: string; denominatorHeading: string | null }
  withheld: boolean
  statusText: string
  statusClasses: string
  targetText: string
  comparatorTable: GovukTable
  comparatorWarning: string | null
  explanation: { text: string; excerpt: string; authorName: string; writtenAt: string; revision: number } | null
  /** The explanation's history (everyone who reads figures). */
  explanationHref: string
  /** Write or change the explanation (figures:explain, not on a committee view). */
  explainHref: string | null
  /** Set the target (figures:target, not on a committee view). */
  targetHref: string | null
  chartSvg: string
  sparklineSvg: string
  chartSummary: string
  trendTable: GovukTable
  drill: { numeratorHref: string; denominatorHref: string | null } | null
}

function chartPoints(snapshot: IndicatorSnapshot, audience: Audience): { points: ChartPoint[]; rows: TableCell[][] } {
  const { def } = snapshot
  const points: ChartPoint[] = []
  const rows: TableCell[][] = []
  for (const figure of snapshot.trend) {
    const disclosed = discloseFigure(def, figure, audience)
    points.push({ periodEnd: figure.period.end, value: disclosed.value === '[c]' ? null : disclosed.value })
    const row: TableCell[] = [
      { text: longMonth(figure.period.end) },
      { text: numberText(disclosed.value, def), format: 'numeric' },
      { text: cellText(disclosed.numerator), format: 'numeric' },
    ]
    if (disclosed.denominator !== null) row.push({ text: cellText(disclosed.denominator), format: 'numeric' })
    rows.push(row)
  }
  return { points, rows }
}

export interface CardPermissions {
  canExplain: boolean
  canSetTarget: boolean
}

export function figureCard(
  snapshot: IndicatorSnapshot,
  audience: Audience,
  query: string,
  permissions: CardPermissions = { canExplain: false, canSetTarget: false },
): FigureCard {
  const { def } = snapshot
  const disclosed = discloseFigure(def, snapshot.current, audience)
  const withheld = disclosed.value === '[c]'
  const headings = countHeadings(def)
  const england = comparatorOf(snapshot, 'england')
  const { points, rows } = chartPoints(snapshot, audience)
  const chartInput = {
    id: `chart-${def.id}`,
    indicatorName: def.name,
    unit: def.unit,
    points,
    target: snapshot.target?.target ?? null,
    england: england?.value == null ? null : { value: england.value, year: england.year },
  }
  const status = withheld ? null : snapshot.status
  const periodEnd = snapshot.period.end
  return {
    id: def.id,
    name: def.name,
    description: def.description,
    href: `/figures/indicators/${encodeURIComponent(def.id)}?${query}`,
    periodText: periodLabel(snapshot.period),
    valueText: valueText(disclosed.value, def),
    counts: {
      numerator: cellText(disclosed.numerator),
      denominator: disclosed.denominator === null ? null : cellText(disclosed.denominator),
      numeratorHeading: headings.numerator,
      denominatorHeading: headings.denominator,
    },
    withheld,
    statusText: status === null ? 'Not shown: the numbers are small' : statusWords(status, snapshot),
    statusClasses: status === null ? STATUS_TAG_CLASSES.no_target : STATUS_TAG_CLASSES[status],
    targetText:
      snapshot.target === undefined
        ? `No target set for ${snapshot.targetYear - 1}-${String(snapshot.targetYear).slice(2)}`
        : `${formatValue(snapshot.target.target, def.unit)} (${snapshot.targetYear - 1}-${String(snapshot.targetYear).slice(2)})`,
    comparatorTable: {
      caption: `${def.name}: comparators`,
      head: [{ text: 'Area' }, { text: 'Figure', format: 'numeric' }, { text: 'Year' }, { text: 'Source' }],
      rows: snapshot.comparators.map((comparator) => [
        { text: comparator.areaName },
        { text: comparatorValueText(comparator, def), format: 'numeric' },
        { text: comparator.year },
        { text: comparator.source },
      ]),
    },
    comparatorWarning: snapshot.comparatorWarning,
    explanation:
      snapshot.explanation === undefined
        ? null
        : {
            text: snapshot.explanation.text,
            excerpt: excerpt(snapshot.explanation.text),
            authorName: snapshot.explanation.authorName,
            writtenAt: snapshot.explanation.writtenAt,
            revision: snapshot.explanation.revision,
          },
    explanationHref: `/figures/indicators/${encodeURIComponent(def.id)}/explanation/history?period_end=${periodEnd}`,
    explainHref:
      permissions.canExplain && !audience.forCommittee
        ? `/figures/indicators/${encodeURIComponent(def.id)}/explanation?period_end=${periodEnd}`
        : null,
    targetHref:
      permissions.canSetTarget && !audience.forCommittee
        ? `/figures/indicators/${encodeURIComponent(def.id)}/targets`
        : null,
    chartSvg: trendChartSvg(chartInput),
    sparklineSvg: sparklineSvg({ ...chartInput, id: `spark-${def.id}` }),
    chartSummary: trendSummary(chartInput),
    trendTable: {
      caption: `${def.name}: figure for each month`,
      head: [
        { text: 'Month ending' },
        { text: unitHeading(def.unit), format: 'numeric' },
        { text: headings.numerator, format: 'numeric' },
        ...(headings.denominator === null ? [] : [{ text: headings.denominator, format: 'numeric' as const }]),
      ],
      rows: rows.reverse(),
    },
    drill: audience.canDrill && !audience.suppress ? drillLinks(def, periodEnd) : null,
  }
}

function statusWords(status: TargetStatus, snapshot: IndicatorSnapshot): string {
  if (status === 'no_target' && snapshot.def.polarity === 'context') return 'For context: no target'
  if (status === 'no_target' && snapshot.target === undefined) return 'No target set'
  if (status === 'no_target') return 'No figure to compare'
  return TARGET_STATUS_LABELS[status]
}

export function drillLinks(def: IndicatorDefinition, periodEnd: string): FigureCard['drill'] {
  const base = `/figures/indicators/${encodeURIComponent(def.id)}/children?period_end=${periodEnd}`
  return {
    numeratorHref: `${base}&part=numerator`,
    denominatorHref: denominatorIsCohortCount(def) ? `${base}&part=denominator` : null,
  }
}

/** A row of the summary table: the indicator, its figure, trend, target, status, comparators, explanation. */
export function summaryRow(card: FigureCard, snapshot: IndicatorSnapshot): TableCell[] {
  const { def } = snapshot
  const tag = `<strong class="govuk-tag ${card.statusClasses}">${escapeXml(card.statusText)}</strong>`
  return [
    {
      html: `<a class="govuk-link" href="${escapeXml(card.href)}">${escapeXml(card.name)}</a><br><span class="govuk-body-s">${escapeXml(card.periodText)}</span>`,
    },
    { text: card.valueText, format: 'numeric' },
    { html: card.sparklineSvg },
    { text: snapshot.target === undefined ? 'None' : formatValue(snapshot.target.target, def.unit), format: 'numeric' },
    { html: tag },
    { text: comparatorCell(comparatorOf(snapshot, 'england'), def), format: 'numeric' },
    { text: comparatorCell(comparatorOf(snapshot, 'region'), def), format: 'numeric' },
    { text: comparatorCell(comparatorOf(snapshot, 'statistical_neighbours'), def), format: 'numeric' },
    { text: card.explanation === null ? 'None written' : card.explanation.excerpt },
  ]
}

function comparatorCell(comparator: Comparator | undefined, def: IndicatorDefinition): string {
  if (comparator === undefined) return 'Not published'
  return `${comparatorValueText(comparator, def)} (${comparator.year})`
}

export const SUMMARY_HEAD: TableCell[] = [
  { text: 'Indicator' },
  { text: 'Figure', format: 'numeric' },
  { text: 'Trend (3 years)' },
  { text: 'Target', format: 'numeric' },
  { text: 'Status' },
  { text: 'England', format: 'numeric' },
  { text: 'Region', format: 'numeric' },
  { text: 'Statistical neighbours', format: 'numeric' },
  { text: 'Explanation' },
]
