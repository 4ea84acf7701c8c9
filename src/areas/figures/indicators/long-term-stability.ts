import { sql } from 'kysely'
import { codeList, lookedAfterOnPeriodEnd, PLACED_FOR_ADOPTION, settledEpisodes } from './care-cohort-sql.js'
import type { IndicatorDefinition } from './types.js'

/**
 * Long-term placement stability (formerly NI 63): children under 16 on the period end, looked after
 * continuously for at least 2½ years, who have lived with the same carer for at least 2 years, or who
 * are placed for adoption (PLACE A3–A6) where the adoptive placement and the one before it together
 * last at least 2 years.
 *
 * "With the same carer since" is the start of the latest episode in the current period of care that
 * began with a new carer (RNE S, P or B), ignoring short breaks, temporary placements (T0–T4) and a
 * return to the same placement after a temporary one (see settledEpisodes). A change of placement with the same
 * carer (RNE T, U) or of legal status (L) does not reset it. Each child's settled episodes are worked
 * out once per period of care (settledEpisodes), then joined to each period end: a lateral read per
 * child and period did the same work 36 times over for a monthly trend.
 */
export const longTermStability: IndicatorDefinition = {
  id: 'long_term_stability_pct',
  name: 'Long-term placement stability',
  description:
    'Of the children under 16 who have been looked after for two and a half years or more, the share who have ' +
    'lived with the same carer for at least two years, or who are placed for adoption.',
  numerator:
    'Children under 16 looked after continuously for 2½ years or more who have been with the same carer for 2 years ' +
    'or more (or are placed for adoption, the adoptive and the previous placement together lasting 2 years or more)',
  denominator: 'Children under 16 on the period end looked after continuously for 2½ years or more',
  cohort: 'Snapshot: children looked after on the period end',
  periodType: 'snapshot',
  polarity: 'higher_better',
  unit: 'percent',
  aggregation: 'share',
  area: 'looked_after',
  dfeTable: 'CLA stability measures',
  source:
    "DfE 'Stability measures for children looked after in England' 2024 (formerly NI 63); " +
    'reference/kpis.json long_term_stability_pct',
  dimensions: ['legal_status', 'placement_type'],
  cohortSql: ({ councilId }) => sql`
    with cla as (
      select * from (${lookedAfterOnPeriodEnd(councilId)}) on_day
      where on_day.age < 16 and on_day.care_started <= (on_day.period_end - interval '2 years 6 months')::date
    ),
    stays as (${settledEpisodes(councilId, 'period_of_care')}),
    -- Each child's carers since care began, worked out once per period of care; then, for each period
    -- end, the latest new carer by then and the one before it.
    latest as (
      select cla.period_end, cla.child_id, cla.period_of_care_id, max(s.start_date) as since
      from cla
      join stays s on s.child_id = cla.child_id and s.period_of_care_id = cla.period_of_care_id
        and s.new_carer and s.start_date <= cla.period_end
      group by cla.period_end, cla.child_id, cla.period_of_care_id
    ),
    previous as (
      select latest.period_end, latest.child_id, max(s.start_date) as previous_since
      from latest
      join stays s on s.child_id = latest.child_id and s.period_of_care_id = latest.period_of_care_id
        and s.new_carer and s.start_date < latest.since
      group by latest.period_end, latest.child_id
    ),
    carers as (
      select cla.*, coalesce(latest.since, cla.care_started) as carer_since,
        previous.previous_since as previous_carer_since
      from cla
      left join latest on latest.period_end = cla.period_end and latest.child_id = cla.child_id
      left join previous on previous.period_end = cla.period_end and previous.child_id = cla.child_id
    )
    select carers.period_end, carers.child_id, carers.child_id::text as subject_id,
      (carers.carer_since <= (carers.period_end - interval '2 years')::date
        or (carers.placement_type in ${codeList(PLACED_FOR_ADOPTION)}
          and coalesce(carers.previous_carer_since, carers.carer_since) <= (carers.period_end - interval '2 years')::date))
        as in_numerator,
      true as in_denominator, null::numeric as value, carers.legal_status, carers.placement_type
    from carers`,
}
