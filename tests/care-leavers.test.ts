import { sql } from 'kysely'
import type { Express } from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { careLeaverOutcomesSql, type CareLeaverOutcomeRow } from '../src/areas/care-leavers/outcomes-sql.js'
import { addCareLeaver } from './care-leavers-fixtures.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, csrfFrom, signIn, submitForm, testApp, type Agent } from './support/http.js'

// Route tests for the care-leaver section and the personal adviser's caseload: a personal adviser's
// day (overdue contact on the caseload, record a contact, record custody as unsuitable, a goal refused
// for lacking a date), validation, refusals out of scope with nothing written, and audit rows.

let database: TestDatabase
let fixture: Fixture
let app: Express
let adviser: Agent
let otherTeam: Agent
/** Left care at 18 on 1 June 2024 after 4 years looked after: former relevant, 19 on 1 June 2025. */
const leaver = 110
/** 22 years old: can ask for support to 25. */
const older = 111

const addChild = (id: number, dateOfBirth: string) =>
  addCareLeaver(database.db, fixture.councilId, {
    id,
    dateOfBirth,
    // The older one left care at 18 on 1 January 2021.
    leftCare: dateOfBirth === '2006-06-01' ? '2024-06-01' : '2021-01-01',
    adviserId: fixture.users.personal_adviser.id,
  })

async function auditRows(entity: string, action: string) {
  return database.db
    .selectFrom('audit_event')
    .select(['user_id', 'child_id', 'detail'])
    .where('entity', '=', entity)
    .where('action', '=', action)
    .execute()
}

async function count(
  table: 'keeping_in_touch_contact' | 'care_leaver_accommodation' | 'pathway_goal' | 'support_request',
) {
  const row = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('council_id', '=', fixture.councilId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

const base = (childId: number) => `/children/${childId}/care-leaver`

beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await seedFixture(database.db)
  await addChild(leaver, '2006-06-01')
  await addChild(older, '2003-01-01')
  app = testApp(database.db)
  adviser = await signIn(app, fixture.users.personal_adviser.email, PASSWORD)
  otherTeam = await signIn(app, fixture.users.otherTeamWorker.email, PASSWORD)
}, 60_000)
afterAll(() => database.destroy())

