import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { updateVersioned } from '../../web/concurrency.js'
import { NotFoundError } from '../../web/errors.js'
import { isValidCode } from '../codes/code-lists.js'
import { londonDate } from '../front-door/london-time.js'
import { RecordRuleError, ukDate } from '../front-door/record-rules.js'
import { ASSESSMENT_OUTCOME_LABELS, ASSESSMENT_OUTCOMES } from './assessment-rules.js'
import { NO_FACTORS_IDENTIFIED, factorLabels } from './factors.js'
import type { AssessmentInput, AuthorisationInput, StartAssessmentInput } from './schemas.js'
import { audit, firstTeam, notInFuture, referralOfChild, startAfterReferral } from './service-rules.js'

/**
 * Child and family assessments: a social worker starts one on a referral, records the factors and the
 * outcome, and submits it; a manager authorises it, after which it is read-only.
 */

// ------------------------------------------------------------------------------------ assessments

export async function startAssessment(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: StartAssessmentInput,
  ip: string,
): Promise<number> {
  notInFuture(input.startDate, 'start', 'The start date')
  const referral = await referralOfChild(db, user, childId, input.referralId, 'assessment')
  startAfterReferral(input.startDate, referral, 'assessment')
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('assessment')
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
      entity: 'assessment',
      entityId: row.id,
      childId,
      route: 'POST /children/:childId/assessments',
      fields: ['referral_id', 'start_date'],
    })
    return row.id
  })
}

async function openAssessment(db: Db, user: SignedInUser, childId: number, assessmentId: number) {
  const assessment = await db
    .selectFrom('assessment')
    .selectAll()
    .where('council_id', '=', user.councilId)
    .where('child_id', '=', childId)
    .where('id', '=', assessmentId)
    .executeTakeFirst()
  if (assessment === undefined) throw new NotFoundError()
  return assessment
}

const assessmentDescription = (row: {
  start_date: string
  factors: readonly string[]
  outcome: string | null
  child_seen: boolean | null
}) => ({
  'Start date': ukDate(row.start_date),
  'Factors identified': factorLabels(row.factors).join('; '),
  Outcome:
    row.outcome === null
      ? 'Not recorded'
      : (ASSESSMENT_OUTCOME_LABELS[row.outcome as keyof typeof ASSESSMENT_OUTCOME_LABELS] ?? row.outcome),
  'Child seen': row.child_seen === null ? 'Not recorded' : row.child_seen ? 'Yes' : 'No',
})

const readOnlyOnceAuthorised = (assessment: { authorisation_date: string | null }) => {
  if (assessment.authorisation_date !== null) {
    throw new RecordRuleError(
      'form',
      `This assessment was authorised on ${ukDate(assessment.authorisation_date)} and can no longer be changed`,
    )
  }
}

export async function updateAssessment(
  db: Db,
  user: SignedInUser,
  childId: number,
  assessmentId: number,
  input: AssessmentInput,
  ip: string,
): Promise<void> {
  notInFuture(input.startDate, 'start', 'The start date')
  if (input.factors.some((code) => !isValidCode('AssessmentFactors', code))) {
    throw new RecordRuleError('factors', 'Select factors from the list')
  }
  if (input.factors.includes(NO_FACTORS_IDENTIFIED) && input.factors.length > 1) {
    throw new RecordRuleError(
      'factors',
      'Select ‘No factors identified’ on its own, or select the factors that were identified',
    )
  }
  if (input.outcome !== null && !(ASSESSMENT_OUTCOMES as readonly string[]).includes(input.outcome)) {
    throw new RecordRuleError('outcome', 'Select the outcome of the assessment')
  }
  await db.transaction().execute(async (trx) => {
    const assessment = await openAssessment(trx, user, childId, assessmentId)
    if (assessment.version === input.version) readOnlyOnceAuthorised(assessment)
    if (assessment.referral_id !== null) {
      const referral = await referralOfChild(trx, user, childId, assessment.referral_id, 'assessment')
      startAfterReferral(input.startDate, referral, 'assessment')
    }
    await updateVersioned(
      trx,
      'assessment',
      { councilId: user.councilId, id: assessmentId },
      input.version,
      { start_date: input.startDate, factors: input.factors, outcome: input.outcome, child_seen: input.childSeen },
      {
        returnTo: `/children/${childId}/assessments/${assessmentId}`,
        yours: assessmentDescription({
          start_date: input.startDate,
          factors: input.factors,
          outcome: input.outcome,
          child_seen: input.childSeen,
        }),
        describe: (row) => assessmentDescription(row as Parameters<typeof assessmentDescription>[0]),
      },
    )
    await audit(trx, user, ip, {
      action: 'update',
      entity: 'assessment',
      entityId: assessmentId,
      childId,
      route: 'POST /children/:childId/assessments/:assessmentId/edit',
      fields: ['start_date', 'factors', 'outcome', 'child_seen'],
    })
  })
}

