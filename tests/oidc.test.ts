import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import request from 'supertest'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { seedFixture, type Fixture } from './support/fixtures.js'
import { $, testApp, testConfig } from './support/http.js'
import {
  openTransaction,
  sealTransaction,
  TRANSACTION_MINUTES,
  type OidcTransaction,
} from '../src/areas/auth/oidc-transaction.js'
import {
  actAtProvider,
  Browser,
  closeServer,
  listenOnFreePort,
  startIdentityProvider,
  type TestIdentityProvider,
} from './support/oidc-provider.js'

let database: TestDatabase
let fixture: Fixture
let idp: TestIdentityProvider
let harbour: Server
let origin: string
let redirectUri: string

/** Harbour on a real port, configured for the given provider, so the provider can redirect back to it. */
async function startHarbour(
  configure: (
    redirectUri: string,
  ) => Promise<TestIdentityProvider | { issuer: string; clientId: string; clientSecret: string }>,
) {
  const server = createServer()
  const harbourOrigin = await listenOnFreePort(server)
  const callback = `${harbourOrigin}/auth/oidc/callback`
  const provider = await configure(callback)
  const config = testConfig({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_REDIRECT_URI: callback,
    OIDC_ALLOW_INSECURE: 'true',
  })
  server.on('request', testApp(database.db, { config }))
  return { server, origin: harbourOrigin, redirectUri: callback }
}

beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await seedFixture(database.db)
  const started = await startHarbour(async (callback) => (idp = await startIdentityProvider({ redirectUri: callback })))
  ;({ server: harbour, origin, redirectUri } = started)
})
afterAll(async () => {
  await closeServer(harbour)
  await idp.close()
  await database.destroy()
})

/** Presses "Sign in with your council account" on Harbour's sign-in page; returns Harbour's answer. */
async function startAtHarbour(browser: Browser, harbourOrigin = origin, returnTo = '/'): Promise<Response> {
  const page = await browser.fetch(`${harbourOrigin}/sign-in?returnTo=${encodeURIComponent(returnTo)}`)
  const form = $(await page.text())('form[action="/auth/oidc/start"]')
  expect(form.find('button').text().trim()).toBe('Sign in with your council account')
  return browser.fetch(`${harbourOrigin}/auth/oidc/start`, {
    form: {
      _csrf: String(form.find('input[name=_csrf]').val()),
      returnTo: String(form.find('input[name=returnTo]').val()),
    },
  })
}

/**
 * Where Harbour's "continuing to your council's sign-in page" sends the browser: an immediate refresh,
 * with a button for when refresh is off (a redirect would be blocked by CSP form-action; see the ADR).
 */
async function authorisationUrlFrom(started: Response): Promise<URL> {
  expect(started.status).toBe(200)
  const page = $(await started.text())
  const refresh = page('meta[http-equiv="refresh"]').attr('content') ?? ''
  const button = page('a#continue').attr('href') ?? ''
  expect(refresh).toBe(`0; url=${button}`)
  return new URL(button)
}

/** The whole round trip: Harbour → provider (sign in as `login`) → Harbour's callback. */
async function signInAtProvider(login: string, options: { returnTo?: string } = {}) {
  const browser = new Browser()
  const started = await startAtHarbour(browser, origin, options.returnTo)
  const callbackUrl = await actAtProvider(browser, await authorisationUrlFrom(started), redirectUri, {
    login,
  })
  const callback = await browser.fetch(callbackUrl)
  return { browser, callback, html: await callback.text() }
}

const sessionsOf = async (userId: number) =>
  (
    await database.db
      .selectFrom('user_session')
      .select('id')
      .where('council_id', '=', fixture.councilId)
      .where('user_id', '=', userId)
      .execute()
  ).length

function expectProblemPage(html: string, heading: string) {
  const page = $(html)
  expect(page('h1').text().trim()).toBe(heading)
  expect(page('a[href="/sign-in"]').text()).toContain('sign-in page')
  // A clear page, never a stack trace.
  expect(page('details').length).toBe(0)
  expect(html).not.toMatch(/\bat .+\.(ts|js):\d+/)
}

