import type { Request, Response } from 'express'
import type { Config } from '../../config.js'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { asText } from './text.js'
import { NotFoundError } from '../../web/errors.js'
import { type FormErrors } from '../../web/form-errors.js'

import { todayInLondon } from '../../web/forms/date-input.js'
import { formatUkDate } from '../../web/nunjucks.js'
import { roleHas } from '../../web/permissions.js'

import { childPageContext, childPath } from '../children/child-sections.js'
import { addCalendarMonths } from './calendar.js'
import { loadChildFacts } from './child-facts.js'
import { confirmationsForVisits } from './confirmation-service.js'
import { takeDemoMessage } from './demo-outbox.js'
import { confirmationMinimumAge } from './council-settings.js'
import { dueItemsForChild } from './due-engine.js'

import { listEscalations } from './escalation-actions.js'
import { raiseEscalations } from './escalations.js'
import { loadRuleBook } from './rule-book.js'

import { childDueRows, CONFIRMATION_LABELS, escapeHtml, reasonLabel, VISIT_TYPE_LABELS, yesNo } from './view-rows.js'

export const NOTICES: Record<string, string> = {
  visit: 'The visit has been recorded.',
  review: 'The child in need plan review has been recorded.',
  missed: 'The reason has been recorded. Your team manager can see it on their work tray.',
  acknowledged: 'The escalation has been acknowledged. Record your response when you have one.',
  responded: 'Your response has been recorded.',
  code: 'A confirmation code has been sent to the young person.',
}

export const visitsPath = (childId: number) => childPath(childId, 'visits')

export function idParam(request: Request, name: string): number {
  const value = Number(request.params[name])
  if (!Number.isSafeInteger(value) || value <= 0) throw new NotFoundError()
  return value
}

