import type { IndicatorDefinition, PeriodType, Polarity } from './indicators/types.js'

const PERIOD_TYPE_LABELS: Record<PeriodType, string> = {
  year_to_31_march: 'Year to 31 March (shown monthly as the 12 months to each month end)',
  snapshot: 'Snapshot on the last day of the period',
  rolling_12_months: 'Rolling 12 months',
  month: 'Calendar month',
}

const POLARITY_LABELS: Record<Polarity, string> = {
  higher_better: 'Higher is better',
  lower_better: 'Lower is better',
  lower_better_within_range: 'Lower is better, within a range (very low can also be a concern)',
  context: 'For context: neither higher nor lower is better',
}

/** The indicator's definition as summary list rows, in the words of its module. */
export function definitionRows(def: IndicatorDefinition): { key: { text: string }; value: { text: string } }[] {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } })
  return [
    row('What it measures', def.description),
    row('Counted (numerator)', def.numerator),
    row('Out of (denominator)', def.denominator),
    row('Cohort', def.cohort),
    row('Period', PERIOD_TYPE_LABELS[def.periodType]),
    row('Which way is better', POLARITY_LABELS[def.polarity]),
    row('DfE table', def.dfeTable ?? 'None: a local measure'),
    row('Source of the definition', def.source),
    row('Indicator id', def.id),
  ]
}
