import { sql } from 'kysely'
import { lookedAfterOnPeriodEnd } from './care-cohort-sql.js'
import type { IndicatorDefinition } from './types.js'

/** Children looked after per 10,000 children aged 0–17, on the period end (31 March in the DfE tables). */
export const claRate: IndicatorDefinition = {
  id: 'cla_rate',
  name: 'Children looked after per 10,000 children',
  description:
    'How many children the council looks after on the day, for every 10,000 children living in the area. ' +
    'Children who only have short breaks are not counted.',
  numerator: 'Children looked after on the day (excluding an agreed series of short breaks, 903 LS V3 and V4)',
  denominator: 'Children aged 0 to 17 living in the area (ONS mid-year estimate) / 10,000',
  cohort: 'Snapshot: children looked after on the period end',
  periodType: 'snapshot',
  polarity: 'context',
  unit: 'per_10000',
  aggregation: 'rate_per_10000',
  area: 'looked_after',
  dfeTable: 'CLA A1',
  source:
    "DfE 'Children looked after in England including adoptions' (children looked after at 31 March, rate per " +
    '10,000); reference/kpis.json cla_rate',
  dimensions: ['legal_status', 'placement_type'],
  cohortSql: ({ councilId }) => sql`
    select cla.period_end, cla.child_id, cla.child_id::text as subject_id, true as in_numerator,
      true as in_denominator, null::numeric as value, cla.legal_status, cla.placement_type
    from (${lookedAfterOnPeriodEnd(councilId)}) cla`,
}
