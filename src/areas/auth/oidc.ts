import * as client from 'openid-client'
import type { OidcConfig } from '../../config.js'

/**
 * Harbour's OpenID Connect client: the authorisation code flow with PKCE, state and nonce, built on
 * openid-client. Discovery happens on first use and is cached, so Harbour starts (and password
 * sign-in works) while the council's identity provider is down; a failed discovery is retried on
 * the next attempt rather than cached.
 */

/** The provider could not be reached, timed out or answered with something that is not OIDC. */
export class OidcUnavailableError extends Error {
  override name = 'OidcUnavailableError'
}

/** The provider answered the authorisation request with an error (the user cancelled, for example). */
export class OidcProviderRefusedError extends Error {
  override name = 'OidcProviderRefusedError'
  constructor(
    readonly error: string,
    readonly description: string | undefined,
  ) {
    super(`The identity provider returned ${error}`)
  }
}

/** The response failed a check: state, issuer, PKCE, nonce, ID token, or a code that was already used. */
export class OidcResponseRejectedError extends Error {
  override name = 'OidcResponseRejectedError'
}

export interface OidcAuthorisation {
  /** Where to send the user's browser. */
  url: URL
  /** Kept by Harbour until the callback; never sent to the provider's authorisation endpoint. */
  codeVerifier: string
  state: string
  nonce: string
}

export interface OidcChecks {
  codeVerifier: string
  state: string
  nonce: string
}

export interface VerifiedClaims {
  /** The provider's stable identifier for the person (`sub`). */
  subject: string
  email: string | undefined
  /** True only when the provider says so with a boolean `email_verified: true`. */
  emailVerified: boolean
}

export interface OidcClient {
  startSignIn(): Promise<OidcAuthorisation>
  /** Takes the query string the provider redirected back with; returns claims only if every check passes. */
  finishSignIn(callbackQuery: URLSearchParams, checks: OidcChecks): Promise<VerifiedClaims>
}

const SCOPE = 'openid email'
const NETWORK_CODES = new Set([
  'OAUTH_TIMEOUT',
  'OAUTH_ABORT',
  'OAUTH_RESPONSE_IS_NOT_CONFORM',
  'OAUTH_RESPONSE_IS_NOT_JSON',
])

/** Sorts openid-client's errors into the three things Harbour tells a user; anything else is a bug and is rethrown. */
export function classifyOidcError(error: unknown): unknown {
  if (error instanceof client.AuthorizationResponseError)
    return new OidcProviderRefusedError(error.error, error.error_description)
  if (error instanceof client.ResponseBodyError) {
    return error.status >= 500
      ? new OidcUnavailableError(`The identity provider answered ${error.status}`, { cause: error })
      : new OidcResponseRejectedError(`The identity provider refused the request: ${error.error}`, { cause: error })
  }
  if (error instanceof client.ClientError) {
    if (error.code !== undefined && NETWORK_CODES.has(error.code))
      return new OidcUnavailableError(error.message, { cause: error })
    // Insecure-request refusals are configuration mistakes, not bad responses: let them surface as errors.
    if (error.code === 'OAUTH_HTTP_REQUEST_FORBIDDEN' || error.code === 'OAUTH_REQUEST_PROTOCOL_FORBIDDEN') return error
    return new OidcResponseRejectedError(error.message, { cause: error })
  }
  // fetch() reports refused connections, DNS failures and resets as a TypeError('fetch failed').
  if (error instanceof TypeError && error.message === 'fetch failed')
    return new OidcUnavailableError('The identity provider cannot be reached', { cause: error })
  return error
}

export function createOidcClient(config: OidcConfig, options: { timeoutSeconds?: number } = {}): OidcClient {
  let discovered: Promise<client.Configuration> | undefined

  const discover = (): Promise<client.Configuration> => {
    discovered ??= client
      .discovery(new URL(config.issuer), config.clientId, config.clientSecret, undefined, {
        // ID tokens from the token endpoint are also checked against the provider's published keys.
        execute: config.allowInsecure
          ? [client.allowInsecureRequests, client.enableNonRepudiationChecks]
          : [client.enableNonRepudiationChecks],
        timeout: options.timeoutSeconds ?? 10,
      })
      .catch((error: unknown) => {
        discovered = undefined
        throw classifyOidcError(error)
      })
    return discovered
  }

  return {
    async startSignIn() {
      const configuration = await discover()
      const codeVerifier = client.randomPKCECodeVerifier()
      const state = client.randomState()
      const nonce = client.randomNonce()
      const url = client.buildAuthorizationUrl(configuration, {
        redirect_uri: config.redirectUri,
        scope: SCOPE,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      })
      return { url, codeVerifier, state, nonce }
    },

    async finishSignIn(callbackQuery, checks) {
      const configuration = await discover()
      // Built from the configured redirect URI, not the Host header: behind a proxy they can differ.
      const currentUrl = new URL(config.redirectUri)
      currentUrl.search = callbackQuery.toString()
      try {
        const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        })
        const idToken = tokens.claims()
        if (idToken === undefined) throw new OidcResponseRejectedError('No ID token was returned')
        let email = typeof idToken['email'] === 'string' ? idToken['email'] : undefined
        let emailVerified = idToken['email_verified'] === true
        // Providers that follow the core spec strictly put scope claims in userinfo, not the ID token.
        if (email === undefined && configuration.serverMetadata().userinfo_endpoint !== undefined) {
          const userInfo = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub)
          email = typeof userInfo.email === 'string' ? userInfo.email : undefined
          emailVerified = userInfo.email_verified === true
        }
        return { subject: idToken.sub, email, emailVerified }
      } catch (error) {
        throw classifyOidcError(error)
      }
    },
  }
}
