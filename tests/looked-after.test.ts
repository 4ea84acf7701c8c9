import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, csrfFrom, signIn, testApp, type Agent } from './support/http.js'
import { hiddenFieldsOf, postPairs } from './support/forms.js'

// Route tests for the looked-after section: a child becomes looked after, moves placement, changes
// legal status and stops being looked after, each through a check-your-answers page; and the
// simpler records (reviews, missing, adoption, OC2, OC3). Dates are in the past, as the forms require.

let database: TestDatabase
let fixture: Fixture
let app: Express
let worker: Agent
let otherTeam: Agent
let child: number
/** A child who turned 18 on 1 January 2024. */
let olderChild: number

const BLACKPOOL = 'E06000009'

beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await seedFixture(database.db)
  // Testbay stands in for Blackpool, so the vendored postcodes fall inside or outside it.
  await database.db.updateTable('council').set({ gss_code: BLACKPOOL }).where('id', '=', fixture.councilId).execute()
  child = fixture.children.allocatedToWorker
  olderChild = 106
  await database.db
    .insertInto('child')
    .values({
      council_id: fixture.councilId,
      id: olderChild,
      la_child_id: 'T106',
      first_name: 'Testchild',
      last_name: 'Older',
      preferred_name: null,
      date_of_birth: '2006-01-01',
      expected_date_of_birth: null,
      date_of_death: null,
      sex: 'M',
      ethnicity: 'WBRI',
      upn: null,
      former_upn: null,
      upn_unknown_reason: 'UN1',
      uasc_ceased_date: null,
      home_postcode: 'FY4 1AA',
      restriction: null,
      restriction_reason: null,
      merged_into_child_id: null,
    })
    .execute()
  await database.db
    .insertInto('worker_allocation')
    .values({
      council_id: fixture.councilId,
      child_id: olderChild,
      allocation_role: 'social_worker',
      team_id: fixture.teams.childProtection,
      user_id: fixture.users.social_worker.id,
      start_date: '2026-01-05',
      end_date: null,
      reason_for_change: null,
      created_by: null,
    })
    .execute()
  app = testApp(database.db)
  worker = await signIn(app, fixture.users.social_worker.email, PASSWORD)
  otherTeam = await signIn(app, fixture.users.otherSocialWorker.email, PASSWORD)
})
afterAll(() => database.destroy())

const base = (id: number) => `/children/${id}/looked-after`

async function send(agent: Agent, action: string, fields: Record<string, string>) {
  const page = await agent.get('/')
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...fields })
}

const date = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-')
  return {
    [`${name}-day`]: String(Number(day)),
    [`${name}-month`]: String(Number(month)),
    [`${name}-year`]: year ?? '',
  }
}

const errorSummary = (html: string) => $(html)('.govuk-error-summary').text()

async function auditRows(entity: string, childId: number) {
  return database.db
    .selectFrom('audit_event')
    .select(['action', 'entity', 'entity_id', 'detail', 'route'])
    .where('entity', '=', entity)
    .where('child_id', '=', childId)
    .orderBy('seq')
    .execute()
}

async function episodes(childId: number) {
  return database.db
    .selectFrom('looked_after_episode')
    .selectAll()
    .where('child_id', '=', childId)
    .orderBy('start_date')
    .orderBy('id')
    .execute()
}

const startFields = {
  ...date('startDate', '2025-05-01'),
  legalStatus: 'V2',
  categoryOfNeed: 'N1',
  placementType: 'U3',
  placementProvider: 'PR1',
  placementPostcode: 'la1 1ad',
  urn: 'SC123456',
}

