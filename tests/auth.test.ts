import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import request from 'supertest'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, csrfFrom, signIn, testApp, testConfig } from './support/http.js'
import type { Express } from 'express'

let database: TestDatabase
let fixture: Fixture
let app: Express

beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await seedFixture(database.db)
  app = testApp(database.db, { config: testConfig({ SIGN_IN_MAX_FAILURES: '3' }) })
})
afterAll(() => database.destroy())

describe('sign-in', () => {
  it('signs a user in with the right password and lands on a home page for their role', async () => {
    const agent = await signIn(app, fixture.users.social_worker.email, PASSWORD)
    const home = await agent.get('/')
    expect(home.status).toBe(200)
    expect($(home.text)('h1').text()).toBe('Test social worker')
    expect($(home.text)('caption').text()).toContain('Your children')
    const audit = await database.db.selectFrom('audit_event').selectAll().where('action', '=', 'sign-in').execute()
    expect(audit.map((row) => row.user_id)).toContain(fixture.users.social_worker.id)
  })

  it('refuses a wrong password with the GOV.UK error summary and no session', async () => {
    const agent = request.agent(app)
    const page = await agent.get('/sign-in')
    const response = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: fixture.users.head_of_service.email, password: 'wrong' })
    expect(response.status).toBe(401)
    expect($(response.text)('.govuk-error-summary').text()).toContain('Enter a correct email address and password')
    expect($(response.text)('title').text()).toMatch(/^Error: /)
    expect((await agent.get('/')).status).toBe(303)
  })

  it('explains missing fields', async () => {
    const agent = request.agent(app)
    const page = await agent.get('/sign-in')
    const response = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: '', password: '' })
    expect(response.status).toBe(400)
    const summary = $(response.text)('.govuk-error-summary')
    expect(summary.text()).toContain('Enter your email address')
    expect(summary.text()).toContain('Enter your password')
  })

  it('locks an account after repeated failures, even against the right password', async () => {
    const email = fixture.users.performance_officer.email
    for (let attempt = 0; attempt < 3; attempt++) {
      const agent = request.agent(app)
      const page = await agent.get('/sign-in')
      await agent
        .post('/sign-in')
        .type('form')
        .send({ _csrf: csrfFrom(page.text), email, password: 'wrong' })
    }
    const agent = request.agent(app)
    const page = await agent.get('/sign-in')
    const response = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email, password: PASSWORD })
    expect(response.status).toBe(401)
    expect(response.text).toContain('Your account is locked')
    const row = await database.db
      .selectFrom('user_account')
      .select('locked_until')
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
    expect(row.locked_until?.getTime()).toBeGreaterThan(Date.now())
  })

  it('rejects a form without a valid CSRF token and changes nothing', async () => {
    const agent = request.agent(app)
    await agent.get('/sign-in')
    const response = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: fixture.users.social_worker.email, password: PASSWORD })
    expect(response.status).toBe(403)
    expect($(response.text)('h1').text()).toBe('This form has expired')
    const forged = await agent.post('/sign-in').type('form').send({
      _csrf: 'forged-token-forged-token-forged-token-0',
      email: fixture.users.social_worker.email,
      password: PASSWORD,
    })
    expect(forged.status).toBe(403)
    expect((await agent.get('/')).status).toBe(303)
  })

  it('signs out, ending the session in the database', async () => {
    const agent = await signIn(app, fixture.users.team_manager.email, PASSWORD)
    const home = await agent.get('/')
    const before = await database.db
      .selectFrom('user_session')
      .select('id')
      .where('user_id', '=', fixture.users.team_manager.id)
      .execute()
    expect(before.length).toBeGreaterThan(0)
    const response = await agent
      .post('/sign-out')
      .type('form')
      .send({ _csrf: csrfFrom(home.text) })
    expect(response.status).toBe(303)
    expect(response.headers['location']).toBe('/sign-in?signedOut=1')
    const after = await database.db
      .selectFrom('user_session')
      .select('id')
      .where('user_id', '=', fixture.users.team_manager.id)
      .execute()
    expect(after.length).toBe(before.length - 1)
    expect((await agent.get('/')).headers['location']).toMatch(/^\/sign-in/)
  })

  it('expires an idle session and tells the user why', async () => {
    const agent = await signIn(app, fixture.users.councillor.email, PASSWORD)
    expect((await agent.get('/')).status).toBe(200)
    await database.db
      .updateTable('user_session')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('user_id', '=', fixture.users.councillor.id)
      .execute()
    const response = await agent.get('/')
    expect(response.status).toBe(303)
    const page = await agent.get(response.headers['location'] as string)
    expect(page.text).toContain('You were signed out because you had not used Harbour for a while')
  })

  it('never redirects off-site after sign-in', async () => {
    const agent = request.agent(app)
    const page = await agent.get('/sign-in?returnTo=//evil.example/')
    const response = await agent
      .post('/sign-in')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        email: fixture.users.administrator.email,
        password: PASSWORD,
        returnTo: '//evil.example/',
      })
    expect(response.headers['location']).toBe('/')
  })

  it('serves security headers with a CSP nonce', async () => {
    const response = await request(app).get('/sign-in')
    const csp = response.headers['content-security-policy'] as string
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(response.headers['x-content-type-options']).toBe('nosniff')
  })
})
