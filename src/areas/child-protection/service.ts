import type { Db } from '../../db/database.js'
import type { Section47Outcome, StrategyDiscussionDecision } from '../../db/tables/case-record.js'
import type { SignedInUser } from '../../web/context.js'
import { updateVersioned } from '../../web/concurrency.js'
import { NotFoundError } from '../../web/errors.js'
import { formatUkDate } from '../../web/nunjucks.js'
import type { Agency } from './labels.js'
import { SECTION47_OUTCOMES } from './labels.js'
import { icpcNotRequired, icpcTargetDate } from './plan-rules.js'
import { currentReferral, discussionAwaitingEnquiry, enquiryAwaitingOutcome, type Section47Enquiry } from './records.js'
import { allocatedWorker, audit, checkNotAdult, checkNotBefore, Issues, subjectsFor, type Subject } from './subjects.js'

/**
 * Recording the start of child protection work: strategy discussions and section 47 enquiries. Each
 * function records for the child and any siblings ticked under "Also record for", one row per child,
 * in one transaction; a rule broken for any of them saves nothing.
 */

export interface StrategyDiscussionInput {
  heldOn: string
  agencies: Agency[]
  concern: string | null
  decision: StrategyDiscussionDecision
  alsoFor: number[]
}

export async function recordStrategyDiscussion(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: StrategyDiscussionInput,
  ip: string,
): Promise<number[]> {
  const of = { user, ip, route: 'POST /children/:childId/child-protection/strategy-discussions' }
  return db.transaction().execute(async (trx) => {
    const issues = new Issues()
    const subjects = await subjectsFor(trx, user, childId, input.alsoFor, issues)
    const referrals = subjects.map((subject) => {
      const referral = currentReferral(subject.record)
      if (referral === undefined) {
        issues.add(
          subject.main ? 'heldOn' : 'alsoFor',
          subject,
          'there is no open referral: record the referral first, then the strategy discussion',
        )
        return undefined
      }
      checkNotBefore(
        issues,
        subject,
        'heldOn',
        input.heldOn,
        'the date of the strategy discussion',
        referral.referral_date,
        'the referral date',
      )
      checkNotAdult(issues, subject, 'heldOn', input.heldOn, 'the date of the strategy discussion')
      return referral
    })
    issues.throwIfAny()
    const ids: number[] = []
    for (const [index, subject] of subjects.entries()) {
      const { id } = await trx
        .insertInto('strategy_discussion')
        .values({
          council_id: user.councilId,
          child_id: subject.id,
          referral_id: referrals[index]?.id ?? null,
          held_on: input.heldOn,
          concern: input.concern,
          agencies: input.agencies,
          decision: input.decision,
          chaired_by: null,
          created_by: user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      ids.push(id)
      await audit(trx, of, 'create', 'strategy_discussion', id, subject.id, {
        fields: ['held_on', 'agencies', 'concern', 'decision', 'referral_id'],
        referralId: referrals[index]?.id ?? null,
        recordedTogetherFor: subjects.map((other) => other.id),
      })
    }
    return ids
  })
}

export interface Section47Input {
  startDate: string
  alsoFor: number[]
}

export async function recordSection47Enquiry(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: Section47Input,
  ip: string,
): Promise<number[]> {
  const of = { user, ip, route: 'POST /children/:childId/child-protection/section-47-enquiries' }
  return db.transaction().execute(async (trx) => {
    const issues = new Issues()
    const subjects = await subjectsFor(trx, user, childId, input.alsoFor, issues)
    const discussions = subjects.map((subject) => {
      const discussion = discussionAwaitingEnquiry(subject.record)
      if (discussion === undefined) {
        issues.add(
          subject.main ? 'startDate' : 'alsoFor',
          subject,
          'there is no strategy discussion that decided on a section 47 enquiry: record the strategy discussion first',
        )
        return undefined
      }
      checkNotBefore(
        issues,
        subject,
        'startDate',
        input.startDate,
        'the start date',
        discussion.held_on,
        'the strategy discussion',
      )
      checkNotAdult(issues, subject, 'startDate', input.startDate, 'the start date')
      return discussion
    })
    issues.throwIfAny()
    const ids: number[] = []
    for (const [index, subject] of subjects.entries()) {
      const discussion = discussions[index]
      if (discussion === undefined) continue
      const worker = await allocatedWorker(trx, user.councilId, subject.id)
      const { id } = await trx
        .insertInto('section47_enquiry')
        .values({
          council_id: user.councilId,
          child_id: subject.id,
          referral_id: discussion.referral_id,
          strategy_discussion_id: discussion.id,
          start_date: input.startDate,
          end_date: null,
          outcome: null,
          icpc_target_date: icpcTargetDate(discussion.held_on),
          icpc_not_required: false,
          ...worker,
          created_by: user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      ids.push(id)
      await audit(trx, of, 'create', 'section47_enquiry', id, subject.id, {
        fields: ['start_date', 'icpc_target_date', 'strategy_discussion_id'],
        strategyDiscussionId: discussion.id,
        recordedTogetherFor: subjects.map((other) => other.id),
      })
    }
    return ids
  })
}

export interface Section47OutcomeInput {
  endDate: string
  outcome: Section47Outcome
  /** The version of the enquiry the form was opened on. */
  version: number
  alsoFor: number[]
}

const describeEnquiry = (row: Record<string, unknown>) => ({
  'Date the enquiry ended': formatUkDate(row['end_date'] as string | null),
  Outcome: SECTION47_OUTCOMES[row['outcome'] as Section47Outcome]?.label ?? '',
})

/** Records how a section 47 enquiry ended. ICPCnotRequired follows from the outcome. */
export async function recordSection47Outcome(
  db: Db,
  user: SignedInUser,
  childId: number,
  enquiryId: number,
  input: Section47OutcomeInput,
  ip: string,
): Promise<number[]> {
  const of = { user, ip, route: 'POST /children/:childId/child-protection/section-47-enquiries/:enquiryId/outcome' }
  return db.transaction().execute(async (trx) => {
    const issues = new Issues()
    const subjects = await subjectsFor(trx, user, childId, input.alsoFor, issues)
    const enquiries = subjects.map((subject): Section47Enquiry | undefined => {
      const enquiry = subject.main
        ? subject.record.enquiries.find((candidate) => candidate.id === enquiryId)
        : enquiryAwaitingOutcome(subject.record)
      if (enquiry === undefined) {
        if (subject.main) throw new NotFoundError()
        issues.add('alsoFor', subject, 'has no section 47 enquiry waiting for an outcome')
        return undefined
      }
      checkOutcome(issues, subject, enquiry, input)
      return enquiry
    })
    issues.throwIfAny()
    for (const [index, subject] of subjects.entries()) {
      const enquiry = enquiries[index]
      if (enquiry === undefined) continue
      await updateVersioned(
        trx,
        'section47_enquiry',
        { councilId: user.councilId, id: enquiry.id },
        subject.main ? input.version : enquiry.version,
        { end_date: input.endDate, outcome: input.outcome, icpc_not_required: icpcNotRequired(input.outcome) },
        {
          returnTo: `/children/${subject.id}/child-protection`,
          describe: describeEnquiry,
          yours: describeEnquiry({ end_date: input.endDate, outcome: input.outcome }),
        },
      )
      await audit(trx, of, 'update', 'section47_enquiry', enquiry.id, subject.id, {
        fields: ['end_date', 'outcome', 'icpc_not_required'],
        recordedTogetherFor: subjects.map((other) => other.id),
      })
    }
    return enquiries.filter((enquiry) => enquiry !== undefined).map((enquiry) => enquiry.id)
  })
}

function checkOutcome(issues: Issues, subject: Subject, enquiry: Section47Enquiry, input: Section47OutcomeInput): void {
  checkNotBefore(
    issues,
    subject,
    'endDate',
    input.endDate,
    'the date the enquiry ended',
    enquiry.start_date,
    'the date it started',
  )
  checkNotAdult(issues, subject, 'endDate', input.endDate, 'the date the enquiry ended')
  const conference = subject.record.conferences.find(
    (candidate) => candidate.conference_type === 'initial' && candidate.section47_enquiry_id === enquiry.id,
  )
  if (conference === undefined) return
  if (input.outcome !== 'initial_conference') {
    issues.add(
      'outcome',
      subject,
      'an initial conference has been held after this enquiry, so the outcome must say a conference was needed',
    )
  }
  if (input.endDate > conference.conference_date) {
    issues.add(
      'endDate',
      subject,
      `the date the enquiry ended must be on or before the initial conference (${formatUkDate(conference.conference_date)})`,
    )
  }
}
