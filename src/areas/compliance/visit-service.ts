import type { Db } from '../../db/database.js'
import type { MissedVisitReason, VisitType } from '../../db/tables/compliance.js'
import type { SignedInUser } from '../../web/context.js'
import { todayInLondon } from '../../web/forms/date-input.js'
import { NotFoundError } from '../../web/errors.js'
import { appendAudit } from '../audit/audit-log.js'
import { addCalendarMonths, type IsoDate } from './calendar.js'
import { loadChildFacts } from './child-facts.js'
import { dueItemsForChild } from './due-engine.js'
import { VISIT_FAMILIES } from './due-item.js'
import { loadRuleBook } from './rule-book.js'

/** A rule about the dates or facts of a record, reported against the form field the user must change. */
export class ComplianceRuleError extends Error {
  override name = 'ComplianceRuleError'
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

export interface VisitInput {
  visitDate: IsoDate
  visitType: VisitType
  childSeen: boolean
  /** Null when not applicable (a baby) or when the child was not seen. */
  seenAlone: boolean | null
  bedroomSeen: boolean | null
  /** Someone who is not the signed-in user; otherwise the user visited. */
  visitorName: string | null
  unannounced: boolean
  note: string | null
}

/** Child in need visits are a local standard; the other types are statutory visits. */
export const STATUTORY_VISIT_TYPES: readonly VisitType[] = [
  'looked_after',
  'child_protection',
  'care_leaver',
  'private_fostering',
]

async function childDates(db: Db, councilId: number, childId: number) {
  const child = await db
    .selectFrom('child')
    .select(['date_of_birth', 'expected_date_of_birth'])
    .where('council_id', '=', councilId)
    .where('id', '=', childId)
    .executeTakeFirst()
  if (child === undefined) throw new NotFoundError()
  return child
}

/**
 * Records a visit. Looked-after visits are linked to the placement the child was in that day, and a
 * visit at which the child was seen settles any missed-visit explanation still waiting for it.
 */
export async function recordVisit(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: VisitInput,
  ip: string,
): Promise<number> {
  const child = await childDates(db, user.councilId, childId)
  if (input.visitDate > todayInLondon())
    throw new ComplianceRuleError('visitDate', 'The date of the visit must be today or in the past')
  if (child.date_of_birth !== null && input.visitDate < child.date_of_birth) {
    throw new ComplianceRuleError('visitDate', 'The date of the visit must be on or after the child’s date of birth')
  }
  if (
    child.date_of_birth !== null &&
    input.visitType !== 'care_leaver' &&
    input.visitDate >= addCalendarMonths(child.date_of_birth, 216)
  ) {
    throw new ComplianceRuleError(
      'visitDate',
      'The date of the visit must be before the young person’s 18th birthday, or record it as a care leaver visit',
    )
  }
  if (!input.childSeen && input.seenAlone === true)
    throw new ComplianceRuleError('seenAlone', 'A child who was not seen cannot have been seen alone')
  return db.transaction().execute(async (trx) => {
    const placement =
      input.visitType === 'looked_after'
        ? await trx
            .selectFrom('placement')
            .select('id')
            .where('council_id', '=', user.councilId)
            .where('child_id', '=', childId)
            .where('start_date', '<=', input.visitDate)
            .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', input.visitDate)]))
            .orderBy('start_date', 'desc')
            .orderBy('id', 'desc')
            .executeTakeFirst()
        : undefined
    const visit = await trx
      .insertInto('visit')
      .values({
        council_id: user.councilId,
        child_id: childId,
        visit_date: input.visitDate,
        visit_type: input.visitType,
        statutory: STATUTORY_VISIT_TYPES.includes(input.visitType),
        unannounced: input.unannounced,
        child_seen: input.childSeen,
        seen_alone: input.childSeen ? input.seenAlone : null,
        bedroom_seen: input.bedroomSeen,
        visitor_id: input.visitorName === null ? user.id : null,
        visitor_name: input.visitorName,
        placement_id: placement?.id ?? null,
        note: input.note,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    let settled = 0
    if (input.childSeen) {
      const result = await trx
        .updateTable('missed_visit')
        .set((eb) => ({ visit_id: visit.id, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('council_id', '=', user.councilId)
        .where('child_id', '=', childId)
        .where('visit_type', '=', input.visitType)
        .where('visit_id', 'is', null)
        .where('planned_date', '<=', input.visitDate)
        .executeTakeFirst()
      settled = Number(result.numUpdatedRows)
    }
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'create',
      entity: 'visit',
      entityId: visit.id,
      childId,
      route: 'POST /children/:childId/visits',
      ip,
      detail: {
        fields: Object.keys(input).filter((key) => input[key as keyof VisitInput] !== null),
        visitType: input.visitType,
        childSeen: input.childSeen,
        placementId: placement?.id ?? null,
        missedVisitsSettled: settled,
      },
    })
    return visit.id
  })
}

export interface MissedVisitInput {
  visitType: VisitType
  /** The due date of the overdue visit being explained. */
  dueDate: IsoDate
  reason: MissedVisitReason
  reasonText: string | null
  plannedDate: IsoDate
}

/** The child's overdue visit clocks right now: what a missed-visit reason can be recorded against. */
export async function overdueVisits(db: Db, councilId: number, childId: number, asAt: IsoDate = todayInLondon()) {
  const facts = (await loadChildFacts(db, councilId, [childId])).get(childId)
  if (facts === undefined) return []
  const rules = await loadRuleBook(db, councilId)
  return dueItemsForChild(facts, rules, asAt).filter(
    (item) => item.dueDate < asAt && (item.family in VISIT_FAMILIES || item.family === 'personal_adviser_contact'),
  )
}

/**
 * Records why an overdue visit has not happened, and when it is now planned. The visit must be one
 * that is overdue today; the new date must not be in the past.
 */
export async function recordMissedVisit(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: MissedVisitInput,
  ip: string,
): Promise<number> {
  const today = todayInLondon()
  const overdue = await overdueVisits(db, user.councilId, childId, today)
  if (!overdue.some((item) => item.visitType === input.visitType && item.dueDate === input.dueDate)) {
    throw new ComplianceRuleError(
      'dueDate',
      'That visit is no longer overdue: it may have been recorded since you opened this page',
    )
  }
  if (input.plannedDate < today) {
    throw new ComplianceRuleError('plannedDate', 'The date the visit is now planned for must be today or in the future')
  }
  return db.transaction().execute(async (trx) => {
    const missed = await trx
      .insertInto('missed_visit')
      .values({
        council_id: user.councilId,
        child_id: childId,
        planned_date: input.dueDate,
        visit_type: input.visitType,
        reason: input.reason,
        reason_text: input.reason === 'other' ? input.reasonText : null,
        rearranged_for: input.plannedDate,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'create',
      entity: 'missed_visit',
      entityId: missed.id,
      childId,
      route: 'POST /children/:childId/visits/missed',
      ip,
      detail: {
        visitType: input.visitType,
        dueDate: input.dueDate,
        reason: input.reason,
        rearrangedFor: input.plannedDate,
      },
    })
    return missed.id
  })
}

/** Records a child in need plan review: the local-standard review clock restarts from its date. */
export async function recordCinPlanReview(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: { cinPlanId: number; reviewDate: IsoDate; note: string | null },
  ip: string,
): Promise<number> {
  const plan = await db
    .selectFrom('cin_plan')
    .select(['id', 'start_date', 'end_date'])
    .where('council_id', '=', user.councilId)
    .where('child_id', '=', childId)
    .where('id', '=', input.cinPlanId)
    .executeTakeFirst()
  if (plan === undefined) throw new ComplianceRuleError('cinPlanId', 'Select the child in need plan that was reviewed')
  if (input.reviewDate > todayInLondon())
    throw new ComplianceRuleError('reviewDate', 'The date of the review must be today or in the past')
  if (input.reviewDate < plan.start_date) {
    throw new ComplianceRuleError('reviewDate', 'The date of the review must be on or after the plan started')
  }
  if (plan.end_date !== null && input.reviewDate > plan.end_date) {
    throw new ComplianceRuleError('reviewDate', 'The date of the review must be on or before the plan ended')
  }
  return db.transaction().execute(async (trx) => {
    const review = await trx
      .insertInto('cin_plan_review')
      .values({
        council_id: user.councilId,
        child_id: childId,
        cin_plan_id: plan.id,
        review_date: input.reviewDate,
        note: input.note,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'create',
      entity: 'cin_plan_review',
      entityId: review.id,
      childId,
      route: 'POST /children/:childId/visits/cin-review',
      ip,
      detail: { cinPlanId: plan.id, reviewDate: input.reviewDate, fields: input.note === null ? [] : ['note'] },
    })
    return review.id
  })
}
