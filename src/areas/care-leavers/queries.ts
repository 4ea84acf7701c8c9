import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { scopedChildren } from '../children/child-access.js'
import { dueItemsForCouncil } from '../compliance/due-sql.js'
import type { DueItem } from '../compliance/due-item.js'
import { addMonths, addYears, type IsoDate } from './dates.js'

/**
 * Care-leaver reads. Child-level ones are called from routes with :childId (scope already checked);
 * the caseload starts from scopedChildren(), so nobody sees a young person outside their scope.
 */

export async function childCareLeaverRecords(db: Db, councilId: number, childId: number) {
  const byChild = { council: councilId, child: childId }
  const [
    contacts,
    accommodation,
    activities,
    offers,
    assessments,
    plans,
    goals,
    reviews,
    staying,
    requests,
    elsewhere,
  ] = await Promise.all([
    db
      .selectFrom('keeping_in_touch_contact as k')
      .leftJoin('user_account as u', (join) =>
        join.onRef('u.council_id', '=', 'k.council_id').onRef('u.id', '=', 'k.made_by'),
      )
      .select(['k.id', 'k.contact_date', 'k.method', 'k.outcome', 'u.display_name as made_by_name'])
      .where('k.council_id', '=', byChild.council)
      .where('k.child_id', '=', byChild.child)
      .orderBy('k.contact_date', 'desc')
      .orderBy('k.id', 'desc')
      .execute(),
    db
      .selectFrom('care_leaver_accommodation')
      .selectAll()
      .where('council_id', '=', byChild.council)
      .where('child_id', '=', byChild.child)
      .orderBy('start_date', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('care_leaver_activity')
      .selectAll()
      .where('council_id', '=', byChild.council)
      .where('child_id', '=', byChild.child)
      .orderBy('start_date', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('work_opportunity_offer as o')
      .innerJoin('work_opportunity as w', (join) =>
        join.onRef('w.council_id', '=', 'o.council_id').onRef('w.id', '=', 'o.opportunity_id'),
      )
      .select([
        'o.id',
        'o.offered_date',
        'o.status',
        'o.start_date',
        'o.end_date',
        'w.title',
        'w.kind',
        'w.ring_fenced',
        'w.department',
      ])
      .where('o.council_id', '=', byChild.council)
      .where('o.child_id', '=', byChild.child)
      .orderBy('o.offered_date', 'desc')
      .execute(),
    db
      .selectFrom('pathway_needs_assessment')
      .selectAll()
      .where('council_id', '=', byChild.council)
      .where('child_id', '=', byChild.child)
      .orderBy('start_date', 'desc')
      .execute(),
    db
      .selectFrom('pathway_plan as p')
      .leftJoin('user_account as u', (join) =>
        join.onRef('u.council_id', '=', 'p.council_id').onRef('u.id', '=', 'p.authorised_by'),
      )
      .selectAll('p')
      .select('u.display_name as authorised_by_name')
      .where('p.council_id', '=', byChild.council)
      .where('p.child_id', '=', byChild.child)
      .orderBy('p.plan_date', 'desc')
      .orderBy('p.id', 'desc')
      .execute(),
    db
      .selectFrom('pathway_goal')
      .selectAll()
      .where('council_id', '=', byChild.council)
      .where('child_id', '=', byChild.child)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('pathway_review')
      .selectAll()
      .where('council_id', '=', byChild.council)
      .where('child_id', '=', byChild.child)
      .orderBy('review_date', 'desc')
      .execute(),
    db
      .selectFrom('staying_arrangement')
      .selectAll()
      .where('council_id', '=', byChild.council)
      .where('child_id', '=', byChild.child)
      .orderBy('start_date', 'desc')
      .execute(),
    db
      .selectFrom('support_request')
      .selectAll()
      .where('council_id', '=', byChild.council)
      .where('child_id', '=', byChild.child)
      .orderBy('requested_date', 'desc')
      .execute(),
    db
      .selectFrom('responsible_authority_elsewhere')
      .selectAll()
      .where('council_id', '=', byChild.council)
      .where('child_id', '=', byChild.child)
      .orderBy('start_date', 'desc')
      .execute(),
  ])
  return {
    contacts,
    accommodation,
    activities,
    offers,
    assessments,
    plans,
    goals,
    reviews,
    staying,
    requests,
    elsewhere,
  }
}

export type ChildCareLeaverRecords = Awaited<ReturnType<typeof childCareLeaverRecords>>

/** The young person's running care-leaver clocks (next contact, pathway plan review). */
export async function careLeaverDueItems(db: Db, councilId: number, childIds: readonly number[], asAt: IsoDate) {
  if (childIds.length === 0) return []
  const items = await dueItemsForCouncil(db, councilId, asAt, { childIds })
  return items.filter((item) => item.family === 'personal_adviser_contact' || item.family === 'pathway_review')
}

export interface CaseloadYoungPerson {
  childId: number
  laChildId: string
  name: string
  dateOfBirth: IsoDate | null
  adviserId: number | null
  adviserName: string | null
  lastContactDate: IsoDate | null
  lastContactOutcome: string | null
  lastInTouchDate: IsoDate | null
  accommodationType: string | null
  accommodationSuitable: boolean | null
  unsuitableReason: string | null
  activityCode: string | null
  activitySince: IsoDate | null
  responsibleLaName: string | null
  nextContactDue: IsoDate | null
  pathwayReviewDue: IsoDate | null
}

/**
 * Young people with a personal adviser, in the user's scope: a personal adviser's own caseload, or
 * (for managers) everyone they can see, optionally one adviser's.
 */
export async function caseload(
  db: Db,
  user: SignedInUser,
  filter: { adviserId?: number | undefined },
  asAt: IsoDate,
): Promise<CaseloadYoungPerson[]> {
  const adviserId = user.role === 'personal_adviser' ? user.id : filter.adviserId
  let query = scopedChildren(db, user)
    .innerJoin('worker_allocation as a', (join) =>
      join
        .onRef('a.council_id', '=', 'child.council_id')
        .onRef('a.child_id', '=', 'child.id')
        .on('a.allocation_role', '=', 'personal_adviser')
        .on('a.end_date', 'is', null),
    )
    .leftJoin('user_account as u', (join) =>
      join.onRef('u.council_id', '=', 'a.council_id').onRef('u.id', '=', 'a.user_id'),
    )
    .select([
      'child.id',
      'child.la_child_id',
      'child.first_name',
      'child.last_name',
      'child.date_of_birth',
      'a.user_id',
      'u.display_name',
    ])
    .where('child.date_of_death', 'is', null)
  if (adviserId !== undefined) query = query.where('a.user_id', '=', adviserId)
  const people = await query.orderBy('child.last_name').orderBy('child.first_name').execute()
  const ids = [...new Set(people.map((person) => person.id))]
  if (ids.length === 0) return []
  const c = user.councilId
  const [contacts, accommodation, activity, elsewhere, due] = await Promise.all([
    sql<{ child_id: number; contact_date: string; outcome: string; last_in_touch: string | null }>`
      select distinct on (k.child_id) k.child_id, k.contact_date, k.outcome,
        (select max(y.contact_date) from keeping_in_touch_contact y
          where y.council_id = ${c} and y.child_id = k.child_id and y.outcome = 'yes') as last_in_touch
      from keeping_in_touch_contact k
      where k.council_id = ${c} and k.child_id = any(${ids}::bigint[])
      order by k.child_id, k.contact_date desc, k.id desc`.execute(db),
    sql<{ child_id: number; accommodation_type: string; suitable: boolean; unsuitable_reason: string | null }>`
      select distinct on (a.child_id) a.child_id, a.accommodation_type, a.suitable, a.unsuitable_reason
      from care_leaver_accommodation a
      where a.council_id = ${c} and a.child_id = any(${ids}::bigint[]) and a.start_date <= ${asAt}::date
        and (a.end_date is null or a.end_date > ${asAt}::date)
      order by a.child_id, a.start_date desc, a.id desc`.execute(db),
    sql<{ child_id: number; activity_code: string; start_date: string }>`
      select distinct on (a.child_id) a.child_id, a.activity_code, a.start_date
      from care_leaver_activity a
      where a.council_id = ${c} and a.child_id = any(${ids}::bigint[]) and a.start_date <= ${asAt}::date
        and (a.end_date is null or a.end_date > ${asAt}::date)
      order by a.child_id, a.start_date desc, a.id desc`.execute(db),
    sql<{ child_id: number; responsible_la_name: string }>`
      select distinct on (r.child_id) r.child_id, r.responsible_la_name from responsible_authority_elsewhere r
      where r.council_id = ${c} and r.child_id = any(${ids}::bigint[]) and r.start_date <= ${asAt}::date
        and (r.end_date is null or r.end_date >= ${asAt}::date)
      order by r.child_id, r.start_date desc`.execute(db),
    careLeaverDueItems(db, c, ids, asAt),
  ])
  const byChild = <T extends { child_id: number }>(rows: T[]) => new Map(rows.map((row) => [Number(row.child_id), row]))
  const lastContact = byChild(contacts.rows)
  const home = byChild(accommodation.rows)
  const doing = byChild(activity.rows)
  const responsible = byChild(elsewhere.rows)
  const earliest = (childId: number, family: DueItem['family']) =>
    due
      .filter((item) => item.childId === childId && item.family === family)
      .map((item) => item.dueDate)
      .sort()[0] ?? null
  const seen = new Set<number>()
  return people
    .filter((person) => (seen.has(person.id) ? false : (seen.add(person.id), true)))
    .map((person) => {
      const contact = lastContact.get(person.id)
      const place = home.get(person.id)
      const activityNow = doing.get(person.id)
      return {
        childId: person.id,
        laChildId: person.la_child_id,
        name: `${person.first_name} ${person.last_name}`,
        dateOfBirth: person.date_of_birth,
        adviserId: person.user_id,
        adviserName: person.display_name,
        lastContactDate: contact?.contact_date ?? null,
        lastContactOutcome: contact?.outcome ?? null,
        lastInTouchDate: contact?.last_in_touch ?? null,
        accommodationType: place?.accommodation_type ?? null,
        accommodationSuitable: place?.suitable ?? null,
        unsuitableReason: place?.unsuitable_reason ?? null,
        activityCode: activityNow?.activity_code ?? null,
        activitySince: activityNow?.start_date ?? null,
        responsibleLaName: responsible.get(person.id)?.responsible_la_name ?? null,
        nextContactDue: earliest(person.id, 'personal_adviser_contact'),
        pathwayReviewDue: earliest(person.id, 'pathway_review'),
      }
    })
}

/** Personal advisers holding young people the user can see (for a manager's filter). */
export async function advisersInScope(db: Db, user: SignedInUser) {
  return scopedChildren(db, user)
    .innerJoin('worker_allocation as a', (join) =>
      join
        .onRef('a.council_id', '=', 'child.council_id')
        .onRef('a.child_id', '=', 'child.id')
        .on('a.allocation_role', '=', 'personal_adviser')
        .on('a.end_date', 'is', null),
    )
    .innerJoin('user_account as u', (join) =>
      join.onRef('u.council_id', '=', 'a.council_id').onRef('u.id', '=', 'a.user_id'),
    )
    .select(['u.id', 'u.display_name'])
    .distinct()
    .orderBy('u.display_name')
    .execute()
}

/**
 * Staying Put: of the young people in scope who turned 18 in the 12 months to `asAt` while in foster
 * care (903 PLACE U1-U6 on the day before), how many stayed with their foster carers (a Staying Put
 * arrangement starting within 3 months of the birthday, or care ending with REC E17).
 */
export async function stayingPutShare(db: Db, user: SignedInUser, asAt: IsoDate) {
  const yearAgo = addMonths(asAt, -12)
  const lowestBirth = addYears(yearAgo, -18)
  const highestBirth = addYears(asAt, -18)
  const scope = await scopedChildren(db, user)
    .select('child.id')
    .where('child.date_of_birth', '>', lowestBirth)
    .where('child.date_of_birth', '<=', highestBirth)
    .execute()
  const ids = scope.map((row) => row.id)
  if (ids.length === 0) return { turned18InFoster: 0, stayedPut: 0 }
  const c = user.councilId
  const result = await sql<{ child_id: number; stayed: boolean }>`
    select ch.id as child_id,
      exists (select 1 from staying_arrangement s where s.council_id = ${c} and s.child_id = ch.id
          and s.arrangement_type = 'staying_put'
          and s.start_date between (ch.date_of_birth + interval '18 years')::date - 31
            and (ch.date_of_birth + interval '18 years 3 months')::date)
        or exists (select 1 from looked_after_episode e2 where e2.council_id = ${c} and e2.child_id = ch.id
          and e2.reason_episode_ceased = 'E17') as stayed
    from child ch
    where ch.council_id = ${c} and ch.id = any(${ids}::bigint[])
      and exists (select 1 from looked_after_episode e where e.council_id = ${c} and e.child_id = ch.id
        and e.placement_type in ('U1', 'U2', 'U3', 'U4', 'U5', 'U6')
        and e.start_date < (ch.date_of_birth + interval '18 years')::date
        and (e.end_date is null or e.end_date >= (ch.date_of_birth + interval '18 years')::date))`.execute(db)
  return { turned18InFoster: result.rows.length, stayedPut: result.rows.filter((row) => row.stayed).length }
}

/**
 * Young people living here whom another council is responsible for: never in this council's figures,
 * but visible to the service (those the user can see).
 */
export async function livingHereForOtherCouncils(db: Db, user: SignedInUser, asAt: IsoDate) {
  return scopedChildren(db, user)
    .innerJoin('responsible_authority_elsewhere as r', (join) =>
      join.onRef('r.council_id', '=', 'child.council_id').onRef('r.child_id', '=', 'child.id'),
    )
    .select(['child.id', 'child.first_name', 'child.last_name', 'r.responsible_la_name', 'r.start_date'])
    .where('r.start_date', '<=', asAt)
    .where((eb) => eb.or([eb('r.end_date', 'is', null), eb('r.end_date', '>=', asAt)]))
    .orderBy('child.last_name')
    .orderBy('child.first_name')
    .execute()
}
