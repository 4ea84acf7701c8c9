import { sql } from 'kysely'
import { sdqCohort } from './care-cohort-sql.js'
import type { IndicatorDefinition } from './types.js'

/** The mean SDQ total difficulties score (0–40) of the OC2 cohort aged 4 to 16 with a score in the year. */
export const sdqAverage: IndicatorDefinition = {
  id: 'sdq_avg',
  name: 'Average Strengths and Difficulties Questionnaire score',
  description:
    'The average emotional and behavioural difficulties score (0 to 40) of children aged 4 to 16 looked after for a ' +
    'year or more. 0 to 13 is considered normal, 14 to 16 borderline and 17 or more a cause for concern.',
  numerator: 'Sum of the latest SDQ total difficulties score in the 12 months to the period end',
  denominator: 'Children aged 4 to 16 in the OC2 cohort with an SDQ score in the 12 months to the period end',
  cohort: '903 OC2, aged 4 to 16 on the period end, with a score',
  periodType: 'year_to_31_march',
  polarity: 'lower_better',
  unit: 'score',
  aggregation: 'mean',
  area: 'looked_after',
  dfeTable: 'CLA outcomes (OC2)',
  source:
    "LG Inform metric 2135; DfE 'Children looked after in England including adoptions' outcomes (OC2); " +
    'reference/kpis.json sdq_avg',
  dimensions: ['legal_status', 'placement_type'],
  cohortSql: ({ councilId }) => sql`
    select sdq.period_end, sdq.child_id, sdq.child_id::text as subject_id, true as in_numerator, true as in_denominator,
      sdq.sdq_score::numeric as value, sdq.legal_status, sdq.placement_type
    from (${sdqCohort(councilId)}) sdq
    where sdq.sdq_score is not null`,
}
