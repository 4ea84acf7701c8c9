import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { stringify } from 'csv-stringify'
import { z } from 'zod'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { fieldError } from '../../web/form-errors.js'
import { get, type RouteDefinition } from '../../web/routes.js'
import { appendAudit } from './audit-log.js'
import { auditCsvRecord, auditTableRows, CSV_COLUMNS, paginationFor } from './audit-view.js'
import {
  countChildAudit,
  findChildrenByAnyId,
  listChildAudit,
  streamChildAudit,
  type AuditedChild,
} from './child-audit.js'

export const PAGE_SIZE = 50

/** Query strings are typed by people and edited by hand: anything malformed is treated as absent. */
const lookupQuery = z.object({
  child: z.string().trim().max(40).optional().catch(undefined),
  by: z.enum(['harbour', 'la']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
})

type Lookup = z.infer<typeof lookupQuery>

type Resolved =
  | { outcome: 'no-query' }
  | { outcome: 'empty' }
  | { outcome: 'not-found' }
  | { outcome: 'ambiguous'; children: AuditedChild[] }
  | { outcome: 'found'; child: AuditedChild }

async function resolveChild(db: Db, user: SignedInUser, lookup: Lookup): Promise<Resolved> {
  if (lookup.child === undefined) return { outcome: 'no-query' }
  if (lookup.child === '') return { outcome: 'empty' }
  const children = await findChildrenByAnyId(db, user.councilId, lookup.child, lookup.by)
  const [first] = children
  if (first === undefined) return { outcome: 'not-found' }
  if (children.length > 1) return { outcome: 'ambiguous', children }
  return { outcome: 'found', child: first }
}

const pageHref = (lookup: Lookup, page: number) => {
  const params = new URLSearchParams({ child: lookup.child ?? '' })
  if (lookup.by !== undefined) params.set('by', lookup.by)
  if (page > 1) params.set('page', String(page))
  return `/admin/audit?${params.toString()}`
}

const csvHref = (lookup: Lookup) => {
  const params = new URLSearchParams({ child: lookup.child ?? '' })
  if (lookup.by !== undefined) params.set('by', lookup.by)
  return `/admin/audit.csv?${params.toString()}`
}

/**
 * Looking at who opened a child's record is itself a look at that child: the audit row is committed
 * before anything is shown, and the page lists only rows before it (so a first look can truthfully
 * say nobody has opened the record, and the next look shows this one).
 */
async function auditTheLook(
  db: Db,
  user: SignedInUser,
  look: { route: string; childId: number; action: 'read' | 'export'; detail: Record<string, unknown>; ip: string },
) {
  return db.transaction().execute((trx) =>
    appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: look.action,
      entity: 'audit_event',
      childId: look.childId,
      route: look.route,
      ip: look.ip,
      detail: look.detail,
    }),
  )
}

export function auditRoutes(db: Db): RouteDefinition[] {
  return [
    get({
      path: '/admin/audit',
      name: 'Who has looked at a child’s record',
      permission: 'audit:read',
      audit: {
        kind: 'none',
        reason: 'no :childId in the path; the handler appends its own read row naming the child it shows',
      },
      handler: async (request, response, { user, ip }) => {
        const lookup = lookupQuery.parse(request.query)
        const resolved = await resolveChild(db, user, lookup)
        const view = {
          title: 'Who has looked at a child’s record',
          values: { child: lookup.child ?? '' },
          errors: {},
          errorList: [] as unknown[],
        }
        switch (resolved.outcome) {
          case 'no-query':
            return response.render('audit/views/child-audit.njk', view)
          case 'empty':
            response.status(400)
            return response.render('audit/views/child-audit.njk', {
              ...view,
              ...fieldError('child', 'Enter a Harbour child ID or LA child ID'),
            })
          case 'not-found':
            return response.render('audit/views/child-audit.njk', { ...view, notFound: true })
          case 'ambiguous':
            return response.render('audit/views/child-audit.njk', {
              ...view,
              choices: resolved.children.map((child) => ({
                child,
                byHarbour: String(child.id) === lookup.child,
                href: pageHref({ child: lookup.child, by: String(child.id) === lookup.child ? 'harbour' : 'la' }, 1),
              })),
            })
          case 'found': {
            const { child } = resolved
            const requestedPage = lookup.page ?? 1
            const ownSeq = await auditTheLook(db, user, {
              route: 'GET /admin/audit',
              childId: child.id,
              action: 'read',
              detail: { page: requestedPage },
              ip,
            })
            const total = await countChildAudit(db, user.councilId, child.id, ownSeq)
            const totalPages = Math.max(1, Math.ceil(total / PAGE_SIZE))
            const page = Math.min(requestedPage, totalPages)
            const rows = await listChildAudit(db, user.councilId, child.id, {
              beforeSeq: ownSeq,
              limit: PAGE_SIZE,
              offset: (page - 1) * PAGE_SIZE,
            })
            return response.render('audit/views/child-audit.njk', {
              ...view,
              child,
              total,
              firstShown: total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1,
              lastShown: (page - 1) * PAGE_SIZE + rows.length,
              rows: auditTableRows(rows),
              pagination: paginationFor(page, totalPages, (n) => pageHref(lookup, n)),
              csvHref: csvHref(lookup),
            })
          }
        }
      },
    }),
    get({
      path: '/admin/audit.csv',
      name: 'Export who has looked at a child’s record',
      permission: 'audit:read',
      audit: {
        kind: 'none',
        reason: 'no :childId in the path; the handler appends its own export row naming the child',
      },
      handler: async (request, response, { user, ip }) => {
        const lookup = lookupQuery.parse(request.query)
        const resolved = await resolveChild(db, user, lookup)
        if (resolved.outcome !== 'found') {
          // The form explains what went wrong; the export link only ever names one child.
          response.redirect(303, pageHref(lookup, 1))
          return
        }
        const { child } = resolved
        const ownSeq = await auditTheLook(db, user, {
          route: 'GET /admin/audit.csv',
          childId: child.id,
          action: 'export',
          detail: { format: 'csv' },
          ip,
        })
        const today = new Date().toISOString().slice(0, 10)
        response.attachment(`harbour-audit-child-${child.la_child_id}-${today}.csv`)
        response.type('text/csv; charset=utf-8')
        await pipeline(
          Readable.from(
            (async function* () {
              for await (const row of streamChildAudit(db, user.councilId, child.id, ownSeq)) yield auditCsvRecord(row)
            })(),
          ),
          stringify({ header: true, columns: CSV_COLUMNS.map(({ key, header }) => ({ key, header })) }),
          response,
        )
      },
    }),
  ]
}
