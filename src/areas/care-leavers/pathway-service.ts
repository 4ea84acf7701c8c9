import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { PathwayGoalStatus } from '../../db/tables/care-leavers.js'
import type { SignedInUser } from '../../web/context.js'
import { updateVersioned } from '../../web/concurrency.js'
import { NotFoundError } from '../../web/errors.js'
import { appendAudit, auditActor } from '../audit/audit-log.js'
import { checkEndAfterStart, checkLeaverDate, leaverFacts, RuleCheck, shownValue } from './rules.js'

/**
 * Pathway planning: the needs assessment, the plan, its outcome-focused goals and six-monthly reviews.
 * Ofsted found Blackpool's plans "not sufficiently outcome-focused or specific", so a goal is refused
 * unless it says by when and how we will know (goalProblems); goals saved before this rule are flagged.
 */

type Trx = Transaction<Database>

const auditRow = (user: SignedInUser, ip: string) => ({
  ...auditActor(user),
  ip,
})

/** What a goal lacks to be outcome-focused, in words that say what to add. */
export function goalProblems(goal: {
  byWhen: string | null
  measure: string | null
}): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = []
  if (goal.byWhen === null)
    problems.push({ field: 'byWhen', message: 'Add the date by when this goal should be achieved' })
  if (goal.measure === null || goal.measure.trim() === '')
    problems.push({ field: 'measure', message: 'Add how you will know the goal has been achieved' })
  return problems
}

export interface NeedsAssessmentInput {
  startDate: string
  completedDate: string | null
  summary: string | null
}

export async function recordNeedsAssessment(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: NeedsAssessmentInput,
  ip: string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const facts = await leaverFacts(trx, user.councilId, childId)
    const check = new RuleCheck()
    checkLeaverDate(check, facts, 'startDate', 'The date the assessment started', input.startDate)
    checkEndAfterStart(check, 'completedDate', input.startDate, input.completedDate, {
      start: 'the date it started',
      end: 'The date it was completed',
    })
    check.done()
    const row = await trx
      .insertInto('pathway_needs_assessment')
      .values({
        council_id: user.councilId,
        child_id: childId,
        start_date: input.startDate,
        completed_date: input.completedDate,
        completed_by: input.completedDate === null ? null : user.id,
        summary: input.summary,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await appendAudit(trx, {
      ...auditRow(user, ip),
      action: 'create',
      entity: 'pathway_needs_assessment',
      entityId: row.id,
      childId,
      route: 'POST /children/:childId/care-leaver/needs-assessments',
      detail: { fields: ['start_date', 'completed_date', 'summary'] },
    })
    return row.id
  })
}

export interface PathwayPlanInput {
  planDate: string
  summary: string | null
  youngPersonView: string | null
}

