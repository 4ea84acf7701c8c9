import type { Express } from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { childRecord, type ChildRecordTable } from '../src/areas/care-leavers/edit-service.js'
import { todayInLondon } from '../src/web/forms/date-input.js'
import { addCareLeaver } from './care-leavers-fixtures.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, csrfFrom, signIn, submitForm, testApp, type Agent } from './support/http.js'

// Route tests for changing and ending care-leaver records: an activity, a work offer, a Staying Put
// arrangement (each versioned: a stale save gets the conflict page), ending another council's
// responsibility and a manager authorising a pathway plan (each after checking the answers). Every
// change is audited; a user out of scope or without the permission is refused with nothing written.

let database: TestDatabase
let fixture: Fixture
let app: Express
let adviser: Agent
let otherTeam: Agent
let manager: Agent
/** 18 on 1 June 2025, when they left foster care. */
const leaver = 120
const base = `/children/${leaver}/care-leaver`

/** A record of the leaver's as saved. */
const saved = <T extends ChildRecordTable>(table: T, id: number) =>
  childRecord(database.db, table, { councilId: fixture.councilId, childId: leaver, id })

async function auditRows(entity: string, action: string) {
  return database.db
    .selectFrom('audit_event')
    .select(['user_id', 'child_id', 'entity_id', 'detail'])
    .where('entity', '=', entity)
    .where('action', '=', action)
    .execute()
}

const dateFields = (name: string, iso: string | null) => {
  const [year, month, day] = iso === null ? ['', '', ''] : iso.split('-').map((part) => String(Number(part)))
  return { [`${name}-day`]: day ?? '', [`${name}-month`]: month ?? '', [`${name}-year`]: year ?? '' }
}

/** A POST from a user whose form was never shown to them (out of scope): the CSRF token from their caseload. */
async function postAs(agent: Agent, path: string, fields: Record<string, string>) {
  const page = await agent.get('/care-leavers')
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...fields })
}

/** Saves with the form's version twice: the first is saved, the second is stale and gets the conflict page. */
async function expectStaleSaveRefused(path: string, fields: Record<string, string>, changed: Record<string, string>) {
  expect((await submitForm(adviser, path, path, fields)).status).toBe(303)
  const stale = await submitForm(adviser, path, path, { ...fields, ...changed })
  expect(stale.status).toBe(409)
  expect($(stale.text)('h1').text()).toContain('Someone else has changed this record')
}

beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await seedFixture(database.db)
  const { db } = database
  await addCareLeaver(db, fixture.councilId, {
    id: leaver,
    dateOfBirth: '2007-06-01',
    leftCare: '2025-06-01',
    adviserId: fixture.users.personal_adviser.id,
  })
  // The team manager manages the children in care team too, so the leaver is in their scope.
  await db
    .insertInto('team_member')
    .values({ council_id: fixture.councilId, team_id: 2, user_id: fixture.users.team_manager.id, relation: 'manager' })
    .execute()
  app = testApp(db)
  adviser = await signIn(app, fixture.users.personal_adviser.email, PASSWORD)
  otherTeam = await signIn(app, fixture.users.otherTeamWorker.email, PASSWORD)
  manager = await signIn(app, fixture.users.team_manager.email, PASSWORD)
}, 60_000)
afterAll(() => database.destroy())

