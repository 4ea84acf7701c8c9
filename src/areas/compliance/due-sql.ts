import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { IsoDate } from './calendar.js'
import { compareDueItems, type ClockEvent, type DueFamily, type DueItem } from './due-item.js'

/**
 * The due-date engine in SQL: one set-based query that computes every running clock for a whole
 * council (or some of its children), family by family, with the same rules as due-engine.ts. Limits
 * and working days come from compliance_due() and the compliance_calendar table (migration 0007), so
 * the database does the date arithmetic for thousands of children at once. Keep the two in step: the
 * tests run both on the same records and compare every item.
 */
export interface DueItemScope {
  /** Only these children. */
  childIds?: readonly number[]
}

interface DueRow {
  child_id: number
  family: DueFamily
  rule_id: string
  from_event: ClockEvent
  from_date: string
  subject_id: number | null
  visit_type: DueItem['visitType']
  due_date: string
}

/** The query itself (for EXPLAIN in the benchmark); dueItemsForCouncil runs it. */
export function dueItemsQuery(councilId: number, asAt: IsoDate, scope: DueItemScope = {}) {
  const c = councilId
  const ids = scope.childIds === undefined ? sql`` : sql`and c.id = any(${[...scope.childIds]}::bigint[])`
  return sql<DueRow>`
    with live as not materialized (
      select c.id as child_id, c.date_of_birth as dob from child c
      where c.council_id = ${c} and c.merged_into_child_id is null and c.date_of_death is null ${ids}
    ),
    open_period as materialized (
      select distinct on (p.child_id) p.child_id, p.id, p.start_date from period_of_care p join live using (child_id)
      where p.council_id = ${c} and p.end_date is null
      order by p.child_id, p.start_date desc, p.id desc
    ),
    care_period as materialized (
      select op.* from open_period op
      where coalesce((select e.legal_status from looked_after_episode e where e.council_id = ${c} and e.period_of_care_id = op.id
        order by e.start_date desc, e.id desc limit 1), '') not in ('V3', 'V4')
    ),
    items as (
      select ct.child_id, 'referral_decision' as family, 'wt.referral.decision' as rule_id, 'contact_received' as from_event,
        (ct.received_at at time zone 'Europe/London')::date as from_date, ct.id as subject_id, null::text as visit_type
      from contact ct join live using (child_id)
      where ct.council_id = ${c} and ct.mash_decision is null

      union all
      select r.child_id, 'assessment', 'wt.assessment.complete', 'referral_received', r.referral_date, r.id, null
      from referral r join live using (child_id)
      where r.council_id = ${c} and not r.no_further_action and r.closure_date is null
        and not exists (select 1 from assessment a where a.council_id = ${c} and a.child_id = r.child_id
          and a.authorisation_date is not null
          and (a.referral_id = r.id or (a.referral_id is null and a.start_date >= r.referral_date)))

      union all
      select a.child_id, 'strategy_discussion', 'local.strategy.discussion', 'assessment_outcome_strategy_discussion',
        a.authorisation_date, a.id, null
      from assessment a join live using (child_id)
      where a.council_id = ${c} and a.outcome = 'strategy_discussion' and a.authorisation_date is not null
        and not exists (select 1 from strategy_discussion sd where sd.council_id = ${c} and sd.child_id = a.child_id
          and sd.held_on >= a.start_date)

      union all
      select s.child_id, 'initial_conference', 'wt.icpc',
        case when sd.id is null then 'section47_start' else 'strategy_discussion' end, coalesce(sd.held_on, s.start_date), s.id, null
      from section47_enquiry s join live using (child_id)
      left join strategy_discussion sd on sd.council_id = ${c} and sd.child_id = s.child_id and sd.id = s.strategy_discussion_id
      where s.council_id = ${c} and not s.icpc_not_required and (s.outcome is null or s.outcome = 'initial_conference')
        and not exists (select 1 from cp_conference cc where cc.council_id = ${c} and cc.child_id = s.child_id
          and cc.conference_type = 'initial'
          and (cc.section47_enquiry_id = s.id or (cc.section47_enquiry_id is null and cc.conference_date >= s.start_date)))

      union all
      select p.child_id, 'cp_review',
        case when rv.last_date is not null then 'wt.rcpc.subsequent' else 'wt.rcpc.first' end,
        case when rv.last_date is not null then 'previous_rcpc' when ic.initial_date is not null then 'icpc' else 'cp_plan_start' end,
        coalesce(rv.last_date, ic.initial_date, p.start_date), p.id, null
      from cp_plan p join live using (child_id)
      left join lateral (select max(cc.conference_date) as last_date from cp_conference cc
        where cc.council_id = ${c} and cc.child_id = p.child_id and cc.conference_type = 'review'
          and (cc.cp_plan_id = p.id or (cc.cp_plan_id is null and cc.conference_date >= p.start_date))) rv on true
      left join lateral (select max(cc.conference_date) as initial_date from cp_conference cc
        where cc.council_id = ${c} and cc.child_id = p.child_id and cc.conference_type <> 'review' and cc.cp_plan_id = p.id) ic on true
      where p.council_id = ${c} and p.end_date is null

      union all
      select p.child_id, 'cp_visit', 'local.cp.visit', case when v.last_date is null then 'cp_plan_start' else 'last_visit' end,
        coalesce(v.last_date, p.start_date), p.id, 'child_protection'
      from cp_plan p join live using (child_id)
      left join lateral (select max(v.visit_date) as last_date from visit v
        where v.council_id = ${c} and v.child_id = p.child_id and v.child_seen and v.visit_type = 'child_protection'
          and v.visit_date >= p.start_date) v on true
      where p.council_id = ${c} and p.end_date is null

      union all
      select p.child_id, 'cin_visit', 'local.cin.visit', case when v.last_date is null then 'cin_plan_start' else 'last_visit' end,
        coalesce(v.last_date, p.start_date), p.id, 'child_in_need'
      from cin_plan p join live using (child_id)
      left join lateral (select max(v.visit_date) as last_date from visit v
        where v.council_id = ${c} and v.child_id = p.child_id and v.child_seen and v.visit_type = 'child_in_need'
          and v.visit_date >= p.start_date) v on true
      where p.council_id = ${c} and p.end_date is null

      union all
      select p.child_id, 'cin_review', 'local.cin.review', case when rv.last_date is null then 'cin_plan_start' else 'previous_cin_review' end,
        coalesce(rv.last_date, p.start_date), p.id, null
      from cin_plan p join live using (child_id)
      left join lateral (select max(r.review_date) as last_date from cin_plan_review r
        where r.council_id = ${c} and r.child_id = p.child_id and r.cin_plan_id = p.id) rv on true
      where p.council_id = ${c} and p.end_date is null

      union all
      select cp.child_id, 'looked_after_visit',
        case
          when pl.weekly and pl.reviewed then 'cpr.visit.connected_person_or_ico_at_home.after_first_review'
          when pl.weekly then 'cpr.visit.connected_person_or_ico_at_home'
          when pl.last_date is null then 'cpr.visit.first'
          when pl.last_date < (pl.start_date + interval '12 months')::date then 'cpr.visit.year1'
          when pl.placement_type in ('U1', 'U4') then 'cpr.visit.after_year1.permanent'
          else 'cpr.visit.after_year1.other'
        end,
        case when pl.last_date is null then 'placement_start' else 'last_visit' end,
        coalesce(pl.last_date, pl.start_date), pl.id, 'looked_after'
      from care_period cp
      join lateral (
        select p.id, p.start_date, p.placement_type, v.last_date,
          coalesce(h.approval_type = 'temporarily_approved_connected_carer', false)
            or (coalesce(ep.legal_status, '') = 'C1' and p.placement_type = 'P1') as weekly,
          exists (select 1 from looked_after_review r where r.council_id = ${c} and r.child_id = cp.child_id
            and (r.period_of_care_id = cp.id or (r.period_of_care_id is null and r.review_date >= cp.start_date))
            and r.review_date <= coalesce(v.last_date, p.start_date)) as reviewed
        from (select * from placement p0 where p0.council_id = ${c} and p0.child_id = cp.child_id and p0.end_date is null
          order by p0.start_date desc, p0.id desc limit 1) p
        left join foster_household h on h.council_id = ${c} and h.id = p.foster_household_id
        left join lateral (select max(v.visit_date) as last_date from visit v
        where v.council_id = ${c} and v.child_id = p.child_id and v.child_seen and v.visit_type = 'looked_after'
          and v.visit_date >= p.start_date) v on true
        left join lateral (select e.legal_status from looked_after_episode e
          where e.council_id = ${c} and e.period_of_care_id = cp.id and e.start_date <= coalesce(v.last_date, p.start_date)
          order by e.start_date desc, e.id desc limit 1) ep on true
      ) pl on true

      union all
      select cp.child_id, 'looked_after_review',
        case when rv.n = 0 then 'cpr.review.first' when rv.n = 1 then 'cpr.review.second' else 'cpr.review.subsequent' end,
        case when rv.n = 0 then 'became_looked_after' when rv.n = 1 then 'first_review' else 'previous_review' end,
        coalesce(rv.last_date, cp.start_date), cp.id, null
      from care_period cp
      cross join lateral (select count(*) as n, max(r.review_date) as last_date from looked_after_review r where r.council_id = ${c} and r.child_id = cp.child_id
            and (r.period_of_care_id = cp.id or (r.period_of_care_id is null and r.review_date >= cp.start_date))) rv

      union all
      select cp.child_id, 'personal_education_plan',
        case when pe.last_date is null then 'guidance.pep.initiate' else 'guidance.pep.review' end,
        case when pe.last_date is null then 'became_looked_after' else 'previous_pep' end,
        coalesce(pe.last_date, cp.start_date), cp.id, null
      from care_period cp join live l using (child_id)
      left join lateral (select max(pep.meeting_date) as last_date from personal_education_plan pep
        where pep.council_id = ${c} and pep.child_id = cp.child_id and pep.meeting_date >= cp.start_date) pe on true
      where l.dob is not null and (l.dob + interval '36 months')::date <= ${asAt}::date
        and (l.dob + interval '216 months')::date > ${asAt}::date

      union all
      select pp.child_id, 'pathway_review', 'cl.pathway.review',
        case when rv.last_date is null then 'pathway_plan' else 'previous_pathway_review' end,
        coalesce(rv.last_date, pp.plan_date), pp.id, null
      from pathway_plan pp join live using (child_id)
      left join lateral (select max(r.review_date) as last_date from pathway_review r
        where r.council_id = ${c} and r.child_id = pp.child_id and r.pathway_plan_id = pp.id) rv on true
      where pp.council_id = ${c} and pp.status = 'active' and pp.end_date is null

      union all
      select pa.child_id, 'personal_adviser_contact',
        case
          when pa.under18 and pa.moved is not null and (pa.last_contact is null or pa.moved > pa.last_contact) then 'cl.pa.visit.relevant'
          when pa.under18 then 'cl.pa.visit.relevant.subsequent'
          else 'local.pa.contact'
        end,
        case
          when pa.under18 and pa.moved is not null and (pa.last_contact is null or pa.moved > pa.last_contact) then 'moved_into_accommodation'
          when pa.last_contact is not null then 'previous_contact'
          else 'personal_adviser_allocated'
        end,
        case
          when pa.under18 and pa.moved is not null and (pa.last_contact is null or pa.moved > pa.last_contact) then pa.moved
          else coalesce(pa.last_contact, pa.since)
        end,
        null, 'care_leaver'
      from (
        select l.child_id, a.since,
          (select max(contact_day) from (
            select k.contact_date as contact_day from keeping_in_touch_contact k
            where k.council_id = ${c} and k.child_id = l.child_id and k.outcome = 'yes'
            union all
            select v.visit_date from visit v
            where v.council_id = ${c} and v.child_id = l.child_id and v.child_seen and v.visit_type = 'care_leaver'
          ) contacts) as last_contact,
          (select max(ca.start_date) from care_leaver_accommodation ca where ca.council_id = ${c} and ca.child_id = l.child_id) as moved,
          l.dob is not null and (l.dob + interval '216 months')::date > ${asAt}::date as under18
        from live l
        join (select child_id, max(start_date) as since from worker_allocation
          where council_id = ${c} and allocation_role = 'personal_adviser' and end_date is null group by child_id) a using (child_id)
        where not exists (select 1 from open_period op where op.child_id = l.child_id)
          and (l.dob is null or (l.dob + interval '300 months')::date > ${asAt}::date)
      ) pa
    ),
    -- Health reviews: 6-monthly while the next one would fall before the fifth birthday, yearly after.
    -- Both candidates are dated below and the one that applies is kept.
    health as (
      select cp.child_id, 'health_assessment' as family, 'cpr.health.initial' as rule_id, 'became_looked_after' as from_event,
        cp.start_date as from_date, cp.id as subject_id, null::text as visit_type, null::text as variant, null::date as fifth
      from care_period cp
      where not exists (select 1 from health_assessment ha where ha.council_id = ${c} and ha.child_id = cp.child_id
        and ha.assessment_date >= (cp.start_date - interval '3 months')::date)
      union all
      select cp.child_id, 'health_assessment', candidate.rule_id, 'previous_health_assessment', h.last_date, cp.id, null,
        candidate.variant, (l.dob + interval '60 months')::date
      from care_period cp join live l using (child_id)
      join lateral (select max(ha.assessment_date) as last_date from health_assessment ha
        where ha.council_id = ${c} and ha.child_id = cp.child_id
          and ha.assessment_date >= (cp.start_date - interval '3 months')::date) h on h.last_date is not null
      cross join (values ('cpr.health.review.under5', 'under5'), ('cpr.health.review.5plus', '5plus')) as candidate (rule_id, variant)
    ),
    candidates as (
      select items.*, null::text as variant, null::date as fifth from items
      union all
      select * from health
    ),
    -- The limit in force when each clock started: the council's own (council_timescale) or the national rule.
    limited as (
      select k.*,
        case when lr.unit is not null and lr.unit not in ('none', 'as_soon_as_possible') then lr.time_limit else r.time_limit end as time_limit,
        case when lr.unit is not null and lr.unit not in ('none', 'as_soon_as_possible') then lr.unit else r.unit end as unit
      from candidates k
      join timescale_rule r on r.id = k.rule_id and r.active
      left join lateral (select ct.enabled, ct.time_limit, ct.unit from council_timescale ct
        where ct.council_id = ${c} and ct.rule_id = k.rule_id and ct.effective_from <= k.from_date
        order by ct.effective_from desc limit 1) lr on true
      where coalesce(lr.enabled, true)
    ),
    -- Working days by the calendar table's running count; months clamp to the month's end.
    dated as (
      select l.*,
        case l.unit
          when 'working_days' then later.day
          when 'calendar_days' then l.from_date + l.time_limit
          when 'calendar_weeks' then l.from_date + 7 * l.time_limit
          when 'calendar_months' then (l.from_date + make_interval(months => l.time_limit))::date
          when 'school_terms' then (l.from_date + make_interval(months => 4 * l.time_limit))::date
        end as due_date
      from limited l
      left join compliance_calendar start on l.unit = 'working_days' and start.day = l.from_date
      left join compliance_calendar later on later.working_day and later.working_day_index = start.working_day_index + l.time_limit
      where l.time_limit is not null
    ),
    chosen as (
      select d.*, coalesce(bool_or(d.variant = 'under5' and d.due_date < d.fifth)
        over (partition by d.child_id, d.family, d.subject_id), false) as under_five
      from dated d where d.due_date is not null
    )
    select child_id, family, rule_id, from_event, from_date::text as from_date, subject_id, visit_type, due_date::text as due_date
    from chosen
    where variant is null or (variant = 'under5') = under_five`
}

export async function dueItemsForCouncil(
  db: Db,
  councilId: number,
  asAt: IsoDate,
  scope: DueItemScope = {},
): Promise<DueItem[]> {
  const result = await dueItemsQuery(councilId, asAt, scope).execute(db)
  return result.rows
    .map((row) => ({
      childId: Number(row.child_id),
      family: row.family,
      ruleId: row.rule_id,
      dueDate: row.due_date,
      fromEvent: row.from_event,
      fromDate: row.from_date,
      subjectId: row.subject_id === null ? null : Number(row.subject_id),
      visitType: row.visit_type,
    }))
    .sort(compareDueItems)
}
