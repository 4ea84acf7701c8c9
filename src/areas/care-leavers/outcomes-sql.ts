import { sql, type RawBuilder } from 'kysely'
import {
  ACCOMMODATION_NOT_KNOWN_REASON,
  EET_ACTIVITY_CODES,
  NOT_A_CARE_LEAVER_REASONS,
  NOT_IN_TOUCH_REASON,
  RETURNED_HOME_REASONS,
  SHORT_BREAK_LEGAL_STATUSES,
  THIRTEEN_WEEKS_DAYS,
} from './oc3-rules.js'

/**
 * One row per care leaver per period whose 17th to 21st birthday falls in the period, with the 903 OC3
 * values derived from what the personal adviser recorded in the birthday window (3 months before to
 * 1 month after the birthday). Used by the care-leaver indicators and the 903 OC3 table.
 */
export interface CareLeaverOutcomeRow {
  period_end: string
  child_id: number
  /** 17 to 21 */
  age_at_birthday: number
  /** '17-18' | '19-21' */
  age_band: string
  birthday: string
  window_start: string
  window_end: string
  /** 903 IN_TOUCH: YES, NO, REFU, NREQ, RHOM, DIED */
  in_touch: string
  /** 903 ACTIV (F1..G6, or '0' when not in touch or not known) */
  activ: string
  /** 903 ACCOM (B1..Z2, or '0' when not in touch or not known) */
  accom: string
  /** true only for an ACCOM code ending in 1; not in touch or not known count as not suitable (DfE). */
  accommodation_suitable: boolean
  /** null when suitable; else an UNSUITABLE_ACCOMMODATION_REASON code, 'not_in_touch' or 'accommodation_not_known'. */
  unsuitable_reason: string | null
  /** ACTIV is an education, employment or training code. */
  in_education_employment_training: boolean
  /** false for those who died or went home for 6+ months, whom the published DfE figures leave out. */
  in_dfe_cohort: boolean
}

/**
 * The cohort query. Expects a relation `periods(period_start date, period_end date)` in scope (the
 * indicator engine's convention, src/areas/figures/indicators/types.ts) and returns CareLeaverOutcomeRow
 * columns. Rules:
 * - a care leaver: looked after (short breaks excluded) for 13 weeks in total since the 14th birthday,
 *   some of it after the 16th birthday, not looked after on the birthday itself, and not having left
 *   care by adoption, death, transfer to another authority, a residence order or special guardianship;
 * - merged duplicate children never count; nor do young people whose responsible authority is another
 *   council during the birthday window;
 * - IN_TOUCH: DIED if the young person has died (date of death or a 'died' contact) by the window's end;
 *   else YES if any contact in the window was in touch; else RHOM when care ended by going home to
 *   parents at least 6 months before the birthday (and before 18); else the latest contact's outcome
 *   in the window; else NO;
 * - ACTIV and ACCOM: when in touch, the record overlapping the window that covers the birthday (or else
 *   the latest to start); '0' when not in touch or nothing was recorded.
 * Keep in step with outcomes.ts (the TypeScript twin); tests compare both on a generated council.
 *
 * Shape, for speed: nothing but the birthday depends on the period, so each young person's 17th to
 * 21st birthdays that fall in any period are found once (cl_birthday), every fact is read once per
 * birthday through the council-leading (council_id, child_id, …) indexes (lateral joins and
 * correlated lookups, linear in the birthdays whatever the planner guesses), and only the finished
 * rows are fanned out to the periods at the end. A 36-month rolling trend took 20 to 45 s at scale 1
 * when every step was repeated for each of the 12 periods a birthday falls in and joined back on
 * (period, child, birthday), a join the planner misjudged as one row and ran as a nested loop.
 */
