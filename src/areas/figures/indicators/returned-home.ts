import { sql } from 'kysely'
import { codeList, countedChild, SHORT_BREAK_LEGAL_STATUSES } from './care-cohort-sql.js'
import type { IndicatorDefinition } from './types.js'

/** 903 REC codes for returning home to parents or others with parental responsibility. */
export const RETURNED_HOME_REASONS = ['E4A', 'E4B'] as const

/**
 * Of the children who stopped being looked after in the period, the share who went home to their
 * parents (903 REC E4A, as part of the care plan, or E4B, not as part of it). As in the DfE tables, a
 * child who left care more than once in the period is counted once, on the last occasion; short
 * breaks are excluded, and REC X1 (an episode ending only for another to begin) is not leaving care.
 * E13 (to live with someone without parental responsibility) is a different DfE category.
 */
export const returnedHome: IndicatorDefinition = {
  id: 'returned_home_pct',
  name: 'Children leaving care who returned home',
  description:
    'Of the children who stopped being looked after in the year, the share who went back to live with their parents ' +
    'or others with parental responsibility.',
  numerator: 'Children whose last time leaving care in the period was a return home (903 REC E4A or E4B)',
  denominator: 'Children who ceased to be looked after in the period (last occasion; excluding short breaks)',
  cohort: 'Children who ceased to be looked after during the period',
  periodType: 'year_to_31_march',
  polarity: 'context',
  unit: 'percent',
  aggregation: 'share',
  area: 'looked_after',
  dfeTable: 'CLA ceased by reason',
  source:
    "DfE 'Children looked after in England including adoptions': children who ceased to be looked after by reason " +
    '(only the last occasion in the year counted); reference/specs/ssda903-codes.csv REC',
  dimensions: ['legal_status', 'placement_type'],
  cohortSql: ({ councilId }) => sql`
    select distinct on (p.period_end, e.child_id)
      p.period_end, e.child_id, e.child_id::text as subject_id,
      e.reason_episode_ceased in ${codeList(RETURNED_HOME_REASONS)} as in_numerator, true as in_denominator,
      null::numeric as value, e.legal_status, e.placement_type
    from periods p
    join looked_after_episode e on e.council_id = ${councilId}
      and e.end_date between p.period_start and p.period_end and e.reason_episode_ceased <> 'X1'
    join child c on c.council_id = ${councilId} and c.id = e.child_id
    where e.legal_status not in ${codeList(SHORT_BREAK_LEGAL_STATUSES)} and ${countedChild(councilId)}
    order by p.period_end, e.child_id, e.end_date desc, e.id desc`,
}
