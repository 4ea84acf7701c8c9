import path from 'node:path'
import { z } from 'zod'

/**
 * The one typed view of Harbour's environment. Everything configurable is read here, once, and
 * validated with Zod so a mistake stops Harbour at boot with a message that names the variable.
 */
const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes')

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A postgres:// URL switches Harbour to a real PostgreSQL server; otherwise the embedded PGlite is used. */
  DATABASE_URL: z.string().optional(),
  /** Where the embedded database keeps its files. */
  DATA_DIR: z.string().default('./data'),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(10),
  /** Cookies are marked Secure unless this is false (plain-HTTP local runs). */
  SECURE_COOKIES: boolean.optional(),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  SIGN_IN_LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  /** Load the synthetic council on first start (demo installations only). */
  DEMO: boolean.default(false),
  DEMO_SEED: z.coerce.number().int().default(20261122),
  /** Size of the synthetic council: 1 is Blackpool-sized; browser tests use a small fraction. */
  DEMO_SCALE: z.coerce.number().positive().max(200).default(1),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_REDIRECT_URI: z.url().optional(),
  OIDC_BUTTON_TEXT: z.string().default('Sign in with your council account'),
  /** Allows http:// issuers; only for the in-process identity provider used by tests and demos. */
  OIDC_ALLOW_INSECURE: boolean.default(false),
})

export type DatabaseConfig = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string }

export interface OidcConfig {
  issuer: string
  clientId: string
  clientSecret: string | undefined
  redirectUri: string
  buttonText: string
  allowInsecure: boolean
}

export interface Config {
  env: 'development' | 'test' | 'production'
  port: number
  host: string
  logLevel: string
  database: DatabaseConfig
  sessionSecret: string
  session: { idleMinutes: number; absoluteHours: number; secureCookies: boolean }
  signIn: { maxFailures: number; lockoutMinutes: number }
  demo: { enabled: boolean; seed: number; scale: number }
  oidc: OidcConfig | undefined
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

const DEVELOPMENT_SECRET = 'harbour-development-secret-not-for-production-use'

export function parseDatabaseUrl(url: string | undefined, dataDir: string): DatabaseConfig {
  if (url === undefined || url.trim() === '') return { kind: 'pglite', dataDir: path.resolve(dataDir) }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new ConfigError('DATABASE_URL is not a valid URL. Use the form postgres://user:password@host:5432/database')
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ConfigError(`DATABASE_URL must start with postgres:// (it starts with ${parsed.protocol}//)`)
  }
  if (parsed.hostname === '' || parsed.pathname.replace('/', '') === '') {
    throw new ConfigError('DATABASE_URL must name a host and a database, e.g. postgres://user@localhost:5432/harbour')
  }
  return { kind: 'postgres', url }
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const result = environmentSchema.safeParse(environment)
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Harbour's configuration is not valid:\n  ${problems.join('\n  ')}`)
  }
  const values = result.data
  const production = values.NODE_ENV === 'production'
  if (production && values.SESSION_SECRET === undefined) {
    throw new ConfigError('SESSION_SECRET must be set in production (at least 32 random characters).')
  }
  const oidcValues = [values.OIDC_ISSUER, values.OIDC_CLIENT_ID, values.OIDC_REDIRECT_URI]
  if (oidcValues.some((value) => value !== undefined) && oidcValues.some((value) => value === undefined)) {
    throw new ConfigError('OIDC sign-in needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_REDIRECT_URI together.')
  }
  if (production && values.OIDC_ISSUER !== undefined && values.OIDC_CLIENT_SECRET === undefined) {
    throw new ConfigError('OIDC_CLIENT_SECRET must be set in production when OIDC sign-in is switched on.')
  }
  return {
    env: values.NODE_ENV,
    port: values.PORT,
    host: values.HOST,
    logLevel: values.LOG_LEVEL,
    database: parseDatabaseUrl(values.DATABASE_URL, values.DATA_DIR),
    sessionSecret: values.SESSION_SECRET ?? DEVELOPMENT_SECRET,
    session: {
      idleMinutes: values.SESSION_IDLE_MINUTES,
      absoluteHours: values.SESSION_ABSOLUTE_HOURS,
      secureCookies: values.SECURE_COOKIES ?? production,
    },
    signIn: { maxFailures: values.SIGN_IN_MAX_FAILURES, lockoutMinutes: values.SIGN_IN_LOCKOUT_MINUTES },
    demo: { enabled: values.DEMO, seed: values.DEMO_SEED, scale: values.DEMO_SCALE },
    oidc:
      values.OIDC_ISSUER !== undefined && values.OIDC_CLIENT_ID !== undefined && values.OIDC_REDIRECT_URI !== undefined
        ? {
            issuer: values.OIDC_ISSUER,
            clientId: values.OIDC_CLIENT_ID,
            clientSecret: values.OIDC_CLIENT_SECRET,
            redirectUri: values.OIDC_REDIRECT_URI,
            buttonText: values.OIDC_BUTTON_TEXT,
            allowInsecure: values.OIDC_ALLOW_INSECURE,
          }
        : undefined,
  }
}
