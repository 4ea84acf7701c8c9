import type { Db } from '../../db/database.js'
import type { MissedVisitReason } from '../../db/tables/compliance.js'
import type { SignedInUser } from '../../web/context.js'
import { scopedChildren } from '../children/child-access.js'
import { daysBetween, type IsoDate } from './calendar.js'
import { dueItemsForCouncil } from './due-sql.js'
import type { DueFamily, DueItem } from './due-item.js'

/**
 * Work trays: every running clock for the children a user can see, with who holds each child and
 * whether it is overdue, due this week (within 7 days) or due later. Computed with the SQL engine for
 * the user's whole scope at once, then joined to current allocations.
 */
export type TrayStatus = 'overdue' | 'this_week' | 'later'

export interface TrayItem extends DueItem {
  childName: string
  laChildId: string
  workerId: number | null
  workerName: string | null
  teamId: number | null
  teamName: string | null
  status: TrayStatus
  /** Calendar days past the due date (0 when not overdue). */
  daysOverdue: number
  /** A missed-visit explanation recorded for this overdue visit, if any. */
  missedReason: { reason: MissedVisitReason; reasonText: string | null; rearrangedFor: IsoDate | null } | null
}

export function trayStatus(dueDate: IsoDate, asAt: IsoDate): TrayStatus {
  if (dueDate < asAt) return 'overdue'
  return daysBetween(asAt, dueDate) <= 6 ? 'this_week' : 'later'
}

const ADVISER_FAMILIES: readonly DueFamily[] = ['personal_adviser_contact', 'pathway_review']

export interface Allocation {
  childId: number
  role: 'social_worker' | 'personal_adviser' | 'iro'
  userId: number | null
  userName: string | null
  teamId: number
  teamName: string
}

export async function currentAllocationsFor(
  db: Db,
  councilId: number,
  childIds: readonly number[],
): Promise<Allocation[]> {
  if (childIds.length === 0) return []
  const rows = await db
    .selectFrom('worker_allocation as a')
    .innerJoin('team as t', (join) => join.onRef('t.council_id', '=', 'a.council_id').onRef('t.id', '=', 'a.team_id'))
    .leftJoin('user_account as u', (join) =>
      join.onRef('u.council_id', '=', 'a.council_id').onRef('u.id', '=', 'a.user_id'),
    )
    .select([
      'a.child_id',
      'a.allocation_role',
      'a.user_id',
      'u.display_name',
      'a.team_id',
      't.name as team_name',
      'a.start_date',
    ])
    .where('a.council_id', '=', councilId)
    .where('a.end_date', 'is', null)
    .where('a.child_id', 'in', [...childIds])
    .orderBy('a.start_date', 'desc')
    .orderBy('a.id', 'desc')
    .execute()
  return rows.map((row) => ({
    childId: row.child_id,
    role: row.allocation_role,
    userId: row.user_id,
    userName: row.display_name,
    teamId: row.team_id,
    teamName: row.team_name,
  }))
}

/** Who answers for an item: the personal adviser for care-leaver work, otherwise the social worker. */
export function responsibleAllocation(item: DueItem, allocations: readonly Allocation[]): Allocation | undefined {
  const own = allocations.filter((allocation) => allocation.childId === item.childId)
  const preferred = ADVISER_FAMILIES.includes(item.family)
    ? ['personal_adviser', 'social_worker']
    : ['social_worker', 'personal_adviser']
  for (const role of preferred) {
    const found = own.find((allocation) => allocation.role === role)
    if (found !== undefined) return found
  }
  return own[0]
}

/** Every due item for the children in the user's scope, ready for a tray. */
export async function trayItems(db: Db, user: SignedInUser, asAt: IsoDate): Promise<TrayItem[]> {
  // The scope is resolved first and passed as a list: as a subquery inside the engine's query the
  // planner re-ran a team manager's scope test for every child (seconds per page).
  const scope = await scopedChildren(db, user).select('child.id').execute()
  if (scope.length === 0) return []
  const items = await dueItemsForCouncil(db, user.councilId, asAt, { childIds: scope.map((child) => child.id) })
  const childIds = [...new Set(items.map((item) => item.childId))]
  if (childIds.length === 0) return []
  const children = await db
    .selectFrom('child')
    .select(['id', 'first_name', 'last_name', 'la_child_id'])
    .where('council_id', '=', user.councilId)
    .where('id', 'in', childIds)
    .execute()
  const names = new Map(children.map((child) => [child.id, child]))
  const allocations = await currentAllocationsFor(db, user.councilId, childIds)
  const overdueVisitChildren = [
    ...new Set(items.filter((item) => item.visitType !== null && item.dueDate < asAt).map((item) => item.childId)),
  ]
  const missed =
    overdueVisitChildren.length === 0
      ? []
      : await db
          .selectFrom('missed_visit')
          .select(['child_id', 'visit_type', 'planned_date', 'reason', 'reason_text', 'rearranged_for', 'created_at'])
          .where('council_id', '=', user.councilId)
          .where('child_id', 'in', overdueVisitChildren)
          .where('visit_id', 'is', null)
          .orderBy('created_at', 'asc')
          .execute()
  const reasons = new Map(missed.map((row) => [`${row.child_id}|${row.visit_type}|${row.planned_date}`, row]))
  return items.map((item) => {
    const child = names.get(item.childId)
    const allocation = responsibleAllocation(item, allocations)
    const status = trayStatus(item.dueDate, asAt)
    const reason =
      item.visitType === null ? undefined : reasons.get(`${item.childId}|${item.visitType}|${item.dueDate}`)
    return {
      ...item,
      childName: child === undefined ? '' : `${child.first_name} ${child.last_name}`,
      laChildId: child?.la_child_id ?? '',
      workerId: allocation?.userId ?? null,
      workerName: allocation?.userName ?? null,
      teamId: allocation?.teamId ?? null,
      teamName: allocation?.teamName ?? null,
      status,
      daysOverdue: status === 'overdue' ? daysBetween(item.dueDate, asAt) : 0,
      missedReason:
        reason === undefined
          ? null
          : { reason: reason.reason, reasonText: reason.reason_text, rearrangedFor: reason.rearranged_for },
    }
  })
}

