import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../../../db/database.js'
import { careLeaverOutcomesSql } from '../../care-leavers/outcomes-sql.js'
import { collectionYearBounds, returnDate, returnPartialDate } from './dates.js'
import { emptyReturn903, tablesForYear, type Return903, type Row903, type Table903 } from './tables.js'

/**
 * Builds the SSDA903 return for a collection year from the live record. Each table is one bulk query
 * (never one per child); rows are sorted by CHILD, then date, in JavaScript so the order does not
 * depend on the database's collation. Who is in each table (DfE guide, as Harbour reads it):
 * - Episodes: every episode open at any point in the year; an episode still open on 31 March is
 *   returned open (DEC, REC and REASON_PLACE_CHANGE blank) even if it has ended since.
 * - Header: every child with a row in any other table.
 * - UASC: children in Episodes who were unaccompanied asylum-seeking children during the year.
 * - Reviews, Missing, PlacedAdoption: records in (or overlapping) the year.
 * - SWEpisodes, DoLo: records overlapping the year of children in Episodes.
 * - OC2: children looked after continuously for at least 12 months at 31 March (short-break-only
 *   children excluded): the stored oc2_outcome row for the year, else derived from SDQ, health and
 *   dental records in the year.
 * - OC3: care leavers with their 17th to 21st birthday in the year: the stored oc3_outcome row (as
 *   returned or imported), else careLeaverOutcomesSql from the care-leaver history.
 * - AD1: children whose episode ended in the year by adoption (REC E11, E12), with their adoption record.
 * - PrevPerm: the latest previous-permanence record of each child in Episodes.
 */
export interface Build903Options {
  /** Only these children (Harbour ids); the validation engine uses it for one child. */
  childIds?: number[]
}

type Rows<T> = Promise<T[]>

