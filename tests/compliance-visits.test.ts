import type { Express } from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCalendarDays } from '../src/areas/compliance/calendar.js'
import { todayInLondon } from '../src/web/forms/date-input.js'
import { runCli } from '../src/cli.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, signIn, submitForm, testApp, type Agent } from './support/http.js'

let database: TestDatabase
let fixture: Fixture
let app: Express
let worker: Agent
let manager: Agent
let head: Agent
let otherTeamWorker: Agent

const today = todayInLondon()
const daysAgo = (days: number) => addCalendarDays(today, -days)
const dateFields = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-')
  return {
    [`${name}-day`]: String(Number(day)),
    [`${name}-month`]: String(Number(month)),
    [`${name}-year`]: year as string,
  }
}

/** Child 101 came into care 30 days ago and has not been visited: the first-week visit is 23 days overdue. */
async function lookedAfterWithoutVisit(db: TestDatabase['db'], councilId: number, childId: number) {
  await db
    .insertInto('period_of_care')
    .values({ council_id: councilId, id: 9001, child_id: childId, start_date: daysAgo(30), created_by: null })
    .execute()
  await db
    .insertInto('placement')
    .values({
      council_id: councilId,
      id: 9002,
      child_id: childId,
      placement_type: 'U3',
      start_date: daysAgo(30),
      created_by: null,
    })
    .execute()
  await db
    .insertInto('looked_after_episode')
    .values({
      council_id: councilId,
      id: 9003,
      child_id: childId,
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
}

async function auditRows(entity: string) {
  return database.db
    .selectFrom('audit_event')
    .select(['action', 'entity', 'entity_id', 'child_id', 'user_id', 'detail'])
    .where('council_id', '=', fixture.councilId)
    .where('entity', '=', entity)
    .orderBy('seq')
    .execute()
}

beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await seedFixture(database.db)
  await lookedAfterWithoutVisit(database.db, fixture.councilId, fixture.children.allocatedToWorker)
  await database.db
    .insertInto('cin_plan')
    .values({
      council_id: fixture.councilId,
      id: 9101,
      child_id: fixture.children.allocatedToWorker,
      start_date: daysAgo(100),
      created_by: null,
    })
    .execute()
  await database.db
    .insertInto('escalation_step')
    .values([
      {
        council_id: fixture.councilId,
        id: 1,
        step_number: 1,
        name: 'Team manager',
        escalate_to_role: 'team_manager',
        respond_within_working_days: 1,
        raise_after_days_overdue: 0,
        created_by: null,
      },
      {
        council_id: fixture.councilId,
        id: 2,
        step_number: 2,
        name: 'Head of service',
        escalate_to_role: 'head_of_service',
        respond_within_working_days: 2,
        raise_after_days_overdue: 14,
        created_by: null,
      },
      {
        council_id: fixture.councilId,
        id: 3,
        step_number: 3,
        name: 'Not yet',
        escalate_to_role: 'head_of_service',
        respond_within_working_days: 2,
        raise_after_days_overdue: 60,
        created_by: null,
      },
    ])
    .execute()
  app = testApp(database.db)
  worker = await signIn(app, fixture.users.social_worker.email, PASSWORD)
  manager = await signIn(app, fixture.users.team_manager.email, PASSWORD)
  head = await signIn(app, fixture.users.head_of_service.email, PASSWORD)
  otherTeamWorker = await signIn(app, fixture.users.otherSocialWorker.email, PASSWORD)
})
afterAll(() => database.destroy())

const child = () => fixture.children.allocatedToWorker
const visitsPage = () => `/children/${child()}/visits`

