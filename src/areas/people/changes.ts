import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import { updateVersioned } from '../../web/concurrency.js'
import type { SignedInUser } from '../../web/context.js'
import { NotFoundError } from '../../web/errors.js'
import { todayInLondon } from '../../web/forms/date-input.js'
import { formatUkDate } from '../../web/nunjucks.js'
import { appendAudit } from '../audit/audit-log.js'
import { codeLabel, isValidCode } from '../codes/code-lists.js'
import type { PersonChange } from './schemas.js'
import { PeopleRuleError, refuseMergedChild } from './service.js'

/**
 * Changing what is recorded about the people around a child: correcting a person's details and how
 * they are related, ending a relationship (kept as history, never deleted), and taking a child out of
 * a sibling group (the membership is kept in sibling_group_member_ended).
 */

/** One of this child's relationships, with the person when it is someone without a child record. */
export async function relationshipOfChild(db: Db, councilId: number, childId: number, relationshipId: number) {
  const row = await db
    .selectFrom('child_relationship as r')
    .leftJoin('person as p', (join) =>
      join.onRef('p.council_id', '=', 'r.council_id').onRef('p.id', '=', 'r.person_id'),
    )
    .select([
      'r.id',
      'r.person_id',
      'r.related_child_id',
      'r.relationship',
      'r.parental_responsibility',
      'r.lives_with_child',
      'r.contact_restricted',
      'r.start_date',
      'r.end_date',
      'r.note',
      'r.version',
      'p.first_name',
      'p.last_name',
      'p.date_of_birth',
      'p.phone',
      'p.address',
      'p.postcode',
      'p.address_confidential',
      'p.version as person_version',
    ])
    .where('r.council_id', '=', councilId)
    .where('r.child_id', '=', childId)
    .where('r.id', '=', relationshipId)
    .executeTakeFirst()
  if (row === undefined) throw new NotFoundError()
  return row
}

export type RelationshipOfChild = Awaited<ReturnType<typeof relationshipOfChild>>

const yesNo = (value: unknown) => (value === true ? 'Yes' : 'No')

/** The rows the conflict page shows for a person and their relationship to the child. */
function describePerson(row: Record<string, unknown>): Record<string, string> {
  const text = (value: unknown) =>
    typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : 'Not recorded'
  const date = (value: unknown) => (typeof value === 'string' && value !== '' ? formatUkDate(value) : 'Not recorded')
  const described: Record<string, string> = {}
  if ('first_name' in row) {
    described['Name'] = `${text(row['first_name'])} ${text(row['last_name'])}`
    described['Date of birth'] = date(row['date_of_birth'])
    described['Phone number'] = text(row['phone'])
    described['Address'] = row['address_confidential'] === true ? 'Confidential' : text(row['address'])
    described['Postcode'] = text(row['postcode'])
  }
  if ('relationship' in row) {
    described['Relationship'] = codeLabel('RELATIONSHIP', String(row['relationship'])) ?? String(row['relationship'])
    described['Parental responsibility'] = yesNo(row['parental_responsibility'])
    described['Lives with the child'] = yesNo(row['lives_with_child'])
    described['Contact restricted'] = yesNo(row['contact_restricted'])
    described['Note'] = text(row['note'])
  }
  return described
}

const changedColumns = (before: Record<string, unknown>, after: Record<string, unknown>) =>
  Object.entries(after)
    .filter(([column, value]) => JSON.stringify(before[column] ?? null) !== JSON.stringify(value))
    .map(([column]) => column)

/**
 * Corrects a person recorded for the child and how they are related. The person may be shared with
 * the child's brothers and sisters: the correction shows on their records too. Both rows are
 * versioned, so two people changing them at once never overwrite each other.
 */
