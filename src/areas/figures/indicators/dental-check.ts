import { sql } from 'kysely'
import { continuouslyLookedAfter12Months } from './care-cohort-sql.js'
import type { IndicatorDefinition } from './types.js'

/** Dental checks in the 12 months to the period end for the 903 OC2 cohort (903 TEETH_CHECK). */
export const dentalCheck: IndicatorDefinition = {
  id: 'dental_check_pct',
  name: 'Dental checks',
  description:
    'Of the children looked after for a year or more, the share who had their teeth checked by a dentist in the year.',
  numerator: 'Children in the cohort with a dental check in the 12 months to the period end',
  denominator: 'Children looked after on the period end who had been looked after continuously for 12 months or more',
  cohort: '903 OC2: looked after continuously for 12 months or more on the period end (short breaks excluded)',
  periodType: 'year_to_31_march',
  polarity: 'higher_better',
  unit: 'percent',
  aggregation: 'share',
  area: 'looked_after',
  dfeTable: 'CLA outcomes (OC2)',
  source:
    "DfE 'Children looked after in England including adoptions' outcomes (OC2) tables; reference/kpis.json dental_check_pct",
  dimensions: ['legal_status', 'placement_type'],
  cohortSql: ({ councilId }) => sql`
    select oc2.period_end, oc2.child_id, oc2.child_id::text as subject_id,
      exists (
        select 1 from dental_check d
        where d.council_id = ${councilId} and d.child_id = oc2.child_id and d.check_date <= oc2.period_end
          and d.check_date > (oc2.period_end - interval '1 year')::date
      ) as in_numerator,
      true as in_denominator, null::numeric as value, oc2.legal_status, oc2.placement_type
    from (${continuouslyLookedAfter12Months(councilId)}) oc2`,
}