export function careLeaverOutcomesSql({ councilId }: { councilId: number }): RawBuilder<CareLeaverOutcomeRow> {
  const c = councilId
  const shortBreaks = sql.join(SHORT_BREAK_LEGAL_STATUSES.map((code) => sql.lit(code)))
  const notLeavers = sql.join(NOT_A_CARE_LEAVER_REASONS.map((code) => sql.lit(code)))
  const returnedHome = sql.join(RETURNED_HOME_REASONS.map((code) => sql.lit(code)))
  const eet = sql.join(EET_ACTIVITY_CODES.map((code) => sql.lit(code)))
  const weeks13 = sql.lit(THIRTEEN_WEEKS_DAYS)
  const notInTouch = sql.lit(NOT_IN_TOUCH_REASON)
  const notKnown = sql.lit(ACCOMMODATION_NOT_KNOWN_REASON)
  // Wrapped in a subquery so it composes both after `with periods as (...)` and inside a CTE.
  return sql<CareLeaverOutcomeRow>`
    select * from (with cl_birthday as (
      select ch.id as child_id, n.age as age_at_birthday, ch.date_of_birth as dob, ch.date_of_death as dod,
        (ch.date_of_birth + make_interval(years => n.age))::date as birthday
      from child ch
      cross join generate_series(17, 21) as n(age)
      where ch.council_id = ${c} and ch.merged_into_child_id is null and ch.date_of_birth is not null
        and ch.date_of_birth > (select (min(p.period_start::date) - interval '22 years')::date from periods p)
        and ch.date_of_birth <= (select (max(p.period_end::date) - interval '17 years')::date from periods p)
        and exists (select 1 from periods p
          where ch.date_of_birth > (p.period_start::date - interval '22 years')::date
            and ch.date_of_birth <= (p.period_end::date - interval '17 years')::date
            and (ch.date_of_birth + make_interval(years => n.age))::date between p.period_start::date and p.period_end::date)
    ),
    cl_window as (
      select b.*, (b.birthday - interval '3 months')::date as window_start,
        (b.birthday + interval '1 month')::date as window_end,
        (b.dob + interval '14 years')::date as fourteenth,
        (b.dob + interval '16 years')::date as sixteenth,
        (b.dob + interval '18 years')::date as eighteenth
      from cl_birthday b
    ),
    cl_cohort as (
      select w.*, x.left_care, x.reason_left
      from cl_window w
      cross join lateral (
        select
          sum(greatest(0, least(coalesce(e.end_date, w.birthday), w.birthday) - greatest(e.start_date, w.fourteenth)))
            as days_since_14,
          bool_or(coalesce(e.end_date, w.birthday + 1) > w.sixteenth) as after_16,
          bool_or(coalesce(e.end_date, w.birthday + 1) > w.birthday) as looked_after_on_birthday
        from looked_after_episode e
        where e.council_id = ${c} and e.child_id = w.child_id and e.start_date <= w.birthday
          and e.legal_status not in (${shortBreaks})
      ) k
      join lateral (
        select e.end_date as left_care, e.reason_episode_ceased as reason_left
        from looked_after_episode e
        where e.council_id = ${c} and e.child_id = w.child_id and e.end_date <= w.birthday
        order by e.end_date desc, e.start_date desc, e.id desc
        limit 1
      ) x on true
      where k.days_since_14 >= ${weeks13} and k.after_16 and not k.looked_after_on_birthday
        and coalesce(x.reason_left, '') not in (${notLeavers})
        and not exists (select 1 from responsible_authority_elsewhere ra where ra.council_id = ${c}
          and ra.child_id = w.child_id and ra.start_date <= w.window_end
          and (ra.end_date is null or ra.end_date >= w.window_start))
    ),
    cl_touch as (
      select co.*,
        case
          when (co.dod is not null and co.dod <= co.window_end)
            or exists (select 1 from keeping_in_touch_contact k where k.council_id = ${c} and k.child_id = co.child_id
              and k.outcome = 'died' and k.contact_date <= co.window_end) then 'DIED'
          when exists (select 1 from keeping_in_touch_contact k where k.council_id = ${c} and k.child_id = co.child_id
              and k.outcome = 'yes' and k.contact_date between co.window_start and co.window_end) then 'YES'
          when co.reason_left in (${returnedHome}) and co.left_care < co.eighteenth
            and (co.left_care + interval '6 months')::date <= co.birthday then 'RHOM'
          else coalesce((select case k.outcome when 'refused' then 'REFU' when 'returned_home' then 'RHOM'
                when 'no_longer_requires' then 'NREQ' when 'died' then 'DIED' when 'yes' then 'YES' else 'NO' end
              from keeping_in_touch_contact k where k.council_id = ${c} and k.child_id = co.child_id
                and k.contact_date between co.window_start and co.window_end
              order by k.contact_date desc, k.id desc limit 1), 'NO')
        end as in_touch
      from cl_cohort co
    ),
    cl_values as (
      select t.*,
        case when t.in_touch = 'YES' then coalesce(act.activity_code, '0') else '0' end as activ,
        case when t.in_touch = 'YES' and acc.accommodation_type is not null
          then acc.accommodation_type || case when acc.suitable then '1' else '2' end else '0' end as accom,
        acc.unsuitable_reason as recorded_unsuitable_reason
      from cl_touch t
      left join lateral (
        select a.activity_code from care_leaver_activity a
        where a.council_id = ${c} and a.child_id = t.child_id and a.start_date <= t.window_end
          and (a.end_date is null or a.end_date >= t.window_start)
        order by (a.start_date <= t.birthday and (a.end_date is null or a.end_date >= t.birthday)) desc,
          a.start_date desc, a.id desc
        limit 1
      ) act on true
      left join lateral (
        select a.accommodation_type, a.suitable, a.unsuitable_reason from care_leaver_accommodation a
        where a.council_id = ${c} and a.child_id = t.child_id and a.start_date <= t.window_end
          and (a.end_date is null or a.end_date >= t.window_start)
        order by (a.start_date <= t.birthday and (a.end_date is null or a.end_date >= t.birthday)) desc,
          a.start_date desc, a.id desc
        limit 1
      ) acc on true
    )
    select p.period_end::date as period_end, v.child_id, v.age_at_birthday,
      case when v.age_at_birthday <= 18 then '17-18' else '19-21' end as age_band,
      v.birthday, v.window_start, v.window_end, v.in_touch, v.activ, v.accom,
      v.accom like '_1' as accommodation_suitable,
      case
        when v.accom like '_1' then null
        when v.accom like '_2' then coalesce(v.recorded_unsuitable_reason, 'other')
        when v.in_touch <> 'YES' then ${notInTouch}
        else ${notKnown}
      end as unsuitable_reason,
      v.activ in (${eet}) as in_education_employment_training,
      v.in_touch not in ('DIED', 'RHOM') as in_dfe_cohort
    from cl_values v
    join periods p on v.birthday between p.period_start::date and p.period_end::date
      and v.dob > (p.period_start::date - interval '22 years')::date
      and v.dob <= (p.period_end::date - interval '17 years')::date) as care_leaver_outcome
  `
}
