import { sql } from 'kysely'
import type { IndicatorDefinition } from './types.js'

/** CIN census C1: referrals received in the year per 10,000 children aged 0–17. */
export const referralRate: IndicatorDefinition = {
  id: 'referral_rate',
  name: 'Referrals per 10,000 children',
  description:
    'How many referrals to children’s social care we received in the year, for every 10,000 children living in the area. It counts referrals, so a child referred twice counts twice.',
  numerator: 'Referrals received in the period (referrals, not children)',
  denominator: 'Children aged 0 to 17 living in the area (ONS mid-year estimate for the year), per 10,000',
  cohort: 'Every referral with a referral date in the period',
  periodType: 'year_to_31_march',
  polarity: 'context',
  unit: 'per_10000',
  aggregation: 'rate_per_10000',
  area: 'front_door',
  dfeTable: 'CIN C1',
  source:
    'kpis.json referral_rate; DfE Children in need (explore-education-statistics) table C1: referrals / population 0–17 × 10,000',
  dimensions: ['referral_source'],
  additiveByMonth: true,
  // One index range scan of referral (council_id, referral_date) per period.
  cohortSql: ({ councilId }) => sql`
    select p.period_end, r.child_id, r.id::text as subject_id, true as in_numerator, true as in_denominator,
      null::numeric as value, r.source as referral_source
    from periods p
    join referral r on r.council_id = ${councilId} and r.referral_date between p.period_start and p.period_end`,
}
