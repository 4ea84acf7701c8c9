import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import type { Db } from '../src/db/database.js'
import { keepsAccessAfter } from '../src/areas/allocation/service.js'
import type { SignedInUser } from '../src/web/context.js'
import { todayInLondon } from '../src/web/forms/date-input.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, csrfFrom, signIn, submitForm, testApp, type Agent } from './support/http.js'

let database: TestDatabase
let db: Db
let fixture: Fixture
let app: Express
let worker: Agent
let manager: Agent
let head: Agent

beforeAll(async () => {
  database = await createTestDatabase()
  db = database.db
  fixture = await seedFixture(db)
  app = testApp(db)
  worker = await signIn(app, fixture.users.social_worker.email, PASSWORD)
  manager = await signIn(app, fixture.users.team_manager.email, PASSWORD)
  head = await signIn(app, fixture.users.head_of_service.email, PASSWORD)
})
afterAll(() => database.destroy())

const daysAgo = (days: number) => todayInLondon(new Date(Date.now() - days * 86_400_000))

function startFields(iso: string): Record<string, string> {
  const [year, month, day] = iso.split('-')
  return { 'start-day': String(Number(day)), 'start-month': String(Number(month)), 'start-year': year ?? '' }
}

const allocationsOf = (childId: number) =>
  db
    .selectFrom('worker_allocation')
    .selectAll()
    .where('child_id', '=', childId)
    .orderBy('start_date')
    .orderBy('id')
    .execute()

const errorSummary = (html: string) => $(html)('.govuk-error-summary').text().replace(/\s+/g, ' ')

/** The hidden fields naming the current social worker allocation, as the worker step puts them on the form. */
async function currentFields(childId: number): Promise<Record<string, string>> {
  const rows = await allocationsOf(childId)
  const current = rows.find((row) => row.end_date === null && row.allocation_role === 'social_worker')
  return { 'current-id': String(current?.id ?? ''), 'current-version': String(current?.version ?? '') }
}

describe('the allocation page', () => {
  it('shows the current worker and team, without change links for a social worker', async () => {
    const child = fixture.children.allocatedToWorker
    const response = await worker.get(`/children/${child}/allocation`)
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('h1').text()).toBe('Allocation')
    expect(page('.govuk-summary-list').text()).toContain('Test social worker, Child protection team')
    expect(page('a:contains("Change")').length).toBe(0)
    expect(page('table').text()).toContain('Current')
    const managerPage = $((await manager.get(`/children/${child}/allocation`)).text)
    expect(managerPage('a[href$="/allocation/change?role=social_worker"]').length).toBe(1)
  })
})

