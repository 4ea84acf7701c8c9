import { sql } from 'kysely'
import { lookedAfterDuringPeriod, missingIncidentsInPeriod } from './care-cohort-sql.js'
import type { IndicatorDefinition } from './types.js'

/**
 * Missing incidents per child who went missing. One row per child who went missing, its value the
 * number of incidents: the figure's numerator is the sum of the values (incidents), its denominator
 * the number of rows (children).
 */
export const missingIncidentsPerChild: IndicatorDefinition = {
  id: 'missing_incidents_per_child',
  name: 'Missing incidents per child who went missing',
  description: 'On average, how many times each looked-after child who went missing in the year went missing.',
  numerator: 'Missing incidents (903 MISSING = M) starting in the period while the child was looked after',
  denominator: 'Children looked after in the period with at least one missing incident',
  cohort: 'Children looked after during the period who went missing',
  periodType: 'year_to_31_march',
  polarity: 'lower_better',
  unit: 'ratio',
  aggregation: 'ratio',
  area: 'looked_after',
  dfeTable: 'CLA missing',
  source:
    "DfE 'Children looked after in England including adoptions': missing incidents; " +
    'reference/kpis.json missing_incidents_per_child',
  dimensions: ['legal_status', 'placement_type'],
  cohortSql: ({ councilId }) => sql`
    select during.period_end, during.child_id, during.child_id::text as subject_id, true as in_numerator,
      true as in_denominator, went_missing.incidents::numeric as value, during.legal_status, during.placement_type
    from (${lookedAfterDuringPeriod(councilId)}) during
    join (${missingIncidentsInPeriod(councilId)}) went_missing
      on went_missing.period_end = during.period_end and went_missing.child_id = during.child_id`,
}
