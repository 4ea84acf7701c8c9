import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { updateVersioned } from '../../web/concurrency.js'
import { NotFoundError } from '../../web/errors.js'
import { formatUkDate } from '../../web/nunjucks.js'
import { codeLabel } from '../codes/code-lists.js'
import { planEndReasonLabel, type PlanEndReason } from './labels.js'
import { openPlan, reviewsOf, type CpPlan } from './records.js'
import {
  audit,
  checkNotAdult,
  checkNotBefore,
  Issues,
  subjectsFor,
  type AuditOf,
  type Subject,
  type Trx,
} from './subjects.js'

/**
 * Review conferences and ending child protection plans. Each function applies to the child and the
 * siblings ticked under "Also record for", in one transaction; ending a plan is never half done.
 */

const describePlan = (row: Record<string, unknown>) => ({
  'Plan ended': formatUkDate(row['end_date'] as string | null) || 'Not ended',
  'Latest category of abuse':
    codeLabel('CategoryOfAbuse', typeof row['latest_category'] === 'string' ? row['latest_category'] : '') ?? '',
  'Why the plan ended': planEndReasonLabel((row['end_reason'] as string | null) ?? null),
})

/** The plan a form names (the child's own) or, for a sibling, their current plan. */
function planFor(issues: Issues, subject: Subject, planId: number, field: string): CpPlan | undefined {
  if (subject.main) {
    const plan = subject.record.plans.find((candidate) => candidate.id === planId)
    if (plan === undefined) throw new NotFoundError()
    if (plan.end_date !== null) {
      issues.add(field, subject, `this plan ended on ${formatUkDate(plan.end_date)}`)
      return undefined
    }
    return plan
  }
  const plan = openPlan(subject.record)
  if (plan === undefined) issues.add('alsoFor', subject, 'has no current child protection plan')
  return plan
}

/** The latest review conference held (with a decision) on the plan. */
function lastReviewDate(subject: Subject, plan: CpPlan): string | undefined {
  return reviewsOf(subject.record, plan.id)
    .filter((review) => review.decision !== null)
    .map((review) => review.conference_date)
    .sort()
    .at(-1)
}

/**
 * Review conferences that were booked (no decision yet) for after the plan's end will not happen:
 * ending the plan removes them, so nothing stays due on an ended plan.
 */
async function closeOpenReviews(trx: Trx, of: AuditOf, subject: Subject, plan: CpPlan, endDate: string) {
  const booked = reviewsOf(subject.record, plan.id).filter(
    (review) => review.decision === null && review.conference_date > endDate,
  )
  for (const review of booked) {
    await trx
      .deleteFrom('cp_conference')
      .where('council_id', '=', of.user.councilId)
      .where('id', '=', review.id)
      .execute()
    await audit(trx, of, 'delete', 'cp_conference', review.id, subject.id, {
      reason: 'plan_ended',
      cpPlanId: plan.id,
    })
  }
}

async function endPlan(
  trx: Trx,
  of: AuditOf,
  subject: Subject,
  plan: CpPlan,
  openedVersion: number,
  changes: { end_date: string; end_reason: PlanEndReason; latest_category?: string },
  together: number[],
) {
  await updateVersioned(trx, 'cp_plan', { councilId: of.user.councilId, id: plan.id }, openedVersion, changes, {
    returnTo: `/children/${subject.id}/child-protection`,
    describe: describePlan,
    yours: describePlan({ ...plan, ...changes }),
  })
  await audit(trx, of, 'update', 'cp_plan', plan.id, subject.id, {
    fields: Object.keys(changes),
    ended: true,
    recordedTogetherFor: together,
  })
  await closeOpenReviews(trx, of, subject, plan, changes.end_date)
}

export interface ReviewConferenceInput {
  reviewDate: string
  decision: 'plan_continues' | 'plan_ends'
  /** CIN LatestCategoryOfAbuse decided at the review. */
  latestCategory: string
  /** The version of the plan the form was opened on. */
  version: number
  alsoFor: number[]
}

interface Prepared {
  subjects: Subject[]
  plans: CpPlan[]
}

/** The children and plans a review or ending applies to, after every rule has passed. */
async function preparePlanChange(
  trx: Trx,
  user: SignedInUser,
  childId: number,
  planId: number,
  input: { alsoFor: number[] },
  field: string,
  check: (issues: Issues, subject: Subject, plan: CpPlan) => void,
): Promise<Prepared> {
  const issues = new Issues()
  const subjects = await subjectsFor(trx, user, childId, input.alsoFor, issues)
  const plans: CpPlan[] = []
  for (const subject of subjects) {
    const plan = planFor(issues, subject, planId, field)
    if (plan === undefined) continue
    check(issues, subject, plan)
    plans.push(plan)
  }
  issues.throwIfAny()
  return { subjects, plans }
}

