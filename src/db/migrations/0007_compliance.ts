import type { Kysely } from 'kysely'
import { executeScript } from '../sql-script.js'

/**
 * The statutory clock (compliance area).
 *
 * - compliance_bank_holiday and compliance_calendar: national reference tables (not tenant-keyed, like
 *   timescale_rule), filled at start-up from the vendored bank holidays (reference/calendar/) by
 *   loadComplianceReferenceData. compliance_calendar has one row per day with a running count of
 *   working days, so "add n working days" and "working days between" are index look-ups in SQL; the
 *   functions below wrap them. The TypeScript calendar counts day by day and the tests hold both to
 *   the same worked examples.
 * - compliance_due(council, rule, from): the date a rule falls due when its clock starts on `from`,
 *   using the council's own limit in force on that date (council_timescale), else the national one.
 * - escalation_step.raise_after_days_overdue: when a step is raised (calendar days after the visit
 *   fell due); escalation.rule_id/due_date: the overdue item an automatic escalation is about, so it is
 *   raised once per step.
 * - visit_confirmation.code_locator: the first characters of a young person's code, looked up from
 *   the public page (which does not know the council); the rest is checked against code_hash.
 * - cin_plan_review: child in need plan reviews (local standard), which 0002 did not carry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table compliance_bank_holiday (
      day date primary key,
      title text not null,
      -- 'vendored': in reference/calendar (gov.uk); 'rules': a year outside it, from the standard rules.
      source text not null check (source in ('vendored', 'rules'))
    );

    create table compliance_calendar (
      day date primary key,
      working_day boolean not null,
      -- Working days on or before this day since the calendar's first day.
      working_day_index integer not null
    );
    create unique index compliance_calendar_working_index on compliance_calendar (working_day_index) where working_day;

    -- Day 0 is d; the result is the n-th working day after it (a weekend or holiday d counts from the
    -- working day before it, so Saturday + 1 working day is Monday). Null outside the calendar.
    create function compliance_add_working_days(d date, n integer) returns date
      language sql stable strict as $$
        select later.day from compliance_calendar later
        where later.working_day
          and later.working_day_index = (select start.working_day_index from compliance_calendar start where start.day = d) + n
      $$;

    -- Working days after a, up to and including b.
    create function compliance_working_days_between(a date, b date) returns integer
      language sql stable strict as $$
        select (select working_day_index from compliance_calendar where day = b)
             - (select working_day_index from compliance_calendar where day = a)
      $$;

    -- Calendar months clamp to the month's end (31 January + 1 month = 28 or 29 February), which is
    -- what PostgreSQL's interval arithmetic does. A school term is counted as 4 calendar months.
    create function compliance_add_period(d date, n integer, unit text) returns date
      language sql stable strict as $$
        select case unit
          when 'working_days' then compliance_add_working_days(d, n)
          when 'calendar_days' then d + n
          when 'calendar_weeks' then d + 7 * n
          when 'calendar_months' then (d + make_interval(months => n))::date
          when 'school_terms' then (d + make_interval(months => 4 * n))::date
        end
      $$;

    create function compliance_due(council integer, rule text, d date) returns date
      language sql stable strict as $$
        select case when coalesce(local.enabled, true) and national.active
          then compliance_add_period(d, coalesce(local.time_limit, national.time_limit), coalesce(local.unit, national.unit))
        end
        from timescale_rule national
        left join lateral (
          select ct.enabled,
            case when ct.unit is null or ct.unit in ('none', 'as_soon_as_possible') then null else ct.time_limit end as time_limit,
            case when ct.unit is null or ct.unit in ('none', 'as_soon_as_possible') then null else ct.unit end as unit
          from council_timescale ct
          where ct.council_id = council and ct.rule_id = national.id and ct.effective_from <= d
          order by ct.effective_from desc
          limit 1
        ) local on true
        where national.id = rule
      $$;

    alter table escalation_step add column raise_after_days_overdue integer check (raise_after_days_overdue >= 0);

    alter table escalation add column rule_id text references timescale_rule (id);
    alter table escalation add column due_date date;
    create unique index escalation_once_per_step on escalation (council_id, child_id, step_id, rule_id, due_date)
      where rule_id is not null;

    alter table visit_confirmation add column code_locator text;
    -- The public page does not know the council: the one look-up across councils (like sign_in_attempt).
    create index visit_confirmation_locator on visit_confirmation (code_locator) where code_locator is not null;

    create table cin_plan_review (
      council_id integer not null,
      id bigint not null generated by default as identity,
      child_id bigint not null,
      cin_plan_id bigint not null,
      review_date date not null,
      note text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      created_by integer,
      updated_at timestamptz not null default now(),
      primary key (council_id, id),
      foreign key (council_id, child_id) references child (council_id, id),
      -- cin_plan has no (council_id, child_id, id) key to point at, so this link is by plan only.
      foreign key (council_id, cin_plan_id) references cin_plan (council_id, id),
      foreign key (council_id, created_by) references user_account (council_id, id)
    );
    create index cin_plan_review_child on cin_plan_review (council_id, child_id, review_date);
  `,
  )
}

export async function down(): Promise<void> {
  throw new Error('The compliance migration cannot be reversed.')
}
