import type { Response } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { NotFoundError } from '../../web/errors.js'
import { formErrors, type FormErrors } from '../../web/form-errors.js'
import { codeRadioItems } from '../../web/forms/code-options.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { codeLabel } from '../codes/code-lists.js'
import { getReferral } from './queries.js'
import { idParam, pickValues, renderChildPage, ruleErrors } from './pages.js'
import { ukDate } from './record-rules.js'
import { referralClosureSchema } from './schemas.js'
import { checkReferralClosure, closeReferral } from './referral-service.js'
import { closureCheckRows } from './view-rows.js'

const CLOSURE_FIELDS = ['closure-day', 'closure-month', 'closure-year', 'reason', 'nfa', 'version'] as const

/** Closing a referral (manager): the form, check your answers, then the closure itself. */
export function referralClosureRoutes(db: Db): RouteDefinition[] {
  const renderClosureForm = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    referralId: number,
    values: Record<string, unknown> | undefined,
    errors?: FormErrors,
  ) => {
    const referral = await getReferral(db, user.councilId, childId, referralId)
    if (referral === undefined) throw new NotFoundError()
    const shown = values ?? { version: String(referral.version) }
    await renderChildPage(
      db,
      response,
      user,
      childId,
      'front-door',
      'front-door/views/referral-close-form.njk',
      'Close a referral',
      {
        referral,
        referralSummary: [
          { key: { text: 'Referral date' }, value: { text: ukDate(referral.referral_date) } },
          { key: { text: 'From' }, value: { text: codeLabel('ReferralSource', referral.source) ?? referral.source } },
        ],
        values: shown,
        ...errors,
        reasonItems: codeRadioItems('ReasonForClosure', typeof shown['reason'] === 'string' ? shown['reason'] : null),
      },
    )
  }

  return [
    get({
      path: '/children/:childId/referrals/:referralId/close',
      name: 'Close a referral',
      permission: 'child:manage',
      audit: { kind: 'child', entity: 'referral' },
      handler: async (request, response, { user, childId }) => {
        const fromChange = pickValues(request.query, CLOSURE_FIELDS)
        await renderClosureForm(
          response,
          user,
          childId as number,
          idParam(request, 'referralId'),
          Object.keys(fromChange).length > 0 ? fromChange : undefined,
        )
      },
    }),
    post({
      path: '/children/:childId/referrals/:referralId/close/check',
      name: 'Check the answers before closing a referral',
      permission: 'child:manage',
      // Changes nothing: shows the answers back, so it is audited as a read of the record.
      audit: { kind: 'child', entity: 'referral' },
      body: referralClosureSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderClosureForm(
          response,
          user,
          childId as number,
          idParam(request, 'referralId'),
          request.body,
          formErrors(issues),
        ),
      handler: async (request, response, { user, childId, body }) => {
        const id = childId as number
        const referralId = idParam(request, 'referralId')
        try {
          await checkReferralClosure(db, user, id, referralId, body)
        } catch (error) {
          response.status(400)
          return renderClosureForm(response, user, id, referralId, request.body, ruleErrors(error))
        }
        const answers = pickValues(request.body, CLOSURE_FIELDS)
        await renderChildPage(
          db,
          response,
          user,
          id,
          'front-door',
          'front-door/views/referral-close-check.njk',
          'Check your answers before closing the referral',
          {
            referralId,
            rows: closureCheckRows(
              body,
              `/children/${id}/referrals/${referralId}/close?${new URLSearchParams(answers).toString()}`,
            ),
            hidden: Object.entries(answers).map(([name, value]) => ({ name, value })),
          },
        )
      },
    }),
    post({
      path: '/children/:childId/referrals/:referralId/close',
      name: 'Close a referral (confirmed)',
      permission: 'child:manage',
      audit: { kind: 'write', entity: 'referral' },
      body: referralClosureSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderClosureForm(
          response,
          user,
          childId as number,
          idParam(request, 'referralId'),
          request.body,
          formErrors(issues),
        ),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        const referralId = idParam(request, 'referralId')
        try {
          await closeReferral(db, user, id, referralId, body, ip)
        } catch (error) {
          response.status(400)
          return renderClosureForm(response, user, id, referralId, request.body, ruleErrors(error))
        }
        markAudited()
        response.redirect(303, `/children/${id}/front-door?saved=closed`)
      },
    }),
  ]
}
