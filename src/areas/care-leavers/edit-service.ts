import { sql, type Selectable, type Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { SupportRequestOutcome, YoungPersonAccommodationView } from '../../db/tables/care-leavers.js'
import type { SignedInUser } from '../../web/context.js'
import { updateVersioned } from '../../web/concurrency.js'
import { NotFoundError } from '../../web/errors.js'
import { appendAudit, auditActor } from '../audit/audit-log.js'
import { checkEndAfterStart, RuleCheck, shownValue } from './rules.js'
import { NEVER_SUITABLE_TYPES } from './service.js'

/** Edits of saved care-leaver records, each with optimistic concurrency (the version the form opened). */

type Trx = Transaction<Database>

/** The care-leaver tables whose rows belong to one young person and can be changed. */
export type ChildRecordTable =
  | 'care_leaver_accommodation'
  | 'care_leaver_activity'
  | 'work_opportunity_offer'
  | 'staying_arrangement'
  | 'pathway_plan'
  | 'pathway_goal'
  | 'responsible_authority_elsewhere'
  | 'support_request'

/** One of the young person's records, or not found (another child's or another council's id is the same as none). */
export async function childRecord<T extends ChildRecordTable>(
  db: Db | Trx,
  table: T,
  key: { councilId: number; childId: number; id: number },
): Promise<Selectable<Database[T]> & { id: number; version: number }> {
  const result = await sql<Selectable<Database[T]> & { id: number; version: number }>`
    select * from ${sql.table(table)}
    where council_id = ${key.councilId} and child_id = ${key.childId} and id = ${key.id}`.execute(db)
  const row = result.rows[0]
  if (row === undefined) throw new NotFoundError()
  return row
}

/** Turns saved columns into labelled text for the conflict page: { column: label }. */
export const describeColumns =
  (labels: Record<string, string>) =>
  (values: Record<string, unknown>): Record<string, string> =>
    Object.fromEntries(Object.entries(labels).map(([column, label]) => [label, shownValue(values[column])]))

export interface VersionedEdit {
  table: ChildRecordTable
  id: number
  childId: number
  version: number
  changes: Record<string, unknown>
  describe: (values: Record<string, unknown>) => Record<string, string>
  /** Where the conflict page sends the user back to. */
  returnTo: string
  route: string
  detail?: Record<string, unknown>
}

/** Saves a change to the version the form opened (else the conflict page) and audits it, in the caller's transaction. */
export async function saveVersionedEdit(trx: Trx, user: SignedInUser, ip: string, edit: VersionedEdit): Promise<void> {
  await updateVersioned(trx, edit.table, { councilId: user.councilId, id: edit.id }, edit.version, edit.changes, {
    returnTo: edit.returnTo,
    describe: edit.describe,
    yours: edit.describe(edit.changes),
  })
  await appendAudit(trx, {
    ...auditActor(user),
    action: 'update',
    entity: edit.table,
    entityId: edit.id,
    childId: edit.childId,
    route: edit.route,
    ip,
    detail: { fields: Object.keys(edit.changes), ...edit.detail },
  })
}

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
    const row = await childRecord(trx, 'care_leaver_accommodation', {
      councilId: user.councilId,
      childId,
      id: accommodationId,
    })
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
    const changes = {
      suitable: input.suitable,
      unsuitable_reason: input.unsuitableReason,
      young_person_view: input.youngPersonView,
      end_date: input.endDate,
    }
    await saveVersionedEdit(trx, user, ip, {
      table: 'care_leaver_accommodation',
      id: accommodationId,
      childId,
      version: input.version,
      changes,
      describe: (values) => ({
        Suitable: values['suitable'] === true ? 'Yes' : 'No',
        ...describeColumns({
          unsuitable_reason: 'Why not suitable',
          young_person_view: 'Their view',
          end_date: 'Moved out',
        })(values),
      }),
      returnTo: `/children/${childId}/care-leaver/accommodation/${accommodationId}`,
      route: 'POST /children/:childId/care-leaver/accommodation/:accommodationId',
      detail: { accom: `${row.accommodation_type}${input.suitable ? '1' : '2'}` },
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
    const request = await childRecord(trx, 'support_request', { councilId: user.councilId, childId, id: requestId })
    const check = new RuleCheck()
    if (request.outcome !== null) check.refuse('outcome', 'A response to this request has already been recorded')
    checkEndAfterStart(check, 'respondedDate', request.requested_date, input.respondedDate, {
      start: 'the date they asked',
      end: 'The date of the response',
    })
    check.done()
    await saveVersionedEdit(trx, user, ip, {
      table: 'support_request',
      id: requestId,
      childId,
      version: input.version,
      changes: {
        outcome: input.outcome,
        response: input.response,
        responded_date: input.respondedDate,
        responded_by: user.id,
      },
      describe: describeColumns({ outcome: 'Response', responded_date: 'Date of the response' }),
      returnTo: `/children/${childId}/care-leaver`,
      route: 'POST /children/:childId/care-leaver/support-requests/:requestId/response',
      detail: { outcome: input.outcome },
    })
  })
}
