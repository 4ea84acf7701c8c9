import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { SignedInUser } from '../../web/context.js'
import { ConflictError } from '../../web/errors.js'
import { appendAudit } from '../audit/audit-log.js'

/**
 * Merging a duplicate child record into the record to keep (docs/data-model.md, "Merging a
 * duplicate child"). Which tables hold a child's records is read from the database catalogue at
 * merge time, not listed here, so a table added by a later migration is moved too.
 *
 * - Every base table with a child_id column: its rows move to the kept child, except a row that
 *   would clash with one the kept child already has on a unique key (the same sibling group, the
 *   same year's OC2 row, one UASC detail row): that row stays on the duplicate, which is kept, so
 *   nothing is deleted.
 * - Other columns that point at a child (a brother's relationship to the duplicate, a baby's
 *   parent, an earlier merge into the duplicate) are re-pointed at the kept child, unless that
 *   would make a record point at its own child.
 * - Same-child foreign keys are deferrable: `set constraints all deferred` lets the tables move in
 *   any order, and they are checked at commit, so a table missed would fail the whole merge.
 */

/** Tables with a child_id column that a merge leaves alone, and why. */
export const TABLES_NOT_MOVED: Readonly<Record<string, string>> = {
  audit_event: 'append-only: each event stays recorded against the record it was about',
}

/** Other child references a merge leaves alone, and why. */
export const REFERENCES_NOT_MOVED: Readonly<Record<string, string>> = {
  'child_merge.merged_child_id': 'the merge history names the duplicate',
  'child_merge.surviving_child_id': 'the merge history names the record kept at the time',
}

type Executor = Kysely<Database> | Transaction<Database>

export interface ChildKeyedTable {
  table: string
  /** The other columns of each unique key that includes child_id (empty: one row per child). */
  uniqueKeys: string[][]
  /** Other columns of this table that point at a child (a row must not end up pointing at its own child). */
  childReferences: string[]
}

export interface ChildReference {
  table: string
  column: string
}

/** Every base table with a child_id column, from information_schema, with its unique keys and child references. */
export async function childKeyedTables(db: Executor): Promise<ChildKeyedTable[]> {
  const tables = await sql<{ table_name: string }>`
    select c.table_name::text as table_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and c.column_name = 'child_id' and t.table_type = 'BASE TABLE'
    order by c.table_name`.execute(db)
  const keys = await sql<{ table_name: string; columns: (string | null)[] }>`
    select t.relname::text as table_name, array_agg(a.attname::text order by k.ord) as columns
    from pg_index i
    join pg_class t on t.oid = i.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    cross join lateral unnest(i.indkey::int2[]) with ordinality as k(attnum, ord)
    left join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
    where i.indisunique and n.nspname = current_schema()
    group by t.relname, i.indexrelid`.execute(db)
  const references = await otherChildReferences(db)
  return tables.rows.map(({ table_name: table }) => ({
    table,
    uniqueKeys: keys.rows
      .filter((key) => key.table_name === table && key.columns.includes('child_id'))
      .map((key) => key.columns.filter((column): column is string => column !== 'child_id' && column !== 'council_id'))
      // A key that includes the row's own id can never clash.
      .filter((columns) => !columns.includes('id')),
    childReferences: references.filter((reference) => reference.table === table).map((reference) => reference.column),
  }))
}

/** Columns other than child_id with a foreign key to child (related_child_id, baby_child_id, merged_into_child_id, ...). */
export async function otherChildReferences(db: Executor): Promise<ChildReference[]> {
  const rows = await sql<{ table_name: string; column_name: string }>`
    select distinct source.relname::text as table_name, a.attname::text as column_name
    from pg_constraint c
    join pg_class source on source.oid = c.conrelid
    join pg_class target on target.oid = c.confrelid
    join pg_namespace n on n.oid = source.relnamespace
    cross join lateral unnest(c.conkey) as k(attnum)
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
    where c.contype = 'f' and target.relname = 'child' and n.nspname = current_schema()
      and a.attname not in ('council_id', 'child_id')
    order by 1, 2`.execute(db)
  return rows.rows.map((row) => ({ table: row.table_name, column: row.column_name }))
}

