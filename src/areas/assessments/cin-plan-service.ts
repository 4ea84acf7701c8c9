import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { updateVersioned } from '../../web/concurrency.js'
import { NotFoundError } from '../../web/errors.js'
import { codeLabel, isValidCode } from '../codes/code-lists.js'
import { RecordRuleError, ukDate } from '../front-door/record-rules.js'
import { plansOverlap } from './assessment-rules.js'
import type { EndCinPlanInput, StartCinPlanInput } from './schemas.js'
import { audit, firstTeam, notInFuture, referralOfChild, startAfterReferral } from './service-rules.js'

/** Child in need plans: started after the assessment, never overlapping another, ended with a reason. */

// ---------------------------------------------------------------------------- child in need plans

export async function startCinPlan(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: StartCinPlanInput,
  ip: string,
): Promise<number> {
  notInFuture(input.startDate, 'start', 'The start date')
  return db.transaction().execute(async (trx) => {
    // Lock the child so two plans started at once cannot both pass the overlap check.
    await trx
      .selectFrom('child')
      .select('id')
      .where('council_id', '=', user.councilId)
      .where('id', '=', childId)
      .forUpdate()
      .executeTakeFirstOrThrow()
    const referral = await referralOfChild(trx, user, childId, input.referralId, 'plan')
    startAfterReferral(input.startDate, referral, 'plan')
    const firstAssessment = await trx
      .selectFrom('assessment')
      .select(sql<string>`min(start_date)`.as('start_date'))
      .where('council_id', '=', user.councilId)
      .where('child_id', '=', childId)
      .where('referral_id', '=', referral.id)
      .executeTakeFirst()
    if (firstAssessment?.start_date === undefined || firstAssessment.start_date === null) {
      throw new RecordRuleError(
        'referralId',
        'Start the assessment for this referral first: a child in need plan follows an assessment',
      )
    }
    if (input.startDate < firstAssessment.start_date) {
      throw new RecordRuleError(
        'start',
        `The start date must be on or after the start of the assessment, ${ukDate(firstAssessment.start_date)}`,
      )
    }
    const plans = await trx
      .selectFrom('cin_plan')
      .select(['start_date', 'end_date'])
      .where('council_id', '=', user.councilId)
      .where('child_id', '=', childId)
      .orderBy('start_date')
      .execute()
    const clash = plans.find((plan) =>
      plansOverlap({ start: input.startDate, end: null }, { start: plan.start_date, end: plan.end_date }),
    )
    if (clash !== undefined) {
      throw new RecordRuleError(
        'start',
        clash.end_date === null
          ? `This child already has a child in need plan that started on ${ukDate(clash.start_date)} and has not ended. End that plan first`
          : `This child had a child in need plan from ${ukDate(clash.start_date)} to ${ukDate(clash.end_date)}. ` +
              'Plans cannot overlap: choose a start date on or after the day it ended',
      )
    }
    const row = await trx
      .insertInto('cin_plan')
      .values({
        council_id: user.councilId,
        child_id: childId,
        referral_id: referral.id,
        start_date: input.startDate,
        team_id: firstTeam(user),
        worker_id: user.id,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, user, ip, {
      action: 'create',
      entity: 'cin_plan',
      entityId: row.id,
      childId,
      route: 'POST /children/:childId/cin-plans',
      fields: ['referral_id', 'start_date'],
    })
    return row.id
  })
}

/** The rules for ending a plan, without writing: the check-your-answers page runs them first. */
export async function checkCinPlanEnd(
  db: Db,
  user: SignedInUser,
  childId: number,
  planId: number,
  input: EndCinPlanInput,
) {
  notInFuture(input.endDate, 'end', 'The end date')
  if (!isValidCode('ReasonForClosure', input.reason))
    throw new RecordRuleError('reason', 'Select why the plan is ending')
  const plan = await db
    .selectFrom('cin_plan')
    .selectAll()
    .where('council_id', '=', user.councilId)
    .where('child_id', '=', childId)
    .where('id', '=', planId)
    .executeTakeFirst()
  if (plan === undefined) throw new NotFoundError()
  if (plan.version !== input.version) return plan
  if (plan.end_date !== null) throw new RecordRuleError('end', `This plan ended on ${ukDate(plan.end_date)}`)
  if (input.endDate < plan.start_date) {
    throw new RecordRuleError(
      'end',
      `The end date must be on or after the start of the plan, ${ukDate(plan.start_date)}`,
    )
  }
  return plan
}

const planDescription = (endDate: string | null, reason: string | null) => ({
  'End date': endDate === null ? 'Not ended' : ukDate(endDate),
  'Reason for ending': reason === null ? '' : (codeLabel('ReasonForClosure', reason) ?? reason),
})

/** Ends a child in need plan (CIN CINPlanEndDate, with a ReasonForClosure code) in one transaction. */
export async function endCinPlan(
  db: Db,
  user: SignedInUser,
  childId: number,
  planId: number,
  input: EndCinPlanInput,
  ip: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await checkCinPlanEnd(trx, user, childId, planId, input)
    await updateVersioned(
      trx,
      'cin_plan',
      { councilId: user.councilId, id: planId },
      input.version,
      { end_date: input.endDate, end_reason: input.reason },
      {
        returnTo: `/children/${childId}/assessments`,
        yours: planDescription(input.endDate, input.reason),
        describe: (row) => planDescription(row['end_date'] as string | null, row['end_reason'] as string | null),
      },
    )
    await audit(trx, user, ip, {
      action: 'update',
      entity: 'cin_plan',
      entityId: planId,
      childId,
      route: 'POST /children/:childId/cin-plans/:planId/end',
      fields: ['end_date', 'end_reason'],
    })
  })
}
