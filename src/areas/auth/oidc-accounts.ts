import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Role } from '../../db/tables/foundation.js'
import { appendAudit } from '../audit/audit-log.js'
import type { VerifiedClaims } from './oidc.js'

export interface OidcAccount {
  councilId: number
  userId: number
  role: Role
}

const columns = ['council_id', 'id', 'role', 'active', 'oidc_subject'] as const

/**
 * Finds the Harbour account for someone the identity provider has signed in. The subject is the
 * lasting link; an email address is used once, to make that link, and only when the provider says it
 * is verified and the account is not already linked to a different subject (so an address reused at
 * the provider cannot take over an account). Inactive accounts, and a subject that matches accounts in
 * more than one council, are refused.
 */
export async function findOidcAccount(db: Db, claims: VerifiedClaims, ip: string): Promise<OidcAccount | undefined> {
  const bySubject = await db
    .selectFrom('user_account')
    .select(columns)
    .where('oidc_subject', '=', claims.subject)
    .execute()
  if (bySubject.length > 1) return undefined
  const linked = bySubject[0]
  if (linked !== undefined)
    return linked.active ? { councilId: linked.council_id, userId: linked.id, role: linked.role } : undefined

  if (!claims.emailVerified || claims.email === undefined || claims.email.trim() === '') return undefined
  const byEmail = await db
    .selectFrom('user_account')
    .select(columns)
    .where(sql<string>`lower(email)`, '=', claims.email.trim().toLowerCase())
    .executeTakeFirst()
  if (byEmail === undefined || !byEmail.active || byEmail.oidc_subject !== null) return undefined

  const account = { councilId: byEmail.council_id, userId: byEmail.id, role: byEmail.role }
  const linkedNow = await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('user_account')
      .set({ oidc_subject: claims.subject })
      .where('council_id', '=', account.councilId)
      .where('id', '=', account.userId)
      .where('oidc_subject', 'is', null)
      .executeTakeFirst()
    if (result.numUpdatedRows !== 1n) return false
    await appendAudit(trx, {
      councilId: account.councilId,
      userId: account.userId,
      userRole: account.role,
      action: 'update',
      entity: 'user_account',
      entityId: account.userId,
      ip,
      detail: { field: 'oidc_subject', linkedBy: 'verified email' },
    })
    return true
  })
  if (linkedNow) return account
  // Another sign-in linked the account first: accept it only if it was linked to this same subject.
  const again = await db
    .selectFrom('user_account')
    .select(columns)
    .where('council_id', '=', account.councilId)
    .where('id', '=', account.userId)
    .executeTakeFirst()
  return again?.oidc_subject === claims.subject && again.active ? account : undefined
}
