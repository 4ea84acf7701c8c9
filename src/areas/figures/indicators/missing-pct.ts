import { sql } from 'kysely'
import { lookedAfterDuringPeriod, missingIncidentsInPeriod } from './care-cohort-sql.js'
import type { IndicatorDefinition } from './types.js'

/** Children looked after in the period who went missing at least once while looked after. */
export const missingPct: IndicatorDefinition = {
  id: 'missing_pct',
  name: 'Children looked after who went missing',
  description:
    'Of all the children looked after at any time in the year, the share who went missing from their placement at ' +
    'least once. Short breaks are not counted.',
  numerator:
    'Children looked after in the period with at least one missing incident (903 MISSING = M) while looked after',
  denominator: 'All children looked after at any time in the period (excluding short breaks)',
  cohort: 'Children looked after during the period',
  periodType: 'year_to_31_march',
  polarity: 'lower_better',
  unit: 'percent',
  aggregation: 'share',
  area: 'looked_after',
  dfeTable: 'CLA missing',
  source:
    "DfE 'Children looked after in England including adoptions': children looked after who were missing; " +
    'reference/kpis.json missing_pct',
  dimensions: ['legal_status', 'placement_type'],
  cohortSql: ({ councilId }) => sql`
    select during.period_end, during.child_id, during.child_id::text as subject_id,
      went_missing.child_id is not null as in_numerator, true as in_denominator, null::numeric as value,
      during.legal_status, during.placement_type
    from (${lookedAfterDuringPeriod(councilId)}) during
    left join (${missingIncidentsInPeriod(councilId)}) went_missing
      on went_missing.period_end = during.period_end and went_missing.child_id = during.child_id`,
}