export interface TrayFilter {
  family?: DueFamily | undefined
  status?: TrayStatus | undefined
  workerId?: number | undefined
  teamId?: number | undefined
  sort?: 'due' | 'child' | undefined
}

export function filterTray(items: readonly TrayItem[], filter: TrayFilter): TrayItem[] {
  const kept = items.filter(
    (item) =>
      (filter.family === undefined || item.family === filter.family) &&
      (filter.status === undefined || item.status === filter.status) &&
      (filter.workerId === undefined || item.workerId === filter.workerId) &&
      (filter.teamId === undefined || item.teamId === filter.teamId),
  )
  return filter.sort === 'child'
    ? kept.sort((a, b) => a.childName.localeCompare(b.childName) || a.dueDate.localeCompare(b.dueDate))
    : kept.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.childName.localeCompare(b.childName))
}

export interface TrayCounts {
  overdue: number
  thisWeek: number
  later: number
  total: number
  /** Children with at least one item overdue. */
  childrenOverdue: number
}

export function countTray(items: readonly TrayItem[]): TrayCounts {
  return {
    overdue: items.filter((item) => item.status === 'overdue').length,
    thisWeek: items.filter((item) => item.status === 'this_week').length,
    later: items.filter((item) => item.status === 'later').length,
    total: items.length,
    childrenOverdue: new Set(items.filter((item) => item.status === 'overdue').map((item) => item.childId)).size,
  }
}

/** Current caseloads (children allocated, any role) per worker in some teams. */
export async function caseloadsByWorker(db: Db, councilId: number, teamIds: readonly number[]) {
  if (teamIds.length === 0) return []
  const rows = await db
    .selectFrom('worker_allocation as a')
    .innerJoin('user_account as u', (join) =>
      join.onRef('u.council_id', '=', 'a.council_id').onRef('u.id', '=', 'a.user_id'),
    )
    .select([
      'a.user_id',
      'u.display_name',
      'a.team_id',
      (eb) => eb.fn.count<number>('a.child_id').distinct().as('children'),
    ])
    .where('a.council_id', '=', councilId)
    .where('a.end_date', 'is', null)
    .where('a.team_id', 'in', [...teamIds])
    .groupBy(['a.user_id', 'u.display_name', 'a.team_id'])
    .orderBy('u.display_name')
    .execute()
  return rows.map((row) => ({
    userId: row.user_id as number,
    name: row.display_name,
    teamId: row.team_id,
    children: Number(row.children),
  }))
}

export async function teamsOf(db: Db, councilId: number, teamIds?: readonly number[]) {
  return db
    .selectFrom('team')
    .select(['id', 'name'])
    .where('council_id', '=', councilId)
    .$if(teamIds !== undefined, (query) =>
      query.where('id', 'in', teamIds !== undefined && teamIds.length > 0 ? [...teamIds] : [-1]),
    )
    .orderBy('name')
    .execute()
}

/** Children in the user's scope currently allocated to some teams, with their names. */
export async function childrenInTeams(db: Db, user: SignedInUser, teamIds: readonly number[]) {
  if (teamIds.length === 0) return []
  const rows = await scopedChildren(db, user)
    .select(['child.id', 'child.first_name', 'child.last_name'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('worker_allocation as a')
          .select(eb.lit(1).as('one'))
          .whereRef('a.council_id', '=', 'child.council_id')
          .whereRef('a.child_id', '=', 'child.id')
          .where('a.end_date', 'is', null)
          .where('a.team_id', 'in', [...teamIds]),
      ),
    )
    .execute()
  return rows.map((row) => ({ id: row.id, name: `${row.first_name} ${row.last_name}` }))
}
