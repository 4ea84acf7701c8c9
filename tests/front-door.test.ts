import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, signIn, submitForm, testApp, type Agent } from './support/http.js'
import { addChild, addSiblingGroup } from './support/front-door-children.js'
import { listReferrals } from '../src/areas/front-door/queries.js'
import { isReReferral } from '../src/areas/front-door/re-referral.js'
import { instantFromLondon } from '../src/areas/front-door/london-time.js'

let database: TestDatabase
let fixture: Fixture
let app: Express
let worker: Agent
let manager: Agent
let otherTeamSocialWorker: Agent

// Children: 101 (the worker's), 102 (same team), 103 (another team) are siblings; 201 is 19.
const ADULT = 201

beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await seedFixture(database.db)
  app = testApp(database.db)
  const { allocatedToWorker, sameTeam, otherTeam } = fixture.children
  await addSiblingGroup(database.db, fixture.councilId, 'Testchild siblings', [allocatedToWorker, sameTeam, otherTeam])
  await addChild(database.db, {
    councilId: fixture.councilId,
    id: ADULT,
    lastName: 'Adult',
    dateOfBirth: '2006-02-01',
    teamId: fixture.teams.childProtection,
    workerId: fixture.users.social_worker.id,
  })
  worker = await signIn(app, fixture.users.social_worker.email, PASSWORD)
  manager = await signIn(app, fixture.users.team_manager.email, PASSWORD)
  otherTeamSocialWorker = await signIn(app, fixture.users.otherSocialWorker.email, PASSWORD)
})
afterAll(() => database.destroy())

const db = () => database.db
const frontDoor = (childId: number) => `/children/${childId}/front-door`

const contactFields = (overrides: Record<string, string | string[]> = {}) => ({
  'received-day': '2',
  'received-month': '3',
  'received-year': '2026',
  'received-time': '09:15',
  source: '6',
  referrerName: 'PC Test',
  referrerOrganisation: 'Lancashire Constabulary',
  concern: 'Domestic incident at the family home overnight.',
  ...overrides,
})

async function contactsOf(childId: number) {
  return db().selectFrom('contact').selectAll().where('child_id', '=', childId).orderBy('id').execute()
}

async function auditRows(entity: string, childId: number, action: string) {
  return db()
    .selectFrom('audit_event')
    .selectAll()
    .where('entity', '=', entity)
    .where('child_id', '=', childId)
    .where('action', '=', action)
    .execute()
}

describe('the contacts and referrals page', () => {
  it('shows the section with its own heading and audits the read', async () => {
    const childId = fixture.children.allocatedToWorker
    const response = await worker.get(frontDoor(childId))
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('h1').text()).toBe('Contacts and referrals')
    expect(page('[aria-current=page]').text()).toBe('Contacts and referrals')
    expect((await auditRows('referral', childId, 'read')).at(-1)).toMatchObject({
      route: 'GET /children/:childId/front-door',
      user_id: fixture.users.social_worker.id,
    })
  })

  it('refuses a social worker from another team and records the denial', async () => {
    const other = otherTeamSocialWorker
    const response = await other.get(frontDoor(fixture.children.allocatedToWorker))
    expect(response.status).toBe(403)
    expect(response.text).not.toContain('Testchild')
  })
})

