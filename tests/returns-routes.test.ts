import type { Express } from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HEADERS_903 } from '../src/areas/returns/ssda903/tables.js'
import { collectionEndYearOf } from '../src/areas/returns/validation/years.js'
import { todayInLondon } from '../src/web/forms/date-input.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { postPairs, type FieldPairs } from './support/forms.js'
import { $, csrfFrom, signIn, testApp, type Agent } from './support/http.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'

let database: TestDatabase
let fixture: Fixture
let app: Express
let officer: Agent
const year = collectionEndYearOf(todayInLondon()) - 1

beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await seedFixture(database.db)
  app = testApp(database.db)
  officer = await signIn(app, fixture.users.performance_officer.email, PASSWORD)
}, 60_000)

afterAll(async () => {
  await database?.destroy()
})

async function auditRows(entity: string) {
  return database.db
    .selectFrom('audit_event')
    .select(['action', 'entity', 'route', 'detail', 'user_id'])
    .where('entity', '=', entity)
    .orderBy('seq')
    .execute()
}

describe('the returns page', () => {
  it('lets a performance officer choose a collection year', async () => {
    const response = await officer.get('/returns')
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('h1').text()).toBe('Statutory returns')
    expect(page(`a[href="/returns/${year}"]`).length).toBe(1)
    expect(
      page('.govuk-service-navigation a[href="/returns"]').length + page('a[href="/returns"]').length,
    ).toBeGreaterThan(0)
  })

  it('shows the validation summary for a year and audits the read', async () => {
    const response = await officer.get(`/returns/${year}`)
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('h1').text()).toBe(`Statutory returns ${year - 1}/${String(year % 100).padStart(2, '0')}`)
    expect(page('h2').text()).toContain('Children looked after (SSDA903)')
    expect(page(`a[href="/returns/${year}/903/Episodes.csv"]`).length).toBe(1)
    const rows = await auditRows('statutory_return')
    expect(rows.at(-1)).toMatchObject({
      action: 'read',
      route: 'GET /returns/:year',
      user_id: fixture.users.performance_officer.id,
    })
  })

  it('downloads a 903 table as CSV with its exact header row, and audits the export', async () => {
    const response = await officer.get(`/returns/${year}/903/Header.csv`)
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toContain('text/csv')
    expect(response.text.split(/\r?\n/)[0]).toBe(HEADERS_903.Header.join(','))
    expect((await auditRows('statutory_return')).at(-1)).toMatchObject({ action: 'export' })
  })

  it('downloads the 903 XML and the CIN census XML', async () => {
    const xml = await officer.get(`/returns/${year}/903/return.xml`)
    expect(xml.status).toBe(200)
    expect(xml.text).toContain('<?xml')
    const cin = await officer.get(`/returns/${year}/cin.xml`)
    expect(cin.status).toBe(200)
    expect(cin.text).toContain('<Message')
  })

  it('refuses a year it does not offer and a table that is not in the return', async () => {
    expect((await officer.get('/returns/1999')).status).toBe(404)
    expect((await officer.get(`/returns/${year}/903/Nonsense.csv`)).status).toBe(404)
  })

  it('refuses a social worker and a councillor', async () => {
    const worker = await signIn(app, fixture.users.social_worker.email, PASSWORD)
    expect((await worker.get('/returns')).status).toBe(403)
    expect((await worker.get(`/returns/${year}`)).status).toBe(403)
    const councillor = await signIn(app, fixture.users.councillor.email, PASSWORD)
    expect((await councillor.get(`/returns/${year}/903/Header.csv`)).status).toBe(403)
  })
})

describe('the data quality panel on a child’s record', () => {
  it('shows the statutory return rules the record breaks, or says it breaks none', async () => {
    const worker = await signIn(app, fixture.users.social_worker.email, PASSWORD)
    const response = await worker.get(`/children/${fixture.children.allocatedToWorker}`)
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('#data-quality').text()).toBe('Data quality')
  })
})

/** Every field of the child edit form as rendered (what a browser sends back unchanged). */
function openedForm(html: string): FieldPairs {
  const page = $(html)
  const pairs: FieldPairs = []
  page('form[action$="/edit"] input').each((_index, element) => {
    const input = page(element)
    const type = input.attr('type') ?? 'text'
    if ((type === 'radio' || type === 'checkbox') && input.attr('checked') === undefined) return
    pairs.push([input.attr('name') ?? '', input.attr('value') ?? ''])
  })
  page('form[action$="/edit"] select').each((_index, element) => {
    const select = page(element)
    pairs.push([select.attr('name') ?? '', select.find('option[selected]').attr('value') ?? ''])
  })
  return pairs
}

const withChanges = (pairs: FieldPairs, changes: Record<string, string>): FieldPairs => [
  ...pairs.filter(([name]) => !(name in changes)),
  ...Object.entries(changes),
]

