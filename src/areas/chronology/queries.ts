import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../../db/database.js'
import { CATEGORY_KEYS, CHRONOLOGY_EVENTS, type ChronologyCategory, type ChronologyEvent } from './event-types.js'

/**
 * One child's chronology as ONE SQL query: a UNION ALL with a branch per kind of event, each
 * reading its own table through that table's (council_id, child_id, date) index, sorted and
 * paginated in the database. Every branch selects the same columns; the generic ones (code_a,
 * text_a, flag_a, ...) mean what describeEvent (event-summary.ts) says they mean for that event.
 */
export interface ChronologyRow {
  event: ChronologyEvent
  category: ChronologyCategory
  step: number
  /** The calendar date the event happened (Europe/London). */
  occurred_on: string
  /** The exact time, when the record has one. */
  occurred_at: Date | null
  record_id: number
  code_a: string | null
  code_b: string | null
  code_c: string | null
  code_d: string | null
  text_a: string | null
  text_b: string | null
  /** A person's name: the author, visitor, worker or authoriser. */
  text_c: string | null
  flag_a: boolean | null
  flag_b: boolean | null
  flag_c: boolean | null
  number_a: string | null
  date_a: string | null
}

const GENERIC_COLUMNS = {
  code_a: 'text',
  code_b: 'text',
  code_c: 'text',
  code_d: 'text',
  text_a: 'text',
  text_b: 'text',
  text_c: 'text',
  flag_a: 'boolean',
  flag_b: 'boolean',
  flag_c: 'boolean',
  number_a: 'text',
  date_a: 'date',
} as const

type GenericColumn = keyof typeof GENERIC_COLUMNS

interface Branch {
  event: ChronologyEvent
  /** The table, aliased x, and any joins. */
  from: string
  /** SQL for the event's date (a date column, or a timestamptz turned into a London date). */
  on: string
  at?: string
  id?: string
  where?: string
  columns?: Partial<Record<GenericColumn, string>>
}

const londonDate = (column: string) => `(${column} at time zone 'Europe/London')::date`
const person = (alias: string, column: string) =>
  `left join user_account ${alias} on ${alias}.council_id = x.council_id and ${alias}.id = x.${column}`