export async function build903Return(
  db: Db,
  councilId: number,
  year: number,
  options: Build903Options = {},
): Promise<Return903> {
  const result = emptyReturn903(year)
  if (options.childIds !== undefined && options.childIds.length === 0) return result
  const scope = new QueryScope(councilId, year, options.childIds)
  const tables = new Set(tablesForYear(year))

  const episodes = await episodeRows(db, scope)
  const inEpisodes = new Set(episodes.map((row) => row.child_id))
  result.tables.Episodes = episodes.map((row) => episodeRow(row, scope.end))
  result.tables.Reviews = (await reviewRows(db, scope)).map((row) => ({
    CHILD: row.la_child_id,
    DOB: '',
    REVIEW: returnDate(row.review_date),
    REVIEW_CODE: row.participation_code,
  }))
  result.tables.Missing = (await missingRows(db, scope)).map((row) => ({
    CHILD: row.la_child_id,
    DOB: '',
    MISSING: row.missing_type,
    MIS_START: returnDate(row.start_date),
    MIS_END: row.end_date !== null && row.end_date <= scope.end ? returnDate(row.end_date) : '',
  }))
  result.tables.OC2 = (await oc2Rows(db, scope)).map(oc2Row)
  result.tables.OC3 = (await oc3Rows(db, scope)).map((row) => ({
    CHILD: row.la_child_id,
    DOB: '',
    IN_TOUCH: row.in_touch,
    ACTIV: row.activ,
    ACCOM: row.accom,
  }))
  result.tables.AD1 = (await adoptionRows(db, scope)).map((row) => ({
    CHILD: row.la_child_id,
    DOB: '',
    DATE_INT: returnDate(row.best_interests_decision_date),
    DATE_MATCH: returnDate(row.matched_date),
    FOSTER_CARE: flag(row.adopted_by_foster_carer),
    NB_ADOPTR: row.number_of_adopters === null ? '' : String(row.number_of_adopters),
    SEX_ADOPTR: row.adopter_sex ?? '',
    LS_ADOPTR: row.adopter_legal_status ?? '',
  }))
  // Rule 1012: a child with no episode in the year (a care leaver in OC3 only) has no other data.
  result.tables.PlacedAdoption = (await placedAdoptionRows(db, scope))
    .filter((row) => inEpisodes.has(row.child_id))
    .map((row) => {
      const ceased = row.ceased_date !== null && row.ceased_date <= scope.end
      return {
        CHILD: row.la_child_id,
        DOB: '',
        DATE_PLACED: returnDate(row.decision_date),
        DATE_PLACED_CEASED: ceased ? returnDate(row.ceased_date) : '',
        REASON_PLACED_CEASED: ceased ? (row.ceased_reason ?? '') : '',
      }
    })
  result.tables.PrevPerm = (await previousPermanenceRows(db, scope))
    .filter((row) => inEpisodes.has(row.child_id))
    .map((row) => ({
      CHILD: row.la_child_id,
      DOB: '',
      PREV_PERM: row.permanence_option,
      LA_PERM: row.arranging_la ?? '',
      DATE_PERM: returnPartialDate(row.order_year, row.order_month, row.order_day),
    }))
  if (tables.has('SWEpisodes')) {
    result.tables.SWEpisodes = (await socialWorkerRows(db, scope))
      .filter((row) => inEpisodes.has(row.child_id))
      .map((row) => {
        const ended = row.sw_dec !== null && row.sw_dec <= scope.end
        return {
          CHILD: row.la_child_id,
          DOB: '',
          SW_ID: row.sw_id ?? '',
          SW_DECOM: returnDate(row.sw_decom),
          SW_DEC: ended ? returnDate(row.sw_dec) : '',
          SW_REASON: ended ? (row.sw_reason ?? '') : '',
        }
      })
  }
  if (tables.has('DoLo')) {
    result.tables.DoLo = (await dolRows(db, scope))
      .filter((row) => inEpisodes.has(row.child_id))
      .map((row) => ({
        CHILD: row.la_child_id,
        DOB: '',
        DOLO_START: returnDate(row.start_date),
        DOLO_END: row.end_date !== null && row.end_date <= scope.end ? returnDate(row.end_date) : '',
      }))
  }
  const inReturn = new Set<string>()
  for (const table of tablesForYear(year)) for (const row of result.tables[table]) inReturn.add(row['CHILD'] ?? '')
  const headers = await headerRows(db, scope)
  const headerByChild = new Map<string, Row903>()
  const uasc: Row903[] = []
  for (const child of headers) {
    if (!inReturn.has(child.la_child_id)) continue
    headerByChild.set(child.la_child_id, headerRow(child, inEpisodes.has(child.child_id)))
    const wasUasc = child.uasc || child.uasc_ceased_date !== null
    const ceasedBefore = child.uasc_ceased_date !== null && child.uasc_ceased_date < scope.start
    if (wasUasc && !ceasedBefore && inEpisodes.has(child.child_id)) {
      uasc.push({
        CHILD: child.la_child_id,
        SEX: child.sex,
        DOB: returnDate(child.date_of_birth),
        DUC:
          child.uasc_ceased_date !== null && child.uasc_ceased_date <= scope.end
            ? returnDate(child.uasc_ceased_date)
            : '',
      })
    }
  }
  result.tables.Header = [...headerByChild.values()]
  result.tables.UASC = uasc
  // Every table but Header and UASC repeats the child's DOB from the header.
  for (const table of tablesForYear(year)) {
    if (table === 'Header' || table === 'UASC' || table === 'Episodes') continue
    for (const row of result.tables[table]) row['DOB'] = headerByChild.get(row['CHILD'] ?? '')?.['DOB'] ?? ''
  }
  for (const table of tablesForYear(year)) result.tables[table].sort(compareRows(table))
  return result
}

/** Sort keys: CHILD, then the table's date, then the rest of the row (so ties are still stable). */
const DATE_COLUMN: Partial<Record<Table903, string>> = {
  Episodes: 'DECOM',
  Reviews: 'REVIEW',
  Missing: 'MIS_START',
  PlacedAdoption: 'DATE_PLACED',
  SWEpisodes: 'SW_DECOM',
  DoLo: 'DOLO_START',
}

