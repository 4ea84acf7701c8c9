import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, signIn, submitForm, testApp, type Agent } from './support/http.js'

let database: TestDatabase
let fixture: Fixture
let app: Express
let worker: Agent
let child: number
let sibling: number

beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await seedFixture(database.db)
  app = testApp(database.db)
  worker = await signIn(app, fixture.users.social_worker.email, PASSWORD)
  child = fixture.children.allocatedToWorker
  sibling = fixture.children.sameTeam
})
afterAll(() => database.destroy())

const mother = {
  existingPersonId: '',
  firstName: 'Grace',
  lastName: 'Allocated',
  'dateOfBirth-day': '4',
  'dateOfBirth-month': '2',
  'dateOfBirth-year': '1990',
  relationship: 'mother',
  parentalResponsibility: 'yes',
  livesWithChild: 'yes',
  contactRestricted: 'no',
  phone: '07700 900123',
  address: '1 Promenade, Blackpool',
  postcode: 'fy1 1aa',
  note: '',
}

const relationships = (childId: number) =>
  database.db.selectFrom('child_relationship').selectAll().where('child_id', '=', childId).orderBy('id').execute()

describe('the family and people page', () => {
  it('shows the section with nothing recorded yet', async () => {
    const page = await worker.get(`/children/${child}/people`)
    expect(page.status).toBe(200)
    expect($(page.text)('h1').text()).toBe('Family and people')
    expect($(page.text)('.harbour-subnav__link[aria-current=page]').text()).toBe('Family and people')
    expect(page.text).toContain('No one is recorded yet.')
    expect($(page.text)(`a[href="/children/${child}/people/new"]`).text()).toBe('Add a person')
  })

  it('refuses a child outside the user’s scope', async () => {
    expect((await worker.get(`/children/${fixture.children.otherTeam}/people`)).status).toBe(403)
  })
})

describe('adding a person', () => {
  it('records the person and the relationship, with an audit row', async () => {
    const path = `/children/${child}/people/new`
    const form = await worker.get(path)
    expect($(form.text)('h1').text()).toBe('Add a person to the child’s family and network')
    const saved = await submitForm(worker, path, path, mother)
    expect(saved.status).toBe(303)
    expect(saved.headers['location']).toBe(`/children/${child}/people?saved=person`)
    const [relationship] = await relationships(child)
    expect(relationship).toMatchObject({
      relationship: 'mother',
      parental_responsibility: true,
      lives_with_child: true,
      contact_restricted: false,
      related_child_id: null,
    })
    const person = await database.db
      .selectFrom('person')
      .selectAll()
      .where('id', '=', relationship?.person_id as number)
      .executeTakeFirstOrThrow()
    expect(person).toMatchObject({
      first_name: 'Grace',
      date_of_birth: '1990-02-04',
      postcode: 'FY1 1AA',
      created_by: fixture.users.social_worker.id,
    })
    const audit = await database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('child_id', '=', child)
      .where('entity', '=', 'child_relationship')
      .where('action', '=', 'create')
      .execute()
    expect(audit).toHaveLength(1)
    expect(JSON.stringify(audit[0]?.detail)).not.toContain('Grace')

    const page = await worker.get(`/children/${child}/people?saved=person`)
    expect($(page.text)('.govuk-notification-banner').text()).toContain('The person has been added')
    const cells = $(page.text)('table:contains("Parental responsibility") tbody td')
      .map((_index, cell) => $(page.text)(cell).text().trim())
      .get()
    expect(cells).toEqual([
      'Grace Allocated',
      'Mother',
      'Yes',
      'Yes',
      'Not restricted',
      '1 Promenade, Blackpool, FY1 1AA, 07700 900123',
      expect.stringMatching(/^Change Grace Allocated’s details\s+End the relationship with Grace Allocated$/),
    ])
  })

  it('shows every problem, including a restricted contact with no explanation', async () => {
    const path = `/children/${child}/people/new`
    const before = (await relationships(child)).length
    const refused = await submitForm(worker, path, path, {
      firstName: '',
      lastName: '',
      contactRestricted: 'yes',
      postcode: 'nope',
    })
    expect(refused.status).toBe(400)
    const summary = $(refused.text)('.govuk-error-summary li')
      .map((_index, item) => $(refused.text)(item).text().trim())
      .get()
    expect(summary).toEqual([
      'Enter the person’s first name',
      'Enter the person’s last name',
      'Select how the person is related to the child',
      'Select whether the person has parental responsibility for the child',
      'Select whether the child lives with this person',
      'Enter a real postcode, like FY1 1AA',
      'Enter how contact is restricted, for example supervised contact only',
    ])
    expect((await relationships(child)).length).toBe(before)
  })

  it('hides a confidential address', async () => {
    const path = `/children/${child}/people/new`
    await submitForm(worker, path, path, {
      ...mother,
      firstName: 'Rita',
      relationship: 'grandparent',
      parentalResponsibility: 'no',
      livesWithChild: 'no',
      contactRestricted: 'yes',
      note: 'Supervised contact only',
      addressConfidential: 'yes',
    })
    const page = await worker.get(`/children/${child}/people`)
    const row = $(page.text)('tbody tr:contains("Rita Allocated") td')
      .map((_index, cell) => $(page.text)(cell).text().trim())
      .get()
    expect(row).toEqual([
      'Rita Allocated',
      'Grandparent',
      'No',
      'No',
      'Restricted: Supervised contact only',
      'Confidential',
      expect.stringMatching(/^Change/),
    ])
  })

  it('refuses a worker from another team, writing nothing', async () => {
    const other = fixture.children.otherTeam
    const home = await worker.get('/')
    const refused = await submitForm(worker, '/', `/children/${other}/people/new`, mother)
    expect(home.status).toBe(200)
    expect(refused.status).toBe(403)
    expect(await relationships(other)).toHaveLength(0)
  })
})

