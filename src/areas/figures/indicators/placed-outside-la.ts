import { sql } from 'kysely'
import { lookedAfterOnPeriodEnd } from './care-cohort-sql.js'
import type { IndicatorDefinition } from './types.js'

/** Children looked after on the period end whose placement is outside the council's boundary. */
export const placedOutsideLa: IndicatorDefinition = {
  id: 'placed_outside_la_pct',
  name: 'Children looked after placed outside the council boundary',
  description:
    "The share of children looked after on the day who live outside the council's area. A placement whose " +
    'location is not recorded counts as not outside.',
  numerator: 'Children looked after on the day whose placement is outside the boundary (903 PL_LOCATION OUT)',
  denominator: 'All children looked after on the day (excluding short breaks)',
  cohort: 'Snapshot: children looked after on the period end',
  periodType: 'snapshot',
  polarity: 'lower_better',
  unit: 'percent',
  aggregation: 'share',
  area: 'looked_after',
  dfeTable: 'CLA placement location',
  source: "DfE 'Children looked after: a focus on placement location' 2024; reference/kpis.json placed_outside_la_pct",
  dimensions: ['legal_status', 'placement_type'],
  cohortSql: ({ councilId }) => sql`
    select cla.period_end, cla.child_id, cla.child_id::text as subject_id,
      coalesce(cla.placement_inside_boundary = false, false) as in_numerator, true as in_denominator,
      null::numeric as value, cla.legal_status, cla.placement_type
    from (${lookedAfterOnPeriodEnd(councilId)}) cla`,
}
