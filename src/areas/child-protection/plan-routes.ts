import type { Response } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { NotFoundError } from '../../web/errors.js'
import { formErrors } from '../../web/form-errors.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import type { Request } from 'express'
import { codeRadioItems } from '../../web/forms/code-options.js'
import { formatUkDate } from '../../web/nunjucks.js'
import { appendAudit } from '../audit/audit-log.js'
import { childPageContext } from '../children/child-sections.js'
import { checkAnswersRows } from './check-answers.js'
import { listValue, textValue } from './form-values.js'
import { PLAN_END_REASONS } from './labels.js'
import { checkEndCpPlan, checkReviewConference, endCpPlan, recordReviewConference } from './plan-service.js'
import {
  BASE,
  changedValues,
  formSupport,
  numericParam,
  pathFor,
  type FormState,
  type Values,
} from './route-support.js'
import { endPlanSchema, reviewConferenceSchema } from './schemas.js'
import { siblingChoices } from './subjects.js'
import { categoryLabel } from './timeline.js'

/** Review conferences and ending a plan, with check-your-answers before a plan ends. */
export function planRoutes(db: Db): RouteDefinition[] {
  const { renderForm, loadOwnRecord, done, attempt } = formSupport(db)

  // ------------------------------------------------------------------ review conferences and ending

  async function openPlanOf(user: SignedInUser, childId: number, planId: number) {
    const record = await loadOwnRecord(user, childId)
    const plan = record.plans.find((candidate) => candidate.id === planId)
    if (plan === undefined) throw new NotFoundError()
    return plan
  }

  const reviewForm = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    planId: number,
    state: FormState,
  ) => {
    const plan = await openPlanOf(user, childId, planId)
    const values = state.values ?? { latestCategory: plan.latest_category, version: String(plan.version) }
    return renderForm(
      response,
      user,
      childId,
      'review-conference',
      'Record a review child protection conference',
      'plan',
      { ...state, values },
      {
        plan,
        planStart: formatUkDate(plan.start_date),
        currentCategory: categoryLabel(plan.latest_category),
        decisionItems: [
          { value: 'plan_continues', text: 'The plan continues' },
          {
            value: 'plan_ends',
            text: 'The plan ends',
            hint: {
              text: 'The child is no longer likely to suffer significant harm. You will be asked to check before it is saved.',
            },
          },
        ].map((item) => ({ ...item, checked: values['decision'] === item.value })),
        categoryItems: codeRadioItems('CategoryOfAbuse', textValue(values['latestCategory'])),
        action: pathFor(childId, 'plans', planId, 'reviews'),
      },
    )
  }

  const endForm = async (response: Response, user: SignedInUser, childId: number, planId: number, state: FormState) => {
    const plan = await openPlanOf(user, childId, planId)
    const values = state.values ?? { version: String(plan.version) }
    return renderForm(
      response,
      user,
      childId,
      'end-plan',
      'End a child protection plan',
      'plan',
      { ...state, values },
      {
        plan,
        planStart: formatUkDate(plan.start_date),
        reasonItems: Object.entries(PLAN_END_REASONS).map(([value, text]) => ({
          value,
          text,
          checked: values['reason'] === value,
        })),
        action: pathFor(childId, 'plans', planId, 'end'),
      },
    )
  }

  /** The check-your-answers page before a plan ends: it posts the same fields again with confirm=yes. */
  async function renderCheck(
    response: Response,
    user: SignedInUser,
    childId: number,
    kind: 'review' | 'end',
    request: Request,
    planId: number,
    ip: string,
  ) {
    // Nothing is written yet: the check page shows the record back, so it is audited as a read.
    await db.transaction().execute((trx) =>
      appendAudit(trx, {
        councilId: user.councilId,
        userId: user.id,
        userRole: user.role,
        action: 'read',
        entity: 'cp_plan',
        entityId: planId,
        childId,
        route: `POST ${BASE}/plans/:planId/${kind === 'review' ? 'reviews' : 'end'}`,
        ip,
        detail: { page: 'check_answers' },
      }),
    )
    const context = await childPageContext(db, user.councilId, childId, 'child-protection')
    const raw = { ...(request.body as Values) }
    delete raw['_csrf']
    delete raw['confirm']
    const siblings = await siblingChoices(db, user, childId, 'plan')
    const formPath = pathFor(childId, 'plans', planId, kind === 'review' ? 'reviews/new' : 'end')
    const query = new URLSearchParams({ change: '1' })
    for (const [key, value] of Object.entries(raw)) for (const item of listValue(value)) query.append(key, item)
    response.render('child-protection/views/check-answers.njk', {
      ...context,
      title: 'Check your answers before ending the plan',
      rows: checkAnswersRows(kind, raw, siblings, `${formPath}?${query.toString()}`),
      hidden: Object.entries(raw).flatMap(([name, value]) => listValue(value).map((item) => ({ name, value: item }))),
      action: pathFor(childId, 'plans', planId, kind === 'review' ? 'reviews' : 'end'),
      backHref: `${formPath}?${query.toString()}`,
    })
  }

  return [
    get({
      path: `${BASE}/plans/:planId/reviews/new`,
      name: 'Record a review child protection conference',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'cp_conference' },
      handler: async (request, response, { user, childId }) =>
        reviewForm(response, user, childId as number, numericParam(request, 'planId'), {
          values: changedValues(request),
        }),
    }),
    post({
      path: `${BASE}/plans/:planId/reviews`,
      name: 'Save a review child protection conference',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'cp_conference' },
      body: reviewConferenceSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        reviewForm(response, user, childId as number, numericParam(request, 'planId'), {
          values: request.body as Values,
          errors: formErrors(issues),
        }),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        const planId = numericParam(request, 'planId')
        await attempt(
          response,
          async () => {
            if (body.decision === 'plan_ends' && !body.confirmed) {
              await checkReviewConference(db, user, id, planId, body)
              await renderCheck(response, user, id, 'review', request, planId, ip)
              markAudited()
              return
            }
            const ids = await recordReviewConference(db, user, id, planId, body, ip)
            markAudited()
            done(response, id, body.decision === 'plan_ends' ? 'ended' : 'review', ids.length)
          },
          (errors) => reviewForm(response, user, id, planId, { values: request.body as Values, errors }),
        )
      },
    }),
    get({
      path: `${BASE}/plans/:planId/end`,
      name: 'End a child protection plan',
      permission: 'child:manage',
      audit: { kind: 'child', entity: 'cp_plan' },
      handler: async (request, response, { user, childId }) =>
        endForm(response, user, childId as number, numericParam(request, 'planId'), { values: changedValues(request) }),
    }),
    post({
      path: `${BASE}/plans/:planId/end`,
      name: 'Save the end of a child protection plan',
      permission: 'child:manage',
      audit: { kind: 'write', entity: 'cp_plan' },
      body: endPlanSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        endForm(response, user, childId as number, numericParam(request, 'planId'), {
          values: request.body as Values,
          errors: formErrors(issues),
        }),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        const planId = numericParam(request, 'planId')
        await attempt(
          response,
          async () => {
            if (!body.confirmed) {
              await checkEndCpPlan(db, user, id, planId, body)
              await renderCheck(response, user, id, 'end', request, planId, ip)
              markAudited()
              return
            }
            const ids = await endCpPlan(db, user, id, planId, body, ip)
            markAudited()
            done(response, id, 'ended', ids.length)
          },
          (errors) => endForm(response, user, id, planId, { values: request.body as Values, errors }),
        )
      },
    }),
  ]
}