describe('a child becoming looked after', () => {
  it('shows the section with no period of care, and audits the read', async () => {
    const response = await worker.get(base(child))
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('h1').text()).toBe('Looked after')
    expect(page('main').text()).toContain('They are not looked after at the moment.')
    expect(page(`a[href="${base(child)}/start"]`).length).toBe(1)
    const audit = await auditRows('looked_after_episode', child)
    expect(audit.at(-1)?.action).toBe('read')
  })

  it('lists every problem with an empty form', async () => {
    const response = await send(worker, `${base(child)}/start`, {})
    expect(response.status).toBe(400)
    const summary = errorSummary(response.text)
    expect(summary).toContain('Enter the date they became looked after')
    expect(summary).toContain('Select the legal status')
    expect(summary).toContain('Select the category of need')
    expect(summary).toContain('Select the type of placement')
    expect(await episodes(child)).toHaveLength(0)
  })

  it('refuses a placement provider for an other placement (Z11 to Z14)', async () => {
    const response = await send(worker, `${base(child)}/start`, { ...startFields, placementType: 'Z11', urn: '' })
    expect(response.status).toBe(400)
    expect(errorSummary(response.text)).toContain('Select ‘Not applicable’ for the provider')
  })

  it('refuses a start on or after the 18th birthday', async () => {
    const response = await send(worker, `${base(olderChild)}/start`, {
      ...startFields,
      ...date('startDate', '2024-02-01'),
    })
    expect(response.status).toBe(400)
    expect(errorSummary(response.text)).toContain(
      'The date they became looked after must be before their 18th birthday (1 January 2024)',
    )
  })

  it('shows the answers, distance and borough before saving anything', async () => {
    const response = await send(worker, `${base(child)}/start`, startFields)
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('h1').text()).toBe('Check your answers before they become looked after')
    const list = page('.govuk-summary-list').text()
    expect(list).toContain('1 May 2025')
    expect(list).toContain('Accommodated by agreement (section 20) (V2)')
    expect(list).toContain('Out of borough, 19.1 miles from home')
    expect(list).toContain('LA1 1AD')
    expect(await episodes(child)).toHaveLength(0)
    // The change button takes the answers back to the form.
    const back = await postPairs(worker, `${base(child)}/start`, [
      ...hiddenFieldsOf(response.text, `${base(child)}/start`),
      ['change', 'yes'],
    ])
    expect(back.status).toBe(200)
    expect($(back.text)('h1').text()).toBe('Record that they became looked after')
    expect($(back.text)('#placementPostcode').val()).toBe('la1 1ad')
  })

  it('saves the period of care, placement and first episode when confirmed', async () => {
    const check = await send(worker, `${base(child)}/start`, startFields)
    const response = await postPairs(worker, `${base(child)}/start`, [
      ...hiddenFieldsOf(check.text, `${base(child)}/start`),
      ['confirm', 'yes'],
    ])
    expect(response.status).toBe(303)
    expect(response.headers['location']).toBe(`${base(child)}?saved=start`)
    const [episode] = await episodes(child)
    expect(episode).toMatchObject({
      start_date: '2025-05-01',
      reason_new_episode: 'S',
      legal_status: 'V2',
      placement_type: 'U3',
      placement_provider: 'PR1',
      placement_postcode: 'LA1 1AD',
      home_postcode: 'FY1 1AA',
      ofsted_urn: 'SC123456',
      placement_inside_boundary: false,
      placement_la_gss_code: 'E10000017',
      end_date: null,
    })
    expect(Number(episode?.distance_miles)).toBe(19.1)
    const period = await database.db.selectFrom('period_of_care').selectAll().where('child_id', '=', child).execute()
    expect(period).toHaveLength(1)
    const audit = await auditRows('period_of_care', child)
    expect(audit.at(-1)).toMatchObject({ action: 'create', entity_id: String(period[0]?.id) })

    const page = await worker.get(response.headers['location'] as string)
    const html = $(page.text)
    expect(html('.govuk-notification-banner').text()).toContain('They are recorded as looked after')
    expect(html('.govuk-summary-list').first().text()).toContain('Out of borough, 19.1 miles from home')
    expect(html('table caption').first().text()).toContain('Period of care from 1 May 2025 (current)')
    expect(html('table tbody tr').first().text()).toContain('19.1 miles')
  })

  it('refuses a second period of care while the first is open', async () => {
    const response = await send(worker, `${base(child)}/start`, { ...startFields, ...date('startDate', '2025-06-01') })
    expect(response.status).toBe(400)
    expect(errorSummary(response.text)).toContain('They are already looked after (since 1 May 2025)')
  })
})