describe('recording a contact', () => {
  it('offers only the brothers and sisters the user may see, police first', async () => {
    const response = await worker.get(`/children/${fixture.children.allocatedToWorker}/contacts/new`)
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('h1').text()).toBe('Record a contact')
    const siblings = page('input[name=alsoFor]')
      .map((_index, input) => page(input).attr('value'))
      .get()
    expect(siblings).toEqual([String(fixture.children.sameTeam)])
    expect(page('input[name=source]').first().attr('value')).toBe('6')
    expect(page('label[for=source]').text().trim()).toBe('Police')
  })

  it('shows what to fix when the form is incomplete, and saves nothing', async () => {
    const childId = fixture.children.allocatedToWorker
    const response = await submitForm(worker, `/children/${childId}/contacts/new`, `/children/${childId}/contacts`, {
      'received-day': '',
      'received-month': '',
      'received-year': '',
      'received-time': '',
      concern: '',
    })
    expect(response.status).toBe(400)
    const summary = $(response.text)('.govuk-error-summary').text()
    expect(summary).toContain('Enter the date the contact was received')
    expect(summary).toContain('Enter the time the contact was received')
    expect(summary).toContain('Select who made the contact')
    expect(summary).toContain('Enter a summary of the concern')
    expect($(response.text)('title').text()).toMatch(/^Error: /)
    expect(await contactsOf(childId)).toEqual([])
  })

  it('refuses a date or time that cannot be, or is in the future', async () => {
    const childId = fixture.children.allocatedToWorker
    const post = (fields: Record<string, string>) =>
      submitForm(worker, `/children/${childId}/contacts/new`, `/children/${childId}/contacts`, contactFields(fields))
    const impossible = await post({ 'received-day': '31', 'received-month': '2' })
    expect($(impossible.text)('.govuk-error-summary').text()).toContain(
      'The date the contact was received must be a real date',
    )
    const badTime = await post({ 'received-time': '25:10' })
    expect($(badTime.text)('#received-time-error').text()).toContain('must be a real time')
    const future = await post({ 'received-year': '2099' })
    expect($(future.text)('.govuk-error-summary').text()).toContain('must be today or in the past')
    expect(await contactsOf(childId)).toEqual([])
  })

  it('records the same contact for the child and a brother or sister, one row each, in one go', async () => {
    const { allocatedToWorker, sameTeam } = fixture.children
    const response = await submitForm(
      worker,
      `/children/${allocatedToWorker}/contacts/new`,
      `/children/${allocatedToWorker}/contacts`,
      contactFields({ alsoFor: String(sameTeam) }),
    )
    expect(response.status).toBe(303)
    expect(response.headers['location']).toBe(`${frontDoor(allocatedToWorker)}?saved=contacts`)
    const [mine] = await contactsOf(allocatedToWorker)
    const [theirs] = await contactsOf(sameTeam)
    expect(mine).toMatchObject({ source: '6', referrer_organisation: 'Lancashire Constabulary', mash_decision: null })
    expect(mine?.received_at.toISOString()).toBe('2026-03-02T09:15:00.000Z')
    expect(theirs?.received_at).toEqual(mine?.received_at)
    const audit = await auditRows('contact', sameTeam, 'create')
    expect(audit).toHaveLength(1)
    expect(JSON.stringify(audit[0]?.detail)).not.toContain('Domestic')
    const page = $((await worker.get(response.headers['location'] as string)).text)
    expect(page('.govuk-notification-banner--success').text()).toContain('Contact recorded for each child selected')
    expect(page('tbody').first().text()).toContain('Police')
    expect(page('tbody').first().text()).toContain('Awaiting decision')
  })

  it('refuses a brother or sister outside the user’s scope, even if the form is altered', async () => {
    const { allocatedToWorker, otherTeam } = fixture.children
    const before = (await contactsOf(allocatedToWorker)).length
    const response = await submitForm(
      worker,
      `/children/${allocatedToWorker}/contacts/new`,
      `/children/${allocatedToWorker}/contacts`,
      contactFields({ alsoFor: String(otherTeam) }),
    )
    expect(response.status).toBe(400)
    expect($(response.text)('.govuk-error-summary').text()).toContain('Select brothers and sisters from the list')
    expect(await contactsOf(allocatedToWorker)).toHaveLength(before)
    expect(await contactsOf(otherTeam)).toEqual([])
  })

  it('refuses a social worker from another team and writes nothing', async () => {
    const other = otherTeamSocialWorker
    const childId = fixture.children.allocatedToWorker
    const before = (await contactsOf(childId)).length
    const response = await submitForm(other, '/', `/children/${childId}/contacts`, contactFields())
    expect(response.status).toBe(403)
    expect(await contactsOf(childId)).toHaveLength(before)
  })
})

