import type { Request, Response } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { ForbiddenError, NotFoundError } from '../../web/errors.js'
import { roleHas } from '../../web/permissions.js'
import { get, type RouteDefinition } from '../../web/routes.js'
import { longMonth } from './charts/format.js'
import { ageByPlacementTable, breakdownTables } from './dashboard-breakdowns.js'
import { areaLabel, isServiceArea, loadSnapshot, loadSnapshots, SERVICE_AREAS } from './dashboard-data.js'
import { denominatorIsCohortCount, type Audience } from './dashboard-disclosure.js'
import { drillDown, type DrillPart } from './dashboard-drill.js'
import { choosePeriod, type ChosenPeriod } from './dashboard-period.js'
import { figureCard, SUMMARY_HEAD, summaryRow } from './dashboard-view.js'
import { definitionRows } from './dashboard-definition.js'
import { exportFileName, figuresCsv, figuresXlsx } from './export.js'
import { INDICATORS, indicatorById } from './indicators/registry.js'
import type { IndicatorDefinition, ServiceArea } from './indicators/types.js'

/**
 * The figures dashboards: a summary of every indicator, a page per service area, a page per
 * indicator, the children behind a figure, and each dashboard as CSV and XLSX. Councillors (who may
 * read figures but not drill) and anything marked `?for=committee` get small counts withheld and no
 * child-level link.
 */
export function audienceFor(user: SignedInUser, query: Request['query']): Audience {
  const mayDrill = roleHas(user.role, 'figures:drill')
  const forCommittee = query['for'] === 'committee' || !mayDrill
  return { suppress: forCommittee, canDrill: mayDrill && !forCommittee, forCommittee }
}

function pageContext(user: SignedInUser, request: Request, path: string) {
  const audience = audienceFor(user, request.query)
  const permissions = {
    canExplain: roleHas(user.role, 'figures:explain'),
    canSetTarget: roleHas(user.role, 'figures:target'),
  }
  const period = choosePeriod(request.query, audience.forCommittee)
  const committeeQuery = choosePeriod({ ...request.query, for: 'committee' }, true).query
  return {
    audience,
    permissions,
    period,
    chooser: chooserView(period, path, audience),
    links: {
      csv: `${path === '/figures' ? '/figures' : path}.csv?${period.query}`,
      xlsx: `${path === '/figures' ? '/figures' : path}.xlsx?${period.query}`,
      committee: audience.forCommittee ? null : `${path}?${committeeQuery}`,
    },
  }
}

function chooserView(period: ChosenPeriod, action: string, audience: Audience) {
  return {
    action,
    forCommittee: audience.forCommittee,
    monthItems: period.monthOptions,
    yearItems: [{ value: '', text: 'Choose a year' }, ...period.yearOptions],
    showing:
      period.basis === 'year'
        ? `the year to 31 March ${period.periodEnd.slice(0, 4)}`
        : `the period ending ${longMonth(period.periodEnd)}`,
  }
}

function areaIndicators(area: ServiceArea): IndicatorDefinition[] {
  return INDICATORS.filter((def) => def.area === area)
}

async function sendExport(
  db: Db,
  request: Request,
  response: Response,
  user: SignedInUser,
  defs: readonly IndicatorDefinition[],
  base: string,
  title: string,
  kind: 'csv' | 'xlsx',
): Promise<void> {
  const audience = audienceFor(user, request.query)
  const period = choosePeriod(request.query, audience.forCommittee)
  const snapshots = await loadSnapshots(db, user.councilId, defs, period.periodEnd)
  const fileName = exportFileName(base, period.periodEnd, audience, kind)
  response.set('Content-Disposition', `attachment; filename="${fileName}"`)
  if (kind === 'csv') {
    response.type('text/csv; charset=utf-8').send(figuresCsv(snapshots, audience))
    return
  }
  response
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .send(await figuresXlsx(snapshots, audience, `${title}: ${period.periodEnd}`))
}

const FIGURES_ONLY = 'aggregate figures only: no child-level row'

