import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import { codeLabel } from '../codes/code-lists.js'
import { formatCount, unitHeading } from './charts/format.js'
import { discloseBreakdown, type Audience } from './dashboard-disclosure.js'
import { suppressTableWithTotals } from './disclosure.js'
import { cellText, countHeadings, numberText, type GovukTable, type TableCell } from './dashboard-view.js'
import { AGE_BANDS, computeBreakdown, dimensionsOf } from './engine.js'
import type { Dimension, IndicatorDefinition, Period } from './indicators/types.js'

export const DIMENSION_LABELS: Record<Dimension, string> = {
  team: 'Team',
  age_band: 'Age band',
  sex: 'Sex',
  ethnicity: 'Ethnicity',
  legal_status: 'Legal status',
  placement_type: 'Placement type',
  referral_source: 'Referral source',
  category_of_abuse: 'Category of abuse',
  reason: 'Reason',
}

export interface BreakdownTable extends GovukTable {
  dimension: Dimension
  id: string
}

/** The figure split by each dimension the indicator has: one table each, with a total row, disclosed for the audience. */
export async function breakdownTables(
  db: Db,
  councilId: number,
  def: IndicatorDefinition,
  period: Period,
  audience: Audience,
): Promise<BreakdownTable[]> {
  const headings = countHeadings(def)
  const tables: BreakdownTable[] = []
  for (const dimension of dimensionsOf(def)) {
    const rows = await computeBreakdown(db, def, councilId, period, dimension)
    const disclosed = discloseBreakdown(def, rows, audience)
    const showDenominator =
      headings.denominator !== null && (def.aggregation !== 'rate_per_10000' || dimension === 'age_band')
    const showValue = def.aggregation !== 'rate_per_10000' || dimension === 'age_band'
    // Reasons explain the part not counted (unsuitable accommodation, not in education…), so show it.
    const showRest = dimension === 'reason' && headings.denominator !== null
    const line = (label: string, counts: (typeof disclosed)['total']): TableCell[] => [
      { text: label },
      ...(showValue ? [{ text: numberText(counts.value, def), format: 'numeric' as const }] : []),
      { text: cellText(counts.numerator), format: 'numeric' },
      ...(showRest ? [{ text: cellText(counts.rest), format: 'numeric' as const }] : []),
      ...(showDenominator ? [{ text: cellText(counts.denominator), format: 'numeric' as const }] : []),
    ]
    tables.push({
      dimension,
      id: `breakdown-${dimension}`,
      caption: `By ${DIMENSION_LABELS[dimension].toLowerCase()}`,
      head: [
        { text: DIMENSION_LABELS[dimension] },
        ...(showValue ? [{ text: unitHeading(def.unit), format: 'numeric' as const }] : []),
        { text: headings.numerator, format: 'numeric' },
        ...(showRest ? [{ text: 'Not counted', format: 'numeric' as const }] : []),
        ...(showDenominator && headings.denominator !== null
          ? [{ text: headings.denominator, format: 'numeric' as const }]
          : []),
      ],
      rows: [
        ...disclosed.rows.map((row) =>
          line(dimension === 'reason' ? reasonLabel(def, row.key, row.label) : row.label, row),
        ),
        line('Total', disclosed.total),
      ],
    })
  }
  return tables
}

/**
 * "The age breakdown of each category of care provision": the numerator split by placement type and
 * age band at once, with row and column totals (suppressed together for a committee). Read from the
 * indicator's own cohort, the same SQL as its figure, so the grand total is the figure's numerator.
 */
export async function ageByPlacementTable(
  db: Db,
  councilId: number,
  def: IndicatorDefinition,
  period: Period,
  audience: Audience,
): Promise<GovukTable | null> {
  if (!def.dimensions.includes('placement_type')) return null
  const age = sql`extract(year from age(${period.end}::date, ch.date_of_birth))`
  const bands = AGE_BANDS.map((band) => sql`when ${age} between ${band.from} and ${band.to} then ${band.key}`)
  const result = await sql<{ placement_type: string | null; age_band: string | null; children: number }>`
    with periods (period_start, period_end) as (values (${period.start}::date, ${period.end}::date)),
    cohort as (${def.cohortSql({ councilId })})
    select cohort.placement_type::text as placement_type,
      case when ch.date_of_birth is null then null ${sql.join(bands, sql` `)} end as age_band,
      count(*)::int as children
    from cohort
    join child ch on ch.council_id = ${councilId} and ch.id = cohort.child_id
    where ch.merged_into_child_id is null and cohort.in_numerator
    group by 1, 2`.execute(db)
  const placementKeys = [...new Set(result.rows.map((row) => row.placement_type))].sort((a, b) =>
    placementLabel(a).localeCompare(placementLabel(b)),
  )
  const bandKeys: (string | null)[] = [...AGE_BANDS.map((band) => band.key as string)]
  if (result.rows.some((row) => row.age_band === null)) bandKeys.push(null)
  const cell = (placement: string | null, band: string | null) =>
    result.rows.find((row) => row.placement_type === placement && row.age_band === band)?.children ?? 0
  const body = placementKeys.map((placement) => bandKeys.map((band) => cell(placement, band)))
  const published = suppressTableWithTotals(body, { rowTotals: true, columnTotals: true })
  const shown = audience.suppress
    ? [
        ...published.cells.map((row, index) => [...row, published.rowTotals?.[index] ?? ('[c]' as const)]),
        [...(published.columnTotals ?? []), published.grandTotal ?? ('[c]' as const)],
      ]
    : [
        ...body.map((row) => [...row, row.reduce((sum, count) => sum + count, 0)]),
        [
          ...bandKeys.map((_band, index) => body.reduce((sum, row) => sum + (row[index] ?? 0), 0)),
          body.flat().reduce((sum, count) => sum + count, 0),
        ],
      ]
  const labels = [...placementKeys.map(placementLabel), 'Total']
  return {
    caption: `${def.name}: age band by placement type (${countHeadings(def).numerator.toLowerCase()})`,
    head: [
      { text: 'Placement type' },
      ...bandKeys.map((band) => ({
        text: band === null ? 'Age not recorded' : (AGE_BANDS.find((entry) => entry.key === band)?.label ?? band),
        format: 'numeric' as const,
      })),
      { text: 'Total', format: 'numeric' },
    ],
    rows: shown.map((row, index) => [
      { text: labels[index] ?? '' },
      ...row.map((value) => ({ text: formatCount(value), format: 'numeric' as const })),
    ]),
  }
}

const REASON_WORDS: Record<string, string> = {
  suitable: 'Suitable accommodation',
  not_in_touch: 'Not in touch',
  accommodation_not_known: 'Accommodation not known',
}

/** Reasons are codes from the list the measure uses (unsuitable accommodation, activity or contact). */
function reasonLabel(def: IndicatorDefinition, key: string | null, fallback: string): string {
  if (key === null) return fallback
  const words = REASON_WORDS[key]
  if (words !== undefined) return words
  const lists = ['UNSUITABLE_ACCOMMODATION_REASON', 'ACTIV', 'IN_TOUCH'] as const
  const preferred = def.id.includes('eet')
    ? 'ACTIV'
    : def.id.includes('touch')
      ? 'IN_TOUCH'
      : 'UNSUITABLE_ACCOMMODATION_REASON'
  const label =
    codeLabel(preferred, key) ?? lists.map((list) => codeLabel(list, key)).find((found) => found !== undefined)
  return label === undefined ? fallback : `${label} (${key})`
}

function placementLabel(code: string | null): string {
  if (code === null) return 'Not recorded'
  return codeLabel('PLACE', code) ?? code
}
