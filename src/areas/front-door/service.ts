import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { updateVersioned } from '../../web/concurrency.js'
import { NotFoundError } from '../../web/errors.js'
import { appendAudit } from '../audit/audit-log.js'
import { isValidCode } from '../codes/code-lists.js'
import { londonDate, londonTime } from './london-time.js'
import { MASH_DECISION_LABELS, MASH_DECISIONS } from './mash-decision.js'
import { getContact, siblingsInScope, undecidedSiblingContacts } from './queries.js'
import { eighteenthBirthday, isAdultOn, RecordRuleError, ukDate } from './record-rules.js'
import type { ContactInput, DecisionInput } from './schemas.js'

/**
 * The front door's write services: record a contact (for the child and any of their brothers and
 * sisters at once) and record the MASH decision (a referral creates the CIN referral for each child).
 * Closing a referral is in referral-service.ts. The rules live in the services, so imports and the
 * synthetic council obey them too.
 */

const firstTeam = (user: SignedInUser) => user.teamIds[0] ?? null

export async function recordContact(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: ContactInput,
  ip: string,
): Promise<number[]> {
  if (!isValidCode('ReferralSource', input.source)) throw new RecordRuleError('source', 'Select who made the contact')
  if (input.receivedAt.getTime() > Date.now()) {
    throw new RecordRuleError('received-time', 'The date and time the contact was received must be in the past')
  }
  const alsoFor = [...new Set(input.alsoFor)].filter((id) => id !== childId)
  if (alsoFor.length > 0) {
    const siblings = new Set((await siblingsInScope(db, user, childId)).map((sibling) => sibling.id))
    if (alsoFor.some((id) => !siblings.has(id))) {
      throw new RecordRuleError('alsoFor', 'Select brothers and sisters from the list')
    }
  }
  return db.transaction().execute(async (trx) => {
    const ids: number[] = []
    for (const id of [childId, ...alsoFor]) {
      const row = await trx
        .insertInto('contact')
        .values({
          council_id: user.councilId,
          child_id: id,
          received_at: input.receivedAt,
          source: input.source,
          referrer_name: input.referrerName,
          referrer_organisation: input.referrerOrganisation,
          concern: input.concern,
          team_id: firstTeam(user),
          created_by: user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      ids.push(row.id)
    }
    for (const [index, id] of ids.entries()) {
      await appendAudit(trx, {
        councilId: user.councilId,
        userId: user.id,
        userRole: user.role,
        action: 'create',
        entity: 'contact',
        entityId: id,
        childId: index === 0 ? childId : alsoFor[index - 1],
        route: 'POST /children/:childId/contacts',
        ip,
        detail: {
          fields: ['received_at', 'source', 'referrer_name', 'referrer_organisation', 'concern'],
          recordedWithContactIds: ids.filter((other) => other !== id),
        },
      })
    }
    return ids
  })
}

export interface DecisionResult {
  contactIds: number[]
  referralIds: number[]
}

export async function recordMashDecision(
  db: Db,
  user: SignedInUser,
  childId: number,
  contactId: number,
  input: DecisionInput,
  ip: string,
): Promise<DecisionResult> {
  if (!(MASH_DECISIONS as readonly string[]).includes(input.decision)) {
    throw new RecordRuleError('decision', 'Select the decision')
  }
  if (input.primaryNeed !== null && !isValidCode('PrimaryNeedCode', input.primaryNeed)) {
    throw new RecordRuleError('primaryNeed', 'Select the child’s main need from the list')
  }
  if (input.decidedAt.getTime() > Date.now()) {
    throw new RecordRuleError('decided-time', 'The date and time of the decision must be in the past')
  }
  const contact = await getContact(db, user.councilId, childId, contactId)
  if (contact === undefined) throw new NotFoundError()
  if (contact.mash_decision !== null && contact.version === input.version) {
    throw new RecordRuleError('decision', 'A decision has already been recorded for this contact')
  }
  if (input.decidedAt < contact.received_at) {
    const received = `${ukDate(londonDate(contact.received_at))} at ${londonTime(contact.received_at)}`
    throw new RecordRuleError(
      'decided',
      `The date and time of the decision must be after the contact was received (${received})`,
    )
  }
  const offered = await undecidedSiblingContacts(db, user, childId, contact)
  const siblingContacts = input.alsoFor.map((chosen) => {
    const match = offered.find((candidate) => candidate.contactId === chosen.contactId)
    if (match === undefined) {
      throw new RecordRuleError(
        'alsoFor',
        'The brothers and sisters waiting for this decision have changed since you opened the page. Check the list and try again',
      )
    }
    return { ...match, version: chosen.version }
  })

  const referralDate = londonDate(contact.received_at)
  if (input.decision === 'referral') {
    const child = await db
      .selectFrom('child')
      .select(['first_name', 'date_of_birth'])
      .where('council_id', '=', user.councilId)
      .where('id', '=', childId)
      .executeTakeFirstOrThrow()
    const adults = [
      { field: 'decision', firstName: child.first_name, dateOfBirth: child.date_of_birth },
      ...siblingContacts.map((sibling) => ({
        field: 'alsoFor',
        firstName: sibling.firstName,
        dateOfBirth: sibling.dateOfBirth,
      })),
    ].filter((candidate) => isAdultOn(candidate.dateOfBirth, referralDate))
    const adult = adults[0]
    if (adult !== undefined) {
      throw new RecordRuleError(
        adult.field,
        `${adult.firstName} was 18 on ${ukDate(eighteenthBirthday(adult.dateOfBirth as string))}, before this contact: ` +
          'a referral to children’s social care cannot be made after a child’s 18th birthday. Choose another decision' +
          (adult.field === 'alsoFor' ? ' or do not select them' : ''),
      )
    }
  }

  return db.transaction().execute(async (trx) => {
    const decided = [{ contactId, childId, version: input.version }, ...siblingContacts]
    const referralIds: number[] = []
    for (const item of decided) {
      await updateVersioned(
        trx,
        'contact',
        { councilId: user.councilId, id: item.contactId },
        item.version,
        { mash_decision: input.decision, mash_decision_at: input.decidedAt, mash_decided_by: user.id },
        {
          returnTo: `/children/${item.childId}/front-door`,
          yours: { Decision: MASH_DECISION_LABELS[input.decision] },
          describe: (row) => {
            const saved = row['mash_decision'] as DecisionInput['decision'] | null
            return { Decision: saved === null ? 'Not decided' : (MASH_DECISION_LABELS[saved] ?? saved) }
          },
        },
      )
      await appendAudit(trx, {
        councilId: user.councilId,
        userId: user.id,
        userRole: user.role,
        action: 'update',
        entity: 'contact',
        entityId: item.contactId,
        childId: item.childId,
        route: 'POST /children/:childId/contacts/:contactId/decision',
        ip,
        detail: { fields: ['mash_decision', 'mash_decision_at', 'mash_decided_by'] },
      })
      if (input.decision !== 'referral') continue
      const referral = await trx
        .insertInto('referral')
        .values({
          council_id: user.councilId,
          child_id: item.childId,
          contact_id: item.contactId,
          referral_date: referralDate,
          received_at: contact.received_at,
          source: contact.source,
          primary_need: input.primaryNeed,
          team_id: firstTeam(user),
          created_by: user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      referralIds.push(referral.id)
      await appendAudit(trx, {
        councilId: user.councilId,
        userId: user.id,
        userRole: user.role,
        action: 'create',
        entity: 'referral',
        entityId: referral.id,
        childId: item.childId,
        route: 'POST /children/:childId/contacts/:contactId/decision',
        ip,
        detail: { contactId: item.contactId, fields: ['referral_date', 'received_at', 'source', 'primary_need'] },
      })
    }
    return { contactIds: decided.map((item) => item.contactId), referralIds }
  })
}
