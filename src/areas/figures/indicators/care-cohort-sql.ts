import { sql, type RawBuilder } from 'kysely'

/**
 * SQL pieces shared by the looked-after indicators (cla-rate.ts, placements-3plus-year.ts, …). Each
 * expects the engine's relation `periods (period_start, period_end)` in scope, aliased `p`, and a
 * child aliased `c`.
 *
 * Conventions, from the DfE CLA publication and the SSDA903 guide:
 * - looked after ON a date: an episode started on or before it and not ceased before the next day
 *   (DEC null or after the date). A child whose care ended on 31 March is not looked after at 31 March
 *   (they count among those who ceased in the year), as in the DfE tables;
 * - an agreed series of short breaks (903 LS V3, V4) never counts: "excluding children looked after
 *   under an agreed series of short-term placements" (every CLA table). LS V1 is not a current 903 code;
 * - temporary placements (903 PLACE T0–T4: hospital, holiday, carer's holiday, 7 days or less) are not
 *   placements for the stability measures.
 */

/** 903 LS codes for an agreed series of short breaks. */
export const SHORT_BREAK_LEGAL_STATUSES = ['V3', 'V4'] as const

/** 903 PLACE codes for temporary moves, which the stability measures do not count as placements. */
export const TEMPORARY_PLACEMENTS = ['T0', 'T1', 'T2', 'T3', 'T4'] as const

/** 903 PLACE codes for a child placed for adoption. */
export const PLACED_FOR_ADOPTION = ['A3', 'A4', 'A5', 'A6'] as const

/** 903 RNE codes that start a new placement (S: started to be looked after; P, B: new carer; T, U: same carer). */
export const NEW_PLACEMENT_REASONS = ['S', 'P', 'B', 'T', 'U'] as const

/** 903 RNE codes that start living with a new carer (long-term stability: "the same carer"). */
export const NEW_CARER_REASONS = ['S', 'P', 'B'] as const

/** A parenthesised SQL list of literal codes: `('V3', 'V4')`. The codes are constants, never input. */
export function codeList(codes: readonly string[]): RawBuilder<unknown> {
  return sql`(${sql.join(codes.map((code) => sql.lit(code)))})`
}

/**
 * The child `c` counts in this council's figures for the period `p`: not merged into another record,
 * and not a child for whom another council is the responsible authority at any time in the period.
 */
export function countedChild(councilId: number): RawBuilder<unknown> {
  return sql`c.merged_into_child_id is null
    and not exists (
      select 1 from responsible_authority_elsewhere elsewhere
      where elsewhere.council_id = ${councilId} and elsewhere.child_id = c.id
        and elsewhere.start_date <= p.period_end
        and (elsewhere.end_date is null or elsewhere.end_date >= p.period_start)
    )`
}

/**
 * Children looked after on each period's end (short breaks excluded): one row per period and child,
 * from the episode open that day (the latest to start, should records overlap). Columns: period_start,
 * period_end, child_id, episode_id, period_of_care_id, legal_status, placement_type, distance_miles,
 * placement_inside_boundary, age (whole years on the period end), uasc (unaccompanied asylum-seeking
 * on the period end), care_started (the period of care's start).
 */
export function lookedAfterOnPeriodEnd(councilId: number): RawBuilder<unknown> {
  return sql`
    select distinct on (p.period_end, e.child_id)
      p.period_start, p.period_end, e.child_id, e.id as episode_id, e.period_of_care_id, e.legal_status,
      e.placement_type, e.distance_miles, e.placement_inside_boundary,
      extract(year from age(p.period_end, c.date_of_birth))::int as age,
      (c.uasc and (c.uasc_ceased_date is null or c.uasc_ceased_date > p.period_end)) as uasc,
      care.start_date as care_started
    from periods p
    join looked_after_episode e on e.council_id = ${councilId}
      and e.start_date <= p.period_end and (e.end_date is null or e.end_date > p.period_end)
    join child c on c.council_id = ${councilId} and c.id = e.child_id
    join period_of_care care on care.council_id = ${councilId} and care.child_id = e.child_id
      and care.id = e.period_of_care_id
    where e.legal_status not in ${codeList(SHORT_BREAK_LEGAL_STATUSES)} and ${countedChild(councilId)}
    order by p.period_end, e.child_id, e.start_date desc, e.id desc`
}

/**
 * The 903 OC2 cohort: looked after on the period end (short breaks excluded) and continuously for at
 * least 12 months before it, i.e. the period of care started on or before the day after the same date
 * a year earlier (1 April 2025 for 31 March 2026). Adds `age` as in lookedAfterOnPeriodEnd.
 */
export function continuouslyLookedAfter12Months(councilId: number): RawBuilder<unknown> {
  return sql`
    select cla.* from (${lookedAfterOnPeriodEnd(councilId)}) cla
    where cla.care_started <= (cla.period_end - interval '1 year')::date + 1`
}

/**
 * Children looked after at any time in the period (short breaks excluded): one row per period and
 * child, with the legal status and placement type of the latest episode in the period.
 */
export function lookedAfterDuringPeriod(councilId: number): RawBuilder<unknown> {
  return sql`
    select distinct on (p.period_end, e.child_id)
      p.period_start, p.period_end, e.child_id, e.legal_status, e.placement_type
    from periods p
    join looked_after_episode e on e.council_id = ${councilId}
      and e.start_date <= p.period_end and (e.end_date is null or e.end_date >= p.period_start)
    join child c on c.council_id = ${councilId} and c.id = e.child_id
    where e.legal_status not in ${codeList(SHORT_BREAK_LEGAL_STATUSES)} and ${countedChild(councilId)}
    order by p.period_end, e.child_id, e.start_date desc, e.id desc`
}