describe('changes within the period of care', () => {
  async function opened(childId: number) {
    const current = (await episodes(childId)).find((row) => row.end_date === null)
    return { episodeId: String(current?.id), episodeVersion: String(current?.version) }
  }

  const move = {
    ...date('moveDate', '2025-08-01'),
    sameCarers: 'no',
    newLegalStatus: 'unchanged',
    placementType: 'U6',
    placementProvider: 'PR4',
    placementPostcode: 'FY4 1AA',
    urn: 'SC654321',
    reasonPlaceChange: 'CARPL',
  }

  it('refuses a move dated before the current episode started, and a move without a reason', async () => {
    const early = await send(worker, `${base(child)}/placement-change`, {
      ...(await opened(child)),
      ...move,
      ...date('moveDate', '2025-04-01'),
    })
    expect(early.status).toBe(400)
    expect(errorSummary(early.text)).toContain('The date of the move must be after 1 May 2025')
    const noReason = await send(worker, `${base(child)}/placement-change`, {
      ...(await opened(child)),
      ...move,
      reasonPlaceChange: '',
    })
    expect(noReason.status).toBe(400)
    expect(errorSummary(noReason.text)).toContain('Select the reason for the change of placement')
  })

  it('ends the episode with X1 and starts the next (RNE P) on the same day, in borough', async () => {
    const check = await send(worker, `${base(child)}/placement-change`, { ...(await opened(child)), ...move })
    expect(check.status).toBe(200)
    expect($(check.text)('.govuk-summary-list').text()).toContain('Changed placement and carer (P)')
    expect($(check.text)('.govuk-summary-list').text()).toContain('In borough, 1.4 miles from home')
    const response = await postPairs(worker, `${base(child)}/placement-change`, [
      ...hiddenFieldsOf(check.text, `${base(child)}/placement-change`),
      ['confirm', 'yes'],
    ])
    expect(response.status).toBe(303)
    const [first, second] = await episodes(child)
    expect(first).toMatchObject({ end_date: '2025-08-01', reason_episode_ceased: 'X1', reason_place_change: 'CARPL' })
    expect(second).toMatchObject({
      start_date: '2025-08-01',
      reason_new_episode: 'P',
      legal_status: 'V2',
      category_of_need: 'N1',
      home_postcode: 'FY1 1AA',
      placement_inside_boundary: true,
    })
    expect(Number(second?.distance_miles)).toBe(1.4)
    const placements = await database.db
      .selectFrom('placement')
      .selectAll()
      .where('child_id', '=', child)
      .orderBy('start_date')
      .execute()
    expect(placements.map((row) => [row.end_date, row.end_reason])).toEqual([
      ['2025-08-01', 'CARPL'],
      [null, null],
    ])
    const audit = await auditRows('looked_after_episode', child)
    expect(audit.at(-1)).toMatchObject({ action: 'create', entity_id: String(second?.id) })
  })

  it('never overwrites a change someone else saved first', async () => {
    const stale = { episodeId: String((await episodes(child))[0]?.id), episodeVersion: '1' }
    const response = await send(worker, `${base(child)}/placement-change`, {
      ...stale,
      ...move,
      ...date('moveDate', '2025-09-01'),
      confirm: 'yes',
    })
    expect(response.status).toBe(409)
    expect($(response.text)('h1').text()).toBe('Someone else has changed this record')
    expect(await episodes(child)).toHaveLength(2)
  })

  it('records a change of legal status only (RNE L) in the same placement', async () => {
    const same = await send(worker, `${base(child)}/legal-status`, {
      ...(await opened(child)),
      ...date('changeDate', '2025-09-01'),
      legalStatus: 'V2',
    })
    expect(same.status).toBe(400)
    expect(errorSummary(same.text)).toContain('The legal status is already')
    const fields = { ...(await opened(child)), ...date('changeDate', '2025-09-01'), legalStatus: 'C2' }
    const check = await send(worker, `${base(child)}/legal-status`, fields)
    expect(check.status).toBe(200)
    const response = await send(worker, `${base(child)}/legal-status`, { ...fields, confirm: 'yes' })
    expect(response.status).toBe(303)
    const [, second, third] = await episodes(child)
    expect(third).toMatchObject({ reason_new_episode: 'L', legal_status: 'C2', placement_id: second?.placement_id })
    expect(second).toMatchObject({ end_date: '2025-09-01', reason_episode_ceased: 'X1', reason_place_change: null })
  })

  it('refuses to end the period with adoption when they are not in an adoption placement', async () => {
    const response = await send(worker, `${base(child)}/end`, {
      ...(await opened(child)),
      ...date('endDate', '2025-10-01'),
      reasonEnded: 'E11',
    })
    expect(response.status).toBe(400)
    expect(errorSummary(response.text)).toContain('They are not in an adoption placement (A3 to A6)')
  })
})