describe('the visits and timescales page', () => {
  it('has a daily command that raises the escalation steps due (opening pages later raises nothing more)', async () => {
    const out: string[] = []
    const run = () =>
      runCli(['escalations', 'raise'], {
        out: (line) => out.push(line),
        err: (line) => out.push(line),
        withDatabase: (fn) => fn(database.db),
      })
    expect(await run()).toBe(0)
    expect(out).toEqual(['Testbay Council: 2 escalations raised', 'Elsewhere Council: 0 escalations raised'])
    expect(await run()).toBe(0)
    expect(out.slice(2)).toEqual(['Testbay Council: 0 escalations raised', 'Elsewhere Council: 0 escalations raised'])
  })

  it('shows what is due for the child and why, and records the read in the audit log', async () => {
    const response = await worker.get(visitsPage())
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('h1').text().trim()).toBe('Visits and timescales')
    const due = page('table').first()
    expect(due.text()).toContain('Looked-after child visit')
    expect(due.text()).toContain('Overdue by 23 days')
    expect(due.text()).toContain('7 days from the placement started on')
    expect(due.find('a[href="/timescales#cpr.visit.first"]').length).toBe(1)
    expect(due.text()).toContain('Looked-after review')
    const reads = (await auditRows('visit')).filter((row) => row.action === 'read')
    expect(reads.at(-1)).toMatchObject({ child_id: child(), user_id: fixture.users.social_worker.id })
  })

  it('raises the escalation steps that are due, once each, and audits them', async () => {
    await worker.get(visitsPage())
    const escalations = await database.db
      .selectFrom('escalation')
      .selectAll()
      .where('child_id', '=', child())
      .orderBy('step_id')
      .execute()
    expect(escalations.map((row) => [row.step_id, row.rule_id, row.status])).toEqual([
      [1, 'cpr.visit.first', 'open'],
      [2, 'cpr.visit.first', 'open'],
    ])
    expect(escalations[0]?.raised_to_user_id).toBe(fixture.users.team_manager.id)
    expect(escalations[1]?.raised_to_user_id).toBe(fixture.users.head_of_service.id)
    expect(escalations[1]?.previous_escalation_id).toBe(escalations[0]?.id)
    const created = (await auditRows('escalation')).filter((row) => row.action === 'create')
    expect(created).toHaveLength(2)
    expect(created[0]?.user_id).toBeNull()
  })

  it('refuses a worker from another team, and writes nothing', async () => {
    expect((await otherTeamWorker.get(visitsPage())).status).toBe(403)
    const before = await database.db.selectFrom('visit').select('id').execute()
    const response = await submitForm(otherTeamWorker, '/', `${visitsPage()}`, {
      ...dateFields('visitDate', daysAgo(1)),
      visitType: 'looked_after',
      childSeen: 'yes',
      seenAlone: 'yes',
      bedroomSeen: 'yes',
      visitedBy: 'me',
    })
    expect(response.status).toBe(403)
    expect(await database.db.selectFrom('visit').select('id').execute()).toEqual(before)
  })
})

describe('recording a missed-visit reason', () => {
  it('asks for a reason, and the text when the reason is "other", and a planned date not in the past', async () => {
    const form = `${visitsPage()}/missed/new?visitType=looked_after&dueDate=${daysAgo(23)}`
    const page = await worker.get(form)
    expect(page.status).toBe(200)
    expect($(page.text)('h1').text().trim()).toBe('Record why a visit is late')
    const empty = await submitForm(worker, form, `${visitsPage()}/missed`, {
      visitType: 'looked_after',
      dueDate: daysAgo(23),
    })
    expect(empty.status).toBe(400)
    const summary = $(empty.text)('.govuk-error-summary').text()
    expect(summary).toContain('Select why the visit has not happened')
    expect(summary).toContain('Enter the date the visit is now planned for')
    const other = await submitForm(worker, form, `${visitsPage()}/missed`, {
      visitType: 'looked_after',
      dueDate: daysAgo(23),
      reason: 'other',
      ...dateFields('plannedDate', daysAgo(-2)),
    })
    expect(other.status).toBe(400)
    expect($(other.text)('.govuk-error-summary').text()).toContain('Enter the reason the visit has not happened')
    const past = await submitForm(worker, form, `${visitsPage()}/missed`, {
      visitType: 'looked_after',
      dueDate: daysAgo(23),
      reason: 'child_refused',
      ...dateFields('plannedDate', daysAgo(3)),
    })
    expect(past.status).toBe(400)
    expect($(past.text)('.govuk-error-summary').text()).toContain('must be today or in the future')
    expect(await database.db.selectFrom('missed_visit').select('id').execute()).toEqual([])
  })

  it('records the reason and planned date, shows it beside the overdue visit, and audits it', async () => {
    const form = `${visitsPage()}/missed/new?visitType=looked_after&dueDate=${daysAgo(23)}`
    const response = await submitForm(worker, form, `${visitsPage()}/missed`, {
      visitType: 'looked_after',
      dueDate: daysAgo(23),
      reason: 'not_at_placement',
      ...dateFields('plannedDate', daysAgo(-2)),
    })
    expect(response.status).toBe(303)
    expect(response.headers['location']).toBe(`${visitsPage()}?saved=missed`)
    const rows = await database.db.selectFrom('missed_visit').selectAll().execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      child_id: child(),
      planned_date: daysAgo(23),
      reason: 'not_at_placement',
      rearranged_for: daysAgo(-2),
    })
    const audit = (await auditRows('missed_visit')).at(-1)
    expect(audit).toMatchObject({ action: 'create', child_id: child() })
    const page = $((await worker.get(`${visitsPage()}?saved=missed`)).text)
    expect(page('.govuk-notification-banner--success').text()).toContain('The reason has been recorded')
    expect(page('table').first().text()).toContain('Child was not at home')
  })
})