/** Rows of the duplicate in `table` that can move: no clash on a unique key, no self-reference. */
function movable(entry: ChildKeyedTable, keptId: number): RawBuilder<unknown> {
  const conditions = [
    ...entry.uniqueKeys.map(
      (columns) =>
        sql`not exists (select 1 from ${sql.table(entry.table)} as existing where existing.council_id = moving.council_id and existing.child_id = ${keptId}${sql.join(
          columns.map((column) => sql` and existing.${sql.ref(column)} = moving.${sql.ref(column)}`),
          sql``,
        )})`,
    ),
    ...entry.childReferences.map((column) => sql`moving.${sql.ref(column)} is distinct from ${keptId}`),
  ]
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `)
}

const movableReference = (reference: ChildReference, tables: ChildKeyedTable[], keptId: number) =>
  tables.some((entry) => entry.table === reference.table)
    ? sql`moving.child_id is distinct from ${keptId}`
    : reference.table === 'child'
      ? sql`moving.id <> ${keptId}`
      : sql`true`

export interface MergePlanRow {
  /** Table, or table.column for another reference to the child. */
  records: string
  label: string
  /** Rows that will move to (or be re-pointed at) the kept record. */
  moving: number
  /** Rows that stay on the duplicate because the kept record already has the same (see TABLES_NOT_MOVED for whole tables). */
  staying: number
}

const LABELS: Readonly<Record<string, string>> = {
  case_note: 'Case notes',
  contact: 'Contacts',
  referral: 'Referrals',
  assessment: 'Assessments',
  worker_allocation: 'Worker allocations',
  child_relationship: 'Family and people',
  'child_relationship.related_child_id': 'Other children’s links to this child',
  sibling_group_member: 'Sibling group memberships',
  sibling_group_member_ended: 'Past sibling group memberships',
  child_access_grant: 'People named on a restricted record',
  visit: 'Visits',
  looked_after_episode: 'Looked-after episodes',
  period_of_care: 'Periods of care',
  placement: 'Placements',
  cp_plan: 'Child protection plans',
  cin_plan: 'Child in need plans',
  'child.merged_into_child_id': 'Records merged into this one earlier',
}

export function recordsLabel(records: string): string {
  const label = LABELS[records]
  if (label !== undefined) return label
  const words = records.replace('.', ': ').replaceAll('_', ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** What a merge would move, per record type (only types with rows). */
export async function mergePlan(
  db: Executor,
  councilId: number,
  keptId: number,
  duplicateId: number,
): Promise<MergePlanRow[]> {
  const tables = (await childKeyedTables(db)).filter((entry) => TABLES_NOT_MOVED[entry.table] === undefined)
  const plan: MergePlanRow[] = []
  for (const entry of tables) {
    const { rows } = await sql<{ total: number; moving: number }>`
      select count(*)::int as total, count(*) filter (where ${movable(entry, keptId)})::int as moving
      from ${sql.table(entry.table)} as moving
      where moving.council_id = ${councilId} and moving.child_id = ${duplicateId}`.execute(db)
    const counts = rows[0] ?? { total: 0, moving: 0 }
    if (counts.total > 0) {
      plan.push({
        records: entry.table,
        label: recordsLabel(entry.table),
        moving: counts.moving,
        staying: counts.total - counts.moving,
      })
    }
  }
  for (const reference of await otherChildReferences(db)) {
    const records = `${reference.table}.${reference.column}`
    if (REFERENCES_NOT_MOVED[records] !== undefined) continue
    const { rows } = await sql<{ total: number; moving: number }>`
      select count(*)::int as total, count(*) filter (where ${movableReference(reference, tables, keptId)})::int as moving
      from ${sql.table(reference.table)} as moving
      where moving.council_id = ${councilId} and moving.${sql.ref(reference.column)} = ${duplicateId}`.execute(db)
    const counts = rows[0] ?? { total: 0, moving: 0 }
    if (counts.total > 0) {
      plan.push({ records, label: recordsLabel(records), moving: counts.moving, staying: counts.total - counts.moving })
    }
  }
  return plan
}

export class MergeNotAllowedError extends Error {
  override name = 'MergeNotAllowedError'
}

const RESTRICTION_RANK = { none: 0, restricted: 1, sealed: 2 } as const

/**
 * Merges the duplicate into the kept record in one transaction: every child-keyed row moves, the
 * duplicate stays (merged_into_child_id set) so old links still resolve, a child_merge row records
 * who, when, why and how many rows moved, and both children get an audit row. The kept record takes
 * the stricter restriction of the two, so merging never uncovers a restricted record.
 */
export async function mergeChildren(
  db: Db,
  user: SignedInUser,
  merge: { keptId: number; duplicateId: number; keptVersion: number; duplicateVersion: number; reason: string },
  ip: string,
): Promise<{ childMergeId: number; moved: Record<string, number> }> {
  const { keptId, duplicateId } = merge
  if (keptId === duplicateId) throw new MergeNotAllowedError('A record cannot be merged into itself')
  return db.transaction().execute(async (trx) => {
    await sql`set constraints all deferred`.execute(trx)
    const children = await trx
      .selectFrom('child')
      .selectAll()
      .where('council_id', '=', user.councilId)
      .where('id', 'in', [keptId, duplicateId])
      .orderBy('id')
      .forUpdate()
      .execute()
    const kept = children.find((child) => child.id === keptId)
    const duplicate = children.find((child) => child.id === duplicateId)
    if (kept === undefined || duplicate === undefined) throw new MergeNotAllowedError('Both records must exist')
    if (kept.merged_into_child_id !== null || duplicate.merged_into_child_id !== null) {
      throw new MergeNotAllowedError('One of these records has already been merged')
    }
    if (kept.version !== merge.keptVersion || duplicate.version !== merge.duplicateVersion) {
      throw new ConflictError(
        'Someone else has changed one of these records',
        { 'Record to keep': `version ${merge.keptVersion}`, Duplicate: `version ${merge.duplicateVersion}` },
        { 'Record to keep': `version ${kept.version}`, Duplicate: `version ${duplicate.version}` },
        `/children/${keptId}/merge`,
      )
    }
    const tables = (await childKeyedTables(trx)).filter((entry) => TABLES_NOT_MOVED[entry.table] === undefined)
    const moved: Record<string, number> = {}
    const stayed: Record<string, number> = {}
    for (const entry of tables) {
      const result = await sql`
        update ${sql.table(entry.table)} as moving set child_id = ${keptId}
        where moving.council_id = ${user.councilId} and moving.child_id = ${duplicateId} and ${movable(entry, keptId)}`.execute(
        trx,
      )
      const count = Number(result.numAffectedRows ?? 0)
      if (count > 0) moved[entry.table] = count
      const left = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.table(entry.table)}
        where council_id = ${user.councilId} and child_id = ${duplicateId}`.execute(trx)
      if ((left.rows[0]?.n ?? 0) > 0) stayed[entry.table] = left.rows[0]?.n ?? 0
    }
    for (const reference of await otherChildReferences(trx)) {
      const records = `${reference.table}.${reference.column}`
      if (REFERENCES_NOT_MOVED[records] !== undefined) continue
      const result = await sql`
        update ${sql.table(reference.table)} as moving set ${sql.ref(reference.column)} = ${keptId}
        where moving.council_id = ${user.councilId} and moving.${sql.ref(reference.column)} = ${duplicateId}
          and ${movableReference(reference, tables, keptId)}`.execute(trx)
      const count = Number(result.numAffectedRows ?? 0)
      if (count > 0) moved[records] = count
    }
    const keptRank = RESTRICTION_RANK[kept.restriction ?? 'none']
    const duplicateRank = RESTRICTION_RANK[duplicate.restriction ?? 'none']
    await trx
      .updateTable('child')
      .set({
        version: sql`version + 1`,
        updated_at: new Date(),
        ...(duplicateRank > keptRank
          ? { restriction: duplicate.restriction, restriction_reason: duplicate.restriction_reason }
          : {}),
      })
      .where('council_id', '=', user.councilId)
      .where('id', '=', keptId)
      .execute()
    await trx
      .updateTable('child')
      .set({ merged_into_child_id: keptId, version: sql`version + 1`, updated_at: new Date() })
      .where('council_id', '=', user.councilId)
      .where('id', '=', duplicateId)
      .execute()
    const record = await trx
      .insertInto('child_merge')
      .values({
        council_id: user.councilId,
        merged_child_id: duplicateId,
        surviving_child_id: keptId,
        reason: merge.reason,
        moved_records: JSON.stringify(moved),
        duplicate_snapshot: JSON.stringify(duplicate),
        merged_by: user.id,
        undone_at: null,
        undone_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const [childId, otherId, role] of [
      [keptId, duplicateId, 'kept'],
      [duplicateId, keptId, 'duplicate'],
    ] as const) {
      await appendAudit(trx, {
        councilId: user.councilId,
        userId: user.id,
        userRole: user.role,
        action: 'merge',
        entity: 'child',
        entityId: childId,
        childId,
        route: 'POST /children/:childId/merge/check',
        ip,
        detail:
          role === 'kept'
            ? { childMergeId: record.id, mergedChildId: otherId, moved, restrictionTaken: duplicateRank > keptRank }
            : { childMergeId: record.id, mergedIntoChildId: otherId, stayed },
      })
    }
    return { childMergeId: record.id, moved }
  })
}