/** What still stops a social worker submitting the assessment, as field errors; empty when it is ready. */
export function submissionProblems(assessment: { factors: readonly string[]; outcome: string | null }) {
  const problems: { field: string; message: string }[] = []
  if (assessment.factors.length === 0) {
    problems.push({
      field: 'factors',
      message: 'Record the factors identified (or ‘No factors identified’) before submitting',
    })
  }
  if (assessment.outcome === null) {
    problems.push({ field: 'outcome', message: 'Record the outcome of the assessment before submitting' })
  }
  return problems
}

export async function submitAssessment(
  db: Db,
  user: SignedInUser,
  childId: number,
  assessmentId: number,
  input: { version: number },
  ip: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const assessment = await openAssessment(trx, user, childId, assessmentId)
    if (assessment.version === input.version) {
      readOnlyOnceAuthorised(assessment)
      if (assessment.submitted_at !== null) {
        throw new RecordRuleError('form', 'This assessment has already been submitted for authorisation')
      }
      const problem = submissionProblems(assessment)[0]
      if (problem !== undefined) throw new RecordRuleError(problem.field, problem.message)
    }
    await updateVersioned(
      trx,
      'assessment',
      { councilId: user.councilId, id: assessmentId },
      input.version,
      { submitted_at: new Date(), submitted_by: user.id },
      {
        returnTo: `/children/${childId}/assessments/${assessmentId}`,
        yours: { ...assessmentDescription(assessment), Status: 'Submitted for authorisation' },
        describe: (row) => ({
          ...assessmentDescription(row as Parameters<typeof assessmentDescription>[0]),
          Status:
            row['authorisation_date'] !== null
              ? 'Authorised'
              : row['submitted_at'] !== null
                ? 'Submitted'
                : 'In progress',
        }),
      },
    )
    await audit(trx, user, ip, {
      action: 'update',
      entity: 'assessment',
      entityId: assessmentId,
      childId,
      route: 'POST /children/:childId/assessments/:assessmentId/submit',
      fields: ['submitted_at', 'submitted_by'],
    })
  })
}

/** The rules for authorising, without writing: the check-your-answers page runs them first. */
export async function checkAuthorisation(
  db: Db,
  user: SignedInUser,
  childId: number,
  assessmentId: number,
  input: AuthorisationInput,
) {
  notInFuture(input.authorisationDate, 'authorised', 'The authorisation date')
  const assessment = await openAssessment(db, user, childId, assessmentId)
  if (assessment.version !== input.version) return assessment
  readOnlyOnceAuthorised(assessment)
  if (assessment.submitted_at === null) {
    throw new RecordRuleError('form', 'The social worker has not submitted this assessment for authorisation yet')
  }
  if (input.authorisationDate < assessment.start_date) {
    throw new RecordRuleError(
      'authorised',
      `The authorisation date must be on or after the start of the assessment, ${ukDate(assessment.start_date)}`,
    )
  }
  const submitted = londonDate(assessment.submitted_at)
  if (input.authorisationDate < submitted) {
    throw new RecordRuleError(
      'authorised',
      `The authorisation date must be on or after the date the assessment was submitted, ${ukDate(submitted)}`,
    )
  }
  return assessment
}

export async function authoriseAssessment(
  db: Db,
  user: SignedInUser,
  childId: number,
  assessmentId: number,
  input: AuthorisationInput,
  ip: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const assessment = await checkAuthorisation(trx, user, childId, assessmentId, input)
    await updateVersioned(
      trx,
      'assessment',
      { councilId: user.councilId, id: assessmentId },
      input.version,
      { authorisation_date: input.authorisationDate, authorised_by: user.id },
      {
        returnTo: `/children/${childId}/assessments/${assessmentId}`,
        yours: { ...assessmentDescription(assessment), 'Authorisation date': ukDate(input.authorisationDate) },
        describe: (row) => ({
          ...assessmentDescription(row as Parameters<typeof assessmentDescription>[0]),
          'Authorisation date':
            row['authorisation_date'] === null ? 'Not authorised' : ukDate(row['authorisation_date'] as string),
        }),
      },
    )
    await audit(trx, user, ip, {
      action: 'update',
      entity: 'assessment',
      entityId: assessmentId,
      childId,
      route: 'POST /children/:childId/assessments/:assessmentId/authorise',
      fields: ['authorisation_date', 'authorised_by'],
    })
  })
}