export async function changeRelatedPerson(
  db: Db,
  user: SignedInUser,
  childId: number,
  relationshipId: number,
  change: PersonChange,
  ip: string,
): Promise<void> {
  await refuseMergedChild(db, user.councilId, childId)
  const current = await relationshipOfChild(db, user.councilId, childId, relationshipId)
  if (current.person_id === null) throw new NotFoundError()
  if (current.end_date !== null) {
    throw new PeopleRuleError('relationship', 'This relationship has ended: it can no longer be changed')
  }
  if (!isValidCode('RELATIONSHIP', change.relationship)) {
    throw new PeopleRuleError('relationship', 'Select how the person is related to the child')
  }
  if (change.dateOfBirth !== null && change.dateOfBirth > todayInLondon()) {
    throw new PeopleRuleError('dateOfBirth', 'Date of birth must be today or in the past')
  }
  const personColumns = {
    first_name: change.firstName,
    last_name: change.lastName,
    date_of_birth: change.dateOfBirth,
    phone: change.phone,
    address: change.address,
    postcode: change.postcode,
    address_confidential: change.addressConfidential,
  }
  const relationshipColumns = {
    relationship: change.relationship,
    parental_responsibility: change.parentalResponsibility,
    lives_with_child: change.livesWithChild,
    contact_restricted: change.contactRestricted,
    note: change.note,
  }
  const returnTo = `/children/${childId}/people/${relationshipId}/edit`
  const yours = describePerson({ ...personColumns, ...relationshipColumns })
  await db.transaction().execute(async (trx) => {
    await updateVersioned(
      trx,
      'person',
      { councilId: user.councilId, id: current.person_id as number },
      change.personVersion,
      personColumns,
      { returnTo, yours, describe: (row) => ({ ...describePerson(row), ...describePerson(current) }) },
    )
    await updateVersioned(
      trx,
      'child_relationship',
      { councilId: user.councilId, id: relationshipId },
      change.relationshipVersion,
      relationshipColumns,
      { returnTo, yours, describe: (row) => ({ ...describePerson(current), ...describePerson(row) }) },
    )
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'update',
      entity: 'child_relationship',
      entityId: relationshipId,
      childId,
      route: 'POST /children/:childId/people/:relationshipId/edit',
      ip,
      detail: {
        personId: current.person_id,
        personFields: changedColumns(current, personColumns),
        relationshipFields: changedColumns(current, relationshipColumns),
      },
    })
  })
}

/**
 * Ends a relationship on a date, with the reason in its note. A link between two children is ended
 * both ways, so neither record still shows the other as a current brother or sister.
 */
