import { sql } from 'kysely'
import { continuouslyLookedAfter12Months } from './care-cohort-sql.js'
import type { IndicatorDefinition } from './types.js'

/**
 * Health assessments up to date for the 903 OC2 cohort. Up to date on the period end means a health
 * assessment (initial or review) in the 6 months before it for a child under 5, or in the 12 months
 * before it for a child of 5 or over: the intervals of CPPCR 2010 reg 7(4).
 */
export const healthAssessment: IndicatorDefinition = {
  id: 'health_assessment_pct',
  name: 'Health assessments up to date',
  description:
    'Of the children looked after for a year or more, the share whose health assessment is up to date: one in the ' +
    'last 6 months for a child under 5, in the last 12 months for older children.',
  numerator:
    'Children in the cohort with a health assessment in the 12 months to the period end (6 months if under 5 on the period end)',
  denominator: 'Children looked after on the period end who had been looked after continuously for 12 months or more',
  cohort: '903 OC2: looked after continuously for 12 months or more on the period end (short breaks excluded)',
  periodType: 'year_to_31_march',
  polarity: 'higher_better',
  unit: 'percent',
  aggregation: 'share',
  area: 'looked_after',
  dfeTable: 'CLA outcomes (OC2)',
  source:
    "DfE 'Children looked after in England including adoptions' outcomes (OC2) tables; CPPCR 2010 reg 7(4); " +
    'reference/kpis.json health_assessment_pct',
  dimensions: ['legal_status', 'placement_type'],
  cohortSql: ({ councilId }) => sql`
    select oc2.period_end, oc2.child_id, oc2.child_id::text as subject_id,
      exists (
        select 1 from health_assessment h
        where h.council_id = ${councilId} and h.child_id = oc2.child_id and h.assessment_date <= oc2.period_end
          and h.assessment_date > (oc2.period_end - case when oc2.age < 5 then interval '6 months' else interval '1 year' end)::date
      ) as in_numerator,
      true as in_denominator, null::numeric as value, oc2.legal_status, oc2.placement_type
    from (${continuouslyLookedAfter12Months(councilId)}) oc2`,
}
