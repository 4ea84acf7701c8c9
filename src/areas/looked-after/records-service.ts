import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import { updateVersioned } from '../../web/concurrency.js'
import type { SignedInUser } from '../../web/context.js'
import { NotFoundError } from '../../web/errors.js'
import { appendAudit } from '../audit/audit-log.js'
import { LookedAfterRuleError, type RuleIssue } from './episode-rules.js'
import {
  missingIssues,
  missingReturnIssues,
  periodOn,
  reviewIssues,
  type MissingReturn,
  type PeriodFacts,
  type ReviewAnswers,
} from './record-rules.js'
import { childFacts, listMissingEpisodes, listPeriods, lockChild } from './queries.js'

/**
 * Reviews and missing episodes: small records, each written in one transaction with its audit row
 * after the 903 rules in record-rules.ts pass. Edits carry the version the form opened (optimistic
 * concurrency). Adoption is in adoption-service.ts, outcome returns in outcomes-service.ts; both use
 * the helpers here.
 */

export interface WriteContext {
  trx: Transaction<Database>
  user: SignedInUser
  childId: number
  ip: string
}

/** Runs a write for one child: locks the child, and the caller appends its audit row. */
export async function writeForChild<T>(
  db: Db,
  user: SignedInUser,
  childId: number,
  ip: string,
  write: (context: WriteContext) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await lockChild(trx, user.councilId, childId)
    return write({ trx, user, childId, ip })
  })
}

export function failIf(issues: RuleIssue[]): void {
  if (issues.length > 0) throw new LookedAfterRuleError(issues)
}

export async function periodFacts(db: Db, councilId: number, childId: number): Promise<PeriodFacts[]> {
  const rows = await listPeriods(db, councilId, childId)
  return rows.map((row) => ({ id: row.id, startDate: row.start_date, endDate: row.end_date }))
}

export async function audit(
  { trx, user, childId, ip }: WriteContext,
  entry: {
    action: 'create' | 'update'
    entity: string
    entityId: number
    route: string
    detail: Record<string, unknown>
  },
) {
  await appendAudit(trx, {
    councilId: user.councilId,
    userId: user.id,
    userRole: user.role,
    childId,
    ip,
    ...entry,
    route: `POST /children/:childId/looked-after/${entry.route}`,
  })
}

export const owner = ({ user, childId }: WriteContext) => ({
  council_id: user.councilId,
  child_id: childId,
  created_by: user.id,
})

export const returnTo = (childId: number) => `/children/${childId}/looked-after`

// ------------------------------------------------------------------------------ reviews

/** A looked-after review, linked to the period of care it fell in. An IRO recording it is its chair. */
export async function recordReview(db: Db, user: SignedInUser, childId: number, review: ReviewAnswers, ip: string) {
  return writeForChild(db, user, childId, ip, async (context) => {
    const { trx } = context
    const child = await childFacts(trx, user.councilId, childId)
    const periods = await periodFacts(trx, user.councilId, childId)
    failIf(reviewIssues(child, periods, review))
    const row = await trx
      .insertInto('looked_after_review')
      .values({
        ...owner(context),
        period_of_care_id: periodOn(periods, review.reviewDate)?.id ?? null,
        review_date: review.reviewDate,
        participation_code: review.participationCode,
        chair_id: user.role === 'independent_reviewing_officer' ? user.id : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(context, {
      action: 'create',
      entity: 'looked_after_review',
      entityId: row.id,
      route: 'reviews',
      detail: { fields: ['review_date', 'participation_code'] },
    })
    return row.id
  })
}

// ------------------------------------------------------------------------------ missing or away

const missingFacts = (rows: Awaited<ReturnType<typeof listMissingEpisodes>>) =>
  rows.map((row) => ({ id: row.id, startDate: row.start_date, endDate: row.end_date }))

export interface MissingEpisodeInput {
  missingType: 'M' | 'A'
  startDate: string
  endDate: string | null
}

export async function recordMissingEpisode(
  db: Db,
  user: SignedInUser,
  childId: number,
  missing: MissingEpisodeInput,
  ip: string,
) {
  return writeForChild(db, user, childId, ip, async (context) => {
    const { trx } = context
    const child = await childFacts(trx, user.councilId, childId)
    const periods = await periodFacts(trx, user.councilId, childId)
    const others = missingFacts(await listMissingEpisodes(trx, user.councilId, childId))
    failIf(missingIssues(child, periods, others, missing))
    const row = await trx
      .insertInto('missing_episode')
      .values({
        ...owner(context),
        missing_type: missing.missingType,
        start_date: missing.startDate,
        end_date: missing.endDate,
        started_at: null,
        ended_at: null,
        reported_to_police: null,
        return_interview_offered_date: null,
        return_interview_accepted: null,
        note: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(context, {
      action: 'create',
      entity: 'missing_episode',
      entityId: row.id,
      route: 'missing',
      detail: { fields: ['missing_type', 'start_date', 'end_date'] },
    })
    return row.id
  })
}

export interface MissingReturnInput extends MissingReturn {
  returnInterviewAccepted: boolean | null
  version: number
}

/** The child came back: the end of a missing or away episode, and any return home interview. */
export async function recordMissingReturn(
  db: Db,
  user: SignedInUser,
  childId: number,
  missingId: number,
  answers: MissingReturnInput,
  ip: string,
) {
  return writeForChild(db, user, childId, ip, async (context) => {
    const { trx } = context
    const all = missingFacts(await listMissingEpisodes(trx, user.councilId, childId))
    const episode = all.find((row) => row.id === missingId)
    if (episode === undefined) throw new NotFoundError()
    failIf(missingReturnIssues(episode, all, answers))
    const yes = (value: unknown) => (value === true ? 'Yes' : value === false ? 'No' : '')
    await updateVersioned(
      trx,
      'missing_episode',
      { councilId: user.councilId, id: missingId },
      answers.version,
      {
        end_date: answers.endDate,
        return_interview_offered_date: answers.returnInterviewOfferedDate,
        return_interview_accepted: answers.returnInterviewAccepted,
      },
      {
        returnTo: returnTo(childId),
        yours: {
          'Came back': answers.endDate,
          'Interview offered': answers.returnInterviewOfferedDate ?? '',
          'Interview accepted': yes(answers.returnInterviewAccepted),
        },
        describe: (row) => ({
          'Came back': typeof row['end_date'] === 'string' ? row['end_date'] : '',
          'Interview offered':
            typeof row['return_interview_offered_date'] === 'string' ? row['return_interview_offered_date'] : '',
          'Interview accepted': yes(row['return_interview_accepted']),
        }),
      },
    )
    await audit(context, {
      action: 'update',
      entity: 'missing_episode',
      entityId: missingId,
      route: 'missing/:missingId/return',
      detail: { fields: ['end_date', 'return_interview_offered_date', 'return_interview_accepted'] },
    })
  })
}
