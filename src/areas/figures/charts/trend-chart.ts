import { scaleLinear } from 'd3-scale'
import { line } from 'd3-shape'
import type { Unit } from '../indicators/types.js'
import { escapeXml, formatNumber, formatValue, longMonth, shortMonth } from './format.js'

/**
 * A trend drawn on the server as SVG: no script, readable without colour. The council's figure is a
 * solid line with a circle at every month; the target is a long-dashed line and England a dotted one,
 * each labelled directly at its right-hand end, so nothing depends on telling colours apart. Months
 * with no figure (or a figure withheld because its count is small) leave a gap in the line.
 */
export interface ChartPoint {
  periodEnd: string
  /** null where there is no figure or it is withheld. */
  value: number | null
}

export interface ChartReference {
  label: string
  value: number
}

export interface TrendChartInput {
  /** Unique on the page: used for the title and description ids. */
  id: string
  indicatorName: string
  unit: Unit
  points: readonly ChartPoint[]
  target: number | null
  england: { value: number; year: string } | null
}

const WIDTH = 640
const HEIGHT = 260
const MARGIN = { top: 16, right: 150, bottom: 36, left: 56 }

const COLOURS = { figure: '#1d70b8', target: '#00703c', england: '#505a5f', axis: '#0b0c0c', grid: '#b1b4b6' }

function periodWords(months: number): string {
  if (months === 36) return 'three years'
  if (months === 24) return 'two years'
  if (months === 12) return 'a year'
  return `${months} months`
}

/** The sentence beside the chart: "Up from 84.0% in November 2023 to 88.2% in October 2026 over three years; target 90.0%." */
export function trendSummary(input: Omit<TrendChartInput, 'id'>): string {
  const known = input.points.filter((point) => point.value !== null)
  const first = known[0]
  const last = known.at(-1)
  const parts: string[] = []
  if (first === undefined || last === undefined || first.value === null || last.value === null) {
    parts.push(`No figures to show for ${input.indicatorName}`)
  } else if (first === last) {
    parts.push(`${formatValue(last.value, input.unit)} in ${longMonth(last.periodEnd)}`)
  } else {
    const from = formatValue(first.value, input.unit)
    const to = formatValue(last.value, input.unit)
    const span = periodWords(monthsBetween(first.periodEnd, last.periodEnd) + 1)
    if (from === to) {
      parts.push(`No change over ${span}: ${from} in ${longMonth(first.periodEnd)} and in ${longMonth(last.periodEnd)}`)
    } else {
      const direction = last.value > first.value ? 'Up' : 'Down'
      parts.push(
        `${direction} from ${from} in ${longMonth(first.periodEnd)} to ${to} in ${longMonth(last.periodEnd)} over ${span}`,
      )
    }
  }
  parts.push(input.target === null ? 'no target set' : `target ${formatValue(input.target, input.unit)}`)
  if (input.england !== null)
    parts.push(`England ${formatValue(input.england.value, input.unit)} (${input.england.year})`)
  const withheld = input.points.length - known.length
  const sentence = `${parts.join('; ')}.`
  return withheld > 0
    ? `${sentence} ${withheld} ${withheld === 1 ? 'month has' : 'months have'} no figure shown.`
    : sentence
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number]
  const [ty, tm] = to.split('-').map(Number) as [number, number]
  return (ty - fy) * 12 + (tm - fm)
}

/** Reference labels at the right-hand end, nudged apart so two close lines stay readable. */
function placeLabels(references: { y: number; text: string }[]): { y: number; text: string }[] {
  const sorted = [...references].sort((a, b) => a.y - b.y)
  for (let index = 1; index < sorted.length; index++) {
    const previous = sorted[index - 1]
    const current = sorted[index]
    if (previous !== undefined && current !== undefined && current.y - previous.y < 14) current.y = previous.y + 14
  }
  return sorted
}