describe('reviews, missing episodes and adoption', () => {
  it('refuses PN0 for a child over 4, then records a review', async () => {
    const wrong = await send(worker, `${base(child)}/reviews`, {
      ...date('reviewDate', '2025-05-20'),
      participationCode: 'PN0',
    })
    expect(wrong.status).toBe(400)
    expect(errorSummary(wrong.text)).toContain('PN0 is for children under 4')
    const response = await send(worker, `${base(child)}/reviews`, {
      ...date('reviewDate', '2025-05-20'),
      participationCode: 'PN1',
    })
    expect(response.status).toBe(303)
    const reviews = await database.db
      .selectFrom('looked_after_review')
      .selectAll()
      .where('child_id', '=', child)
      .execute()
    expect(reviews).toHaveLength(1)
    expect(reviews[0]).toMatchObject({ review_date: '2025-05-20', participation_code: 'PN1' })
    expect((await auditRows('looked_after_review', child)).at(-1)?.action).toBe('create')
  })

  it('refuses a return before the child went missing, then records and closes an episode', async () => {
    const backwards = await send(worker, `${base(child)}/missing`, {
      missingType: 'M',
      ...date('startDate', '2025-06-10'),
      ...date('endDate', '2025-06-09'),
    })
    expect(backwards.status).toBe(400)
    expect(errorSummary(backwards.text)).toContain(
      'The date they came back must be on or after the date they went missing',
    )
    const response = await send(worker, `${base(child)}/missing`, {
      missingType: 'A',
      ...date('startDate', '2025-06-10'),
    })
    expect(response.status).toBe(303)
    const overlapping = await send(worker, `${base(child)}/missing`, {
      missingType: 'M',
      ...date('startDate', '2025-06-12'),
    })
    expect(overlapping.status).toBe(400)
    expect(errorSummary(overlapping.text)).toContain('They are already recorded as missing or away since 10 June 2025')
    const [missing] = await database.db
      .selectFrom('missing_episode')
      .selectAll()
      .where('child_id', '=', child)
      .execute()
    const form = await worker.get(`${base(child)}/missing/${missing?.id}/return`)
    expect(form.status).toBe(200)
    const back = await send(worker, `${base(child)}/missing/${missing?.id}/return`, {
      version: String(missing?.version),
      ...date('endDate', '2025-06-11'),
      ...date('returnInterviewOfferedDate', '2025-06-12'),
      returnInterviewAccepted: 'yes',
    })
    expect(back.status).toBe(303)
    const closed = await database.db
      .selectFrom('missing_episode')
      .selectAll()
      .where('id', '=', missing?.id as number)
      .executeTakeFirst()
    expect(closed).toMatchObject({ end_date: '2025-06-11', return_interview_accepted: true, version: 2 })
  })

  it('records the adoption decision and matching, refusing adopter details that disagree', async () => {
    const decision = await send(worker, `${base(child)}/adoption/decision`, date('decisionDate', '2025-06-01'))
    expect(decision.status).toBe(303)
    const mismatch = await send(worker, `${base(child)}/adoption/match`, {
      version: '',
      ...date('matchedDate', '2025-07-01'),
      adoptedByFosterCarer: 'no',
      numberOfAdopters: '2',
      adopterSex: 'M1',
      adopterLegalStatus: 'L11',
    })
    expect(mismatch.status).toBe(400)
    expect(errorSummary(mismatch.text)).toContain('Two adopters are MM, FF or MF')
    const match = await send(worker, `${base(child)}/adoption/match`, {
      version: '',
      ...date('matchedDate', '2025-07-01'),
      adoptedByFosterCarer: 'no',
      numberOfAdopters: '2',
      adopterSex: 'MF',
      adopterLegalStatus: 'L11',
    })
    expect(match.status).toBe(303)
    const adoption = await database.db
      .selectFrom('adoption')
      .selectAll()
      .where('child_id', '=', child)
      .executeTakeFirst()
    expect(adoption).toMatchObject({
      best_interests_decision_date: '2025-06-01',
      matched_date: '2025-07-01',
      number_of_adopters: 2,
    })
    const page = await worker.get(base(child))
    expect($(page.text)('main').text()).toContain('Matched with adopters')
  })
})