/** The branches, fixed SQL text only (the child and council are bound parameters). */
const BRANCHES: readonly Branch[] = [
  {
    event: 'case_note',
    from: `case_note x ${person('author', 'author_id')}`,
    on: londonDate('x.occurred_at'),
    at: 'x.occurred_at',
    columns: {
      code_a: 'x.note_type',
      code_b: 'x.child_seen',
      text_a: 'x.title',
      text_b: 'left(x.body, 301)',
      text_c: 'coalesce(author.display_name, x.author_name)',
      flag_a: `x.related_entity = 'case_note'`,
    },
  },
  {
    event: 'contact_received',
    from: 'contact x',
    on: londonDate('x.received_at'),
    at: 'x.received_at',
    columns: { code_a: 'x.source', text_a: 'x.referrer_organisation' },
  },
  {
    event: 'mash_decision',
    from: 'contact x',
    on: londonDate('x.mash_decision_at'),
    at: 'x.mash_decision_at',
    where: 'x.mash_decision_at is not null',
    columns: { code_a: 'x.mash_decision' },
  },
  {
    event: 'referral',
    from: 'referral x',
    on: 'x.referral_date',
    at: 'x.received_at',
    columns: {
      code_a: 'x.source',
      code_b: 'x.primary_need',
      // A re-referral (CIN C1): a previous referral of the same child within 12 months, anniversary
      // included; on the same day, the one recorded second. The same rule as front-door/re-referral.ts.
      flag_a: `exists (select 1 from referral previous where previous.council_id = x.council_id
        and previous.child_id = x.child_id and previous.id <> x.id
        and (previous.referral_date < x.referral_date or (previous.referral_date = x.referral_date and previous.id < x.id))
        and previous.referral_date + interval '12 months' >= x.referral_date)`,
      flag_b: 'x.no_further_action',
    },
  },
  {
    event: 'referral_closed',
    from: 'referral x',
    on: 'x.closure_date',
    where: 'x.closure_date is not null',
    columns: { code_a: 'x.closure_reason' },
  },
  {
    event: 'assessment_started',
    from: 'assessment x',
    on: 'x.start_date',
    columns: { code_a: 'x.assessment_type' },
  },
  {
    event: 'assessment_authorised',
    from: `assessment x ${person('manager', 'authorised_by')}`,
    on: 'x.authorisation_date',
    where: 'x.authorisation_date is not null',
    columns: { code_a: 'x.assessment_type', code_b: 'x.outcome', text_c: 'manager.display_name' },
  },
  {
    event: 'strategy_discussion',
    from: 'strategy_discussion x',
    on: 'x.held_on',
    columns: { code_a: 'x.decision' },
  },
  { event: 'section47_started', from: 'section47_enquiry x', on: 'x.start_date' },
  {
    event: 'section47_ended',
    from: 'section47_enquiry x',
    on: 'x.end_date',
    where: 'x.end_date is not null',
    columns: { code_a: 'x.outcome' },
  },
  {
    event: 'conference',
    from: 'cp_conference x',
    on: 'x.conference_date',
    columns: { code_a: 'x.conference_type', code_b: 'x.decision', code_c: 'x.category' },
  },
  {
    event: 'cp_plan_started',
    from: 'cp_plan x',
    on: 'x.start_date',
    columns: {
      code_a: 'x.initial_category',
      // A second or subsequent plan: an earlier plan here, or plans elsewhere.
      flag_a: `x.previous_plans_elsewhere > 0 or exists (select 1 from cp_plan earlier where earlier.council_id =
        x.council_id and earlier.child_id = x.child_id and earlier.start_date < x.start_date)`,
    },
  },
  {
    event: 'cp_plan_ended',
    from: 'cp_plan x',
    on: 'x.end_date',
    where: 'x.end_date is not null',
    columns: { code_a: 'x.latest_category' },
  },
  { event: 'cin_plan_started', from: 'cin_plan x', on: 'x.start_date' },
  {
    event: 'cin_plan_ended',
    from: 'cin_plan x',
    on: 'x.end_date',
    where: 'x.end_date is not null',
    columns: { code_a: 'x.end_reason' },
  },
  {
    event: 'episode_started',
    from: 'looked_after_episode x',
    on: 'x.start_date',
    columns: {
      code_a: 'x.reason_new_episode',
      code_b: 'x.legal_status',
      code_c: 'x.placement_type',
      // Why the previous placement ended: recorded on the episode that ended the day this one began.
      code_d: `(select previous.reason_place_change from looked_after_episode previous
        where previous.council_id = x.council_id and previous.child_id = x.child_id and previous.id <> x.id
        and previous.end_date = x.start_date order by previous.start_date desc limit 1)`,
      flag_a: 'x.placement_inside_boundary',
      number_a: 'x.distance_miles::text',
    },
  },
  {
    event: 'episode_ended',
    from: 'looked_after_episode x',
    on: 'x.end_date',
    // An episode ending with X1 is followed the same day by the next one: the period of care goes on.
    where: `x.end_date is not null and coalesce(x.reason_episode_ceased, '') <> 'X1'`,
    columns: { code_a: 'x.reason_episode_ceased' },
  },
  {
    event: 'la_review',
    from: `looked_after_review x ${person('chair', 'chair_id')}`,
    on: 'x.review_date',
    columns: { code_a: 'x.participation_code', text_c: 'chair.display_name' },
  },
  {
    event: 'missing',
    from: 'missing_episode x',
    on: 'x.start_date',
    at: 'x.started_at',
    columns: { code_a: 'x.missing_type', date_a: 'x.end_date', flag_a: 'x.reported_to_police' },
  },
  { event: 'adoption_decision', from: 'adoption_decision x', on: 'x.decision_date' },
  {
    event: 'adoption_decision_ceased',
    from: 'adoption_decision x',
    on: 'x.ceased_date',
    where: 'x.ceased_date is not null',
    columns: { code_a: 'x.ceased_reason' },
  },
  { event: 'adoption_best_interests', from: 'adoption x', on: 'x.best_interests_decision_date' },
  {
    event: 'adoption_matched',
    from: 'adoption x',
    on: 'x.matched_date',
    where: 'x.matched_date is not null',
  },
  {
    event: 'allocation',
    from: `worker_allocation x
      join team on team.council_id = x.council_id and team.id = x.team_id
      ${person('worker', 'user_id')}`,
    on: 'x.start_date',
    columns: {
      code_a: 'x.allocation_role',
      // The reason the allocation before this one (same role) ended.
      code_b: `(select previous.reason_for_change from worker_allocation previous
        where previous.council_id = x.council_id and previous.child_id = x.child_id and previous.id <> x.id
        and previous.allocation_role = x.allocation_role and previous.end_date = x.start_date
        order by previous.start_date desc limit 1)`,
      text_a: 'team.name',
      text_c: 'worker.display_name',
    },
  },
  {
    event: 'health_assessment',
    from: 'health_assessment x',
    on: 'x.assessment_date',
    columns: { code_a: 'x.assessment_type' },
  },
  {
    event: 'visit',
    from: `visit x ${person('visitor', 'visitor_id')}`,
    on: 'x.visit_date',
    columns: {
      code_a: 'x.visit_type',
      text_c: 'coalesce(visitor.display_name, x.visitor_name)',
      flag_a: 'x.child_seen',
      flag_b: 'x.seen_alone',
      flag_c: 'x.unannounced',
    },
  },
]

