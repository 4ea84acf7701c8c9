import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { scopedChildren } from './child-access.js'

export interface ChildSearch {
  text?: string | undefined
  dateOfBirth?: string | undefined
}

/** Search by name, Harbour or LA child ID, date of birth or postcode, only within the user's scope. */
export async function searchChildren(db: Db, user: SignedInUser, search: ChildSearch, limit = 50) {
  let query = scopedChildren(db, user).select([
    'child.id',
    'child.la_child_id',
    'child.first_name',
    'child.last_name',
    'child.date_of_birth',
    'child.home_postcode',
  ])
  const text = search.text?.trim()
  if (text) {
    const like = `%${text.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`
    const compactPostcode = text.replace(/\s+/g, '').toUpperCase()
    query = query.where((eb) =>
      eb.or([
        eb(sql<string>`lower(child.first_name || ' ' || child.last_name)`, 'like', like),
        eb(sql<string>`lower(child.last_name)`, 'like', like),
        eb(sql<string>`lower(child.la_child_id)`, '=', text.toLowerCase()),
        eb(sql<string>`replace(upper(coalesce(child.home_postcode, '')), ' ', '')`, 'like', `${compactPostcode}%`),
        ...(/^\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? [eb('child.id', '=', Number(text))] : []),
      ]),
    )
  }
  if (search.dateOfBirth) query = query.where('child.date_of_birth', '=', search.dateOfBirth)
  return query.orderBy('child.last_name').orderBy('child.first_name').limit(limit).execute()
}

/** The child's core record. Callers have already checked scope (routes audited as 'child' do it before the handler). */
export async function getChild(db: Db, councilId: number, childId: number) {
  return db
    .selectFrom('child')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('id', '=', childId)
    .executeTakeFirstOrThrow()
}

export async function currentAllocations(db: Db, councilId: number, childId: number) {
  return db
    .selectFrom('worker_allocation as a')
    .innerJoin('team as t', (join) => join.onRef('t.council_id', '=', 'a.council_id').onRef('t.id', '=', 'a.team_id'))
    .leftJoin('user_account as u', (join) =>
      join.onRef('u.council_id', '=', 'a.council_id').onRef('u.id', '=', 'a.user_id'),
    )
    .select(['a.allocation_role', 'a.start_date', 't.name as team_name', 'u.display_name as worker_name'])
    .where('a.council_id', '=', councilId)
    .where('a.child_id', '=', childId)
    .where('a.end_date', 'is', null)
    .orderBy('a.allocation_role')
    .execute()
}

export async function accessGrants(db: Db, councilId: number, childId: number) {
  return db
    .selectFrom('child_access_grant as g')
    .innerJoin('user_account as u', (join) =>
      join.onRef('u.council_id', '=', 'g.council_id').onRef('u.id', '=', 'g.user_id'),
    )
    .select(['g.user_id', 'u.display_name', 'u.role', 'g.reason', 'g.granted_at'])
    .where('g.council_id', '=', councilId)
    .where('g.child_id', '=', childId)
    .orderBy('u.display_name')
    .execute()
}
