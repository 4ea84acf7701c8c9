import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, csrfFrom, signIn, testApp, type Agent } from './support/http.js'
import { hiddenFieldsOf, postPairs, type FieldPairs } from './support/forms.js'

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

/** A child unlike anyone in the fixture (whose children are all Testchild, born 1 June 2015, FY1 1AA). */
const newChild = (overrides: Record<string, string | string[]> = {}): FieldPairs => {
  const fields: Record<string, string | string[]> = {
    firstName: 'Amara',
    lastName: 'Okafor',
    preferredName: '',
    born: 'yes',
    'dateOfBirth-day': '9',
    'dateOfBirth-month': '11',
    'dateOfBirth-year': '2019',
    sex: 'F',
    ethnicity: 'BAFR',
    upnKnown: 'no',
    upnUnknownReason: 'UN1',
    disabilities: ['AUT', 'COMM'],
    uasc: 'no',
    homePostcode: 'fy4 2ab',
    languages: 'English, Igbo',
    ...overrides,
  }
  return Object.entries(fields).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((item): [string, string] => [name, item]),
  )
}

async function startForm(agent: Agent, fields: FieldPairs) {
  const form = await agent.get('/children/new')
  return postPairs(agent, '/children/new', [['_csrf', csrfFrom(form.text)], ...fields])
}

/** Presses the page's button for `action`: posts its hidden fields with the page's CSRF token. */
async function press(agent: Agent, html: string, action: string) {
  return postPairs(agent, action, hiddenFieldsOf(html, action))
}