describe('the front door decision', () => {
  it('shows what to fix when the decision is missing or before the contact', async () => {
    const childId = fixture.children.allocatedToWorker
    const [contact] = await contactsOf(childId)
    const path = `/children/${childId}/contacts/${contact?.id}/decision`
    const missing = await submitForm(worker, path, path, {
      version: '1',
      'decided-day': '2',
      'decided-month': '3',
      'decided-year': '2026',
      'decided-time': '10:00',
    })
    expect(missing.status).toBe(400)
    expect($(missing.text)('.govuk-error-summary').text()).toContain('Select the decision')
    const before = await submitForm(worker, path, path, {
      version: '1',
      decision: 'referral',
      'decided-day': '2',
      'decided-month': '3',
      'decided-year': '2026',
      'decided-time': '08:00',
    })
    expect(before.status).toBe(400)
    expect($(before.text)('.govuk-error-summary').text()).toContain(
      'The date and time of the decision must be after the contact was received (2 March 2026 at 09:15)',
    )
    expect((await contactsOf(childId))[0]?.mash_decision).toBeNull()
  })

  it('turns the contact into a referral for the child and the brother or sister selected', async () => {
    const { allocatedToWorker, sameTeam } = fixture.children
    const [contact] = await contactsOf(allocatedToWorker)
    const [siblingContact] = await contactsOf(sameTeam)
    const path = `/children/${allocatedToWorker}/contacts/${contact?.id}/decision`
    const form = $((await worker.get(path)).text)
    expect(form('h1').text()).toBe('Record the front door decision')
    expect(form('input[name=alsoFor]').attr('value')).toBe(`${siblingContact?.id}:1`)
    const response = await submitForm(worker, path, path, {
      version: '1',
      decision: 'referral',
      primaryNeed: 'N1',
      'decided-day': '3',
      'decided-month': '3',
      'decided-year': '2026',
      'decided-time': '16:45',
      alsoFor: `${siblingContact?.id}:1`,
    })
    expect(response.status).toBe(303)
    expect(response.headers['location']).toBe(`${frontDoor(allocatedToWorker)}?saved=referral`)
    for (const childId of [allocatedToWorker, sameTeam]) {
      const referrals = await db().selectFrom('referral').selectAll().where('child_id', '=', childId).execute()
      expect(referrals).toHaveLength(1)
      expect(referrals[0]).toMatchObject({
        referral_date: '2026-03-02',
        source: '6',
        primary_need: 'N1',
        closure_date: null,
      })
      expect((await contactsOf(childId))[0]).toMatchObject({ mash_decision: 'referral', version: 2 })
      expect(await auditRows('referral', childId, 'create')).toHaveLength(1)
    }
    const page = $((await worker.get(response.headers['location'] as string)).text)
    expect(page('.govuk-notification-banner--success').text()).toContain('referral created')
    const [contacts, referrals] = [page('tbody').eq(0).text(), page('tbody').eq(1).text()]
    expect(contacts).toContain('Referral to children’s social care')
    expect(contacts).toContain('Within 1 working day')
    expect(referrals).toContain('2 March 2026')
    expect(referrals).toContain('First referral in 12 months')
    expect(referrals).toContain('Abuse or neglect')
  })

  it('is a conflict, not an overwrite, when someone else decided first', async () => {
    const childId = fixture.children.allocatedToWorker
    const [contact] = await contactsOf(childId)
    const path = `/children/${childId}/contacts/${contact?.id}/decision`
    const response = await submitForm(worker, frontDoor(childId), path, {
      version: '1',
      decision: 'no_further_action',
      'decided-day': '3',
      'decided-month': '3',
      'decided-year': '2026',
      'decided-time': '17:00',
    })
    expect(response.status).toBe(409)
    expect($(response.text)('h1').text()).toBe('Someone else has changed this record')
    expect((await contactsOf(childId))[0]?.mash_decision).toBe('referral')
  })

  it('shows a decision made after the first working day as late, with words as well as colour', async () => {
    const childId = fixture.children.sameTeam
    await db()
      .insertInto('contact')
      .values({
        council_id: fixture.councilId,
        child_id: childId,
        received_at: instantFromLondon('2026-03-06', '16:00'),
        source: '2A',
        referrer_name: null,
        referrer_organisation: null,
        concern: 'Concern from school',
        mash_decision: 'early_help',
        mash_decision_at: instantFromLondon('2026-03-10', '09:00'),
        mash_decided_by: fixture.users.social_worker.id,
        team_id: null,
        created_by: null,
      })
      .execute()
    const other = await signIn(app, fixture.users.otherTeamWorker.email, PASSWORD)
    const page = $((await other.get(frontDoor(childId))).text)
    const row = page('tbody tr').filter((_index, element) => page(element).text().includes('School'))
    expect(row.find('.govuk-tag').text().trim()).toBe('Late: more than 1 working day')
  })

  it('refuses a referral after the child’s 18th birthday, with the reason', async () => {
    const saved = await submitForm(
      worker,
      `/children/${ADULT}/contacts/new`,
      `/children/${ADULT}/contacts`,
      contactFields(),
    )
    expect(saved.status).toBe(303)
    const [contact] = await contactsOf(ADULT)
    const path = `/children/${ADULT}/contacts/${contact?.id}/decision`
    const response = await submitForm(worker, path, path, {
      version: '1',
      decision: 'referral',
      'decided-day': '2',
      'decided-month': '3',
      'decided-year': '2026',
      'decided-time': '11:00',
    })
    expect(response.status).toBe(400)
    expect($(response.text)('#decision-error').text()).toContain(
      'Testchild was 18 on 1 February 2024, before this contact: a referral to children’s social care cannot be made after a child’s 18th birthday',
    )
    expect(await db().selectFrom('referral').selectAll().where('child_id', '=', ADULT).execute()).toEqual([])
    expect((await contactsOf(ADULT))[0]?.mash_decision).toBeNull()
  })
})

