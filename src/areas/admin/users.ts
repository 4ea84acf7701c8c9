import type { Db } from '../../db/database.js'
import type { Role } from '../../db/tables/foundation.js'
import type { SignedInUser } from '../../web/context.js'
import { NotFoundError } from '../../web/errors.js'
import { appendAudit } from '../audit/audit-log.js'

export interface CouncilUser {
  id: number
  email: string
  displayName: string
  role: Role
  active: boolean
  lockedUntil: Date | null
  lastSignInAt: Date | null
  teams: { name: string; relation: 'member' | 'manager' }[]
}

/** Everyone with an account in the council, with their teams, for the administrator's list. */
export async function listCouncilUsers(db: Db, councilId: number): Promise<CouncilUser[]> {
  const users = await db
    .selectFrom('user_account')
    .select(['id', 'email', 'display_name', 'role', 'active', 'locked_until', 'last_sign_in_at'])
    .where('council_id', '=', councilId)
    .orderBy('display_name')
    .orderBy('id')
    .execute()
  const memberships = await db
    .selectFrom('team_member as m')
    .innerJoin('team as t', (join) => join.onRef('t.council_id', '=', 'm.council_id').onRef('t.id', '=', 'm.team_id'))
    .select(['m.user_id', 't.name', 'm.relation'])
    .where('m.council_id', '=', councilId)
    .orderBy('t.name')
    .execute()
  const teamsByUser = new Map<number, CouncilUser['teams']>()
  for (const membership of memberships) {
    const teams = teamsByUser.get(membership.user_id) ?? []
    teams.push({ name: membership.name, relation: membership.relation })
    teamsByUser.set(membership.user_id, teams)
  }
  return users.map((user) => ({
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    role: user.role,
    active: user.active,
    lockedUntil: user.locked_until,
    lastSignInAt: user.last_sign_in_at,
    teams: teamsByUser.get(user.id) ?? [],
  }))
}

/**
 * Clears a lock-out after repeated failed sign-ins, in the administrator's own council only, with the
 * audit row in the same transaction. Unlocking is idempotent (an already-unlocked account stays
 * unlocked), so there is no version check: a stale page cannot overwrite anything.
 */
export async function unlockUser(
  db: Db,
  admin: SignedInUser,
  userId: number,
  ip: string,
): Promise<{ displayName: string }> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('user_account')
      .select(['display_name', 'locked_until', 'failed_sign_ins'])
      .where('council_id', '=', admin.councilId)
      .where('id', '=', userId)
      .forUpdate()
      .executeTakeFirst()
    if (before === undefined) throw new NotFoundError('No user has that ID')
    await trx
      .updateTable('user_account')
      .set({ locked_until: null, failed_sign_ins: 0 })
      .where('council_id', '=', admin.councilId)
      .where('id', '=', userId)
      .execute()
    await appendAudit(trx, {
      councilId: admin.councilId,
      userId: admin.id,
      userRole: admin.role,
      action: 'update',
      entity: 'user_account',
      entityId: userId,
      route: 'POST /admin/users/:userId/unlock',
      ip,
      detail: {
        change: 'unlock',
        fields: ['locked_until', 'failed_sign_ins'],
        wasLockedUntil: before.locked_until?.toISOString() ?? null,
        failedSignIns: before.failed_sign_ins,
      },
    })
    return { displayName: before.display_name }
  })
}