describe('brothers and sisters', () => {
  it('links a sibling both ways, and refuses the same link twice or a child out of scope', async () => {
    const path = `/children/${child}/siblings/new`
    const form = await worker.get(path)
    expect($(form.text)('h1').text()).toBe('Link a brother or sister')
    const linked = await submitForm(worker, path, `/children/${child}/siblings`, {
      sibling: 't102',
      relationship: 'half_sibling',
    })
    expect(linked.status).toBe(303)
    expect((await relationships(child)).filter((row) => row.related_child_id === sibling)).toHaveLength(1)
    expect((await relationships(sibling)).map((row) => [row.related_child_id, row.relationship])).toEqual([
      [child, 'half_sibling'],
    ])

    const again = await submitForm(worker, path, `/children/${child}/siblings`, {
      sibling: 'T102',
      relationship: 'sibling',
    })
    expect(again.status).toBe(400)
    expect($(again.text)('.govuk-error-summary').text()).toContain('These children are already linked')
    const outside = await submitForm(worker, path, `/children/${child}/siblings`, {
      sibling: 'T103',
      relationship: 'sibling',
    })
    expect(outside.status).toBe(400)
    expect($(outside.text)('.govuk-error-summary').text()).toContain('No child you can open has that ID')
    const blank = await submitForm(worker, path, `/children/${child}/siblings`, { sibling: '' })
    expect($(blank.text)('.govuk-error-summary').text()).toContain('Enter the child ID of the brother or sister')
    expect(await relationships(fixture.children.otherTeam)).toHaveLength(0)
  })

  it('offers a person recorded for a sibling, and links the same person', async () => {
    const path = `/children/${sibling}/people/new`
    const form = await worker.get(path)
    const option = $(form.text)('#existingPersonId option:contains("Grace Allocated")')
    expect(option).toHaveLength(1)
    const saved = await submitForm(worker, path, path, {
      existingPersonId: option.attr('value') as string,
      relationship: 'mother',
      parentalResponsibility: 'yes',
      livesWithChild: 'yes',
      contactRestricted: 'no',
    })
    expect(saved.status).toBe(303)
    const mothers = await database.db
      .selectFrom('child_relationship')
      .select(['child_id', 'person_id'])
      .where('relationship', '=', 'mother')
      .orderBy('child_id')
      .execute()
    expect(mothers.map((row) => row.child_id)).toEqual([child, sibling])
    expect(new Set(mothers.map((row) => row.person_id)).size).toBe(1)
  })

  it('creates a sibling group shown together, naming only the children the user may open', async () => {
    const path = `/children/${child}/sibling-groups/new`
    const form = await worker.get(path)
    expect($(form.text)('h1').text()).toBe('Create a sibling group')
    expect($(form.text)(`input[name=members][value="${sibling}"]`)).toHaveLength(1)
    const missing = await submitForm(worker, path, `/children/${child}/sibling-groups`, { name: '' })
    expect(missing.status).toBe(400)
    expect($(missing.text)('.govuk-error-summary').text()).toContain('Enter a name for the sibling group')
    const created = await submitForm(worker, path, `/children/${child}/sibling-groups`, {
      name: 'Allocated children',
      members: String(sibling),
    })
    expect(created.status).toBe(303)
    const group = await database.db.selectFrom('sibling_group').selectAll().executeTakeFirstOrThrow()
    expect(group.name).toBe('Allocated children')

    // A brother in another team joins the group (as his own worker would add him).
    await database.db
      .insertInto('sibling_group_member')
      .values({
        council_id: fixture.councilId,
        sibling_group_id: group.id,
        child_id: fixture.children.otherTeam,
        created_by: null,
      })
      .execute()
    const page = await worker.get(`/children/${child}/people`)
    const rows = $(page.text)('caption:contains("Allocated children")')
      .closest('table')
      .find('tbody tr')
      .map((_index, row) => $(page.text)(row).text().replace(/\s+/g, ' ').trim())
      .get()
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Testchild Allocated \(this child\) \d+ Take out of the group: Testchild Allocated$/),
        expect.stringMatching(/^Testchild Sameteam \d+ Take out of the group: Testchild Sameteam$/),
        'A sibling (not allocated to you) Not shown',
      ]),
    )
    expect(page.text).not.toContain('Otherteam')
    expect($(page.text)(`a[href="/children/${fixture.children.otherTeam}"]`)).toHaveLength(0)
    expect($(page.text)(`a[href="/children/${sibling}"]`).length).toBeGreaterThan(0)
  })

  it('adds a child to an existing group by child ID, refusing one out of scope', async () => {
    const group = await database.db.selectFrom('sibling_group').select('id').executeTakeFirstOrThrow()
    const newborn = 201
    await database.db
      .insertInto('child')
      .values({
        council_id: fixture.councilId,
        id: newborn,
        la_child_id: 'T201',
        first_name: 'Baby',
        last_name: 'Allocated',
        preferred_name: null,
        date_of_birth: null,
        expected_date_of_birth: '2026-09-01',
        date_of_death: null,
        sex: 'U',
        ethnicity: 'WBRI',
        upn: null,
        former_upn: null,
        upn_unknown_reason: 'UN1',
        uasc_ceased_date: null,
        home_postcode: null,
        restriction: null,
        restriction_reason: null,
        merged_into_child_id: null,
      })
      .execute()
    await database.db
      .insertInto('worker_allocation')
      .values({
        council_id: fixture.councilId,
        child_id: newborn,
        allocation_role: 'social_worker',
        team_id: 1,
        user_id: fixture.users.social_worker.id,
        start_date: '2026-01-05',
        end_date: null,
        reason_for_change: null,
        created_by: null,
      })
      .execute()
    const path = `/children/${child}/sibling-groups/${group.id}`
    const form = await worker.get(path)
    expect($(form.text)('h1').text()).toBe('Add children to Allocated children')
    const empty = await submitForm(worker, path, `${path}/members`, {})
    expect(empty.status).toBe(400)
    expect($(empty.text)('.govuk-error-summary').text()).toContain('Select a brother or sister, or enter a child’s ID')
    const outside = await submitForm(worker, path, `${path}/members`, { sibling: 'T104' })
    expect(outside.status).toBe(400)
    const added = await submitForm(worker, path, `${path}/members`, { sibling: 'T201' })
    expect(added.status).toBe(303)
    const members = await database.db
      .selectFrom('sibling_group_member')
      .select('child_id')
      .where('sibling_group_id', '=', group.id)
      .orderBy('child_id')
      .execute()
    expect(members.map((row) => row.child_id)).toEqual([child, sibling, fixture.children.otherTeam, newborn])
    const page = await worker.get(`/children/${child}/people`)
    expect(page.text).toMatch(/Unborn \(expected 1 September 2026\)/)
    // Someone else's group cannot be reached through this child.
    expect((await worker.get(`/children/${fixture.children.sameTeam}/sibling-groups/999`)).status).toBe(404)
  })
})