describe('sign-in with the council’s identity provider', () => {
  it('signs in a linked user and lands on their home page with a session and an audit row', async () => {
    // Given a social worker whose Harbour account is linked to their council account
    const worker = fixture.users.social_worker
    await database.db
      .updateTable('user_account')
      .set({ oidc_subject: 'sub-social-worker' })
      .where('id', '=', worker.id)
      .where('council_id', '=', worker.councilId)
      .execute()
    idp.accounts.set('sub-social-worker', { email: worker.email, emailVerified: true })

    // When they press the button, Harbour sends them to the provider with PKCE, state and nonce
    const browser = new Browser()
    const started = await startAtHarbour(browser)
    const transactionCookie = started.headers.getSetCookie().find((line) => line.startsWith('harbour-oidc='))
    const authorisation = await authorisationUrlFrom(started)
    expect(authorisation.origin).toBe(idp.issuer)
    expect(authorisation.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorisation.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(authorisation.searchParams.get('state')).toBeTruthy()
    expect(authorisation.searchParams.get('nonce')).toBeTruthy()
    expect(authorisation.searchParams.get('redirect_uri')).toBe(redirectUri)
    expect(transactionCookie).toMatch(/HttpOnly/)
    expect(transactionCookie).toMatch(/SameSite=Lax/)
    expect(transactionCookie).not.toContain(authorisation.searchParams.get('code_challenge'))

    // And sign in there
    const callbackUrl = await actAtProvider(browser, authorisation, redirectUri, { login: 'sub-social-worker' })
    const callback = await browser.fetch(callbackUrl)

    // Then they land on their home page, signed in
    expect(callback.status).toBe(303)
    expect(callback.headers.get('location')).toBe('/')
    expect(browser.cookie(origin, 'harbour-oidc')).toBeUndefined()
    const home = await browser.fetch(`${origin}/`)
    expect(home.status).toBe(200)
    expect($(await home.text())('h1').text()).toBe('Test social worker')

    // And the sign-in is audited as an OIDC sign-in
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['detail', 'entity_id'])
      .where('action', '=', 'sign-in')
      .where('user_id', '=', worker.id)
      .where('council_id', '=', worker.councilId)
      .execute()
    expect(audit.map((row) => row.detail)).toContainEqual({ method: 'oidc' })
  })

  it('returns the user to the page they asked for, but never off-site', async () => {
    idp.accounts.set('sub-social-worker', { email: fixture.users.social_worker.email, emailVerified: true })
    const { callback } = await signInAtProvider('sub-social-worker', { returnTo: '/children' })
    expect(callback.headers.get('location')).toBe('/children')
    const offSite = await signInAtProvider('sub-social-worker', { returnTo: '//evil.example/' })
    expect(offSite.callback.headers.get('location')).toBe('/')
  })

  it('links the subject on first sign-in by verified email, then signs in by subject alone', async () => {
    // Given a team manager who has never used their council account with Harbour
    const manager = fixture.users.team_manager
    idp.accounts.set('sub-team-manager', { email: manager.email.toUpperCase(), emailVerified: true })

    const first = await signInAtProvider('sub-team-manager')
    expect(first.callback.status).toBe(303)
    const row = await database.db
      .selectFrom('user_account')
      .select('oidc_subject')
      .where('id', '=', manager.id)
      .where('council_id', '=', manager.councilId)
      .executeTakeFirstOrThrow()
    expect(row.oidc_subject).toBe('sub-team-manager')
    const link = await database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'update')
      .where('entity', '=', 'user_account')
      .where('entity_id', '=', String(manager.id))
      .execute()
    expect(link.map((event) => event.detail)).toContainEqual({ field: 'oidc_subject', linkedBy: 'verified email' })

    // When the provider later reports a different address, the subject still finds them
    idp.accounts.set('sub-team-manager', { email: 'renamed.manager@testbay.example', emailVerified: true })
    const again = await signInAtProvider('sub-team-manager')
    expect(again.callback.status).toBe(303)
    expect((await again.browser.fetch(`${origin}/`)).status).toBe(200)
  })

  it('refuses someone the council has not set up, and gives them no session', async () => {
    idp.accounts.set('sub-stranger', { email: 'stranger@elsewhere.example', emailVerified: true })
    const sessionsBefore = await database.db.selectFrom('user_session').select('id').execute()

    const { browser, callback, html } = await signInAtProvider('sub-stranger')

    expect(callback.status).toBe(403)
    expectProblemPage(html, 'Your council account is not set up in Harbour')
    expect($(html)('main').text()).toContain('Your council account is not set up in Harbour. Ask your administrator.')
    expect(browser.cookie(origin, 'harbour-session')).toBeUndefined()
    expect((await browser.fetch(`${origin}/`)).status).toBe(303)
    expect(await database.db.selectFrom('user_session').select('id').execute()).toHaveLength(sessionsBefore.length)
  })

  it('does not link by an email address the provider has not verified', async () => {
    const adviser = fixture.users.personal_adviser
    idp.accounts.set('sub-unverified', { email: adviser.email, emailVerified: false })

    const { callback, html } = await signInAtProvider('sub-unverified')

    expect(callback.status).toBe(403)
    expectProblemPage(html, 'Your council account is not set up in Harbour')
    const row = await database.db
      .selectFrom('user_account')
      .select('oidc_subject')
      .where('id', '=', adviser.id)
      .where('council_id', '=', adviser.councilId)
      .executeTakeFirstOrThrow()
    expect(row.oidc_subject).toBeNull()
    expect(await sessionsOf(adviser.id)).toBe(0)
  })

  it('does not let a second provider identity take over an account already linked to another', async () => {
    // The social worker is linked to sub-social-worker (first test); another identity claims the same address
    idp.accounts.set('sub-impostor', { email: fixture.users.social_worker.email, emailVerified: true })
    const { callback, html } = await signInAtProvider('sub-impostor')
    expect(callback.status).toBe(403)
    expectProblemPage(html, 'Your council account is not set up in Harbour')
  })

  it('refuses an inactive account even when its subject is linked', async () => {
    const councillor = fixture.users.councillor
    await database.db
      .updateTable('user_account')
      .set({ oidc_subject: 'sub-councillor', active: false })
      .where('id', '=', councillor.id)
      .where('council_id', '=', councillor.councilId)
      .execute()
    const { callback } = await signInAtProvider('sub-councillor')
    expect(callback.status).toBe(403)
    expect(await sessionsOf(councillor.id)).toBe(0)
  })
})

