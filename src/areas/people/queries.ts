import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { scopedChildren } from '../children/child-access.js'

/**
 * Data access for the child's "Family and people" section. The child itself is reached only through
 * a :childId route (already scope-checked); other children (brothers and sisters) only through
 * scopedChildren, so a child outside the user's scope is known here by id alone, never by name.
 */

export async function peopleOf(db: Db, councilId: number, childId: number) {
  return db
    .selectFrom('child_relationship as r')
    .innerJoin('person as p', (join) =>
      join.onRef('p.council_id', '=', 'r.council_id').onRef('p.id', '=', 'r.person_id'),
    )
    .select([
      'r.id',
      'r.relationship',
      'r.parental_responsibility',
      'r.lives_with_child',
      'r.contact_restricted',
      'r.note',
      'p.id as person_id',
      'p.first_name',
      'p.last_name',
      'p.date_of_birth',
      'p.phone',
      'p.address',
      'p.postcode',
      'p.address_confidential',
    ])
    .where('r.council_id', '=', councilId)
    .where('r.child_id', '=', childId)
    .where('r.end_date', 'is', null)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute()
}

/** The children the user can open among these ids, with what a row about them shows. */
export async function visibleChildren(db: Db, user: SignedInUser, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, VisibleChild>()
  const rows = await scopedChildren(db, user)
    .select([
      'child.id',
      'child.first_name',
      'child.last_name',
      'child.date_of_birth',
      'child.expected_date_of_birth',
      'child.la_child_id',
    ])
    .where('child.id', 'in', [...ids])
    .execute()
  return new Map(rows.map((row) => [row.id, row]))
}

export interface VisibleChild {
  id: number
  first_name: string
  last_name: string
  date_of_birth: string | null
  expected_date_of_birth: string | null
  la_child_id: string
}

/** Brothers and sisters (and other children) linked to this child by a relationship. */
export async function linkedChildrenOf(db: Db, councilId: number, childId: number) {
  return db
    .selectFrom('child_relationship as r')
    .select(['r.id', 'r.relationship', 'r.related_child_id'])
    .where('r.council_id', '=', councilId)
    .where('r.child_id', '=', childId)
    .where('r.related_child_id', 'is not', null)
    .where('r.end_date', 'is', null)
    .orderBy('r.id')
    .execute()
}

/** The sibling groups this child is in, with every member's id (merged duplicates left out). */
export async function siblingGroupsOf(db: Db, councilId: number, childId: number) {
  const groups = await db
    .selectFrom('sibling_group as g')
    .innerJoin('sibling_group_member as m', (join) =>
      join.onRef('m.council_id', '=', 'g.council_id').onRef('m.sibling_group_id', '=', 'g.id'),
    )
    .select(['g.id', 'g.name', 'g.version'])
    .where('g.council_id', '=', councilId)
    .where('m.child_id', '=', childId)
    .orderBy('g.id')
    .execute()
  if (groups.length === 0) return []
  const members = await db
    .selectFrom('sibling_group_member as m')
    .innerJoin('child as c', (join) => join.onRef('c.council_id', '=', 'm.council_id').onRef('c.id', '=', 'm.child_id'))
    .select(['m.sibling_group_id', 'm.child_id'])
    .where('m.council_id', '=', councilId)
    .where(
      'm.sibling_group_id',
      'in',
      groups.map((group) => group.id),
    )
    .where('c.merged_into_child_id', 'is', null)
    .orderBy(sql`c.date_of_birth nulls last`)
    .orderBy('m.child_id')
    .execute()
  return groups.map((group) => ({
    ...group,
    memberIds: members.filter((member) => member.sibling_group_id === group.id).map((member) => member.child_id),
  }))
}

/** People recorded for this child's linked brothers and sisters the user can open, not yet linked to this child. */
export async function peopleOfSiblings(db: Db, user: SignedInUser, childId: number) {
  const siblings = scopedChildren(db, user)
    .select('child.id')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('child_relationship as link')
          .select(eb.lit(1).as('one'))
          .where('link.council_id', '=', user.councilId)
          .where('link.child_id', '=', childId)
          .whereRef('link.related_child_id', '=', 'child.id'),
      ),
    )
  return db
    .selectFrom('child_relationship as r')
    .innerJoin('person as p', (join) =>
      join.onRef('p.council_id', '=', 'r.council_id').onRef('p.id', '=', 'r.person_id'),
    )
    .select(['p.id', 'p.first_name', 'p.last_name', 'r.relationship'])
    .distinctOn('p.id')
    .where('r.council_id', '=', user.councilId)
    .where('r.child_id', 'in', siblings)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('child_relationship as own')
            .select(eb.lit(1).as('one'))
            .where('own.council_id', '=', user.councilId)
            .where('own.child_id', '=', childId)
            .whereRef('own.person_id', '=', 'p.id'),
        ),
      ),
    )
    .orderBy('p.id')
    .execute()
}