describe('re-referrals are computed from the referral dates', () => {
  const insertReferral = async (childId: number, referralDate: string) =>
    (
      await db()
        .insertInto('referral')
        .values({
          council_id: fixture.councilId,
          child_id: childId,
          referral_date: referralDate,
          source: '6',
          created_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id

  it('flags a referral within 12 months of a previous one, including exactly 12 months, and agrees with isReReferral', async () => {
    const childId = await addChild(db(), {
      councilId: fixture.councilId,
      id: 301,
      lastName: 'Rereferred',
      dateOfBirth: '2012-01-01',
      teamId: fixture.teams.childProtection,
      workerId: fixture.users.social_worker.id,
    })
    const first = await insertReferral(childId, '2023-03-01')
    const exactly = await insertReferral(childId, '2024-03-01')
    const dayOver = await insertReferral(childId, '2025-03-02')
    const rows = await listReferrals(db(), fixture.councilId, childId)
    const flags = Object.fromEntries(rows.map((row) => [row.id, row.re_referral]))
    expect(flags).toEqual({ [first]: false, [exactly]: true, [dayOver]: false })
    const dates = rows.map((row) => ({ id: row.id, referralDate: row.referral_date }))
    for (const row of rows)
      expect(isReReferral({ id: row.id, referralDate: row.referral_date }, dates)).toBe(row.re_referral)
    const page = $((await worker.get(frontDoor(childId))).text)
    expect(page('tbody').text()).toContain('Re-referral: within 12 months of a previous referral')
  })

  it('counts the referrals of a duplicate record merged into the child', async () => {
    const survivor = await addChild(db(), {
      councilId: fixture.councilId,
      id: 302,
      lastName: 'Survivor',
      dateOfBirth: '2012-01-01',
      teamId: fixture.teams.childProtection,
      workerId: fixture.users.social_worker.id,
    })
    const duplicate = await addChild(db(), {
      councilId: fixture.councilId,
      id: 303,
      lastName: 'Duplicate',
      dateOfBirth: '2012-01-01',
      teamId: fixture.teams.childProtection,
      workerId: fixture.users.social_worker.id,
    })
    const old = await insertReferral(duplicate, '2025-06-01')
    const later = await insertReferral(survivor, '2026-01-10')
    expect((await listReferrals(db(), fixture.councilId, survivor))[0]?.re_referral).toBe(false)
    // Merged, before the duplicate's records have moved across...
    await db().updateTable('child').set({ merged_into_child_id: survivor }).where('id', '=', duplicate).execute()
    expect((await listReferrals(db(), fixture.councilId, survivor))[0]).toMatchObject({ id: later, re_referral: true })
    // ...and after the merge has moved them to the surviving record.
    await db().updateTable('referral').set({ child_id: survivor }).where('id', '=', old).execute()
    const rows = await listReferrals(db(), fixture.councilId, survivor)
    expect(rows.map((row) => [row.id, row.re_referral])).toEqual([
      [later, true],
      [old, false],
    ])
  })
})

describe('closing a referral', () => {
  const referralOf = async (childId: number) =>
    db().selectFrom('referral').selectAll().where('child_id', '=', childId).executeTakeFirstOrThrow()

  it('is for managers: a social worker is refused', async () => {
    const childId = fixture.children.allocatedToWorker
    const referral = await referralOf(childId)
    expect((await worker.get(`/children/${childId}/referrals/${referral.id}/close`)).status).toBe(403)
  })

  it('shows what to fix, refuses a closure before the referral, and checks answers before saving', async () => {
    const childId = fixture.children.allocatedToWorker
    const referral = await referralOf(childId)
    const form = `/children/${childId}/referrals/${referral.id}/close`
    const empty = await submitForm(manager, form, `${form}/check`, { version: String(referral.version) })
    expect(empty.status).toBe(400)
    const summary = $(empty.text)('.govuk-error-summary').text()
    expect(summary).toContain('Enter the closure date')
    expect(summary).toContain('Select why the referral is closing')
    expect(summary).toContain('Select whether the referral resulted in no further action')
    const early = await submitForm(manager, form, `${form}/check`, {
      'closure-day': '1',
      'closure-month': '3',
      'closure-year': '2026',
      reason: 'RC8',
      nfa: 'no',
      version: String(referral.version),
    })
    expect(early.status).toBe(400)
    expect($(early.text)('#closure-error').text()).toContain(
      'The closure date must be on or after the referral date, 2 March 2026',
    )
    const answers = {
      'closure-day': '20',
      'closure-month': '3',
      'closure-year': '2026',
      reason: 'RC8',
      nfa: 'yes',
      version: String(referral.version),
    }
    const check = await submitForm(manager, form, `${form}/check`, answers)
    expect(check.status).toBe(200)
    const page = $(check.text)
    expect(page('h1').text()).toBe('Check your answers before closing the referral')
    expect(page('.govuk-summary-list').text()).toContain('Case closed after assessment, no further action')
    expect(page('.govuk-summary-list a').first().attr('href')).toContain('closure-day=20')
    expect((await referralOf(childId)).closure_date).toBeNull()
    const change = $((await manager.get(page('.govuk-summary-list a').first().attr('href') as string)).text)
    expect(change('#closure-day').val()).toBe('20')

    const closed = await submitForm(manager, frontDoor(childId), form, answers)
    expect(closed.status).toBe(303)
    expect(closed.headers['location']).toBe(`${frontDoor(childId)}?saved=closed`)
    expect(await referralOf(childId)).toMatchObject({
      closure_date: '2026-03-20',
      closure_reason: 'RC8',
      no_further_action: true,
      version: 2,
    })
    expect(await auditRows('referral', childId, 'update')).toHaveLength(1)
    const list = $((await manager.get(frontDoor(childId))).text)
    expect(list('tbody').eq(1).text()).toContain('Closed on 20 March 2026')

    const again = await submitForm(manager, frontDoor(childId), form, answers)
    expect(again.status).toBe(409)
  })

  it('refuses a manager of another team', async () => {
    const childId = fixture.children.otherTeam
    const referralId = await db()
      .insertInto('referral')
      .values({
        council_id: fixture.councilId,
        child_id: childId,
        referral_date: '2026-02-02',
        source: '6',
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const response = await submitForm(manager, '/', `/children/${childId}/referrals/${referralId.id}/close`, {
      'closure-day': '20',
      'closure-month': '3',
      'closure-year': '2026',
      reason: 'RC8',
      nfa: 'yes',
      version: '1',
    })
    expect(response.status).toBe(403)
    expect((await referralOf(childId)).closure_date).toBeNull()
  })
})