describe('a personal adviser’s day', () => {
  it('sees their caseload with the overdue contact flagged, and the nav item', async () => {
    const response = await adviser.get('/care-leavers')
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('h1').text()).toBe('Your care leavers')
    expect(page('.govuk-service-navigation a:contains("Care leavers")').length).toBe(1)
    const row = page(`tr:has(a[href="${base(leaver)}"])`)
    expect(row.text()).toContain('Contact overdue')
    expect(row.text()).toContain('Not in touch')
    expect(page('table caption').text()).toContain('sorted by next contact due')
  })

  it('opens the care-leaver record: former relevant, with the reason and duties; the read is audited', async () => {
    const response = await adviser.get(base(leaver))
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('h1').text()).toBe('Care leaver')
    expect(page('.govuk-summary-list').first().text()).toContain('Former relevant child')
    expect(page('.govuk-summary-list').first().text()).toContain('They left care on 1 June 2024')
    expect(page('table:contains("Duty")').text()).toContain('1 June 2027')
    const reads = await auditRows('care_leaver', 'read')
    expect(reads.some((row) => row.child_id === leaver && row.user_id === fixture.users.personal_adviser.id)).toBe(true)
  })

  it('records a contact: saved, audited, shown; the caseload no longer shows the contact overdue', async () => {
    const today = new Date()
    const response = await submitForm(adviser, `${base(leaver)}/contacts/new`, `${base(leaver)}/contacts`, {
      'contactDate-day': String(today.getDate()),
      'contactDate-month': String(today.getMonth() + 1),
      'contactDate-year': String(today.getFullYear()),
      method: 'phone',
      outcome: 'yes',
      note: 'Talked about college',
    })
    expect(response.status).toBe(303)
    expect(response.headers['location']).toBe(`${base(leaver)}?saved=contact`)
    const saved = await database.db
      .selectFrom('keeping_in_touch_contact')
      .selectAll()
      .where('child_id', '=', leaver)
      .execute()
    expect(saved).toHaveLength(1)
    expect(saved[0]).toMatchObject({ method: 'phone', outcome: 'yes', made_by: fixture.users.personal_adviser.id })
    const audit = await auditRows('keeping_in_touch_contact', 'create')
    expect(audit).toHaveLength(1)
    expect(JSON.stringify(audit[0]?.detail)).not.toContain('college')
    const page = $((await adviser.get(`${base(leaver)}?saved=contact`)).text)
    expect(page('.govuk-notification-banner').text()).toContain('Contact recorded')
    expect(page('table:contains("How")').text()).toContain('Phone call')
    const caseload = $((await adviser.get('/care-leavers')).text)
    expect(caseload(`tr:has(a[href="${base(leaver)}"])`).text()).not.toContain('Contact overdue')
  })

  it('refuses an empty contact form with the GOV.UK error summary, and a contact before their 16th birthday', async () => {
    const empty = await submitForm(adviser, `${base(leaver)}/contacts/new`, `${base(leaver)}/contacts`, {})
    expect(empty.status).toBe(400)
    const summary = $(empty.text)('.govuk-error-summary').text()
    expect(summary).toContain('Enter the date of the contact')
    expect(summary).toContain('Select how you got in touch')
    expect(summary).toContain('Select whether you were in touch with them')
    const early = await submitForm(adviser, `${base(leaver)}/contacts/new`, `${base(leaver)}/contacts`, {
      'contactDate-day': '1',
      'contactDate-month': '1',
      'contactDate-year': '2021',
      method: 'phone',
      outcome: 'yes',
    })
    expect(early.status).toBe(400)
    expect($(early.text)('#contactDate-error').text()).toContain('must be on or after their 16th birthday')
    expect(await count('keeping_in_touch_contact')).toBe(1)
  })

  it('updates accommodation as unsuitable (custody): custody judged suitable is refused, then saved with its reason', async () => {
    const fields = {
      'startDate-day': '1',
      'startDate-month': '9',
      'startDate-year': '2025',
      accommodationType: 'X',
      suitable: 'yes',
      unsuitableReason: '',
      youngPersonView: 'not_asked',
    }
    const refused = await submitForm(
      adviser,
      `${base(leaver)}/accommodation/new`,
      `${base(leaver)}/accommodation`,
      fields,
    )
    expect(refused.status).toBe(400)
    expect($(refused.text)('.govuk-error-summary').text()).toContain('Custody is always recorded as not suitable')
    expect(await count('care_leaver_accommodation')).toBe(0)
    const saved = await submitForm(adviser, `${base(leaver)}/accommodation/new`, `${base(leaver)}/accommodation`, {
      ...fields,
      suitable: 'no',
      unsuitableReason: 'custody',
    })
    expect(saved.status).toBe(303)
    const row = await database.db
      .selectFrom('care_leaver_accommodation')
      .selectAll()
      .where('child_id', '=', leaver)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      accommodation_type: 'X',
      suitable: false,
      unsuitable_reason: 'custody',
      young_person_view: 'not_asked',
    })
    expect((await auditRows('care_leaver_accommodation', 'create'))[0]?.detail).toMatchObject({ accom: 'X2' })
    const caseload = $((await adviser.get('/care-leavers')).text)
    expect(caseload(`tr:has(a[href="${base(leaver)}"])`).text()).toContain('In custody')
  })

  it('refuses a pathway goal without a date, saying what to add; saves one with a date and a measure', async () => {
    const plan = await submitForm(adviser, `${base(leaver)}/pathway-plans/new`, `${base(leaver)}/pathway-plans`, {
      'planDate-day': '1',
      'planDate-month': '7',
      'planDate-year': '2025',
      summary: 'Moving on',
      youngPersonView: '',
    })
    expect(plan.status).toBe(303)
    const goal = {
      lifeArea: 'accommodation',
      what: 'Move into my own flat',
      whoHelps: 'Personal adviser',
      measure: 'Tenancy signed',
    }
    const refused = await submitForm(adviser, `${base(leaver)}/goals/new`, `${base(leaver)}/goals`, goal)
    expect(refused.status).toBe(400)
    const page = $(refused.text)
    expect(page('.govuk-error-summary').text()).toContain('Add the date by when this goal should be achieved')
    expect(page('#byWhen-error').text()).toContain('Add the date by when')
    expect(await count('pathway_goal')).toBe(0)
    const noMeasure = await submitForm(adviser, `${base(leaver)}/goals/new`, `${base(leaver)}/goals`, {
      ...goal,
      measure: '',
      'byWhen-day': '1',
      'byWhen-month': '3',
      'byWhen-year': '2027',
    })
    expect($(noMeasure.text)('.govuk-error-summary').text()).toContain(
      'Add how you will know the goal has been achieved',
    )
    const saved = await submitForm(adviser, `${base(leaver)}/goals/new`, `${base(leaver)}/goals`, {
      ...goal,
      'byWhen-day': '1',
      'byWhen-month': '3',
      'byWhen-year': '2027',
    })
    expect(saved.status).toBe(303)
    expect(await count('pathway_goal')).toBe(1)
    expect(await auditRows('pathway_goal', 'create')).toHaveLength(1)
  })

  it('flags a goal saved without a date (from before the rule) in the plan view', async () => {
    const plan = await database.db
      .selectFrom('pathway_plan')
      .select('id')
      .where('child_id', '=', leaver)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow()
    await database.db
      .insertInto('pathway_goal')
      .values({
        council_id: fixture.councilId,
        child_id: leaver,
        pathway_plan_id: plan.id,
        life_area: null,
        what: 'Be happier',
        by_when: null,
        who_helps: null,
        measure: null,
        achieved_date: null,
        created_by: null,
      })
      .execute()
    const page = $((await adviser.get(base(leaver))).text)
    expect(page('.govuk-warning-text').text()).toContain('1 goal is missing a date or a measure')
    expect(page('tr:contains("Be happier")').text()).toContain('No date')
    expect(page('tr:contains("Be happier")').text()).toContain('No measure')
  })

  it('updates a goal with optimistic concurrency: a stale version gets the conflict page and nothing changes', async () => {
    const goal = await database.db
      .selectFrom('pathway_goal')
      .selectAll()
      .where('what', '=', 'Move into my own flat')
      .executeTakeFirstOrThrow()
    const path = `${base(leaver)}/goals/${goal.id}`
    const fields = {
      version: String(goal.version),
      status: 'achieved',
      'achievedDate-day': '1',
      'achievedDate-month': '10',
      'achievedDate-year': '2025',
      'byWhen-day': '1',
      'byWhen-month': '3',
      'byWhen-year': '2027',
      measure: 'Tenancy signed',
    }
    expect((await submitForm(adviser, path, path, fields)).status).toBe(303)
    const stale = await submitForm(adviser, path, path, {
      ...fields,
      status: 'not_achieved',
      'achievedDate-day': '',
      'achievedDate-month': '',
      'achievedDate-year': '',
    })
    expect(stale.status).toBe(409)
    const after = await database.db
      .selectFrom('pathway_goal')
      .selectAll()
      .where('id', '=', goal.id)
      .executeTakeFirstOrThrow()
    expect(after).toMatchObject({ status: 'achieved', version: goal.version + 1 })
  })
})

