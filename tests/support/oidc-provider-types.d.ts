// oidc-provider ships no type declarations; these cover only what tests/support/oidc-provider.ts uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export interface AccountClaims {
    sub: string
    [claim: string]: unknown
  }

  export interface Account {
    accountId: string
    claims(use: string, scope: string, claims: unknown, rejected: string[]): Promise<AccountClaims> | AccountClaims
  }

  export interface ClientMetadata {
    client_id: string
    client_secret?: string
    redirect_uris: string[]
    grant_types?: string[]
    response_types?: string[]
    token_endpoint_auth_method?: string
    [key: string]: unknown
  }

  export interface Configuration {
    clients?: ClientMetadata[]
    findAccount?: (context: unknown, id: string, token?: unknown) => Promise<Account | undefined> | Account | undefined
    claims?: Record<string, string[]>
    scopes?: string[]
    pkce?: { required?: (context: unknown, client: unknown) => boolean }
    cookies?: { keys?: string[] }
    jwks?: { keys: object[] }
    conformIdTokenClaims?: boolean
    features?: Record<string, unknown>
    [key: string]: unknown
  }

  export class Provider {
    constructor(issuer: string, configuration?: Configuration)
    readonly issuer: string
    proxy: boolean
    callback(): (request: IncomingMessage, response: ServerResponse) => void
    on(event: string, listener: (...args: unknown[]) => void): this
  }

  export default Provider
}
