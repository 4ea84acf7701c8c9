import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, csrfFrom, signIn, submitForm, testApp, type Agent } from './support/http.js'

let database: TestDatabase
let fixture: Fixture
let app: Express
let worker: Agent
let manager: Agent
let childId: number
let referralId: number

beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await seedFixture(database.db)
  app = testApp(database.db)
  childId = fixture.children.allocatedToWorker
  // A referral on Monday 2 March 2026.
  referralId = (
    await database.db
      .insertInto('referral')
      .values({
        council_id: fixture.councilId,
        child_id: childId,
        referral_date: '2026-03-02',
        source: '6',
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  worker = await signIn(app, fixture.users.social_worker.email, PASSWORD)
  manager = await signIn(app, fixture.users.team_manager.email, PASSWORD)
})
afterAll(() => database.destroy())

const db = () => database.db

/** submitForm for forms with checkboxes: a field may have several values. */
async function submitChecked(
  agent: Agent,
  pagePath: string,
  action: string,
  fields: Record<string, string | string[]>,
) {
  const page = await agent.get(pagePath)
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...fields })
}
const base = () => `/children/${childId}`

const assessments = () =>
  db().selectFrom('assessment').selectAll().where('child_id', '=', childId).orderBy('id').execute()
const plans = () => db().selectFrom('cin_plan').selectAll().where('child_id', '=', childId).orderBy('id').execute()
const audit = (entity: string, action: string) =>
  db()
    .selectFrom('audit_event')
    .selectAll()
    .where('entity', '=', entity)
    .where('child_id', '=', childId)
    .where('action', '=', action)
    .execute()

const date = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-')
  return {
    [`${name}-day`]: String(Number(day)),
    [`${name}-month`]: String(Number(month)),
    [`${name}-year`]: year as string,
  }
}

describe('the assessments and plans page', () => {
  it('shows the section and audits the read', async () => {
    const response = await worker.get(`${base()}/assessments`)
    expect(response.status).toBe(200)
    expect($(response.text)('h1').text()).toBe('Assessments and plans')
    expect((await audit('assessment', 'read')).at(-1)?.route).toBe('GET /children/:childId/assessments')
  })

  it('refuses a social worker from another team', async () => {
    const other = await signIn(app, fixture.users.otherSocialWorker.email, PASSWORD)
    expect((await other.get(`${base()}/assessments`)).status).toBe(403)
    const response = await submitForm(other, '/', `${base()}/assessments`, {
      referralId: String(referralId),
      ...date('start', '2026-03-03'),
    })
    expect(response.status).toBe(403)
    expect(await assessments()).toEqual([])
  })
})

