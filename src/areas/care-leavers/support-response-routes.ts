import type { Request, Response } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { NotFoundError } from '../../web/errors.js'
import { formErrors, type FormErrors } from '../../web/form-errors.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { appendAudit } from '../audit/audit-log.js'
import { childPageContext } from '../children/child-sections.js'
import { respondToSupportRequest } from './edit-service.js'
import { SUPPORT_RESPONSE_FORM, renderForm, type Values } from './forms.js'
import { careLeaverHref } from './page.js'
import { SUPPORT_OUTCOME_LABELS, SUPPORT_TYPE_LABELS, ukDate } from './record-view.js'
import { attempt, enteredValues, numericParam } from './route-helpers.js'
import { supportResponseSchema } from './schemas.js'

const BASE = '/children/:childId/care-leaver'

/**
 * The response to a support request cannot be changed once recorded, so the form goes to a
 * check-your-answers page first (nothing written), which posts the answers again with confirm=yes.
 */
export function supportResponseRoutes(db: Db): RouteDefinition[] {
  const path = `${BASE}/support-requests/:requestId/response`
  const loadRequest = async (request: Request, user: SignedInUser, childId: number) => {
    const row = await db
      .selectFrom('support_request')
      .selectAll()
      .where('council_id', '=', user.councilId)
      .where('child_id', '=', childId)
      .where('id', '=', numericParam(request, 'requestId'))
      .executeTakeFirst()
    if (row === undefined) throw new NotFoundError()
    return row
  }
  const show = async (
    request: Request,
    response: Response,
    user: SignedInUser,
    childId: number,
    values: Values,
    errors?: FormErrors,
  ) => {
    const row = await loadRequest(request, user, childId)
    await renderForm(db, response, user, childId, SUPPORT_RESPONSE_FORM, {
      action: careLeaverHref(childId, 'support-requests', row.id, 'response'),
      values,
      ...(errors === undefined ? {} : { errors }),
      extra: {
        intro: `They asked for ${(SUPPORT_TYPE_LABELS[row.request_type] ?? row.request_type).toLowerCase()} on ${ukDate(row.requested_date)}. ${SUPPORT_RESPONSE_FORM.intro}`,
      },
    })
  }
  return [
    get({
      path,
      name: 'Record the response to a support request',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'support_request' },
      handler: async (request, response, { user, childId }) => {
        const id = childId as number
        const row = await loadRequest(request, user, id)
        await show(request, response, user, id, { version: String(row.version) })
      },
    }),
    post({
      path,
      name: 'Save: the response to a support request',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'support_request' },
      body: supportResponseSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        show(request, response, user, childId as number, enteredValues(request), formErrors(issues)),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        const values = enteredValues(request)
        if (body.change || !body.confirm) {
          // Nothing is written yet, but the page shows the record: audited as a read.
          await db.transaction().execute((trx) =>
            appendAudit(trx, {
              councilId: user.councilId,
              userId: user.id,
              userRole: user.role,
              action: 'read',
              entity: 'support_request',
              entityId: numericParam(request, 'requestId'),
              childId: id,
              route: 'POST /children/:childId/care-leaver/support-requests/:requestId/response',
              ip,
              detail: { page: body.change ? 'change_answers' : 'check_answers' },
            }),
          )
          markAudited()
        }
        if (body.change) {
          await show(request, response, user, id, values)
          return
        }
        if (!body.confirm) {
          const [page, row] = await Promise.all([
            childPageContext(db, user.councilId, id, 'care-leaver'),
            loadRequest(request, user, id),
          ])
          response.render('care-leavers/views/check.njk', {
            ...page,
            title: 'Check the response before recording it',
            rows: [
              {
                key: { text: 'Request' },
                value: {
                  text: `${SUPPORT_TYPE_LABELS[row.request_type] ?? ''}, asked on ${ukDate(row.requested_date)}`,
                },
              },
              { key: { text: 'Response' }, value: { text: SUPPORT_OUTCOME_LABELS[body.outcome] ?? body.outcome } },
              { key: { text: 'What was offered or why' }, value: { text: body.response ?? 'Not given' } },
              { key: { text: 'Date of the response' }, value: { text: ukDate(body.respondedDate) } },
            ],
            warning: 'Once recorded, the response cannot be changed.',
            hidden: Object.entries(values)
              .filter(([, value]) => typeof value === 'string')
              .map(([name, value]) => ({ name, value })),
            action: careLeaverHref(id, 'support-requests', row.id, 'response'),
            button: 'Record the response',
            backHref: careLeaverHref(id),
          })
          return
        }
        await attempt(
          response,
          async () => {
            await respondToSupportRequest(db, user, id, numericParam(request, 'requestId'), body, ip)
            markAudited()
            response.redirect(303, `${careLeaverHref(id)}?saved=support-response`)
          },
          (errors) => show(request, response, user, id, values, errors),
        )
      },
    }),
  ]
}