describe('acknowledging and responding to an escalation', () => {
  it('lets the team manager acknowledge their step, then respond; a social worker cannot', async () => {
    const [first] = await database.db.selectFrom('escalation').selectAll().where('step_id', '=', 1).execute()
    expect(first).toBeDefined()
    const acknowledge = `/children/${child()}/escalations/${first?.id}/acknowledge`
    expect((await submitForm(worker, visitsPage(), acknowledge, { version: String(first?.version) })).status).toBe(403)

    const page = $((await manager.get(visitsPage())).text)
    expect(page(`form[action="${acknowledge}"] button`).text()).toContain('Acknowledge')
    const done = await submitForm(manager, visitsPage(), acknowledge, { version: String(first?.version) })
    expect(done.status).toBe(303)
    const acknowledged = await database.db
      .selectFrom('escalation')
      .selectAll()
      .where('id', '=', first?.id as number)
      .executeTakeFirstOrThrow()
    expect(acknowledged).toMatchObject({ status: 'acknowledged', acknowledged_by: fixture.users.team_manager.id })

    const respond = `/children/${child()}/escalations/${first?.id}/respond`
    const blank = await submitForm(manager, visitsPage(), respond, {
      version: String(acknowledged.version),
      response: '',
    })
    expect(blank.status).toBe(400)
    expect($(blank.text)('.govuk-error-summary').text()).toContain('Enter what you have done or decided')
    const responded = await submitForm(manager, visitsPage(), respond, {
      version: String(acknowledged.version),
      response: 'Unannounced visit booked for tomorrow with the police.',
    })
    expect(responded.status).toBe(303)
    const row = await database.db
      .selectFrom('escalation')
      .selectAll()
      .where('id', '=', first?.id as number)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'responded', responded_by: fixture.users.team_manager.id })
    const audit = (await auditRows('escalation')).filter((entry) => entry.action === 'update')
    expect(audit.map((entry) => (entry.detail as { status: string }).status)).toEqual(['acknowledged', 'responded'])
  })

  it('keeps a team manager off the head of service’s step', async () => {
    const [second] = await database.db.selectFrom('escalation').selectAll().where('step_id', '=', 2).execute()
    const response = await submitForm(
      manager,
      visitsPage(),
      `/children/${child()}/escalations/${second?.id}/acknowledge`,
      {
        version: String(second?.version),
      },
    )
    expect(response.status).toBe(403)
    const ok = await submitForm(head, visitsPage(), `/children/${child()}/escalations/${second?.id}/acknowledge`, {
      version: String(second?.version),
    })
    expect(ok.status).toBe(303)
  })

  it('turns a stale acknowledgement into the conflict page', async () => {
    const [second] = await database.db.selectFrom('escalation').selectAll().where('step_id', '=', 2).execute()
    const stale = await submitForm(head, visitsPage(), `/children/${child()}/escalations/${second?.id}/respond`, {
      version: String((second?.version ?? 1) - 1),
      response: 'Checked.',
    })
    expect(stale.status).toBe(409)
  })
})

