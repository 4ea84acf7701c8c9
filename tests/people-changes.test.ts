import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, csrfFrom, signIn, submitForm, testApp, type Agent } from './support/http.js'
import { hiddenFieldsOf, postPairs } from './support/forms.js'

/** Correcting a person, ending a relationship and taking a child out of a sibling group. */
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

const father = {
  existingPersonId: '',
  firstName: 'Tom',
  lastName: 'Allocated',
  'dateOfBirth-day': '',
  'dateOfBirth-month': '',
  'dateOfBirth-year': '',
  relationship: 'father',
  parentalResponsibility: 'yes',
  livesWithChild: 'no',
  contactRestricted: 'no',
  phone: '',
  address: '',
  postcode: '',
  note: '',
}

const auditRows = (entity: string, action: string) =>
  database.db
    .selectFrom('audit_event')
    .select(['child_id', 'entity_id', 'detail'])
    .where('entity', '=', entity)
    .where('action', '=', action)
    .execute()

/** Submits the form on `path` as a browser would: its hidden fields (CSRF token, versions) and these answers. */
async function submitWithHidden(path: string, fields: Record<string, string>) {
  const page = await worker.get(path)
  return postPairs(worker, path, [...hiddenFieldsOf(page.text, path), ...Object.entries(fields)])
}

