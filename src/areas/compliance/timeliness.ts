import type { Db } from '../../db/database.js'
import type { MissedVisitReason, VisitType } from '../../db/tables/compliance.js'
import type { SignedInUser } from '../../web/context.js'
import { scopedChildren } from '../children/child-access.js'
import type { IsoDate } from './calendar.js'
import { loadChildFacts } from './child-facts.js'
import { loadRuleBook } from './rule-book.js'
import { chainObligations, visitChains, type VisitObligation } from './visit-chains.js'

/**
 * Visit timeliness for a period and team: every statutory visit that fell due in the period (replaying
 * each plan's and placement's visit chain from the records), whether it was done in time, late, or not
 * yet, and which had a recorded reason. A visit is judged only once its due date has passed. The team
 * is the one holding the child (social worker allocation) on the due date.
 */
export interface TimelinessCounts {
  due: number
  inTime: number
  late: number
  notSeen: number
  /** Late or not yet done, with a missed-visit reason recorded. */
  withReason: number
}

export interface TimelinessRow extends TimelinessCounts {
  teamId: number | null
  teamName: string
}

export interface ChildNotSeen {
  childId: number
  childName: string
  laChildId: string
  teamName: string
  visitType: VisitType
  dueDate: IsoDate
  seenOn: IsoDate | null
  reason: MissedVisitReason | null
}

export interface TimelinessReport {
  from: IsoDate
  to: IsoDate
  rows: TimelinessRow[]
  total: TimelinessCounts
  childrenNotSeen: ChildNotSeen[]
}

export const TIMELINESS_VISIT_TYPES: readonly VisitType[] = ['child_protection', 'looked_after']

const empty = (): TimelinessCounts => ({ due: 0, inTime: 0, late: 0, notSeen: 0, withReason: 0 })

export function percentInTime(counts: TimelinessCounts): number | null {
  return counts.due === 0 ? null : Math.round((counts.inTime / counts.due) * 1000) / 10
}

type Outcome = 'inTime' | 'late' | 'notSeen'

export function outcomeOf(obligation: VisitObligation): Outcome {
  if (obligation.metOn === null) return 'notSeen'
  return obligation.metOn <= obligation.dueDate ? 'inTime' : 'late'
}

export async function visitTimeliness(
  db: Db,
  user: SignedInUser,
  period: { from: IsoDate; to: IsoDate; teamId?: number | undefined },
  asAt: IsoDate,
): Promise<TimelinessReport> {
  const scoped = await scopedChildren(db, user)
    .select(['child.id', 'child.first_name', 'child.last_name', 'child.la_child_id'])
    .execute()
  const names = new Map(scoped.map((child) => [child.id, child]))
  // A large scope loads the whole council at once and keeps the children in scope.
  const facts = await loadChildFacts(
    db,
    user.councilId,
    scoped.length > 2000 ? undefined : scoped.map((child) => child.id),
  )
  const rules = await loadRuleBook(db, user.councilId)
  const allocations = await db
    .selectFrom('worker_allocation as a')
    .innerJoin('team as t', (join) => join.onRef('t.council_id', '=', 'a.council_id').onRef('t.id', '=', 'a.team_id'))
    .select(['a.child_id', 'a.team_id', 't.name', 'a.start_date', 'a.end_date'])
    .where('a.council_id', '=', user.councilId)
    .where('a.allocation_role', '=', 'social_worker')
    .orderBy('a.start_date', 'desc')
    .execute()
  const missed = await db
    .selectFrom('missed_visit')
    .select(['child_id', 'visit_type', 'planned_date', 'reason'])
    .where('council_id', '=', user.councilId)
    .where('planned_date', '<=', period.to)
    .execute()
  const byChild = <T extends { child_id: number }>(rows: T[]) => {
    const grouped = new Map<number, T[]>()
    for (const row of rows) grouped.set(row.child_id, [...(grouped.get(row.child_id) ?? []), row])
    return grouped
  }
  const allocationsByChild = byChild(allocations)
  const missedByChild = byChild(missed)
  const teamOn = (childId: number, day: IsoDate) =>
    allocationsByChild
      .get(childId)
      ?.find(
        (allocation) => allocation.start_date <= day && (allocation.end_date === null || allocation.end_date >= day),
      )
  const lastDay = period.to < asAt ? period.to : previousDay(asAt)

  const byTeam = new Map<string, TimelinessRow>()
  const total = empty()
  const notSeen = new Map<string, ChildNotSeen>()
  for (const [childId, child] of facts) {
    const name = names.get(childId)
    if (name === undefined) continue
    for (const chain of visitChains(child, { openOnly: false })) {
      if (!TIMELINESS_VISIT_TYPES.includes(chain.visitType)) continue
      for (const obligation of chainObligations(chain, rules)) {
        if (obligation.dueDate < period.from || obligation.dueDate > lastDay) continue
        const team = teamOn(childId, obligation.dueDate)
        if (period.teamId !== undefined && team?.team_id !== period.teamId) continue
        const outcome = outcomeOf(obligation)
        const reason =
          outcome === 'inTime'
            ? undefined
            : missedByChild
                .get(childId)
                ?.find(
                  (row) =>
                    row.visit_type === chain.visitType &&
                    row.planned_date > obligation.fromDate &&
                    row.planned_date <= (obligation.metOn ?? asAt),
                )
        const key = team === undefined ? 'none' : String(team.team_id)
        const row = byTeam.get(key) ?? {
          teamId: team?.team_id ?? null,
          teamName: team?.name ?? 'Not allocated',
          ...empty(),
        }
        for (const counts of [row, total]) {
          counts.due++
          counts[outcome]++
          if (reason !== undefined) counts.withReason++
        }
        byTeam.set(key, row)
        if (outcome !== 'inTime') {
          notSeen.set(`${childId}|${chain.visitType}|${obligation.dueDate}`, {
            childId,
            childName: `${name.first_name} ${name.last_name}`,
            laChildId: name.la_child_id,
            teamName: row.teamName,
            visitType: chain.visitType,
            dueDate: obligation.dueDate,
            seenOn: obligation.metOn,
            reason: reason?.reason ?? null,
          })
        }
      }
    }
  }
  return {
    from: period.from,
    to: lastDay,
    rows: [...byTeam.values()].sort((a, b) =>
      a.teamId === null ? 1 : b.teamId === null ? -1 : a.teamName.localeCompare(b.teamName),
    ),
    total,
    childrenNotSeen: [...notSeen.values()].sort(
      (a, b) => b.dueDate.localeCompare(a.dueDate) || a.childName.localeCompare(b.childName),
    ),
  }
}

function previousDay(day: IsoDate): IsoDate {
  const date = new Date(`${day}T12:00:00Z`)
  date.setUTCDate(date.getUTCDate() - 1)
  return date.toISOString().slice(0, 10)
}
