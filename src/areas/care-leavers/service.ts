import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type {
  KeepingInTouchMethod,
  KeepingInTouchOutcome,
  SupportRequestType,
  WorkOfferStatus,
  WorkOpportunityKind,
  YoungPersonAccommodationView,
} from '../../db/tables/care-leavers.js'
import type { SignedInUser } from '../../web/context.js'
import { appendAudit, auditActor, type AuditAction } from '../audit/audit-log.js'
import { addYears } from './dates.js'
import { checkEndAfterStart, checkLeaverDate, leaverFacts, RuleCheck, type LeaverFacts } from './rules.js'

/**
 * The care-leaver write services: each checks the leaving-care rules, writes, and appends its audit
 * row (identifiers and field names only) in the same transaction. Routes stay thin; the synthetic
 * generator and imports can call these too.
 */

type Trx = Transaction<Database>

/** 903 ACCOM has no suitable code for these: custody (X) and no fixed abode (S) are never suitable. */
export const NEVER_SUITABLE_TYPES = ['X', 'S']

/** Tables holding one-at-a-time periods for a young person: a new one closes those still open. */
type PeriodTable = 'care_leaver_accommodation' | 'care_leaver_activity'

/** The young person's still-open periods in `table`, most recent start first. */
async function openPeriods(trx: Trx, table: PeriodTable, councilId: number, childId: number) {
  return trx
    .selectFrom(table)
    .select(['id', 'start_date'])
    .where('council_id', '=', councilId)
    .where('child_id', '=', childId)
    .where('end_date', 'is', null)
    .orderBy('start_date', 'desc')
    .execute()
}

/** Ends each of `open` on `endDate`, one update per row (as before), in the caller's transaction. */
async function closePeriods(
  trx: Trx,
  table: PeriodTable,
  councilId: number,
  open: readonly { id: number }[],
  endDate: string,
): Promise<void> {
  for (const previous of open) {
    await trx
      .updateTable(table)
      .set({ end_date: endDate, updated_at: new Date() })
      .where('council_id', '=', councilId)
      .where('id', '=', previous.id)
      .execute()
  }
}

async function audit(
  trx: Trx,
  user: SignedInUser,
  entry: {
    action: AuditAction
    entity: string
    entityId: number
    childId: number
    route: string
    ip: string
    detail: Record<string, unknown>
  },
) {
  await appendAudit(trx, { ...auditActor(user), ...entry })
}

export interface KeepingInTouchInput {
  contactDate: string
  method: KeepingInTouchMethod
  outcome: KeepingInTouchOutcome
  note: string | null
}

export async function recordKeepingInTouch(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: KeepingInTouchInput,
  ip: string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const facts = await leaverFacts(trx, user.councilId, childId)
    const check = new RuleCheck()
    checkLeaverDate(check, facts, 'contactDate', 'The date of the contact', input.contactDate)
    check.done()
    const row = await trx
      .insertInto('keeping_in_touch_contact')
      .values({
        council_id: user.councilId,
        child_id: childId,
        contact_date: input.contactDate,
        method: input.method,
        outcome: input.outcome,
        made_by: user.id,
        note: input.note,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, user, {
      action: 'create',
      entity: 'keeping_in_touch_contact',
      entityId: row.id,
      childId,
      route: 'POST /children/:childId/care-leaver/contacts',
      ip,
      detail: { fields: ['contact_date', 'method', 'outcome', 'note'], outcome: input.outcome },
    })
    return row.id
  })
}

export interface AccommodationInput {
  startDate: string
  accommodationType: string
  suitable: boolean
  unsuitableReason: string | null
  youngPersonView: YoungPersonAccommodationView | null
  youngPersonComment: string | null
  postcode: string | null
}