async function addFather(): Promise<number> {
  const path = `/children/${child}/people/new`
  expect((await submitForm(worker, path, path, father)).status).toBe(303)
  const row = await database.db
    .selectFrom('child_relationship')
    .select('id')
    .where('child_id', '=', child)
    .where('relationship', '=', 'father')
    .where('end_date', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  return row.id
}

describe('changing a person’s details', () => {
  it('shows the saved answers, saves the change and audits the fields changed', async () => {
    const relationshipId = await addFather()
    const path = `/children/${child}/people/${relationshipId}/edit`
    const form = await worker.get(path)
    expect(form.status).toBe(200)
    expect($(form.text)('h1').text()).toBe('Change Tom Allocated’s details')
    expect($(form.text)('#firstName').val()).toBe('Tom')
    const saved = await submitWithHidden(path, {
      firstName: 'Thomas',
      lastName: 'Allocated',
      'dateOfBirth-day': '',
      'dateOfBirth-month': '',
      'dateOfBirth-year': '',
      relationship: 'father',
      parentalResponsibility: 'yes',
      livesWithChild: 'yes',
      contactRestricted: 'no',
      phone: '07700 900456',
      address: '',
      postcode: '',
      note: '',
    })
    expect(saved.status).toBe(303)
    expect(saved.headers['location']).toBe(`/children/${child}/people?saved=changed`)
    const page = await worker.get(`/children/${child}/people?saved=changed`)
    expect($(page.text)('.govuk-notification-banner').text()).toContain('The person’s details have been changed.')
    expect(page.text).toContain('Thomas Allocated')
    const audit = (await auditRows('child_relationship', 'update')).find(
      (row) => row.entity_id === String(relationshipId),
    )
    expect(audit?.detail).toMatchObject({
      personFields: ['first_name', 'phone'],
      relationshipFields: ['lives_with_child'],
    })
    expect(JSON.stringify(audit?.detail)).not.toContain('Thomas')
  })

  it('shows what to fix when a required answer is missing', async () => {
    const relationshipId = await addFather()
    const path = `/children/${child}/people/${relationshipId}/edit`
    const { existingPersonId: _unused, ...answers } = father
    const response = await submitWithHidden(path, { ...answers, firstName: '' })
    expect(response.status).toBe(400)
    expect($(response.text)('.govuk-error-summary').text()).toContain('Enter the person’s first name')
  })

  it('never silently overwrites: the second save sees the conflict page with both versions', async () => {
    const relationshipId = await addFather()
    const path = `/children/${child}/people/${relationshipId}/edit`
    const first = await worker.get(path)
    const second = await worker.get(path)
    const answers = (html: string, firstName: string) =>
      hiddenFieldsOf(html, path)
        .filter(([name]) => !['firstName'].includes(name))
        .concat([
          ['firstName', firstName],
          ['lastName', 'Allocated'],
          ['dateOfBirth-day', ''],
          ['dateOfBirth-month', ''],
          ['dateOfBirth-year', ''],
          ['relationship', 'father'],
          ['parentalResponsibility', 'yes'],
          ['livesWithChild', 'no'],
          ['contactRestricted', 'no'],
        ])
    expect((await postPairs(worker, path, answers(first.text, 'Tommy'))).status).toBe(303)
    const conflict = await postPairs(worker, path, answers(second.text, 'Thom'))
    expect(conflict.status).toBe(409)
    expect($(conflict.text)('h1').text()).toBe('Someone else has changed this record')
    expect(conflict.text).toContain('Tommy')
    expect(conflict.text).toContain('Thom')
    const person = await database.db
      .selectFrom('child_relationship as r')
      .innerJoin('person as p', 'p.id', 'r.person_id')
      .select('p.first_name')
      .where('r.id', '=', relationshipId)
      .executeTakeFirstOrThrow()
    expect(person.first_name).toBe('Tommy')
  })

  it('refuses a child outside the user’s scope and writes nothing', async () => {
    const before = await database.db
      .selectFrom('audit_event')
      .select(({ fn }) => fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    const response = await worker.get(`/children/${fixture.children.otherTeam}/people/1/edit`)
    expect(response.status).toBe(403)
    const after = await database.db
      .selectFrom('audit_event')
      .select(({ fn }) => fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n) + 1) // the denial itself is audited, nothing else
  })
})

describe('ending a relationship', () => {
  it('refuses a date in the future, then ends it and keeps it as history', async () => {
    const relationshipId = await addFather()
    const path = `/children/${child}/people/${relationshipId}/end`
    const form = await worker.get(path)
    expect($(form.text)('h1').text()).toBe('End the relationship with Tom Allocated')
    const future = await submitWithHidden(path, {
      'endDate-day': '1',
      'endDate-month': '1',
      'endDate-year': '2099',
      reason: 'Moved away',
    })
    expect(future.status).toBe(400)
    expect($(future.text)('.govuk-error-summary').text()).toMatch(/date the relationship ended must be/i)
    const ended = await submitWithHidden(path, {
      'endDate-day': '3',
      'endDate-month': '5',
      'endDate-year': '2025',
      reason: 'Moved abroad; no contact',
    })
    expect(ended.status).toBe(303)
    const row = await database.db
      .selectFrom('child_relationship')
      .selectAll()
      .where('id', '=', relationshipId)
      .executeTakeFirstOrThrow()
    expect(row.end_date).toBe('2025-05-03')
    expect(row.note).toContain('Ended: Moved abroad; no contact')
    const page = $((await worker.get(`/children/${child}/people`)).text)
    const history = page('h2:contains("Relationships that have ended") + table')
    expect(history.text()).toContain('3 May 2025')
    expect(page(`a[href="/children/${child}/people/${relationshipId}/edit"]`).length).toBe(0)
    expect((await worker.get(path)).status).toBe(404)
  })

  it('ends a link between two children both ways', async () => {
    const linked = await submitForm(worker, `/children/${child}/siblings/new`, `/children/${child}/siblings`, {
      sibling: String(sibling),
      relationship: 'sibling',
    })
    expect(linked.status).toBe(303)
    const link = await database.db
      .selectFrom('child_relationship')
      .select('id')
      .where('child_id', '=', child)
      .where('related_child_id', '=', sibling)
      .where('end_date', 'is', null)
      .executeTakeFirstOrThrow()
    const path = `/children/${child}/people/${link.id}/end`
    const ended = await submitWithHidden(path, {
      'endDate-day': '1',
      'endDate-month': '6',
      'endDate-year': '2025',
      reason: 'Linked by mistake',
    })
    expect(ended.status).toBe(303)
    const open = await database.db
      .selectFrom('child_relationship')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('child_id', '=', child), eb('related_child_id', '=', sibling)]),
          eb.and([eb('child_id', '=', sibling), eb('related_child_id', '=', child)]),
        ]),
      )
      .where('end_date', 'is', null)
      .execute()
    expect(open).toEqual([])
    const audited = (await auditRows('child_relationship', 'update')).filter((row) => row.child_id === sibling)
    expect(audited.length).toBeGreaterThan(0)
  })
})

