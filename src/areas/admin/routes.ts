import type { Request, Response } from 'express'
import { z } from 'zod'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { NotFoundError } from '../../web/errors.js'
import { formErrors, type FormErrors, NO_ERRORS } from '../../web/form-errors.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { userRows } from './user-rows.js'
import { listCouncilUsers, unlockUser } from './users.js'

/** The unlock form carries nothing but its CSRF token (checked and removed before validation). */
export const unlockSchema = z.object({}).strict()

const parseUserId = (value: unknown): number => {
  const id = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError('No user has that ID')
  return id
}

export function adminRoutes(db: Db): RouteDefinition[] {
  const renderUsers = async (
    request: Request,
    response: Response,
    user: SignedInUser,
    form: { errors?: FormErrors } = {},
  ) => {
    const users = await listCouncilUsers(db, user.councilId)
    const unlockedId = Number(request.query['unlocked'])
    const unlocked = users.find((candidate) => candidate.id === unlockedId)
    response.render('admin/views/users.njk', {
      title: 'Users',
      rows: userRows(users),
      unlockedName: unlocked?.displayName,
      ...(form.errors ?? NO_ERRORS),
    })
  }
  return [
    get({
      path: '/admin/users',
      name: 'Users',
      permission: 'users:manage',
      audit: { kind: 'none', reason: 'lists staff accounts in the council; no child’s record is read' },
      handler: async (request, response, { user }) => renderUsers(request, response, user),
    }),
    post({
      path: '/admin/users/:userId/unlock',
      name: 'Unlock a user’s account',
      permission: 'users:manage',
      audit: { kind: 'write', entity: 'user_account' },
      body: unlockSchema,
      invalid: async (request, response, { user }, issues) =>
        renderUsers(request, response, user, { errors: formErrors(issues) }),
      handler: async (request, response, { user, ip, markAudited }) => {
        const userId = parseUserId(request.params['userId'])
        await unlockUser(db, user, userId, ip)
        markAudited()
        response.redirect(303, `/admin/users?unlocked=${userId}`)
      },
    }),
  ]
}
