import type { Response } from 'express'
import { sql } from 'kysely'
import { z } from 'zod'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { fieldError, formErrors, NO_ERRORS } from '../../web/form-errors.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { appendAudit } from '../audit/audit-log.js'
import { scopedChildren } from './child-access.js'
import { mergeChildren, mergePlan, MergeNotAllowedError } from './child-merge.js'
import { getChild } from './child-queries.js'
import { childPageContext } from './child-sections.js'
import { childDetailsOf, describeChildDetails } from './child-service.js'
import { duplicateRows } from './duplicate-view.js'
import { findPossibleDuplicates } from './duplicates.js'
import type { FormValues } from './child-form-view.js'

export const chooseDuplicateSchema = z
  .object({
    duplicate: z
      .string()
      .trim()
      .min(1, 'Enter the child ID of the duplicate record')
      .max(20, 'Enter a child ID of 10 letters or numbers or fewer'),
    reason: z
      .string()
      .trim()
      .min(1, 'Enter how you know these records are the same child')
      .max(500, 'Reason must be 500 characters or fewer'),
  })
  .strict()

export const confirmMergeSchema = z
  .object({
    duplicateId: z.coerce.number().int().positive(),
    reason: z.string().trim().min(1, 'Enter how you know these records are the same child').max(500),
    keptVersion: z.coerce.number().int().positive(),
    duplicateVersion: z.coerce.number().int().positive(),
  })
  .strict()

const RANK = { none: 0, restricted: 1, sealed: 2 } as const

/** The duplicate, found by its child ID or Harbour number among the children the user can open. */
async function findDuplicate(db: Db, user: SignedInUser, text: string) {
  const number = /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined
  return scopedChildren(db, user)
    .selectAll('child')
    .where((eb) =>
      eb.or([
        eb(sql<string>`lower(child.la_child_id)`, '=', text.toLowerCase()),
        ...(number === undefined ? [] : [eb('child.id', '=', number)]),
      ]),
    )
    .orderBy(sql`lower(child.la_child_id) = ${text.toLowerCase()}`, 'desc')
    .executeTakeFirst()
}

/** Merging a duplicate record into this one: choose the duplicate, check what moves, merge. */
export function mergeRoutes(db: Db): RouteDefinition[] {
  const renderChoose = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    ip: string,
    values: FormValues = {},
    errors = NO_ERRORS,
  ) => {
    const page = await childPageContext(db, user.councilId, childId, 'summary')
    const found = (await findPossibleDuplicates(db, user, childDetailsOf(page.child), childId)).filter(
      (child) => child.inScope,
    )
    if (found.length > 0) {
      await db.transaction().execute((trx) =>
        appendAudit(trx, {
          councilId: user.councilId,
          userId: user.id,
          userRole: user.role,
          action: 'search',
          entity: 'child',
          route: 'GET /children/:childId/merge',
          ip,
          detail: { purpose: 'duplicate_check', childIds: found.map((child) => child.id) },
        }),
      )
    }
    response.render('children/views/merge.njk', {
      title: 'Merge a duplicate record into this one',
      ...page,
      suggestions: duplicateRows(found),
      values,
      ...errors,
    })
  }

  return [
    get({
      path: '/children/:childId/merge',
      name: 'Merge a duplicate child record',
      permission: 'child:manage',
      audit: { kind: 'child', entity: 'child' },
      handler: async (_request, response, { user, childId, ip }) => {
        const child = await getChild(db, user.councilId, childId as number)
        if (child.merged_into_child_id !== null)
          return response.redirect(303, `/children/${child.merged_into_child_id}/merge`)
        await renderChoose(response, user, childId as number, ip)
      },
    }),
    post({
      path: '/children/:childId/merge',
      name: 'Merge a duplicate child record: check what moves',
      permission: 'child:manage',
      audit: { kind: 'child', entity: 'child_merge' },
      body: chooseDuplicateSchema,
      invalid: async (request, response, { user, childId, ip }, issues) =>
        renderChoose(response, user, childId as number, ip, request.body as FormValues, formErrors(issues)),
      handler: async (_request, response, { user, childId, body, ip }) => {
        const keptId = childId as number
        const kept = await getChild(db, user.councilId, keptId)
        const duplicate = await findDuplicate(db, user, body.duplicate)
        const problem =
          kept.merged_into_child_id !== null
            ? 'This record has itself been merged into another'
            : duplicate === undefined
              ? 'No child you can open has that ID: check it, or ask the duplicate’s team manager to merge the records'
              : duplicate.id === keptId
                ? 'That is the record you are keeping: enter the child ID of the duplicate'
                : undefined
        if (problem !== undefined || duplicate === undefined) {
          response.status(400)
          return renderChoose(response, user, keptId, ip, body, fieldError('duplicate', problem ?? ''))
        }
        // Showing the duplicate's details is a read of its record.
        await db.transaction().execute((trx) =>
          appendAudit(trx, {
            councilId: user.councilId,
            userId: user.id,
            userRole: user.role,
            action: 'read',
            entity: 'child',
            entityId: duplicate.id,
            childId: duplicate.id,
            route: 'POST /children/:childId/merge',
            ip,
            detail: { purpose: 'merge_check', survivingChildId: keptId },
          }),
        )
        const keptDetails = describeChildDetails(childDetailsOf(kept))
        const duplicateDetails = describeChildDetails(childDetailsOf(duplicate))
        const page = await childPageContext(db, user.councilId, keptId, 'summary')
        response.render('children/views/merge-check.njk', {
          title: 'Check the merge before you merge the records',
          ...page,
          comparison: [
            { field: 'Child ID', kept: kept.la_child_id, duplicate: duplicate.la_child_id },
            ...Object.keys(keptDetails).map((field) => ({
              field,
              kept: keptDetails[field] ?? '',
              duplicate: duplicateDetails[field] ?? '',
            })),
          ],
          plan: await mergePlan(db, user.councilId, keptId, duplicate.id),
          duplicate,
          takesRestriction: RANK[duplicate.restriction ?? 'none'] > RANK[kept.restriction ?? 'none'],
          reason: body.reason,
        })
      },
    }),
    post({
      path: '/children/:childId/merge/check',
      name: 'Merge a duplicate child record',
      permission: 'child:manage',
      audit: { kind: 'write', entity: 'child_merge' },
      body: confirmMergeSchema,
      invalid: async (request, response, { user, childId, ip }, issues) =>
        renderChoose(response, user, childId as number, ip, request.body as FormValues, formErrors(issues)),
      handler: async (_request, response, { user, childId, body, ip, markAudited }) => {
        const keptId = childId as number
        // The duplicate must still be a record this user can open.
        const duplicate = await scopedChildren(db, user)
          .select('child.la_child_id')
          .where('child.id', '=', body.duplicateId)
          .executeTakeFirst()
        if (duplicate === undefined) {
          response.status(400)
          return renderChoose(
            response,
            user,
            keptId,
            ip,
            {},
            fieldError('duplicate', 'No child you can open has that ID'),
          )
        }
        try {
          await mergeChildren(db, user, { keptId, ...body }, ip)
        } catch (error) {
          if (!(error instanceof MergeNotAllowedError)) throw error
          response.status(400)
          return renderChoose(response, user, keptId, ip, {}, fieldError('duplicate', error.message))
        }
        markAudited()
        response.redirect(303, `/children/${keptId}?merged=${encodeURIComponent(duplicate.la_child_id)}`)
      },
    }),
  ]
}