describe('an assessment from start to authorisation', () => {
  it('shows what to fix when starting, and refuses a start before the referral', async () => {
    const empty = await submitForm(worker, `${base()}/assessments/new`, `${base()}/assessments`, {})
    expect(empty.status).toBe(400)
    const summary = $(empty.text)('.govuk-error-summary').text()
    expect(summary).toContain('Select the referral this assessment is for')
    expect(summary).toContain('Enter the start date')
    const early = await submitForm(worker, `${base()}/assessments/new`, `${base()}/assessments`, {
      referralId: String(referralId),
      ...date('start', '2026-02-27'),
    })
    expect(early.status).toBe(400)
    expect($(early.text)('#start-error').text()).toContain(
      'The start date must be on or after the referral date, 2 March 2026',
    )
    expect(await assessments()).toEqual([])
  })

  it('starts an assessment on a referral', async () => {
    const response = await submitForm(worker, `${base()}/assessments/new`, `${base()}/assessments`, {
      referralId: String(referralId),
      ...date('start', '2026-03-03'),
    })
    expect(response.status).toBe(303)
    const [assessment] = await assessments()
    expect(assessment).toMatchObject({
      referral_id: referralId,
      start_date: '2026-03-03',
      worker_id: fixture.users.social_worker.id,
    })
    expect(response.headers['location']).toBe(`${base()}/assessments/${assessment?.id}?saved=started`)
    const page = $((await worker.get(response.headers['location'] as string)).text)
    expect(page('h1').text()).toBe('Child and family assessment')
    expect(page('.govuk-notification-banner--success').text()).toContain('Assessment started')
    expect(await audit('assessment', 'create')).toHaveLength(1)
  })

  it('cannot be submitted before the factors and outcome are recorded', async () => {
    const [assessment] = await assessments()
    const page = $((await worker.get(`${base()}/assessments/${assessment?.id}/submit`)).text)
    expect(page('.govuk-inset-text').text()).toContain('Record the factors identified')
    expect(page('form#submit').length).toBe(0)
    const forced = await submitForm(worker, `${base()}/assessments`, `${base()}/assessments/${assessment?.id}/submit`, {
      version: String(assessment?.version),
    })
    expect(forced.status).toBe(400)
    expect($(forced.text)('.govuk-error-summary').text()).toContain('Record the factors identified')
    expect((await assessments())[0]?.submitted_at).toBeNull()
  })

  it('records factors in groups with plain-English labels, and refuses ‘no factors’ with others', async () => {
    const [assessment] = await assessments()
    const path = `${base()}/assessments/${assessment?.id}/edit`
    const form = $((await worker.get(path)).text)
    expect(form('legend').text()).toContain('Domestic abuse')
    expect(form('label[for=factors]').text().trim()).toBe('Alcohol misuse by the child')
    const clash = await submitChecked(worker, path, path, {
      ...date('start', '2026-03-03'),
      factors: ['3A', '21'],
      version: '1',
    })
    expect(clash.status).toBe(400)
    expect($(clash.text)('.govuk-error-summary').text()).toContain('Select ‘No factors identified’ on its own')
    const saved = await submitChecked(worker, path, path, {
      ...date('start', '2026-03-03'),
      factors: ['3A', '16A'],
      childSeen: 'yes',
      outcome: 'cin_plan',
      version: '1',
    })
    expect(saved.status).toBe(303)
    expect((await assessments())[0]).toMatchObject({
      factors: ['3A', '16A'],
      outcome: 'cin_plan',
      child_seen: true,
      version: 2,
    })
  })

  it('is a conflict, not a silent overwrite, when two people edit at once', async () => {
    const [assessment] = await assessments()
    const path = `${base()}/assessments/${assessment?.id}/edit`
    const stale = await submitChecked(worker, path, path, {
      ...date('start', '2026-03-03'),
      factors: ['21'],
      outcome: 'no_further_action',
      version: '1',
    })
    expect(stale.status).toBe(409)
    expect($(stale.text)('table').text()).toContain('No factors identified')
    expect((await assessments())[0]?.outcome).toBe('cin_plan')
  })

  it('is submitted by the social worker', async () => {
    const [assessment] = await assessments()
    const response = await submitForm(
      worker,
      `${base()}/assessments/${assessment?.id}/submit`,
      `${base()}/assessments/${assessment?.id}/submit`,
      { version: String(assessment?.version) },
    )
    expect(response.status).toBe(303)
    expect((await assessments())[0]).toMatchObject({ submitted_by: fixture.users.social_worker.id })
    expect((await assessments())[0]?.submitted_at).toBeInstanceOf(Date)
  })

  it('is authorised by a manager only, after checking the answers', async () => {
    const [assessment] = await assessments()
    const path = `${base()}/assessments/${assessment?.id}/authorise`
    expect((await worker.get(path)).status).toBe(403)
    const early = await submitForm(manager, path, `${path}/check`, {
      ...date('authorised', '2026-03-02'),
      version: String(assessment?.version),
    })
    expect(early.status).toBe(400)
    expect($(early.text)('#authorised-error').text()).toContain('on or after the start of the assessment, 3 March 2026')
    // Submitted today (in the test run), so an earlier authorisation date is refused too.
    const beforeSubmission = await submitForm(manager, path, `${path}/check`, {
      ...date('authorised', '2026-05-04'),
      version: String(assessment?.version),
    })
    expect(beforeSubmission.status).toBe(400)
    expect($(beforeSubmission.text)('#authorised-error').text()).toContain(
      'on or after the date the assessment was submitted',
    )
  })

  it('shows working days from the referral to authorisation, and is read-only once authorised', async () => {
    // An assessment submitted back in May: authorised on 7 May 2026, the 45th working day after the
    // referral (Good Friday, Easter Monday and the early May bank holiday are not working days).
    const [assessment] = await assessments()
    await db()
      .updateTable('assessment')
      .set({ submitted_at: new Date('2026-05-01T10:00:00Z') })
      .where('id', '=', assessment?.id as number)
      .execute()
    const path = `${base()}/assessments/${assessment?.id}/authorise`
    const answers = { ...date('authorised', '2026-05-07'), version: String(assessment?.version) }
    const check = await submitForm(manager, path, `${path}/check`, answers)
    expect(check.status).toBe(200)
    const page = $(check.text)
    expect(page('h1').text()).toBe('Check your answers before authorising the assessment')
    expect(page('.govuk-summary-list').text()).toContain(
      '45 working days from referral to authorisation (within 45 working days)',
    )
    expect((await assessments())[0]?.authorisation_date).toBeNull()
    const authorised = await submitForm(manager, `${base()}/assessments`, path, answers)
    expect(authorised.status).toBe(303)
    expect((await assessments())[0]).toMatchObject({
      authorisation_date: '2026-05-07',
      authorised_by: fixture.users.team_manager.id,
    })
    expect(await audit('assessment', 'update')).toHaveLength(3)
    const list = $((await worker.get(`${base()}/assessments`)).text)
    expect(list('tbody').first().text()).toContain('Within 45 working days')
    expect(list('tbody').first().text()).toContain('Authorised on 7 May 2026')

    const current = (await assessments())[0]
    const edit = `${base()}/assessments/${current?.id}/edit`
    const refused = await submitChecked(worker, `${base()}/assessments`, edit, {
      ...date('start', '2026-03-03'),
      factors: ['3A'],
      outcome: 'other',
      version: String(current?.version),
    })
    expect(refused.status).toBe(400)
    expect($(refused.text)('.govuk-error-summary').text()).toContain('can no longer be changed')
    expect((await assessments())[0]?.outcome).toBe('cin_plan')
    const detail = $((await worker.get(`${base()}/assessments/${current?.id}`)).text)
    expect(detail('a.govuk-button').text()).not.toContain('Record factors and outcome')
  })
})

