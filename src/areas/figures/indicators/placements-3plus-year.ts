import { sql } from 'kysely'
import { lookedAfterOnPeriodEnd, settledEpisodes } from './care-cohort-sql.js'
import type { IndicatorDefinition } from './types.js'

/**
 * Children looked after on the period end who had 3 or more placements during the period.
 *
 * A child's placements in the period are: the one they were living in when the period began (the
 * episode open on its first day, whatever its RNE), plus every later episode that started a new
 * placement (RNE S, P, B, T or U; a change of legal status only, RNE L, is not a move). Short breaks
 * (LS V3, V4) and temporary placements (PLACE T0–T4) are not placements, and going back to the same
 * placement after a temporary one is not a move either (see settledEpisodes).
 */
export const placements3PlusYear: IndicatorDefinition = {
  id: 'placements_3plus_year_pct',
  name: 'Children looked after with 3 or more placements in the year',
  description:
    'Of the children looked after at the end of the year, the share who lived in three or more placements ' +
    'during the year. Short breaks and temporary moves such as a holiday or a hospital stay are not counted.',
  numerator: 'Children looked after on the period end with 3 or more placements during the period',
  denominator: 'All children looked after on the period end (excluding short breaks)',
  cohort: 'Children looked after on the period end',
  periodType: 'year_to_31_march',
  polarity: 'lower_better',
  unit: 'percent',
  aggregation: 'share',
  area: 'looked_after',
  dfeTable: 'CLA stability measures',
  source:
    "DfE 'Stability measures for children looked after in England' 2024 (children looked after on 31 March); " +
    'reference/kpis.json placements_3plus_year_pct',
  dimensions: ['legal_status', 'placement_type'],
  cohortSql: ({ councilId }) => sql`
    with cla as (${lookedAfterOnPeriodEnd(councilId)}),
    stays as (${settledEpisodes(councilId)}),
    placements as (
      select cla.period_end, cla.child_id, count(*)::int as placements
      from cla
      join stays s on s.child_id = cla.child_id and s.start_date <= cla.period_end
      where (s.start_date <= cla.period_start and (s.end_date is null or s.end_date > cla.period_start))
        or (s.start_date > cla.period_start and s.new_placement)
      group by cla.period_end, cla.child_id
    )
    select cla.period_end, cla.child_id, cla.child_id::text as subject_id,
      coalesce(placements.placements, 0) >= 3 as in_numerator, true as in_denominator, null::numeric as value,
      cla.legal_status, cla.placement_type
    from cla
    left join placements on placements.period_end = cla.period_end and placements.child_id = cla.child_id`,
}
