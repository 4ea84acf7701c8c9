import type { Response } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { NotFoundError } from '../../web/errors.js'
import { formErrors, type FormErrors } from '../../web/form-errors.js'
import { codeRadioItems } from '../../web/forms/code-options.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { idParam, pickValues, ruleErrors } from '../front-door/pages.js'
import { ukDate } from '../front-door/record-rules.js'
import { getCinPlan } from './queries.js'
import { endCinPlanSchema, startCinPlanSchema } from './schemas.js'
import { checkCinPlanEnd, endCinPlan, startCinPlan } from './cin-plan-service.js'
import { planEndCheckRows } from './view-rows.js'
import { assessmentsPage, startFormRenderer, text } from './pages.js'

const PLAN_END_FIELDS = ['end-day', 'end-month', 'end-year', 'reason', 'version'] as const

/** Child in need plans: start (not before the assessment, never overlapping), end with a reason (manager). */
export function cinPlanRoutes(db: Db): RouteDefinition[] {
  const page = assessmentsPage(db)
  const renderStart = startFormRenderer(db)

  const renderPlanEnd = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    planId: number,
    values: Record<string, unknown> | undefined,
    errors?: FormErrors,
  ) => {
    const plan = await getCinPlan(db, user.councilId, childId, planId)
    if (plan === undefined) throw new NotFoundError()
    const shown = values ?? { version: String(plan.version) }
    await page(response, user, childId, 'plan-end-form', 'End a child in need plan', {
      plan,
      planStart: ukDate(plan.start_date),
      values: shown,
      ...errors,
      reasonItems: codeRadioItems('ReasonForClosure', text(shown['reason'])),
    })
  }

  return [
    get({
      path: '/children/:childId/cin-plans/new',
      name: 'Start a child in need plan',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'cin_plan' },
      handler: async (_request, response, { user, childId }) =>
        renderStart(response, user, childId as number, 'plan', {}),
    }),
    post({
      path: '/children/:childId/cin-plans',
      name: 'Save a new child in need plan',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'cin_plan' },
      body: startCinPlanSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderStart(response, user, childId as number, 'plan', request.body, formErrors(issues)),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        try {
          await startCinPlan(db, user, id, body, ip)
        } catch (error) {
          response.status(400)
          return renderStart(response, user, id, 'plan', request.body, ruleErrors(error))
        }
        markAudited()
        response.redirect(303, `/children/${id}/assessments?saved=plan-started`)
      },
    }),
    get({
      path: '/children/:childId/cin-plans/:planId/end',
      name: 'End a child in need plan',
      permission: 'child:manage',
      audit: { kind: 'child', entity: 'cin_plan' },
      handler: async (request, response, { user, childId }) => {
        const fromChange = pickValues(request.query, PLAN_END_FIELDS)
        await renderPlanEnd(
          response,
          user,
          childId as number,
          idParam(request, 'planId'),
          Object.keys(fromChange).length > 0 ? fromChange : undefined,
        )
      },
    }),
    post({
      path: '/children/:childId/cin-plans/:planId/end/check',
      name: 'Check the answers before ending a child in need plan',
      permission: 'child:manage',
      // Changes nothing: shows the answers back, so it is audited as a read of the record.
      audit: { kind: 'child', entity: 'cin_plan' },
      body: endCinPlanSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderPlanEnd(response, user, childId as number, idParam(request, 'planId'), request.body, formErrors(issues)),
      handler: async (request, response, { user, childId, body }) => {
        const id = childId as number
        const planId = idParam(request, 'planId')
        let plan
        try {
          plan = await checkCinPlanEnd(db, user, id, planId, body)
        } catch (error) {
          response.status(400)
          return renderPlanEnd(response, user, id, planId, request.body, ruleErrors(error))
        }
        const answers = pickValues(request.body, PLAN_END_FIELDS)
        const changeHref = `/children/${id}/cin-plans/${planId}/end?${new URLSearchParams(answers).toString()}`
        await page(response, user, id, 'plan-end-check', 'Check your answers before ending the plan', {
          planId,
          rows: planEndCheckRows(plan, body, changeHref),
          hidden: Object.entries(answers).map(([name, value]) => ({ name, value })),
        })
      },
    }),
    post({
      path: '/children/:childId/cin-plans/:planId/end',
      name: 'End a child in need plan (confirmed)',
      permission: 'child:manage',
      audit: { kind: 'write', entity: 'cin_plan' },
      body: endCinPlanSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderPlanEnd(response, user, childId as number, idParam(request, 'planId'), request.body, formErrors(issues)),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        const planId = idParam(request, 'planId')
        try {
          await endCinPlan(db, user, id, planId, body, ip)
        } catch (error) {
          response.status(400)
          return renderPlanEnd(response, user, id, planId, request.body, ruleErrors(error))
        }
        markAudited()
        response.redirect(303, `/children/${id}/assessments?saved=plan-ended`)
      },
    }),
  ]
}
