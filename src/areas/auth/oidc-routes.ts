import type { Response } from 'express'
import { z } from 'zod'
import type { Config } from '../../config.js'
import type { Db } from '../../db/database.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import {
  createOidcClient,
  OidcProviderRefusedError,
  OidcResponseRejectedError,
  OidcUnavailableError,
  type VerifiedClaims,
} from './oidc.js'
import { findOidcAccount } from './oidc-accounts.js'
import { clearTransactionCookie, readTransactionCookie, setTransactionCookie } from './oidc-transaction.js'
import { createSession, destroySession } from './sessions.js'
import { completeSignIn, safeReturnTo } from './sign-in.js'

export const oidcStartSchema = z.object({ returnTo: z.string().max(2000).optional() }).strict()

interface Problem {
  status: number
  title: string
  paragraphs: string[]
}

const PROBLEMS = {
  unavailable: {
    status: 503,
    title: 'Your council’s sign-in service is not available',
    paragraphs: [
      'Harbour cannot reach it at the moment. Try again in a few minutes.',
      'If you have a Harbour password, you can sign in with that instead.',
    ],
  },
  cancelled: {
    status: 403,
    title: 'You have not been signed in',
    paragraphs: [
      'Your council’s sign-in service said that sign-in was cancelled or is not allowed for your account.',
      'You can try again, or ask your administrator if you think you should have access.',
    ],
  },
  notVerified: {
    status: 400,
    title: 'Sign-in could not be completed',
    paragraphs: [
      'Harbour could not confirm that this sign-in was started here. It may have taken longer than 10 minutes, or been started in another browser or tab.',
      'For your security you have not been signed in. Start again from the sign-in page.',
    ],
  },
  notSetUp: {
    status: 403,
    title: 'Your council account is not set up in Harbour',
    paragraphs: [
      'Your council account is not set up in Harbour. Ask your administrator.',
      'You have not been signed in.',
    ],
  },
} satisfies Record<string, Problem>

function showProblem(response: Response, problem: Problem): void {
  response
    .status(problem.status)
    .render('auth/views/oidc-problem.njk', { title: problem.title, paragraphs: problem.paragraphs })
}

function providerRefused(error: OidcProviderRefusedError): Problem {
  if (error.error === 'access_denied' || error.error === 'login_required' || error.error === 'consent_required')
    return PROBLEMS.cancelled
  // Only a well-formed error code is repeated back, for the service desk; the description is never shown.
  const code = /^[a-z_]{1,64}$/.test(error.error) ? ` It gave the reason “${error.error}”.` : ''
  return {
    status: 502,
    title: 'Your council’s sign-in service could not sign you in',
    paragraphs: [
      `It returned an error instead of signing you in.${code}`,
      'Try again. If it keeps happening, contact your service desk.',
    ],
  }
}

/**
 * Sign-in with the council's identity provider (OpenID Connect, authorisation code flow with PKCE,
 * state and nonce). Registered only when OIDC is configured; see docs/adr/0003-oidc-sign-in.md.
 */
export function oidcRoutes(db: Db, config: Config): RouteDefinition[] {
  const oidcConfig = config.oidc
  if (oidcConfig === undefined) return []
  // One client per app: discovery is done on the first sign-in and then reused.
  const oidc = createOidcClient(oidcConfig)

  return [
    post({
      path: '/auth/oidc/start',
      name: 'Start sign-in with the council’s identity provider',
      permission: 'public',
      audit: { kind: 'none', reason: 'no record is read; the sign-in is audited when it completes' },
      body: oidcStartSchema,
      invalid: async (_request, response) => {
        response.redirect(303, '/sign-in')
      },
      handler: async (_request, response, context) => {
        let authorisation
        try {
          authorisation = await oidc.startSignIn()
        } catch (error) {
          if (error instanceof OidcUnavailableError) return showProblem(response, PROBLEMS.unavailable)
          throw error
        }
        const { url, ...checks } = authorisation
        setTransactionCookie(config, response, { ...checks, returnTo: safeReturnTo(context.body.returnTo) })
        // Not a 303: browsers apply the sign-in page's CSP form-action to redirects after a form post.
        response.render('auth/views/oidc-continue.njk', {
          title: 'Continuing to your council’s sign-in page',
          authorisationUrl: url.href,
        })
      },
    }),
    get({
      path: '/auth/oidc/callback',
      name: 'Return from the council’s identity provider',
      permission: 'public',
      audit: { kind: 'none', reason: 'sign-ins are audited by completeSignIn; first-time links by findOidcAccount' },
      handler: async (request, response, context) => {
        const transaction = readTransactionCookie(config, request)
        clearTransactionCookie(config, response)
        if (transaction === undefined) return showProblem(response, PROBLEMS.notVerified)
        const query = new URL(request.originalUrl, 'http://callback.invalid').searchParams
        let claims: VerifiedClaims
        try {
          claims = await oidc.finishSignIn(query, transaction)
        } catch (error) {
          if (error instanceof OidcProviderRefusedError) return showProblem(response, providerRefused(error))
          if (error instanceof OidcResponseRejectedError) return showProblem(response, PROBLEMS.notVerified)
          if (error instanceof OidcUnavailableError) return showProblem(response, PROBLEMS.unavailable)
          throw error
        }
        const account = await findOidcAccount(db, claims, context.ip)
        if (account === undefined) return showProblem(response, PROBLEMS.notSetUp)
        await completeSignIn(db, account, context.ip, 'oidc')
        if (request.sessionInfo) await destroySession(db, config, request, response)
        await createSession(db, config, response, { councilId: account.councilId, id: account.userId }, context.ip)
        response.redirect(303, safeReturnTo(transaction.returnTo))
      },
    }),
  ]
}
