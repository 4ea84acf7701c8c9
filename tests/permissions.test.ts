import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import request from 'supertest'
import type { Express } from 'express'
import { routeTable } from '../src/app.js'
import { createLogger } from '../src/logger.js'
import { ROLES, roleHas } from '../src/web/permissions.js'
import { registerRoutes, get, post, RouteDefinitionError, type RouteDefinition } from '../src/web/routes.js'
import type { Role } from '../src/db/tables/foundation.js'
import express from 'express'
import { z } from 'zod'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, csrfFrom, signIn, testApp, testConfig, type Agent } from './support/http.js'

let database: TestDatabase
let fixture: Fixture
let app: Express
let routes: RouteDefinition[]
const agents = new Map<Role, Agent>()

/** Fills route parameters with ids that exist, so a refusal is about permission, not a missing record. */
function concretePath(path: string): string {
  return path
    .replace(':childId', String(fixture.children.allocatedToWorker))
    .replace(':userId', String(fixture.users.social_worker.id))
    .replace(/:[A-Za-z]+/g, '1')
}

beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await seedFixture(database.db)
  app = testApp(database.db)
  routes = routeTable({ db: database.db, config: testConfig(), logger: createLogger('silent') })
  for (const role of ROLES) agents.set(role, await signIn(app, fixture.users[role].email, PASSWORD))
})
afterAll(() => database.destroy())

describe('the route table', () => {
  it('declares a permission and an audit for every route', () => {
    expect(routes.length).toBeGreaterThan(5)
    for (const route of routes) {
      expect(route.permission, `${route.method} ${route.path}`).toBeTruthy()
      expect(route.audit, `${route.method} ${route.path}`).toBeTruthy()
    }
  })

  it('cannot register a route without a permission, or a POST without a schema', () => {
    const router = express.Router()
    const noPermission = {
      ...get({
        path: '/x',
        name: 'x',
        permission: 'public',
        audit: { kind: 'none', reason: 'test' },
        handler: async () => {},
      }),
    }
    Reflect.deleteProperty(noPermission, 'permission')
    expect(() => registerRoutes(router, database.db, [noPermission as RouteDefinition])).toThrow(RouteDefinitionError)
    const noSchema = {
      ...post({
        path: '/y',
        name: 'y',
        permission: 'signed-in',
        audit: { kind: 'none', reason: 'test' },
        body: z.object({}),
        invalid: async () => {},
        handler: async () => {},
      }),
    }
    Reflect.deleteProperty(noSchema, 'body')
    expect(() => registerRoutes(router, database.db, [noSchema as RouteDefinition])).toThrow(RouteDefinitionError)
    const unauditedChildRead = get({
      path: '/children',
      name: 'z',
      permission: 'child:read',
      audit: { kind: 'child', entity: 'child' },
      handler: async () => {},
    })
    expect(() => registerRoutes(router, database.db, [unauditedChildRead])).toThrow(RouteDefinitionError)
  })

  it('fails a list or export declared as audited by its handler when the handler writes no audit row', async () => {
    const errors: unknown[] = []
    const probe = express()
    probe.use((request, _response, next) => {
      request.user = { id: 1, councilId: 1, role: 'performance_officer' } as never
      next()
    })
    const router = express.Router()
    const listing = (name: string, audits: boolean) =>
      get({
        path: `/${name}`,
        name,
        permission: 'figures:read',
        audit: { kind: 'handler', entity: 'child', reason: 'test' },
        handler: async (_request, response, { markAudited }) => {
          if (audits) markAudited()
          response.send('listed')
        },
      })
    registerRoutes(router, database.db, [listing('audited', true), listing('forgotten', false)])
    probe.use(router)
    probe.use((error: unknown, _request: express.Request, _response: express.Response, next: express.NextFunction) => {
      errors.push(error)
      next()
    })
    await request(probe).get('/audited').expect(200)
    expect(errors).toEqual([])
    await request(probe).get('/forgotten')
    expect(String(errors[0])).toContain('without writing an audit row')
  })

  it('declares every route without :childId that reads children as audited by its handler', () => {
    const listings = routes.filter((route) => route.audit.kind === 'handler').map((route) => route.path)
    expect(listings).toEqual(
      expect.arrayContaining(['/figures/indicators/:indicatorId/children', '/returns/:year', '/work/export']),
    )
  })
})

describe('every route refuses every role without its permission', () => {
  it('holds for the whole route × role matrix', { timeout: 300_000 }, async () => {
    const checked: string[] = []
    for (const role of ROLES) {
      const agent = agents.get(role) as Agent
      // One token per session is enough: CSRF tokens are bound to the session, not to a page.
      const csrf = csrfFrom((await agent.get('/')).text)
      for (const route of routes) {
        if (roleHas(role, route.permission)) continue
        const path = concretePath(route.path)
        const response =
          route.method === 'get' ? await agent.get(path) : await agent.post(path).type('form').send({ _csrf: csrf })
        expect(response.status, `${role} → ${route.method.toUpperCase()} ${route.path}`).toBe(403)
        checked.push(`${role} ${route.method} ${route.path}`)
      }
      // A 403 never signs the user out.
      expect((await agent.get('/')).status, `${role} still signed in after the refusals`).toBe(200)
    }
    expect(checked.length).toBeGreaterThan(10)
  })

  it('sends anyone not signed in to the sign-in page for every non-public route', async () => {
    for (const route of routes.filter((candidate) => candidate.permission !== 'public' && candidate.method === 'get')) {
      const response = await request(app).get(concretePath(route.path))
      expect(response.status, route.path).toBe(303)
      expect(response.headers['location'], route.path).toMatch(/^\/sign-in\?returnTo=/)
    }
  })
})

describe('every role has a home page of its own', () => {
  it.each(ROLES)('%s', async (role) => {
    const response = await (agents.get(role) as Agent).get('/')
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('.govuk-body-l').text()).toContain(
      page('.harbour-header__user')
        .text()
        .match(/\((.+)\)/)?.[1] ?? 'missing role label',
    )
  })
})

describe('councillors see figures only', () => {
  it('never see a child-level row or name, even on their home page', async () => {
    const agent = agents.get('councillor') as Agent
    const home = await agent.get('/')
    expect(home.text).not.toContain('Testchild')
    expect(home.text).not.toContain('/children/')
    for (const route of routes.filter((candidate) => candidate.path.startsWith('/children'))) {
      const response =
        route.method === 'get'
          ? await agent.get(concretePath(route.path))
          : await agent
              .post(concretePath(route.path))
              .type('form')
              .send({ _csrf: csrfFrom(home.text) })
      expect(response.status, route.path).toBe(403)
      expect(response.text).not.toContain('Testchild')
    }
  })

  it('shows small counts as [c]', async () => {
    // The fixture council has 4 children: a count that could identify a child.
    const response = await (agents.get('councillor') as Agent).get('/')
    expect($(response.text)('.harbour-figure').first().text()).toBe('[c]')
  })
})