describe('child in need plans', () => {
  it('cannot start before the assessment started', async () => {
    const response = await submitForm(worker, `${base()}/cin-plans/new`, `${base()}/cin-plans`, {
      referralId: String(referralId),
      ...date('start', '2026-03-02'),
    })
    expect(response.status).toBe(400)
    expect($(response.text)('#start-error').text()).toContain('on or after the start of the assessment, 3 March 2026')
    expect(await plans()).toEqual([])
  })

  it('starts a plan, and refuses a second that would overlap it', async () => {
    const saved = await submitForm(worker, `${base()}/cin-plans/new`, `${base()}/cin-plans`, {
      referralId: String(referralId),
      ...date('start', '2026-05-05'),
    })
    expect(saved.status).toBe(303)
    expect(saved.headers['location']).toBe(`${base()}/assessments?saved=plan-started`)
    expect(await plans()).toHaveLength(1)
    const overlap = await submitForm(worker, `${base()}/cin-plans/new`, `${base()}/cin-plans`, {
      referralId: String(referralId),
      ...date('start', '2026-06-01'),
    })
    expect(overlap.status).toBe(400)
    expect($(overlap.text)('#start-error').text()).toContain(
      'This child already has a child in need plan that started on 5 May 2026 and has not ended',
    )
    expect(await plans()).toHaveLength(1)
  })

  it('is ended by a manager with a reason, after checking the answers', async () => {
    const [plan] = await plans()
    const path = `${base()}/cin-plans/${plan?.id}/end`
    expect((await worker.get(path)).status).toBe(403)
    const empty = await submitForm(manager, path, `${path}/check`, { version: '1' })
    expect(empty.status).toBe(400)
    expect($(empty.text)('.govuk-error-summary').text()).toContain('Select why the plan is ending')
    const early = await submitForm(manager, path, `${path}/check`, {
      ...date('end', '2026-05-04'),
      reason: 'RC7',
      version: '1',
    })
    expect($(early.text)('#end-error').text()).toContain(
      'The end date must be on or after the start of the plan, 5 May 2026',
    )
    const answers = { ...date('end', '2026-09-30'), reason: 'RC7', version: '1' }
    const check = await submitForm(manager, path, `${path}/check`, answers)
    expect(check.status).toBe(200)
    expect($(check.text)('h1').text()).toBe('Check your answers before ending the plan')
    expect((await plans())[0]?.end_date).toBeNull()
    const ended = await submitForm(manager, `${base()}/assessments`, path, answers)
    expect(ended.status).toBe(303)
    expect((await plans())[0]).toMatchObject({ end_date: '2026-09-30', end_reason: 'RC7' })
    expect(await audit('cin_plan', 'update')).toHaveLength(1)
    const page = $((await manager.get(`${base()}/assessments?saved=plan-ended`)).text)
    expect(page('.govuk-notification-banner--success').text()).toContain('Child in need plan ended')
    expect(page('tbody').last().text()).toContain('Services ceased for any other reason')
  })

  it('allows a new plan from the day the last one ended', async () => {
    const saved = await submitForm(worker, `${base()}/cin-plans/new`, `${base()}/cin-plans`, {
      referralId: String(referralId),
      ...date('start', '2026-09-30'),
    })
    expect(saved.status).toBe(303)
    expect(await plans()).toHaveLength(2)
  })
})
