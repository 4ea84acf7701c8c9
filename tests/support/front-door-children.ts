import type { Db } from '../../src/db/database.js'

/**
 * Extra children for case-record route tests, allocated to a worker in a team like the fixture's, and
 * sibling groups to put them in. Ids are chosen by each test file so they read plainly.
 */
export async function addChild(
  db: Db,
  child: { councilId: number; id: number; lastName: string; dateOfBirth: string; teamId: number; workerId: number },
): Promise<number> {
  await db
    .insertInto('child')
    .values({
      council_id: child.councilId,
      id: child.id,
      la_child_id: `T${child.id}`,
      first_name: 'Testchild',
      last_name: child.lastName,
      preferred_name: null,
      date_of_birth: child.dateOfBirth,
      expected_date_of_birth: null,
      date_of_death: null,
      sex: 'M',
      ethnicity: 'WBRI',
      upn: null,
      former_upn: null,
      upn_unknown_reason: 'UN1',
      uasc_ceased_date: null,
      home_postcode: 'FY1 1AA',
      restriction: null,
      restriction_reason: null,
      merged_into_child_id: null,
    })
    .execute()
  await db
    .insertInto('worker_allocation')
    .values({
      council_id: child.councilId,
      child_id: child.id,
      allocation_role: 'social_worker',
      team_id: child.teamId,
      user_id: child.workerId,
      start_date: '2026-01-05',
      end_date: null,
      reason_for_change: null,
      created_by: null,
    })
    .execute()
  return child.id
}

export async function addSiblingGroup(db: Db, councilId: number, name: string, childIds: number[]): Promise<number> {
  const group = await db
    .insertInto('sibling_group')
    .values({ council_id: councilId, name, note: null, created_by: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('sibling_group_member')
    .values(
      childIds.map((childId) => ({
        council_id: councilId,
        sibling_group_id: group.id,
        child_id: childId,
        created_by: null,
      })),
    )
    .execute()
  return group.id
}
