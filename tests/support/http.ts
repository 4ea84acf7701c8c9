import * as cheerio from 'cheerio'
import request from 'supertest'
import type { Express } from 'express'
import { createApp, type AppDependencies } from '../../src/app.js'
import { loadConfig, type Config } from '../../src/config.js'
import type { Db } from '../../src/db/database.js'
import { createLogger } from '../../src/logger.js'

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SECURE_COOKIES: 'false', ...overrides })
}

export function testApp(db: Db, options: Partial<AppDependencies> = {}): Express {
  return createApp({ db, config: options.config ?? testConfig(), logger: createLogger('silent'), ...options })
}

export type Agent = ReturnType<typeof request.agent>

/** The CSRF token from the first form on a page. */
export function csrfFrom(html: string): string {
  const token = cheerio.load(html)('input[name=_csrf]').first().attr('value')
  if (token === undefined) throw new Error('No CSRF token on the page')
  return token
}

export async function signIn(app: Express, email: string, password: string): Promise<Agent> {
  const agent = request.agent(app)
  const page = await agent.get('/sign-in')
  const response = await agent
    .post('/sign-in')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), email, password })
  if (response.status !== 303) throw new Error(`Sign-in as ${email} failed with ${response.status}`)
  return agent
}

/** Posts a form the way a browser would: fetch the page for a CSRF token, then submit. */
export async function submitForm(agent: Agent, pagePath: string, action: string, fields: Record<string, string>) {
  const page = await agent.get(pagePath)
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...fields })
}

export const $ = (html: string) => cheerio.load(html)
