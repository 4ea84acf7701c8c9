import type { Express } from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCalendarDays } from '../src/areas/compliance/calendar.js'
import { todayInLondon } from '../src/web/forms/date-input.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, signIn, submitForm, testApp, type Agent } from './support/http.js'

let database: TestDatabase
let fixture: Fixture
let app: Express
let worker: Agent
let manager: Agent
let head: Agent
let administrator: Agent

const today = todayInLondon()
const daysAgo = (days: number) => addCalendarDays(today, -days)
const numbers = (cells: string[]) => cells.map((cell) => Number(cell.replace(/[^0-9]/g, '')))

beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await seedFixture(database.db)
  const c = fixture.councilId
  const { allocatedToWorker, sameTeam, otherTeam } = fixture.children
  // 101 (the social worker's, team 1): in care for 30 days, never visited: the visit is overdue.
  await database.db
    .insertInto('period_of_care')
    .values({ council_id: c, id: 9001, child_id: allocatedToWorker, start_date: daysAgo(30), created_by: null })
    .execute()
  await database.db
    .insertInto('placement')
    .values({
      council_id: c,
      id: 9002,
      child_id: allocatedToWorker,
      placement_type: 'U3',
      start_date: daysAgo(30),
      created_by: null,
    })
    .execute()
  await database.db
    .insertInto('looked_after_episode')
    .values({
      council_id: c,
      id: 9003,
      child_id: allocatedToWorker,
      period_of_care_id: 9001,
      placement_id: 9002,
      start_date: daysAgo(30),
      reason_new_episode: 'S',
      legal_status: 'C2',
      category_of_need: 'N1',
      placement_type: 'U3',
      created_by: null,
    })
    .execute()
  // 102 (another worker in team 1): a child protection plan from 60 days ago, visited late once.
  await database.db
    .insertInto('cp_plan')
    .values({
      council_id: c,
      id: 9101,
      child_id: sameTeam,
      start_date: daysAgo(60),
      initial_category: 'NEG',
      latest_category: 'NEG',
      created_by: null,
    })
    .execute()
  for (const days of [50, 20, 2]) {
    await database.db
      .insertInto('visit')
      .values({
        council_id: c,
        child_id: sameTeam,
        visit_date: daysAgo(days),
        visit_type: 'child_protection',
        child_seen: true,
        visitor_id: fixture.users.otherTeamWorker.id,
        created_by: null,
      })
      .execute()
  }
  await database.db
    .insertInto('missed_visit')
    .values({
      council_id: c,
      child_id: sameTeam,
      planned_date: daysAgo(36),
      visit_type: 'child_protection',
      reason: 'worker_unavailable',
      created_by: null,
    })
    .execute()
  // 103 (team 2): a child in need plan started today.
  await database.db
    .insertInto('cin_plan')
    .values({ council_id: c, id: 9201, child_id: otherTeam, start_date: today, created_by: null })
    .execute()
  app = testApp(database.db)
  worker = await signIn(app, fixture.users.social_worker.email, PASSWORD)
  manager = await signIn(app, fixture.users.team_manager.email, PASSWORD)
  head = await signIn(app, fixture.users.head_of_service.email, PASSWORD)
  administrator = await signIn(app, fixture.users.administrator.email, PASSWORD)
})
afterAll(() => database.destroy())

describe('a worker’s tray', () => {
  it('shows what is due for their own children: overdue, due this week, due later', async () => {
    const response = await worker.get('/work')
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('h1').text().trim()).toBe('Your work tray')
    expect(page('h2#overdue').text()).toContain('Overdue')
    const overdue = page('h2#overdue + table').text()
    expect(overdue).toContain('Testchild Allocated')
    expect(overdue).toContain('Looked-after child visit')
    expect(overdue).toContain('Reason needed')
    expect(page('body').text()).not.toContain('Sameteam')
    expect(page('body').text()).not.toContain('Otherteam')
    expect(page('.govuk-service-navigation').text()).toContain('Work tray')
  })

  it('filters and sorts with the query string', async () => {
    const page = $((await worker.get('/work?family=looked_after_review&status=&sort=child')).text)
    const rows = page('tbody tr')
    expect(rows.length).toBe(1)
    expect(rows.text()).toContain('Looked-after review')
    expect(page('select#family option[selected]').attr('value')).toBe('looked_after_review')
    const nothing = $((await worker.get('/work?status=overdue&family=cp_visit')).text)
    expect(nothing('tbody tr').length).toBe(0)
  })

  it('exports the list as CSV, and audits the export', async () => {
    const response = await worker.get('/work/export?status=overdue')
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toContain('text/csv')
    const lines = response.text.trim().split('\n')
    expect(lines[0]).toContain('Child ID,Child,What,Rule,Due date,Status')
    expect(lines.slice(1).every((line) => line.includes('T101') && line.includes('overdue'))).toBe(true)
    const audit = await database.db.selectFrom('audit_event').selectAll().where('action', '=', 'export').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]?.detail).toMatchObject({ childIds: [fixture.children.allocatedToWorker] })
  })
})

