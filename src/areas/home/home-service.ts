import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { scopedChildren } from '../children/child-access.js'
import { suppressSmallCount } from '../figures/disclosure.js'

export interface ChildSummary {
  id: number
  laChildId: string
  name: string
  dateOfBirth: string | null
  teamName: string | null
}

/** Children allocated to this worker now, newest allocation first. */
export async function myChildren(db: Db, user: SignedInUser, limit = 200): Promise<ChildSummary[]> {
  const rows = await scopedChildren(db, user)
    .innerJoin('worker_allocation as a', (join) =>
      join
        .onRef('a.council_id', '=', 'child.council_id')
        .onRef('a.child_id', '=', 'child.id')
        .on('a.end_date', 'is', null),
    )
    .innerJoin('team as t', (join) => join.onRef('t.council_id', '=', 'a.council_id').onRef('t.id', '=', 'a.team_id'))
    .where('a.user_id', '=', user.id)
    .select([
      'child.id',
      'child.la_child_id',
      'child.first_name',
      'child.last_name',
      'child.date_of_birth',
      't.name as team_name',
    ])
    .orderBy('child.last_name')
    .orderBy('child.first_name')
    .limit(limit)
    .execute()
  return rows.map((row) => ({
    id: row.id,
    laChildId: row.la_child_id,
    name: `${row.first_name} ${row.last_name}`,
    dateOfBirth: row.date_of_birth,
    teamName: row.team_name,
  }))
}

export interface CaseloadRow {
  teamName: string
  workerName: string
  children: number
}

/** Current caseloads per worker, for the teams a manager manages (or every team, for a head of service). */
export async function caseloads(db: Db, user: SignedInUser): Promise<CaseloadRow[]> {
  let query = db
    .selectFrom('worker_allocation as a')
    .innerJoin('team as t', (join) => join.onRef('t.council_id', '=', 'a.council_id').onRef('t.id', '=', 'a.team_id'))
    .innerJoin('user_account as u', (join) =>
      join.onRef('u.council_id', '=', 'a.council_id').onRef('u.id', '=', 'a.user_id'),
    )
    .where('a.council_id', '=', user.councilId)
    .where('a.end_date', 'is', null)
    .select(['t.name as team_name', 'u.display_name', (eb) => eb.fn.countAll<number>().as('children')])
    .groupBy(['t.name', 'u.display_name'])
    .orderBy('t.name')
    .orderBy('u.display_name')
  if (user.role !== 'head_of_service') {
    const teams = [...new Set([...user.managedTeamIds, ...user.teamIds])]
    query = teams.length > 0 ? query.where('a.team_id', 'in', teams) : query.where(sql<boolean>`false`)
  }
  const rows = await query.execute()
  return rows.map((row) => ({ teamName: row.team_name, workerName: row.display_name, children: Number(row.children) }))
}

export interface ServiceTotals {
  childrenKnown: number
  allocated: number
  unallocated: number
  teams: number
  staff: number
}

/** Whole-council counts for heads of service, performance officers and (suppressed) councillors. */
export async function serviceTotals(db: Db, councilId: number): Promise<ServiceTotals> {
  const row = await db
    .selectFrom('child')
    .where('child.council_id', '=', councilId)
    .where('child.merged_into_child_id', 'is', null)
    .select((eb) => [
      eb.fn.countAll<number>().as('known'),
      eb.fn
        .count<number>('child.id')
        .filterWhere((inner) =>
          inner.exists(
            inner
              .selectFrom('worker_allocation as a')
              .select(inner.lit(1).as('one'))
              .whereRef('a.council_id', '=', 'child.council_id')
              .whereRef('a.child_id', '=', 'child.id')
              .where('a.end_date', 'is', null),
          ),
        )
        .as('allocated'),
    ])
    .executeTakeFirstOrThrow()
  const teams = await db
    .selectFrom('team')
    .where('council_id', '=', councilId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const staff = await db
    .selectFrom('user_account')
    .where('council_id', '=', councilId)
    .where('role', 'in', ['social_worker', 'personal_adviser', 'team_manager'])
    .where('active', '=', true)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const known = Number(row.known)
  const allocated = Number(row.allocated)
  return {
    childrenKnown: known,
    allocated,
    unallocated: known - allocated,
    teams: Number(teams.n),
    staff: Number(staff.n),
  }
}

/** Councillors see figures only, with counts of 1 to 5 suppressed. */
export async function councillorFigures(db: Db, councilId: number) {
  const totals = await serviceTotals(db, councilId)
  return {
    childrenKnown: suppressSmallCount(totals.childrenKnown),
    allocated: suppressSmallCount(totals.allocated),
    unallocated: suppressSmallCount(totals.unallocated),
    staff: suppressSmallCount(totals.staff),
  }
}