describe('refusing responses that cannot be trusted', () => {
  it('refuses a callback whose state has been tampered with', async () => {
    const head = fixture.users.head_of_service
    idp.accounts.set('sub-head', { email: head.email, emailVerified: true })
    const browser = new Browser()
    const started = await startAtHarbour(browser)
    const callbackUrl = await actAtProvider(browser, await authorisationUrlFrom(started), redirectUri, {
      login: 'sub-head',
    })

    callbackUrl.searchParams.set('state', `${callbackUrl.searchParams.get('state')}x`)
    const callback = await browser.fetch(callbackUrl)

    expect(callback.status).toBe(400)
    expectProblemPage(await callback.text(), 'Sign-in could not be completed')
    expect(browser.cookie(origin, 'harbour-session')).toBeUndefined()
    expect(await sessionsOf(head.id)).toBe(0)
  })

  it('refuses a callback that was started in another browser (login CSRF) or is replayed', async () => {
    const head = fixture.users.head_of_service
    idp.accounts.set('sub-head', { email: head.email, emailVerified: true })
    const victim = new Browser()
    const attacker = new Browser()
    const started = await startAtHarbour(attacker)
    const callbackUrl = await actAtProvider(attacker, await authorisationUrlFrom(started), redirectUri, {
      login: 'sub-head',
    })

    const planted = await victim.fetch(callbackUrl)
    expect(planted.status).toBe(400)
    expectProblemPage(await planted.text(), 'Sign-in could not be completed')

    expect((await attacker.fetch(callbackUrl)).status).toBe(303)
    const replayed = await attacker.fetch(callbackUrl)
    expect(replayed.status).toBe(400)
  })

  it('refuses a transaction cookie that has been altered', async () => {
    idp.accounts.set('sub-social-worker', { email: fixture.users.social_worker.email, emailVerified: true })
    const browser = new Browser()
    const started = await startAtHarbour(browser)
    const callbackUrl = await actAtProvider(browser, await authorisationUrlFrom(started), redirectUri, {
      login: 'sub-social-worker',
    })
    const cookie = browser.cookie(origin, 'harbour-oidc') ?? ''
    const [payload = '', signature = ''] = cookie.split('.')
    const altered = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>
    altered['returnTo'] = '/children'
    const forged = `harbour-oidc=${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${signature}`
    const response = await fetch(callbackUrl, { headers: { cookie: forged }, redirect: 'manual' })
    expect(response.status).toBe(400)
  })

  // Tests can re-sign the transaction cookie (they know the test secret) to prove each check holds on its own.
  async function callbackWithTransaction(
    change: (transaction: OidcTransaction) => OidcTransaction,
    sealedAt = Date.now(),
  ) {
    idp.accounts.set('sub-head', { email: fixture.users.head_of_service.email, emailVerified: true })
    const browser = new Browser()
    const started = await startAtHarbour(browser)
    const callbackUrl = await actAtProvider(browser, await authorisationUrlFrom(started), redirectUri, {
      login: 'sub-head',
    })
    const secret = testConfig().sessionSecret
    const transaction = openTransaction(secret, browser.cookie(origin, 'harbour-oidc'))
    if (transaction === undefined) throw new Error('No transaction cookie')
    const cookie = `harbour-oidc=${sealTransaction(secret, change(transaction), sealedAt)}`
    const response = await fetch(callbackUrl, { headers: { cookie }, redirect: 'manual' })
    return { response, html: await response.text() }
  }

  it('signs in when the re-signed transaction is unchanged (the control for the checks below)', async () => {
    const { response } = await callbackWithTransaction((transaction) => transaction)
    expect(response.status).toBe(303)
  })

  it('refuses an ID token whose nonce does not match the one Harbour sent', async () => {
    const { response, html } = await callbackWithTransaction((transaction) => ({
      ...transaction,
      nonce: 'a-different-nonce',
    }))
    expect(response.status).toBe(400)
    expectProblemPage(html, 'Sign-in could not be completed')
    expect(
      response.headers
        .getSetCookie()
        .some((line) => line.startsWith('harbour-session=') && !line.startsWith('harbour-session=;')),
    ).toBe(false)
  })

  it('refuses when the PKCE code verifier does not match (a stolen code is useless)', async () => {
    const { response, html } = await callbackWithTransaction((transaction) => ({
      ...transaction,
      codeVerifier: 'x'.repeat(43),
    }))
    expect(response.status).toBe(400)
    expectProblemPage(html, 'Sign-in could not be completed')
  })

  it('refuses a sign-in that took longer than the transaction allows', async () => {
    const { response } = await callbackWithTransaction(
      (transaction) => transaction,
      Date.now() - (TRANSACTION_MINUTES + 1) * 60_000,
    )
    expect(response.status).toBe(400)
  })

  it('shows a clear page when the user cancels at the provider (error=access_denied)', async () => {
    const browser = new Browser()
    const started = await startAtHarbour(browser)
    const callbackUrl = await actAtProvider(browser, await authorisationUrlFrom(started), redirectUri, 'cancel')
    expect(callbackUrl.searchParams.get('error')).toBe('access_denied')

    const callback = await browser.fetch(callbackUrl)

    expect(callback.status).toBe(403)
    const html = await callback.text()
    expectProblemPage(html, 'You have not been signed in')
    expect($(html)('main').text()).toContain('cancelled')
    expect(browser.cookie(origin, 'harbour-session')).toBeUndefined()
  })
})