async function activePlan(trx: Trx | Db, councilId: number, childId: number) {
  return trx
    .selectFrom('pathway_plan')
    .select(['id', 'plan_date', 'version'])
    .where('council_id', '=', councilId)
    .where('child_id', '=', childId)
    .where('status', 'in', ['active', 'draft'])
    .where('end_date', 'is', null)
    .orderBy('plan_date', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

/** A new plan replaces the current one (marked superseded) in the same transaction. */
export async function recordPathwayPlan(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: PathwayPlanInput,
  ip: string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const facts = await leaverFacts(trx, user.councilId, childId)
    const check = new RuleCheck()
    checkLeaverDate(check, facts, 'planDate', 'The date of the plan', input.planDate)
    const current = await activePlan(trx, user.councilId, childId)
    if (current !== undefined && input.planDate < current.plan_date)
      check.refuse('planDate', 'The date of the plan must be on or after the date of their current plan')
    check.done()
    const assessment = await trx
      .selectFrom('pathway_needs_assessment')
      .select('id')
      .where('council_id', '=', user.councilId)
      .where('child_id', '=', childId)
      .orderBy('start_date', 'desc')
      .executeTakeFirst()
    if (current !== undefined) {
      await trx
        .updateTable('pathway_plan')
        .set({ status: 'superseded', updated_at: new Date() })
        .where('council_id', '=', user.councilId)
        .where('id', '=', current.id)
        .execute()
    }
    const row = await trx
      .insertInto('pathway_plan')
      .values({
        council_id: user.councilId,
        child_id: childId,
        needs_assessment_id: assessment?.id ?? null,
        status: 'active',
        plan_date: input.planDate,
        authorised_date: null,
        authorised_by: null,
        end_date: null,
        summary: input.summary,
        young_person_view: input.youngPersonView,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await appendAudit(trx, {
      ...auditRow(user, ip),
      action: 'create',
      entity: 'pathway_plan',
      entityId: row.id,
      childId,
      route: 'POST /children/:childId/care-leaver/pathway-plans',
      detail: { fields: ['plan_date', 'summary', 'young_person_view'], supersededPlanId: current?.id ?? null },
    })
    return row.id
  })
}

export interface GoalInput {
  lifeArea: string | null
  what: string
  byWhen: string | null
  whoHelps: string | null
  measure: string | null
}

/** Adds a goal to the current plan; a goal without a date or a measure is refused. */
export async function addPathwayGoal(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: GoalInput,
  ip: string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const check = new RuleCheck()
    const plan = await activePlan(trx, user.councilId, childId)
    if (plan === undefined) check.refuse('what', 'Record a pathway plan before adding goals to it')
    for (const problem of goalProblems(input)) check.refuse(problem.field, problem.message)
    if (plan !== undefined && input.byWhen !== null && input.byWhen < plan.plan_date)
      check.refuse('byWhen', 'The date by when must be on or after the date of the plan')
    check.done()
    const row = await trx
      .insertInto('pathway_goal')
      .values({
        council_id: user.councilId,
        child_id: childId,
        pathway_plan_id: plan!.id,
        life_area: input.lifeArea,
        what: input.what,
        by_when: input.byWhen,
        who_helps: input.whoHelps,
        measure: input.measure,
        achieved_date: null,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await appendAudit(trx, {
      ...auditRow(user, ip),
      action: 'create',
      entity: 'pathway_goal',
      entityId: row.id,
      childId,
      route: 'POST /children/:childId/care-leaver/goals',
      detail: { fields: ['life_area', 'what', 'by_when', 'who_helps', 'measure'], pathwayPlanId: plan!.id },
    })
    return row.id
  })
}

export interface GoalProgressInput {
  version: number
  status: PathwayGoalStatus
  achievedDate: string | null
  byWhen: string | null
  measure: string | null
}

/** Progress on a goal (and filling in a missing date or measure), with optimistic concurrency. */
export async function updateGoalProgress(
  db: Db,
  user: SignedInUser,
  childId: number,
  goalId: number,
  input: GoalProgressInput,
  ip: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const goal = await trx
      .selectFrom('pathway_goal')
      .selectAll()
      .where('council_id', '=', user.councilId)
      .where('child_id', '=', childId)
      .where('id', '=', goalId)
      .executeTakeFirst()
    if (goal === undefined) throw new NotFoundError()
    const check = new RuleCheck()
    for (const problem of goalProblems(input)) check.refuse(problem.field, problem.message)
    const done = input.status === 'achieved' || input.status === 'partly_achieved'
    if (done && input.achievedDate === null) check.refuse('achievedDate', 'Enter the date it was achieved')
    if (!done && input.achievedDate !== null)
      check.refuse('achievedDate', 'Leave the date achieved blank unless the goal was achieved or partly achieved')
    check.done()
    const describe = (row: Record<string, unknown>) => ({
      Progress: shownValue(row['status']),
      'Date achieved': shownValue(row['achieved_date']),
      'By when': shownValue(row['by_when']),
      'How we will know': shownValue(row['measure']),
    })
    await updateVersioned(
      trx,
      'pathway_goal',
      { councilId: user.councilId, id: goalId },
      input.version,
      { status: input.status, achieved_date: input.achievedDate, by_when: input.byWhen, measure: input.measure },
      {
        returnTo: `/children/${childId}/care-leaver/goals/${goalId}`,
        describe,
        yours: describe({
          status: input.status,
          achieved_date: input.achievedDate,
          by_when: input.byWhen,
          measure: input.measure,
        }),
      },
    )
    await appendAudit(trx, {
      ...auditRow(user, ip),
      action: 'update',
      entity: 'pathway_goal',
      entityId: goalId,
      childId,
      route: 'POST /children/:childId/care-leaver/goals/:goalId',
      detail: { fields: ['status', 'achieved_date', 'by_when', 'measure'], status: input.status },
    })
  })
}

export interface PathwayReviewInput {
  reviewDate: string
  youngPersonAttended: boolean | null
  summary: string | null
}

export async function recordPathwayReview(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: PathwayReviewInput,
  ip: string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const facts = await leaverFacts(trx, user.councilId, childId)
    const check = new RuleCheck()
    checkLeaverDate(check, facts, 'reviewDate', 'The date of the review', input.reviewDate)
    const plan = await activePlan(trx, user.councilId, childId)
    if (plan === undefined) check.refuse('reviewDate', 'Record a pathway plan before recording a review of it')
    else if (input.reviewDate < plan.plan_date)
      check.refuse('reviewDate', 'The date of the review must be on or after the date of the plan')
    check.done()
    const row = await trx
      .insertInto('pathway_review')
      .values({
        council_id: user.councilId,
        child_id: childId,
        pathway_plan_id: plan!.id,
        review_date: input.reviewDate,
        reviewed_by: user.id,
        young_person_attended: input.youngPersonAttended,
        summary: input.summary,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await appendAudit(trx, {
      ...auditRow(user, ip),
      action: 'create',
      entity: 'pathway_review',
      entityId: row.id,
      childId,
      route: 'POST /children/:childId/care-leaver/reviews',
      detail: { fields: ['review_date', 'young_person_attended', 'summary'], pathwayPlanId: plan!.id },
    })
    return row.id
  })
}
