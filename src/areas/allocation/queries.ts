import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { AllocationRole } from '../../db/tables/foundation.js'

/**
 * Allocation reads. The child-level ones are called from routes with :childId (scope already
 * checked); teams and their workers are the council's staff list, not a child's record.
 */
type Reader = Kysely<Database>

export async function allocationHistory(db: Reader, councilId: number, childId: number) {
  return db
    .selectFrom('worker_allocation as a')
    .innerJoin('team as t', (join) => join.onRef('t.council_id', '=', 'a.council_id').onRef('t.id', '=', 'a.team_id'))
    .leftJoin('user_account as u', (join) =>
      join.onRef('u.council_id', '=', 'a.council_id').onRef('u.id', '=', 'a.user_id'),
    )
    .select([
      'a.id',
      'a.allocation_role',
      'a.team_id',
      'a.user_id',
      'a.start_date',
      'a.end_date',
      'a.reason_for_change',
      'a.version',
      't.name as team_name',
      'u.display_name as worker_name',
    ])
    .where('a.council_id', '=', councilId)
    .where('a.child_id', '=', childId)
    .orderBy('a.start_date', 'desc')
    .orderBy('a.id', 'desc')
    .execute()
}

export type AllocationRow = Awaited<ReturnType<typeof allocationHistory>>[number]

/**
 * The allocation a change would end: the open one for this role (the latest, should there be more
 * than one), else the latest ended one, which a new allocation must not overlap.
 */
export async function latestAllocation(db: Reader, councilId: number, childId: number, role: AllocationRole) {
  const rows = await allocationHistory(db, councilId, childId)
  const ofRole = rows.filter((row) => row.allocation_role === role)
  return ofRole.find((row) => row.end_date === null) ?? ofRole[0]
}

export async function councilTeams(db: Reader, councilId: number) {
  return db
    .selectFrom('team')
    .select(['id', 'name', 'service_area'])
    .where('council_id', '=', councilId)
    .orderBy('name')
    .execute()
}

/** Active members and managers of a team, who can hold a case. */
export async function teamWorkers(db: Reader, councilId: number, teamId: number) {
  return db
    .selectFrom('team_member as m')
    .innerJoin('user_account as u', (join) =>
      join.onRef('u.council_id', '=', 'm.council_id').onRef('u.id', '=', 'm.user_id'),
    )
    .select(['u.id', 'u.display_name', 'u.role', 'm.relation'])
    .where('m.council_id', '=', councilId)
    .where('m.team_id', '=', teamId)
    .where('u.active', '=', true)
    .orderBy('u.display_name')
    .execute()
}