function checkSuitability(
  check: RuleCheck,
  input: Pick<AccommodationInput, 'accommodationType' | 'suitable' | 'unsuitableReason'>,
) {
  if (input.suitable && NEVER_SUITABLE_TYPES.includes(input.accommodationType)) {
    const what = input.accommodationType === 'X' ? 'Custody' : 'No fixed abode'
    check.refuse('suitable', `${what} is always recorded as not suitable: select No`)
  }
  if (!input.suitable && input.unsuitableReason === null)
    check.refuse('unsuitableReason', 'Select why the accommodation is not suitable')
  if (input.suitable && input.unsuitableReason !== null)
    check.refuse('unsuitableReason', 'Leave the reason blank when the accommodation is suitable')
  if (
    input.accommodationType === 'X' &&
    !input.suitable &&
    input.unsuitableReason !== null &&
    input.unsuitableReason !== 'custody'
  )
    check.refuse('unsuitableReason', 'Select ‘In custody’ as the reason when they are in custody')
}

/** A move: closes the current accommodation on the day of the move and opens the new one. */
export async function recordAccommodation(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: AccommodationInput,
  ip: string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const facts = await leaverFacts(trx, user.councilId, childId)
    const check = new RuleCheck()
    checkLeaverDate(check, facts, 'startDate', 'The date they moved in', input.startDate)
    checkSuitability(check, input)
    const open = await openPeriods(trx, 'care_leaver_accommodation', user.councilId, childId)
    const latest = open[0]
    if (latest !== undefined && input.startDate < latest.start_date)
      check.refuse('startDate', 'The date they moved in must be on or after the start of their current accommodation')
    check.done()
    await closePeriods(trx, 'care_leaver_accommodation', user.councilId, open, input.startDate)
    const row = await trx
      .insertInto('care_leaver_accommodation')
      .values({
        council_id: user.councilId,
        child_id: childId,
        start_date: input.startDate,
        end_date: null,
        accommodation_type: input.accommodationType,
        suitable: input.suitable,
        unsuitable_reason: input.unsuitableReason,
        young_person_view: input.youngPersonView,
        young_person_comment: input.youngPersonComment,
        address: null,
        postcode: input.postcode,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, user, {
      action: 'create',
      entity: 'care_leaver_accommodation',
      entityId: row.id,
      childId,
      route: 'POST /children/:childId/care-leaver/accommodation',
      ip,
      detail: {
        fields: ['start_date', 'accommodation_type', 'suitable', 'unsuitable_reason', 'young_person_view'],
        accom: `${input.accommodationType}${input.suitable ? '1' : '2'}`,
        closedAccommodationIds: open.map((previous) => previous.id),
      },
    })
    return row.id
  })
}

export interface ActivityInput {
  startDate: string
  activityCode: string
  providerName: string | null
}

export async function recordActivity(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: ActivityInput,
  ip: string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const facts = await leaverFacts(trx, user.councilId, childId)
    const check = new RuleCheck()
    checkLeaverDate(check, facts, 'startDate', 'The date this started', input.startDate)
    const open = await openPeriods(trx, 'care_leaver_activity', user.councilId, childId)
    if (open[0] !== undefined && input.startDate < open[0].start_date)
      check.refuse('startDate', 'The date this started must be on or after the start of what they are doing now')
    check.done()
    await closePeriods(trx, 'care_leaver_activity', user.councilId, open, input.startDate)
    const row = await trx
      .insertInto('care_leaver_activity')
      .values({
        council_id: user.councilId,
        child_id: childId,
        start_date: input.startDate,
        end_date: null,
        activity_code: input.activityCode,
        provider_name: input.providerName,
        note: null,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, user, {
      action: 'create',
      entity: 'care_leaver_activity',
      entityId: row.id,
      childId,
      route: 'POST /children/:childId/care-leaver/activity',
      ip,
      detail: { fields: ['start_date', 'activity_code', 'provider_name'], activ: input.activityCode },
    })
    return row.id
  })
}