function checkReview(input: ReviewConferenceInput) {
  return (issues: Issues, subject: Subject, plan: CpPlan) => {
    checkNotBefore(
      issues,
      subject,
      'reviewDate',
      input.reviewDate,
      'the review date',
      plan.start_date,
      'the start of the plan',
    )
    const last = lastReviewDate(subject, plan)
    if (last !== undefined && input.reviewDate <= last) {
      issues.add(
        'reviewDate',
        subject,
        `the review date must be after the last review conference (${formatUkDate(last)})`,
      )
    }
    checkNotAdult(issues, subject, 'reviewDate', input.reviewDate, 'the review date')
  }
}

/** Applies the review rules without saving: for the check-your-answers page before a plan ends. */
export async function checkReviewConference(
  db: Db,
  user: SignedInUser,
  childId: number,
  planId: number,
  input: ReviewConferenceInput,
): Promise<void> {
  await db
    .transaction()
    .execute((trx) => preparePlanChange(trx, user, childId, planId, input, 'reviewDate', checkReview(input)))
}

/** Records a review conference. A decision to end the plan ends it on the review date, in the same transaction. */
export async function recordReviewConference(
  db: Db,
  user: SignedInUser,
  childId: number,
  planId: number,
  input: ReviewConferenceInput,
  ip: string,
): Promise<number[]> {
  const of = { user, ip, route: 'POST /children/:childId/child-protection/plans/:planId/reviews' }
  return db.transaction().execute(async (trx) => {
    const { subjects, plans } = await preparePlanChange(
      trx,
      user,
      childId,
      planId,
      input,
      'reviewDate',
      checkReview(input),
    )
    const together = subjects.map((subject) => subject.id)
    const ids: number[] = []
    for (const [index, subject] of subjects.entries()) {
      const plan = plans[index] as CpPlan
      const { id } = await trx
        .insertInto('cp_conference')
        .values({
          council_id: user.councilId,
          child_id: subject.id,
          referral_id: plan.referral_id,
          section47_enquiry_id: null,
          cp_plan_id: plan.id,
          conference_type: 'review',
          conference_date: input.reviewDate,
          decision: input.decision,
          category: input.latestCategory,
          chair_id: null,
          quorate: null,
          child_participation: null,
          created_by: user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      ids.push(id)
      await audit(trx, of, 'create', 'cp_conference', id, subject.id, {
        fields: ['conference_type', 'conference_date', 'decision', 'category', 'cp_plan_id'],
        cpPlanId: plan.id,
        recordedTogetherFor: together,
      })
      const version = subject.main ? input.version : plan.version
      if (input.decision === 'plan_ends') {
        const changes = {
          end_date: input.reviewDate,
          end_reason: 'no_longer_at_risk' as const,
          latest_category: input.latestCategory,
        }
        await endPlan(trx, of, subject, plan, version, changes, together)
        continue
      }
      // The plan's version moves on with every review, so a review recorded from a stale page is caught.
      await updateVersioned(
        trx,
        'cp_plan',
        { councilId: user.councilId, id: plan.id },
        version,
        { latest_category: input.latestCategory },
        {
          returnTo: `/children/${subject.id}/child-protection`,
          describe: describePlan,
          yours: describePlan({ ...plan, latest_category: input.latestCategory }),
        },
      )
      await audit(trx, of, 'update', 'cp_plan', plan.id, subject.id, { fields: ['latest_category'] })
    }
    return ids
  })
}

export interface EndPlanInput {
  endDate: string
  reason: PlanEndReason
  version: number
  alsoFor: number[]
}

function checkEnd(input: EndPlanInput) {
  return (issues: Issues, subject: Subject, plan: CpPlan) => {
    checkNotBefore(issues, subject, 'endDate', input.endDate, 'the end date', plan.start_date, 'the start of the plan')
    const last = lastReviewDate(subject, plan)
    if (last !== undefined) {
      checkNotBefore(issues, subject, 'endDate', input.endDate, 'the end date', last, 'the last review conference')
    }
    checkNotAdult(issues, subject, 'endDate', input.endDate, 'the end date')
  }
}

/** Applies the rules for ending a plan without saving: for the check-your-answers page. */
export async function checkEndCpPlan(
  db: Db,
  user: SignedInUser,
  childId: number,
  planId: number,
  input: EndPlanInput,
): Promise<void> {
  await db
    .transaction()
    .execute((trx) => preparePlanChange(trx, user, childId, planId, input, 'endDate', checkEnd(input)))
}

/** Ends a plan outside a review conference (the child became looked after, moved away, turned 18). */
export async function endCpPlan(
  db: Db,
  user: SignedInUser,
  childId: number,
  planId: number,
  input: EndPlanInput,
  ip: string,
): Promise<number[]> {
  const of = { user, ip, route: 'POST /children/:childId/child-protection/plans/:planId/end' }
  return db.transaction().execute(async (trx) => {
    const { subjects, plans } = await preparePlanChange(trx, user, childId, planId, input, 'endDate', checkEnd(input))
    const together = subjects.map((subject) => subject.id)
    for (const [index, subject] of subjects.entries()) {
      const plan = plans[index] as CpPlan
      const version = subject.main ? input.version : plan.version
      await endPlan(trx, of, subject, plan, version, { end_date: input.endDate, end_reason: input.reason }, together)
    }
    return plans.map((plan) => plan.id)
  })
}
