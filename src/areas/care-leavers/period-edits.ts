import type { Db } from '../../db/database.js'
import type { WorkOfferStatus } from '../../db/tables/care-leavers.js'
import type { SignedInUser } from '../../web/context.js'
import { careLeaverHref } from './page.js'
import { childRecord, describeColumns, saveVersionedEdit } from './edit-service.js'
import { checkEndAfterStart, checkLeaverDate, leaverFacts, RuleCheck } from './rules.js'
import { checkOfferDates, checkStayingDates, type ActivityInput, type StayingInput } from './service.js'

/**
 * Changes to a young person's dated records (what they are doing, a work offer, Staying Put or Staying
 * Close), each saved to the version the form opened and audited in the same transaction. The rules
 * are the ones the record was made under, plus those its end date brings.
 */

const ROUTE = 'POST /children/:childId/care-leaver'

export interface ActivityChangeInput extends ActivityInput {
  version: number
  endDate: string | null
}

/** Corrects an activity's dates, code or provider; periods of activity may touch but not overlap. */
export async function updateActivity(
  db: Db,
  user: SignedInUser,
  childId: number,
  activityId: number,
  input: ActivityChangeInput,
  ip: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await childRecord(trx, 'care_leaver_activity', { councilId: user.councilId, childId, id: activityId })
    const check = new RuleCheck()
    checkLeaverDate(
      check,
      await leaverFacts(trx, user.councilId, childId),
      'startDate',
      'The date this started',
      input.startDate,
    )
    checkEndAfterStart(check, 'endDate', input.startDate, input.endDate, {
      start: 'the date this started',
      end: 'The date this ended',
    })
    let others = trx
      .selectFrom('care_leaver_activity')
      .select('id')
      .where('council_id', '=', user.councilId)
      .where('child_id', '=', childId)
      .where('id', '!=', activityId)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', input.startDate)]))
    if (input.endDate !== null) others = others.where('start_date', '<', input.endDate)
    if ((await others.executeTakeFirst()) !== undefined)
      check.refuse(
        'startDate',
        'The dates overlap another education, employment or training record: change them so one ends on or before the other starts',
      )
    check.done()
    await saveVersionedEdit(trx, user, ip, {
      table: 'care_leaver_activity',
      id: activityId,
      childId,
      version: input.version,
      changes: {
        start_date: input.startDate,
        end_date: input.endDate,
        activity_code: input.activityCode,
        provider_name: input.providerName,
      },
      describe: describeColumns({
        start_date: 'Started',
        end_date: 'Ended',
        activity_code: 'Activity (903 ACTIV)',
        provider_name: 'Where',
      }),
      returnTo: careLeaverHref(childId, 'activity', activityId),
      route: `${ROUTE}/activity/:activityId`,
      detail: { activ: input.activityCode },
    })
  })
}

export interface WorkOfferChangeInput {
  version: number
  offeredDate: string
  status: WorkOfferStatus
  startDate: string | null
  endDate: string | null
}

/** What happened to an offer: its dates and status (the opportunity itself is shared by every offer of it). */
export async function updateWorkOffer(
  db: Db,
  user: SignedInUser,
  childId: number,
  offerId: number,
  input: WorkOfferChangeInput,
  ip: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await childRecord(trx, 'work_opportunity_offer', { councilId: user.councilId, childId, id: offerId })
    const check = new RuleCheck()
    checkOfferDates(check, await leaverFacts(trx, user.councilId, childId), input)
    if (input.endDate !== null && input.startDate === null)
      check.refuse('startDate', 'Enter the date they started, or leave the date it ended blank')
    checkEndAfterStart(check, 'endDate', input.startDate ?? input.offeredDate, input.endDate, {
      start: 'the date they started',
      end: 'The date it ended',
    })
    check.done()
    await saveVersionedEdit(trx, user, ip, {
      table: 'work_opportunity_offer',
      id: offerId,
      childId,
      version: input.version,
      changes: {
        offered_date: input.offeredDate,
        status: input.status,
        start_date: input.startDate,
        end_date: input.endDate,
      },
      describe: describeColumns({
        offered_date: 'Offered',
        status: 'What happened',
        start_date: 'Started',
        end_date: 'Ended',
      }),
      returnTo: careLeaverHref(childId, 'work-offers', offerId),
      route: `${ROUTE}/work-offers/:offerId`,
      detail: { status: input.status },
    })
  })
}

export interface StayingChangeInput extends StayingInput {
  version: number
}

/** Changes a Staying Put or Staying Close arrangement, including ending it, within the 18 to 21 rule. */
export async function updateStayingArrangement(
  db: Db,
  user: SignedInUser,
  childId: number,
  arrangementId: number,
  input: StayingChangeInput,
  ip: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await childRecord(trx, 'staying_arrangement', { councilId: user.councilId, childId, id: arrangementId })
    const check = new RuleCheck()
    checkStayingDates(check, await leaverFacts(trx, user.councilId, childId), input)
    check.done()
    await saveVersionedEdit(trx, user, ip, {
      table: 'staying_arrangement',
      id: arrangementId,
      childId,
      version: input.version,
      changes: {
        arrangement_type: input.arrangementType,
        start_date: input.startDate,
        end_date: input.endDate,
        weekly_payment_pence: input.weeklyPaymentPence,
        end_reason: input.endReason,
      },
      describe: describeColumns({
        arrangement_type: 'Arrangement',
        start_date: 'Started',
        end_date: 'Ended',
        weekly_payment_pence: 'Weekly payment (pence)',
        end_reason: 'Why it ended',
      }),
      returnTo: careLeaverHref(childId, 'staying', arrangementId),
      route: `${ROUTE}/staying/:arrangementId`,
      detail: { ended: input.endDate !== null },
    })
  })
}
