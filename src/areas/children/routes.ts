import { z } from 'zod'
import { childDataQuality } from '../returns/validation/data-quality.js'
import type { Db } from '../../db/database.js'
import { formErrors, type FormErrors, NO_ERRORS } from '../../web/form-errors.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { ROLE_LABELS, roleHas } from '../../web/permissions.js'
import { childPageContext } from './child-sections.js'
import { accessGrants, currentAllocations, getChild, searchChildren } from './child-queries.js'
import { appendAudit } from '../audit/audit-log.js'
import { grantAccess, setRestriction } from './restriction-service.js'
import { isoDateFromParts } from '../../web/dates.js'
import { recentChronologyEntries } from '../chronology/recent.js'
import type { Request, Response } from 'express'
import type { SignedInUser } from '../../web/context.js'
import { childFormRoutes } from './child-form-routes.js'
import { mergeRoutes } from './merge-routes.js'
import { summaryNotice } from './summary-notice.js'
import { childDetailsOf, describeChildDetails } from './child-service.js'
import { summaryRows } from './child-form-view.js'

const searchQuery = z.object({
  q: z.string().max(100).optional(),
  'dob-day': z.string().optional(),
  'dob-month': z.string().optional(),
  'dob-year': z.string().optional(),
})

export const restrictionSchema = z
  .object({
    restriction: z.enum(['none', 'restricted', 'sealed'], { error: 'Select who may see this record' }),
    reason: z.string().trim().max(500, 'Reason must be 500 characters or fewer').optional(),
    version: z.coerce.number().int().positive(),
  })
  .strict()
  .refine((value) => value.restriction === 'none' || (value.reason ?? '').length > 0, {
    message: 'Enter why this record is restricted',
    path: ['reason'],
  })

export const grantSchema = z
  .object({
    email: z.string().trim().min(1, 'Enter the email address of the person who needs access').max(320),
    reason: z
      .string()
      .trim()
      .min(1, 'Enter why this person needs access')
      .max(500, 'Reason must be 500 characters or fewer'),
  })
  .strict()

export function childRoutes(db: Db): RouteDefinition[] {
  const renderAccess = async (
    request: Request,
    response: Response,
    user: SignedInUser,
    childId: number,
    form: { values?: unknown; errors?: FormErrors } = {},
  ) => {
    const child = await getChild(db, user.councilId, childId)
    const grants = await accessGrants(db, user.councilId, childId)
    response.render('children/views/access.njk', {
      title: 'Who can see this record',
      child,
      grants: grants.map((grant) => ({ ...grant, roleLabel: ROLE_LABELS[grant.role] })),
      values: form.values ?? { restriction: child.restriction ?? 'none', reason: child.restriction_reason ?? '' },
      ...(form.errors ?? NO_ERRORS),
      updated: request.query['updated'] === '1',
    })
  }
  return [
    // Before '/children/:childId', so 'new' is not read as a child's id.
    ...childFormRoutes(db),
    get({
      path: '/children',
      name: 'Find a child',
      permission: 'child:read',
      audit: { kind: 'none', reason: 'search results list names within scope; the search itself is audited below' },
      handler: async (request, response, { user, ip }) => {
        const query = searchQuery.safeParse(request.query)
        const values = query.success ? query.data : {}
        const dateOfBirth = isoDateFromParts(values['dob-day'], values['dob-month'], values['dob-year'])
        const searched = Boolean(values.q?.trim()) || dateOfBirth !== undefined
        const results = searched ? await searchChildren(db, user, { text: values.q, dateOfBirth }) : []
        if (searched) {
          await db.transaction().execute((trx) =>
            appendAudit(trx, {
              councilId: user.councilId,
              userId: user.id,
              userRole: user.role,
              action: 'search',
              entity: 'child',
              route: 'GET /children',
              ip,
              detail: { results: results.length, childIds: results.map((row) => row.id) },
            }),
          )
        }
        response.render('children/views/search.njk', {
          title: 'Find a child',
          values,
          searched,
          results,
          canAdd: roleHas(user.role, 'child:write'),
        })
      },
    }),
    get({
      path: '/children/:childId',
      name: 'Child record',
      permission: 'child:read',
      audit: { kind: 'child', entity: 'child' },
      handler: async (request, response, { user, childId }) => {
        const id = childId as number
        const page = await childPageContext(db, user.councilId, id, 'summary')
        // A duplicate merged into another record: old links lead to the record kept.
        if (page.child.merged_into_child_id !== null) {
          return response.redirect(303, `/children/${page.child.merged_into_child_id}?from=${id}`)
        }
        const allocations = await currentAllocations(db, user.councilId, id)
        const recentEvents = await recentChronologyEntries(db, user.councilId, id)
        response.render('children/views/show.njk', {
          title: `${page.child.first_name} ${page.child.last_name}`,
          ...page,
          allocations,
          recentEvents,
          canRestrict: user.role === 'head_of_service',
          canEdit: roleHas(user.role, 'child:write'),
          canMerge: roleHas(user.role, 'child:manage'),
          notice: await summaryNotice(db, user.councilId, id, request.query),
          detailRows: summaryRows(describeChildDetails(childDetailsOf(page.child))),
          dataQuality: await childDataQuality(db, user.councilId, id),
        })
      },
    }),
    get({
      path: '/children/:childId/access',
      name: 'Who can see a child’s record',
      permission: 'child:restrict',
      audit: { kind: 'child', entity: 'child_access_grant' },
      handler: async (request, response, { user, childId }) => renderAccess(request, response, user, childId as number),
    }),
    post({
      path: '/children/:childId/access',
      name: 'Restrict a child’s record',
      permission: 'child:restrict',
      audit: { kind: 'write', entity: 'child' },
      body: restrictionSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderAccess(request, response, user, childId as number, { values: request.body, errors: formErrors(issues) }),
      handler: async (_request, response, { user, childId, body, ip, markAudited }) => {
        await setRestriction(db, user, childId as number, body, ip)
        markAudited()
        response.redirect(303, `/children/${childId}/access?updated=1`)
      },
    }),
    post({
      path: '/children/:childId/access/grants',
      name: 'Name a person who may see a restricted record',
      permission: 'child:restrict',
      audit: { kind: 'write', entity: 'child_access_grant' },
      body: grantSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderAccess(request, response, user, childId as number, { errors: formErrors(issues) }),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const result = await grantAccess(db, user, childId as number, body, ip)
        if (result === 'unknown-user') {
          response.status(400)
          return renderAccess(request, response, user, childId as number, {
            errors: {
              errorList: [{ text: 'No active Harbour user has that email address', href: '#email' }],
              errors: { email: { text: 'No active Harbour user has that email address' } },
            },
          })
        }
        markAudited()
        response.redirect(303, `/children/${childId}/access?updated=1`)
      },
    }),
    ...mergeRoutes(db),
  ]
}
