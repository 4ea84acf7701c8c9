import type { Request, Response } from 'express'
import type { z } from 'zod'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { formErrors, type FormErrors } from '../../web/form-errors.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { appendAudit, auditActor } from '../audit/audit-log.js'
import { childPageContext } from '../children/child-sections.js'
import { renderForm, type FormSpec, type Values } from './forms.js'
import { careLeaverHref } from './page.js'
import { attempt, enteredValues, numericParam, saveName } from './route-helpers.js'

/**
 * A record that cannot be changed once made (a response to a support request, the end of another
 * council's responsibility, a plan's authorisation): the form goes to a check-your-answers page first
 * (nothing written, audited as a read), which posts the answers again with confirm=yes to save.
 */

const BASE = '/children/:childId/care-leaver'

type SummaryRow = { key: { text: string }; value: { text: string } }
type CheckedBody = { version: number; confirm: boolean; change: boolean }

export interface CheckedFormSpec<S extends z.ZodType<CheckedBody>, Row extends { id: number; version: number }> {
  /** Under BASE, with one `:${param}` naming the record, e.g. 'support-requests/:requestId/response'. */
  path: string
  param: string
  name: string
  entity: string
  permission: 'child:write' | 'child:manage'
  schema: S
  form: FormSpec
  /** The record the form is about, in the young person's record (or NotFoundError). */
  load: (user: SignedInUser, childId: number, id: number) => Promise<Row>
  intro?: (row: Row) => string
  /** Answers the form opens with besides the version (for example, today's date). */
  initial?: (row: Row) => Values
  check: { title: string; warning: string; button: string; rows: (row: Row, body: z.infer<S>) => SummaryRow[] }
  save: (user: SignedInUser, childId: number, id: number, body: z.infer<S>, ip: string) => Promise<void>
  saved: string
}

export function checkedFormRoutes<S extends z.ZodType<CheckedBody>, Row extends { id: number; version: number }>(
  db: Db,
  spec: CheckedFormSpec<S, Row>,
): RouteDefinition[] {
  const path = `${BASE}/${spec.path}`
  const action = (childId: number, id: number) =>
    careLeaverHref(childId, spec.path.replace(`:${spec.param}`, String(id)))
  const load = (request: Request, user: SignedInUser, childId: number) =>
    spec.load(user, childId, numericParam(request, spec.param))
  const show = async (
    request: Request,
    response: Response,
    user: SignedInUser,
    childId: number,
    values: Values | ((row: Row) => Values),
    errors?: FormErrors,
  ) => {
    const row = await load(request, user, childId)
    await renderForm(db, response, user, childId, spec.form, {
      action: action(childId, row.id),
      values: typeof values === 'function' ? values(row) : values,
      ...(errors === undefined ? {} : { errors }),
      ...(spec.intro === undefined ? {} : { extra: { intro: `${spec.intro(row)} ${spec.form.intro ?? ''}`.trim() } }),
    })
  }
  return [
    get({
      path,
      name: spec.name,
      permission: spec.permission,
      audit: { kind: 'child', entity: spec.entity },
      handler: async (request, response, { user, childId }) =>
        show(request, response, user, childId as number, (row) => ({
          ...spec.initial?.(row),
          version: String(row.version),
        })),
    }),
    post({
      path,
      name: saveName(spec.name),
      permission: spec.permission,
      audit: { kind: 'write', entity: spec.entity },
      body: spec.schema,
      invalid: async (request, response, { user, childId }, issues) =>
        show(request, response, user, childId as number, enteredValues(request), formErrors(issues)),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        const values = enteredValues(request)
        if (body.change || !body.confirm) {
          // Nothing is written yet, but the page shows the record: audited as a read.
          await db.transaction().execute((trx) =>
            appendAudit(trx, {
              ...auditActor(user),
              action: 'read',
              entity: spec.entity,
              entityId: numericParam(request, spec.param),
              childId: id,
              route: `POST ${path}`,
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
            load(request, user, id),
          ])
          response.render('care-leavers/views/check.njk', {
            ...page,
            title: spec.check.title,
            rows: spec.check.rows(row, body),
            warning: spec.check.warning,
            hidden: Object.entries(values)
              .filter(([, value]) => typeof value === 'string')
              .map(([name, value]) => ({ name, value })),
            action: action(id, row.id),
            button: spec.check.button,
            backHref: careLeaverHref(id),
          })
          return
        }
        await attempt(
          response,
          async () => {
            await spec.save(user, id, numericParam(request, spec.param), body, ip)
            markAudited()
            response.redirect(303, `${careLeaverHref(id)}?saved=${spec.saved}`)
          },
          (errors) => show(request, response, user, id, values, errors),
        )
      },
    }),
  ]
}
