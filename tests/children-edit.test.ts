import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, csrfFrom, signIn, testApp, type Agent } from './support/http.js'
import { postPairs, type FieldPairs } from './support/forms.js'

let database: TestDatabase
let fixture: Fixture
let app: Express
let worker: Agent

beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await seedFixture(database.db)
  app = testApp(database.db)
  worker = await signIn(app, fixture.users.social_worker.email, PASSWORD)
})
afterAll(() => database.destroy())

/** Every field of the edit form as the page rendered it (what a browser would send back unchanged). */
function openedForm(html: string): FieldPairs {
  const page = $(html)
  const form = page('form[action$="/edit"]')
  const pairs: FieldPairs = []
  form.find('input').each((_index, element) => {
    const input = page(element)
    const type = input.attr('type') ?? 'text'
    if ((type === 'radio' || type === 'checkbox') && input.attr('checked') === undefined) return
    pairs.push([input.attr('name') ?? '', input.attr('value') ?? ''])
  })
  form.find('select').each((_index, element) => {
    const select = page(element)
    pairs.push([select.attr('name') ?? '', select.find('option[selected]').attr('value') ?? ''])
  })
  return pairs
}

const withChanges = (pairs: FieldPairs, changes: Record<string, string>): FieldPairs => [
  ...pairs.filter(([name]) => !(name in changes)),
  ...Object.entries(changes),
]

const childRow = (id: number) =>
  database.db.selectFrom('child').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

describe('changing a child’s details', () => {
  it('opens the form on the saved details and saves a change with an audit row', async () => {
    const childId = fixture.children.allocatedToWorker
    const page = await worker.get(`/children/${childId}/edit`)
    expect(page.status).toBe(200)
    expect($(page.text)('h1').text()).toBe('Change the child’s details')
    expect($(page.text)('#lastName').val()).toBe('Allocated')
    expect($(page.text)('input[name=born][value=yes]').attr('checked')).toBeDefined()
    expect($(page.text)('#dateOfBirth-year').val()).toBe('2015')
    const saved = await postPairs(
      worker,
      `/children/${childId}/edit`,
      withChanges(openedForm(page.text), { preferredName: 'Tess', homePostcode: 'fy3 7eb', languages: 'English' }),
    )
    expect(saved.status).toBe(303)
    expect(saved.headers['location']).toBe(`/children/${childId}?saved=1`)
    const child = await childRow(childId)
    expect(child).toMatchObject({
      preferred_name: 'Tess',
      home_postcode: 'FY3 7EB',
      languages: ['English'],
      version: 2,
    })
    expect(child.first_name).toBe('Testchild')
    const audit = await database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('child_id', '=', childId)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow()
    expect(audit.detail).toEqual({ fields: ['preferred_name', 'languages', 'home_postcode'], version: 2 })
    const summary = await worker.get(`/children/${childId}?saved=1`)
    expect($(summary.text)('.govuk-notification-banner').text()).toContain('The child’s details have been saved')
  })

  it('shows validation errors on the form and changes nothing', async () => {
    const childId = fixture.children.sameTeam
    const page = await worker.get(`/children/${childId}/edit`)
    const refused = await postPairs(
      worker,
      `/children/${childId}/edit`,
      withChanges(openedForm(page.text), { lastName: '', 'dateOfBirth-month': '13' }),
    )
    expect(refused.status).toBe(400)
    const summary = $(refused.text)('.govuk-error-summary').text()
    expect(summary).toContain('Enter the child’s last name')
    expect(summary).toContain('Date of birth must be a real date')
    expect((await childRow(childId)).version).toBe(1)
  })

  it('refuses a worker from another team, writing nothing', async () => {
    const childId = fixture.children.otherTeam
    const opened = await worker.get(`/children/${childId}/edit`)
    expect(opened.status).toBe(403)
    const home = await worker.get('/')
    const refused = await postPairs(worker, `/children/${childId}/edit`, [
      ['_csrf', csrfFrom(home.text)],
      ['firstName', 'Changed'],
    ])
    expect(refused.status).toBe(403)
    expect((await childRow(childId)).first_name).toBe('Testchild')
  })
})

describe('two people editing the same child', () => {
  it('never silently overwrites: the second save gets the conflict page and the first one’s values stay', async () => {
    const childId = fixture.children.sameTeam
    const colleague = await signIn(app, fixture.users.otherTeamWorker.email, PASSWORD)
    // Both open the form on the same version.
    const firstForm = await worker.get(`/children/${childId}/edit`)
    const secondForm = await colleague.get(`/children/${childId}/edit`)
    const version = (await childRow(childId)).version
    expect($(firstForm.text)('input[name=version]').val()).toBe(String(version))
    expect($(secondForm.text)('input[name=version]').val()).toBe(String(version))

    const first = await postPairs(
      worker,
      `/children/${childId}/edit`,
      withChanges(openedForm(firstForm.text), { preferredName: 'Sunny', homePostcode: 'FY2 0AA' }),
    )
    expect(first.status).toBe(303)
    const second = await postPairs(
      colleague,
      `/children/${childId}/edit`,
      withChanges(openedForm(secondForm.text), { preferredName: 'Cloud', languages: 'Welsh' }),
    )
    expect(second.status).toBe(409)
    const conflict = $(second.text)
    expect(conflict('h1').text()).toBe('Someone else has changed this record')
    const preferred = conflict('tbody tr')
      .filter((_index, row) => conflict(row).find('th').text() === 'Preferred name')
      .find('td')
      .map((_index, cell) => conflict(cell).text().trim())
      .get()
    expect(preferred[0]).toBe('Cloud')
    expect(preferred[1]).toContain('Sunny')

    const child = await childRow(childId)
    expect(child).toMatchObject({
      preferred_name: 'Sunny',
      home_postcode: 'FY2 0AA',
      languages: [],
      version: version + 1,
    })
    const updates = await database.db
      .selectFrom('audit_event')
      .select('user_id')
      .where('child_id', '=', childId)
      .where('action', '=', 'update')
      .execute()
    expect(updates.map((row) => row.user_id)).toEqual([fixture.users.social_worker.id])
  })
})
