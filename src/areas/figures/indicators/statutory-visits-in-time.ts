import { sql } from 'kysely'
import type { IndicatorDefinition } from './types.js'

/**
 * Local measure from the statutory clock: of the statutory visits that fell due in the period (child
 * protection visits and looked-after children's visits), the share done in time.
 *
 * Why not call compliance/timeliness.ts: that replays each visit chain in TypeScript for one user's
 * scope, so it cannot be a cohort in SQL or scale to a trend over many councils. This is the same
 * chain model written set-based (keep the two in step; the tests compare them):
 * - a chain is a child protection plan, or a placement in a period of care that is not a series of
 *   short breaks (latest episode's legal status V3/V4; the placement's period is the one its episode
 *   links to, else the one containing its start);
 * - the first obligation runs from the chain's start and is met by the first visit on or after it at
 *   which the child was seen; each such visit restarts the clock and the next obligation is met by the
 *   next visit after it (window `lead` over the distinct visit dates, no per-row subquery);
 * - the limit is the rule in force when the clock (re)started: the council's own (council_timescale)
 *   or the national rule (timescale_rule), as compliance_due() and due-sql.ts apply them; working days
 *   come from compliance_calendar's running count; looked-after rules pick weekly / first / year 1 /
 *   after year 1 as visit-chains.ts does;
 * - an obligation falling due after the chain ended is not owed; one falling due today or later is not
 *   judged yet; in time = seen on or before the due date.
 * Only visits from 13 months before the first period are read: no visit interval is longer than six
 * months, so older clocks all fell due before the trend starts.
 */