describe('a team manager’s tray', () => {
  it('covers the team with caseload per worker, and no other team', async () => {
    const response = await manager.get('/work/team')
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('h1').text().trim()).toBe('Team work tray')
    const workers = page('table').first()
    expect(workers.find('caption').text()).toContain('Caseload and work due, by worker')
    const rowFor = (name: string) => workers.find('tbody tr').filter((_i, row) => page(row).text().includes(name))
    // Test social worker holds 101 and the restricted 104; Test otherTeamWorker holds 102.
    const [caseload, overdue] = numbers(
      rowFor('Test social worker')
        .find('td')
        .toArray()
        .map((cell) => page(cell).text()),
    ).slice(1, 3)
    expect(caseload).toBe(2)
    expect(overdue).toBeGreaterThanOrEqual(1)
    expect(page('body').text()).toContain('Testchild Sameteam')
    expect(page('body').text()).not.toContain('Otherteam')
  })

  it('refuses a team the manager does not manage, and refuses social workers', async () => {
    expect((await manager.get('/work/team?team=2')).status).toBe(403)
    expect((await worker.get('/work/team')).status).toBe(403)
    expect((await manager.get('/work/service')).status).toBe(403)
  })
})

describe('the head of service’s tray and timeliness', () => {
  it('shows every team with totals that add up', async () => {
    const response = await head.get('/work/service')
    expect(response.status).toBe(200)
    const page = $(response.text)
    const table = page('table').first()
    const rows = table
      .find('tbody tr')
      .toArray()
      .map((row) =>
        page(row)
          .find('th, td')
          .toArray()
          .map((cell) => page(cell).text().trim()),
      )
    const total = rows.find((row) => row[0] === 'Total') as string[]
    const teams = rows.filter((row) => row[0] !== 'Total')
    expect(teams.map((row) => row[0])).toEqual(
      expect.arrayContaining(['Child protection team', 'Children in care team']),
    )
    for (const column of [1, 2, 4, 5]) {
      expect(
        teams.reduce((sum, row) => sum + Number(row[column]), 0),
        `column ${column}`,
      ).toBe(Number(total[column]))
    }
  })

  it('reports visit timeliness for a period, with team rows adding up to the total', async () => {
    const [fy, fm, fd] = daysAgo(90).split('-')
    const [ty, tm, td] = today.split('-')
    const response = await head.get(
      `/work/timeliness?from-day=${fd}&from-month=${fm}&from-year=${fy}&to-day=${td}&to-month=${tm}&to-year=${ty}`,
    )
    expect(response.status).toBe(200)
    const page = $(response.text)
    const table = page('table').first()
    const rows = table
      .find('tbody tr')
      .toArray()
      .map((row) =>
        page(row)
          .find('th, td')
          .toArray()
          .map((cell) => page(cell).text().trim()),
      )
    const total = rows.find((row) => row[0] === 'Total') as string[]
    // 101: first-week visit not done. 102: due 10 working days after the plan, seen late; later visits also late.
    expect(Number(total[1])).toBeGreaterThanOrEqual(3)
    expect(Number(total[5])).toBeGreaterThanOrEqual(1)
    expect(Number(total[6])).toBeGreaterThanOrEqual(1)
    for (const column of [1, 2, 4, 5, 6]) {
      expect(rows.filter((row) => row[0] !== 'Total').reduce((sum, row) => sum + Number(row[column]), 0)).toBe(
        Number(total[column]),
      )
    }
    expect(page('body').text()).toContain('Children not seen within timescale')
    expect(page('body').text()).toContain('Testchild Allocated')
    // 102's second visit was late, and the worker recorded why.
    expect(page('body').text()).toContain('Worker was not available')
    expect(total.slice(1)).toEqual(['4', '1', '25%', '2', '1', '1'])
  })

  it('refuses a period that ends before it starts', async () => {
    const response = await head.get(
      '/work/timeliness?from-day=10&from-month=10&from-year=2026&to-day=1&to-month=10&to-year=2026',
    )
    expect(response.status).toBe(400)
    expect($(response.text)('.govuk-error-summary').text()).toContain(
      'The end of the period must be the same as or after the start',
    )
  })
})