describe('changing education, employment or training', () => {
  let earlier: number
  let current: number
  beforeAll(async () => {
    const rows = await database.db
      .insertInto('care_leaver_activity')
      .values([
        {
          council_id: fixture.councilId,
          child_id: leaver,
          start_date: '2025-06-01',
          end_date: '2025-09-01',
          activity_code: 'G5',
        },
        {
          council_id: fixture.councilId,
          child_id: leaver,
          start_date: '2025-09-01',
          end_date: null,
          activity_code: 'F2',
        },
      ])
      .returning('id')
      .execute()
    earlier = rows[0]!.id
    current = rows[1]!.id
  })
  const fields = (version: number) => ({
    version: String(version),
    ...dateFields('startDate', '2025-09-01'),
    ...dateFields('endDate', null),
    activityCode: 'F1',
    providerName: 'Blackpool and The Fylde College',
  })

  it('is linked from the care-leaver page and opens on the saved answers', async () => {
    const page = $((await adviser.get(base)).text)
    expect(page(`a[href="${base}/activity/${current}"]`).text()).toContain('Change')
    const form = $((await adviser.get(`${base}/activity/${current}`)).text)
    expect(form('h1').text()).toBe('Change the education, employment or training record')
    expect(form('input[name=activityCode][value=F2]').attr('checked')).toBeDefined()
    expect(form('input[name=startDate-month]').val()).toBe('9')
  })

  it('saves a change to the version opened, audited without the provider’s name, with a success banner', async () => {
    const before = await saved('care_leaver_activity', current)
    const response = await submitForm(
      adviser,
      `${base}/activity/${current}`,
      `${base}/activity/${current}`,
      fields(before.version),
    )
    expect(response.status).toBe(303)
    expect(response.headers['location']).toBe(`${base}?saved=activity-changed`)
    expect(await saved('care_leaver_activity', current)).toMatchObject({
      activity_code: 'F1',
      provider_name: 'Blackpool and The Fylde College',
      version: before.version + 1,
    })
    const audit = await auditRows('care_leaver_activity', 'update')
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ child_id: leaver, entity_id: String(current) })
    expect(JSON.stringify(audit[0]?.detail)).not.toContain('Fylde')
    const page = $((await adviser.get(response.headers['location'] as string)).text)
    expect(page('.govuk-notification-banner').text()).toContain('Education, employment or training updated')
  })

  it('refuses an end before the start, overlapping periods and a missing activity, with the error summary', async () => {
    const { version } = await saved('care_leaver_activity', current)
    const path = `${base}/activity/${current}`
    const backwards = await submitForm(adviser, path, path, {
      ...fields(version),
      ...dateFields('endDate', '2025-08-01'),
    })
    expect(backwards.status).toBe(400)
    expect($(backwards.text)('.govuk-error-summary').text()).toContain(
      'The date this ended must be the same as or after the date this started',
    )
    const overlapping = await submitForm(adviser, path, path, {
      ...fields(version),
      ...dateFields('startDate', '2025-07-01'),
    })
    expect(overlapping.status).toBe(400)
    expect($(overlapping.text)('#startDate-error').text()).toContain('overlap another education')
    const empty = await submitForm(adviser, path, path, { ...fields(version), activityCode: '' })
    expect(empty.status).toBe(400)
    expect($(empty.text)('.govuk-error-summary').text()).toContain('Select what they are doing')
    expect((await saved('care_leaver_activity', current)).version).toBe(version)
  })

  it('gives a stale save the conflict page and changes nothing', async () => {
    const { version } = await saved('care_leaver_activity', earlier)
    const path = `${base}/activity/${earlier}`
    const opened = {
      ...fields(version),
      ...dateFields('startDate', '2025-06-01'),
      ...dateFields('endDate', '2025-09-01'),
    }
    await expectStaleSaveRefused(path, { ...opened, activityCode: 'G6' }, { activityCode: 'G4' })
    expect(await saved('care_leaver_activity', earlier)).toMatchObject({ activity_code: 'G6', version: version + 1 })
  })

  it('refuses a social worker from another team with 403 and writes nothing', async () => {
    const before = await saved('care_leaver_activity', current)
    expect((await otherTeam.get(`${base}/activity/${current}`)).status).toBe(403)
    const response = await postAs(otherTeam, `${base}/activity/${current}`, {
      ...fields(before.version),
      activityCode: 'G6',
    })
    expect(response.status).toBe(403)
    expect(await saved('care_leaver_activity', current)).toEqual(before)
    const denied = await auditRows('care_leaver_activity', 'denied')
    expect(denied.some((row) => row.user_id === fixture.users.otherTeamWorker.id)).toBe(true)
  })
})

