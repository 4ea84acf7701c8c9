import type { Db } from '../src/db/database.js'
import { addChild } from './support/front-door-children.js'

/**
 * A care leaver for route tests: looked after from 1 September 2020 in foster care (U4) until
 * `leftCare`, with a personal adviser in the children in care team (team 2 of seedFixture).
 */
export async function addCareLeaver(
  db: Db,
  councilId: number,
  leaver: { id: number; dateOfBirth: string; leftCare: string; adviserId: number },
): Promise<void> {
  await addChild(db, {
    councilId,
    id: leaver.id,
    lastName: `Number${leaver.id}`,
    dateOfBirth: leaver.dateOfBirth,
    teamId: 2,
    workerId: leaver.adviserId,
  })
  // Their worker is a personal adviser, allocated before they left care.
  await db
    .updateTable('worker_allocation')
    .set({ allocation_role: 'personal_adviser', start_date: '2024-01-05' })
    .where('council_id', '=', councilId)
    .where('child_id', '=', leaver.id)
    .execute()
  const period = await db
    .insertInto('period_of_care')
    .values({
      council_id: councilId,
      child_id: leaver.id,
      start_date: '2020-09-01',
      end_date: leaver.leftCare,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('looked_after_episode')
    .values({
      council_id: councilId,
      child_id: leaver.id,
      period_of_care_id: period.id,
      placement_id: null,
      start_date: '2020-09-01',
      reason_new_episode: 'S',
      legal_status: 'C2',
      category_of_need: 'N1',
      placement_type: 'U4',
      placement_provider: 'PR1',
      end_date: leaver.leftCare,
      reason_episode_ceased: 'E5',
      created_by: null,
    })
    .execute()
}
