import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { updateVersioned } from '../../web/concurrency.js'
import { formatUkDate } from '../../web/nunjucks.js'
import { enquiryAwaitingConference, openPlan, type Section47Enquiry } from './records.js'
import {
  allocatedWorker,
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
 * Initial child protection conferences, and the plans they make. Like the other records, it records
 * for the child and the siblings ticked under "Also record for" in one transaction.
 */

export interface InitialConferenceInput {
  conferenceDate: string
  decision: 'plan_made' | 'no_plan'
  /** CIN InitialCategoryOfAbuse: required when a plan is made. */
  category: string | null
  alsoFor: number[]
}

export interface InitialConferenceResult {
  conferenceIds: number[]
  planIds: number[]
}

/** Refuses a new plan that would start while another is open, or inside or before an earlier plan. */
function checkPlanCanStart(issues: Issues, subject: Subject, start: string): void {
  const open = openPlan(subject.record)
  if (open !== undefined) {
    issues.add(
      subject.main ? 'decision' : 'alsoFor',
      subject,
      `there is already a child protection plan that started on ${formatUkDate(open.start_date)}: end it before a new plan starts`,
    )
    return
  }
  const clash = subject.record.plans.find((plan) => plan.start_date >= start || (plan.end_date ?? start) > start)
  if (clash !== undefined) {
    issues.add(
      'conferenceDate',
      subject,
      `the conference date must be on or after the end of the earlier plan (${formatUkDate(clash.start_date)} to ${formatUkDate(clash.end_date)})`,
    )
  }
}

/**
 * Records an initial child protection conference. A decision to make a plan creates the plan, starting
 * on the conference date with the conference's category as both initial and latest category.
 */
export async function recordInitialConference(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: InitialConferenceInput,
  ip: string,
): Promise<InitialConferenceResult> {
  const of = { user, ip, route: 'POST /children/:childId/child-protection/initial-conferences' }
  return db.transaction().execute(async (trx) => {
    const issues = new Issues()
    const subjects = await subjectsFor(trx, user, childId, input.alsoFor, issues)
    const enquiries = subjects.map((subject) => {
      const enquiry = enquiryAwaitingConference(subject.record)
      if (enquiry === undefined) {
        issues.add(
          subject.main ? 'conferenceDate' : 'alsoFor',
          subject,
          'there is no section 47 enquiry waiting for an initial conference: record the enquiry first',
        )
        return undefined
      }
      checkNotBefore(
        issues,
        subject,
        'conferenceDate',
        input.conferenceDate,
        'the conference date',
        enquiry.start_date,
        'the start of the section 47 enquiry',
      )
      checkNotAdult(issues, subject, 'conferenceDate', input.conferenceDate, 'the conference date')
      if (input.decision === 'plan_made') checkPlanCanStart(issues, subject, input.conferenceDate)
      return enquiry
    })
    issues.throwIfAny()
    const result: InitialConferenceResult = { conferenceIds: [], planIds: [] }
    for (const [index, subject] of subjects.entries()) {
      const enquiry = enquiries[index] as Section47Enquiry
      const planId = input.decision === 'plan_made' ? await createPlan(trx, of, subject, enquiry, input) : null
      if (planId !== null) result.planIds.push(planId)
      const { id } = await trx
        .insertInto('cp_conference')
        .values({
          council_id: user.councilId,
          child_id: subject.id,
          referral_id: enquiry.referral_id,
          section47_enquiry_id: enquiry.id,
          cp_plan_id: planId,
          conference_type: 'initial',
          conference_date: input.conferenceDate,
          decision: input.decision,
          category: planId === null ? null : input.category,
          chair_id: null,
          quorate: null,
          child_participation: null,
          created_by: user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      result.conferenceIds.push(id)
      await audit(trx, of, 'create', 'cp_conference', id, subject.id, {
        fields: ['conference_type', 'conference_date', 'decision', 'category', 'section47_enquiry_id', 'cp_plan_id'],
        cpPlanId: planId,
        recordedTogetherFor: subjects.map((other) => other.id),
      })
      if (enquiry.outcome === null) {
        // The conference shows the enquiry concluded that one was needed.
        await updateVersioned(
          trx,
          'section47_enquiry',
          { councilId: user.councilId, id: enquiry.id },
          enquiry.version,
          { outcome: 'initial_conference', icpc_not_required: false },
          { returnTo: `/children/${subject.id}/child-protection`, describe: () => ({}), yours: {} },
        )
        await audit(trx, of, 'update', 'section47_enquiry', enquiry.id, subject.id, {
          fields: ['outcome', 'icpc_not_required'],
        })
      }
    }
    return result
  })
}

async function createPlan(
  trx: Trx,
  of: AuditOf,
  subject: Subject,
  enquiry: Section47Enquiry,
  input: InitialConferenceInput,
): Promise<number> {
  const category = input.category as string
  const { id } = await trx
    .insertInto('cp_plan')
    .values({
      council_id: of.user.councilId,
      child_id: subject.id,
      referral_id: enquiry.referral_id,
      start_date: input.conferenceDate,
      end_date: null,
      initial_category: category,
      latest_category: category,
      end_reason: null,
      ...(await allocatedWorker(trx, of.user.councilId, subject.id)),
      created_by: of.user.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await audit(trx, of, 'create', 'cp_plan', id, subject.id, {
    fields: ['start_date', 'initial_category', 'latest_category'],
  })
  return id
}
