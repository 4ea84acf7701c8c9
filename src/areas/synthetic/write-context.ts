import type { Allocation } from './allocations.js'
import { workerOn } from './allocations.js'
import type { BatchWriter } from './batch-writer.js'
import { isoFromDay, type Day } from './dates.js'
import type { IdSource } from './ids.js'
import type { CouncilPlan } from './plan.js'
import type { Postcode, PostcodePool } from './postcodes.js'
import type { ProviderRegistry } from './providers.js'
import type { Rng } from './rng.js'
import type { Staff } from './staff.js'
import type { ChildStory } from './story.js'

/** Everything the row writers need for one council. */
export interface CouncilWriteContext {
  council: CouncilPlan
  asAt: Day
  windowStart: Day
  writer: BatchWriter
  ids: IdSource
  staff: Staff
  providers: ProviderRegistry
  pool: PostcodePool
  /** The council's escalation ladder for a child who cannot be seen, lowest step first. */
  escalationSteps: number[]
}

/** One child being written: their id, story, workers and family details. */
export interface ChildWrite {
  id: number
  story: ChildStory
  allocations: Allocation[]
  home: Postcode
  rng: Rng
  /** Stream shared by the child's siblings, for things that happen to the family together. */
  familyRng: Rng
}

export function councilId(context: CouncilWriteContext): number {
  return context.council.id
}

/** The social worker (or another role) on a day, falling back to any member of the right team. */
export function workerFor(
  context: CouncilWriteContext,
  child: ChildWrite,
  day: Day,
  role: 'social_worker' | 'personal_adviser' | 'iro' = 'social_worker',
): { userId: number; teamId: number } {
  const held = workerOn(child.allocations, role, day) ?? workerOn(child.allocations, 'social_worker', day)
  if (held !== undefined) return { userId: held.userId, teamId: held.teamId }
  const kind = role === 'iro' ? 'iro' : role === 'personal_adviser' ? 'care_leavers' : 'front_door'
  const team = context.staff.byKind.get(kind)?.[0] ?? context.staff.teams[0]
  if (team === undefined) throw new Error('The synthetic council has no teams')
  const worker = team.workers[(child.id + day) % Math.max(1, team.workers.length)]
  return { userId: worker?.id ?? team.managerId, teamId: team.id }
}

export function managerOf(context: CouncilWriteContext, teamId: number): number {
  const team = context.staff.teams.find((candidate) => candidate.id === teamId)
  return team?.managerId ?? context.staff.headsOfService[0] ?? 1
}

export const iso = isoFromDay

/** An instant on a day, at a time of day between 08:00 and 18:00 (UTC, near enough for synthetic data). */
export function instant(day: Day, rng: Rng, fromHour = 8, toHour = 17): string {
  const hour = rng.int(fromHour, toHour)
  const minute = rng.int(0, 59)
  return `${isoFromDay(day)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`
}

/** Whether a day falls in the history window (operational records are written for it only). */
export function inWindow(context: CouncilWriteContext, day: Day): boolean {
  return day >= context.windowStart && day <= context.asAt
}
