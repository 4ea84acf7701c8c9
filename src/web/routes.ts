import type { NextFunction, Request, Response, Router } from 'express'
import type { z } from 'zod'
import type { Db } from '../db/database.js'
import { appendAudit, type AuditAction } from '../areas/audit/audit-log.js'
import { assertChildInScope } from '../areas/children/child-access.js'
import { clientIp, type SignedInUser } from './context.js'
import { ChildAccessDeniedError, ForbiddenError } from './errors.js'
import { PERMISSIONS, roleHas, type Permission } from './permissions.js'

/**
 * How a route is audited. Declared on every route, so the route table says what each one records.
 * - none: touches no child's record (sign-in, figures, settings). The reason is kept for reviewers.
 * - child: reads a child's record named by the :childId parameter. Before the handler runs the
 *   wrapper checks the child is in the user's scope (refusing and auditing the denial if not) and
 *   appends a read audit row.
 * - write: the handler changes records and appends its own audit rows in the same transaction
 *   (appendAudit); the wrapper refuses to let a successful write finish without one.
 * - handler: reads or exports children's records without a :childId in the path (the children behind
 *   a figure, a statutory return, a tray or caseload export); the handler appends the audit
 *   row naming them (appendAudit) and calls markAudited, and the wrapper refuses to let a successful
 *   response finish without it. `reason` says what the row records.
 */
export type AuditDeclaration =
  | { kind: 'none'; reason: string }
  | { kind: 'child'; entity: string; action?: AuditAction }
  | { kind: 'write'; entity: string }
  | { kind: 'handler'; entity: string; reason: string }

export interface HandlerContext<Body> {
  db: Db
  user: SignedInUser | undefined
  body: Body
  ip: string
  /** The child whose record this request reads (routes audited as 'child'). */
  childId: number | undefined
  /** Handlers of 'write' and 'handler' routes call this once their audit row is appended (appendAudit). */
  markAudited: () => void
}

export interface SignedInHandlerContext<Body> extends HandlerContext<Body> {
  user: SignedInUser
}

interface BaseRoute {
  path: string
  /** A short name for the route table, docs and the permission matrix test. */
  name: string
  permission: Permission
  audit: AuditDeclaration
}

type ContextFor<P extends Permission, Body> = P extends 'public' ? HandlerContext<Body> : SignedInHandlerContext<Body>

export interface GetRoute<P extends Permission = Permission> extends BaseRoute {
  method: 'get'
  permission: P
  handler: (request: Request, response: Response, context: ContextFor<P, undefined>) => Promise<void>
}

export interface PostRoute<P extends Permission = Permission, S extends z.ZodType = z.ZodType> extends BaseRoute {
  method: 'post'
  permission: P
  /** Every POST validates its body; a route without a schema cannot be registered. */
  body: S
  /** Called with the user's input and the validation issues; renders the form again. */
  invalid: (
    request: Request,
    response: Response,
    context: ContextFor<P, Record<string, unknown>>,
    issues: z.core.$ZodIssue[],
  ) => Promise<void>
  handler: (request: Request, response: Response, context: ContextFor<P, z.infer<S>>) => Promise<void>
}

export type RouteDefinition = GetRoute<Permission> | PostRoute<Permission, z.ZodType>

export function get<P extends Permission>(route: Omit<GetRoute<P>, 'method'>): GetRoute<P> {
  return { ...route, method: 'get' }
}

export function post<P extends Permission, S extends z.ZodType>(
  route: Omit<PostRoute<P, S>, 'method'>,
): PostRoute<P, S> {
  return { ...route, method: 'post' }
}

export class RouteDefinitionError extends Error {
  override name = 'RouteDefinitionError'
}

function validateDefinition(route: RouteDefinition): void {
  if (!route.permission || !(PERMISSIONS as readonly string[]).includes(route.permission)) {
    throw new RouteDefinitionError(`Route ${route.method.toUpperCase()} ${route.path} must declare a permission`)
  }
  if (!route.audit)
    throw new RouteDefinitionError(`Route ${route.method.toUpperCase()} ${route.path} must declare its audit`)
  if (route.method === 'post' && (route.body === undefined || route.invalid === undefined)) {
    throw new RouteDefinitionError(`POST ${route.path} must declare a body schema and an invalid-input handler`)
  }
  if (route.audit.kind === 'child' && !route.path.includes(':childId')) {
    throw new RouteDefinitionError(`Route ${route.path} is audited as a child read but has no :childId parameter`)
  }
}

