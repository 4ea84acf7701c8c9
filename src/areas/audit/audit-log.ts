import { createHash } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'

export type AuditAction =
  'read' | 'create' | 'update' | 'delete' | 'export' | 'search' | 'denied' | 'sign-in' | 'sign-out' | 'merge'

export interface AuditEntry {
  councilId: number
  userId: number | null
  userRole: string | null
  action: AuditAction
  /** What kind of record, e.g. 'child', 'case_note', 'child_access_grant'. */
  entity: string
  entityId?: string | number | null
  childId?: number | null
  route?: string | null
  ip?: string | null
  /** Identifiers and field names only: never names, notes or other content about a child. */
  detail?: Record<string, unknown> | null
}

/** Who is acting, as every audit row records them: spread it into an AuditEntry. */
export function auditActor(user: { councilId: number; id: number; role: string }) {
  return { councilId: user.councilId, userId: user.id, userRole: user.role }
}

export const GENESIS_HASH = '0'.repeat(64)

interface HashedFields {
  council_id: number
  seq: number
  occurred_at: string
  user_id: number | null
  user_role: string | null
  action: string
  entity: string
  entity_id: string | null
  child_id: number | null
  route: string | null
  ip: string | null
  detail: string | null
  prev_hash: string
}

/** The hash covers every stored field and the previous row's hash, so editing or removing a row breaks the chain. */
export function hashAuditRow(fields: HashedFields): string {
  const canonical = JSON.stringify([
    fields.council_id,
    fields.seq,
    fields.occurred_at,
    fields.user_id,
    fields.user_role,
    fields.action,
    fields.entity,
    fields.entity_id,
    fields.child_id,
    fields.route,
    fields.ip,
    fields.detail,
    fields.prev_hash,
  ])
  return createHash('sha256').update(canonical).digest('hex')
}

/** A stable JSON text for the detail column, so the hash can be recomputed from what the database returns. */
export function canonicalDetail(detail: unknown): string | null {
  if (detail === null || detail === undefined) return null
  const sortKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sortKeys)
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([key, inner]) => [key, sortKeys(inner)]),
      )
    }
    return value
  }
  return JSON.stringify(sortKeys(detail))
}

/**
 * Appends to the council's audit chain inside the caller's transaction, so the audit row commits or
 * rolls back with the change it records. The chain head row is locked, which serialises appends per
 * council and keeps sequence numbers gap-free.
 */
export async function appendAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<number> {
  await trx
    .insertInto('audit_chain')
    .values({ council_id: entry.councilId, last_seq: 0, last_hash: GENESIS_HASH })
    .onConflict((conflict) => conflict.column('council_id').doNothing())
    .execute()
  const head = await trx
    .selectFrom('audit_chain')
    .select(['last_seq', 'last_hash'])
    .where('council_id', '=', entry.councilId)
    .forUpdate()
    .executeTakeFirstOrThrow()
  // Millisecond precision, as text: what is hashed is exactly what is stored and read back.
  const occurredAt = new Date().toISOString()
  const fields: HashedFields = {
    council_id: entry.councilId,
    seq: Number(head.last_seq) + 1,
    occurred_at: occurredAt,
    user_id: entry.userId,
    user_role: entry.userRole,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    child_id: entry.childId ?? null,
    route: entry.route ?? null,
    ip: entry.ip ?? null,
    detail: canonicalDetail(entry.detail),
    prev_hash: head.last_hash,
  }
  const hash = hashAuditRow(fields)
  await trx
    .insertInto('audit_event')
    .values({ ...fields, hash })
    .execute()
  await trx
    .updateTable('audit_chain')
    .set({ last_seq: fields.seq, last_hash: hash })
    .where('council_id', '=', entry.councilId)
    .execute()
  return fields.seq
}

/** For reads that change nothing: one short transaction holding just the audit row. */
export async function auditRead(db: Db, entry: AuditEntry): Promise<void> {
  await db.transaction().execute((trx) => appendAudit(trx, entry))
}
