import type { Express } from 'express'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCalendarDays } from '../src/areas/compliance/calendar.js'
import { RecordingSender, useConfirmationSender } from '../src/areas/compliance/confirmation-senders.js'
import { CODE_ALPHABET, MAX_ATTEMPTS, normaliseCode } from '../src/areas/compliance/confirmation-service.js'
import { todayInLondon } from '../src/web/forms/date-input.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, csrfFrom, signIn, submitForm, testApp, type Agent } from './support/http.js'

let database: TestDatabase
let fixture: Fixture
let app: Express
let worker: Agent
let manager: Agent
const sender = new RecordingSender()
const today = todayInLondon()
const daysAgo = (days: number) => addCalendarDays(today, -days)

/** A young person on their phone: a fresh browser (and a fresh app, so the address limit starts again). */
async function youngPerson(): Promise<{
  agent: Agent
  post: (path: string, fields: Record<string, string>) => Promise<request.Response>
}> {
  const agent = request.agent(testApp(database.db))
  return {
    agent,
    post: async (path, fields) => {
      const page = await agent.get('/confirm')
      return agent
        .post(path)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), ...fields })
    },
  }
}

async function visit(id: number, childId: number, date: string) {
  await database.db
    .insertInto('visit')
    .values({
      council_id: fixture.councilId,
      id,
      child_id: childId,
      visit_date: date,
      visit_type: 'child_in_need',
      child_seen: true,
      visitor_id: fixture.users.social_worker.id,
      created_by: null,
    })
    .execute()
}

async function issue(visitId: number, childId = fixture.children.allocatedToWorker): Promise<string> {
  const path = `/children/${childId}/visits/${visitId}/confirmation`
  const response = await submitForm(worker, path, path, { channel: 'sms', mobile: '07700 900982' })
  expect(response.status).toBe(303)
  const code = sender.last()?.code
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
  return code as string
}

beforeAll(async () => {
  useConfirmationSender(sender)
  database = await createTestDatabase()
  fixture = await seedFixture(database.db)
  // The fixture's children were born on 1 June 2015, so they are 11 from 1 June 2026.
  for (const [id, days] of [
    [7001, 2],
    [7002, 3],
    [7003, 4],
    [7004, 5],
    [7005, 6],
  ] as const)
    await visit(id, fixture.children.allocatedToWorker, daysAgo(days))
  await visit(7010, fixture.children.allocatedToWorker, '2026-05-20')
  await database.db
    .insertInto('escalation_step')
    .values({
      council_id: fixture.councilId,
      id: 1,
      step_number: 1,
      name: 'Team manager',
      escalate_to_role: 'team_manager',
      respond_within_working_days: 2,
      raise_after_days_overdue: 0,
      created_by: null,
    })
    .execute()
  app = testApp(database.db)
  worker = await signIn(app, fixture.users.social_worker.email, PASSWORD)
  manager = await signIn(app, fixture.users.team_manager.email, PASSWORD)
})
afterAll(() => database.destroy())

describe('the worker issues a one-time code', () => {
  it('offers it beside visits to a young person old enough, and not for a visit before they were 11', async () => {
    const page = $((await worker.get(`/children/${fixture.children.allocatedToWorker}/visits`)).text)
    expect(page('a[href$="/visits/7001/confirmation"]').length).toBe(1)
    expect(page('a[href$="/visits/7010/confirmation"]').length).toBe(0)
    const young = `/children/${fixture.children.allocatedToWorker}/visits/7010/confirmation`
    const refused = await submitForm(
      worker,
      `/children/${fixture.children.allocatedToWorker}/visits/7001/confirmation`,
      young,
      { channel: 'sms', mobile: '07700 900982' },
    )
    expect(refused.status).toBe(400)
    expect($(refused.text)('.govuk-error-summary').text()).toContain('from the age of 11')
  })

  it('asks how to send it, with a real number or address', async () => {
    const path = `/children/${fixture.children.allocatedToWorker}/visits/7001/confirmation`
    const form = await worker.get(path)
    expect(form.status).toBe(200)
    expect($(form.text)('h1').text().trim()).toBe('Ask the young person to confirm a visit')
    const none = await submitForm(worker, path, path, {})
    expect(none.status).toBe(400)
    expect($(none.text)('.govuk-error-summary').text()).toContain('Select how to send the code')
    const badNumber = await submitForm(worker, path, path, { channel: 'sms', mobile: '12345' })
    expect($(badNumber.text)('.govuk-error-summary').text()).toContain('Enter a UK mobile number')
    expect(await database.db.selectFrom('visit_confirmation').select('id').execute()).toEqual([])
  })

  it('sends the code, keeps only a keyed hash of it, and audits the request without the number', async () => {
    const code = await issue(7001)
    const row = await database.db.selectFrom('visit_confirmation').selectAll().executeTakeFirstOrThrow()
    const plain = normaliseCode(code)
    expect(plain).toHaveLength(12)
    expect([...plain].every((char) => CODE_ALPHABET.includes(char))).toBe(true)
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(row.code_hash).not.toContain(plain.toLowerCase())
    expect(row.code_locator).toBe(plain.slice(0, 4))
    expect(row.sent_via).toBe('sms:recording')
    expect(row.expires_at.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000)
    expect(sender.last()?.text).not.toContain('Testchild')
    const audit = await database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('entity', '=', 'visit_confirmation')
      .where('action', '=', 'create')
      .execute()
    expect(audit).toHaveLength(1)
    expect(JSON.stringify(audit[0]?.detail)).not.toContain('07700')
    const page = $((await worker.get(`/children/${fixture.children.allocatedToWorker}/visits?saved=code`)).text)
    expect(page('body').text()).toContain('Code sent, no answer yet')
  })
})