export async function endRelationship(
  db: Db,
  user: SignedInUser,
  childId: number,
  relationshipId: number,
  input: { version: number; endDate: string; reason: string },
  ip: string,
): Promise<void> {
  await refuseMergedChild(db, user.councilId, childId)
  const current = await relationshipOfChild(db, user.councilId, childId, relationshipId)
  if (current.end_date !== null) {
    throw new PeopleRuleError('endDate', `This relationship already ended on ${formatUkDate(current.end_date)}`)
  }
  if (current.start_date !== null && input.endDate < current.start_date) {
    throw new PeopleRuleError(
      'endDate',
      `The date the relationship ended must be on or after it started (${formatUkDate(current.start_date)})`,
    )
  }
  if (input.endDate > todayInLondon()) {
    throw new PeopleRuleError('endDate', 'The date the relationship ended must be today or in the past')
  }
  const note = [current.note, `Ended: ${input.reason}`].filter((part) => part !== null && part !== '').join('\n')
  await db.transaction().execute(async (trx) => {
    await updateVersioned(
      trx,
      'child_relationship',
      { councilId: user.councilId, id: relationshipId },
      input.version,
      { end_date: input.endDate, note },
      {
        returnTo: `/children/${childId}/people/${relationshipId}/end`,
        yours: { 'Ended on': formatUkDate(input.endDate), Reason: input.reason },
        describe: (row) => ({
          'Ended on': typeof row['end_date'] === 'string' ? formatUkDate(row['end_date']) : 'Not ended',
          Note: typeof row['note'] === 'string' && row['note'] !== '' ? row['note'] : 'Not recorded',
        }),
      },
    )
    await auditEnd(trx, user, ip, childId, relationshipId)
    if (current.related_child_id !== null) {
      const reverse = await trx
        .updateTable('child_relationship')
        .set((eb) => ({ end_date: input.endDate, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('council_id', '=', user.councilId)
        .where('child_id', '=', current.related_child_id)
        .where('related_child_id', '=', childId)
        .where('end_date', 'is', null)
        .returning('id')
        .execute()
      for (const row of reverse) await auditEnd(trx, user, ip, current.related_child_id, row.id)
    }
  })
}

const auditEnd = (
  trx: Transaction<Database>,
  user: SignedInUser,
  ip: string,
  childId: number,
  relationshipId: number,
) =>
  appendAudit(trx, {
    councilId: user.councilId,
    userId: user.id,
    userRole: user.role,
    action: 'update',
    entity: 'child_relationship',
    entityId: relationshipId,
    childId,
    route: 'POST /children/:childId/people/:relationshipId/end',
    ip,
    detail: { fields: ['end_date', 'note'] },
  })

/**
 * Takes a child out of a sibling group that this child is in (the child may be this one or another
 * member). The membership is kept, with who ended it, when and why.
 */
export async function removeFromSiblingGroup(
  db: Db,
  user: SignedInUser,
  childId: number,
  siblingGroupId: number,
  memberChildId: number,
  reason: string,
  ip: string,
): Promise<void> {
  await refuseMergedChild(db, user.councilId, childId)
  await db.transaction().execute(async (trx) => {
    const members = await trx
      .selectFrom('sibling_group_member')
      .select(['child_id', 'created_at', 'created_by'])
      .where('council_id', '=', user.councilId)
      .where('sibling_group_id', '=', siblingGroupId)
      .forUpdate()
      .execute()
    if (!members.some((member) => member.child_id === childId)) throw new NotFoundError()
    const member = members.find((candidate) => candidate.child_id === memberChildId)
    if (member === undefined) throw new PeopleRuleError('reason', 'That child is no longer in the group')
    await trx
      .insertInto('sibling_group_member_ended')
      .values({
        council_id: user.councilId,
        sibling_group_id: siblingGroupId,
        child_id: memberChildId,
        added_at: member.created_at,
        added_by: member.created_by,
        removed_by: user.id,
        reason,
      })
      .execute()
    await trx
      .deleteFrom('sibling_group_member')
      .where('council_id', '=', user.councilId)
      .where('sibling_group_id', '=', siblingGroupId)
      .where('child_id', '=', memberChildId)
      .execute()
    await trx
      .updateTable('sibling_group')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() }))
      .where('council_id', '=', user.councilId)
      .where('id', '=', siblingGroupId)
      .execute()
    for (const id of new Set([childId, memberChildId])) {
      await appendAudit(trx, {
        councilId: user.councilId,
        userId: user.id,
        userRole: user.role,
        action: 'delete',
        entity: 'sibling_group_member',
        entityId: `${siblingGroupId}:${memberChildId}`,
        childId: id,
        route: 'POST /children/:childId/sibling-groups/:groupId/members/:memberId/remove',
        ip,
        detail: { siblingGroupId, removedChildId: memberChildId },
      })
    }
  })
}

/** Relationships of this child that have ended, newest first. */
export async function endedRelationshipsOf(db: Db, councilId: number, childId: number) {
  return db
    .selectFrom('child_relationship as r')
    .leftJoin('person as p', (join) =>
      join.onRef('p.council_id', '=', 'r.council_id').onRef('p.id', '=', 'r.person_id'),
    )
    .select(['r.id', 'r.relationship', 'r.related_child_id', 'r.end_date', 'r.note', 'p.first_name', 'p.last_name'])
    .where('r.council_id', '=', councilId)
    .where('r.child_id', '=', childId)
    .where('r.end_date', 'is not', null)
    .orderBy('r.end_date', 'desc')
    .orderBy('r.id', 'desc')
    .execute()
}

/** Children who have left the given sibling groups, by group. */
export async function pastMembersOf(db: Db, councilId: number, groupIds: readonly number[]) {
  if (groupIds.length === 0) return []
  return db
    .selectFrom('sibling_group_member_ended')
    .select(['sibling_group_id', 'child_id', 'removed_at', 'reason'])
    .where('council_id', '=', councilId)
    .where('sibling_group_id', 'in', [...groupIds])
    .orderBy('removed_at')
    .execute()
}