describe('taking a child out of a sibling group', () => {
  it('asks why, moves the membership to history and audits it on both records', async () => {
    const created = await submitForm(
      worker,
      `/children/${child}/sibling-groups/new`,
      `/children/${child}/sibling-groups`,
      {
        name: 'The Allocated children',
      },
    )
    expect(created.status).toBe(303)
    const group = await database.db
      .selectFrom('sibling_group')
      .select('id')
      .where('name', '=', 'The Allocated children')
      .executeTakeFirstOrThrow()
    const add = `/children/${child}/sibling-groups/${group.id}`
    expect((await submitForm(worker, add, `${add}/members`, { sibling: String(sibling) })).status).toBe(303)

    const path = `/children/${child}/sibling-groups/${group.id}/members/${sibling}/remove`
    const form = await worker.get(path)
    expect(form.status).toBe(200)
    expect($(form.text)('h1').text()).toMatch(/^Take .+ out of The Allocated children$/)
    const missing = await submitWithHidden(path, { reason: '' })
    expect(missing.status).toBe(400)
    expect($(missing.text)('.govuk-error-summary').text()).toContain('Enter why the child is leaving the group')

    const removed = await submitWithHidden(path, { reason: 'Added by mistake' })
    expect(removed.status).toBe(303)
    const members = await database.db
      .selectFrom('sibling_group_member')
      .select('child_id')
      .where('sibling_group_id', '=', group.id)
      .execute()
    expect(members.map((member) => member.child_id)).toEqual([child])
    const past = await database.db.selectFrom('sibling_group_member_ended').selectAll().executeTakeFirstOrThrow()
    expect(past).toMatchObject({ child_id: sibling, sibling_group_id: group.id, reason: 'Added by mistake' })
    const audits = await auditRows('sibling_group_member', 'delete')
    expect(audits.map((row) => row.child_id).sort()).toEqual([child, sibling].sort())
    const page = await worker.get(`/children/${child}/people`)
    expect(page.text).toContain('Children who were in The Allocated children')
    expect(page.text).toContain('Added by mistake')
    expect((await worker.get(path)).status).toBe(404)
  })

  it('refuses to take out a child the user cannot open', async () => {
    const response = await worker.get(
      `/children/${child}/sibling-groups/1/members/${fixture.children.otherTeam}/remove`,
    )
    expect(response.status).toBe(404)
  })
})

describe('refusing changes to a child outside the user’s scope', () => {
  it('refuses each POST with 403 and writes nothing but the denial', async () => {
    const relationshipId = await addFather()
    const other = fixture.children.otherTeam
    const csrf = csrfFrom((await worker.get(`/children/${child}/people/${relationshipId}/edit`)).text)
    const relationshipBefore = await database.db
      .selectFrom('child_relationship')
      .selectAll()
      .where('id', '=', relationshipId)
      .executeTakeFirstOrThrow()
    const auditCount = async () =>
      Number(
        (
          await database.db
            .selectFrom('audit_event')
            .select(({ fn }) => fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const memberCount = async () =>
      Number(
        (
          await database.db
            .selectFrom('sibling_group_member')
            .select(({ fn }) => fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const membersBefore = await memberCount()
    const attempts: [string, Record<string, string>][] = [
      [`/children/${other}/people/${relationshipId}/edit`, { ...father, firstName: 'Changed', _csrf: csrf }],
      [
        `/children/${other}/people/${relationshipId}/end`,
        { 'endDate-day': '1', 'endDate-month': '1', 'endDate-year': '2025', reason: 'x', _csrf: csrf },
      ],
      [`/children/${other}/sibling-groups/1/members/${other}/remove`, { reason: 'x', _csrf: csrf }],
    ]
    for (const [path, fields] of attempts) {
      const before = await auditCount()
      const response = await worker.post(path).type('form').send(fields)
      expect(response.status, path).toBe(403)
      // Refused for scope, not for a bad form token.
      expect(response.text, path).toContain('You do not have access to this child’s record')
      expect(response.text, path).not.toContain('Otherteam')
      // The denial itself is audited, nothing else.
      expect(await auditCount(), path).toBe(before + 1)
      const last = await database.db
        .selectFrom('audit_event')
        .select(['action', 'user_id', 'child_id'])
        .where('user_id', '=', fixture.users.social_worker.id)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow()
      expect(last, path).toMatchObject({ action: 'denied', user_id: fixture.users.social_worker.id, child_id: other })
    }
    const relationshipAfter = await database.db
      .selectFrom('child_relationship')
      .selectAll()
      .where('id', '=', relationshipId)
      .executeTakeFirstOrThrow()
    expect(relationshipAfter).toEqual(relationshipBefore)
    expect(await memberCount()).toBe(membersBefore)
  })
})
