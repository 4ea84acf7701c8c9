import type { Response } from 'express'
import type { Config } from '../../config.js'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { asText } from './text.js'

import { fieldError, formErrors, type FormErrors, NO_ERRORS } from '../../web/form-errors.js'
import { codeRadioItems } from '../../web/forms/code-options.js'
import { isoDate } from '../../web/forms/date-input.js'
import { formatUkDate } from '../../web/nunjucks.js'

import { get, post, type RouteDefinition } from '../../web/routes.js'
import { childPageContext } from '../children/child-sections.js'

import { FAMILY_LABELS } from './due-item.js'

import { cinPlanReviewSchema, missedVisitSchema, visitSchema, VISIT_TYPES } from './schemas.js'
import { VISIT_TYPE_LABELS } from './view-rows.js'
import {
  ComplianceRuleError,
  overdueVisits,
  recordCinPlanReview,
  recordMissedVisit,
  recordVisit,
} from './visit-service.js'
import { visitsPage, visitsPath } from './visits-page.js'

/** Visits and the child in need plan review: the child's page and the forms that record. */
export function visitRoutes(db: Db, config: Config): RouteDefinition[] {
  const { renderVisits } = visitsPage(db, config)
  const renderVisitForm = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    form: { values?: Record<string, unknown>; errors?: FormErrors } = {},
  ) => {
    const page = await childPageContext(db, user.councilId, childId, 'visits')
    const values = form.values ?? { visitedBy: 'me' }
    response.render('compliance/views/visit-form.njk', {
      title: `Record a visit – ${page.child.first_name} ${page.child.last_name}`,
      ...page,
      values,
      visitTypeItems: VISIT_TYPES.map((type) => ({
        value: type,
        text: VISIT_TYPE_LABELS[type],
        checked: values['visitType'] === type,
      })),
      ...(form.errors ?? NO_ERRORS),
    })
  }

  const renderMissedForm = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    form: { values: Record<string, unknown>; errors?: FormErrors },
  ) => {
    const page = await childPageContext(db, user.councilId, childId, 'visits')
    const overdue = await overdueVisits(db, user.councilId, childId)
    const chosen = overdue.find(
      (item) => item.visitType === form.values['visitType'] && item.dueDate === form.values['dueDate'],
    )
    response.render('compliance/views/missed-visit-form.njk', {
      title: `Record why a visit is late – ${page.child.first_name} ${page.child.last_name}`,
      ...page,
      values: form.values,
      chosen: chosen === undefined ? undefined : { label: FAMILY_LABELS[chosen.family], dueDate: chosen.dueDate },
      overdue: overdue.map((item) => ({
        label: FAMILY_LABELS[item.family],
        dueDate: item.dueDate,
        href: `${visitsPath(childId)}/missed/new?${new URLSearchParams({ visitType: item.visitType ?? '', dueDate: item.dueDate }).toString()}`,
      })),
      reasonItems: codeRadioItems(
        'MISSED_VISIT_REASON',
        typeof form.values['reason'] === 'string' ? form.values['reason'] : null,
      ).map((item) => ({ ...item, hint: undefined })),
      ...(form.errors ?? NO_ERRORS),
    })
  }

  const renderCinReviewForm = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    form: { values?: Record<string, unknown>; errors?: FormErrors } = {},
  ) => {
    const page = await childPageContext(db, user.councilId, childId, 'visits')
    const plans = await db
      .selectFrom('cin_plan')
      .select(['id', 'start_date', 'end_date'])
      .where('council_id', '=', user.councilId)
      .where('child_id', '=', childId)
      .orderBy('start_date', 'desc')
      .execute()
    const values = form.values ?? (plans.length === 1 ? { cinPlanId: String(plans[0]?.id) } : {})
    response.render('compliance/views/cin-review-form.njk', {
      title: `Record a child in need plan review – ${page.child.first_name} ${page.child.last_name}`,
      ...page,
      values,
      planItems: plans.map((plan) => ({
        value: String(plan.id),
        text: `Plan from ${formatUkDate(plan.start_date)}${plan.end_date === null ? '' : ` to ${formatUkDate(plan.end_date)}`}`,
        checked: asText(values['cinPlanId']) === String(plan.id),
      })),
      ...(form.errors ?? NO_ERRORS),
    })
  }

  return [
    get({
      path: '/children/:childId/visits',
      name: 'Visits and timescales',
      permission: 'child:read',
      audit: { kind: 'child', entity: 'visit' },
      handler: async (request, response, { user, childId }) => renderVisits(request, response, user, childId as number),
    }),
    get({
      path: '/children/:childId/visits/new',
      name: 'Record a visit (form)',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'visit' },
      handler: async (_request, response, { user, childId }) => renderVisitForm(response, user, childId as number),
    }),
    post({
      path: '/children/:childId/visits',
      name: 'Record a visit',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'visit' },
      body: visitSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderVisitForm(response, user, childId as number, {
          values: request.body as Record<string, unknown>,
          errors: formErrors(issues),
        }),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const visitDate = isoDate(body, 'visitDate') as string
        try {
          await recordVisit(
            db,
            user,
            childId as number,
            {
              visitDate,
              visitType: body.visitType,
              childSeen: body.childSeen === 'yes',
              seenAlone:
                body.childSeen === 'yes' && body.seenAlone !== 'not_applicable' ? body.seenAlone === 'yes' : null,
              bedroomSeen: body.bedroomSeen === 'not_applicable' ? null : body.bedroomSeen === 'yes',
              visitorName: body.visitedBy === 'someone_else' ? body.visitorName : null,
              unannounced: body.unannounced === 'yes',
              note: body.note === '' ? null : body.note,
            },
            ip,
          )
        } catch (error) {
          if (!(error instanceof ComplianceRuleError)) throw error
          response.status(400)
          return renderVisitForm(response, user, childId as number, {
            values: request.body as Record<string, unknown>,
            errors: fieldError(error.field, error.message),
          })
        }
        markAudited()
        response.redirect(303, `${visitsPath(childId as number)}?saved=visit`)
      },
    }),
    get({
      path: '/children/:childId/visits/cin-review/new',
      name: 'Record a child in need plan review (form)',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'cin_plan_review' },
      handler: async (_request, response, { user, childId }) => renderCinReviewForm(response, user, childId as number),
    }),
    post({
      path: '/children/:childId/visits/cin-review',
      name: 'Record a child in need plan review',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'cin_plan_review' },
      body: cinPlanReviewSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderCinReviewForm(response, user, childId as number, {
          values: request.body as Record<string, unknown>,
          errors: formErrors(issues),
        }),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        try {
          await recordCinPlanReview(
            db,
            user,
            childId as number,
            {
              cinPlanId: body.cinPlanId,
              reviewDate: isoDate(body, 'reviewDate') as string,
              note: body.note === '' ? null : body.note,
            },
            ip,
          )
        } catch (error) {
          if (!(error instanceof ComplianceRuleError)) throw error
          response.status(400)
          return renderCinReviewForm(response, user, childId as number, {
            values: request.body as Record<string, unknown>,
            errors: fieldError(error.field, error.message),
          })
        }
        markAudited()
        response.redirect(303, `${visitsPath(childId as number)}?saved=review`)
      },
    }),
    get({
      path: '/children/:childId/visits/missed/new',
      name: 'Record why a visit is late (form)',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'missed_visit' },
      handler: async (request, response, { user, childId }) =>
        renderMissedForm(response, user, childId as number, {
          values: {
            visitType: asText(request.query['visitType']),
            dueDate: asText(request.query['dueDate']),
          },
        }),
    }),
    post({
      path: '/children/:childId/visits/missed',
      name: 'Record why a visit is late',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'missed_visit' },
      body: missedVisitSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderMissedForm(response, user, childId as number, {
          values: request.body as Record<string, unknown>,
          errors: formErrors(issues),
        }),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        try {
          await recordMissedVisit(
            db,
            user,
            childId as number,
            {
              visitType: body.visitType,
              dueDate: body.dueDate,
              reason: body.reason as Parameters<typeof recordMissedVisit>[3]['reason'],
              reasonText: body.reasonText === '' ? null : body.reasonText,
              plannedDate: isoDate(body, 'plannedDate') as string,
            },
            ip,
          )
        } catch (error) {
          if (!(error instanceof ComplianceRuleError)) throw error
          response.status(400)
          return renderMissedForm(response, user, childId as number, {
            values: request.body as Record<string, unknown>,
            errors: fieldError(error.field, error.message),
          })
        }
        markAudited()
        response.redirect(303, `${visitsPath(childId as number)}?saved=missed`)
      },
    }),
  ]
}
