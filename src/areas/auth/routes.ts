import type { Request, Response } from 'express'
import { z } from 'zod'
import type { Config } from '../../config.js'
import type { Db } from '../../db/database.js'
import { fieldError, formErrors, type FormErrors, NO_ERRORS } from '../../web/form-errors.js'
import { TooManyRequestsError } from '../../web/errors.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { appendAudit } from '../audit/audit-log.js'
import { createSession, destroySession } from './sessions.js'
import { safeReturnTo, signInWithPassword } from './sign-in.js'

export const signInSchema = z
  .object({
    email: z
      .string()
      .trim()
      .min(1, 'Enter your email address')
      .max(320, 'Email address must be 320 characters or fewer'),
    password: z.string().min(1, 'Enter your password').max(1024, 'Password must be 1,024 characters or fewer'),
    returnTo: z.string().optional(),
  })
  .strict()

export interface DemoInfo {
  password: string
}

async function renderSignIn(
  db: Db,
  config: Config,
  demo: DemoInfo | undefined,
  request: Request,
  response: Response,
  form: { values?: Record<string, unknown>; errors?: FormErrors } = {},
): Promise<void> {
  let demoAccounts: { text: string }[][] = []
  if (demo !== undefined) {
    const installation = await db.selectFrom('installation').select('kind').executeTakeFirst()
    if (installation?.kind === 'demo') {
      const accounts = await db
        .selectFrom('user_account')
        .select(['email', 'role'])
        .where('is_demo', '=', true)
        .orderBy('id')
        .execute()
      demoAccounts = accounts.map((account) => [{ text: roleName(account.role) }, { text: account.email }])
    }
  }
  response.render('auth/views/sign-in.njk', {
    title: 'Sign in',
    returnTo: safeReturnTo(form.values?.['returnTo'] ?? request.query['returnTo']),
    values: { email: form.values?.['email'] ?? '' },
    ...(form.errors ?? NO_ERRORS),
    sessionExpired: response.locals['sessionExpired'] === true || request.query['expired'] === '1',
    signedOut: request.query['signedOut'] === '1',
    oidcButtonText: config.oidc?.buttonText,
    demoAccounts,
    demoPassword: demo?.password,
  })
}

function roleName(role: string): string {
  return role.replaceAll('_', ' ').replace(/^./, (first) => first.toUpperCase())
}

export function authRoutes(db: Db, config: Config, demo: DemoInfo | undefined): RouteDefinition[] {
  return [
    get({
      path: '/sign-in',
      name: 'Sign-in page',
      permission: 'public',
      audit: { kind: 'none', reason: 'no record is read' },
      handler: async (request, response, context) => {
        if (context.user !== undefined) return response.redirect(303, '/')
        await renderSignIn(db, config, demo, request, response)
      },
    }),
    post({
      path: '/sign-in',
      name: 'Sign in with a password',
      permission: 'public',
      audit: { kind: 'none', reason: 'sign-ins are audited by completeSignIn' },
      body: signInSchema,
      invalid: async (request, response, _context, issues) => {
        await renderSignIn(db, config, demo, request, response, {
          values: request.body as Record<string, unknown>,
          errors: formErrors(issues),
        })
      },
      handler: async (request, response, context) => {
        const result = await signInWithPassword(db, config, context.body.email, context.body.password, context.ip)
        switch (result.outcome) {
          case 'signed-in':
            if (request.sessionInfo) await destroySession(db, config, request, response)
            await createSession(db, config, response, { councilId: result.councilId, id: result.userId }, context.ip)
            return response.redirect(303, safeReturnTo(context.body.returnTo))
          case 'rate-limited':
            throw new TooManyRequestsError()
          case 'locked':
            response.status(401)
            return renderSignIn(db, config, demo, request, response, {
              values: context.body,
              errors: fieldError(
                'email',
                'Your account is locked after too many failed sign-ins. Wait 15 minutes or ask your administrator to unlock it.',
              ),
            })
          case 'wrong-credentials':
            response.status(401)
            return renderSignIn(db, config, demo, request, response, {
              values: context.body,
              errors: fieldError('email', 'Enter a correct email address and password'),
            })
        }
      },
    }),
    post({
      path: '/sign-out',
      name: 'Sign out',
      permission: 'signed-in',
      audit: { kind: 'none', reason: 'sign-outs are audited here directly' },
      body: z.object({}).strict(),
      invalid: async (_request, response) => {
        response.redirect(303, '/')
      },
      handler: async (request, response, context) => {
        await db.transaction().execute((trx) =>
          appendAudit(trx, {
            councilId: context.user.councilId,
            userId: context.user.id,
            userRole: context.user.role,
            action: 'sign-out',
            entity: 'user_account',
            entityId: context.user.id,
            ip: context.ip,
          }),
        )
        await destroySession(db, config, request, response)
        response.redirect(303, '/sign-in?signedOut=1')
      },
    }),
  ]
}