export interface WorkOfferInput {
  title: string
  kind: WorkOpportunityKind
  ringFenced: boolean
  department: string | null
  offeredDate: string
  status: WorkOfferStatus
  startDate: string | null
}

/** An offer is made between 16 and 25; a start follows the offer and is known once they have started. */
export function checkOfferDates(
  check: RuleCheck,
  facts: LeaverFacts,
  input: Pick<WorkOfferInput, 'offeredDate' | 'status' | 'startDate'>,
) {
  checkLeaverDate(check, facts, 'offeredDate', 'The date it was offered', input.offeredDate)
  if (input.startDate !== null && input.startDate < input.offeredDate)
    check.refuse('startDate', 'The date they started must be the same as or after the date it was offered')
  if (['started', 'completed', 'left_early'].includes(input.status) && input.startDate === null)
    check.refuse('startDate', 'Enter the date they started')
}

/** An offer of a job or placement; the opportunity is found by title and kind, or added, so offers can be counted. */
export async function recordWorkOffer(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: WorkOfferInput,
  ip: string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const check = new RuleCheck()
    checkOfferDates(check, await leaverFacts(trx, user.councilId, childId), input)
    const existing = await trx
      .selectFrom('work_opportunity')
      .select('id')
      .where('council_id', '=', user.councilId)
      .where('title', '=', input.title)
      .where('kind', '=', input.kind)
      .executeTakeFirst()
    if (existing !== undefined) {
      const offered = await trx
        .selectFrom('work_opportunity_offer')
        .select('id')
        .where('council_id', '=', user.councilId)
        .where('opportunity_id', '=', existing.id)
        .where('child_id', '=', childId)
        .executeTakeFirst()
      if (offered !== undefined) check.refuse('title', 'This opportunity has already been offered to them')
    }
    check.done()
    const opportunityId =
      existing?.id ??
      (
        await trx
          .insertInto('work_opportunity')
          .values({
            council_id: user.councilId,
            title: input.title,
            kind: input.kind,
            department: input.department,
            description: null,
            places: null,
            ring_fenced: input.ringFenced,
            opens_on: null,
            closes_on: null,
            created_by: user.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    const row = await trx
      .insertInto('work_opportunity_offer')
      .values({
        council_id: user.councilId,
        opportunity_id: opportunityId,
        child_id: childId,
        offered_date: input.offeredDate,
        status: input.status,
        start_date: input.startDate,
        end_date: null,
        note: null,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, user, {
      action: 'create',
      entity: 'work_opportunity_offer',
      entityId: row.id,
      childId,
      route: 'POST /children/:childId/care-leaver/work-offers',
      ip,
      detail: {
        fields: ['offered_date', 'status', 'start_date'],
        opportunityId,
        opportunityCreated: existing === undefined,
        status: input.status,
      },
    })
    return row.id
  })
}

export interface StayingInput {
  arrangementType: 'staying_put' | 'staying_close'
  startDate: string
  endDate: string | null
  weeklyPaymentPence: number | null
  endReason: string | null
}

/** Staying Put and Staying Close run from 18 to 21; an end is on or after the start. */
export function checkStayingDates(
  check: RuleCheck,
  facts: LeaverFacts,
  input: Pick<StayingInput, 'arrangementType' | 'startDate' | 'endDate'>,
) {
  if (facts.dateOfBirth !== null) {
    const eighteenth = addYears(facts.dateOfBirth, 18)
    const twentyFirst = addYears(facts.dateOfBirth, 21)
    const label = input.arrangementType === 'staying_put' ? 'Staying Put' : 'Staying Close'
    if (input.startDate < eighteenth) check.refuse('startDate', `${label} must start on or after their 18th birthday`)
    if (input.endDate !== null && input.endDate > twentyFirst)
      check.refuse('endDate', `${label} must end by their 21st birthday`)
  }
  checkEndAfterStart(check, 'endDate', input.startDate, input.endDate, {
    start: 'the date it started',
    end: 'The date it ended',
  })
}

export async function recordStayingArrangement(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: StayingInput,
  ip: string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const check = new RuleCheck()
    checkStayingDates(check, await leaverFacts(trx, user.councilId, childId), input)
    check.done()
    const row = await trx
      .insertInto('staying_arrangement')
      .values({
        council_id: user.councilId,
        child_id: childId,
        arrangement_type: input.arrangementType,
        start_date: input.startDate,
        end_date: input.endDate,
        weekly_payment_pence: input.weeklyPaymentPence,
        foster_household_id: null,
        provider_id: null,
        end_reason: input.endReason,
        note: null,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, user, {
      action: 'create',
      entity: 'staying_arrangement',
      entityId: row.id,
      childId,
      route: 'POST /children/:childId/care-leaver/staying',
      ip,
      detail: { fields: ['arrangement_type', 'start_date', 'end_date', 'weekly_payment_pence', 'end_reason'] },
    })
    return row.id
  })
}

export interface SupportRequestInput {
  requestedDate: string
  requestType: SupportRequestType
  detail: string | null
}

/** Support to 25 (Children Act 1989 s.23CZB) is for former relevant young people aged 21 to 25. */
export async function recordSupportRequest(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: SupportRequestInput,
  ip: string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const facts = await leaverFacts(trx, user.councilId, childId)
    const check = new RuleCheck()
    if (facts.dateOfBirth !== null) {
      if (input.requestedDate < addYears(facts.dateOfBirth, 21))
        check.refuse(
          'requestedDate',
          'The date they asked must be on or after their 21st birthday (support to 25 starts at 21)',
        )
      else if (input.requestedDate >= addYears(facts.dateOfBirth, 25))
        check.refuse('requestedDate', 'The date they asked must be before their 25th birthday')
    }
    check.done()
    const row = await trx
      .insertInto('support_request')
      .values({
        council_id: user.councilId,
        child_id: childId,
        requested_date: input.requestedDate,
        request_type: input.requestType,
        detail: input.detail,
        outcome: null,
        response: null,
        responded_date: null,
        responded_by: null,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, user, {
      action: 'create',
      entity: 'support_request',
      entityId: row.id,
      childId,
      route: 'POST /children/:childId/care-leaver/support-requests',
      ip,
      detail: { fields: ['requested_date', 'request_type', 'detail'], requestType: input.requestType },
    })
    return row.id
  })
}