describe('changing a work offer', () => {
  let offer: number
  beforeAll(async () => {
    const opportunity = await database.db
      .insertInto('work_opportunity')
      .values({
        council_id: fixture.councilId,
        title: 'Apprentice gardener',
        kind: 'apprenticeship',
        ring_fenced: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    offer = (
      await database.db
        .insertInto('work_opportunity_offer')
        .values({
          council_id: fixture.councilId,
          opportunity_id: opportunity.id,
          child_id: leaver,
          offered_date: '2025-08-01',
          status: 'offered',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  })
  const fields = (version: number) => ({
    version: String(version),
    ...dateFields('offeredDate', '2025-08-01'),
    status: 'started',
    ...dateFields('startDate', '2025-09-15'),
    ...dateFields('endDate', null),
  })

  it('records that they started, from the link on the care-leaver page, audited', async () => {
    const page = $((await adviser.get(base)).text)
    expect(page(`a[href="${base}/work-offers/${offer}"]`).length).toBe(1)
    const { version } = await saved('work_opportunity_offer', offer)
    const response = await submitForm(
      adviser,
      `${base}/work-offers/${offer}`,
      `${base}/work-offers/${offer}`,
      fields(version),
    )
    expect(response.status).toBe(303)
    expect(response.headers['location']).toBe(`${base}?saved=work-offer-changed`)
    expect(await saved('work_opportunity_offer', offer)).toMatchObject({ status: 'started', start_date: '2025-09-15' })
    expect(await auditRows('work_opportunity_offer', 'update')).toHaveLength(1)
    const after = $((await adviser.get(`${base}?saved=work-offer-changed`)).text)
    expect(after('.govuk-notification-banner').text()).toContain('Work opportunity updated')
    expect(after('tr:contains("Apprentice gardener")').text()).toContain('Started (started 15 September 2025)')
  })

  it('refuses “started” without the date they started, and a start before the offer', async () => {
    const { version } = await saved('work_opportunity_offer', offer)
    const path = `${base}/work-offers/${offer}`
    const noStart = await submitForm(adviser, path, path, { ...fields(version), ...dateFields('startDate', null) })
    expect(noStart.status).toBe(400)
    expect($(noStart.text)('.govuk-error-summary').text()).toContain('Enter the date they started')
    const early = await submitForm(adviser, path, path, {
      ...fields(version),
      ...dateFields('startDate', '2025-07-01'),
    })
    expect($(early.text)('#startDate-error').text()).toContain('must be the same as or after the date it was offered')
    expect((await saved('work_opportunity_offer', offer)).version).toBe(version)
  })

  it('gives a stale save the conflict page; another team is refused', async () => {
    const { version } = await saved('work_opportunity_offer', offer)
    const path = `${base}/work-offers/${offer}`
    await expectStaleSaveRefused(
      path,
      { ...fields(version), status: 'completed', ...dateFields('endDate', '2025-10-31') },
      { status: 'left_early' },
    )
    const before = await saved('work_opportunity_offer', offer)
    expect(before).toMatchObject({ status: 'completed', end_date: '2025-10-31' })
    const refused = await postAs(otherTeam, path, { ...fields(before.version), status: 'withdrawn' })
    expect(refused.status).toBe(403)
    expect(await saved('work_opportunity_offer', offer)).toEqual(before)
  })
})

describe('changing and ending Staying Put', () => {
  let arrangement: number
  beforeAll(async () => {
    arrangement = (
      await database.db
        .insertInto('staying_arrangement')
        .values({
          council_id: fixture.councilId,
          child_id: leaver,
          arrangement_type: 'staying_put',
          start_date: '2025-06-01',
          end_date: null,
          weekly_payment_pence: 25000,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  })
  const fields = (version: number) => ({
    version: String(version),
    arrangementType: 'staying_put',
    ...dateFields('startDate', '2025-06-01'),
    ...dateFields('endDate', '2026-03-31'),
    weeklyPayment: '250.00',
    endReason: 'Moved to university',
  })

  it('ends the arrangement from the care-leaver page: saved, audited, shown', async () => {
    const page = $((await adviser.get(base)).text)
    expect(page(`a[href="${base}/staying/${arrangement}"]`).text()).toContain('Change or end')
    const form = $((await adviser.get(`${base}/staying/${arrangement}`)).text)
    expect(form('input[name=weeklyPayment]').val()).toBe('250.00')
    const { version } = await saved('staying_arrangement', arrangement)
    const path = `${base}/staying/${arrangement}`
    const response = await submitForm(adviser, path, path, fields(version))
    expect(response.status).toBe(303)
    expect(await saved('staying_arrangement', arrangement)).toMatchObject({
      end_date: '2026-03-31',
      end_reason: 'Moved to university',
      weekly_payment_pence: 25000,
    })
    const audit = await auditRows('staying_arrangement', 'update')
    expect(audit).toHaveLength(1)
    expect(JSON.stringify(audit[0]?.detail)).not.toContain('university')
    const after = $((await adviser.get(`${base}?saved=staying-changed`)).text)
    expect(after('.govuk-notification-banner').text()).toContain('Staying Put or Staying Close arrangement updated')
    expect(after('tr:contains("Moved to university")').text()).toContain('1 June 2025 to 31 March 2026')
  })

  it('refuses an end before the start and a start before their 18th birthday', async () => {
    const { version } = await saved('staying_arrangement', arrangement)
    const path = `${base}/staying/${arrangement}`
    const response = await submitForm(adviser, path, path, {
      ...fields(version),
      ...dateFields('startDate', '2025-05-01'),
      ...dateFields('endDate', '2025-04-01'),
    })
    expect(response.status).toBe(400)
    const summary = $(response.text)('.govuk-error-summary').text()
    expect(summary).toContain('Staying Put must start on or after their 18th birthday')
    expect(summary).toContain('The date it ended must be the same as or after the date it started')
    expect((await saved('staying_arrangement', arrangement)).version).toBe(version)
  })

  it('gives a stale save the conflict page; another team is refused', async () => {
    const { version } = await saved('staying_arrangement', arrangement)
    const path = `${base}/staying/${arrangement}`
    await expectStaleSaveRefused(path, { ...fields(version), weeklyPayment: '260' }, { weeklyPayment: '270' })
    const before = await saved('staying_arrangement', arrangement)
    expect(before.weekly_payment_pence).toBe(26000)
    expect((await postAs(otherTeam, path, { ...fields(before.version), weeklyPayment: '1' })).status).toBe(403)
    expect(await saved('staying_arrangement', arrangement)).toEqual(before)
  })
})

describe('ending another council’s responsibility', () => {
  let record: number
  beforeAll(async () => {
    record = (
      await database.db
        .insertInto('responsible_authority_elsewhere')
        .values({
          council_id: fixture.councilId,
          child_id: leaver,
          responsible_la_code: '888',
          responsible_la_name: 'Lancashire',
          start_date: '2025-07-01',
          end_date: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  })
  const endDate = async () =>
    await database.db
      .selectFrom('responsible_authority_elsewhere')
      .select(['end_date', 'version'])
      .where('id', '=', record)
      .executeTakeFirstOrThrow()
  const path = () => `${base}/responsible-authority/${record}/end`

  it('refuses a missing date, a date in the future and a date before they came, naming the field', async () => {
    const { version } = await endDate()
    const empty = await submitForm(adviser, path(), path(), { version: String(version) })
    expect(empty.status).toBe(400)
    expect($(empty.text)('.govuk-error-summary').text()).toContain('Enter the date it ended')
    const future = await submitForm(adviser, path(), path(), {
      version: String(version),
      ...dateFields('endDate', '2099-01-01'),
    })
    expect($(future.text)('#endDate-error').text()).toContain('The date it ended must be today or in the past')
    const early = await submitForm(adviser, path(), path(), {
      version: String(version),
      ...dateFields('endDate', '2025-06-01'),
      confirm: 'yes',
    })
    expect(early.status).toBe(400)
    expect($(early.text)('#endDate-error').text()).toContain(
      'The date it ended must be the same as or after the date they started living here',
    )
    expect((await endDate()).end_date).toBeNull()
  })

  it('another team is refused with nothing written', async () => {
    const { version } = await endDate()
    const response = await postAs(otherTeam, path(), {
      version: String(version),
      ...dateFields('endDate', '2026-01-31'),
      confirm: 'yes',
    })
    expect(response.status).toBe(403)
    expect((await endDate()).end_date).toBeNull()
  })

  it('checks the answers first (nothing written), then ends the record: audited, counted here again', async () => {
    const page = $((await adviser.get(base)).text)
    expect(page(`a[href="${path()}"]`).text()).toContain('End this record')
    const form = $((await adviser.get(path())).text)
    expect(form('h1').text()).toBe('End the record that another council is responsible for them')
    const answers = { version: String((await endDate()).version), ...dateFields('endDate', '2026-01-31') }
    const check = await submitForm(adviser, path(), path(), answers)
    expect(check.status).toBe(200)
    expect($(check.text)('h1').text()).toBe('Check before ending the record')
    expect($(check.text)('.govuk-summary-list').text()).toContain('31 January 2026')
    expect((await endDate()).end_date).toBeNull()
    const confirmed = await adviser
      .post(path())
      .type('form')
      .send({ _csrf: csrfFrom(check.text), ...answers, confirm: 'yes' })
    expect(confirmed.status).toBe(303)
    expect(confirmed.headers['location']).toBe(`${base}?saved=responsible-authority-ended`)
    expect((await endDate()).end_date).toBe('2026-01-31')
    expect(await auditRows('responsible_authority_elsewhere', 'update')).toHaveLength(1)
    const after = $((await adviser.get(`${base}?saved=responsible-authority-ended`)).text)
    expect(after('.govuk-notification-banner').text()).toContain('Record that another council is responsible ended')
    expect(after('main').text()).not.toContain('Another council is responsible for them')
  })
})

describe('authorising a pathway plan', () => {
  let plan: number
  beforeAll(async () => {
    plan = (
      await database.db
        .insertInto('pathway_plan')
        .values({ council_id: fixture.councilId, child_id: leaver, status: 'active', plan_date: '2025-07-01' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    await database.db
      .insertInto('pathway_goal')
      .values({
        council_id: fixture.councilId,
        child_id: leaver,
        pathway_plan_id: plan,
        what: 'Pass my driving test',
        by_when: '2026-06-01',
        measure: 'Licence',
      })
      .execute()
  })
  const path = () => `${base}/pathway-plans/${plan}/authorise`
  const answers = async (date: string) => ({
    version: String((await saved('pathway_plan', plan)).version),
    ...dateFields('authorisedDate', date),
  })

  it('a personal adviser (no child:manage) sees no link and is refused with 403, nothing written', async () => {
    const page = $((await adviser.get(base)).text)
    expect(page(`a[href="${path()}"]`).length).toBe(0)
    expect(page('.govuk-summary-list:contains("Date of the plan")').text()).toContain('Not authorised yet')
    expect((await adviser.get(path())).status).toBe(403)
    const response = await postAs(adviser, path(), { ...(await answers('2025-07-10')), confirm: 'yes' })
    expect(response.status).toBe(403)
    expect(await saved('pathway_plan', plan)).toMatchObject({ authorised_by: null, authorised_date: null })
    expect(await auditRows('pathway_plan', 'update')).toHaveLength(0)
  })

  it('refuses a date before the plan, and a plan with a goal missing a date or a measure', async () => {
    const early = await submitForm(manager, path(), path(), { ...(await answers('2025-06-01')), confirm: 'yes' })
    expect(early.status).toBe(400)
    expect($(early.text)('.govuk-error-summary').text()).toContain(
      'The date you authorised the plan must be the same as or after the date of the plan',
    )
    const vague = await database.db
      .insertInto('pathway_goal')
      .values({ council_id: fixture.councilId, child_id: leaver, pathway_plan_id: plan, what: 'Be happier' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const refused = await submitForm(manager, path(), path(), { ...(await answers('2025-07-10')), confirm: 'yes' })
    expect(refused.status).toBe(400)
    expect($(refused.text)('.govuk-error-summary').text()).toContain(
      '1 goal is missing a date or a measure: update it before authorising the plan',
    )
    await database.db.deleteFrom('pathway_goal').where('id', '=', vague.id).execute()
    expect((await saved('pathway_plan', plan)).authorised_by).toBeNull()
  })

  it('a stale authorisation (the plan changed since the form opened) gets the conflict page', async () => {
    const fields = { ...(await answers('2025-07-10')), confirm: 'yes' }
    await database.db
      .updateTable('pathway_plan')
      .set((eb) => ({ summary: 'Changed by someone else', version: eb('version', '+', 1) }))
      .where('id', '=', plan)
      .execute()
    const before = await saved('pathway_plan', plan)
    const stale = await submitForm(manager, base, path(), fields)
    expect(stale.status).toBe(409)
    expect($(stale.text)('h1').text()).toBe('Someone else has changed this record')
    expect(await saved('pathway_plan', plan)).toEqual(before)
  })

  it('a team manager checks, then authorises: who and when recorded, audited, shown on the page', async () => {
    const page = $((await manager.get(base)).text)
    expect(page(`a[href="${path()}"]`).text()).toBe('Authorise the plan')
    const form = $((await manager.get(path())).text)
    expect(form('h1').text()).toBe('Authorise the pathway plan')
    expect(form('input[name=authorisedDate-year]').val()).toBe(todayInLondon().slice(0, 4))
    const fields = await answers('2025-07-10')
    const check = await submitForm(manager, path(), path(), fields)
    expect($(check.text)('h1').text()).toBe('Check before authorising the plan')
    expect((await saved('pathway_plan', plan)).authorised_by).toBeNull()
    const confirmed = await manager
      .post(path())
      .type('form')
      .send({ _csrf: csrfFrom(check.text), ...fields, confirm: 'yes' })
    expect(confirmed.status).toBe(303)
    expect(confirmed.headers['location']).toBe(`${base}?saved=plan-authorised`)
    expect(await saved('pathway_plan', plan)).toMatchObject({
      authorised_by: fixture.users.team_manager.id,
      authorised_date: '2025-07-10',
    })
    const audit = await auditRows('pathway_plan', 'update')
    expect(audit).toHaveLength(1)
    expect(audit[0]?.user_id).toBe(fixture.users.team_manager.id)
    const after = $((await adviser.get(`${base}?saved=plan-authorised`)).text)
    expect(after('.govuk-notification-banner').text()).toContain('Pathway plan authorised')
    expect(after('main').text()).toContain('Authorised by Test team manager on 10 July 2025')
  })

  it('a plan already authorised cannot be authorised again', async () => {
    const before = await saved('pathway_plan', plan)
    const again = await submitForm(manager, base, path(), { ...(await answers('2025-08-01')), confirm: 'yes' })
    expect(again.status).toBe(400)
    expect($(again.text)('.govuk-error-summary').text()).toContain('This plan has already been authorised')
    expect(await saved('pathway_plan', plan)).toEqual(before)
    expect($((await manager.get(base)).text)(`a[href="${path()}"]`).length).toBe(0)
  })
})