function branchSql(branch: Branch, councilId: number, childId: number): RawBuilder<unknown> {
  const { category, step } = CHRONOLOGY_EVENTS[branch.event]
  const generic = (Object.keys(GENERIC_COLUMNS) as GenericColumn[])
    .map((column) => `(${branch.columns?.[column] ?? 'null'})::${GENERIC_COLUMNS[column]} as ${column}`)
    .join(', ')
  const select = `select '${branch.event}'::text as event, '${category}'::text as category, ${step}::integer as step,
    (${branch.on})::date as occurred_on, (${branch.at ?? 'null'})::timestamptz as occurred_at,
    (${branch.id ?? 'x.id'})::bigint as record_id, ${generic}
    from ${branch.from}`
  const where = branch.where === undefined ? '' : ` and (${branch.where})`
  return sql`${sql.raw(select)} where x.council_id = ${councilId} and x.child_id = ${childId}${sql.raw(where)}`
}

export const CHRONOLOGY_PAGE_SIZE = 100

export interface ChronologyQuery {
  /** Categories to include; empty means all. */
  categories?: readonly ChronologyCategory[]
  order?: 'newest' | 'oldest'
  page?: number
  pageSize?: number
}

export interface ChronologyPage {
  rows: ChronologyRow[]
  total: number
  page: number
  pageSize: number
}

/**
 * A page of the child's chronology. Only the chosen categories' branches are in the query, and the
 * total comes from a window count over the same union, so one query answers the page.
 * Callers are routes with :childId (scope already checked).
 */
export async function chronologyPage(
  db: Db,
  councilId: number,
  childId: number,
  query: ChronologyQuery = {},
): Promise<ChronologyPage> {
  const categories = query.categories !== undefined && query.categories.length > 0 ? query.categories : CATEGORY_KEYS
  const pageSize = query.pageSize ?? CHRONOLOGY_PAGE_SIZE
  const page = Math.max(1, Math.floor(query.page ?? 1))
  const branches = BRANCHES.filter((branch) => categories.includes(CHRONOLOGY_EVENTS[branch.event].category))
  const direction = sql.raw(query.order === 'oldest' ? 'asc' : 'desc')
  const nulls = sql.raw(query.order === 'oldest' ? 'nulls first' : 'nulls last')
  const union = sql.join(
    branches.map((branch) => branchSql(branch, councilId, childId)),
    sql` union all `,
  )
  const result = await sql<ChronologyRow & { total: number | string }>`
    select e.*, count(*) over () as total
    from (${union}) e
    order by e.occurred_on ${direction}, e.step ${direction}, e.occurred_at ${direction} ${nulls},
      e.record_id ${direction}
    limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db)
  const total = result.rows.length > 0 ? Number(result.rows[0]?.total) : 0
  return {
    rows: result.rows.map(({ total: _total, ...row }) => ({ ...row, record_id: Number(row.record_id) })),
    total,
    page,
    pageSize,
  }
}

/** The most recent events, for the child's summary page. */
export async function recentChronology(
  db: Db,
  councilId: number,
  childId: number,
  limit = 5,
): Promise<ChronologyRow[]> {
  return (await chronologyPage(db, councilId, childId, { pageSize: limit })).rows
}