/**
 * Missing incidents (903 MISSING = 'M'; 'away from placement' is a different measure) that started in
 * the period while the child was looked after (not on a short break): one row per period and child who
 * went missing, with `incidents`. Every such child is in lookedAfterDuringPeriod.
 */
export function missingIncidentsInPeriod(councilId: number): RawBuilder<unknown> {
  return sql`
    select p.period_end, incident.child_id, count(*)::int as incidents
    from periods p
    join missing_episode incident on incident.council_id = ${councilId} and incident.missing_type = 'M'
      and incident.start_date between p.period_start and p.period_end
    join child c on c.council_id = ${councilId} and c.id = incident.child_id
    where ${countedChild(councilId)}
      and exists (
        select 1 from looked_after_episode e
        where e.council_id = ${councilId} and e.child_id = incident.child_id
          and e.legal_status not in ${codeList(SHORT_BREAK_LEGAL_STATUSES)}
          and e.start_date <= incident.start_date and (e.end_date is null or e.end_date >= incident.start_date)
      )
    group by p.period_end, incident.child_id`
}

/** SDQ ages (903 guide: a questionnaire for children aged 4 to 16 inclusive on 31 March). */
export const SDQ_MIN_AGE = 4
export const SDQ_MAX_AGE = 16

/**
 * The OC2 cohort aged 4 to 16 on the period end, with `sdq_score`: the latest SDQ total difficulties
 * score recorded in the 12 months to the period end (null when none was; a questionnaire not done,
 * 903 SDQ_REASON, has no score).
 */
export function sdqCohort(councilId: number): RawBuilder<unknown> {
  return sql`
    select oc2.*, latest.score as sdq_score
    from (${continuouslyLookedAfter12Months(councilId)}) oc2
    left join lateral (
      select s.score from sdq_assessment s
      where s.council_id = ${councilId} and s.child_id = oc2.child_id and s.score is not null
        and s.completed_date <= oc2.period_end and s.completed_date > (oc2.period_end - interval '1 year')::date
      order by s.completed_date desc, s.id desc
      limit 1
    ) latest on true
    where oc2.age between ${sql.lit(SDQ_MIN_AGE)} and ${sql.lit(SDQ_MAX_AGE)}`
}

/**
 * The settled episodes (no short breaks, no temporary placements) of the children in a relation named
 * `cla` (column child_id), once per child: over the child's whole history, or (`within`
 * 'period_of_care') each period of care on its own, as the long-term stability measure counts carers.
 * Columns child_id, period_of_care_id, start_date, end_date, new_placement, new_carer. Each row says whether the
 * episode began a new placement (`new_placement`: RNE S, P, B, T or U) and whether it began life with
 * a new carer (`new_carer`: RNE S, P or B). Going back to the placement the child left for a temporary
 * one is neither: the same placement record, or, straight after a temporary placement, the same
 * placement type, postcode and Ofsted URN as before it. Every flag looks only at earlier episodes, so
 * it is the same whatever period the episode is later counted in: callers keep the episodes that
 * started by their period's end, and the work is done once per child rather than once per period.
 */
export function settledEpisodes(
  councilId: number,
  within: 'history' | 'period_of_care' = 'history',
): RawBuilder<unknown> {
  const partition = within === 'history' ? sql`e.child_id` : sql`e.child_id, e.period_of_care_id`
  const settledPartition =
    within === 'history' ? sql`ordered.child_id` : sql`ordered.child_id, ordered.period_of_care_id`
  return sql`
    select settled.child_id, settled.period_of_care_id, settled.start_date, settled.end_date,
      settled.reason_new_episode in ${codeList(NEW_PLACEMENT_REASONS)} and not settled.back_to_same_placement
        as new_placement,
      settled.reason_new_episode in ${codeList(NEW_CARER_REASONS)} and not settled.back_to_same_placement as new_carer
    from (
      select ordered.*,
        coalesce(ordered.placement_id = lag(ordered.placement_id) over settled_order, false)
          or coalesce(ordered.after_temporary
            and ordered.placement_type = lag(ordered.placement_type) over settled_order
            and ordered.placement_postcode is not distinct from lag(ordered.placement_postcode) over settled_order
            and ordered.ofsted_urn is not distinct from lag(ordered.ofsted_urn) over settled_order, false)
          as back_to_same_placement
      from (
        select e.child_id, e.period_of_care_id, e.id, e.start_date, e.end_date, e.reason_new_episode, e.placement_type,
          e.placement_id, e.placement_postcode, e.ofsted_urn,
          coalesce(lag(e.placement_type) over (partition by ${partition} order by e.start_date, e.id)
            in ${codeList(TEMPORARY_PLACEMENTS)}, false) as after_temporary
        from looked_after_episode e
        where e.council_id = ${councilId} and e.child_id in (select cla.child_id from cla)
          and e.legal_status not in ${codeList(SHORT_BREAK_LEGAL_STATUSES)}
      ) ordered
      where ordered.placement_type not in ${codeList(TEMPORARY_PLACEMENTS)}
      window settled_order as (partition by ${settledPartition} order by ordered.start_date, ordered.id)
    ) settled`
}
