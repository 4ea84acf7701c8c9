import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import type { Db } from '../src/db/database.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, csrfFrom, signIn, testApp, type Agent } from './support/http.js'

let database: TestDatabase
let db: Db
let fixture: Fixture
let app: Express
let worker: Agent
let otherTeamWorker: Agent
let manager: Agent
let child: number
let sibling: number
let otherTeamChild: number

const base = () => `/children/${child}/child-protection`

beforeAll(async () => {
  database = await createTestDatabase()
  db = database.db
  fixture = await seedFixture(db)
  app = testApp(db)
  child = fixture.children.allocatedToWorker
  sibling = fixture.children.sameTeam
  otherTeamChild = fixture.children.otherTeam
  for (const childId of [child, sibling, otherTeamChild]) {
    await db
      .insertInto('referral')
      .values({
        council_id: fixture.councilId,
        child_id: childId,
        referral_date: '2026-02-02',
        source: '6',
        created_by: null,
      })
      .execute()
  }
  // Three siblings; the third is allocated to another team, so this social worker cannot see them.
  const group = await db
    .insertInto('sibling_group')
    .values({ council_id: fixture.councilId, name: 'Family', note: null, created_by: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('sibling_group_member')
    .values(
      [child, sibling, otherTeamChild].map((childId) => ({
        council_id: fixture.councilId,
        sibling_group_id: group.id,
        child_id: childId,
        created_by: null,
      })),
    )
    .execute()
  worker = await signIn(app, fixture.users.social_worker.email, PASSWORD)
  otherTeamWorker = await signIn(app, fixture.users.otherSocialWorker.email, PASSWORD)
  manager = await signIn(app, fixture.users.team_manager.email, PASSWORD)
})
afterAll(() => database.destroy())

const date = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-')
  return {
    [`${name}-day`]: String(Number(day)),
    [`${name}-month`]: String(Number(month)),
    [`${name}-year`]: year ?? '',
  }
}

const tokens = new WeakMap<Agent, string>()

/**
 * Posts a form as a browser would (repeated names for checkboxes). The CSRF token comes from the form
 * page the first time; it stays the same for the session, so later posts reuse it.
 */
async function send(agent: Agent, pagePath: string, action: string, fields: Record<string, string | string[]>) {
  let token = tokens.get(agent)
  if (token === undefined) {
    const page = await agent.get(pagePath)
    expect(page.status, pagePath).toBe(200)
    token = csrfFrom(page.text)
    tokens.set(agent, token)
  }
  const body = new URLSearchParams({ _csrf: token })
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item)
  }
  return agent.post(action).type('form').send(body.toString())
}

/** The fields of the form on a page that posts to an action, as a browser would submit them. */
function formFields(html: string, action: string): Record<string, string[]> {
  const page = $(html)
  const fields: Record<string, string[]> = {}
  page(`form[action="${action}"] input[type=hidden]`).each((_, input) => {
    const name = page(input).attr('name') as string
    if (name === '_csrf') return
    ;(fields[name] ??= []).push(page(input).attr('value') ?? '')
  })
  return fields
}

const errorSummary = (html: string) => {
  const page = $(html)
  return page('.govuk-error-summary__list li')
    .map((_, item) => page(item).text().trim())
    .get()
}

const rows = {
  discussions: () =>
    db
      .selectFrom('strategy_discussion')
      .selectAll()
      .where('council_id', '=', fixture.councilId)
      .orderBy('id')
      .execute(),
  enquiries: () =>
    db.selectFrom('section47_enquiry').selectAll().where('council_id', '=', fixture.councilId).orderBy('id').execute(),
  conferences: () =>
    db.selectFrom('cp_conference').selectAll().where('council_id', '=', fixture.councilId).orderBy('id').execute(),
  plans: () => db.selectFrom('cp_plan').selectAll().where('council_id', '=', fixture.councilId).orderBy('id').execute(),
}

const auditRows = (entity: string, action: string) =>
  db
    .selectFrom('audit_event')
    .selectAll()
    .where('council_id', '=', fixture.councilId)
    .where('entity', '=', entity)
    .where('action', '=', action)
    .orderBy('seq')
    .execute()

