import type { Kysely } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { SignedInUser } from '../../web/context.js'
import { updateVersioned } from '../../web/concurrency.js'
import { ConflictError } from '../../web/errors.js'
import { todayInLondon } from '../../web/forms/date-input.js'
import { formatUkDate } from '../../web/nunjucks.js'
import { appendAudit } from '../audit/audit-log.js'
import { codeLabel, isValidCode } from '../codes/code-lists.js'
import { allocationRoleLabel } from '../chronology/labels.js'
import { latestAllocation, teamWorkers, type AllocationRow } from './queries.js'
import type { AllocationChangeInput } from './schemas.js'

/** A rule broken by an allocation change, reported on the form field the user must change. */
export interface AllocationProblem {
  field: 'team' | 'worker' | 'start' | 'reason'
  message: string
}

export class AllocationRuleError extends Error {
  override name = 'AllocationRuleError'
  constructor(readonly problems: AllocationProblem[]) {
    super(problems.map((problem) => problem.message).join('; '))
  }
}

/**
 * The rules for a new allocation, against the records as they are now:
 * - the team is one of the council's, and a named worker is an active member of it;
 * - it starts today or earlier, and not before the allocation it follows started (or, when that
 *   one has already ended, not before it ended), so allocations never overlap;
 * - ending a current allocation needs a reason (SW_REASON, which 903 SWEpisodes returns);
 * - it changes something: the same worker in the same team is already allocated.
 */
export async function allocationProblems(
  db: Kysely<Database>,
  user: SignedInUser,
  childId: number,
  input: AllocationChangeInput,
  today = todayInLondon(),
): Promise<AllocationProblem[]> {
  const problems: AllocationProblem[] = []
  const team = await db
    .selectFrom('team')
    .select(['id', 'name'])
    .where('council_id', '=', user.councilId)
    .where('id', '=', input.teamId)
    .executeTakeFirst()
  if (team === undefined) return [{ field: 'team', message: 'Select a team' }]
  if (input.workerId !== null) {
    const workers = await teamWorkers(db, user.councilId, input.teamId)
    if (!workers.some((worker) => worker.id === input.workerId)) {
      problems.push({ field: 'worker', message: `Select a worker in ${team.name}, or allocate to the team only` })
    }
  }
  if (input.startDate > today) problems.push({ field: 'start', message: 'The start date must be today or in the past' })
  const previous = await latestAllocation(db, user.councilId, childId, input.role)
  if (previous !== undefined) problems.push(...rulesAgainstPrevious(previous, input))
  else if (input.opened !== null) {
    throw new ConflictError('Someone else has changed this allocation', {}, {}, `/children/${childId}/allocation`)
  }
  return problems
}

function rulesAgainstPrevious(previous: AllocationRow, input: AllocationChangeInput): AllocationProblem[] {
  const problems: AllocationProblem[] = []
  if (previous.end_date === null) {
    if (input.startDate < previous.start_date) {
      problems.push({
        field: 'start',
        message: `The start date must be on or after ${formatUkDate(previous.start_date)}, when the current allocation started`,
      })
    }
    if (input.reasonForChange !== null && !isValidCode('SW_REASON', input.reasonForChange)) {
      problems.push({ field: 'reason', message: 'Select why the current allocation is ending' })
    }
    if (previous.team_id === input.teamId && previous.user_id === input.workerId) {
      problems.push({
        field: 'worker',
        message:
          input.workerId === null
            ? `The case is already held by ${previous.team_name} with no worker: choose a worker or another team`
            : `${previous.worker_name ?? 'This worker'} is already allocated: choose a different worker or team`,
      })
    }
  } else if (input.startDate < previous.end_date) {
    problems.push({
      field: 'start',
      message: `The start date must be on or after ${formatUkDate(previous.end_date)}, when the previous allocation ended`,
    })
  }
  return problems
}

/**
 * Changes who holds a child's case for one role (social worker, personal adviser or IRO): ends the
 * current allocation on the new one's start date with its reason, and starts the new one, in one
 * transaction. The current allocation is ended only at the version the user saw, so two managers
 * changing it at once cannot both succeed. Returns the new allocation's id.
 */
