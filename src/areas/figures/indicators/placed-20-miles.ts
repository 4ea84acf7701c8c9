import { sql } from 'kysely'
import { lookedAfterOnPeriodEnd } from './care-cohort-sql.js'
import type { IndicatorDefinition } from './types.js'

/**
 * Children looked after on the period end placed more than 20 miles from home. As in the DfE tables,
 * unaccompanied asylum-seeking children (who have no home address here) and placements whose distance
 * is not recorded (903 PL_DISTANCE blank, e.g. short breaks) are left out of both counts.
 */
export const placed20Miles: IndicatorDefinition = {
  id: 'placed_20miles_pct',
  name: 'Children looked after placed more than 20 miles from home',
  description:
    'The share of children looked after on the day whose placement is more than 20 miles (straight line) from ' +
    'the home they came from. Children whose distance is not known, and unaccompanied asylum-seeking children, ' +
    'are not counted.',
  numerator: 'Children looked after on the day whose placement is more than 20 miles from home (903 PL_DISTANCE > 20)',
  denominator:
    'Children looked after on the day with a recorded distance, excluding unaccompanied asylum-seeking children',
  cohort: 'Snapshot: children looked after on the period end',
  periodType: 'snapshot',
  polarity: 'lower_better',
  unit: 'percent',
  aggregation: 'share',
  area: 'looked_after',
  dfeTable: 'CLA placement location',
  source:
    "DfE 'Children looked after in England including adoptions' and 'Children looked after: a focus on placement " +
    "location' 2024; reference/kpis.json placed_20miles_pct",
  dimensions: ['legal_status', 'placement_type'],
  cohortSql: ({ councilId }) => sql`
    select cla.period_end, cla.child_id, cla.child_id::text as subject_id, cla.distance_miles > 20 as in_numerator,
      true as in_denominator, null::numeric as value, cla.legal_status, cla.placement_type
    from (${lookedAfterOnPeriodEnd(councilId)}) cla
    where cla.distance_miles is not null and not cla.uasc`,
}