export function figuresRoutes(db: Db): RouteDefinition[] {
  const exportRoute = (kind: 'csv' | 'xlsx', scope: 'summary' | 'area') =>
    get({
      path: scope === 'summary' ? `/figures.${kind}` : `/figures/:area.${kind}`,
      name:
        scope === 'summary'
          ? `Figures summary (${kind.toUpperCase()})`
          : `Figures for a service area (${kind.toUpperCase()})`,
      permission: 'figures:read',
      audit: { kind: 'none', reason: FIGURES_ONLY },
      handler: async (request, response, { user }) => {
        if (scope === 'summary') {
          await sendExport(db, request, response, user, INDICATORS, 'figures', 'Figures', kind)
          return
        }
        const area = String(request.params['area'])
        if (!isServiceArea(area)) throw new NotFoundError()
        await sendExport(db, request, response, user, areaIndicators(area), area, areaLabel(area), kind)
      },
    })

  return [
    get({
      path: '/figures',
      name: 'Figures',
      permission: 'figures:read',
      audit: { kind: 'none', reason: FIGURES_ONLY },
      handler: async (request, response, { user }) => {
        const context = pageContext(user, request, '/figures')
        const snapshots = await loadSnapshots(db, user.councilId, INDICATORS, context.period.periodEnd)
        const groups = SERVICE_AREAS.map((entry) => {
          const inArea = snapshots.filter((snapshot) => snapshot.def.area === entry.area)
          return {
            label: entry.label,
            href: `/figures/${entry.slug}?${context.period.query}`,
            head: SUMMARY_HEAD,
            rows: inArea.map((snapshot) =>
              summaryRow(figureCard(snapshot, context.audience, context.period.query, context.permissions), snapshot),
            ),
          }
        }).filter((group) => group.rows.length > 0)
        response.render('figures/views/summary.njk', { title: 'Figures', ...context, groups })
      },
    }),
    exportRoute('csv', 'summary'),
    exportRoute('xlsx', 'summary'),
    get({
      path: '/figures/indicators/:indicatorId',
      name: 'Indicator',
      permission: 'figures:read',
      audit: { kind: 'none', reason: FIGURES_ONLY },
      handler: async (request, response, { user }) => {
        const def = indicatorById(String(request.params['indicatorId']))
        if (def === undefined) throw new NotFoundError()
        const path = `/figures/indicators/${encodeURIComponent(def.id)}`
        const context = pageContext(user, request, path)
        const snapshot = await loadSnapshot(db, user.councilId, def, context.period.periodEnd)
        const card = figureCard(snapshot, context.audience, context.period.query, context.permissions)
        response.render('figures/views/indicator.njk', {
          title: def.name,
          ...context,
          links: { ...context.links, csv: null, xlsx: null },
          card,
          areaLabel: areaLabel(def.area),
          areaHref: `/figures/${def.area}?${context.period.query}`,
          definition: definitionRows(def),
          breakdowns: await breakdownTables(db, user.councilId, def, snapshot.period, context.audience),
          crossTable: await ageByPlacementTable(db, user.councilId, def, snapshot.period, context.audience),
        })
      },
    }),
    get({
      path: '/figures/indicators/:indicatorId/children',
      name: 'Children behind a figure',
      permission: 'figures:drill',
      audit: {
        kind: 'handler',
        entity: 'indicator',
        reason: 'drillDown appends one read row naming every child listed',
      },
      handler: async (request, response, context) => {
        const { user } = context
        const def = indicatorById(String(request.params['indicatorId']))
        if (def === undefined) throw new NotFoundError()
        const audience = audienceFor(user, request.query)
        if (!audience.canDrill) throw new ForbiddenError('Figures marked for committee do not list children')
        const period = choosePeriod(request.query, false)
        const part: DrillPart = request.query['part'] === 'denominator' ? 'denominator' : 'numerator'
        // A rate's denominator is the child population, not a list of children known to the service.
        if (part === 'denominator' && !denominatorIsCohortCount(def)) throw new NotFoundError()
        const result = await drillDown(db, user, def, period.periodEnd, part, context.ip)
        context.markAudited()
        response.render('figures/views/children.njk', {
          title: `${def.name}: ${part === 'numerator' ? 'children counted' : 'children in the cohort'}`,
          def,
          part,
          ...result,
          backHref: `/figures/indicators/${encodeURIComponent(def.id)}?${period.query}`,
        })
      },
    }),
    exportRoute('csv', 'area'),
    exportRoute('xlsx', 'area'),
    get({
      path: '/figures/:area',
      name: 'Figures for a service area',
      permission: 'figures:read',
      audit: { kind: 'none', reason: FIGURES_ONLY },
      handler: async (request, response, { user }) => {
        const area = String(request.params['area'])
        if (!isServiceArea(area)) throw new NotFoundError()
        const context = pageContext(user, request, `/figures/${area}`)
        const snapshots = await loadSnapshots(db, user.councilId, areaIndicators(area), context.period.periodEnd)
        response.render('figures/views/area.njk', {
          title: areaLabel(area),
          ...context,
          cards: snapshots.map((snapshot) =>
            figureCard(snapshot, context.audience, context.period.query, context.permissions),
          ),
          areas: SERVICE_AREAS.map((entry) => ({
            text: entry.label,
            href: `/figures/${entry.slug}?${context.period.query}`,
            current: entry.area === area,
          })),
        })
      },
    }),
  ]
}
