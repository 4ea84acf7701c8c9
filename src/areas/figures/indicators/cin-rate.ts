import { sql } from 'kysely'
import type { IndicatorDefinition } from './types.js'

/**
 * Children in need per 10,000 on a day (31 March in the DfE tables; each month end on a trend). A
 * child is in need on a day when a CIN episode (a referral, in Harbour) is open on it: referred on or
 * before the day and not closed by it (closure date empty or later). As in the DfE counts this
 * includes children on child protection plans and looked-after children, counts children (not
 * episodes), and leaves out referrals that ended in no further action, which are not episodes of need.
 */
export const cinRate: IndicatorDefinition = {
  id: 'cin_rate',
  name: 'Children in need per 10,000 children',
  description:
    'How many children had an open case with children’s social care on the day, for every 10,000 children living in the area. It includes children on child protection plans and children we look after.',
  numerator: 'Children with a child in need episode (referral) open on the day, not ended in no further action',
  denominator: 'Children aged 0 to 17 living in the area (ONS mid-year estimate for the year), per 10,000',
  cohort: 'Children with an open referral on the day',
  periodType: 'snapshot',
  polarity: 'context',
  unit: 'per_10000',
  aggregation: 'rate_per_10000',
  area: 'child_in_need',
  dfeTable: 'CIN A1',
  source:
    'statutory-timescales-and-kpis.md C1 "Children in need rate"; DfE Children in need (explore-education-statistics): children in need at 31 March per 10,000 children aged under 18',
  dimensions: ['referral_source'],
  cohortSql: ({ councilId }) => sql`
    select distinct on (p.period_end, r.child_id)
      p.period_end, r.child_id, r.child_id::text as subject_id, true as in_numerator, true as in_denominator,
      null::numeric as value, r.source as referral_source
    from periods p
    join referral r on r.council_id = ${councilId} and r.referral_date <= p.period_end
      and (r.closure_date is null or r.closure_date > p.period_end)
      and not r.no_further_action
    order by p.period_end, r.child_id, r.referral_date desc, r.id desc`,
}
