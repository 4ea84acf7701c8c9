import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { Config } from '../../config.js'
import type { Db } from '../../db/database.js'
import { appendAudit } from '../audit/audit-log.js'
import { UNUSABLE_HASH, verifyPassword } from './passwords.js'

export type SignInResult =
  | { outcome: 'signed-in'; councilId: number; userId: number }
  | { outcome: 'wrong-credentials' }
  | { outcome: 'locked'; until: Date }
  | { outcome: 'rate-limited' }

/** Failed sign-ins from one address in the window before it is refused outright (on top of per-account lock-out). */
export const IP_FAILURE_LIMIT = 20
const WINDOW_MINUTES = 15

const emailHash = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex')

export async function signInWithPassword(
  db: Db,
  config: Config,
  email: string,
  password: string,
  ip: string,
): Promise<SignInResult> {
  const since = new Date(Date.now() - WINDOW_MINUTES * 60_000)
  const recentFailures = await db
    .selectFrom('sign_in_attempt')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip', '=', ip)
    .where('succeeded', '=', false)
    .where('attempted_at', '>', since)
    .executeTakeFirstOrThrow()
  if (Number(recentFailures.n) >= IP_FAILURE_LIMIT) return { outcome: 'rate-limited' }

  const user = await db
    .selectFrom('user_account')
    .select(['council_id', 'id', 'role', 'password_hash', 'locked_until', 'failed_sign_ins', 'active'])
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst()

  const record = (succeeded: boolean) =>
    db
      .insertInto('sign_in_attempt')
      .values({ email_hash: emailHash(email), ip, succeeded })
      .execute()

  if (user?.locked_until && user.locked_until.getTime() > Date.now()) {
    await record(false)
    return { outcome: 'locked', until: user.locked_until }
  }
  // Always run the hash, so an unknown address takes as long as a wrong password.
  const valid = await verifyPassword(password, user?.password_hash ?? UNUSABLE_HASH)
  if (user === undefined || !user.active || user.password_hash === null || !valid) {
    await record(false)
    if (user === undefined) return { outcome: 'wrong-credentials' }
    const failures = user.failed_sign_ins + 1
    const lock = failures >= config.signIn.maxFailures
    const lockedUntil = lock ? new Date(Date.now() + config.signIn.lockoutMinutes * 60_000) : null
    await db
      .updateTable('user_account')
      .set({ failed_sign_ins: lock ? 0 : failures, locked_until: lockedUntil })
      .where('council_id', '=', user.council_id)
      .where('id', '=', user.id)
      .execute()
    return lockedUntil ? { outcome: 'locked', until: lockedUntil } : { outcome: 'wrong-credentials' }
  }
  await completeSignIn(db, { councilId: user.council_id, userId: user.id, role: user.role }, ip, 'password')
  await record(true)
  return { outcome: 'signed-in', councilId: user.council_id, userId: user.id }
}

/** Shared by password and OIDC sign-in: resets lock-out counters and records the sign-in in the audit log. */
export async function completeSignIn(
  db: Db,
  user: { councilId: number; userId: number; role: string },
  ip: string,
  method: 'password' | 'oidc',
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('user_account')
      .set({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: new Date() })
      .where('council_id', '=', user.councilId)
      .where('id', '=', user.userId)
      .execute()
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.userId,
      userRole: user.role,
      action: 'sign-in',
      entity: 'user_account',
      entityId: user.userId,
      ip,
      detail: { method },
    })
  })
}

/** Only local paths: never an open redirect to another site. */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
    return '/'
  return value
}
