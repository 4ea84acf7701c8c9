import type { Request, Response } from 'express'
import type { Db } from '../../../db/database.js'
import type { SignedInUser } from '../../../web/context.js'
import { fieldError, formErrors, type FormErrors, NO_ERRORS } from '../../../web/form-errors.js'
import { get, post, type RouteDefinition } from '../../../web/routes.js'
import type { IndicatorDefinition } from '../indicators/types.js'
import { indicatorParam, POLARITY_HINTS, UNIT_SUFFIXES } from '../explanations/indicator-param.js'
import { targetSchema } from './schemas.js'
import { listTargets, setTarget, targetFor } from './service.js'
import { reportingYearLabel, targetTableRows } from './view-rows.js'

export const targetsPath = (indicatorId: string) => `/figures/indicators/${encodeURIComponent(indicatorId)}/targets`

/** The reporting year a date falls in: 2026 for 1 April 2025 to 31 March 2026. */
export function reportingYearOf(iso: string): number {
  const year = Number(iso.slice(0, 4))
  return iso.slice(5) > '03-31' ? year + 1 : year
}

/** A target a percentage cannot reach is refused with a message saying what to fix. */
function targetProblem(indicator: IndicatorDefinition, target: number): string | undefined {
  if (indicator.unit === 'percent' && (target < 0 || target > 100)) return 'Target must be a percentage from 0 to 100'
  if (target < 0) return 'Target must be 0 or more'
  return undefined
}

/** Setting an indicator's target for a year (heads of service). Spread into the route table in src/app.ts. */
export function targetRoutes(
  db: Db,
  today: () => string = () => new Date().toISOString().slice(0, 10),
): RouteDefinition[] {
  const render = async (
    request: Request,
    response: Response,
    user: SignedInUser,
    form: { values?: Record<string, unknown>; errors?: FormErrors } = {},
  ) => {
    const indicator = indicatorParam(request)
    const rows = await listTargets(db, user.councilId, indicator.id)
    const editingYear = Number(form.values?.['year'] ?? request.query['year'])
    const editing = rows.find(
      (row) => row.year === editingYear && (form.values === undefined || form.values['version'] !== ''),
    )
    const pagePath = targetsPath(indicator.id)
    const values = form.values ?? {
      year: String(editing?.year ?? reportingYearOf(today())),
      target: editing === undefined ? '' : String(editing.target),
      amber_tolerance: editing?.amberTolerance === null || editing === undefined ? '' : String(editing.amberTolerance),
      note: editing?.note ?? '',
      version: editing === undefined ? '' : String(editing.version),
    }
    const savedYear = Number(request.query['saved'])
    response.render('figures/targets/views/targets.njk', {
      title: `Targets: ${indicator.name}`,
      indicator,
      polarityHint: POLARITY_HINTS[indicator.polarity],
      suffix: UNIT_SUFFIXES[indicator.unit],
      rows: targetTableRows(rows, indicator.unit, pagePath),
      editing: editing === undefined ? undefined : { yearText: reportingYearLabel(editing.year) },
      saved: Number.isInteger(savedYear) && savedYear > 0 ? reportingYearLabel(savedYear) : undefined,
      action: pagePath,
      values,
      ...(form.errors ?? NO_ERRORS),
    })
  }

  return [
    get({
      path: '/figures/indicators/:indicatorId/targets',
      name: 'Targets for an indicator',
      permission: 'figures:target',
      audit: { kind: 'none', reason: 'targets for an aggregate figure; no child’s record is read' },
      handler: async (request, response, { user }) => render(request, response, user),
    }),
    post({
      path: '/figures/indicators/:indicatorId/targets',
      name: 'Set an indicator’s target for a year',
      permission: 'figures:target',
      audit: { kind: 'write', entity: 'indicator_target' },
      body: targetSchema,
      invalid: async (request, response, { user, body }, issues) =>
        render(request, response, user, { values: body, errors: formErrors(issues) }),
      handler: async (request, response, { user, body, ip, markAudited }) => {
        const indicator = indicatorParam(request)
        const target = Number(body.target)
        const problem = targetProblem(indicator, target)
        if (problem !== undefined) {
          response.status(400)
          await render(request, response, user, { values: body, errors: fieldError('target', problem) })
          return
        }
        const year = Number(body.year)
        if (body.version === '' && (await targetFor(db, user.councilId, indicator.id, year)) !== undefined) {
          response.status(400)
          const message = `A target for the ${reportingYearLabel(year).toLowerCase()} is already set: use Change in the table to change it`
          await render(request, response, user, { values: body, errors: fieldError('year', message) })
          return
        }
        await setTarget(
          db,
          user,
          {
            indicatorId: indicator.id,
            year,
            target,
            amberTolerance: body.amber_tolerance === '' ? null : Number(body.amber_tolerance),
            note: body.note === '' ? null : body.note,
            version: body.version === '' ? null : Number(body.version),
          },
          ip,
          `${targetsPath(indicator.id)}?year=${year}`,
        )
        markAudited()
        response.redirect(303, `${targetsPath(indicator.id)}?saved=${year}`)
      },
    }),
  ]
}