describe('other answers from the provider', () => {
  it('names an unexpected provider error without showing its description', async () => {
    const browser = new Browser()
    const authorisation = await authorisationUrlFrom(await startAtHarbour(browser))
    // A PKCE method the provider does not allow makes it answer with an error
    authorisation.searchParams.set('code_challenge_method', 'plain')
    const answer = await browser.fetch(authorisation)
    const callbackUrl = new URL(answer.headers.get('location') ?? '', authorisation)
    expect(callbackUrl.href.startsWith(`${redirectUri}?`)).toBe(true)
    const error = callbackUrl.searchParams.get('error')
    expect(error).toBeTruthy()

    const callback = await browser.fetch(callbackUrl)

    expect(callback.status).toBe(502)
    const html = await callback.text()
    expectProblemPage(html, 'Your council’s sign-in service could not sign you in')
    expect($(html)('main').text()).toContain(`“${error}”`)
  })
})

describe('configuration', () => {
  it('starts while the provider is down, and says so clearly when someone tries to use it', async () => {
    // Given an issuer address where nothing is listening
    const probe = createServer()
    const deadIssuer = await listenOnFreePort(probe)
    await closeServer(probe)
    const down = await startHarbour(async () => ({ issuer: deadIssuer, clientId: 'harbour', clientSecret: 'secret' }))
    try {
      const browser = new Browser()
      const started = await startAtHarbour(browser, down.origin)
      expect(started.status).toBe(503)
      expectProblemPage(await started.text(), 'Your council’s sign-in service is not available')
      expect(browser.cookie(down.origin, 'harbour-oidc')).toBeUndefined()
    } finally {
      await closeServer(down.server)
    }
  })

  it('reads the email from the ID token when the provider puts it there', async () => {
    const officer = fixture.users.performance_officer
    let provider: TestIdentityProvider | undefined
    const other = await startHarbour(
      async (callback) => (provider = await startIdentityProvider({ redirectUri: callback, emailInIdToken: true })),
    )
    try {
      provider?.accounts.set('sub-performance', { email: officer.email, emailVerified: true })
      const browser = new Browser()
      const started = await startAtHarbour(browser, other.origin)
      const callbackUrl = await actAtProvider(browser, await authorisationUrlFrom(started), other.redirectUri, {
        login: 'sub-performance',
      })
      expect((await browser.fetch(callbackUrl)).status).toBe(303)
      expect(await sessionsOf(officer.id)).toBe(1)
    } finally {
      await closeServer(other.server)
      await provider?.close()
    }
  })

  it('has no OIDC routes and no button when OIDC is not configured', async () => {
    const app = testApp(database.db)
    expect((await request(app).get('/auth/oidc/callback?code=x&state=y')).status).toBe(404)
    const page = await request(app).get('/sign-in')
    expect($(page.text)('form[action="/auth/oidc/start"]').length).toBe(0)
  })
})
