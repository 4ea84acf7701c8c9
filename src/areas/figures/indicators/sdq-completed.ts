import { sql } from 'kysely'
import { sdqCohort } from './care-cohort-sql.js'
import type { IndicatorDefinition } from './types.js'

/** The share of the OC2 cohort aged 4 to 16 with an SDQ score in the year (the completion rate). */
export const sdqCompleted: IndicatorDefinition = {
  id: 'sdq_completed_pct',
  name: 'Strengths and Difficulties Questionnaires completed',
  description:
    'Of the children aged 4 to 16 looked after for a year or more, the share with a Strengths and Difficulties ' +
    'Questionnaire score recorded in the year.',
  numerator: 'Children aged 4 to 16 in the cohort with an SDQ score in the 12 months to the period end',
  denominator: 'Children aged 4 to 16 on the period end looked after continuously for 12 months or more',
  cohort: '903 OC2, aged 4 to 16 on the period end',
  periodType: 'year_to_31_march',
  polarity: 'higher_better',
  unit: 'percent',
  aggregation: 'share',
  area: 'looked_after',
  dfeTable: 'CLA outcomes (OC2)',
  source:
    "DfE 'Children looked after in England including adoptions' outcomes (OC2); SSDA903 guide (SDQ_SCORE, ages 4 to 16); " +
    'reference/kpis.json sdq_avg notes ("also report SDQ completion rate")',
  dimensions: ['legal_status', 'placement_type'],
  cohortSql: ({ councilId }) => sql`
    select sdq.period_end, sdq.child_id, sdq.child_id::text as subject_id, sdq.sdq_score is not null as in_numerator,
      true as in_denominator, null::numeric as value, sdq.legal_status, sdq.placement_type
    from (${sdqCohort(councilId)}) sdq`,
}
