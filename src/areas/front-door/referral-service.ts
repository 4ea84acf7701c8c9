import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { updateVersioned } from '../../web/concurrency.js'
import { NotFoundError } from '../../web/errors.js'
import { todayInLondon } from '../../web/forms/date-input.js'
import { appendAudit } from '../audit/audit-log.js'
import { codeLabel, isValidCode } from '../codes/code-lists.js'
import { getReferral } from './queries.js'
import { RecordRuleError, ukDate } from './record-rules.js'
import type { ReferralClosureInput } from './schemas.js'

/**
 * The rules for closing a referral, without writing: the check-your-answers page runs them first, so
 * a closure that would be refused is sent back to the form before the user confirms it.
 */
export async function checkReferralClosure(
  db: Db,
  user: SignedInUser,
  childId: number,
  referralId: number,
  input: ReferralClosureInput,
) {
  if (!isValidCode('ReasonForClosure', input.reason)) {
    throw new RecordRuleError('reason', 'Select why the referral is closing')
  }
  if (input.closureDate > todayInLondon()) {
    throw new RecordRuleError('closure', 'The closure date must be today or in the past')
  }
  const referral = await getReferral(db, user.councilId, childId, referralId)
  if (referral === undefined) throw new NotFoundError()
  if (referral.closure_date !== null && referral.version === input.version) {
    throw new RecordRuleError('closure', `This referral was closed on ${ukDate(referral.closure_date)}`)
  }
  if (input.closureDate < referral.referral_date) {
    throw new RecordRuleError(
      'closure',
      `The closure date must be on or after the referral date, ${ukDate(referral.referral_date)}`,
    )
  }
  const unendedPlan = await db
    .selectFrom('cin_plan')
    .select(['id', 'start_date'])
    .where('council_id', '=', user.councilId)
    .where('child_id', '=', childId)
    .where('referral_id', '=', referralId)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', input.closureDate)]))
    .executeTakeFirst()
  if (unendedPlan !== undefined) {
    throw new RecordRuleError(
      'closure',
      `The child in need plan that started on ${ukDate(unendedPlan.start_date)} has not ended by the closure date. ` +
        'End the plan first, on or before the closure date',
    )
  }
  return referral
}

/** Closes a referral (CIN CINclosureDate, ReasonForClosure, ReferralNFA) in one transaction. */
export async function closeReferral(
  db: Db,
  user: SignedInUser,
  childId: number,
  referralId: number,
  input: ReferralClosureInput,
  ip: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await checkReferralClosure(trx, user, childId, referralId, input)
    await updateVersioned(
      trx,
      'referral',
      { councilId: user.councilId, id: referralId },
      input.version,
      { closure_date: input.closureDate, closure_reason: input.reason, no_further_action: input.noFurtherAction },
      {
        returnTo: `/children/${childId}/front-door`,
        yours: closureDescription(input.closureDate, input.reason, input.noFurtherAction),
        describe: (row) =>
          closureDescription(
            row['closure_date'] as string | null,
            row['closure_reason'] as string | null,
            row['no_further_action'] as boolean,
          ),
      },
    )
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'update',
      entity: 'referral',
      entityId: referralId,
      childId,
      route: 'POST /children/:childId/referrals/:referralId/close',
      ip,
      detail: { fields: ['closure_date', 'closure_reason', 'no_further_action'] },
    })
  })
}

function closureDescription(closureDate: string | null, reason: string | null, noFurtherAction: boolean) {
  return {
    'Closure date': closureDate === null ? 'Open' : ukDate(closureDate),
    'Reason for closure': reason === null ? '' : (codeLabel('ReasonForClosure', reason) ?? reason),
    'No further action': noFurtherAction ? 'Yes' : 'No',
  }
}
