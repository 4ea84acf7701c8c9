import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as cheerio from 'cheerio'
import Provider from 'oidc-provider'

/**
 * A real OpenID Connect provider (oidc-provider) running inside the test process on 127.0.0.1, with
 * one confidential client for Harbour, PKCE required, and the package's development login and
 * consent pages, which tests drive over HTTP with {@link Browser}. Nothing on Harbour's side is mocked.
 */

export interface TestAccount {
  email?: string
  emailVerified?: boolean
}

export interface TestIdentityProvider {
  issuer: string
  clientId: string
  clientSecret: string
  /** People the provider knows, keyed by the login typed at its sign-in page, which is also their `sub`. */
  accounts: Map<string, TestAccount>
  close(): Promise<void>
}

/** Listens on 127.0.0.1 on a free port; returns the server and its origin. */
export async function listenOnFreePort(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
}

export async function startIdentityProvider(options: {
  redirectUri: string
  /** Put email claims in the ID token (as Entra ID does) rather than only in userinfo (the spec's default). */
  emailInIdToken?: boolean
}): Promise<TestIdentityProvider> {
  const server = createServer()
  // The issuer names the port, so listen first and attach the provider once the port is known.
  const issuer = await listenOnFreePort(server)
  const clientId = 'harbour-test'
  const clientSecret = randomBytes(24).toString('base64url')
  const accounts = new Map<string, TestAccount>()
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    conformIdTokenClaims: options.emailInIdToken !== true,
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    findAccount: (_context, id) => {
      const account = accounts.get(id) ?? {}
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          ...(account.email === undefined
            ? {}
            : { email: account.email, email_verified: account.emailVerified ?? false }),
        }),
      }
    },
  })
  server.on('request', provider.callback())
  return { issuer, clientId, clientSecret, accounts, close: () => closeServer(server) }
}

/**
 * Just enough of a browser for redirect-based sign-in: fetch with manual redirects and a cookie jar.
 * Cookies are kept per origin (scheme, host and port), which is stricter than a real browser and
 * keeps the provider's cookies and Harbour's apart.
 */
export class Browser {
  private readonly jar = new Map<string, Map<string, string>>()

  async fetch(
    url: URL | string,
    init: { method?: 'GET' | 'POST'; form?: Record<string, string> } = {},
  ): Promise<Response> {
    const target = new URL(url)
    const cookies = this.jar.get(target.origin) ?? new Map<string, string>()
    const headers = new Headers()
    if (cookies.size > 0) headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '))
    let body: string | undefined
    if (init.form !== undefined) {
      headers.set('content-type', 'application/x-www-form-urlencoded')
      body = new URLSearchParams(init.form).toString()
    }
    const response = await fetch(target, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      redirect: 'manual',
    })
    for (const line of response.headers.getSetCookie()) this.store(target.origin, line)
    return response
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name)
  }

  private store(origin: string, line: string): void {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim())
    const split = pair.indexOf('=')
    const name = pair.slice(0, split)
    const value = pair.slice(split + 1)
    const attribute = (key: string) =>
      attributes.find((part) => part.toLowerCase().startsWith(`${key}=`))?.split('=')[1]
    const maxAge = attribute('max-age')
    const expires = attribute('expires')
    const expired =
      (maxAge !== undefined && Number(maxAge) <= 0) ||
      (expires !== undefined && new Date(expires).getTime() <= Date.now())
    const cookies = this.jar.get(origin) ?? new Map<string, string>()
    if (expired) cookies.delete(name)
    else cookies.set(name, value)
    this.jar.set(origin, cookies)
  }
}

const location = (response: Response, base: URL) => new URL(response.headers.get('location') ?? '', base)

/**
 * Follows the provider's redirects from the authorisation URL, filling in its development login page
 * (as `login`) and consent page, or pressing its cancel link, until it redirects to Harbour's
 * callback. Returns that callback URL without requesting it, so a test can tamper with it first.
 */
export async function actAtProvider(
  browser: Browser,
  authorisationUrl: URL,
  redirectUri: string,
  action: { login: string } | 'cancel',
): Promise<URL> {
  let url = authorisationUrl
  for (let step = 0; step < 20; step++) {
    if (url.href.startsWith(`${redirectUri}?`)) return url
    const response = await browser.fetch(url)
    if (response.status >= 300 && response.status < 400) {
      url = location(response, url)
      continue
    }
    const html = await response.text()
    if (response.status !== 200 || !url.pathname.startsWith('/interaction/')) {
      throw new Error(`The provider answered ${response.status} at ${url.pathname}: ${html.slice(0, 400)}`)
    }
    if (action === 'cancel') {
      url = new URL(`${url.pathname}/abort`, url)
      continue
    }
    const $ = cheerio.load(html)
    const form = $('form').first()
    const prompt = String(form.find('input[name=prompt]').val())
    const fields: Record<string, string> =
      prompt === 'login' ? { prompt, login: action.login, password: 'not checked' } : { prompt }
    const submitted = await browser.fetch(new URL(form.attr('action') ?? url.pathname, url), { form: fields })
    if (submitted.status < 300 || submitted.status >= 400)
      throw new Error(`Submitting the ${prompt} page gave ${submitted.status}`)
    url = location(submitted, url)
  }
  throw new Error('The provider did not redirect back to Harbour')
}
