import type { Request, Response } from 'express'
import type { Db } from '../../../db/database.js'
import type { SignedInUser } from '../../../web/context.js'
import { formErrors, type FormErrors, NO_ERRORS } from '../../../web/form-errors.js'
import { roleHas } from '../../../web/permissions.js'
import { get, post, type RouteDefinition } from '../../../web/routes.js'
import { formatLongDate } from '../benchmarks/comparator-years.js'
import { indicatorParam, periodEndParam, validIsoDate } from './indicator-param.js'
import { explanationSchema } from './schemas.js'
import { EXPLANATION_MAX_LENGTH, explanationHistory, latestExplanation, recordExplanation } from './service.js'
import { explanationByline, explanationHistoryRows } from './view-rows.js'

export const explanationPath = (indicatorId: string, periodEnd: string) =>
  `/figures/indicators/${encodeURIComponent(indicatorId)}/explanation?period_end=${periodEnd}`
export const explanationHistoryPath = (indicatorId: string, periodEnd: string) =>
  `/figures/indicators/${encodeURIComponent(indicatorId)}/explanation/history?period_end=${periodEnd}`

/** Writing the explanation beside a figure, and its history. Spread into the route table in src/app.ts. */
export function explanationRoutes(db: Db): RouteDefinition[] {
  const renderForm = async (
    request: Request,
    response: Response,
    user: SignedInUser,
    periodEnd: string,
    form: { values?: Record<string, unknown>; errors?: FormErrors } = {},
  ) => {
    const indicator = indicatorParam(request)
    const current = await latestExplanation(db, user.councilId, indicator.id, periodEnd)
    response.render('figures/explanations/views/explanation.njk', {
      title: `Explain the figure: ${indicator.name}`,
      indicator,
      periodEnd,
      periodEndText: formatLongDate(periodEnd),
      current,
      byline: current === undefined ? undefined : explanationByline(current),
      action: explanationPath(indicator.id, periodEnd),
      historyPath: explanationHistoryPath(indicator.id, periodEnd),
      maxLength: EXPLANATION_MAX_LENGTH,
      values: form.values ?? {
        explanation: current?.text ?? '',
        based_on_revision: String(current?.revision ?? 0),
      },
      ...(form.errors ?? NO_ERRORS),
    })
  }

  return [
    get({
      path: '/figures/indicators/:indicatorId/explanation',
      name: 'Explain a figure',
      permission: 'figures:explain',
      audit: { kind: 'none', reason: 'an explanation of an aggregate figure; no child’s record is read' },
      handler: async (request, response, { user }) => renderForm(request, response, user, periodEndParam(request)),
    }),
    post({
      path: '/figures/indicators/:indicatorId/explanation',
      name: 'Save an explanation of a figure',
      permission: 'figures:explain',
      audit: { kind: 'write', entity: 'indicator_explanation' },
      body: explanationSchema,
      invalid: async (request, response, { user, body }, issues) => {
        const periodEnd = validIsoDate(body['period_end']) ?? periodEndParam(request)
        await renderForm(request, response, user, periodEnd, { values: body, errors: formErrors(issues) })
      },
      handler: async (request, response, { user, body, ip, markAudited }) => {
        const indicator = indicatorParam(request)
        await recordExplanation(
          db,
          user,
          {
            indicatorId: indicator.id,
            periodEnd: body.period_end,
            text: body.explanation,
            basedOnRevision: Number(body.based_on_revision),
          },
          ip,
          explanationPath(indicator.id, body.period_end),
        )
        markAudited()
        response.redirect(303, `${explanationHistoryPath(indicator.id, body.period_end)}&saved=1`)
      },
    }),
    get({
      path: '/figures/indicators/:indicatorId/explanation/history',
      name: 'History of a figure’s explanation',
      permission: 'figures:read',
      audit: { kind: 'none', reason: 'explanations of an aggregate figure; no child’s record is read' },
      handler: async (request, response, { user }) => {
        const indicator = indicatorParam(request)
        const periodEnd = periodEndParam(request)
        const history = await explanationHistory(db, user.councilId, indicator.id, periodEnd)
        response.render('figures/explanations/views/history.njk', {
          title: `Explanations of ${indicator.name}`,
          indicator,
          periodEndText: formatLongDate(periodEnd),
          rows: explanationHistoryRows(history),
          saved: request.query['saved'] === '1',
          canExplain: roleHas(user.role, 'figures:explain'),
          explainPath: explanationPath(indicator.id, periodEnd),
        })
      },
    }),
  ]
}
