import { sql } from 'kysely'
import type { IndicatorDefinition } from './types.js'

/**
 * CIN census D7: of the child protection plans that ENDED in the year, the share that had lasted two
 * years or more (end date on or after the second anniversary of the start). Plans still open at the
 * period end are not in it, however long they have run (that is the COLLECT "on a plan 2+ years at
 * 31 March" measure, a different one). The value is the plan's length in days.
 */
export const cpp2yrsEndingPct: IndicatorDefinition = {
  id: 'cpp_2yrs_ending_pct',
  name: 'Child protection plans ending that lasted 2 years or more',
  description:
    'Of the child protection plans that ended in the year, the share that had lasted two years or more. Plans that last this long can mean the plan is not bringing change quickly enough.',
  numerator: 'Plans ending in the period that had lasted 2 years or more',
  denominator: 'All plans ending in the period',
  cohort: 'Child protection plans with an end date in the period (open plans are not counted)',
  periodType: 'year_to_31_march',
  polarity: 'lower_better',
  unit: 'percent',
  aggregation: 'share',
  area: 'child_protection',
  dfeTable: 'CIN D7',
  source:
    'kpis.json cpp_2yrs_ending_pct; DfE Children in need (explore-education-statistics) table D7: plans ending lasting 2+ years / plans ending × 100',
  dimensions: ['category_of_abuse'],
  additiveByMonth: true,
  cohortSql: ({ councilId }) => sql`
    select p.period_end, cp.child_id, cp.id::text as subject_id,
      cp.end_date >= (cp.start_date + interval '2 years')::date as in_numerator,
      true as in_denominator, (cp.end_date - cp.start_date)::numeric as value,
      cp.latest_category as category_of_abuse
    from periods p
    join cp_plan cp on cp.council_id = ${councilId} and cp.end_date between p.period_start and p.period_end`,
}
