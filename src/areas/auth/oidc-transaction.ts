import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Request, Response } from 'express'
import { parse as parseCookies } from 'cookie'
import { z } from 'zod'
import type { Config } from '../../config.js'

/**
 * What Harbour must remember between sending someone to the identity provider and their return:
 * the PKCE code verifier, state, nonce and where to go afterwards. It lives in a short-lived, httpOnly
 * cookie signed with an HMAC keyed from SESSION_SECRET, so no table is needed and nothing is stored
 * for people who never come back. A tampered, expired or missing cookie reads as no sign-in in progress.
 */
export interface OidcTransaction {
  codeVerifier: string
  state: string
  nonce: string
  returnTo: string
}

export const TRANSACTION_MINUTES = 10

const payloadSchema = z
  .object({
    codeVerifier: z.string().min(43).max(128),
    state: z.string().min(1).max(256),
    nonce: z.string().min(1).max(256),
    returnTo: z.string().max(2000),
    expiresAt: z.number().int(),
  })
  .strict()

export function transactionCookieName(config: Config): string {
  return config.session.secureCookies ? '__Host-harbour-oidc' : 'harbour-oidc'
}

// A key of its own, so a value signed here can never be mistaken for a CSRF token or vice versa.
const keyFor = (secret: string) => createHmac('sha256', secret).update('harbour:oidc-transaction:v1').digest()
const sign = (secret: string, payload: string) =>
  createHmac('sha256', keyFor(secret)).update(payload).digest('base64url')

export function sealTransaction(secret: string, transaction: OidcTransaction, now = Date.now()): string {
  const payload = Buffer.from(
    JSON.stringify({ ...transaction, expiresAt: now + TRANSACTION_MINUTES * 60_000 }),
  ).toString('base64url')
  return `${payload}.${sign(secret, payload)}`
}

export function openTransaction(
  secret: string,
  sealed: string | undefined,
  now = Date.now(),
): OidcTransaction | undefined {
  if (sealed === undefined) return undefined
  const [payload, signature, ...rest] = sealed.split('.')
  if (payload === undefined || signature === undefined || rest.length > 0) return undefined
  const given = Buffer.from(signature)
  const expected = Buffer.from(sign(secret, payload))
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
  const parsed = payloadSchema.safeParse(decoded)
  if (!parsed.success || parsed.data.expiresAt <= now) return undefined
  const { expiresAt: _expiresAt, ...transaction } = parsed.data
  return transaction
}

export function setTransactionCookie(config: Config, response: Response, transaction: OidcTransaction): void {
  response.cookie(transactionCookieName(config), sealTransaction(config.sessionSecret, transaction), {
    httpOnly: true,
    secure: config.session.secureCookies,
    // Lax, not Strict: the provider's redirect back is a cross-site top-level GET, which Lax allows.
    sameSite: 'lax',
    path: '/',
    maxAge: TRANSACTION_MINUTES * 60_000,
  })
}

export function readTransactionCookie(config: Config, request: Request): OidcTransaction | undefined {
  return openTransaction(
    config.sessionSecret,
    parseCookies(request.headers.cookie ?? '')[transactionCookieName(config)],
  )
}

/** Each transaction is used once, whatever the outcome. */
export function clearTransactionCookie(config: Config, response: Response): void {
  response.clearCookie(transactionCookieName(config), {
    httpOnly: true,
    secure: config.session.secureCookies,
    sameSite: 'lax',
    path: '/',
  })
}
