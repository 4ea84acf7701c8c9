import type { Response } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { NotFoundError } from '../../web/errors.js'
import { todayInLondon } from '../../web/forms/date-input.js'
import { get, type RouteDefinition } from '../../web/routes.js'
import { appendAudit } from '../audit/audit-log.js'
import { scopedChildren } from '../children/child-access.js'
import { buildCinReturn } from './cin/builder.js'
import { cinReturnToXml } from './cin/xml-writer.js'
import { csv903Text } from './ssda903/csv.js'
import { build903Return } from './ssda903/builder.js'
import { csvFileName, tablesForYear, type Table903 } from './ssda903/tables.js'
import { xml903Text } from './ssda903/xml.js'
import { effectiveRuleYear, validate903, validateCin } from './validation/engine.js'
import { childrenAffected, summariseFailures, type RuleSummary } from './validation/summary.js'
import { collectionEndYearOf, yearLabel } from './validation/years.js'

/** The collection years offered: the current one (still running) and the four before it. */
export function offeredYears(today: string = todayInLondon()): number[] {
  const current = collectionEndYearOf(today)
  return [0, 1, 2, 3, 4].map((back) => current - back)
}

function yearParam(value: unknown): number {
  const year = Number(value)
  if (!/^\d{4}$/.test(String(value)) || !offeredYears().includes(year)) throw new NotFoundError()
  return year
}

/** Harbour child ids of the return's children that this user may open (others are counted, not linked). */
async function openableChildren(db: Db, user: SignedInUser, laChildIds: string[]): Promise<Map<string, number>> {
  if (laChildIds.length === 0) return new Map()
  const rows = await scopedChildren(db, user)
    .select(['child.id', 'child.la_child_id'])
    .where('child.la_child_id', 'in', laChildIds)
    .execute()
  return new Map(rows.map((row) => [row.la_child_id, row.id]))
}

interface ChildLink {
  text: string
  href: string | null
}

/** Rows for the failures table: code, message, rows, and children (linked when the user may open them). */
export function ruleRows(summaries: RuleSummary[], links: Map<string, number>, limit = 25) {
  return summaries.map((summary) => {
    const children: ChildLink[] = summary.children.slice(0, limit).map((laChildId) => {
      const id = links.get(laChildId)
      return { text: laChildId, href: id === undefined ? null : `/children/${id}` }
    })
    return { ...summary, childLinks: children, moreChildren: Math.max(0, summary.children.length - limit) }
  })
}

async function auditExport(db: Db, user: SignedInUser, ip: string, route: string, detail: Record<string, unknown>) {
  await db.transaction().execute((trx) =>
    appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'export',
      entity: 'statutory_return',
      route,
      ip,
      detail,
    }),
  )
}

function download(response: Response, fileName: string, type: string, body: string) {
  response.set('Content-Type', `${type}; charset=utf-8`)
  response.set('Content-Disposition', `attachment; filename="${fileName}"`)
  response.send(body)
}

export function returnsRoutes(db: Db): RouteDefinition[] {
  return [
    get({
      path: '/returns',
      name: 'Statutory returns',
      permission: 'returns:manage',
      audit: { kind: 'none', reason: 'lists collection years; no child’s record is read' },
      handler: async (_request, response) => {
        response.render('returns/views/index.njk', {
          title: 'Statutory returns',
          years: offeredYears().map((year) => ({ year, label: yearLabel(year) })),
        })
      },
    }),
    get({
      path: '/returns/:year',
      name: 'Statutory returns: validation for a year',
      permission: 'returns:manage',
      audit: {
        kind: 'handler',
        entity: 'statutory_return',
        reason: 'lists children who break validation rules: one read row with the ids of those the user may open',
      },
      handler: async (request, response, { user, ip, markAudited }) => {
        const year = yearParam(request.params['year'])
        const label = yearLabel(year)
        const [ret, last, cin] = await Promise.all([
          build903Return(db, user.councilId, year),
          build903Return(db, user.councilId, year - 1),
          buildCinReturn(db, user.councilId, year),
        ])
        const failures903 = validate903(ret, label, { lastYear: last })
        const failuresCin = validateCin(cin, label)
        const affected = [...new Set([...childrenAffected(failures903), ...childrenAffected(failuresCin)])]
        const links = await openableChildren(db, user, affected)
        await db.transaction().execute((trx) =>
          appendAudit(trx, {
            councilId: user.councilId,
            userId: user.id,
            userRole: user.role,
            action: 'read',
            entity: 'statutory_return',
            route: 'GET /returns/:year',
            ip,
            detail: { year, childIds: [...links.values()] },
          }),
        )
        markAudited()
        response.render('returns/views/year.njk', {
          title: `Statutory returns ${label}`,
          year,
          label,
          cinRuleYear: effectiveRuleYear('cin', label),
          running: collectionEndYearOf(todayInLondon()) === year,
          ssda903: {
            children: ret.tables.Header.length,
            episodes: ret.tables.Episodes.length,
            failures: failures903.length,
            childrenAffected: new Set(failures903.map((f) => f.childId)).size,
            rules: ruleRows(summariseFailures(failures903), links),
          },
          cin: {
            children: cin.tables.ChildIdentifiers.length,
            failures: failuresCin.length,
            childrenAffected: new Set(failuresCin.map((f) => f.childId)).size,
            rules: ruleRows(summariseFailures(failuresCin), links),
          },
          tables: tablesForYear(year).map((table) => ({
            table,
            rows: ret.tables[table].length,
            href: `/returns/${year}/903/${table}.csv`,
            fileName: csvFileName(table, year),
          })),
        })
      },
    }),
    get({
      path: '/returns/:year/903/:file',
      name: 'Download a 903 return file',
      permission: 'returns:manage',
      audit: { kind: 'handler', entity: 'statutory_return', reason: 'one export row naming the year and file' },
      handler: async (request, response, { user, ip, markAudited }) => {
        const year = yearParam(request.params['year'])
        const file = String(request.params['file'])
        const ret = await build903Return(db, user.councilId, year)
        if (file === 'return.xml') {
          await auditExport(db, user, ip, 'GET /returns/:year/903/:file', {
            year,
            file,
            children: ret.tables.Header.length,
          })
          markAudited()
          return download(response, `SSDA903_${year}.xml`, 'application/xml', xml903Text(ret))
        }
        const table = file.replace(/\.csv$/, '') as Table903
        if (!file.endsWith('.csv') || !tablesForYear(year).includes(table)) throw new NotFoundError()
        await auditExport(db, user, ip, 'GET /returns/:year/903/:file', { year, file, rows: ret.tables[table].length })
        markAudited()
        download(response, csvFileName(table, year), 'text/csv', csv903Text(table, ret.tables[table]))
      },
    }),
    get({
      path: '/returns/:year/cin.xml',
      name: 'Download the CIN census',
      permission: 'returns:manage',
      audit: { kind: 'handler', entity: 'statutory_return', reason: 'one export row naming the year and file' },
      handler: async (request, response, { user, ip, markAudited }) => {
        const year = yearParam(request.params['year'])
        const cin = await buildCinReturn(db, user.councilId, year)
        await auditExport(db, user, ip, 'GET /returns/:year/cin.xml', {
          year,
          file: 'cin.xml',
          children: cin.tables.ChildIdentifiers.length,
        })
        markAudited()
        download(response, `CIN_Census_${year}.xml`, 'application/xml', cinReturnToXml(cin))
      },
    }),
  ]
}
