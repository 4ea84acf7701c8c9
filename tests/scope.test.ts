import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import { scopedChildren } from '../src/areas/children/child-access.js'
import { loadSignedInUser } from '../src/areas/auth/sessions.js'
import type { SignedInUser } from '../src/web/context.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, signIn, submitForm, testApp } from './support/http.js'

let database: TestDatabase
let fixture: Fixture
let app: Express

beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await seedFixture(database.db)
  app = testApp(database.db)
})
afterAll(() => database.destroy())

async function visibleTo(key: keyof Fixture['users']): Promise<number[]> {
  const person = fixture.users[key]
  const user = (await loadSignedInUser(database.db, person.councilId, person.id)) as SignedInUser
  const rows = await scopedChildren(database.db, user).select('child.id').orderBy('child.id').execute()
  return rows.map((row) => row.id)
}

describe('record-level scope in the data layer', () => {
  it('gives a social worker their own and their team’s children, never a restricted record they are not named on', async () => {
    const { allocatedToWorker, sameTeam } = fixture.children
    expect(await visibleTo('social_worker')).toEqual([allocatedToWorker, sameTeam])
  })

  it('limits a social worker to their own allocations when the council chooses that', async () => {
    await database.db
      .updateTable('council')
      .set({ worker_scope: 'allocated' })
      .where('id', '=', fixture.councilId)
      .execute()
    try {
      expect(await visibleTo('social_worker')).toEqual([fixture.children.allocatedToWorker])
      expect(await visibleTo('otherTeamWorker')).toEqual([fixture.children.sameTeam])
    } finally {
      await database.db
        .updateTable('council')
        .set({ worker_scope: 'team' })
        .where('id', '=', fixture.councilId)
        .execute()
    }
  })

  it('gives a team manager their team, plus restricted records they are named on', async () => {
    const { allocatedToWorker, sameTeam, restricted } = fixture.children
    expect(await visibleTo('team_manager')).toEqual([allocatedToWorker, sameTeam, restricted])
  })

  it('gives heads of service and performance officers the whole council except restricted records', async () => {
    const { allocatedToWorker, sameTeam, otherTeam } = fixture.children
    expect(await visibleTo('head_of_service')).toEqual([allocatedToWorker, sameTeam, otherTeam])
    expect(await visibleTo('performance_officer')).toEqual([allocatedToWorker, sameTeam, otherTeam])
  })

  it('gives councillors and administrators no child at all', async () => {
    expect(await visibleTo('councillor')).toEqual([])
    expect(await visibleTo('administrator')).toEqual([])
  })

  it('never crosses councils', async () => {
    expect(await visibleTo('otherCouncilWorker')).toEqual([fixture.children.otherCouncil])
  })
})

describe('opening a child’s record', () => {
  it('shows a child in scope and audits the read', async () => {
    const agent = await signIn(app, fixture.users.social_worker.email, PASSWORD)
    const response = await agent.get(`/children/${fixture.children.allocatedToWorker}`)
    expect(response.status).toBe(200)
    expect($(response.text)('.harbour-child-header__name').text()).toBe('Testchild Allocated')
    const audit = await database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('child_id', '=', fixture.children.allocatedToWorker)
      .where('action', '=', 'read')
      .execute()
    expect(audit.at(-1)).toMatchObject({
      user_id: fixture.users.social_worker.id,
      entity: 'child',
      route: 'GET /children/:childId',
    })
  })

  it('refuses a child outside scope with a clear page, and records the attempt', async () => {
    const agent = await signIn(app, fixture.users.social_worker.email, PASSWORD)
    for (const childId of [
      fixture.children.otherTeam,
      fixture.children.restricted,
      fixture.children.otherCouncil,
      999999,
    ]) {
      const response = await agent.get(`/children/${childId}`)
      expect(response.status).toBe(403)
      expect($(response.text)('h1').text()).toBe('You do not have access to this child’s record')
      expect(response.text).not.toContain('Testchild')
    }
    const denied = await database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'denied')
      .where('user_id', '=', fixture.users.social_worker.id)
      .execute()
    expect(denied.map((row) => row.entity_id)).toEqual(
      expect.arrayContaining([String(fixture.children.otherTeam), String(fixture.children.restricted), '999999']),
    )
    // The other council's child is not named in this council's audit as that child.
    expect(denied.find((row) => row.entity_id === String(fixture.children.otherCouncil))?.child_id).toBeNull()
  })

  it('keeps search results within scope', async () => {
    const agent = await signIn(app, fixture.users.social_worker.email, PASSWORD)
    const response = await agent.get('/children?q=testchild')
    const names = $(response.text)('tbody a')
      .map((_index, link) => $(response.text)(link).text())
      .get()
    expect(names.sort()).toEqual(['Testchild Allocated', 'Testchild Sameteam'])
  })
})

describe('restricted records', () => {
  it('are hidden from everyone not named, including heads of service', async () => {
    for (const key of ['head_of_service', 'performance_officer', 'social_worker', 'otherTeamWorker'] as const) {
      const agent = await signIn(app, fixture.users[key].email, PASSWORD)
      expect((await agent.get(`/children/${fixture.children.restricted}`)).status, key).toBe(403)
    }
    const named = await signIn(app, fixture.users.team_manager.email, PASSWORD)
    expect((await named.get(`/children/${fixture.children.restricted}`)).status).toBe(200)
  })

  it('can be restricted by a head of service, who is named automatically; others then lose access', async () => {
    const head = await signIn(app, fixture.users.head_of_service.email, PASSWORD)
    const childId = fixture.children.otherTeam
    const missingReason = await submitForm(head, `/children/${childId}/access`, `/children/${childId}/access`, {
      restriction: 'sealed',
      reason: '',
      version: '1',
    })
    expect(missingReason.status).toBe(400)
    expect($(missingReason.text)('.govuk-error-summary').text()).toContain('Enter why this record is restricted')
    const saved = await submitForm(head, `/children/${childId}/access`, `/children/${childId}/access`, {
      restriction: 'sealed',
      reason: 'Adoption',
      version: '1',
    })
    expect(saved.status).toBe(303)
    expect((await head.get(`/children/${childId}`)).status).toBe(200)
    const worker = await signIn(app, fixture.users.otherSocialWorker.email, PASSWORD)
    expect((await worker.get(`/children/${childId}`)).status).toBe(403)
    const audit = await database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('child_id', '=', childId)
      .where('action', '=', 'update')
      .execute()
    expect(audit).toHaveLength(1)
    // A second save from the same stale form is a conflict, not a silent overwrite.
    const stale = await submitForm(head, `/children/${childId}/access`, `/children/${childId}/access`, {
      restriction: 'none',
      version: '1',
    })
    expect(stale.status).toBe(409)
    expect($(stale.text)('h1').text()).toBe('Someone else has changed this record')
    const child = await database.db
      .selectFrom('child')
      .select('restriction')
      .where('id', '=', childId)
      .executeTakeFirstOrThrow()
    expect(child.restriction).toBe('sealed')
  })
})