describe('the public confirmation page', () => {
  it('shows a code form that says nothing about any child', async () => {
    const { agent } = await youngPerson()
    const response = await agent.get('/confirm')
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('h1').text().trim()).toBe('Confirm a visit')
    expect(page('label[for="code"]').text()).toContain('Your code')
    expect(response.text).not.toContain('Testchild')
  })

  it('answers a wrong code in the same words as any other failure, and counts it against the request', async () => {
    const code = normaliseCode(await issue(7002))
    const { post } = await youngPerson()
    const unknown = await post('/confirm', { code: 'ZZZZ-ZZZZ-ZZZZ' })
    expect(unknown.status).toBe(400)
    const wrongSecret = await post('/confirm', {
      code: `${code.slice(0, 4)}${code.slice(4) === '00000000' ? '11111111' : '00000000'}`,
    })
    expect(wrongSecret.status).toBe(400)
    expect($(wrongSecret.text)('.govuk-error-summary').text()).toBe($(unknown.text)('.govuk-error-summary').text())
    const row = await database.db
      .selectFrom('visit_confirmation')
      .select('attempts')
      .where('visit_id', '=', 7002)
      .where('code_locator', '=', code.slice(0, 4))
      .executeTakeFirstOrThrow()
    expect(row.attempts).toBe(1)
  })

  it('lets the young person confirm the visit, with a rating and a comment, once', async () => {
    const code = await issue(7003)
    const { post } = await youngPerson()
    const question = await post('/confirm', { code: code.toLowerCase().replace(/-/g, ' ') })
    expect(question.status).toBe(200)
    const page = $(question.text)
    expect(page('h1').text()).toContain(`Did your worker visit you on`)
    expect(question.text).not.toContain('Testchild')
    expect(question.text).not.toContain('T101')
    const unanswered = await post('/confirm/answer', { code })
    expect(unanswered.status).toBe(400)
    expect($(unanswered.text)('.govuk-error-summary').text()).toContain('Select yes if the visit happened')
    const answered = await post('/confirm/answer', { code, answer: 'confirm', rating: '4', comment: 'She listened.' })
    expect(answered.status).toBe(303)
    expect(answered.headers['location']).toBe('/confirm/thanks?answer=confirm')
    const row = await database.db
      .selectFrom('visit_confirmation')
      .selectAll()
      .where('visit_id', '=', 7003)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ result: 'confirm', rating: 4, comment: 'She listened.' })
    const audit = await database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('entity', '=', 'visit_confirmation')
      .where('action', '=', 'update')
      .execute()
    expect(audit.at(-1)).toMatchObject({ user_id: null, child_id: fixture.children.allocatedToWorker })
    // The same code cannot be used again.
    expect((await post('/confirm', { code })).status).toBe(400)
    const visits = $((await worker.get(`/children/${fixture.children.allocatedToWorker}/visits`)).text)
    expect(visits('body').text()).toContain('Young person confirmed it happened (rated 4 out of 5): “She listened.”')
  })

  it('tells the team manager when the young person says the visit did not happen', async () => {
    const code = await issue(7004)
    const { post } = await youngPerson()
    const answered = await post('/confirm/answer', { code, answer: 'deny' })
    expect(answered.status).toBe(303)
    const escalation = await database.db
      .selectFrom('escalation')
      .selectAll()
      .where('reason', '=', 'other')
      .executeTakeFirstOrThrow()
    expect(escalation).toMatchObject({
      child_id: fixture.children.allocatedToWorker,
      raised_to_user_id: fixture.users.team_manager.id,
      status: 'open',
    })
    const tray = $((await manager.get('/work/team')).text)
    expect(tray('body').text()).toContain('Young people who said a visit did not happen')
    const denials = tray('table').filter((_index, table) =>
      tray(table).find('caption').text().includes('did not happen'),
    )
    expect(denials.find('tbody tr').first().text()).toContain('Testchild Allocated')
    const visits = $((await worker.get(`/children/${fixture.children.allocatedToWorker}/visits`)).text)
    expect(visits('body').text()).toContain('Young person said it did not happen')
  })

  it('stops a request after too many wrong codes, and refuses an expired code', async () => {
    const code = normaliseCode(await issue(7005))
    const { post } = await youngPerson()
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const wrong = `${code.slice(0, 4)}${String(attempt).repeat(8)}`
      if (wrong !== code) expect((await post('/confirm', { code: wrong })).status).toBe(400)
    }
    expect((await post('/confirm', { code })).status).toBe(400)
    const fresh = await issue(7005)
    await database.db
      .updateTable('visit_confirmation')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('code_locator', '=', normaliseCode(fresh).slice(0, 4))
      .execute()
    expect((await (await youngPerson()).post('/confirm', { code: fresh })).status).toBe(400)
  })

  it('limits the attempts from one address', async () => {
    const { post } = await youngPerson()
    const statuses: number[] = []
    for (let attempt = 0; attempt < 12; attempt++)
      statuses.push((await post('/confirm', { code: 'AAAA-BBBB-CCCC' })).status)
    expect(statuses.slice(0, 10).every((status) => status === 400)).toBe(true)
    expect(statuses.slice(10)).toEqual([429, 429])
  })
})
