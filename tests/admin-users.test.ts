import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import { userRows } from '../src/areas/admin/user-rows.js'
import { verifyAuditChain } from '../src/areas/audit/verify.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, csrfFrom, signIn, testApp, type Agent } from './support/http.js'

let database: TestDatabase
let fixture: Fixture
let app: Express
let admin: Agent

beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await seedFixture(database.db)
  app = testApp(database.db)
  admin = await signIn(app, fixture.users.administrator.email, PASSWORD)
})
afterAll(() => database.destroy())

const lock = (userId: number, councilId = fixture.councilId) =>
  database.db
    .updateTable('user_account')
    .set({ locked_until: new Date(Date.now() + 15 * 60_000), failed_sign_ins: 0 })
    .where('council_id', '=', councilId)
    .where('id', '=', userId)
    .execute()

const account = (userId: number, councilId = fixture.councilId) =>
  database.db
    .selectFrom('user_account')
    .select(['locked_until', 'failed_sign_ins'])
    .where('council_id', '=', councilId)
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()

describe('the users page', () => {
  it('lists the council’s users with role, teams, status, lock-out and last sign-in', async () => {
    const page = await admin.get('/admin/users')
    expect(page.status).toBe(200)
    expect($(page.text)('h1').text()).toBe('Users')
    const manager = $(page.text)(`#user-${fixture.users.team_manager.id}`).text()
    expect(manager).toContain('Test team manager')
    expect(manager).toContain('Team manager')
    expect(manager).toContain('Child protection team (manager)')
    expect(manager).toContain('Active')
    expect(manager).toContain('Not locked')
    expect(manager).toContain('Never')
    expect($(page.text)(`#user-${fixture.users.administrator.id}`).text()).not.toContain('Never')
    // Only this council's people.
    expect(page.text).not.toContain('Test otherCouncilWorker')
  })

  it('shapes rows: a lock in the past is no lock', () => {
    const now = new Date('2026-03-31T12:00:00Z')
    const [row] = userRows(
      [
        {
          id: 1,
          email: 'a@b.example',
          displayName: 'A',
          role: 'social_worker',
          active: false,
          lockedUntil: new Date('2026-03-31T11:00:00Z'),
          lastSignInAt: new Date('2026-03-30T08:05:00Z'),
          teams: [],
        },
      ],
      now,
    )
    expect(row).toMatchObject({
      locked: false,
      lockedUntil: 'Not locked',
      status: 'Deactivated',
      teams: 'None',
      lastSignIn: '30 Mar 2026, 9:05:00am',
    })
  })
})

describe('unlocking an account', () => {
  it('clears the lock-out and records who did it, in the audit chain', async () => {
    const userId = fixture.users.performance_officer.id
    await lock(userId)
    const page = await admin.get('/admin/users')
    const row = $(page.text)(`#user-${userId}`)
    expect(row.find('form').attr('action')).toBe(`/admin/users/${userId}/unlock`)
    const response = await admin
      .post(`/admin/users/${userId}/unlock`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
    expect(response.status).toBe(303)
    expect(response.headers['location']).toBe(`/admin/users?unlocked=${userId}`)
    expect(await account(userId)).toEqual({ locked_until: null, failed_sign_ins: 0 })
    const audit = await database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('council_id', '=', fixture.councilId)
      .where('entity', '=', 'user_account')
      .where('action', '=', 'update')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({
      user_id: fixture.users.administrator.id,
      entity_id: String(userId),
      route: 'POST /admin/users/:userId/unlock',
    })
    const after = await admin.get(response.headers['location'] as string)
    expect($(after.text)('.govuk-notification-banner').text()).toContain(
      'Test performance officer’s account is unlocked',
    )
    // The person can sign in again.
    await signIn(app, fixture.users.performance_officer.email, PASSWORD)
    expect((await verifyAuditChain(database.db)).every((report) => report.ok)).toBe(true)
  })

  it('refuses a form without a CSRF token', async () => {
    const userId = fixture.users.personal_adviser.id
    await lock(userId)
    const response = await admin.post(`/admin/users/${userId}/unlock`).type('form').send({})
    expect(response.status).toBe(403)
    expect((await account(userId)).locked_until).not.toBeNull()
  })

  it('cannot reach another council’s user', async () => {
    const other = fixture.users.otherCouncilWorker
    await lock(other.id, other.councilId)
    const page = await admin.get('/admin/users')
    const response = await admin
      .post(`/admin/users/${other.id}/unlock`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
    expect(response.status).toBe(404)
    expect((await account(other.id, other.councilId)).locked_until).not.toBeNull()
  })

  it('refuses unexpected fields', async () => {
    const userId = fixture.users.personal_adviser.id
    const page = await admin.get('/admin/users')
    const response = await admin
      .post(`/admin/users/${userId}/unlock`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), role: 'administrator' })
    expect(response.status).toBe(400)
    expect((await account(userId)).locked_until).not.toBeNull()
  })
})

describe('who may manage users', () => {
  it('refuses every role but administrator', async () => {
    for (const key of ['social_worker', 'team_manager', 'head_of_service', 'councillor'] as const) {
      const agent = await signIn(app, fixture.users[key].email, PASSWORD)
      const home = await agent.get('/')
      expect((await agent.get('/admin/users')).status, key).toBe(403)
      const unlock = await agent
        .post(`/admin/users/${fixture.users.personal_adviser.id}/unlock`)
        .type('form')
        .send({ _csrf: csrfFrom(home.text) })
      expect(unlock.status, key).toBe(403)
    }
    expect((await account(fixture.users.personal_adviser.id)).locked_until).not.toBeNull()
  })
})