const childCount = async () =>
  Number(
    (
      await database.db
        .selectFrom('child')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('adding a child', () => {
  it('links to the form from Find a child only for users who may record', async () => {
    expect($((await worker.get('/children')).text)('a[href="/children/new"]').text()).toBe('Add a child')
    const performance = await signIn(app, fixture.users.performance_officer.email, PASSWORD)
    expect($((await performance.get('/children')).text)('a[href="/children/new"]')).toHaveLength(0)
    const page = await worker.get('/children/new')
    expect(page.status).toBe(200)
    expect($(page.text)('h1').text()).toBe('Add a child')
    expect($(page.text)('label[for=firstName]').text().trim()).toBe('First name')
  })

  it('shows every problem at once, in the order of the form', async () => {
    const before = await childCount()
    const response = await startForm(worker, [
      ['firstName', ''],
      ['lastName', 'Okafor'],
      ['upnKnown', 'yes'],
      ['upn', 'B12345'],
      ['homePostcode', 'nowhere'],
      ['disabilities', 'NONE'],
      ['disabilities', 'LD'],
    ])
    expect(response.status).toBe(400)
    const summary = $(response.text)('.govuk-error-summary li')
      .map((_index, item) => $(response.text)(item).text().trim())
      .get()
    expect(summary).toEqual([
      'Enter the child’s first name',
      'Select whether the child has been born',
      'Select the child’s sex',
      'Select the child’s ethnicity',
      'Enter a UPN in the correct format: a letter followed by 12 digits, or 11 digits and a letter, like A123456789012',
      'Select ‘No disability’ on its own, or select the child’s disabilities',
      'Select whether the child is an unaccompanied asylum-seeking child',
      'Enter a real postcode, like FY1 1AA',
    ])
    expect($(response.text)('title').text()).toMatch(/^Error: /)
    expect($(response.text)('#lastName').val()).toBe('Okafor')
    expect(await childCount()).toBe(before)
  })

  it('refuses a date of birth in the future, naming the field', async () => {
    const response = await startForm(worker, newChild({ 'dateOfBirth-year': '2099' }))
    expect(response.status).toBe(400)
    expect($(response.text)('#dateOfBirth-error').text()).toContain('Date of birth must be today or in the past')
  })

  it('checks for duplicates, shows the answers, then adds and allocates the child', async () => {
    const checkPage = await startForm(worker, newChild())
    expect(checkPage.status).toBe(200)
    expect($(checkPage.text)('h1').text()).toBe('Check the child’s details before adding them')
    const rows = $(checkPage.text)('.govuk-summary-list__row')
      .map(
        (_index, row) =>
          `${$(checkPage.text)(row).find('dt').text().trim()}: ${$(checkPage.text)(row).find('dd').text().trim()}`,
      )
      .get()
    expect(rows).toContain('Ethnicity: African')
    expect(rows).toContain('Home postcode: FY4 2AB')
    expect(rows).toContain('Disabilities: Autism or Asperger’s, Communication')
    expect(rows).toContain('Unique pupil number (UPN): Not known: Not of school age and no UPN assigned yet')

    const created = await press(worker, checkPage.text, '/children/new/check')
    expect(created.status).toBe(303)
    const childId = Number(/^\/children\/(\d+)\?created=1$/.exec(created.headers['location'] as string)?.[1])
    const child = await database.db.selectFrom('child').selectAll().where('id', '=', childId).executeTakeFirstOrThrow()
    expect(child).toMatchObject({
      council_id: fixture.councilId,
      first_name: 'Amara',
      last_name: 'Okafor',
      date_of_birth: '2019-11-09',
      expected_date_of_birth: null,
      sex: 'F',
      ethnicity: 'BAFR',
      upn: null,
      upn_unknown_reason: 'UN1',
      disabilities: ['AUT', 'COMM'],
      languages: ['English', 'Igbo'],
      uasc: false,
      home_postcode: 'FY4 2AB',
    })
    expect(child.la_child_id).toMatch(/^H[A-Z2-9]{7}$/)
    const allocation = await database.db
      .selectFrom('worker_allocation')
      .selectAll()
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow()
    expect(allocation).toMatchObject({
      allocation_role: 'social_worker',
      team_id: fixture.teams.childProtection,
      user_id: fixture.users.social_worker.id,
      end_date: null,
    })
    const audit = await database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('child_id', '=', childId)
      .where('action', '=', 'create')
      .execute()
    expect(audit).toHaveLength(1)
    expect(JSON.stringify(audit[0]?.detail)).not.toContain('Amara')

    const record = await worker.get(`/children/${childId}?created=1`)
    expect(record.status).toBe(200)
    expect($(record.text)('.govuk-notification-banner').text()).toContain('The child has been added')
    expect($(record.text)('a[href$="/edit"]').text()).toBe('Change the child’s details')
  })

  it('records an unborn child with an expected date of birth', async () => {
    const next = new Date()
    next.setMonth(next.getMonth() + 3)
    const checkPage = await startForm(
      worker,
      newChild({
        firstName: 'Baby',
        lastName: 'Nakamura',
        born: 'no',
        'dateOfBirth-day': '',
        'dateOfBirth-month': '',
        'dateOfBirth-year': '',
        'expectedDateOfBirth-day': String(next.getDate()),
        'expectedDateOfBirth-month': String(next.getMonth() + 1),
        'expectedDateOfBirth-year': String(next.getFullYear()),
        sex: 'U',
        disabilities: [],
        homePostcode: '',
      }),
    )
    expect($(checkPage.text)('h1').text()).toBe('Check the child’s details before adding them')
    const created = await press(worker, checkPage.text, '/children/new/check')
    expect(created.status).toBe(303)
    const child = await database.db
      .selectFrom('child')
      .selectAll()
      .where('last_name', '=', 'Nakamura')
      .executeTakeFirstOrThrow()
    expect(child.date_of_birth).toBeNull()
    expect(child.expected_date_of_birth).not.toBeNull()
    expect(child.home_postcode).toBeNull()
  })

  it('shows possible duplicates across the council, naming only children the user may open', async () => {
    const before = await childCount()
    const similar = newChild({
      firstName: 'Testchild',
      lastName: 'Otherteam',
      'dateOfBirth-day': '2',
      'dateOfBirth-month': '6',
      'dateOfBirth-year': '2015',
      homePostcode: 'FY1 1AA',
    })
    const duplicates = await startForm(worker, similar)
    expect(duplicates.status).toBe(200)
    const page = $(duplicates.text)
    expect(page('h1').text()).toBe('This child may already have a record')
    const cells = page('tbody tr')
      .toArray()
      .map((row) =>
        page(row)
          .find('td')
          .toArray()
          .map((cell) => page(cell).text().trim()),
      )
    // Children in scope in full, with a link; a child in another team by initials and year; a restricted child by ID only.
    expect(cells).toContainEqual([
      'T101',
      'Testchild Allocated',
      '1 June 2015',
      'FY1 1AA',
      'Open the existing record for child ID T101',
    ])
    expect(cells).toContainEqual([
      'T103',
      'T. O. (not allocated to you)',
      'Born 2015',
      'Not shown',
      'Ask the child’s team manager',
    ])
    expect(cells).toContainEqual([
      'T104',
      'A restricted record: ask your head of service',
      'Not shown',
      'Not shown',
      'Ask the child’s team manager',
    ])
    expect(cells.map((row) => row[0])).not.toContain('T105')
    expect(duplicates.text).not.toContain('Otherteam</td>')
    expect(duplicates.text).not.toContain('Testchild Restricted')
    expect(page('a[href="/children/103"]')).toHaveLength(0)
    const search = await database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'search')
      .where('route', '=', 'POST /children/new')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow()
    expect(search.detail).toMatchObject({ purpose: 'duplicate_check', childIds: [101, 102, 103, 104] })

    // Going straight to the final step without acknowledging them shows them again and adds nothing.
    const form = await worker.get('/children/new')
    const skipped = await postPairs(worker, '/children/new/check', [['_csrf', csrfFrom(form.text)], ...similar])
    expect($(skipped.text)('h1').text()).toBe('This child may already have a record')
    expect(await childCount()).toBe(before)

    const checkPage = await press(worker, duplicates.text, '/children/new/duplicates')
    expect($(checkPage.text)('h1').text()).toBe('Check the child’s details before adding them')
    const created = await press(worker, checkPage.text, '/children/new/check')
    expect(created.status).toBe(303)
    expect(await childCount()).toBe(before + 1)
  })

  it('lets the user change their answers from the check page', async () => {
    const checkPage = await startForm(worker, newChild({ firstName: 'Zaid', lastName: 'Haddad' }))
    const back = await press(worker, checkPage.text, '/children/new')
    expect(back.status).toBe(200)
    expect($(back.text)('h1').text()).toBe('Add a child')
    expect($(back.text)('#firstName').val()).toBe('Zaid')
    expect($(back.text)('input[name=disabilities][value=AUT]').attr('checked')).toBeDefined()
  })

  it('refuses a child ID already in use, and asks a user in no team which team to allocate to', async () => {
    const taken = await startForm(worker, newChild({ firstName: 'Ines', lastName: 'Duarte', laChildId: 't101' }))
    expect(taken.status).toBe(400)
    expect($(taken.text)('.govuk-error-summary').text()).toContain('That child ID is already used')

    const head = await signIn(app, fixture.users.head_of_service.email, PASSWORD)
    const noTeam = await startForm(head, newChild({ firstName: 'Ines', lastName: 'Duarte' }))
    expect(noTeam.status).toBe(400)
    expect($(noTeam.text)('.govuk-error-summary').text()).toContain('Select the team the child will be allocated to')
    const checkPage = await startForm(
      head,
      newChild({
        firstName: 'Ines',
        lastName: 'Duarte',
        laChildId: 'ID9',
        allocationTeam: String(fixture.teams.childrenInCare),
      }),
    )
    const created = await press(head, checkPage.text, '/children/new/check')
    expect(created.status).toBe(303)
    const allocation = await database.db
      .selectFrom('worker_allocation as a')
      .innerJoin('child as c', (join) => join.onRef('c.id', '=', 'a.child_id'))
      .select(['a.team_id', 'a.user_id', 'c.la_child_id'])
      .where('c.last_name', '=', 'Duarte')
      .executeTakeFirstOrThrow()
    expect(allocation).toEqual({ team_id: fixture.teams.childrenInCare, user_id: null, la_child_id: 'ID9' })
  })

  it('refuses a user without permission to record, writing nothing', async () => {
    const before = await childCount()
    const performance = await signIn(app, fixture.users.performance_officer.email, PASSWORD)
    const home = await performance.get('/')
    const refused = await postPairs(performance, '/children/new/check', [
      ['_csrf', csrfFrom(home.text)],
      ...newChild({ lastName: 'Refused' }),
    ])
    expect(refused.status).toBe(403)
    expect(await childCount()).toBe(before)
  })
})