describe('the child protection page', () => {
  it('shows the record to a worker in scope and audits the read', async () => {
    const response = await worker.get(base())
    expect(response.status).toBe(200)
    expect($(response.text)('h1').text()).toBe('Child protection')
    expect($(response.text)('a[aria-current=page]').text()).toBe('Child protection')
    expect(response.text).toContain('The child has not had a child protection plan.')
    const read = (await auditRows('child_protection', 'read')).at(-1)
    expect(read).toMatchObject({ child_id: child, user_id: fixture.users.social_worker.id })
  })

  it('refuses a social worker from another team', async () => {
    const response = await otherTeamWorker.get(base())
    expect(response.status).toBe(403)
    expect(response.text).not.toContain('Testchild Allocated')
  })
})

describe('strategy discussions', () => {
  const formPath = () => `${base()}/strategy-discussions/new`
  const action = () => `${base()}/strategy-discussions`

  it('offers the siblings the worker can see, and only those', async () => {
    const response = await worker.get(formPath())
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('h1').text()).toBe('Record a strategy discussion')
    expect(
      page('input[name=alsoFor]')
        .map((_, input) => page(input).attr('value'))
        .get(),
    ).toEqual([String(sibling)])
    expect(response.text).not.toContain('Otherteam')
  })

  it('explains what to fix when the form is incomplete', async () => {
    const response = await send(worker, formPath(), action(), {})
    expect(response.status).toBe(400)
    expect(errorSummary(response.text)).toEqual([
      'Enter the date of the strategy discussion',
      'Select the agencies that took part',
      'Select what the strategy discussion decided',
    ])
    expect(await rows.discussions()).toHaveLength(0)
  })

  it('refuses a discussion before the referral or in the future, naming the field', async () => {
    const fields = { agencies: ['police'], decision: 'section47' }
    const early = await send(worker, formPath(), action(), { ...date('heldOn', '2026-01-30'), ...fields })
    expect(early.status).toBe(400)
    expect(errorSummary(early.text)).toEqual([
      'The date of the strategy discussion must be on or after the referral date (2 February 2026)',
    ])
    expect($(early.text)('#heldOn-error').text()).toContain('on or after the referral date')
    const future = await send(worker, formPath(), action(), { ...date('heldOn', '2099-01-05'), ...fields })
    expect(errorSummary(future.text)).toEqual(['The date of the strategy discussion must be today or in the past'])
    expect(await rows.discussions()).toHaveLength(0)
  })

  it('refuses a sibling outside the worker’s scope, writing nothing', async () => {
    const response = await send(worker, formPath(), action(), {
      ...date('heldOn', '2026-03-02'),
      agencies: ['police'],
      decision: 'section47',
      alsoFor: [String(sibling), String(otherTeamChild)],
    })
    expect(response.status).toBe(400)
    expect(errorSummary(response.text)).toEqual(['Select only brothers and sisters shown on this page'])
    expect(await rows.discussions()).toHaveLength(0)
  })

  it('refuses a worker from another team with 403 and writes nothing', async () => {
    const home = await otherTeamWorker.get('/')
    const response = await otherTeamWorker
      .post(action())
      .type('form')
      .send({ _csrf: csrfFrom(home.text), ...date('heldOn', '2026-03-02'), agencies: 'police', decision: 'section47' })
    expect(response.status).toBe(403)
    expect(await rows.discussions()).toHaveLength(0)
  })

  it('records one discussion for each sibling in one go, linked to each child’s own referral', async () => {
    const response = await send(worker, formPath(), action(), {
      ...date('heldOn', '2026-03-02'),
      agencies: ['police', 'health', 'education'],
      concern: 'Bruising seen at school',
      decision: 'section47',
      alsoFor: String(sibling),
    })
    expect(response.status).toBe(303)
    expect(response.headers['location']).toBe(`${base()}?saved=discussion&count=2`)
    const saved = await rows.discussions()
    expect(saved.map((row) => [row.child_id, row.held_on, row.decision, row.agencies])).toEqual([
      [child, '2026-03-02', 'section47', ['police', 'health', 'education']],
      [sibling, '2026-03-02', 'section47', ['police', 'health', 'education']],
    ])
    const referrals = await db.selectFrom('referral').select(['id', 'child_id']).execute()
    for (const row of saved) {
      expect(row.referral_id).toBe(referrals.find((referral) => referral.child_id === row.child_id)?.id)
    }
    const audits = await auditRows('strategy_discussion', 'create')
    expect(audits.map((row) => row.child_id)).toEqual([child, sibling])
    expect(JSON.stringify(audits)).not.toContain('Bruising')
    const page = await worker.get(response.headers['location'] as string)
    expect($(page.text)('.govuk-notification-banner--success').text()).toContain(
      'Strategy discussion recorded for 2 children.',
    )
    expect($(page.text)('.harbour-next-steps').text()).toContain('Record the section 47 enquiry')
  })
})