describe('changing the allocated social worker', () => {
  const child = () => fixture.children.allocatedToWorker

  it('asks for the team, then for a worker in that team and the reason the current allocation ends', async () => {
    const teams = await manager.get(`/children/${child()}/allocation/change?role=social_worker`)
    expect(teams.status).toBe(200)
    const teamPage = $(teams.text)
    expect(teamPage('h1').text().trim()).toBe('Which team will hold the case?')
    expect(teamPage('input[name=team][value="1"]').attr('checked')).toBeDefined()
    const noTeam = await manager.get(`/children/${child()}/allocation/change/worker?role=social_worker`)
    expect(noTeam.status).toBe(400)
    expect(errorSummary(noTeam.text)).toContain('Select a team')
    const workers = await manager.get(`/children/${child()}/allocation/change/worker?role=social_worker&team=1`)
    expect(workers.status).toBe(200)
    const page = $(workers.text)
    const names = page('input[name=worker]')
      .toArray()
      .map((input) => page(`label[for="${input.attribs['id']}"]`).text().trim())
    expect(names).toEqual([
      'Test otherTeamWorker',
      'Test social worker',
      'Test team manager',
      'No worker yet: allocate to Child protection team only',
    ])
    expect(page('fieldset:contains("Why is the current allocation ending?") label').text()).toContain(
      'Management decision, such as balancing caseloads',
    )
  })

  it('says what is missing, and refuses a start before the current allocation started', async () => {
    const path = `/children/${child()}/allocation/change/worker?role=social_worker&team=1`
    const current = await currentFields(child())
    const empty = await submitForm(manager, path, `/children/${child()}/allocation/change/check`, {
      role: 'social_worker',
      team: '1',
      ...current,
    })
    expect(empty.status).toBe(400)
    const summary = errorSummary(empty.text)
    expect(summary).toContain('Select a worker, or allocate to the team only')
    expect(summary).toContain('Enter the start date')
    expect(summary).toContain('Select why the current allocation is ending')
    const early = await submitForm(manager, path, `/children/${child()}/allocation/change/check`, {
      role: 'social_worker',
      team: '1',
      worker: String(fixture.users.otherTeamWorker.id),
      ...startFields('2025-12-31'),
      reason: 'MANAGE',
      ...current,
    })
    expect(early.status).toBe(400)
    expect(errorSummary(early.text)).toContain(
      'The start date must be on or after 5 January 2026, when the current allocation started',
    )
    const same = await submitForm(manager, path, `/children/${child()}/allocation/change/check`, {
      role: 'social_worker',
      team: '1',
      worker: String(fixture.users.social_worker.id),
      ...startFields(daysAgo(1)),
      reason: 'MANAGE',
      ...current,
    })
    expect(same.status).toBe(400)
    expect(errorSummary(same.text)).toContain('Test social worker is already allocated')
    expect(await allocationsOf(child())).toHaveLength(1)
  })

  it('checks the answers, then ends the current allocation with its reason and starts the new one', async () => {
    const start = daysAgo(2)
    const fields = {
      role: 'social_worker',
      team: '1',
      worker: String(fixture.users.otherTeamWorker.id),
      ...startFields(start),
      reason: 'LEFTRL',
      ...(await currentFields(child())),
    }
    const check = await submitForm(
      manager,
      `/children/${child()}/allocation/change/worker?role=social_worker&team=1`,
      `/children/${child()}/allocation/change/check`,
      fields,
    )
    expect(check.status).toBe(200)
    const page = $(check.text)
    expect(page('h1').text()).toBe('Check the allocation before you save it')
    const answers = page('.govuk-summary-list').text().replace(/\s+/g, ' ')
    expect(answers).toContain('Test otherTeamWorker')
    expect(answers).toContain('Worker left the role')
    expect(answers).toContain('Test social worker, Child protection team, since 5 January 2026')
    expect(page('.govuk-warning-text').length).toBe(0)
    expect(await allocationsOf(child())).toHaveLength(1)

    const confirm = await manager
      .post(`/children/${child()}/allocation/change`)
      .type('form')
      .send({ _csrf: csrfFrom(check.text), ...fields })
    expect(confirm.status).toBe(303)
    expect(confirm.headers['location']).toBe(`/children/${child()}/allocation?saved=1`)
    const [ended, started] = await allocationsOf(child())
    expect(ended).toMatchObject({
      user_id: fixture.users.social_worker.id,
      end_date: start,
      reason_for_change: 'LEFTRL',
      version: 2,
    })
    expect(started).toMatchObject({
      user_id: fixture.users.otherTeamWorker.id,
      team_id: 1,
      start_date: start,
      end_date: null,
      created_by: fixture.users.team_manager.id,
    })
    const audit = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('entity', '=', 'worker_allocation')
      .where('action', '=', 'create')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({
      child_id: child(),
      entity_id: String(started?.id),
      user_id: fixture.users.team_manager.id,
    })
    expect(audit.detail).toMatchObject({ endedAllocationId: ended?.id, reasonForChange: 'LEFTRL' })

    const after = $((await manager.get(`/children/${child()}/allocation?saved=1`)).text)
    const history = after('table tbody tr')
      .toArray()
      .map((row) => after(row).text().replace(/\s+/g, ' ').trim())
    expect(history).toHaveLength(2)
    expect(history[1]).toContain('Test social worker')
    expect(history[1]).toContain('Worker left the role')
    expect(after('.govuk-notification-banner--success').text()).toContain('The allocation has been changed')
    // The 903 SWEpisodes view reads the reason from the ended allocation.
    const episodes = await db.selectFrom('social_worker_episode').selectAll().where('child_id', '=', child()).execute()
    expect(episodes.find((episode) => episode.sw_dec !== null)?.sw_reason).toBe('LEFTRL')
  })

  it('refuses a stale confirmation: someone else changed the allocation first', async () => {
    const before = await allocationsOf(child())
    // The allocation this manager saw on their form has since been ended by the change above.
    const seen = before.find((row) => row.user_id === fixture.users.social_worker.id)
    const response = await submitForm(
      manager,
      `/children/${child()}/allocation`,
      `/children/${child()}/allocation/change`,
      {
        role: 'social_worker',
        team: '1',
        worker: String(fixture.users.team_manager.id),
        ...startFields(daysAgo(1)),
        reason: 'MANAGE',
        'current-id': String(seen?.id),
        'current-version': '1',
      },
    )
    expect(response.status).toBe(409)
    expect(await allocationsOf(child())).toHaveLength(before.length)
  })

  it('holds a case in a team with no worker, shown clearly as unallocated', async () => {
    const response = await submitForm(
      head,
      `/children/${child()}/allocation`,
      `/children/${child()}/allocation/change`,
      {
        role: 'social_worker',
        team: '1',
        worker: 'team_only',
        ...startFields(daysAgo(1)),
        reason: 'ABSENC',
        ...(await currentFields(child())),
      },
    )
    expect(response.status).toBe(303)
    const page = $((await head.get(`/children/${child()}/allocation`)).text)
    const current = page('.govuk-summary-list__row').first().text().replace(/\s+/g, ' ')
    expect(current).toContain('Unallocated')
    expect(current).toContain('No worker yet: held by Child protection team')
    expect((await allocationsOf(child())).at(-1)).toMatchObject({ user_id: null, team_id: 1, end_date: null })
  })
})