export async function changeAllocation(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: AllocationChangeInput,
  ip: string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // Serialise changes to this child's allocations (the rows we read below are the ones we change).
    await trx
      .selectFrom('worker_allocation')
      .select('id')
      .where('council_id', '=', user.councilId)
      .where('child_id', '=', childId)
      .forUpdate()
      .execute()
    const problems = await allocationProblems(trx, user, childId, input)
    if (problems.length > 0) throw new AllocationRuleError(problems)
    const previous = await latestAllocation(trx, user.councilId, childId, input.role)
    const current = previous?.end_date === null ? previous : undefined
    if (current === undefined && input.opened !== null) {
      throw new ConflictError('Someone else has changed this allocation', {}, {}, `/children/${childId}/allocation`)
    }
    if (current !== undefined) {
      if (input.opened === null || input.opened.id !== current.id || input.reasonForChange === null) {
        throw new ConflictError(
          'Someone else has allocated this case since you started',
          {},
          describeAllocation(current),
          `/children/${childId}/allocation`,
        )
      }
      await updateVersioned(
        trx,
        'worker_allocation',
        { councilId: user.councilId, id: current.id },
        input.opened.version,
        { end_date: input.startDate, reason_for_change: input.reasonForChange },
        {
          returnTo: `/children/${childId}/allocation`,
          describe: (row) => ({
            Ended: typeof row['end_date'] === 'string' ? formatUkDate(row['end_date']) : 'Still current',
            'Reason for change': reasonText(row['reason_for_change']),
          }),
          yours: { Ended: formatUkDate(input.startDate), 'Reason for change': reasonText(input.reasonForChange) },
        },
      )
    }
    const { id } = await trx
      .insertInto('worker_allocation')
      .values({
        council_id: user.councilId,
        child_id: childId,
        allocation_role: input.role,
        team_id: input.teamId,
        user_id: input.workerId,
        start_date: input.startDate,
        end_date: null,
        reason_for_change: null,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'create',
      entity: 'worker_allocation',
      entityId: id,
      childId,
      route: 'POST /children/:childId/allocation/change',
      ip,
      detail: {
        role: input.role,
        teamId: input.teamId,
        workerId: input.workerId,
        endedAllocationId: current?.id ?? null,
        reasonForChange: input.reasonForChange,
      },
    })
    return Number(id)
  })
}

function reasonText(code: unknown): string {
  if (typeof code !== 'string') return ''
  return codeLabel('SW_REASON', code) ?? code
}

function describeAllocation(row: AllocationRow): Record<string, string> {
  return {
    Role: allocationRoleLabel(row.allocation_role),
    Team: row.team_name,
    Worker: row.worker_name ?? 'None (team only)',
    From: formatUkDate(row.start_date),
  }
}

/**
 * Whether the user will still reach the child's record once this change is made, by the same rules
 * as childScopeCondition (src/areas/children/child-access.ts) applied to the allocations that will
 * then be open. Used to warn a manager who is moving a case out of their own team.
 */
export function keepsAccessAfter(
  user: SignedInUser,
  history: readonly Pick<AllocationRow, 'allocation_role' | 'team_id' | 'user_id' | 'end_date'>[],
  input: Pick<AllocationChangeInput, 'role' | 'teamId' | 'workerId'>,
): boolean {
  const open = [
    ...history.filter((row) => row.end_date === null && row.allocation_role !== input.role),
    { team_id: input.teamId, user_id: input.workerId },
  ]
  const reaches = (teamIds: readonly number[]) =>
    open.some((row) => row.user_id === user.id || teamIds.includes(row.team_id))
  switch (user.role) {
    case 'head_of_service':
    case 'performance_officer':
      return true
    case 'councillor':
    case 'administrator':
      return false
    case 'team_manager':
      return reaches([...user.managedTeamIds, ...user.teamIds])
    case 'social_worker':
    case 'personal_adviser':
    case 'independent_reviewing_officer':
      return reaches(user.workerScope === 'team' ? user.teamIds : [])
  }
}