describe('validation as staff type on the child details form', () => {
  it('refuses a change that breaks a return rule, then saves it when the user chooses to fix it later', async () => {
    const childId = fixture.children.allocatedToWorker
    const c = fixture.councilId
    // Given the child has been looked after since 1 June 2025
    const period = await database.db
      .insertInto('period_of_care')
      .values({ council_id: c, child_id: childId, start_date: '2025-06-01', created_by: null })
      .returning('id')
      .executeTakeFirstOrThrow()
    await database.db
      .insertInto('looked_after_episode')
      .values({
        council_id: c,
        child_id: childId,
        period_of_care_id: period.id,
        placement_id: null,
        start_date: '2025-06-01',
        reason_new_episode: 'S',
        legal_status: 'C2',
        category_of_need: 'N1',
        placement_type: 'U4',
        placement_provider: 'PR1',
        home_postcode: 'FY1 1AA',
        placement_postcode: 'FY2 2BB',
        created_by: null,
      })
      .execute()
    const worker = await signIn(app, fixture.users.social_worker.email, PASSWORD)
    const before = await database.db
      .selectFrom('child')
      .select(['date_of_birth', 'version'])
      .where('id', '=', childId)
      .executeTakeFirstOrThrow()
    const form = openedForm((await worker.get(`/children/${childId}/edit`)).text)

    // When the worker changes the date of birth to after the child came into care
    const born2026 = { 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '2026' }
    const refused = await postPairs(worker, `/children/${childId}/edit`, withChanges(form, born2026))

    // Then the save is rolled back and the rule's message is in the error summary, with the checkbox
    expect(refused.status).toBe(400)
    const page = $(refused.text)
    expect(page('.govuk-error-summary').text()).toContain('First episode starts before child was born.')
    expect(page('.govuk-error-summary a').first().attr('href')).toBe('#saveAnyway')
    expect(page('input[name=saveAnyway][value=yes]').length).toBe(1)
    expect(
      await database.db
        .selectFrom('child')
        .select(['date_of_birth', 'version'])
        .where('id', '=', childId)
        .executeTakeFirstOrThrow(),
    ).toEqual(before)

    // When they tick "Save anyway"
    const saved = await postPairs(
      worker,
      `/children/${childId}/edit`,
      withChanges(openedForm(refused.text), { ...born2026, saveAnyway: 'yes' }),
    )
    expect(saved.status).toBe(303)
    const after = await database.db
      .selectFrom('child')
      .select(['date_of_birth'])
      .where('id', '=', childId)
      .executeTakeFirstOrThrow()
    expect(String(after.date_of_birth)).toContain('2026-01-01')

    // Then the rule shows in the child's data quality panel, with where to fix it
    const record = $((await worker.get(`/children/${childId}`)).text)
    const panel = record('#data-quality').nextAll('table').first()
    expect(panel.text()).toContain('rule 302')
    expect(panel.find('a[href$="/looked-after"]').length).toBeGreaterThan(0)
  })
})

describe('validation as staff type on the looked-after episode forms', () => {
  it('refuses ending a period of care in a way that breaks a return rule, unless saved anyway', async () => {
    const childId = fixture.children.sameTeam
    const c = fixture.councilId
    const period = await database.db
      .insertInto('period_of_care')
      .values({ council_id: c, child_id: childId, start_date: '2026-05-01', created_by: null })
      .returning('id')
      .executeTakeFirstOrThrow()
    const episode = await database.db
      .insertInto('looked_after_episode')
      .values({
        council_id: c,
        child_id: childId,
        period_of_care_id: period.id,
        placement_id: null,
        start_date: '2026-05-01',
        reason_new_episode: 'S',
        legal_status: 'L1',
        category_of_need: 'N1',
        placement_type: 'U6',
        placement_provider: 'PR1',
        home_postcode: 'FY1 1AA',
        placement_postcode: 'FY2 2BB',
        created_by: null,
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow()
    const head = await signIn(app, fixture.users.head_of_service.email, PASSWORD)
    const action = `/children/${childId}/looked-after/end`
    const csrf = csrfFrom((await head.get(action)).text)
    const answers: FieldPairs = [
      ['_csrf', csrf],
      ['episodeId', String(episode.id)],
      ['episodeVersion', String(episode.version)],
      ['endDate-day', '1'],
      ['endDate-month', '10'],
      ['endDate-year', '2026'],
      ['reasonEnded', 'E13'],
      ['confirm', 'yes'],
    ]
    // Police protection that lasted five months (rule 361: at most 72 hours): refused, nothing written
    const refused = await postPairs(head, action, answers)
    expect(refused.status).toBe(400)
    const page = $(refused.text)
    expect(page('.govuk-error-summary').text()).toContain(
      'Police protection legal status lasted longer than maximum 72 hours allowed in the Children Act 1989.',
    )
    expect(page('input[name=saveAnyway]').length).toBe(1)
    const open = await database.db
      .selectFrom('looked_after_episode')
      .select(['end_date'])
      .where('id', '=', episode.id)
      .executeTakeFirstOrThrow()
    expect(open.end_date).toBeNull()

    // Saved anyway: the period ends and the rule is on the child's data quality panel
    const saved = await postPairs(head, action, [...answers, ['saveAnyway', 'yes']])
    expect(saved.status).toBe(303)
    const ended = await database.db
      .selectFrom('looked_after_episode')
      .select(['end_date', 'reason_episode_ceased'])
      .where('id', '=', episode.id)
      .executeTakeFirstOrThrow()
    expect(ended.reason_episode_ceased).toBe('E13')
    const record = $((await head.get(`/children/${childId}`)).text)
    expect(record('#data-quality').nextAll('table').first().text()).toContain('rule 361')
  })
})
