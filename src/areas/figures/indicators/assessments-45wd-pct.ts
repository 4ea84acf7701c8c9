import { sql } from 'kysely'
import type { IndicatorDefinition } from './types.js'

/** Within this many working days counts as on time (Working Together 2023; CIN census C2 bands). */
export const ASSESSMENT_WORKING_DAYS = 45

/**
 * CIN census C2: child and family assessments completed (authorised) in the year, and whether each
 * took 45 working days or fewer from the assessment start to authorisation, the duration the DfE
 * measures (the statutory clock in the compliance area runs from the referral instead). Working days
 * come from compliance_calendar's running count (migration 0007, built from the vendored bank
 * holidays): the difference of the two days' indexes, so an assessment started and authorised the
 * same day is 0 days. A start on a weekend counts from the working day before it, as the calendar does.
 * The value carried on each row is the duration in working days (shown in the drill-down).
 */
export const assessments45wdPct: IndicatorDefinition = {
  id: 'assessments_45wd_pct',
  name: 'Assessments completed within 45 working days',
  description:
    'Of the child and family assessments finished and signed off by a manager in the year, the share that took 45 working days or fewer from the start of the assessment.',
  numerator: 'Assessments authorised in the period that took 45 working days or fewer (same-day = 0 days)',
  denominator: 'All assessments authorised in the period',
  cohort: 'Child and family assessments with an authorisation date in the period',
  periodType: 'year_to_31_march',
  polarity: 'higher_better',
  unit: 'percent',
  aggregation: 'share',
  area: 'child_in_need',
  dfeTable: 'CIN C2',
  source:
    'kpis.json assessments_45wd_pct; DfE Children in need (explore-education-statistics) table C2 duration bands: assessment start to authorisation, working days',
  dimensions: [],
  additiveByMonth: true,
  cohortSql: ({ councilId }) => sql`
    select p.period_end, a.child_id, a.id::text as subject_id,
      coalesce(finish.working_day_index - start.working_day_index <= ${ASSESSMENT_WORKING_DAYS}, false) as in_numerator,
      true as in_denominator,
      (finish.working_day_index - start.working_day_index)::numeric as value
    from periods p
    join assessment a on a.council_id = ${councilId} and a.assessment_type = 'child_and_family'
      and a.authorisation_date between p.period_start and p.period_end
    left join compliance_calendar start on start.day = a.start_date
    left join compliance_calendar finish on finish.day = a.authorisation_date`,
}