export function trendChartSvg(input: TrendChartInput): string {
  const titleId = `${input.id}-title`
  const descId = `${input.id}-desc`
  const values = input.points.flatMap((point) => (point.value === null ? [] : [point.value]))
  const references: ChartReference[] = []
  if (input.target !== null)
    references.push({ label: `Target ${formatValue(input.target, input.unit)}`, value: input.target })
  if (input.england !== null)
    references.push({ label: `England ${formatValue(input.england.value, input.unit)}`, value: input.england.value })
  const all = [...values, ...references.map((reference) => reference.value)]
  const top = all.length === 0 ? 1 : Math.max(...all)
  const bottom = input.unit === 'percent' || all.length === 0 ? 0 : Math.min(0, ...all)
  const y = scaleLinear()
    .domain([bottom, input.unit === 'percent' ? Math.min(100, Math.max(top * 1.1, 1)) : Math.max(top * 1.1, 1)])
    .range([HEIGHT - MARGIN.bottom, MARGIN.top])
    .nice()
  const x = scaleLinear()
    .domain([0, Math.max(input.points.length - 1, 1)])
    .range([MARGIN.left, WIDTH - MARGIN.right])
  const path =
    line<ChartPoint>()
      .defined((point) => point.value !== null)
      .x((_point, index) => x(index))
      .y((point) => y(point.value ?? 0))(input.points as ChartPoint[]) ?? ''

  const yTicks = y.ticks(5).map((tick) => {
    const position = y(tick).toFixed(1)
    return (
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${position}" y2="${position}" stroke="${COLOURS.grid}" stroke-width="1"/>` +
      `<text x="${MARGIN.left - 6}" y="${position}" text-anchor="end" dominant-baseline="middle" font-size="12" fill="${COLOURS.axis}">${escapeXml(formatNumber(tick, input.unit === 'percent' ? 'percent' : 'count'))}</text>`
    )
  })
  const every = input.points.length > 24 ? 6 : input.points.length > 12 ? 3 : 1
  const xTicks = input.points
    .map((point, index) => ({ point, index }))
    .filter(({ index }) => (input.points.length - 1 - index) % every === 0)
    .map(
      ({ point, index }) =>
        `<text x="${x(index).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle" font-size="12" fill="${COLOURS.axis}">${escapeXml(shortMonth(point.periodEnd))}</text>`,
    )
  const markers = input.points.flatMap((point, index) =>
    point.value === null
      ? []
      : [
          `<circle cx="${x(index).toFixed(1)}" cy="${y(point.value).toFixed(1)}" r="3" fill="${COLOURS.figure}" stroke="#ffffff" stroke-width="1"/>`,
        ],
  )
  const referenceLines = references.map((reference) => {
    const england = reference.label.startsWith('England')
    const position = y(reference.value).toFixed(1)
    return `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${position}" y2="${position}" stroke="${england ? COLOURS.england : COLOURS.target}" stroke-width="2" stroke-dasharray="${england ? '2 4' : '10 5'}"/>`
  })
  const labels = placeLabels(references.map((reference) => ({ y: y(reference.value), text: reference.label }))).map(
    (label) =>
      `<text x="${WIDTH - MARGIN.right + 8}" y="${label.y.toFixed(1)}" dominant-baseline="middle" font-size="13" fill="${COLOURS.axis}">${escapeXml(label.text)}</text>`,
  )
  const lastIndex = input.points.findLastIndex((point) => point.value !== null)
  const lastPoint = input.points[lastIndex]
  const lastLabel =
    lastPoint?.value === null || lastPoint === undefined
      ? ''
      : `<text x="${(x(lastIndex) + 6).toFixed(1)}" y="${(y(lastPoint.value) - 10).toFixed(1)}" font-size="13" font-weight="bold" fill="${COLOURS.axis}">${escapeXml(formatValue(lastPoint.value, input.unit))}</text>`
  const description = trendSummary(input)
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-labelledby="${titleId} ${descId}" focusable="false">`,
    `<title id="${titleId}">${escapeXml(`${input.indicatorName}: monthly trend`)}</title>`,
    `<desc id="${descId}">${escapeXml(description)}</desc>`,
    ...yTicks,
    `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${HEIGHT - MARGIN.bottom}" y2="${HEIGHT - MARGIN.bottom}" stroke="${COLOURS.axis}" stroke-width="1"/>`,
    ...xTicks,
    ...referenceLines,
    `<path d="${path}" fill="none" stroke="${COLOURS.figure}" stroke-width="3"/>`,
    ...markers,
    lastLabel,
    ...labels,
    `</svg>`,
  ].join('')
}

/** A small trend for the summary table: the line only, with its own title and description. */
export function sparklineSvg(input: TrendChartInput): string {
  const width = 120
  const height = 32
  const values = input.points.flatMap((point) => (point.value === null ? [] : [point.value]))
  const titleId = `${input.id}-title`
  const descId = `${input.id}-desc`
  const low = values.length === 0 ? 0 : Math.min(...values)
  const high = values.length === 0 ? 1 : Math.max(...values)
  const y = scaleLinear()
    .domain(low === high ? [low - 1, high + 1] : [low, high])
    .range([height - 4, 4])
  const x = scaleLinear()
    .domain([0, Math.max(input.points.length - 1, 1)])
    .range([2, width - 6])
  const path =
    line<ChartPoint>()
      .defined((point) => point.value !== null)
      .x((_point, index) => x(index))
      .y((point) => y(point.value ?? 0))(input.points as ChartPoint[]) ?? ''
  const lastIndex = input.points.findLastIndex((point) => point.value !== null)
  const last = input.points[lastIndex]
  const end =
    last === undefined || last.value === null
      ? ''
      : `<circle cx="${x(lastIndex).toFixed(1)}" cy="${y(last.value).toFixed(1)}" r="3" fill="${COLOURS.figure}"/>`
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${titleId} ${descId}" focusable="false">`,
    `<title id="${titleId}">${escapeXml(`${input.indicatorName}: trend`)}</title>`,
    `<desc id="${descId}">${escapeXml(trendSummary(input))}</desc>`,
    `<path d="${path}" fill="none" stroke="${COLOURS.figure}" stroke-width="2"/>`,
    end,
    `</svg>`,
  ].join('')
}
