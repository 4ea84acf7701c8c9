import type { Request, Response } from 'express'
import type { Config } from '../../config.js'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'

import { ForbiddenError, NotFoundError } from '../../web/errors.js'
import { fieldError, formErrors, type FormErrors, NO_ERRORS } from '../../web/form-errors.js'

import { formatUkDate } from '../../web/nunjucks.js'

import { get, post, type RouteDefinition } from '../../web/routes.js'
import { childPageContext } from '../children/child-sections.js'

import { issueConfirmation } from './confirmation-service.js'
import { keepDemoMessage } from './demo-outbox.js'

import { acknowledgeEscalation, EscalationStateError, respondToEscalation } from './escalation-actions.js'

import { acknowledgeSchema, issueConfirmationSchema, respondSchema } from './schemas.js'
import { VISIT_TYPE_LABELS } from './view-rows.js'
import { ComplianceRuleError } from './visit-service.js'
import { idParam, visitsPage, visitsPath } from './visits-page.js'

/** After a visit: asking the young person to confirm it, and answering the escalation ladder. */
export function visitFollowUpRoutes(db: Db, config: Config): RouteDefinition[] {
  const { renderVisitsWithErrors } = visitsPage(db, config)
  const renderConfirmationForm = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    visitId: number,
    form: { values?: Record<string, unknown>; errors?: FormErrors } = {},
  ) => {
    const page = await childPageContext(db, user.councilId, childId, 'visits')
    const visit = await db
      .selectFrom('visit')
      .select(['id', 'visit_date', 'visit_type'])
      .where('council_id', '=', user.councilId)
      .where('child_id', '=', childId)
      .where('id', '=', visitId)
      .executeTakeFirst()
    if (visit === undefined) throw new NotFoundError()
    response.render('compliance/views/confirmation-form.njk', {
      title: `Ask the young person to confirm a visit – ${page.child.first_name} ${page.child.last_name}`,
      ...page,
      visit,
      visitLabel: `${VISIT_TYPE_LABELS[visit.visit_type]} on ${formatUkDate(visit.visit_date)}`,
      values: form.values ?? {},
      ...(form.errors ?? NO_ERRORS),
    })
  }

  const escalationAction =
    (action: 'acknowledge' | 'respond') =>
    async (
      request: Request,
      response: Response,
      user: SignedInUser,
      childId: number,
      body: { version: number; response?: string },
      ip: string,
    ) => {
      const escalationId = idParam(request, 'escalationId')
      try {
        if (action === 'acknowledge') await acknowledgeEscalation(db, user, childId, escalationId, body.version, ip)
        else await respondToEscalation(db, user, childId, escalationId, body.version, body.response ?? '', ip)
      } catch (error) {
        if (error instanceof EscalationStateError) throw new ForbiddenError(error.message)
        throw error
      }
      response.redirect(
        303,
        `${visitsPath(childId)}?saved=${action === 'acknowledge' ? 'acknowledged' : 'responded'}#escalations`,
      )
    }

  return [
    get({
      path: '/children/:childId/visits/:visitId/confirmation',
      name: 'Ask a young person to confirm a visit (form)',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'visit_confirmation' },
      handler: async (request, response, { user, childId }) =>
        renderConfirmationForm(response, user, childId as number, idParam(request, 'visitId')),
    }),
    post({
      path: '/children/:childId/visits/:visitId/confirmation',
      name: 'Ask a young person to confirm a visit',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'visit_confirmation' },
      body: issueConfirmationSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderConfirmationForm(response, user, childId as number, idParam(request, 'visitId'), {
          values: request.body as Record<string, unknown>,
          errors: formErrors(issues),
        }),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const visitId = idParam(request, 'visitId')
        try {
          const issued = await issueConfirmation(
            db,
            user,
            childId as number,
            visitId,
            { channel: body.channel, to: body.channel === 'sms' ? body.mobile : body.email },
            { secret: config.sessionSecret, baseUrl: `${request.protocol}://${request.get('host') ?? 'localhost'}` },
            ip,
          )
          if (config.demo.enabled) keepDemoMessage(user.id, issued.text)
        } catch (error) {
          if (!(error instanceof ComplianceRuleError)) throw error
          response.status(400)
          return renderConfirmationForm(response, user, childId as number, visitId, {
            values: request.body as Record<string, unknown>,
            errors: fieldError(error.field, error.message),
          })
        }
        markAudited()
        response.redirect(303, `${visitsPath(childId as number)}?saved=code`)
      },
    }),
    post({
      path: '/children/:childId/escalations/:escalationId/acknowledge',
      name: 'Acknowledge an escalation',
      permission: 'child:manage',
      audit: { kind: 'write', entity: 'escalation' },
      body: acknowledgeSchema,
      invalid: async (request, response, { user, childId }) => {
        response.status(400)
        await renderVisitsWithErrors(request, response, user, childId as number, {
          errorList: [{ text: 'Reload the page and try again', href: '#escalations' }],
          errors: {},
        })
      },
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        await escalationAction('acknowledge')(request, response, user, childId as number, body, ip)
        markAudited()
      },
    }),
    post({
      path: '/children/:childId/escalations/:escalationId/respond',
      name: 'Respond to an escalation',
      permission: 'child:manage',
      audit: { kind: 'write', entity: 'escalation' },
      body: respondSchema,
      invalid: async (request, response, { user, childId }, issues) => {
        response.status(400)
        await renderVisitsWithErrors(request, response, user, childId as number, formErrors(issues))
      },
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        await escalationAction('respond')(request, response, user, childId as number, body, ip)
        markAudited()
      },
    }),
  ]
}