/** The "Visits and timescales" page of a child's record, shared by the routes that render it. */
export function visitsPage(db: Db, config: Config) {
  const renderVisits = async (request: Request, response: Response, user: SignedInUser, childId: number) => {
    const today = todayInLondon()
    await raiseEscalations(db, user.councilId, today, [childId])
    const page = await childPageContext(db, user.councilId, childId, 'visits')
    const facts = (await loadChildFacts(db, user.councilId, [childId])).get(childId)
    const rules = await loadRuleBook(db, user.councilId)
    const items = facts === undefined ? [] : dueItemsForChild(facts, rules, today)
    const visits = await db
      .selectFrom('visit as v')
      .leftJoin('user_account as u', (join) =>
        join.onRef('u.council_id', '=', 'v.council_id').onRef('u.id', '=', 'v.visitor_id'),
      )
      .select([
        'v.id',
        'v.visit_date',
        'v.visit_type',
        'v.child_seen',
        'v.seen_alone',
        'v.bedroom_seen',
        'v.unannounced',
        'v.visitor_name',
        'u.display_name',
      ])
      .where('v.council_id', '=', user.councilId)
      .where('v.child_id', '=', childId)
      .orderBy('v.visit_date', 'desc')
      .orderBy('v.id', 'desc')
      .limit(100)
      .execute()
    const missed = await db
      .selectFrom('missed_visit as m')
      .leftJoin('visit as v', (join) =>
        join.onRef('v.council_id', '=', 'm.council_id').onRef('v.id', '=', 'm.visit_id'),
      )
      .select([
        'm.planned_date',
        'm.visit_type',
        'm.reason',
        'm.reason_text',
        'm.rearranged_for',
        'm.reviewed_at',
        'v.visit_date',
      ])
      .where('m.council_id', '=', user.councilId)
      .where('m.child_id', '=', childId)
      .orderBy('m.planned_date', 'desc')
      .orderBy('m.id', 'desc')
      .execute()
    const escalations = await listEscalations(db, user.councilId, { childIds: [childId] })
    const confirmations = await confirmationsForVisits(
      db,
      user.councilId,
      visits.map((visit) => visit.id),
    )
    const { age: minimumAge } = await confirmationMinimumAge(db, user.councilId)
    const canWrite = roleHas(user.role, 'child:write')
    const reasons = new Map<
      string,
      { reason: (typeof missed)[number]['reason']; reasonText: string | null; rearrangedFor: string | null }
    >()
    for (const row of [...missed].reverse()) {
      if (row.visit_date === null)
        reasons.set(`${row.visit_type}|${row.planned_date}`, {
          reason: row.reason,
          reasonText: row.reason_text,
          rearrangedFor: row.rearranged_for,
        })
    }
    const dob = page.child.date_of_birth
    const visitRows = visits.map((visit) => {
      const confirmation = confirmations.get(visit.id)
      const oldEnough = dob !== null && addCalendarMonths(dob, minimumAge * 12) <= visit.visit_date
      const canAsk =
        canWrite &&
        visit.child_seen &&
        oldEnough &&
        confirmation?.status !== 'confirmed' &&
        confirmation?.status !== 'denied'
      const answer =
        confirmation === undefined
          ? ''
          : `${CONFIRMATION_LABELS[confirmation.status] ?? ''}${confirmation.rating === null ? '' : ` (rated ${confirmation.rating} out of 5)`}${
              confirmation.comment === null ? '' : `: “${confirmation.comment}”`
            }`
      return [
        { text: formatUkDate(visit.visit_date) },
        { text: `${VISIT_TYPE_LABELS[visit.visit_type]}${visit.unannounced ? ' (unannounced)' : ''}` },
        { text: yesNo(visit.child_seen) },
        { text: yesNo(visit.seen_alone) },
        { text: yesNo(visit.bedroom_seen) },
        { text: visit.display_name ?? visit.visitor_name ?? '' },
        {
          html: `${escapeHtml(answer)}${
            canAsk
              ? `${answer === '' ? '' : '<br>'}<a class="govuk-link" href="${visitsPath(childId)}/${visit.id}/confirmation">Ask the young person to confirm<span class="govuk-visually-hidden"> the visit on ${escapeHtml(formatUkDate(visit.visit_date))}</span></a>`
              : ''
          }`,
        },
      ]
    })
    const missedRows = missed.map((row) => [
      { text: formatUkDate(row.planned_date) },
      { text: VISIT_TYPE_LABELS[row.visit_type] },
      { text: reasonLabel(row.reason, row.reason_text) },
      { text: row.rearranged_for === null ? '' : formatUkDate(row.rearranged_for) },
      { text: row.visit_date === null ? 'Not yet' : formatUkDate(row.visit_date) },
      { text: row.reviewed_at === null ? 'No' : 'Yes' },
    ])
    response.render('compliance/views/visits.njk', {
      title: `Visits and timescales – ${page.child.first_name} ${page.child.last_name}`,
      ...page,
      dueRows: childDueRows(items, rules, today, { childId, canRecordReason: canWrite, reasons }),
      overdueCount: items.filter((item) => item.dueDate < today).length,
      visitRows,
      missedRows,
      escalations: escalations.map((escalation) => ({
        ...escalation,
        canAct:
          roleHas(user.role, 'child:manage') && (escalation.role === user.role || user.role === 'head_of_service'),
      })),
      canWrite,
      hasOpenCinPlan: facts?.cinPlans.some((plan) => plan.endDate === null) ?? false,
      notice: NOTICES[asText(request.query['saved'])],
      demoMessage: config.demo.enabled ? takeDemoMessage(user.id) : undefined,
    })
  }

  const renderVisitsWithErrors = async function (
    request: Request,
    response: Response,
    user: SignedInUser,
    childId: number,
    errors: FormErrors,
  ) {
    const escalationId = idParam(request, 'escalationId')
    response.locals['errorList'] = errors.errorList.map((error) => ({ ...error, href: `#response-${escalationId}` }))
    response.locals['escalationErrors'] = { [escalationId]: errors.errors['response'] }
    await renderVisits(request, response, user, childId)
  }
  return { renderVisits, renderVisitsWithErrors }
}
