import { sql } from 'kysely'
import type { IndicatorDefinition } from './types.js'

/**
 * CIN census D1: children subject of a child protection plan on the day (31 March in the DfE table).
 * A plan is open on a day when it started on or before it and had not ended by it (no end date, or a
 * later one). Children, not plans: a child is counted once, with the category of the latest plan.
 */
export const cppRate: IndicatorDefinition = {
  id: 'cpp_rate',
  name: 'Children on a child protection plan per 10,000 children',
  description:
    'How many children were on a child protection plan on the day, for every 10,000 children living in the area.',
  numerator: 'Children subject of a child protection plan on the day',
  denominator: 'Children aged 0 to 17 living in the area (ONS mid-year estimate for the year), per 10,000',
  cohort: 'Children with a plan open on the day',
  periodType: 'snapshot',
  polarity: 'context',
  unit: 'per_10000',
  aggregation: 'rate_per_10000',
  area: 'child_protection',
  dfeTable: 'CIN D1',
  source:
    'kpis.json cpp_rate; DfE Children in need (explore-education-statistics) table D1 (CPP_At31): children on a plan at 31 March / population 0–17 × 10,000',
  dimensions: ['category_of_abuse'],
  cohortSql: ({ councilId }) => sql`
    select distinct on (p.period_end, cp.child_id)
      p.period_end, cp.child_id, cp.child_id::text as subject_id, true as in_numerator, true as in_denominator,
      null::numeric as value, cp.latest_category as category_of_abuse
    from periods p
    join cp_plan cp on cp.council_id = ${councilId} and cp.start_date <= p.period_end
      and (cp.end_date is null or cp.end_date > p.period_end)
    order by p.period_end, cp.child_id, cp.start_date desc, cp.id desc`,
}