export interface ResponsibleAuthorityInput {
  laCode: string
  laName: string
  contactName: string | null
  contactEmail: string | null
  startDate: string
}

/** A young person living here whose responsible authority is another council: visible, never counted here. */
export async function recordResponsibleAuthorityElsewhere(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: ResponsibleAuthorityInput,
  ip: string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('responsible_authority_elsewhere')
      .select('id')
      .where('council_id', '=', user.councilId)
      .where('child_id', '=', childId)
      .where('end_date', 'is', null)
      .executeTakeFirst()
    const check = new RuleCheck()
    if (open !== undefined) check.refuse('laCode', 'Another council is already recorded as responsible for them')
    check.done()
    const row = await trx
      .insertInto('responsible_authority_elsewhere')
      .values({
        council_id: user.councilId,
        child_id: childId,
        responsible_la_code: input.laCode,
        responsible_la_name: input.laName,
        contact_name: input.contactName,
        contact_email: input.contactEmail,
        contact_phone: null,
        start_date: input.startDate,
        end_date: null,
        note: null,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, user, {
      action: 'create',
      entity: 'responsible_authority_elsewhere',
      entityId: row.id,
      childId,
      route: 'POST /children/:childId/care-leaver/responsible-authority',
      ip,
      detail: {
        fields: ['responsible_la_code', 'responsible_la_name', 'contact_name', 'contact_email', 'start_date'],
        laCode: input.laCode,
      },
    })
    return row.id
  })
}