describe('support to 25, another council’s young people, exports', () => {
  it('records a request from a 22-year-old and its response after checking the answers', async () => {
    const saved = await submitForm(adviser, `${base(older)}/support-requests/new`, `${base(older)}/support-requests`, {
      'requestedDate-day': '3',
      'requestedDate-month': '3',
      'requestedDate-year': '2025',
      requestType: 'education_training',
      detail: '',
    })
    expect(saved.status).toBe(303)
    const request = await database.db
      .selectFrom('support_request')
      .selectAll()
      .where('child_id', '=', older)
      .executeTakeFirstOrThrow()
    const path = `${base(older)}/support-requests/${request.id}/response`
    const answers = {
      version: String(request.version),
      outcome: 'agreed',
      response: 'College fees',
      'respondedDate-day': '10',
      'respondedDate-month': '3',
      'respondedDate-year': '2025',
    }
    const check = await submitForm(adviser, path, path, answers)
    expect(check.status).toBe(200)
    expect($(check.text)('h1').text()).toBe('Check the response before recording it')
    expect(
      (
        await database.db
          .selectFrom('support_request')
          .select('outcome')
          .where('id', '=', request.id)
          .executeTakeFirstOrThrow()
      ).outcome,
    ).toBeNull()
    const confirmed = await adviser
      .post(path)
      .type('form')
      .send({ _csrf: csrfFrom(check.text), ...answers, confirm: 'yes' })
    expect(confirmed.status).toBe(303)
    const after = await database.db
      .selectFrom('support_request')
      .selectAll()
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow()
    expect(after).toMatchObject({
      outcome: 'agreed',
      responded_date: '2025-03-10',
      responded_by: fixture.users.personal_adviser.id,
    })
    expect(await auditRows('support_request', 'update')).toHaveLength(1)
  })

  it('refuses a support request from a young person under 21', async () => {
    const response = await submitForm(
      adviser,
      `${base(leaver)}/support-requests/new`,
      `${base(leaver)}/support-requests`,
      {
        'requestedDate-day': '3',
        'requestedDate-month': '3',
        'requestedDate-year': '2025',
        requestType: 'financial',
      },
    )
    expect(response.status).toBe(400)
    expect($(response.text)('.govuk-error-summary').text()).toContain('on or after their 21st birthday')
  })

  it('records another council as responsible: shown on the record and left out of this council’s figures', async () => {
    const periods = sql`with periods as (select '2024-04-01'::date as period_start, '2026-03-31'::date as period_end)`
    const before =
      await sql<CareLeaverOutcomeRow>`${periods} ${careLeaverOutcomesSql({ councilId: fixture.councilId })}`.execute(
        database.db,
      )
    expect(before.rows.some((row) => row.child_id === older)).toBe(false)
    expect(before.rows.filter((row) => row.child_id === leaver).map((row) => row.age_at_birthday)).toEqual([18, 19])
    const saved = await submitForm(
      adviser,
      `${base(leaver)}/responsible-authority/new`,
      `${base(leaver)}/responsible-authority`,
      {
        laName: 'Lancashire',
        laCode: '888',
        contactName: '',
        contactEmail: '',
        'startDate-day': '1',
        'startDate-month': '6',
        'startDate-year': '2024',
      },
    )
    expect(saved.status).toBe(303)
    const page = $((await adviser.get(base(leaver))).text)
    expect(page('.govuk-warning-text').first().text()).toContain('Another council is responsible for them')
    const caseload = $((await adviser.get('/care-leavers')).text)
    expect(caseload('table:contains("Responsible council")').text()).toContain('Lancashire')
    const after =
      await sql<CareLeaverOutcomeRow>`${periods} ${careLeaverOutcomesSql({ councilId: fixture.councilId })}`.execute(
        database.db,
      )
    expect(after.rows.some((row) => row.child_id === leaver)).toBe(false)
  })

  it('exports the caseload as CSV, audited; a manager can filter by adviser', async () => {
    const csv = await adviser.get('/care-leavers/export?sort=name')
    expect(csv.status).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.text).toContain('T110')
    expect(await auditRows('care_leaver', 'export')).toHaveLength(1)
    const head = await signIn(app, fixture.users.head_of_service.email, PASSWORD)
    const filtered = $((await head.get(`/care-leavers?adviser=${fixture.users.personal_adviser.id}&sort=name`)).text)
    expect(filtered('h1').text()).toBe('Care leavers')
    expect(filtered(`a[href="${base(older)}"]`).length).toBe(1)
    const nobody = $((await head.get(`/care-leavers?adviser=${fixture.users.social_worker.id}`)).text)
    expect(nobody(`a[href="${base(older)}"]`).length).toBe(0)
  })
})

describe('refusals', () => {
  it('a social worker from another team gets 403 on the record and on a form, and nothing is written', async () => {
    expect((await otherTeam.get(base(leaver))).status).toBe(403)
    const before = await count('keeping_in_touch_contact')
    const page = await otherTeam.get('/care-leavers')
    expect(page.status).toBe(200)
    expect($(page.text)(`a[href="${base(leaver)}"]`).length).toBe(0)
    const response = await otherTeam
      .post(`${base(leaver)}/contacts`)
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        'contactDate-day': '1',
        'contactDate-month': '9',
        'contactDate-year': '2025',
        method: 'phone',
        outcome: 'yes',
      })
    expect(response.status).toBe(403)
    expect(await count('keeping_in_touch_contact')).toBe(before)
    const denied = await auditRows('keeping_in_touch_contact', 'denied')
    expect(denied.some((row) => row.user_id === fixture.users.otherTeamWorker.id)).toBe(true)
  })

  it('a councillor cannot open the caseload', async () => {
    const councillor = await signIn(app, fixture.users.councillor.email, PASSWORD)
    expect((await councillor.get('/care-leavers')).status).toBe(403)
  })
})