describe('who may change an allocation', () => {
  it('refuses a social worker and writes nothing', async () => {
    const child = fixture.children.sameTeam
    const before = await allocationsOf(child)
    expect((await worker.get(`/children/${child}/allocation/change?role=social_worker`)).status).toBe(403)
    const home = await worker.get('/')
    const response = await worker
      .post(`/children/${child}/allocation/change`)
      .type('form')
      .send({
        _csrf: csrfFrom(home.text),
        role: 'social_worker',
        team: '1',
        worker: String(fixture.users.social_worker.id),
        ...startFields(daysAgo(1)),
        reason: 'MANAGE',
        'current-id': '1',
        'current-version': '1',
      })
    expect(response.status).toBe(403)
    expect(await allocationsOf(child)).toEqual(before)
  })

  it('refuses a manager a child outside their teams and writes nothing', async () => {
    const child = fixture.children.otherTeam
    const before = await allocationsOf(child)
    const home = await manager.get('/')
    const response = await manager
      .post(`/children/${child}/allocation/change`)
      .type('form')
      .send({
        _csrf: csrfFrom(home.text),
        role: 'social_worker',
        team: '1',
        worker: String(fixture.users.social_worker.id),
        ...startFields(daysAgo(1)),
        reason: 'MANAGE',
        'current-id': '1',
        'current-version': '1',
      })
    expect(response.status).toBe(403)
    expect(await allocationsOf(child)).toEqual(before)
  })

  it('warns a manager moving a case out of their team, then confirms without sending them to a refusal', async () => {
    const child = fixture.children.sameTeam
    const fields = {
      role: 'social_worker',
      team: '2',
      worker: String(fixture.users.otherSocialWorker.id),
      ...startFields(daysAgo(1)),
      reason: 'TSPROC',
      ...(await currentFields(child)),
    }
    const check = await submitForm(
      manager,
      `/children/${child}/allocation/change/worker?role=social_worker&team=2`,
      `/children/${child}/allocation/change/check`,
      fields,
    )
    expect($(check.text)('.govuk-warning-text').text()).toContain(
      'you will no longer be able to see this child’s record',
    )
    const confirm = await manager
      .post(`/children/${child}/allocation/change`)
      .type('form')
      .send({ _csrf: csrfFrom(check.text), ...fields })
    expect(confirm.status).toBe(200)
    expect($(confirm.text)('h1').text().trim()).toBe('Allocation changed')
    expect((await allocationsOf(child)).at(-1)).toMatchObject({ team_id: 2, end_date: null })
    expect((await manager.get(`/children/${child}/allocation`)).status).toBe(403)
  })

  it('works out who keeps access after a change, by the scope rules', () => {
    const user = (role: SignedInUser['role'], teamIds: number[], managedTeamIds: number[] = []): SignedInUser => ({
      councilId: 1,
      councilName: 'Testbay',
      id: 50,
      email: 'x@example.test',
      displayName: 'X',
      role,
      teamIds,
      managedTeamIds,
      workerScope: 'team',
    })
    const iroElsewhere = [{ allocation_role: 'iro' as const, team_id: 3, user_id: 9, end_date: null }]
    const move = { role: 'social_worker' as const, teamId: 2, workerId: 7 }
    expect(keepsAccessAfter(user('team_manager', [1], [1]), iroElsewhere, move)).toBe(false)
    expect(keepsAccessAfter(user('team_manager', [2], [2]), iroElsewhere, move)).toBe(true)
    expect(keepsAccessAfter(user('social_worker', [3]), iroElsewhere, move)).toBe(true)
    expect(keepsAccessAfter(user('head_of_service', []), iroElsewhere, move)).toBe(true)
    expect(keepsAccessAfter(user('social_worker', [1]), [], { ...move, workerId: 50 })).toBe(true)
  })
})