export const statutoryVisitsInTime: IndicatorDefinition = {
  id: 'statutory_visits_in_time',
  name: 'Statutory visits done in time',
  description:
    'Of the visits to children on child protection plans and children we look after that were due in the period, the share where the social worker saw the child by the date the visit was due.',
  numerator: 'Statutory visits due in the period at which the child was seen on or before the due date',
  denominator: 'Statutory visits (child protection and looked after) that fell due in the period',
  cohort: 'Each visit that fell due in the period: one per visit clock (plan or placement) per due date',
  periodType: 'month',
  polarity: 'higher_better',
  unit: 'percent',
  aggregation: 'share',
  area: 'visits',
  dfeTable: null,
  source:
    'Local measure from the statutory clock: Care Planning, Placement and Case Review (England) Regulations 2010 reg 28 (looked-after visits); local standard for child protection visits (statutory-timescales-and-kpis.md A1.10, A2.4–A2.11); same chains as src/areas/compliance/visit-chains.ts',
  dimensions: [],
  cohortSql: ({ councilId }) => sql`
    with bounds as (
      select (min(period_start) - interval '13 months')::date as low, max(period_end) as high from periods
    ),
    placement_chain as (
      select pl.id, pl.child_id, pl.start_date, pl.end_date, pl.placement_type, h.approval_type,
        coalesce(linked.period_of_care_id, containing.id) as period_of_care_id
      from placement pl
      cross join bounds b
      left join foster_household h on h.council_id = ${councilId} and h.id = pl.foster_household_id
      left join lateral (
        select e.period_of_care_id from looked_after_episode e
        where e.council_id = ${councilId} and e.child_id = pl.child_id and e.placement_id = pl.id
        order by e.start_date, e.id limit 1
      ) linked on true
      left join lateral (
        select poc.id from period_of_care poc
        where poc.council_id = ${councilId} and poc.child_id = pl.child_id and poc.start_date <= pl.start_date
          and (poc.end_date is null or poc.end_date >= pl.start_date)
        order by poc.start_date, poc.id limit 1
      ) containing on true
      where pl.council_id = ${councilId} and pl.start_date <= b.high and (pl.end_date is null or pl.end_date >= b.low)
    ),
    chains as materialized (
      select 'cp' as kind, cp.id as chain_id, cp.child_id, cp.start_date, cp.end_date,
        'child_protection' as visit_type, null::bigint as period_of_care_id, null::date as period_start,
        null::date as period_end_date, null::text as placement_type, null::text as approval_type
      from cp_plan cp cross join bounds b
      where cp.council_id = ${councilId} and cp.start_date <= b.high and (cp.end_date is null or cp.end_date >= b.low)
      union all
      select 'placement', pc.id, pc.child_id, pc.start_date, pc.end_date, 'looked_after', pc.period_of_care_id,
        poc.start_date, poc.end_date, pc.placement_type, pc.approval_type
      from placement_chain pc
      join period_of_care poc on poc.council_id = ${councilId} and poc.id = pc.period_of_care_id
      left join lateral (
        select e.legal_status from looked_after_episode e
        where e.council_id = ${councilId} and e.child_id = pc.child_id and e.period_of_care_id = pc.period_of_care_id
        order by e.start_date desc, e.id desc limit 1
      ) latest on true
      where coalesce(latest.legal_status, '') not in ('V3', 'V4')
    ),
    chain_visits as (
      select ch.*, seen.visit_date,
        lead(seen.visit_date) over (partition by ch.kind, ch.chain_id order by seen.visit_date) as next_visit
      from chains ch
      cross join bounds b
      cross join lateral (
        select distinct v.visit_date from visit v
        where v.council_id = ${councilId} and v.child_id = ch.child_id and v.visit_type = ch.visit_type and v.child_seen
          and v.visit_date >= greatest(ch.start_date, b.low) and v.visit_date <= least(coalesce(ch.end_date, b.high), b.high)
      ) seen
    ),
    obligations as (
      select ch.kind, ch.chain_id, ch.child_id, ch.start_date, ch.end_date, ch.period_of_care_id, ch.period_start,
        ch.period_end_date, ch.placement_type, ch.approval_type, ch.start_date as anchor, false as visited,
        first_seen.visit_date as met_on
      from chains ch
      left join (
        select cv.kind, cv.chain_id, min(cv.visit_date) as visit_date from chain_visits cv group by cv.kind, cv.chain_id
      ) first_seen on first_seen.kind = ch.kind and first_seen.chain_id = ch.chain_id
      union all
      select cv.kind, cv.chain_id, cv.child_id, cv.start_date, cv.end_date, cv.period_of_care_id, cv.period_start,
        cv.period_end_date, cv.placement_type, cv.approval_type, cv.visit_date, true, cv.next_visit
      from chain_visits cv
    ),
    -- The looked-after rule in force when the clock (re)starts, as visit-chains.ts picks it. The CASEs
    -- look up the legal status only for placements with parents (P1) and reviews only for weekly clocks.
    ruled as (
      select o.*,
        case
          when o.kind = 'cp' then 'local.cp.visit'
          when case
              when o.approval_type = 'temporarily_approved_connected_carer' then true
              when o.placement_type = 'P1' then coalesce((
                select e.legal_status from looked_after_episode e
                where e.council_id = ${councilId} and e.child_id = o.child_id and e.period_of_care_id = o.period_of_care_id
                  and e.start_date <= o.anchor
                order by e.start_date desc, e.id desc limit 1
              ), '') = 'C1'
              else false
            end
          then case
              when exists (
                select 1 from looked_after_review r
                where r.council_id = ${councilId} and r.child_id = o.child_id and r.review_date <= o.anchor
                  and (r.period_of_care_id = o.period_of_care_id
                    or (r.period_of_care_id is null and r.review_date >= o.period_start
                      and (o.period_end_date is null or r.review_date <= o.period_end_date)))
              ) then 'cpr.visit.connected_person_or_ico_at_home.after_first_review'
              else 'cpr.visit.connected_person_or_ico_at_home'
            end
          when not o.visited then 'cpr.visit.first'
          when o.anchor < (o.start_date + interval '12 months')::date then 'cpr.visit.year1'
          when o.placement_type in ('U1', 'U4') then 'cpr.visit.after_year1.permanent'
          else 'cpr.visit.after_year1.other'
        end as rule_id
      from obligations o
    ),
    -- Each rule's limit over time: the national one until the council's first own row, then each of
    -- the council's rows until the next (a row without a number falls back to the national limit).
    rule_limits as materialized (
      select tr.id as rule_id, segment.valid_from, segment.valid_to, coalesce(segment.enabled, true) as enabled,
        case when segment.unit is not null and segment.unit not in ('none', 'as_soon_as_possible')
          then segment.time_limit else tr.time_limit end as time_limit,
        case when segment.unit is not null and segment.unit not in ('none', 'as_soon_as_possible')
          then segment.unit else tr.unit end as unit
      from timescale_rule tr
      cross join lateral (
        select '-infinity'::date as valid_from,
          coalesce((select min(ct.effective_from) from council_timescale ct
            where ct.council_id = ${councilId} and ct.rule_id = tr.id), 'infinity'::date) as valid_to,
          null::boolean as enabled, null::integer as time_limit, null::text as unit
        union all
        select ct.effective_from,
          coalesce(lead(ct.effective_from) over (order by ct.effective_from), 'infinity'::date),
          ct.enabled, ct.time_limit, ct.unit
        from council_timescale ct
        where ct.council_id = ${councilId} and ct.rule_id = tr.id
      ) segment
      where tr.active and (tr.id = 'local.cp.visit' or tr.id like 'cpr.visit.%')
    ),
    limited as (
      select r.*, rl.time_limit, rl.unit
      from ruled r
      join rule_limits rl on rl.rule_id = r.rule_id and r.anchor >= rl.valid_from and r.anchor < rl.valid_to
      where rl.enabled
    ),
    dated as materialized (
      select l.*,
        case l.unit
          when 'working_days' then later.day
          when 'calendar_days' then l.anchor + l.time_limit
          when 'calendar_weeks' then l.anchor + 7 * l.time_limit
          when 'calendar_months' then (l.anchor + make_interval(months => l.time_limit))::date
          when 'school_terms' then (l.anchor + make_interval(months => 4 * l.time_limit))::date
        end as due_date
      from limited l
      left join compliance_calendar start on l.unit = 'working_days' and start.day = l.anchor
      left join compliance_calendar later on later.working_day and later.working_day_index = start.working_day_index + l.time_limit
      where l.time_limit is not null
    )
    select p.period_end, d.child_id,
      d.kind || ':' || d.chain_id || ':' || d.anchor::text || case when d.visited then '' else ':start' end as subject_id,
      coalesce(d.met_on <= d.due_date, false) as in_numerator, true as in_denominator, null::numeric as value
    from periods p
    join dated d on d.due_date between p.period_start and p.period_end
    where (d.end_date is null or d.due_date <= d.end_date) and d.due_date < current_date`,
}