describe('section 47 enquiries', () => {
  const formPath = () => `${base()}/section-47-enquiries/new`
  const action = () => `${base()}/section-47-enquiries`

  it('shows the initial conference target date, 15 working days from the discussion', async () => {
    const response = await worker.get(formPath())
    expect(response.status).toBe(200)
    expect($(response.text)('h1').text()).toBe('Record a section 47 enquiry')
    expect(response.text).toContain('due by <strong>23 March 2026</strong>')
  })

  it('refuses a start before the strategy discussion', async () => {
    const response = await send(worker, formPath(), action(), {
      ...date('startDate', '2026-03-01'),
      alsoFor: String(sibling),
    })
    expect(response.status).toBe(400)
    expect(errorSummary(response.text)).toEqual([
      'The start date must be on or after the strategy discussion (2 March 2026)',
      'Testchild Sameteam: the start date must be on or after the strategy discussion (2 March 2026)',
    ])
    expect(await rows.enquiries()).toHaveLength(0)
  })

  it('records the enquiry for both siblings with the computed target date', async () => {
    const response = await send(worker, formPath(), action(), {
      ...date('startDate', '2026-03-03'),
      alsoFor: String(sibling),
    })
    expect(response.status).toBe(303)
    const saved = await rows.enquiries()
    const discussions = await rows.discussions()
    expect(saved.map((row) => [row.child_id, row.start_date, row.icpc_target_date, row.icpc_not_required])).toEqual([
      [child, '2026-03-03', '2026-03-23', false],
      [sibling, '2026-03-03', '2026-03-23', false],
    ])
    expect(saved.map((row) => row.strategy_discussion_id)).toEqual(discussions.map((row) => row.id))
    expect(saved[0]).toMatchObject({
      team_id: fixture.teams.childProtection,
      worker_id: fixture.users.social_worker.id,
    })
  })
})

