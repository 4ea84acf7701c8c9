import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import { parse as parseCookies } from 'cookie'
import type { Config } from '../config.js'
import { CsrfError } from './errors.js'

/**
 * CSRF protection for every form: a random cookie, and a hidden field holding an HMAC of that cookie
 * bound to the session (or to "anonymous" before sign-in). A POST whose field does not match is
 * refused before any handler runs. Signing in changes the session, so a token from before sign-in
 * cannot be replayed after it.
 */
const FIELD = '_csrf'

function cookieName(config: Config): string {
  return config.session.secureCookies ? '__Host-harbour-csrf' : 'harbour-csrf'
}

function tokenFor(secret: string, cookieValue: string, sessionId: string | undefined): string {
  return createHmac('sha256', secret)
    .update(`${sessionId ?? 'anonymous'}:${cookieValue}`)
    .digest('base64url')
}

export function csrfMiddleware(config: Config) {
  return (request: Request, response: Response, next: NextFunction): void => {
    let cookieValue = parseCookies(request.headers.cookie ?? '')[cookieName(config)]
    if (cookieValue === undefined || cookieValue.length < 20) {
      cookieValue = randomBytes(24).toString('base64url')
      response.cookie(cookieName(config), cookieValue, {
        httpOnly: true,
        secure: config.session.secureCookies,
        sameSite: 'lax',
        path: '/',
      })
    }
    const expected = tokenFor(config.sessionSecret, cookieValue, request.sessionInfo?.id)
    response.locals.csrfToken = expected
    if (
      request.method === 'POST' ||
      request.method === 'PUT' ||
      request.method === 'PATCH' ||
      request.method === 'DELETE'
    ) {
      const body = request.body as Record<string, unknown> | undefined
      const given = typeof body?.[FIELD] === 'string' ? body[FIELD] : ''
      const a = Buffer.from(given)
      const b = Buffer.from(expected)
      if (a.length !== b.length || !timingSafeEqual(a, b)) return next(new CsrfError())
      // The token has done its job; schemas never see it.
      delete body?.[FIELD]
    }
    next()
  }
}