describe('ending the period of care', () => {
  it('checks the answers, then ends the episode, placement and period together', async () => {
    const current = (await episodes(child)).find((row) => row.end_date === null)
    const fields = {
      episodeId: String(current?.id),
      episodeVersion: String(current?.version),
      ...date('endDate', '2025-11-01'),
      reasonEnded: 'E4A',
    }
    const check = await send(worker, `${base(child)}/end`, fields)
    expect(check.status).toBe(200)
    expect($(check.text)('h1').text()).toBe('Check your answers before the period of care ends')
    expect((await episodes(child)).every((row) => row.reason_episode_ceased !== 'E4A')).toBe(true)
    const response = await send(worker, `${base(child)}/end`, { ...fields, confirm: 'yes' })
    expect(response.status).toBe(303)
    const last = (await episodes(child)).at(-1)
    expect(last).toMatchObject({ end_date: '2025-11-01', reason_episode_ceased: 'E4A' })
    const period = await database.db
      .selectFrom('period_of_care')
      .selectAll()
      .where('child_id', '=', child)
      .executeTakeFirst()
    expect(period?.end_date).toBe('2025-11-01')
    const placement = await database.db
      .selectFrom('placement')
      .selectAll()
      .where('child_id', '=', child)
      .where('end_date', 'is', null)
      .execute()
    expect(placement).toHaveLength(0)
    expect((await auditRows('period_of_care', child)).at(-1)).toMatchObject({ action: 'update' })
  })
})