describe('initial child protection conferences', () => {
  const formPath = () => `${base()}/initial-conferences/new`
  const action = () => `${base()}/initial-conferences`

  it('asks for the category when a plan is made', async () => {
    const response = await send(worker, formPath(), action(), {
      ...date('conferenceDate', '2026-03-20'),
      decision: 'plan_made',
    })
    expect(response.status).toBe(400)
    expect(errorSummary(response.text)).toEqual(['Select the category of abuse for the plan'])
  })

  it('offers the categories in plain English with the CIN code as hint', async () => {
    const page = $((await worker.get(formPath())).text)
    const labels = page('input[name=category]')
      .map((_, input) =>
        page(`label[for="${page(input).attr('id')}"]`)
          .text()
          .trim(),
      )
      .get()
    expect(labels).toEqual(['Neglect', 'Physical abuse', 'Sexual abuse', 'Emotional abuse', 'More than one category'])
  })

  it('refuses a conference after a sibling’s 18th birthday and saves nothing for either child', async () => {
    await db.updateTable('child').set({ date_of_birth: '2008-01-10' }).where('id', '=', sibling).execute()
    try {
      const response = await send(worker, formPath(), action(), {
        ...date('conferenceDate', '2026-03-20'),
        decision: 'plan_made',
        category: 'NEG',
        alsoFor: String(sibling),
      })
      expect(response.status).toBe(400)
      expect(errorSummary(response.text)).toEqual([
        'Testchild Sameteam: the conference date must be on or before the child’s 18th birthday (10 January 2026)',
      ])
      expect(await rows.conferences()).toHaveLength(0)
      expect(await rows.plans()).toHaveLength(0)
    } finally {
      await db.updateTable('child').set({ date_of_birth: '2015-06-01' }).where('id', '=', sibling).execute()
    }
  })

  it('refuses a worker from another team and writes nothing', async () => {
    const home = await otherTeamWorker.get('/')
    const response = await otherTeamWorker
      .post(action())
      .type('form')
      .send({ _csrf: csrfFrom(home.text), ...date('conferenceDate', '2026-03-20'), decision: 'no_plan' })
    expect(response.status).toBe(403)
    expect(await rows.conferences()).toHaveLength(0)
  })

  it('records an initial conference with a plan for two siblings at once', async () => {
    const response = await send(worker, formPath(), action(), {
      ...date('conferenceDate', '2026-03-20'),
      decision: 'plan_made',
      category: 'NEG',
      alsoFor: String(sibling),
    })
    expect(response.status).toBe(303)
    expect(response.headers['location']).toBe(`${base()}?saved=conference&count=2`)
    const plans = await rows.plans()
    expect(
      plans.map((plan) => [plan.child_id, plan.start_date, plan.end_date, plan.initial_category, plan.latest_category]),
    ).toEqual([
      [child, '2026-03-20', null, 'NEG', 'NEG'],
      [sibling, '2026-03-20', null, 'NEG', 'NEG'],
    ])
    const conferences = await rows.conferences()
    const enquiries = await rows.enquiries()
    expect(conferences.map((row) => [row.child_id, row.conference_type, row.decision, row.category])).toEqual([
      [child, 'initial', 'plan_made', 'NEG'],
      [sibling, 'initial', 'plan_made', 'NEG'],
    ])
    expect(conferences.map((row) => row.cp_plan_id)).toEqual(plans.map((plan) => plan.id))
    expect(conferences.map((row) => row.section47_enquiry_id)).toEqual(enquiries.map((row) => row.id))
    expect(enquiries.map((row) => [row.outcome, row.icpc_not_required])).toEqual([
      ['initial_conference', false],
      ['initial_conference', false],
    ])
    expect((await auditRows('cp_plan', 'create')).map((row) => row.child_id)).toEqual([child, sibling])

    const page = $((await worker.get(`${base()}?saved=conference&count=2`)).text)
    expect(page('.govuk-notification-banner--success').text()).toContain(
      'Initial child protection conference recorded for 2 children.',
    )
    const card = page('.govuk-summary-card').first()
    expect(card.find('.govuk-summary-card__title').text()).toContain('Current child protection plan')
    const summary = card.find('.govuk-summary-list').text().replace(/\s+/g, ' ')
    expect(summary).toContain('Initial category of abuse Neglect (NEG)')
    expect(summary).toContain('Second or subsequent plan No: the child’s first plan')
    expect(summary).toContain('Next review conference due 20 June 2026 (overdue)')
    // The worker may record reviews, but ending a plan outside a conference is a manager's action.
    expect(card.find('a').text()).toContain('Record a review conference')
    expect(card.find('a').text()).not.toContain('End the plan')
  })
})

describe('review conferences', () => {
  const planOf = async (childId: number) =>
    db.selectFrom('cp_plan').selectAll().where('child_id', '=', childId).orderBy('id', 'desc').executeTakeFirstOrThrow()

  it('records a review that continues the plan and changes its latest category', async () => {
    const plan = await planOf(child)
    const formPath = `${base()}/plans/${plan.id}/reviews/new`
    const response = await send(worker, formPath, `${base()}/plans/${plan.id}/reviews`, {
      ...date('reviewDate', '2026-06-15'),
      decision: 'plan_continues',
      latestCategory: 'EMO',
      version: String(plan.version),
    })
    expect(response.status).toBe(303)
    expect(await planOf(child)).toMatchObject({
      latest_category: 'EMO',
      initial_category: 'NEG',
      end_date: null,
      version: 2,
    })
    expect(await planOf(sibling)).toMatchObject({ latest_category: 'NEG' })
    const page = $((await worker.get(base())).text)
    expect(page('.govuk-summary-card').first().text().replace(/\s+/g, ' ')).toContain(
      'Next review conference due 15 December 2026',
    )
  })

  it('refuses a review dated before the last one', async () => {
    const plan = await planOf(child)
    const response = await send(
      worker,
      `${base()}/plans/${plan.id}/reviews/new`,
      `${base()}/plans/${plan.id}/reviews`,
      {
        ...date('reviewDate', '2026-06-01'),
        decision: 'plan_continues',
        latestCategory: 'EMO',
        version: String(plan.version),
      },
    )
    expect(response.status).toBe(400)
    expect(errorSummary(response.text)).toEqual([
      'The review date must be after the last review conference (15 June 2026)',
    ])
  })

  it('checks answers before a review ends the plans, then ends both in one go', async () => {
    const plan = await planOf(child)
    const action = `${base()}/plans/${plan.id}/reviews`
    const check = await send(worker, `${action}/new`, action, {
      ...date('reviewDate', '2026-09-01'),
      decision: 'plan_ends',
      latestCategory: 'EMO',
      version: String(plan.version),
      alsoFor: String(sibling),
    })
    expect(check.status).toBe(200)
    expect($(check.text)('h1').text()).toBe('Check your answers before ending the plan')
    expect($(check.text)('.govuk-summary-list').text().replace(/\s+/g, ' ')).toContain(
      'Also ending the plan for Testchild Sameteam',
    )
    expect((await planOf(child)).end_date).toBeNull()

    const confirm = await worker.post(action).type('form').send(confirmBody(check.text, action))
    expect(confirm.status).toBe(303)
    expect(confirm.headers['location']).toBe(`${base()}?saved=ended&count=2`)
    expect(await planOf(child)).toMatchObject({
      end_date: '2026-09-01',
      end_reason: 'no_longer_at_risk',
      latest_category: 'EMO',
    })
    expect(await planOf(sibling)).toMatchObject({ end_date: '2026-09-01', end_reason: 'no_longer_at_risk' })
    const reviews = (await rows.conferences()).filter((row) => row.conference_type === 'review')
    expect(reviews.map((row) => [row.child_id, row.conference_date, row.decision])).toEqual([
      [child, '2026-06-15', 'plan_continues'],
      [child, '2026-09-01', 'plan_ends'],
      [sibling, '2026-09-01', 'plan_ends'],
    ])
  })
})

