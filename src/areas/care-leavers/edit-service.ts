import type { Db } from '../../db/database.js'
import type { SupportRequestOutcome, YoungPersonAccommodationView } from '../../db/tables/care-leavers.js'
import type { SignedInUser } from '../../web/context.js'
import { updateVersioned } from '../../web/concurrency.js'
import { NotFoundError } from '../../web/errors.js'
import { appendAudit } from '../audit/audit-log.js'
import { checkEndAfterStart, RuleCheck, shownValue } from './rules.js'
import { NEVER_SUITABLE_TYPES } from './service.js'

/** Edits of saved care-leaver records, each with optimistic concurrency (the version the form opened). */

export interface AccommodationJudgementInput {
  version: number
  suitable: boolean
  unsuitableReason: string | null
  youngPersonView: YoungPersonAccommodationView | null
  endDate: string | null
}

/** The adviser's judgement and the young person's view of a stay can change while they live there. */
export async function updateAccommodationJudgement(
  db: Db,
  user: SignedInUser,
  childId: number,
  accommodationId: number,
  input: AccommodationJudgementInput,
  ip: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('care_leaver_accommodation')
      .select(['accommodation_type', 'start_date'])
      .where('council_id', '=', user.councilId)
      .where('child_id', '=', childId)
      .where('id', '=', accommodationId)
      .executeTakeFirst()
    if (row === undefined) throw new NotFoundError()
    const check = new RuleCheck()
    if (input.suitable && NEVER_SUITABLE_TYPES.includes(row.accommodation_type))
      check.refuse('suitable', 'This kind of accommodation is always recorded as not suitable: select No')
    if (!input.suitable && input.unsuitableReason === null)
      check.refuse('unsuitableReason', 'Select why the accommodation is not suitable')
    if (input.suitable && input.unsuitableReason !== null)
      check.refuse('unsuitableReason', 'Leave the reason blank when the accommodation is suitable')
    checkEndAfterStart(check, 'endDate', row.start_date, input.endDate, {
      start: 'the date they moved in',
      end: 'The date they moved out',
    })
    check.done()
    const describe = (values: Record<string, unknown>) => ({
      Suitable: values['suitable'] === true ? 'Yes' : 'No',
      'Why not suitable': shownValue(values['unsuitable_reason']),
      'Their view': shownValue(values['young_person_view']),
      'Moved out': shownValue(values['end_date']),
    })
    const changes = {
      suitable: input.suitable,
      unsuitable_reason: input.unsuitableReason,
      young_person_view: input.youngPersonView,
      end_date: input.endDate,
    }
    await updateVersioned(
      trx,
      'care_leaver_accommodation',
      { councilId: user.councilId, id: accommodationId },
      input.version,
      changes,
      {
        returnTo: `/children/${childId}/care-leaver/accommodation/${accommodationId}`,
        describe,
        yours: describe(changes),
      },
    )
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'update',
      entity: 'care_leaver_accommodation',
      entityId: accommodationId,
      childId,
      route: 'POST /children/:childId/care-leaver/accommodation/:accommodationId',
      ip,
      detail: { fields: Object.keys(changes), accom: `${row.accommodation_type}${input.suitable ? '1' : '2'}` },
    })
  })
}

export interface SupportResponseInput {
  version: number
  outcome: SupportRequestOutcome
  response: string | null
  respondedDate: string
}

/** The council's answer to a request for support to 25: recorded once, after checking the answers. */
export async function respondToSupportRequest(
  db: Db,
  user: SignedInUser,
  childId: number,
  requestId: number,
  input: SupportResponseInput,
  ip: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom('support_request')
      .select(['requested_date', 'outcome'])
      .where('council_id', '=', user.councilId)
      .where('child_id', '=', childId)
      .where('id', '=', requestId)
      .executeTakeFirst()
    if (request === undefined) throw new NotFoundError()
    const check = new RuleCheck()
    if (request.outcome !== null) check.refuse('outcome', 'A response to this request has already been recorded')
    checkEndAfterStart(check, 'respondedDate', request.requested_date, input.respondedDate, {
      start: 'the date they asked',
      end: 'The date of the response',
    })
    check.done()
    const describe = (values: Record<string, unknown>) => ({
      Response: shownValue(values['outcome']),
      'Date of the response': shownValue(values['responded_date']),
    })
    const changes = {
      outcome: input.outcome,
      response: input.response,
      responded_date: input.respondedDate,
      responded_by: user.id,
    }
    await updateVersioned(
      trx,
      'support_request',
      { councilId: user.councilId, id: requestId },
      input.version,
      changes,
      { returnTo: `/children/${childId}/care-leaver`, describe, yours: describe(changes) },
    )
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'update',
      entity: 'support_request',
      entityId: requestId,
      childId,
      route: 'POST /children/:childId/care-leaver/support-requests/:requestId/response',
      ip,
      detail: { fields: ['outcome', 'response', 'responded_date', 'responded_by'], outcome: input.outcome },
    })
  })
}
