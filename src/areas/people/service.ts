import { sql, type Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { SignedInUser } from '../../web/context.js'
import { ConflictError } from '../../web/errors.js'
import { todayInLondon } from '../../web/forms/date-input.js'
import { appendAudit } from '../audit/audit-log.js'
import { scopedChildren } from '../children/child-access.js'
import { isValidCode } from '../codes/code-lists.js'
import { peopleOfSiblings } from './queries.js'
import type { NewRelatedPerson, SIBLING_RELATIONSHIPS } from './schemas.js'

/** A rule the change breaks, on the form field the user must change. */
export class PeopleRuleError extends Error {
  override name = 'PeopleRuleError'
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

/** A duplicate merged into another record takes no new records: they belong on the record kept. */
export async function refuseMergedChild(db: Db, councilId: number, childId: number): Promise<void> {
  const child = await db
    .selectFrom('child')
    .select('merged_into_child_id')
    .where('council_id', '=', councilId)
    .where('id', '=', childId)
    .executeTakeFirst()
  if (child?.merged_into_child_id != null) {
    throw new ConflictError(
      'This record has been merged into another',
      {},
      {},
      `/children/${child.merged_into_child_id}/people`,
    )
  }
}

const audit = (
  trx: Transaction<Database>,
  user: SignedInUser,
  ip: string,
  entry: { entity: string; entityId: number | string; childId: number; route: string; detail: Record<string, unknown> },
) =>
  appendAudit(trx, {
    councilId: user.councilId,
    userId: user.id,
    userRole: user.role,
    action: 'create',
    ...entry,
    ip,
  })

/**
 * Records a person related to the child ("<person> is the child's <relationship>"): someone new, or
 * someone already recorded for one of the child's brothers or sisters.
 */
export async function recordRelatedPerson(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: NewRelatedPerson,
  ip: string,
): Promise<{ personId: number; relationshipId: number }> {
  await refuseMergedChild(db, user.councilId, childId)
  if (!isValidCode('RELATIONSHIP', input.relationship)) {
    throw new PeopleRuleError('relationship', 'Select how the person is related to the child')
  }
  if (input.existingPersonId === null && input.dateOfBirth !== null && input.dateOfBirth > todayInLondon()) {
    throw new PeopleRuleError('dateOfBirth', 'Date of birth must be today or in the past')
  }
  if (input.existingPersonId !== null) {
    const known = await peopleOfSiblings(db, user, childId)
    if (!known.some((person) => person.id === input.existingPersonId)) {
      throw new PeopleRuleError(
        'existingPersonId',
        'Select someone recorded for one of the child’s brothers or sisters',
      )
    }
  }
  return db.transaction().execute(async (trx) => {
    let personId = input.existingPersonId
    if (personId === null) {
      const person = await trx
        .insertInto('person')
        .values({
          council_id: user.councilId,
          first_name: input.firstName,
          last_name: input.lastName,
          other_names: null,
          date_of_birth: input.dateOfBirth,
          sex: null,
          ethnicity: null,
          date_of_death: null,
          address: input.address,
          postcode: input.postcode,
          address_confidential: input.addressConfidential,
          phone: input.phone,
          email: null,
          first_language: null,
          child_id: null,
          note: null,
          created_by: user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      personId = person.id
    }
    const relationship = await trx
      .insertInto('child_relationship')
      .values({
        council_id: user.councilId,
        child_id: childId,
        person_id: personId,
        related_child_id: null,
        relationship: input.relationship,
        parental_responsibility: input.parentalResponsibility,
        lives_with_child: input.livesWithChild,
        contact_restricted: input.contactRestricted,
        start_date: null,
        end_date: null,
        note: input.note,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, user, ip, {
      entity: 'child_relationship',
      entityId: relationship.id,
      childId,
      route: 'POST /children/:childId/people/new',
      detail: {
        personId,
        newPerson: input.existingPersonId === null,
        relationship: input.relationship,
        fields: ['parental_responsibility', 'lives_with_child', 'contact_restricted'],
      },
    })
    return { personId, relationshipId: relationship.id }
  })
}

/** A child the user can open, by child ID or Harbour number. */
export async function findChildInScope(db: Db, user: SignedInUser, text: string) {
  const number = /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined
  return scopedChildren(db, user)
    .select(['child.id', 'child.la_child_id'])
    .where((eb) =>
      eb.or([
        eb(sql<string>`lower(child.la_child_id)`, '=', text.toLowerCase()),
        ...(number === undefined ? [] : [eb('child.id', '=', number)]),
      ]),
    )
    .orderBy(sql`lower(child.la_child_id) = ${text.toLowerCase()}`, 'desc')
    .executeTakeFirst()
}

/**
 * Links a brother or sister who has their own record. The link is written both ways, so each child's
 * page shows the other. Only a child the user can open can be linked.
 */
export async function linkSibling(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: { sibling: string; relationship: (typeof SIBLING_RELATIONSHIPS)[number] },
  ip: string,
): Promise<{ siblingId: number }> {
  await refuseMergedChild(db, user.councilId, childId)
  const sibling = await findChildInScope(db, user, input.sibling)
  if (sibling === undefined) {
    throw new PeopleRuleError('sibling', 'No child you can open has that ID: check it, or ask the child’s team manager')
  }
  if (sibling.id === childId)
    throw new PeopleRuleError('sibling', 'Enter the ID of the brother or sister, not this child')
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('child_relationship')
      .select('id')
      .where('council_id', '=', user.councilId)
      .where('child_id', '=', childId)
      .where('related_child_id', '=', sibling.id)
      .where('end_date', 'is', null)
      .executeTakeFirst()
    if (existing !== undefined) throw new PeopleRuleError('sibling', 'These children are already linked')
    for (const [from, to] of [
      [childId, sibling.id],
      [sibling.id, childId],
    ] as const) {
      const row = await trx
        .insertInto('child_relationship')
        .values({
          council_id: user.councilId,
          child_id: from,
          person_id: null,
          related_child_id: to,
          relationship: input.relationship,
          start_date: null,
          end_date: null,
          note: null,
          created_by: user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await audit(trx, user, ip, {
        entity: 'child_relationship',
        entityId: row.id,
        childId: from,
        route: 'POST /children/:childId/siblings',
        detail: { relatedChildId: to, relationship: input.relationship },
      })
    }
    return { siblingId: sibling.id }
  })
}

/** Resolves the children to put in a group: ticked linked siblings and a typed child ID, all within scope. */
async function resolveMembers(
  db: Db,
  user: SignedInUser,
  memberIds: readonly string[],
  typed: string,
): Promise<number[]> {
  const ids = memberIds.map(Number)
  if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0)) {
    throw new PeopleRuleError('members', 'Select brothers and sisters from the list')
  }
  const visible =
    ids.length === 0 ? [] : await scopedChildren(db, user).select('child.id').where('child.id', 'in', ids).execute()
  if (visible.length !== new Set(ids).size)
    throw new PeopleRuleError('members', 'Select brothers and sisters from the list')
  if (typed !== '') {
    const child = await findChildInScope(db, user, typed)
    if (child === undefined) {
      throw new PeopleRuleError(
        'sibling',
        'No child you can open has that ID: check it, or ask the child’s team manager',
      )
    }
    ids.push(child.id)
  }
  return [...new Set(ids)]
}

/** Creates a sibling group holding this child and the chosen brothers and sisters. */
export async function createSiblingGroup(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: { name: string; members: string[] },
  ip: string,
): Promise<{ siblingGroupId: number }> {
  await refuseMergedChild(db, user.councilId, childId)
  const members = (await resolveMembers(db, user, input.members, '')).filter((id) => id !== childId)
  return db.transaction().execute(async (trx) => {
    const group = await trx
      .insertInto('sibling_group')
      .values({ council_id: user.councilId, name: input.name, note: null, created_by: user.id })
      .returning('id')
      .executeTakeFirstOrThrow()
    const all = [childId, ...members]
    await trx
      .insertInto('sibling_group_member')
      .values(
        all.map((id) => ({
          council_id: user.councilId,
          sibling_group_id: group.id,
          child_id: id,
          created_by: user.id,
        })),
      )
      .execute()
    for (const id of all) {
      await audit(trx, user, ip, {
        entity: 'sibling_group_member',
        entityId: `${group.id}:${id}`,
        childId: id,
        route: 'POST /children/:childId/sibling-groups',
        detail: { siblingGroupId: group.id, memberIds: all },
      })
    }
    return { siblingGroupId: group.id }
  })
}

/** Adds children to a sibling group this child is in. */
export async function addSiblingGroupMembers(
  db: Db,
  user: SignedInUser,
  childId: number,
  siblingGroupId: number,
  input: { members: string[]; sibling: string },
  ip: string,
): Promise<{ added: number[] }> {
  await refuseMergedChild(db, user.councilId, childId)
  const candidates = await resolveMembers(db, user, input.members, input.sibling)
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('sibling_group_member')
      .select('child_id')
      .where('council_id', '=', user.councilId)
      .where('sibling_group_id', '=', siblingGroupId)
      .execute()
    const currentIds = current.map((row) => row.child_id)
    if (!currentIds.includes(childId)) throw new PeopleRuleError('members', 'This child is not in that sibling group')
    const added = candidates.filter((id) => !currentIds.includes(id))
    if (added.length === 0) throw new PeopleRuleError('members', 'Those children are already in the group')
    await trx
      .insertInto('sibling_group_member')
      .values(
        added.map((id) => ({
          council_id: user.councilId,
          sibling_group_id: siblingGroupId,
          child_id: id,
          created_by: user.id,
        })),
      )
      .execute()
    await trx
      .updateTable('sibling_group')
      .set({ version: sql`version + 1`, updated_at: new Date() })
      .where('council_id', '=', user.councilId)
      .where('id', '=', siblingGroupId)
      .execute()
    for (const id of [childId, ...added]) {
      await audit(trx, user, ip, {
        entity: 'sibling_group_member',
        entityId: `${siblingGroupId}:${id}`,
        childId: id,
        route: 'POST /children/:childId/sibling-groups/:groupId/members',
        detail: { siblingGroupId, addedChildIds: added },
      })
    }
    return { added }
  })
}
