import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { todayInLondon } from '../../web/forms/date-input.js'
import { appendAudit, type AuditAction } from '../audit/audit-log.js'
import { getReferral } from '../front-door/queries.js'
import { RecordRuleError, ukDate } from '../front-door/record-rules.js'

/**
 * What the assessment and child in need plan services share: the user's team, the audit row, and the
 * date rules about the referral a record hangs from.
 */

export const firstTeam = (user: SignedInUser) => user.teamIds[0] ?? null

export async function audit(
  trx: Parameters<typeof appendAudit>[0],
  user: SignedInUser,
  ip: string,
  entry: { action: AuditAction; entity: string; entityId: number; childId: number; route: string; fields: string[] },
) {
  await appendAudit(trx, {
    councilId: user.councilId,
    userId: user.id,
    userRole: user.role,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    childId: entry.childId,
    route: entry.route,
    ip,
    detail: { fields: entry.fields },
  })
}

export function notInFuture(isoDate: string, field: string, label: string) {
  if (isoDate > todayInLondon()) throw new RecordRuleError(field, `${label} must be today or in the past`)
}

export async function referralOfChild(db: Db, user: SignedInUser, childId: number, referralId: number, what: string) {
  const referral = await getReferral(db, user.councilId, childId, referralId)
  if (referral === undefined) throw new RecordRuleError('referralId', `Select the referral this ${what} is for`)
  return referral
}

export function startAfterReferral(
  startDate: string,
  referral: { referral_date: string; closure_date: string | null },
  what: string,
) {
  if (startDate < referral.referral_date) {
    throw new RecordRuleError(
      'start',
      `The start date must be on or after the referral date, ${ukDate(referral.referral_date)}`,
    )
  }
  if (referral.closure_date !== null && startDate > referral.closure_date) {
    throw new RecordRuleError(
      'start',
      `The referral closed on ${ukDate(referral.closure_date)}: the ${what} must start on or before that date`,
    )
  }
}
