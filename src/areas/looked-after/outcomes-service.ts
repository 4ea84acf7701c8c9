import type { Db } from '../../db/database.js'
import { updateVersioned } from '../../web/concurrency.js'
import type { SignedInUser } from '../../web/context.js'
import { ConflictError } from '../../web/errors.js'
import {
  birthdayInYear,
  normaliseOc2,
  oc2Issues,
  oc2Questions,
  oc3Issues,
  type Oc2Answers,
  type Oc3Answers,
} from './outcome-rules.js'
import { childFacts } from './queries.js'
import { audit, failIf, periodFacts, writeForChild, type WriteContext } from './records-service.js'

/**
 * The 903 OC2 and OC3 rows: one per child per collection year. Saving again edits that year's row
 * at the version the form opened, so two people never overwrite each other's answers.
 */

const text = (value: unknown): string => {
  if (value === true) return 'Yes'
  if (value === false) return 'No'
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}

/** Inserts the year's row, or updates it at the version the form opened (null: the form expected none). */
async function saveYearRow(
  context: WriteContext,
  table: 'oc2_outcome' | 'oc3_outcome',
  year: number,
  openedVersion: number | null,
  values: Record<string, unknown>,
  labels: Record<string, string>,
): Promise<{ id: number; created: boolean }> {
  const { trx, user, childId } = context
  const existing = await trx
    .selectFrom(table)
    .selectAll()
    .where('council_id', '=', user.councilId)
    .where('child_id', '=', childId)
    .where('collection_year', '=', year)
    .executeTakeFirst()
  const describe = (row: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(labels).map(([column, label]) => [label, text(row[column])]))
  const yours = describe(values)
  const returnTo = `/children/${childId}/looked-after`
  if (existing === undefined) {
    if (openedVersion !== null) throw new ConflictError('This record has been removed', yours, {}, returnTo)
    const row = await trx
      .insertInto(table)
      .values({
        council_id: user.councilId,
        child_id: childId,
        created_by: user.id,
        collection_year: year,
        ...values,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow()
    return { id: row.id, created: true }
  }
  if (openedVersion === null) {
    throw new ConflictError('Someone else has changed this record', yours, describe(existing), returnTo)
  }
  await updateVersioned(trx, table, { councilId: user.councilId, id: existing.id }, openedVersion, values, {
    returnTo,
    yours,
    describe,
  })
  return { id: existing.id, created: false }
}

const OC2_LABELS: Record<string, string> = {
  sdq_score: 'SDQ score',
  sdq_reason: 'Reason for no SDQ score',
  convicted: 'Convicted',
  health_check: 'Development checks',
  immunisations: 'Immunisations',
  teeth_check: 'Teeth checked',
  health_assessment: 'Health assessment',
  substance_misuse: 'Substance misuse',
  intervention_received: 'Intervention received',
  intervention_offered: 'Intervention offered',
}

export async function recordOc2(
  db: Db,
  user: SignedInUser,
  childId: number,
  year: number,
  answers: Oc2Answers & { version: number | null },
  ip: string,
) {
  return writeForChild(db, user, childId, ip, async (context) => {
    const child = await childFacts(context.trx, user.councilId, childId)
    const periods = await periodFacts(context.trx, user.councilId, childId)
    failIf(oc2Issues(child, periods, year, answers))
    const a = normaliseOc2(answers, oc2Questions(child.dateOfBirth ?? '', year))
    const values = {
      sdq_score: a.sdqScore,
      sdq_reason: a.sdqReason,
      convicted: a.convicted,
      health_check: a.healthCheck,
      immunisations: a.immunisations,
      teeth_check: a.teethCheck,
      health_assessment: a.healthAssessment,
      substance_misuse: a.substanceMisuse,
      intervention_received: a.interventionReceived,
      intervention_offered: a.interventionOffered,
    }
    const saved = await saveYearRow(context, 'oc2_outcome', year, answers.version, values, OC2_LABELS)
    await audit(context, {
      action: saved.created ? 'create' : 'update',
      entity: 'oc2_outcome',
      entityId: saved.id,
      route: 'oc2',
      detail: { collectionYear: year, fields: Object.keys(values) },
    })
    return saved.id
  })
}

const OC3_LABELS: Record<string, string> = {
  in_touch: 'In touch',
  activity: 'Activity',
  accommodation: 'Accommodation',
}

export async function recordOc3(
  db: Db,
  user: SignedInUser,
  childId: number,
  year: number,
  answers: Oc3Answers & { version: number | null },
  ip: string,
) {
  return writeForChild(db, user, childId, ip, async (context) => {
    const child = await childFacts(context.trx, user.councilId, childId)
    const periods = await periodFacts(context.trx, user.councilId, childId)
    failIf(oc3Issues(child, periods, year, answers))
    const values = {
      age_at_birthday: birthdayInYear(child.dateOfBirth ?? '', year).age,
      in_touch: answers.inTouch,
      activity: answers.activity,
      accommodation: answers.accommodation,
    }
    const saved = await saveYearRow(context, 'oc3_outcome', year, answers.version, values, OC3_LABELS)
    await audit(context, {
      action: saved.created ? 'create' : 'update',
      entity: 'oc3_outcome',
      entityId: saved.id,
      route: 'oc3',
      detail: { collectionYear: year, fields: Object.keys(values) },
    })
    return saved.id
  })
}
