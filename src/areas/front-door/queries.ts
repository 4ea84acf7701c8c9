import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { scopedChildren } from '../children/child-access.js'
import { RE_REFERRAL_MONTHS } from './re-referral.js'

/**
 * The child's brothers and sisters this user may see: children sharing a sibling group with the
 * child, reached only through scopedChildren, so a sibling in another team's caseload is not offered.
 */
export async function siblingsInScope(db: Db, user: SignedInUser, childId: number) {
  return scopedChildren(db, user)
    .select(['child.id', 'child.first_name', 'child.last_name', 'child.date_of_birth'])
    .where('child.id', '<>', childId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('sibling_group_member as mine')
          .innerJoin('sibling_group_member as theirs', (join) =>
            join
              .onRef('theirs.council_id', '=', 'mine.council_id')
              .onRef('theirs.sibling_group_id', '=', 'mine.sibling_group_id'),
          )
          .select(eb.lit(1).as('one'))
          .where('mine.council_id', '=', user.councilId)
          .where('mine.child_id', '=', childId)
          .whereRef('theirs.child_id', '=', 'child.id'),
      ),
    )
    .orderBy('child.date_of_birth')
    .orderBy('child.first_name')
    .execute()
}

export async function listContacts(db: Db, councilId: number, childId: number) {
  return db
    .selectFrom('contact as c')
    .leftJoin('user_account as u', (join) =>
      join.onRef('u.council_id', '=', 'c.council_id').onRef('u.id', '=', 'c.mash_decided_by'),
    )
    .select([
      'c.id',
      'c.received_at',
      'c.source',
      'c.referrer_name',
      'c.referrer_organisation',
      'c.mash_decision',
      'c.mash_decision_at',
      'u.display_name as decided_by_name',
    ])
    .where('c.council_id', '=', councilId)
    .where('c.child_id', '=', childId)
    .orderBy('c.received_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute()
}

export async function getContact(db: Db, councilId: number, childId: number, contactId: number) {
  return db
    .selectFrom('contact')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('child_id', '=', childId)
    .where('id', '=', contactId)
    .executeTakeFirst()
}

/**
 * The same contact recorded for the child's brothers and sisters (in scope) and still waiting for a
 * decision: the contact form writes one row per child with the same time and source.
 */
export async function undecidedSiblingContacts(
  db: Db,
  user: SignedInUser,
  childId: number,
  contact: { received_at: Date; source: string },
) {
  const siblings = await siblingsInScope(db, user, childId)
  if (siblings.length === 0) return []
  const rows = await db
    .selectFrom('contact')
    .select(['id', 'child_id', 'version'])
    .where('council_id', '=', user.councilId)
    .where(
      'child_id',
      'in',
      siblings.map((sibling) => sibling.id),
    )
    .where('received_at', '=', contact.received_at)
    .where('source', '=', contact.source)
    .where('mash_decision', 'is', null)
    .orderBy('id')
    .execute()
  return rows.map((row) => {
    const sibling = siblings.find((candidate) => candidate.id === row.child_id)
    return {
      contactId: row.id,
      version: row.version,
      childId: row.child_id,
      firstName: sibling?.first_name ?? '',
      lastName: sibling?.last_name ?? '',
      dateOfBirth: sibling?.date_of_birth ?? null,
    }
  })
}

/** Needs `referral as r` joined to `child as rc`. */
const reReferralExpression = sql<boolean>`exists (
  select 1 from referral p
  join child pc on pc.council_id = p.council_id and pc.id = p.child_id
  where p.council_id = r.council_id
    and p.id <> r.id
    and coalesce(pc.merged_into_child_id, pc.id) = coalesce(rc.merged_into_child_id, rc.id)
    and (p.referral_date < r.referral_date or (p.referral_date = r.referral_date and p.id < r.id))
    and (p.referral_date + make_interval(months => ${sql.lit(RE_REFERRAL_MONTHS)}))::date >= r.referral_date
)`

/**
 * The child's referrals, newest first, each with `re_referral`: whether the same child (counting a
 * duplicate record merged into it) had a referral in the 12 months before. See re-referral.ts for
 * the definition; this is its SQL twin, and tests hold the two to the same cases.
 */
export async function listReferrals(db: Db, councilId: number, childId: number) {
  return db
    .selectFrom('referral as r')
    .innerJoin('child as rc', (join) =>
      join.onRef('rc.council_id', '=', 'r.council_id').onRef('rc.id', '=', 'r.child_id'),
    )
    .select([
      'r.id',
      'r.contact_id',
      'r.referral_date',
      'r.source',
      'r.primary_need',
      'r.no_further_action',
      'r.closure_date',
      'r.closure_reason',
      'r.version',
      reReferralExpression.as('re_referral'),
    ])
    .where('r.council_id', '=', councilId)
    .where('r.child_id', '=', childId)
    .orderBy('r.referral_date', 'desc')
    .orderBy('r.id', 'desc')
    .execute()
}

export async function getReferral(db: Db, councilId: number, childId: number, referralId: number) {
  return db
    .selectFrom('referral')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('child_id', '=', childId)
    .where('id', '=', referralId)
    .executeTakeFirst()
}
