import { sql } from 'kysely'
import type { Db } from '../../db/database.js'

/** One line of a child's audit trail as the administrator's page and export show it. */
export interface ChildAuditRow {
  seq: number
  occurred_at: Date
  user_id: number | null
  user_role: string | null
  display_name: string | null
  action: string
  entity: string
  entity_id: string | null
  route: string | null
  ip: string | null
}

export interface AuditedChild {
  id: number
  la_child_id: string
}

/**
 * Children in the administrator's own council whose Harbour ID or LA child ID is exactly `text`.
 * A number can be both one child's Harbour ID and another's LA child ID, so up to two come back.
 * Only the IDs are read: the administrator is checking who opened a record, not reading it.
 */
export async function findChildrenByAnyId(
  db: Db,
  councilId: number,
  text: string,
  by?: 'harbour' | 'la',
): Promise<AuditedChild[]> {
  const id = text.trim()
  if (!/^[A-Za-z0-9]{1,20}$/.test(id)) return []
  const asHarbourId = /^\d+$/.test(id) && Number.isSafeInteger(Number(id)) ? Number(id) : undefined
  if (by === 'harbour' && asHarbourId === undefined) return []
  return db
    .selectFrom('child')
    .select(['id', 'la_child_id'])
    .where('council_id', '=', councilId)
    .where((eb) => {
      const byLa = eb(sql<string>`lower(la_child_id)`, '=', id.toLowerCase())
      const byHarbour = asHarbourId === undefined ? undefined : eb('id', '=', asHarbourId)
      if (by === 'la') return byLa
      if (by === 'harbour') return byHarbour ?? eb.val(false)
      return byHarbour === undefined ? byLa : eb.or([byLa, byHarbour])
    })
    .orderBy('id')
    .limit(2)
    .execute()
}

function childAuditQuery(db: Db, councilId: number, childId: number, beforeSeq: number) {
  return db
    .selectFrom('audit_event as e')
    .leftJoin('user_account as u', (join) =>
      join.onRef('u.council_id', '=', 'e.council_id').onRef('u.id', '=', 'e.user_id'),
    )
    .where('e.council_id', '=', councilId)
    .where('e.child_id', '=', childId)
    .where('e.seq', '<', beforeSeq)
}

const COLUMNS = [
  'e.seq',
  'e.occurred_at',
  'e.user_id',
  'e.user_role',
  'u.display_name',
  'e.action',
  'e.entity',
  'e.entity_id',
  'e.route',
  'e.ip',
] as const

/** How many audit rows name the child, up to (not including) beforeSeq. */
export async function countChildAudit(db: Db, councilId: number, childId: number, beforeSeq: number): Promise<number> {
  const result = await childAuditQuery(db, councilId, childId, beforeSeq)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(result.n)
}

/** One page of the child's audit trail, newest first. */
export async function listChildAudit(
  db: Db,
  councilId: number,
  childId: number,
  page: { beforeSeq: number; limit: number; offset: number },
): Promise<ChildAuditRow[]> {
  const rows = await childAuditQuery(db, councilId, childId, page.beforeSeq)
    .select(COLUMNS)
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.seq', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
  return rows.map(normalise)
}

/** The whole trail, newest first, in keyset batches so an export of a long-open case stays small in memory. */
export async function* streamChildAudit(
  db: Db,
  councilId: number,
  childId: number,
  beforeSeq: number,
  batchSize = 1_000,
): AsyncGenerator<ChildAuditRow> {
  let cursor: { occurredAt: Date; seq: number } | undefined
  for (;;) {
    let query = childAuditQuery(db, councilId, childId, beforeSeq)
      .select(COLUMNS)
      .orderBy('e.occurred_at', 'desc')
      .orderBy('e.seq', 'desc')
      .limit(batchSize)
    if (cursor !== undefined) {
      const after = cursor
      query = query.where((eb) => eb(eb.refTuple('e.occurred_at', 'e.seq'), '<', eb.tuple(after.occurredAt, after.seq)))
    }
    const rows = (await query.execute()).map(normalise)
    for (const row of rows) yield row
    const last = rows.at(-1)
    if (last === undefined || rows.length < batchSize) return
    cursor = { occurredAt: last.occurred_at, seq: last.seq }
  }
}

function normalise(row: {
  seq: number
  occurred_at: Date
  user_id: number | null
  user_role: string | null
  display_name: string | null
  action: string
  entity: string
  entity_id: string | null
  route: string | null
  ip: string | null
}): ChildAuditRow {
  return { ...row, seq: Number(row.seq), user_id: row.user_id === null ? null : Number(row.user_id) }
}