/**
 * Every route on a child's record (a :childId parameter) checks scope before its handler. A refusal is
 * audited as 'denied' and answered with the same page whether or not the child exists. Routes
 * audited as 'child' also get their read recorded here, committed before any of the record is sent.
 */
async function checkChildScope(
  db: Db,
  route: RouteDefinition,
  request: Request,
  user: SignedInUser,
  ip: string,
): Promise<number> {
  const childId = Number(request.params['childId'])
  const validId = Number.isSafeInteger(childId) && childId > 0
  let inScope = false
  await db.transaction().execute(async (trx) => {
    inScope = validId && (await assertChildInScope(trx, user, childId))
    if (inScope && route.audit.kind !== 'child') return
    // A denial names the child only if it exists in the user's own council, so it shows in that child's audit.
    const exists =
      inScope ||
      (validId &&
        (await trx
          .selectFrom('child')
          .select('id')
          .where('council_id', '=', user.councilId)
          .where('id', '=', childId)
          .executeTakeFirst()) !== undefined)
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: inScope && route.audit.kind === 'child' ? (route.audit.action ?? 'read') : 'denied',
      entity: route.audit.kind === 'none' ? 'child' : route.audit.entity,
      entityId: validId ? childId : null,
      childId: exists ? childId : null,
      route: `${route.method.toUpperCase()} ${route.path}`,
      ip,
    })
  })
  if (!inScope) throw new ChildAccessDeniedError()
  return childId
}

/**
 * Registers routes so that every request runs authentication → permission → scope and audit →
 * handler, in that order, whatever the handler does.
 */
export function registerRoutes(router: Router, db: Db, routes: RouteDefinition[]): void {
  for (const route of routes) validateDefinition(route)
  for (const route of routes) {
    const run = async (request: Request, response: Response, next: NextFunction): Promise<void> => {
      try {
        const user = request.user
        if (route.permission !== 'public' && user === undefined) {
          const expired = response.locals['sessionExpired'] === true ? '&expired=1' : ''
          response.redirect(303, `/sign-in?returnTo=${encodeURIComponent(request.originalUrl)}${expired}`)
          return
        }
        if (!roleHas(user?.role, route.permission)) throw new ForbiddenError()
        let audited = false
        const context: HandlerContext<unknown> = {
          db,
          user,
          body: undefined,
          ip: clientIp(request),
          childId: undefined,
          markAudited: () => {
            audited = true
          },
        }
        if (route.path.includes(':childId') && user !== undefined) {
          context.childId = await checkChildScope(db, route, request, user, context.ip)
          // Nothing is ever recorded on a duplicate merged into another record: the form goes to the
          // record kept instead, whose summary says the two were merged.
          if (route.method === 'post') {
            const merged = await db
              .selectFrom('child')
              .select('merged_into_child_id')
              .where('council_id', '=', user.councilId)
              .where('id', '=', context.childId)
              .executeTakeFirst()
            if (merged?.merged_into_child_id != null) {
              response.redirect(303, `/children/${merged.merged_into_child_id}?from=${context.childId}`)
              return
            }
          }
        }
        if (route.method === 'post') {
          const parsed = route.body.safeParse(request.body ?? {})
          if (!parsed.success) {
            response.status(400)
            await route.invalid(request, response, { ...context, body: request.body ?? {} }, parsed.error.issues)
            return
          }
          context.body = parsed.data
          await route.handler(request, response, context)
          if (route.audit.kind === 'write' && !audited && response.statusCode < 400) {
            throw new Error(`POST ${route.path} changed records without writing an audit row`)
          }
          return
        }
        await route.handler(request, response, context as never)
        if (route.audit.kind === 'handler' && !audited && response.statusCode < 400) {
          throw new Error(`GET ${route.path} read children's records without writing an audit row`)
        }
      } catch (error) {
        next(error)
      }
    }
    if (route.method === 'get') router.get(route.path, run)
    else router.post(route.path, run)
  }
}