describe('a second plan, and ending a plan outside a conference', () => {
  let planId: number

  it('recognises a second plan within 2 years of the previous one', async () => {
    await send(worker, `${base()}/strategy-discussions/new`, `${base()}/strategy-discussions`, {
      ...date('heldOn', '2026-10-01'),
      agencies: ['police'],
      decision: 'section47',
    })
    await send(
      worker,
      `${base()}/section-47-enquiries/new`,
      `${base()}/section-47-enquiries`,
      date('startDate', '2026-10-02'),
    )
    const response = await send(worker, `${base()}/initial-conferences/new`, `${base()}/initial-conferences`, {
      ...date('conferenceDate', '2026-10-16'),
      decision: 'plan_made',
      category: 'PHY',
    })
    expect(response.status).toBe(303)
    const card = $((await worker.get(base())).text)('.govuk-summary-card').first()
    const summary = card.text().replace(/\s+/g, ' ')
    expect(summary).toContain('Second or subsequent plan (previous plan ended 1 September 2026, within 2 years)')
    expect(summary).toContain('Number of previous plans (CIN NumberOfPreviousCPP) 1')
    planId = (await rows.plans()).at(-1)?.id as number
  })

  it('refuses a new plan while one is open', async () => {
    await send(worker, `${base()}/strategy-discussions/new`, `${base()}/strategy-discussions`, {
      ...date('heldOn', '2026-10-20'),
      agencies: ['police'],
      decision: 'section47',
    })
    await send(
      worker,
      `${base()}/section-47-enquiries/new`,
      `${base()}/section-47-enquiries`,
      date('startDate', '2026-10-20'),
    )
    const before = (await rows.conferences()).length
    const response = await send(worker, `${base()}/initial-conferences/new`, `${base()}/initial-conferences`, {
      ...date('conferenceDate', '2026-10-27'),
      decision: 'plan_made',
      category: 'NEG',
    })
    expect(response.status).toBe(400)
    expect(errorSummary(response.text)).toEqual([
      'There is already a child protection plan that started on 16 October 2026: end it before a new plan starts',
    ])
    expect(await rows.conferences()).toHaveLength(before)
  })

  it('records the outcome of an enquiry that needs no conference (CIN ICPCnotRequired)', async () => {
    const enquiry = (await rows.enquiries()).at(-1)
    const formPath = `${base()}/section-47-enquiries/${enquiry?.id}/outcome`
    const form = await worker.get(formPath)
    expect(form.status).toBe(200)
    expect($(form.text)('h1').text()).toBe('Record the outcome of a section 47 enquiry')
    const incomplete = await send(worker, formPath, formPath, { version: '1' })
    expect(incomplete.status).toBe(400)
    expect(errorSummary(incomplete.text)).toEqual([
      'Enter the date the enquiry ended',
      'Select the outcome of the enquiry',
    ])
    const early = await send(worker, formPath, formPath, {
      ...date('endDate', '2026-10-19'),
      outcome: 'no_further_action',
      version: '1',
    })
    expect(errorSummary(early.text)).toEqual([
      'The date the enquiry ended must be on or after the date it started (20 October 2026)',
    ])
    const saved = await send(worker, formPath, formPath, {
      ...date('endDate', '2026-10-23'),
      outcome: 'no_further_action',
      version: '1',
    })
    expect(saved.status).toBe(303)
    expect((await rows.enquiries()).at(-1)).toMatchObject({
      end_date: '2026-10-23',
      outcome: 'no_further_action',
      icpc_not_required: true,
      version: 2,
    })
    const page = $((await worker.get(base())).text)
    expect(page('.harbour-next-steps').text()).not.toContain('Record the initial conference')
    expect(page('table').last().text()).toContain('Initial conference not required (CIN ICPCnotRequired)')
  })

  it('lets only a manager end a plan outside a conference', async () => {
    expect((await worker.get(`${base()}/plans/${planId}/end`)).status).toBe(403)
  })

  it('refuses an end before the start', async () => {
    const formPath = `${base()}/plans/${planId}/end`
    const response = await send(manager, formPath, formPath, {
      ...date('endDate', '2026-10-10'),
      reason: 'looked_after',
      version: '1',
    })
    expect(response.status).toBe(400)
    expect(errorSummary(response.text)).toEqual([
      'The end date must be on or after the start of the plan (16 October 2026)',
    ])
  })

  it('shows a conflict rather than overwrite a plan someone else changed', async () => {
    const formPath = `${base()}/plans/${planId}/end`
    const opened = await manager.get(formPath)
    const version = $(opened.text)('input[name=version]').attr('value') as string
    await db.updateTable('cp_plan').set({ latest_category: 'MUL', version: 2 }).where('id', '=', planId).execute()
    const response = await manager
      .post(formPath)
      .type('form')
      .send({
        _csrf: csrfFrom(opened.text),
        ...date('endDate', '2026-11-02'),
        reason: 'looked_after',
        version,
        confirm: 'yes',
      })
    expect(response.status).toBe(409)
    expect($(response.text)('h1').text()).toBe('Someone else has changed this record')
    expect((await rows.plans()).at(-1)?.end_date).toBeNull()
  })

  it('ends the plan after checking answers, cancelling a review booked for later', async () => {
    const booked = await db
      .insertInto('cp_conference')
      .values({
        council_id: fixture.councilId,
        child_id: child,
        cp_plan_id: planId,
        referral_id: null,
        section47_enquiry_id: null,
        conference_type: 'review',
        conference_date: '2026-11-20',
        decision: null,
        category: null,
        chair_id: null,
        quorate: null,
        child_participation: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const formPath = `${base()}/plans/${planId}/end`
    const check = await send(manager, formPath, formPath, {
      ...date('endDate', '2026-11-02'),
      reason: 'looked_after',
      version: '2',
    })
    expect(check.status).toBe(200)
    expect($(check.text)('.govuk-summary-list').text().replace(/\s+/g, ' ')).toContain(
      'Why the plan ended Became looked after: needs met by the care plan',
    )
    const confirm = await manager.post(formPath).type('form').send(confirmBody(check.text, formPath))
    expect(confirm.status).toBe(303)
    expect((await rows.plans()).at(-1)).toMatchObject({
      end_date: '2026-11-02',
      end_reason: 'looked_after',
      version: 3,
    })
    expect((await rows.conferences()).some((row) => row.id === booked.id)).toBe(false)
    expect((await auditRows('cp_conference', 'delete')).map((row) => row.entity_id)).toEqual([String(booked.id)])
    const page = $((await manager.get(confirm.headers['location'] as string)).text)
    expect(page('.govuk-notification-banner--success').text()).toContain('Child protection plan ended.')
    expect(page('table').last().text()).toContain('Child protection plan ended')
  })
})

/** What the check-your-answers page posts: its hidden fields (repeated names kept) and the CSRF token. */
function confirmBody(html: string, action: string): string {
  const body = new URLSearchParams({ _csrf: csrfFrom(html) })
  for (const [name, values] of Object.entries(formFields(html, action)))
    for (const value of values) body.append(name, value)
  return body.toString()
}
