import type { RawBuilder } from 'kysely'

/**
 * The contract every indicator module meets. One module per indicator, in this folder, exporting one
 * `IndicatorDefinition`; the registry (./registry.ts) lists them all. The engine (../engine.ts) turns a
 * definition into figures, trends, breakdowns and drill-down lists, always from the same cohort SQL,
 * so a figure and the children behind it can never disagree.
 */

/** How the period an indicator is reported for is shaped. */
export type PeriodType =
  /** The DfE year: 1 April to 31 March (CIN census and SSDA903 flow measures). */
  | 'year_to_31_march'
  /** A count on one day (31 March in DfE tables; any month end on a trend). */
  | 'snapshot'
  /** The 12 months ending on a date (used for monthly trends of yearly measures). */
  | 'rolling_12_months'
  /** One calendar month. */
  | 'month'

/** An inclusive date range, ISO dates (yyyy-mm-dd), Europe/London calendar days. For a snapshot, start = end. */
export interface Period {
  start: string
  end: string
}

export type Polarity = 'higher_better' | 'lower_better' | 'lower_better_within_range' | 'context'

export type Unit = 'percent' | 'per_10000' | 'count' | 'ratio' | 'score' | 'days'

/**
 * How cohort rows become the figure:
 * - share: 100 × count(in_numerator) / count(in_denominator)
 * - rate_per_10000: 10000 × count(in_numerator) / child population 0–17 (council_population for the year)
 * - mean: avg(value) over rows in_numerator (denominator = count(in_denominator), shown for context)
 * - ratio: sum(value) over in_numerator / count(in_denominator)
 * - count: count(in_numerator)
 */
export type Aggregation = 'share' | 'rate_per_10000' | 'mean' | 'ratio' | 'count'

export type ServiceArea =
  'front_door' | 'child_in_need' | 'child_protection' | 'looked_after' | 'care_leavers' | 'visits'

/** Dimensions a figure can be broken down by. The engine supplies team, age_band, sex and ethnicity for
 *  every indicator (from the child and the allocation on the period end); the rest come from cohort rows. */
export type Dimension =
  | 'team'
  | 'age_band'
  | 'sex'
  | 'ethnicity'
  | 'legal_status'
  | 'placement_type'
  | 'referral_source'
  | 'category_of_abuse'
  | 'reason'

/**
 * The cohort SQL receives the periods as a relation named `periods` with columns
 * `period_start date, period_end date` (one row per period, already in scope as a CTE), and the
 * council id. It must return one row per member of the cohort per period, with these columns:
 *
 *   period_end     date     which period the row belongs to
 *   child_id       bigint   the child (drill-down goes to this record)
 *   subject_id     text     what is counted: the child id for child-based measures, or the record id
 *                           (referral, plan, episode…) when the DfE counts events, so counts are exact
 *   in_numerator   boolean
 *   in_denominator boolean  (true for every row when the denominator is the population)
 *   value          numeric  for mean/ratio measures, else null
 *   dimension columns named after `Dimension` values the indicator declares in `dimensions`
 *                  (text; null where unknown), e.g. legal_status, placement_type, reason
 *
 * Rules: every query filters `council_id = ${councilId}` on every table (the tenant key); dates are
 * compared as dates; merged duplicate children (child.merged_into_child_id is not null) never count;
 * children placed here by another council (responsible authority elsewhere) never count.
 */
export interface CohortSqlInput {
  councilId: number
}

export interface IndicatorDefinition {
  /** Stable id, matching kpis.json where the DfE publishes the measure (e.g. 'referral_rate'). */
  id: string
  name: string
  /** Plain English, one or two sentences a councillor understands. */
  description: string
  numerator: string
  denominator: string
  cohort: string
  periodType: PeriodType
  polarity: Polarity
  unit: Unit
  aggregation: Aggregation
  area: ServiceArea
  /** The DfE statistical table the figure matches (e.g. 'CIN C1', 'CLA A1'), or null for a local measure. */
  dfeTable: string | null
  /** Where the definition comes from (publication, guidance, reference file). */
  source: string
  /** Indicator-specific dimensions the cohort rows carry, beyond team, age band, sex and ethnicity. */
  dimensions: readonly Dimension[]
  /**
   * True when the figure for a year is the sum of the figures for its 12 calendar months: each cohort
   * row is an event (a referral, an assessment, a plan starting or ending, a birthday) that belongs to
   * the period its date falls in, with flags and value that do not depend on the period, and the
   * subject is counted once per event rather than once per child. The engine then computes a rolling
   * trend from monthly counts (each record counted once instead of in 12 rolling years). Leave it
   * out for children counted once in a period, anything on a day (snapshots), and means. The registry
   * test checks that a trend computed this way matches the periods joined directly.
   */
  additiveByMonth?: boolean
  /** The cohort SQL (see above). Use kysely's `sql` template; never interpolate strings. */
  cohortSql(input: CohortSqlInput): RawBuilder<unknown>
}