function sortableDate(value: string | undefined): string {
  if (value === undefined || value.length !== 10) return value ?? ''
  return `${value.slice(6)}${value.slice(3, 5)}${value.slice(0, 2)}`
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function compareRows(table: Table903): (a: Row903, b: Row903) => number {
  const dateColumn = DATE_COLUMN[table]
  return (a, b) =>
    compareText(a['CHILD'] ?? '', b['CHILD'] ?? '') ||
    (dateColumn === undefined ? 0 : compareText(sortableDate(a[dateColumn]), sortableDate(b[dateColumn]))) ||
    compareText(Object.values(a).join('\u0000'), Object.values(b).join('\u0000'))
}

function flag(value: boolean | null): string {
  return value === null ? '' : value ? '1' : '0'
}

class QueryScope {
  readonly start: string
  readonly end: string
  constructor(
    readonly councilId: number,
    readonly year: number,
    readonly childIds: number[] | undefined,
  ) {
    const bounds = collectionYearBounds(year)
    this.start = bounds.start
    this.end = bounds.end
  }

  /** `and <column> in (...)` when the build is for some children only. */
  children(column: string): RawBuilder<unknown> {
    if (this.childIds === undefined) return sql``
    return sql`and ${sql.ref(column)} in (${sql.join(this.childIds.map((id) => sql.lit(id)))})`
  }

  /** The child join every query uses: the child's 903 id, merged duplicates left out. */
  child(alias: string): RawBuilder<unknown> {
    return sql`join child c on c.council_id = ${sql.ref(`${alias}.council_id`)} and c.id = ${sql.ref(`${alias}.child_id`)}
      and c.merged_into_child_id is null`
  }
}

async function run<T>(db: Db, query: RawBuilder<T>): Rows<T> {
  return (await query.execute(db)).rows
}

interface ChildKeyed {
  child_id: number
  la_child_id: string
}

interface EpisodeRow extends ChildKeyed {
  start_date: string
  reason_new_episode: string
  legal_status: string
  category_of_need: string
  placement_type: string
  placement_provider: string | null
  end_date: string | null
  reason_episode_ceased: string | null
  reason_place_change: string | null
  home_postcode: string | null
  placement_postcode: string | null
  ofsted_urn: string | null
}

function episodeRows(db: Db, s: QueryScope): Rows<EpisodeRow> {
  return run(
    db,
    sql<EpisodeRow>`select e.child_id, c.la_child_id, e.start_date, e.reason_new_episode, e.legal_status,
        e.category_of_need, e.placement_type, e.placement_provider, e.end_date, e.reason_episode_ceased,
        e.reason_place_change, e.home_postcode, e.placement_postcode, e.ofsted_urn
      from looked_after_episode e ${s.child('e')}
      where e.council_id = ${s.councilId} and e.start_date <= ${s.end}
        and (e.end_date is null or e.end_date >= ${s.start}) ${s.children('e.child_id')}`,
  )
}

/** An episode as the return shows it at 31 March of the year. */
export function episodeRow(row: EpisodeRow, yearEnd: string): Row903 {
  const ended = row.end_date !== null && row.end_date <= yearEnd
  return {
    CHILD: row.la_child_id,
    DECOM: returnDate(row.start_date),
    RNE: row.reason_new_episode,
    LS: row.legal_status,
    CIN: row.category_of_need,
    PLACE: row.placement_type,
    PLACE_PROVIDER: row.placement_provider ?? '',
    DEC: ended ? returnDate(row.end_date) : '',
    REC: ended ? (row.reason_episode_ceased ?? '') : '',
    REASON_PLACE_CHANGE: ended ? (row.reason_place_change ?? '') : '',
    HOME_POST: row.home_postcode ?? '',
    PL_POST: row.placement_postcode ?? '',
    URN: row.ofsted_urn ?? '',
  }
}

function reviewRows(db: Db, s: QueryScope): Rows<ChildKeyed & { review_date: string; participation_code: string }> {
  return run(
    db,
    sql`select r.child_id, c.la_child_id, r.review_date, r.participation_code
      from looked_after_review r ${s.child('r')}
      where r.council_id = ${s.councilId} and r.review_date between ${s.start} and ${s.end} ${s.children('r.child_id')}`,
  )
}

function missingRows(
  db: Db,
  s: QueryScope,
): Rows<ChildKeyed & { missing_type: string; start_date: string; end_date: string | null }> {
  return run(
    db,
    sql`select m.child_id, c.la_child_id, m.missing_type, m.start_date, m.end_date
      from missing_episode m ${s.child('m')}
      where m.council_id = ${s.councilId} and m.start_date <= ${s.end}
        and (m.end_date is null or m.end_date >= ${s.start}) ${s.children('m.child_id')}`,
  )
}

interface Oc2Source extends ChildKeyed {
  stored: boolean
  sdq_score: number | null
  sdq_reason: string | null
  convicted: boolean | null
  health_check: boolean | null
  immunisations: boolean | null
  teeth_check: boolean | null
  health_assessment: boolean | null
  substance_misuse: boolean | null
  intervention_received: boolean | null
  intervention_offered: boolean | null
}

function oc2Rows(db: Db, s: QueryScope): Rows<Oc2Source> {
  // Looked after continuously for 12 months at 31 March: a period of care that started on or before
  // 1 April of the year before and had not ended by 31 March, with at least one episode that is not
  // a short break (V3, V4) in the year.
  return run(
    db,
    sql<Oc2Source>`with eligible as (
        select distinct p.child_id from period_of_care p
        where p.council_id = ${s.councilId} and p.start_date <= ${s.start}
          and (p.end_date is null or p.end_date > ${s.end}) ${s.children('p.child_id')}
          and exists (select 1 from looked_after_episode e where e.council_id = p.council_id
            and e.child_id = p.child_id and e.period_of_care_id = p.id and e.legal_status not in ('V3', 'V4')
            and e.start_date <= ${s.end} and (e.end_date is null or e.end_date >= ${s.start}))
      )
      select g.child_id, c.la_child_id, o.id is not null as stored,
        coalesce(o.sdq_score, case when o.id is null then q.score end) as sdq_score,
        coalesce(o.sdq_reason, case when o.id is null then q.reason_not_completed end) as sdq_reason,
        o.convicted, o.health_check, o.immunisations,
        case when o.id is null then exists (select 1 from dental_check d where d.council_id = g.council_id
          and d.child_id = g.child_id and d.check_date between ${s.start} and ${s.end}) else o.teeth_check end as teeth_check,
        case when o.id is null then exists (select 1 from health_assessment h where h.council_id = g.council_id
          and h.child_id = g.child_id and h.assessment_date between ${s.start} and ${s.end}) else o.health_assessment end
          as health_assessment,
        o.substance_misuse, o.intervention_received, o.intervention_offered
      from (select ${s.councilId}::integer as council_id, child_id from eligible) g ${s.child('g')}
      left join oc2_outcome o on o.council_id = g.council_id and o.child_id = g.child_id
        and o.collection_year = ${s.year}
      left join lateral (select sq.score, sq.reason_not_completed from sdq_assessment sq
        where sq.council_id = g.council_id and sq.child_id = g.child_id and sq.completed_date between ${s.start} and ${s.end}
        order by sq.completed_date desc, sq.id desc limit 1) q on true`,
  )
}

function oc2Row(row: Oc2Source): Row903 {
  return {
    CHILD: row.la_child_id,
    DOB: '',
    SDQ_SCORE: row.sdq_score === null ? '' : String(row.sdq_score),
    SDQ_REASON: row.sdq_reason ?? '',
    CONVICTED: flag(row.convicted),
    HEALTH_CHECK: flag(row.health_check),
    IMMUNISATIONS: flag(row.immunisations),
    TEETH_CHECK: flag(row.teeth_check),
    HEALTH_ASSESSMENT: flag(row.health_assessment),
    SUBSTANCE_MISUSE: flag(row.substance_misuse),
    INTERVENTION_RECEIVED: flag(row.intervention_received),
    INTERVENTION_OFFERED: flag(row.intervention_offered),
  }
}

function oc3Rows(db: Db, s: QueryScope): Rows<ChildKeyed & { in_touch: string; activ: string; accom: string }> {
  return run(
    db,
    sql`with periods as (select ${s.start}::date as period_start, ${s.end}::date as period_end),
      computed as (select distinct on (o.child_id) o.child_id, o.in_touch, o.activ, o.accom
        from (${careLeaverOutcomesSql({ councilId: s.councilId })}) o
        order by o.child_id, o.birthday),
      stored as (select o.child_id, o.in_touch, o.activity as activ, o.accommodation as accom from oc3_outcome o
        where o.council_id = ${s.councilId} and o.collection_year = ${s.year})
      select x.child_id, c.la_child_id, x.in_touch, x.activ, x.accom
      from (select ${s.councilId}::integer as council_id, * from stored
        union all select ${s.councilId}::integer, * from computed
          where child_id not in (select child_id from stored)) x ${s.child('x')}
      where true ${s.children('x.child_id')}`,
  )
}

interface AdoptionSource extends ChildKeyed {
  best_interests_decision_date: string | null
  matched_date: string | null
  adopted_by_foster_carer: boolean | null
  number_of_adopters: number | null
  adopter_sex: string | null
  adopter_legal_status: string | null
}

function adoptionRows(db: Db, s: QueryScope): Rows<AdoptionSource> {
  return run(
    db,
    sql<AdoptionSource>`select distinct on (e.child_id) e.child_id, c.la_child_id, a.best_interests_decision_date,
        a.matched_date, a.adopted_by_foster_carer, a.number_of_adopters, a.adopter_sex, a.adopter_legal_status
      from looked_after_episode e ${s.child('e')}
      left join lateral (select * from adoption x where x.council_id = e.council_id and x.child_id = e.child_id
        order by x.best_interests_decision_date desc, x.id desc limit 1) a on true
      where e.council_id = ${s.councilId} and e.reason_episode_ceased in ('E11', 'E12')
        and e.end_date between ${s.start} and ${s.end} ${s.children('e.child_id')}
      order by e.child_id, e.end_date desc`,
  )
}

function placedAdoptionRows(
  db: Db,
  s: QueryScope,
): Rows<ChildKeyed & { decision_date: string; ceased_date: string | null; ceased_reason: string | null }> {
  return run(
    db,
    sql`select d.child_id, c.la_child_id, d.decision_date, d.ceased_date, d.ceased_reason
      from adoption_decision d ${s.child('d')}
      where d.council_id = ${s.councilId} and d.decision_date <= ${s.end}
        and (d.ceased_date is null or d.ceased_date >= ${s.start}) ${s.children('d.child_id')}`,
  )
}

interface PrevPermSource extends ChildKeyed {
  permanence_option: string
  arranging_la: string | null
  order_year: number | null
  order_month: number | null
  order_day: number | null
}

function previousPermanenceRows(db: Db, s: QueryScope): Rows<PrevPermSource> {
  return run(
    db,
    sql<PrevPermSource>`select distinct on (p.child_id) p.child_id, c.la_child_id, p.permanence_option, p.arranging_la,
        p.order_year, p.order_month, p.order_day
      from previous_permanence p ${s.child('p')}
      where p.council_id = ${s.councilId} ${s.children('p.child_id')}
      order by p.child_id, p.id desc`,
  )
}

interface SocialWorkerSource extends ChildKeyed {
  sw_id: string | null
  sw_decom: string
  sw_dec: string | null
  sw_reason: string | null
}

function socialWorkerRows(db: Db, s: QueryScope): Rows<SocialWorkerSource> {
  return run(
    db,
    sql<SocialWorkerSource>`select w.child_id, c.la_child_id, w.sw_id, w.sw_decom, w.sw_dec, w.sw_reason
      from social_worker_episode w ${s.child('w')}
      where w.council_id = ${s.councilId} and w.sw_decom <= ${s.end}
        and (w.sw_dec is null or w.sw_dec >= ${s.start}) ${s.children('w.child_id')}`,
  )
}

function dolRows(db: Db, s: QueryScope): Rows<ChildKeyed & { start_date: string; end_date: string | null }> {
  return run(
    db,
    sql`select d.child_id, c.la_child_id, d.start_date, d.end_date
      from deprivation_of_liberty d ${s.child('d')}
      where d.council_id = ${s.councilId} and d.start_date <= ${s.end}
        and (d.end_date is null or d.end_date >= ${s.start}) ${s.children('d.child_id')}`,
  )
}

interface HeaderSource extends ChildKeyed {
  sex: string
  date_of_birth: string | null
  ethnicity: string
  upn: string | null
  upn_unknown_reason: string | null
  uasc: boolean
  uasc_ceased_date: string | null
  first_baby: string | null
}

function headerRows(db: Db, s: QueryScope): Rows<HeaderSource> {
  return run(
    db,
    sql<HeaderSource>`select c.id as child_id, c.la_child_id, c.sex, c.date_of_birth, c.ethnicity, c.upn,
        c.upn_unknown_reason, c.uasc, c.uasc_ceased_date, p.first_baby
      from child c
      left join (select child_id, min(baby_date_of_birth) as first_baby from child_parenthood
        where council_id = ${s.councilId} and baby_date_of_birth <= ${s.end} group by child_id) p on p.child_id = c.id
      where c.council_id = ${s.councilId} and c.merged_into_child_id is null ${s.children('c.id')}`,
  )
}

/**
 * MOTHER is returned for female children looked after in the year: 1 with a baby born by 31 March,
 * else 0; blank otherwise, including care leavers with no episode in the year (rule 628).
 */
function headerRow(child: HeaderSource, lookedAfterInYear: boolean): Row903 {
  const female = child.sex === 'F' && lookedAfterInYear
  return {
    CHILD: child.la_child_id,
    SEX: child.sex,
    DOB: returnDate(child.date_of_birth),
    ETHNIC: child.ethnicity,
    UPN: child.upn ?? child.upn_unknown_reason ?? '',
    MOTHER: female ? (child.first_baby === null ? '0' : '1') : '',
    MC_DOB: female ? returnDate(child.first_baby) : '',
  }
}