describe('timescales and the council’s own standards', () => {
  it('lists every rule with its source for anyone signed in', async () => {
    const response = await worker.get('/timescales')
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('#wt\\.assessment\\.complete').text()).toContain('45 working days')
    expect(page('#wt\\.assessment\\.complete').text()).toContain('Working Together to Safeguard Children 2023')
    expect(page('#cpr\\.visit\\.year1').text()).toContain('reg 28')
  })

  it('lets an administrator change the child protection visit standard from a date, audited', async () => {
    const form = '/settings/timescales/local.cp.visit'
    expect((await administrator.get('/settings/timescales')).status).toBe(200)
    const page = await administrator.get(form)
    expect(page.status).toBe(200)
    const [year, month, day] = today.split('-')
    const invalid = await submitForm(administrator, form, form, {
      version: '0',
      enabled: 'yes',
      timeLimit: '0',
      unit: 'calendar_weeks',
      reason: '',
    })
    expect(invalid.status).toBe(400)
    const summary = $(invalid.text)('.govuk-error-summary').text()
    expect(summary).toContain('Enter a whole number between 1 and 365')
    expect(summary).toContain('Enter why the council’s standard is changing')
    expect(summary).toContain('Enter the date the standard applies from')
    const saved = await submitForm(administrator, form, form, {
      version: '0',
      enabled: 'yes',
      timeLimit: '4',
      unit: 'calendar_weeks',
      reason: 'Partnership procedures changed',
      'effectiveFrom-day': String(Number(day)),
      'effectiveFrom-month': String(Number(month)),
      'effectiveFrom-year': year as string,
    })
    expect(saved.status).toBe(303)
    const row = await database.db.selectFrom('council_timescale').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      rule_id: 'local.cp.visit',
      time_limit: 4,
      unit: 'calendar_weeks',
      effective_from: today,
      enabled: true,
    })
    const audit = await database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('entity', '=', 'council_setting')
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'create', entity_id: 'local.cp.visit' })
    // A second save from the same stale form is a conflict, not an overwrite.
    const stale = await submitForm(administrator, form, form, {
      version: '0',
      enabled: 'yes',
      timeLimit: '3',
      unit: 'calendar_weeks',
      reason: 'Again',
      'effectiveFrom-day': String(Number(day)),
      'effectiveFrom-month': String(Number(month)),
      'effectiveFrom-year': year as string,
    })
    expect(stale.status).toBe(409)
    // Clocks that start today use it; the settings page says so.
    const settings = $((await head.get('/settings/timescales')).text)
    expect(settings('body').text()).toContain('4 weeks (since')
    expect((await worker.get('/settings/timescales')).status).toBe(403)
  })

  it('lets the head of service set the confirmation age and the escalation ladder', async () => {
    const bad = await submitForm(head, '/settings/timescales', '/settings/confirmation-age', {
      version: '0',
      minimumAge: '3',
    })
    expect(bad.status).toBe(400)
    expect($(bad.text)('.govuk-error-summary').text()).toContain('Enter an age between 8 and 25')
    expect(
      (await submitForm(head, '/settings/timescales', '/settings/confirmation-age', { version: '0', minimumAge: '12' }))
        .status,
    ).toBe(303)
    const setting = await database.db.selectFrom('council_setting').selectAll().executeTakeFirstOrThrow()
    expect(setting).toMatchObject({ key: 'visit_confirmation.minimum_age', value: 12 })

    const added = await submitForm(head, '/settings/escalation-steps/new', '/settings/escalation-steps', {
      version: '0',
      name: 'Service manager',
      escalateToRole: 'team_manager',
      afterDaysOverdue: '7',
      respondWithin: '2',
      active: 'yes',
    })
    expect(added.status).toBe(303)
    const step = await database.db.selectFrom('escalation_step').selectAll().executeTakeFirstOrThrow()
    expect(step).toMatchObject({ step_number: 1, raise_after_days_overdue: 7, respond_within_working_days: 2 })
    const changed = await submitForm(
      head,
      `/settings/escalation-steps/${step.id}`,
      `/settings/escalation-steps/${step.id}`,
      {
        version: String(step.version),
        name: 'Service manager',
        escalateToRole: 'head_of_service',
        afterDaysOverdue: '14',
        respondWithin: '3',
        active: 'yes',
      },
    )
    expect(changed.status).toBe(303)
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['entity', 'action'])
      .where('entity', 'in', ['escalation_step', 'council_setting'])
      .execute()
    expect(audit).toEqual(
      expect.arrayContaining([
        { entity: 'escalation_step', action: 'create' },
        { entity: 'escalation_step', action: 'update' },
      ]),
    )
  })
})