describe('outcome returns', () => {
  it('refuses OC2 for a child not looked after for 12 months at 31 March', async () => {
    const response = await send(worker, `${base(child)}/oc2`, {
      collectionYear: '2025',
      version: '',
      immunisations: 'yes',
      teethCheck: 'yes',
      healthAssessment: 'yes',
      substanceMisuse: 'no',
    })
    expect(response.status).toBe(400)
    expect(errorSummary(response.text)).toContain(
      'They were not looked after continuously for 12 months at 31 March 2025',
    )
  })

  it('records OC2 and then OC3 for a care leaver', async () => {
    // A period of care from age 15 to 16 for the older child, recorded through the forms.
    const start = await send(worker, `${base(olderChild)}/start`, {
      ...startFields,
      ...date('startDate', '2021-01-10'),
      confirm: 'yes',
    })
    expect(start.status).toBe(303)
    const current = (await episodes(olderChild))[0]
    const end = await send(worker, `${base(olderChild)}/end`, {
      episodeId: String(current?.id),
      episodeVersion: String(current?.version),
      ...date('endDate', '2022-06-01'),
      reasonEnded: 'E4A',
      confirm: 'yes',
    })
    expect(end.status).toBe(303)
    const oc2 = await send(worker, `${base(olderChild)}/oc2`, {
      collectionYear: '2022',
      version: '',
      sdqScore: '14',
      sdqReason: '',
      convicted: 'no',
      immunisations: 'yes',
      teethCheck: 'yes',
      healthAssessment: 'yes',
      substanceMisuse: 'no',
      interventionReceived: 'yes',
    })
    expect(oc2.status).toBe(303)
    const oc2Row = await database.db
      .selectFrom('oc2_outcome')
      .selectAll()
      .where('child_id', '=', olderChild)
      .executeTakeFirst()
    // The intervention answer does not follow from "no substance misuse", so it is not returned (rule 193).
    expect(oc2Row).toMatchObject({
      collection_year: 2022,
      sdq_score: 14,
      convicted: false,
      intervention_received: null,
    })

    const wrong = await send(worker, `${base(olderChild)}/oc3`, {
      collectionYear: '2023',
      version: '',
      inTouch: 'YES',
      activity: '0',
      accommodation: 'D1',
    })
    expect(wrong.status).toBe(400)
    expect(errorSummary(wrong.text)).toContain('Select what they are doing: the council is in touch with them')
    const oc3 = await send(worker, `${base(olderChild)}/oc3`, {
      collectionYear: '2023',
      version: '',
      inTouch: 'YES',
      activity: 'F2',
      accommodation: 'D1',
    })
    expect(oc3.status).toBe(303)
    const oc3Row = await database.db
      .selectFrom('oc3_outcome')
      .selectAll()
      .where('child_id', '=', olderChild)
      .executeTakeFirst()
    expect(oc3Row).toMatchObject({ collection_year: 2023, age_at_birthday: 17, in_touch: 'YES', activity: 'F2' })
    // Saving again without the version it opened would overwrite: refused.
    const again = await send(worker, `${base(olderChild)}/oc3`, {
      collectionYear: '2023',
      version: '',
      inTouch: 'NO',
      activity: '0',
      accommodation: '0',
    })
    expect(again.status).toBe(409)
  })

  it('renders every form of the section', async () => {
    for (const path of [
      'start',
      'placement-change',
      'legal-status',
      'end',
      'reviews/new',
      'missing/new',
      'adoption/decision',
      'adoption/match',
      'oc2',
      'oc3?year=2023',
    ]) {
      const response = await worker.get(`${base(olderChild)}/${path}`)
      expect(response.status, path).toBe(200)
      expect($(response.text)('h1').length, path).toBe(1)
    }
  })
})

describe('scope', () => {
  it('refuses a social worker from another team, and writes nothing', async () => {
    const page = await otherTeam.get(base(child))
    expect(page.status).toBe(403)
    const before = await database.db.selectFrom('period_of_care').select('id').execute()
    const response = await send(otherTeam, `${base(child)}/start`, {
      ...startFields,
      ...date('startDate', '2025-12-01'),
      confirm: 'yes',
    })
    expect(response.status).toBe(403)
    const review = await send(otherTeam, `${base(child)}/reviews`, {
      ...date('reviewDate', '2025-06-01'),
      participationCode: 'PN1',
    })
    expect(review.status).toBe(403)
    expect(await database.db.selectFrom('period_of_care').select('id').execute()).toHaveLength(before.length)
    expect(await database.db.selectFrom('looked_after_review').select('id').execute()).toHaveLength(1)
    const denied = await database.db
      .selectFrom('audit_event')
      .select('action')
      .where('user_id', '=', fixture.users.otherSocialWorker.id)
      .where('action', '=', 'denied')
      .execute()
    expect(denied.length).toBeGreaterThanOrEqual(3)
  })
})
