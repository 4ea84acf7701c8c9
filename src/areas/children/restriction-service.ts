import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { ConflictError } from '../../web/errors.js'
import { appendAudit } from '../audit/audit-log.js'

/**
 * Restricting a record (a staff member's relative, an adoption) hides it from everyone not named in
 * child_access_grant. The person restricting it is named automatically, so they never lock themselves out.
 */
export async function setRestriction(
  db: Db,
  user: SignedInUser,
  childId: number,
  change: { restriction: 'none' | 'restricted' | 'sealed'; reason?: string | undefined; version: number },
  ip: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const restriction = change.restriction === 'none' ? null : change.restriction
    const updated = await trx
      .updateTable('child')
      .set({
        restriction,
        restriction_reason: restriction === null ? null : (change.reason ?? null),
        version: sql`version + 1`,
        updated_at: new Date(),
      })
      .where('council_id', '=', user.councilId)
      .where('id', '=', childId)
      .where('version', '=', change.version)
      .returning('version')
      .executeTakeFirst()
    if (updated === undefined) {
      const current = await trx
        .selectFrom('child')
        .select(['restriction', 'restriction_reason'])
        .where('council_id', '=', user.councilId)
        .where('id', '=', childId)
        .executeTakeFirstOrThrow()
      throw new ConflictError(
        'Someone else has changed this record',
        { 'Who can see it': change.restriction, Reason: change.reason ?? '' },
        { 'Who can see it': current.restriction ?? 'none', Reason: current.restriction_reason ?? '' },
        `/children/${childId}/access`,
      )
    }
    if (restriction !== null) {
      await trx
        .insertInto('child_access_grant')
        .values({
          council_id: user.councilId,
          child_id: childId,
          user_id: user.id,
          granted_by: user.id,
          reason: 'Restricted the record',
        })
        .onConflict((conflict) => conflict.columns(['council_id', 'child_id', 'user_id']).doNothing())
        .execute()
    }
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'update',
      entity: 'child',
      entityId: childId,
      childId,
      route: 'POST /children/:childId/access',
      ip,
      detail: { fields: ['restriction', 'restriction_reason'], restriction: change.restriction },
    })
  })
}

export async function grantAccess(
  db: Db,
  user: SignedInUser,
  childId: number,
  grant: { email: string; reason: string },
  ip: string,
): Promise<'granted' | 'unknown-user'> {
  return db.transaction().execute(async (trx) => {
    const grantee = await trx
      .selectFrom('user_account')
      .select('id')
      .where('council_id', '=', user.councilId)
      .where(sql<string>`lower(email)`, '=', grant.email.toLowerCase())
      .where('active', '=', true)
      .executeTakeFirst()
    if (grantee === undefined) return 'unknown-user'
    await trx
      .insertInto('child_access_grant')
      .values({
        council_id: user.councilId,
        child_id: childId,
        user_id: grantee.id,
        granted_by: user.id,
        reason: grant.reason,
      })
      .onConflict((conflict) =>
        conflict.columns(['council_id', 'child_id', 'user_id']).doUpdateSet({ reason: grant.reason }),
      )
      .execute()
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'create',
      entity: 'child_access_grant',
      entityId: `${childId}:${grantee.id}`,
      childId,
      route: 'POST /children/:childId/access/grants',
      ip,
      detail: { granteeUserId: grantee.id },
    })
    return 'granted'
  })
}
