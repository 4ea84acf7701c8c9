import { sql } from 'kysely'
import type { IndicatorDefinition } from './types.js'

/**
 * CIN census D3 (formerly NI 65): of the child protection plans that STARTED in the year, the share
 * for a child who had been on a plan before, however long ago, in this council (an earlier cp_plan
 * row of the child, or of a duplicate record merged into the child; a plan starting the same day and
 * recorded first also counts as earlier). Plans in other councils (cp_plan.previous_plans_elsewhere)
 * are not counted: the reference definition is "ever, in that LA". One window over the council's
 * plans, no per-row subquery.
 */
export const cppSecondSubsequentPct: IndicatorDefinition = {
  id: 'cpp_second_subsequent_pct',
  name: 'Child protection plans for a second or subsequent time',
  description:
    'Of the child protection plans that started in the year, the share for a child who had been on a plan with us before, at any time.',
  numerator: 'Plans starting in the period for a child with an earlier plan here',
  denominator: 'All plans starting in the period',
  cohort: 'Child protection plans with a start date in the period',
  periodType: 'year_to_31_march',
  polarity: 'lower_better_within_range',
  unit: 'percent',
  aggregation: 'share',
  area: 'child_protection',
  dfeTable: 'CIN D3',
  source:
    'kpis.json cpp_second_subsequent_pct; statutory-timescales-and-kpis.md B (ever, in that LA); DfE Children in need table D3; LG Inform metric 100 (formerly NI 65)',
  dimensions: ['category_of_abuse'],
  additiveByMonth: true,
  cohortSql: ({ councilId }) => sql`
    with plan_history as materialized (
      select cp.id, cp.child_id, cp.start_date, cp.initial_category,
        row_number() over (partition by coalesce(pc.merged_into_child_id, pc.id) order by cp.start_date, cp.id) as plan_number
      from cp_plan cp
      join child pc on pc.council_id = cp.council_id and pc.id = cp.child_id
      where cp.council_id = ${councilId} and cp.start_date <= (select max(period_end) from periods)
    )
    select p.period_end, h.child_id, h.id::text as subject_id, h.plan_number > 1 as in_numerator,
      true as in_denominator, h.plan_number::numeric as value, h.initial_category as category_of_abuse
    from periods p
    join plan_history h on h.start_date between p.period_start and p.period_end`,
}