describe('recording a visit', () => {
  it('shows the form with every field labelled', async () => {
    const response = await worker.get(`${visitsPage()}/new`)
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('h1').text().trim()).toBe('Record a visit')
    for (const id of ['visitDate', 'visitType', 'childSeen', 'seenAlone', 'bedroomSeen', 'visitedBy', 'note']) {
      expect(page(`#${id}, [name="${id}"], #${id}-day`).length, id).toBeGreaterThan(0)
    }
  })

  it('refuses an empty form, a future date and a date before the child was born', async () => {
    const empty = await submitForm(worker, `${visitsPage()}/new`, visitsPage(), {})
    expect(empty.status).toBe(400)
    const summary = $(empty.text)('.govuk-error-summary').text()
    for (const message of [
      'Enter the date of the visit',
      'Select the type of visit',
      'Select yes if the child was seen',
      'Select who visited',
    ]) {
      expect(summary).toContain(message)
    }
    const base = { visitType: 'looked_after', childSeen: 'yes', seenAlone: 'yes', bedroomSeen: 'yes', visitedBy: 'me' }
    const future = await submitForm(worker, `${visitsPage()}/new`, visitsPage(), {
      ...base,
      ...dateFields('visitDate', daysAgo(-1)),
    })
    expect(future.status).toBe(400)
    expect($(future.text)('.govuk-error-summary').text()).toContain(
      'The date of the visit must be today or in the past',
    )
    const unborn = await submitForm(worker, `${visitsPage()}/new`, visitsPage(), {
      ...base,
      ...dateFields('visitDate', '2014-01-01'),
    })
    expect(unborn.status).toBe(400)
    expect($(unborn.text)('#visitDate-error').text()).toContain('on or after the child’s date of birth')
    const someone = await submitForm(worker, `${visitsPage()}/new`, visitsPage(), {
      ...base,
      visitedBy: 'someone_else',
      ...dateFields('visitDate', daysAgo(1)),
    })
    expect($(someone.text)('.govuk-error-summary').text()).toContain('Enter the name of the person who visited')
    expect(await database.db.selectFrom('visit').select('id').execute()).toEqual([])
  })

  it('records the visit, links the placement, settles the missed visit and restarts the clock', async () => {
    const response = await submitForm(worker, `${visitsPage()}/new`, visitsPage(), {
      ...dateFields('visitDate', daysAgo(2)),
      visitType: 'looked_after',
      childSeen: 'yes',
      seenAlone: 'yes',
      bedroomSeen: 'yes',
      visitedBy: 'me',
      note: 'Settled well; likes the new school.',
    })
    expect(response.status).toBe(303)
    expect(response.headers['location']).toBe(`${visitsPage()}?saved=visit`)
    const visit = await database.db.selectFrom('visit').selectAll().executeTakeFirstOrThrow()
    expect(visit).toMatchObject({
      child_id: child(),
      visit_date: daysAgo(2),
      visit_type: 'looked_after',
      child_seen: true,
      seen_alone: true,
      bedroom_seen: true,
      visitor_id: fixture.users.social_worker.id,
      placement_id: 9002,
      statutory: true,
    })
    const missed = await database.db.selectFrom('missed_visit').select('visit_id').executeTakeFirstOrThrow()
    expect(missed.visit_id).toBe(visit.id)
    const audit = (await auditRows('visit')).filter((row) => row.action === 'create')
    expect(audit).toHaveLength(1)
    expect(JSON.stringify(audit[0]?.detail)).not.toContain('Settled well')

    const page = $((await worker.get(`${visitsPage()}?saved=visit`)).text)
    expect(page('.govuk-notification-banner--success').text()).toContain('The visit has been recorded')
    const due = page('table').first().text()
    expect(due).toContain('6 weeks from the last visit when the child was seen')
    expect(due).not.toContain('Overdue by 23 days')
  })
})

describe('recording a child in need plan review', () => {
  it('checks the date against the plan, records the review, and restarts the review clock from it', async () => {
    const form = `${visitsPage()}/cin-review/new`
    const page = await worker.get(form)
    expect(page.status).toBe(200)
    expect($(page.text)('h1').text().trim()).toBe('Record a child in need plan review')
    const empty = await submitForm(worker, form, `${visitsPage()}/cin-review`, { cinPlanId: '9101' })
    expect(empty.status).toBe(400)
    expect($(empty.text)('.govuk-error-summary').text()).toContain('Enter the date of the review')
    const early = await submitForm(worker, form, `${visitsPage()}/cin-review`, {
      cinPlanId: '9101',
      ...dateFields('reviewDate', daysAgo(101)),
    })
    expect(early.status).toBe(400)
    expect($(early.text)('#reviewDate-error').text()).toContain('on or after the plan started')
    const saved = await submitForm(worker, form, `${visitsPage()}/cin-review`, {
      cinPlanId: '9101',
      ...dateFields('reviewDate', daysAgo(10)),
    })
    expect(saved.status).toBe(303)
    const review = await database.db.selectFrom('cin_plan_review').selectAll().executeTakeFirstOrThrow()
    expect(review).toMatchObject({ child_id: child(), cin_plan_id: 9101, review_date: daysAgo(10) })
    const audit = (await auditRows('cin_plan_review')).filter((row) => row.action === 'create')
    expect(audit).toHaveLength(1)
    const due = $((await worker.get(`${visitsPage()}?saved=review`)).text)('table')
      .first()
      .text()
    expect(due).toContain('3 months from the last plan review on')
  })
})
