import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import type { Db } from '../src/db/database.js'
import { CHRONOLOGY_CATEGORIES, CHRONOLOGY_EVENTS, type ChronologyEvent } from '../src/areas/chronology/event-types.js'
import { chronologyPage } from '../src/areas/chronology/queries.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, signIn, testApp, type Agent } from './support/http.js'

let database: TestDatabase
let db: Db
let fixture: Fixture
let app: Express
let worker: Agent
let child: number

/**
 * One row of every kind the chronology reads, for one child, on distinct dates along a journey:
 * contact → referral → ... → care → adoption milestones. Other areas write these tables through
 * their own services; the chronology only reads them, so plain inserts are enough here.
 */
async function seedEveryKindOfEvent(councilId: number, childId: number, users: Fixture['users']) {
  const base = { council_id: councilId, child_id: childId }
  await db
    .insertInto('case_note')
    .values({
      ...base,
      note_type: 'visit',
      occurred_at: new Date('2026-02-20T15:00:00Z'),
      author_id: users.social_worker.id,
      author_name: null,
      title: 'After school visit',
      body: 'Saw the child in her bedroom.',
      related_entity: null,
      related_id: null,
      created_by: users.social_worker.id,
    })
    .execute()
  const contact = await db
    .insertInto('contact')
    .values({
      ...base,
      received_at: new Date('2025-05-01T09:00:00Z'),
      source: '6',
      referrer_organisation: 'Lancashire Police',
      mash_decision: 'referral',
      mash_decision_at: new Date('2025-05-01T15:00:00Z'),
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const first = await db
    .insertInto('referral')
    .values({
      ...base,
      contact_id: contact.id,
      referral_date: '2025-05-02',
      source: '6',
      closure_date: '2025-06-30',
      closure_reason: 'RC8',
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const second = await db
    .insertInto('referral')
    .values({ ...base, referral_date: '2025-07-01', source: '2A', primary_need: 'N1', created_by: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('assessment')
    .values({
      ...base,
      referral_id: second.id,
      start_date: '2025-07-02',
      authorisation_date: '2025-08-01',
      authorised_by: users.team_manager.id,
      outcome: 'strategy_discussion',
      created_by: null,
    })
    .execute()
  const strategy = await db
    .insertInto('strategy_discussion')
    .values({ ...base, referral_id: second.id, held_on: '2025-07-03', decision: 'section47', created_by: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('section47_enquiry')
    .values({
      ...base,
      referral_id: second.id,
      strategy_discussion_id: strategy.id,
      start_date: '2025-07-04',
      end_date: '2025-07-20',
      outcome: 'initial_conference',
      created_by: null,
    })
    .execute()
  const plan = await db
    .insertInto('cp_plan')
    .values({
      ...base,
      referral_id: second.id,
      start_date: '2025-07-25',
      end_date: '2025-09-30',
      initial_category: 'NEG',
      latest_category: 'NEG',
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('cp_conference')
    .values({
      ...base,
      referral_id: second.id,
      cp_plan_id: plan.id,
      conference_type: 'initial',
      conference_date: '2025-07-25',
      decision: 'plan_made',
      category: 'NEG',
      created_by: null,
    })
    .execute()
  await db
    .insertInto('cin_plan')
    .values({ ...base, referral_id: first.id, start_date: '2025-06-01', end_date: '2025-06-29', created_by: null })
    .execute()
  const period = await db
    .insertInto('period_of_care')
    .values({ ...base, start_date: '2025-10-01', end_date: '2026-01-31', created_by: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  const episode = {
    ...base,
    period_of_care_id: period.id,
    legal_status: 'V2',
    category_of_need: 'N1',
    created_by: null,
  }
  await db
    .insertInto('looked_after_episode')
    .values([
      {
        ...episode,
        start_date: '2025-10-01',
        end_date: '2025-11-15',
        reason_new_episode: 'S',
        placement_type: 'U3',
        reason_episode_ceased: 'X1',
        reason_place_change: 'CARPL',
        placement_inside_boundary: true,
        distance_miles: '1.5',
      },
      {
        ...episode,
        start_date: '2025-11-15',
        end_date: '2026-01-31',
        reason_new_episode: 'P',
        placement_type: 'U6',
        reason_episode_ceased: 'E4A',
        placement_inside_boundary: false,
        distance_miles: '23.4',
      },
    ])
    .execute()
  await db
    .insertInto('looked_after_review')
    .values({
      ...base,
      period_of_care_id: period.id,
      review_date: '2025-10-28',
      participation_code: 'PN1',
      created_by: null,
    })
    .execute()
  await db
    .insertInto('missing_episode')
    .values({ ...base, missing_type: 'M', start_date: '2025-12-01', end_date: '2025-12-02', created_by: null })
    .execute()
  await db
    .insertInto('health_assessment')
    .values({ ...base, assessment_type: 'initial', assessment_date: '2025-10-20', created_by: null })
    .execute()
  const decision = await db
    .insertInto('adoption_decision')
    .values({ ...base, decision_date: '2025-12-10', ceased_date: '2026-01-20', ceased_reason: 'RD1', created_by: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('adoption')
    .values({
      ...base,
      adoption_decision_id: decision.id,
      best_interests_decision_date: '2025-12-11',
      matched_date: '2025-12-20',
      created_by: null,
    })
    .execute()
  await db
    .insertInto('visit')
    .values({
      ...base,
      visit_date: '2026-02-10',
      visit_type: 'looked_after',
      child_seen: true,
      seen_alone: true,
      visitor_id: users.social_worker.id,
      created_by: null,
    })
    .execute()
}

beforeAll(async () => {
  database = await createTestDatabase()
  db = database.db
  fixture = await seedFixture(db)
  app = testApp(db)
  worker = await signIn(app, fixture.users.social_worker.email, PASSWORD)
  child = fixture.children.allocatedToWorker
  await seedEveryKindOfEvent(fixture.councilId, child, fixture.users)
})
afterAll(() => database.destroy())

/** The chronology table's rows as [date, type, what happened], parsing the page once. */
function rowsOf(html: string): string[][] {
  const page = $(html)
  return page('main table tbody tr')
    .toArray()
    .map((row) =>
      page(row)
        .find('td')
        .toArray()
        .map((cell) => page(cell).text().replace(/\s+/g, ' ').trim()),
    )
}

describe('the chronology query', () => {
  it('has an event of every kind when each kind of record exists', async () => {
    const page = await chronologyPage(db, fixture.councilId, child)
    const kinds = new Set(page.rows.map((row) => row.event))
    expect([...kinds].sort()).toEqual((Object.keys(CHRONOLOGY_EVENTS) as ChronologyEvent[]).sort())
    // An episode ended with X1 continues the period of care: only the real end shows.
    expect(page.rows.filter((row) => row.event === 'episode_ended')).toHaveLength(1)
    expect(page.total).toBe(page.rows.length)
  })

  it('flags the second referral within 12 months as a re-referral, not the first', async () => {
    const page = await chronologyPage(db, fixture.councilId, child, { categories: ['referral'] })
    const referrals = page.rows.filter((row) => row.event === 'referral')
    expect(referrals.map((row) => [row.occurred_on, row.flag_a])).toEqual([
      ['2025-07-01', true],
      ['2025-05-02', false],
    ])
  })

  it('counts the anniversary as within 12 months, and the second of two same-day referrals as a re-referral', async () => {
    const other = fixture.children.restricted
    for (const date of ['2024-02-29', '2025-02-28', '2026-03-01', '2026-03-01']) {
      await db
        .insertInto('referral')
        .values({ council_id: fixture.councilId, child_id: other, referral_date: date, source: '6', created_by: null })
        .execute()
    }
    const page = await chronologyPage(db, fixture.councilId, other, { categories: ['referral'], order: 'oldest' })
    expect(page.rows.map((row) => [row.occurred_on, row.flag_a])).toEqual([
      ['2024-02-29', false],
      ['2025-02-28', true],
      ['2026-03-01', false],
      ['2026-03-01', true],
    ])
  })

  it('never shows another child’s or another council’s records', async () => {
    const page = await chronologyPage(db, fixture.councilId, fixture.children.sameTeam)
    expect(page.rows.map((row) => row.event)).toEqual(['allocation'])
    const elsewhere = await chronologyPage(db, fixture.otherCouncilId, child)
    expect(elsewhere.rows).toEqual([])
  })
})

describe('GET /children/:childId/chronology', () => {
  it('shows every type of event, newest first, and audits the read', async () => {
    const response = await worker.get(`/children/${child}/chronology`)
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('h1').text()).toBe('Chronology')
    const rows = rowsOf(response.text)
    const shownCategories = new Set(rows.map((row) => row[1]))
    for (const category of CHRONOLOGY_CATEGORIES) expect(shownCategories, category.label).toContain(category.label)
    expect(rows[0]?.[2]).toContain('Visit by Test social worker: “After school visit”')
    expect(rows.at(-1)?.[2]).toContain('Contact received from police (Lancashire Police)')
    expect(response.text).toContain(
      'Placement changed to Foster care with other carers (U6), out of borough, 23.4 miles; reason: Care plan changed or carried out',
    )
    expect(response.text).toContain('re-referral (within 12 months of a previous referral)')
    const audit = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('child_id', '=', child)
      .where('entity', '=', 'chronology')
      .orderBy('seq', 'desc')
      .executeTakeFirst()
    expect(audit).toMatchObject({ action: 'read', user_id: fixture.users.social_worker.id })
  })

  it('puts the oldest first when asked, keeping the order of a day’s events', async () => {
    const response = await worker.get(`/children/${child}/chronology?order=oldest`)
    const rows = rowsOf(response.text)
    expect(rows[0]?.[2]).toContain('Contact received')
    expect(rows[1]?.[2]).toContain('MASH decision')
    expect(rows.at(-1)?.[2]).toContain('Visit by Test social worker')
    const dates = (await chronologyPage(db, fixture.councilId, child, { order: 'oldest' })).rows.map(
      (row) => row.occurred_on,
    )
    expect(dates).toEqual([...dates].sort())
    expect($(response.text)('a:contains("Show newest first")').attr('href')).toBe(`/children/${child}/chronology`)
  })

  it('filters by type with a plain GET form, one or several types', async () => {
    const notes = rowsOf((await worker.get(`/children/${child}/chronology?type=case_note`)).text)
    expect(notes.map((row) => row[1])).toEqual(['Case notes'])
    const response = await worker.get(`/children/${child}/chronology?type=cp_plan&type=conference`)
    const rows = rowsOf(response.text)
    expect(new Set(rows.map((row) => row[1]))).toEqual(
      new Set(['Child protection plans', 'Child protection conferences']),
    )
    expect(rows).toHaveLength(3)
    const page = $(response.text)
    expect(page('input[name=type][value=cp_plan]').attr('checked')).toBeDefined()
    expect(page('input[name=type][value=visit]').attr('checked')).toBeUndefined()
    expect(page('form[method=get] button').text()).toContain('Apply filter')
  })

  it('pages through a long chronology 100 at a time', async () => {
    const other = fixture.children.sameTeam
    await db
      .insertInto('case_note')
      .values(
        Array.from({ length: 150 }, (_, index) => ({
          council_id: fixture.councilId,
          child_id: other,
          note_type: 'phone_call' as const,
          occurred_at: new Date(Date.UTC(2025, 0, 1, 9) + index * 86_400_000),
          author_id: fixture.users.otherTeamWorker.id,
          author_name: null,
          title: `Call ${index + 1}`,
          body: 'Spoke to mother.',
          related_entity: null,
          related_id: null,
          created_by: fixture.users.otherTeamWorker.id,
        })),
      )
      .execute()
    const first = await worker.get(`/children/${other}/chronology`)
    expect(rowsOf(first.text)).toHaveLength(100)
    expect($(first.text)('main').text()).toContain('Showing 1 to 100 of 151 entries')
    expect($(first.text)('.govuk-pagination__next a').attr('href')).toBe(`/children/${other}/chronology?page=2`)
    const second = await worker.get(`/children/${other}/chronology?page=2`)
    const rows = rowsOf(second.text)
    expect(rows).toHaveLength(51)
    expect(rows[0]?.[2]).toContain('“Call 51”')
    expect($(second.text)('main').text()).toContain('Showing 101 to 151 of 151 entries')
    const beyond = await worker.get(`/children/${other}/chronology?page=9`)
    expect(beyond.status).toBe(302)
    expect(beyond.headers['location']).toBe(`/children/${other}/chronology`)
  })

  it('refuses a child outside the worker’s scope', async () => {
    const response = await worker.get(`/children/${fixture.children.otherTeam}/chronology`)
    expect(response.status).toBe(403)
    expect(response.text).not.toContain('Chronology, newest first')
  })
})

describe('the child’s summary page', () => {
  it('shows the five most recent events with a link to the full chronology', async () => {
    const response = await worker.get(`/children/${child}`)
    expect(response.status).toBe(200)
    const rows = rowsOf(response.text)
    expect(rows).toHaveLength(5)
    expect(rows[0]?.[2]).toContain('After school visit')
    expect($(response.text)('a:contains("See the full chronology")').attr('href')).toBe(`/children/${child}/chronology`)
  })
})
