import { sql } from 'kysely'
import { RE_REFERRAL_MONTHS } from '../../front-door/re-referral.js'
import type { IndicatorDefinition } from './types.js'

/**
 * CIN census C1: referrals in the year that came within 12 months of the same child's previous
 * referral. The rule is the front door's (src/areas/front-door/re-referral.ts): the anniversary counts,
 * months clamp to the month's end, two referrals on one day make the later-recorded one a re-referral,
 * and a duplicate record merged into the child counts as the child's own history.
 *
 * Set-based: one window (lag) over the council's referrals, so no per-row subquery. Only referrals
 * from 12 months before the earliest period onwards can matter, so older ones are not read.
 */
export const rereferralPct: IndicatorDefinition = {
  id: 'rereferral_pct',
  name: 'Re-referrals within 12 months',
  description:
    'Of the referrals we received in the year, the share that came within 12 months of an earlier referral for the same child. A high share can mean help ended too soon.',
  numerator: 'Referrals in the period within 12 months of a previous referral of the same child',
  denominator: 'All referrals received in the period',
  cohort: 'Every referral with a referral date in the period',
  periodType: 'year_to_31_march',
  polarity: 'lower_better',
  unit: 'percent',
  aggregation: 'share',
  area: 'front_door',
  dfeTable: 'CIN C1',
  source:
    'kpis.json rereferral_pct; DfE Children in need (explore-education-statistics) table C1 (rereferral_percent): re-referrals / referrals × 100',
  dimensions: ['referral_source'],
  additiveByMonth: true,
  cohortSql: ({ councilId }) => sql`
    with referral_history as materialized (
      select r.id, r.child_id, r.referral_date, r.source,
        lag(r.referral_date) over (
          partition by coalesce(rc.merged_into_child_id, rc.id) order by r.referral_date, r.id
        ) as previous_referral_date
      from referral r
      join child rc on rc.council_id = r.council_id and rc.id = r.child_id
      where r.council_id = ${councilId}
        and r.referral_date >= ((select min(period_start) from periods) - make_interval(months => ${sql.lit(RE_REFERRAL_MONTHS)} + 1))::date
        and r.referral_date <= (select max(period_end) from periods)
    )
    select p.period_end, h.child_id, h.id::text as subject_id,
      coalesce((h.previous_referral_date + make_interval(months => ${sql.lit(RE_REFERRAL_MONTHS)}))::date >= h.referral_date, false)
        as in_numerator,
      true as in_denominator, null::numeric as value, h.source as referral_source
    from periods p
    join referral_history h on h.referral_date between p.period_start and p.period_end`,
}
