import { existsSync, readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Express } from 'express'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, csrfFrom, signIn, submitForm, testApp, type Agent } from './support/http.js'
import type { SignedInUser } from '../src/web/context.js'
import { comparatorsFor, comparatorYearWarning, type Comparator } from '../src/areas/figures/benchmarks/comparators.js'
import {
  DEFAULT_BENCHMARK_FILE,
  loadBenchmarkFile,
  loadDefaultBenchmarksWhereMissing,
} from '../src/areas/figures/benchmarks/loader.js'
import { benchmarkFileFromKpis } from '../src/areas/figures/benchmarks/from-kpis.js'
import { explanationHistory, latestExplanation } from '../src/areas/figures/explanations/service.js'
import { statusAgainstTarget, targetFor, type TargetStatus } from '../src/areas/figures/targets/service.js'
import type { Polarity } from '../src/areas/figures/indicators/types.js'
import type * as Registry from '../src/areas/figures/indicators/registry.js'

// Two indicators of known shape, so these tests do not depend on which indicators the library has yet.
vi.mock('../src/areas/figures/indicators/registry.js', async (importOriginal) => {
  const original = await importOriginal<typeof Registry>()
  const { sql: rawSql } = await import('kysely')
  const make = (id: string, name: string, polarity: Polarity) => ({
    id,
    name,
    description: `${name}: a test indicator.`,
    numerator: 'n',
    denominator: 'd',
    cohort: 'c',
    periodType: 'year_to_31_march' as const,
    polarity,
    unit: 'percent' as const,
    aggregation: 'share' as const,
    area: 'front_door' as const,
    dfeTable: null,
    source: 'test',
    dimensions: [],
    cohortSql: () => rawSql`select 1`,
  })
  const extra = [
    make('perf_test_assessments', 'Test assessments in time', 'higher_better'),
    make('perf_test_rereferrals', 'Test re-referrals', 'lower_better'),
  ]
  const all = [...original.INDICATORS, ...extra]
  return { ...original, INDICATORS: all, indicatorById: (id: string) => all.find((indicator) => indicator.id === id) }
})

const INDICATOR = 'perf_test_assessments'
const PERIOD_END = '2026-03-31'

let database: TestDatabase
let fixture: Fixture
let app: Express
let administrator: Agent
let head: Agent
let manager: Agent
let worker: Agent

const shippedFile = () => ({ fileName: 'benchmarks-2025.json', text: readFileSync(DEFAULT_BENCHMARK_FILE, 'utf8') })

function signedIn(key: keyof Fixture['users'], role: SignedInUser['role']): SignedInUser {
  const account = fixture.users[key]
  return {
    councilId: account.councilId,
    councilName: 'Testbay Council',
    id: account.id,
    email: account.email,
    displayName: key,
    role,
    teamIds: [],
    managedTeamIds: [],
    workerScope: 'team',
  }
}

const count = async (table: 'benchmark_load' | 'benchmark_value' | 'indicator_explanation' | 'indicator_target') =>
  Number(
    (
      await sql<{
        n: number
      }>`select count(*)::int as n from ${sql.table(table)} where council_id = ${fixture.councilId}`.execute(
        database.db,
      )
    ).rows[0]!.n,
  )

const auditRows = (entity: string) =>
  database.db
    .selectFrom('audit_event')
    .selectAll()
    .where('council_id', '=', fixture.councilId)
    .where('entity', '=', entity)
    .orderBy('seq')
    .execute()

beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await seedFixture(database.db)
  app = testApp(database.db)
  administrator = await signIn(app, fixture.users.administrator.email, PASSWORD)
  head = await signIn(app, fixture.users.head_of_service.email, PASSWORD)
  manager = await signIn(app, fixture.users.team_manager.email, PASSWORD)
  worker = await signIn(app, fixture.users.social_worker.email, PASSWORD)
})
afterAll(() => database.destroy())

describe('benchmark loader', () => {
  it('loads the shipped file with each value’s source, year and verified flag, and audits the load', async () => {
    const result = await loadBenchmarkFile(database.db, fixture.councilId, shippedFile(), null)
    const file = JSON.parse(shippedFile().text) as { values: unknown[] }
    expect(result).toEqual({ ok: true, loadId: expect.any(Number), rows: file.values.length })
    expect(await count('benchmark_value')).toBe(file.values.length)

    const comparators = await comparatorsFor(database.db, fixture.councilId, 'cla_rate')
    // The latest year per area (2025, not the revised 2024 figure the file also holds), England first.
    expect(comparators).toEqual([
      expect.objectContaining({
        areaKind: 'england',
        areaName: 'England',
        year: '31 Mar 2025',
        value: 67,
        verified: 'V',
      }),
      expect.objectContaining({ areaKind: 'local_authority', areaName: 'Blackpool', value: 184 }),
    ])
    expect(comparators[0]!.source).toMatch(/Children looked after in England/)
    const region = await comparatorsFor(database.db, fixture.councilId, 'cpp_2yrs_ending_pct')
    expect(region.map((comparator) => [comparator.areaKind, comparator.value])).toEqual([
      ['england', 4.4],
      ['region', 4.2],
    ])

    const [audit] = await auditRows('benchmark_load')
    expect(audit).toMatchObject({ action: 'create', entity_id: String(result.ok && result.loadId), user_id: null })
  })

  it('refuses an invalid file whole, naming each problem’s row and field, and writes nothing', async () => {
    const before = [
      await count('benchmark_load'),
      await count('benchmark_value'),
      (await auditRows('benchmark_load')).length,
    ]
    const file = JSON.parse(shippedFile().text) as { values: Record<string, unknown>[] }
    file.values[1] = { ...file.values[1], value: 'about 22' }
    file.values[3] = { ...file.values[3], year: 'last year' }
    file.values[4] = { ...file.values[4], source: '' }
    file.values[5] = { ...file.values[5], areaKind: 'county' }
    const result = await loadBenchmarkFile(
      database.db,
      fixture.councilId,
      { fileName: 'bad.json', text: JSON.stringify(file) },
      null,
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors.map((error) => [error.row, error.field])).toEqual([
      [2, 'value'],
      [4, 'year'],
      [5, 'source'],
      [6, 'areaKind'],
    ])
    expect(result.errors[1]!.message).toMatch(/year as published/)
    expect([
      await count('benchmark_load'),
      await count('benchmark_value'),
      (await auditRows('benchmark_load')).length,
    ]).toEqual(before)

    const notJson = await loadBenchmarkFile(
      database.db,
      fixture.councilId,
      { fileName: null, text: '{"format": ' },
      null,
    )
    expect(notJson).toEqual({ ok: false, errors: [expect.objectContaining({ row: null, field: 'file' })] })
  })

  it('supersedes the previous load: comparators come from the newest file only', async () => {
    const file = JSON.parse(shippedFile().text) as { name: string; values: Record<string, unknown>[] }
    file.name = 'Newer figures'
    file.values = [
      {
        indicatorId: 'cla_rate',
        areaKind: 'england',
        areaCode: 'E92000001',
        areaName: 'England',
        year: '31 Mar 2026',
        value: 66,
        suppression: null,
        source: 'DfE CLA 2026',
        verified: 'V',
      },
      {
        indicatorId: 'cla_rate',
        areaKind: 'statistical_neighbours',
        areaName: 'Statistical neighbours',
        year: '31 Mar 2026',
        value: null,
        suppression: 'x',
        source: 'DfE CLA 2026',
      },
    ]
    const first = await database.db
      .selectFrom('benchmark_load')
      .select('id')
      .where('council_id', '=', fixture.councilId)
      .where('superseded_by_load_id', 'is', null)
      .executeTakeFirstOrThrow()
    const result = await loadBenchmarkFile(
      database.db,
      fixture.councilId,
      { fileName: 'newer.json', text: JSON.stringify(file) },
      signedIn('administrator', 'administrator'),
    )
    expect(result.ok).toBe(true)
    const old = await database.db
      .selectFrom('benchmark_load')
      .select('superseded_by_load_id')
      .where('council_id', '=', fixture.councilId)
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow()
    expect(Number(old.superseded_by_load_id)).toBe(result.ok ? result.loadId : -1)
    expect(await comparatorsFor(database.db, fixture.councilId, 'cla_rate')).toEqual([
      expect.objectContaining({ areaName: 'England', year: '31 Mar 2026', value: 66 }),
      expect.objectContaining({ areaKind: 'statistical_neighbours', value: null, suppression: 'x' }),
    ])
    expect(await comparatorsFor(database.db, fixture.councilId, 'cpp_2yrs_ending_pct')).toEqual([])
  })

  it('loads the shipped file for councils with none, and leaves councils that have one', async () => {
    expect(await loadDefaultBenchmarksWhereMissing(database.db)).toEqual([fixture.otherCouncilId])
    expect(await loadDefaultBenchmarksWhereMissing(database.db)).toEqual([])
    const other = await comparatorsFor(database.db, fixture.otherCouncilId, 'rereferral_pct')
    expect(other).toEqual([expect.objectContaining({ areaName: 'England', year: '2024-25', value: 22.6 })])
  })
})

describe('making a benchmark file from the KPI reference', () => {
  const reference = {
    statisticalNeighbours: {
      la: 'Blackpool',
      la_code: '890',
      region: 'North West',
      neighbours: [
        { code: '876', name: 'Halton' },
        { code: '805', name: 'Hartlepool' },
        { code: '340', name: 'Knowsley' },
      ],
    },
    kpis: [
      {
        id: 'rereferral_pct',
        source: 'DfE CIN 2025 C1',
        england: {
          value: 22.6,
          year: '2024-25',
          source: 'DfE CIN 2025 C1',
          verified: 'V',
          north_west: 21.5,
          value_2024: 22,
        },
        blackpool: { value: null, year: null, source: 'Not retrieved', verified: null },
        neighbours: [
          { code: '876', name: 'Halton', value: 20, year: '2024-25', source: 'EES LA file', verified: 'V' },
          { code: '805', name: 'Hartlepool', value: 25, year: '2024-25', source: 'EES LA file', verified: 'V' },
          {
            code: '340',
            name: 'Knowsley',
            value: null,
            suppression: 'c',
            year: '2024-25',
            source: 'EES LA file',
            verified: 'V',
          },
        ],
      },
    ],
  }

  it('writes England, region, earlier years, each neighbour and the neighbours’ simple mean without suppressed ones', () => {
    const file = benchmarkFileFromKpis(reference, '2026-11-22')
    expect(file.values.map((row) => [row.areaKind, row.areaName, row.year, row.value, row.suppression])).toEqual([
      ['england', 'England', '2024-25', 22.6, null],
      ['region', 'North West', '2024-25', 21.5, null],
      ['england', 'England', '2023-24', 22, null],
      ['local_authority', 'Halton', '2024-25', 20, null],
      ['local_authority', 'Hartlepool', '2024-25', 25, null],
      ['local_authority', 'Knowsley', '2024-25', null, 'c'],
      ['statistical_neighbours', 'Statistical neighbours (average of 2)', '2024-25', 22.5, null],
    ])
  })

  const kpisPath = '../shared/reference/kpis.json'
  it.skipIf(!existsSync(kpisPath))('reproduces the shipped file from the shared reference', () => {
    const shipped = JSON.parse(shippedFile().text) as { createdOn: string }
    const made = benchmarkFileFromKpis(JSON.parse(readFileSync(kpisPath, 'utf8')) as never, shipped.createdOn)
    expect(JSON.parse(JSON.stringify(made))).toEqual(shipped)
  })
})

describe('comparatorYearWarning', () => {
  const comparator = (areaName: string, year: string): Comparator => ({
    areaKind: 'england',
    areaName,
    year,
    value: 1,
    suppression: null,
    source: 's',
    verified: 'V',
  })
  it('warns when the comparator year is not the period shown', () => {
    const warning = comparatorYearWarning([comparator('England', '2024-25')], {
      start: '2025-04-01',
      end: '2026-03-31',
    })
    expect(warning).toBe(
      'The comparator figures are for a different period from the figure shown (for 1 April 2025 to 31 March 2026). England: year to 31 March 2025.',
    )
  })
  it('says nothing when the years match, whichever way the year is written', () => {
    expect(
      comparatorYearWarning([comparator('England', '2025-26')], { start: '2025-04-01', end: '2026-03-31' }),
    ).toBeNull()
    expect(
      comparatorYearWarning([comparator('England', '31 Mar 2025')], { start: '2025-03-31', end: '2025-03-31' }),
    ).toBeNull()
    expect(comparatorYearWarning([], { start: '2025-03-31', end: '2025-03-31' })).toBeNull()
  })
  it('groups areas by year and names snapshots by their date', () => {
    const warning = comparatorYearWarning(
      [comparator('England', '30 Sep 2023'), comparator('North West', '30 Sep 2023'), comparator('Blackpool', '2026')],
      { start: '2026-03-31', end: '2026-03-31' },
    )
    expect(warning).toBe(
      'The comparator figures are for a different period from the figure shown (on 31 March 2026). England, North West: 30 September 2023.',
    )
  })
})

describe('benchmark administration page', () => {
  it('shows the current load to an administrator', async () => {
    const response = await administrator.get('/admin/benchmarks')
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('h1').text()).toBe('Benchmarks')
    expect(page('.govuk-summary-list').text()).toContain('Newer figures')
    expect(page('.govuk-summary-list').text()).toContain('newer.json')
    expect(page('table caption').text()).toContain('Earlier files')
  })

  it('lists a pasted file’s problems by row and field, and loads nothing', async () => {
    const before = await count('benchmark_load')
    const file = JSON.parse(shippedFile().text) as { values: Record<string, unknown>[] }
    file.values[2] = { ...file.values[2], value: null }
    const response = await submitForm(administrator, '/admin/benchmarks', '/admin/benchmarks', {
      file_name: 'broken.json',
      contents: JSON.stringify(file),
    })
    expect(response.status).toBe(400)
    const page = $(response.text)
    expect(page('.govuk-error-summary').text()).toContain(
      'Row 3, value: must be a number, or null with a suppression symbol',
    )
    expect(page('#contents-error').text()).toContain('The file has 1 problem. Nothing was loaded')
    expect(await count('benchmark_load')).toBe(before)

    const empty = await submitForm(administrator, '/admin/benchmarks', '/admin/benchmarks', {
      file_name: '',
      contents: ' ',
    })
    expect(empty.status).toBe(400)
    expect($(empty.text)('.govuk-error-summary').text()).toContain('Paste the contents of the benchmark file')
  })

  it('loads a pasted file, with a success banner and an audit row naming the administrator', async () => {
    const response = await submitForm(administrator, '/admin/benchmarks', '/admin/benchmarks', {
      file_name: 'benchmarks-2025.json',
      contents: shippedFile().text,
    })
    expect(response.status).toBe(303)
    expect(response.headers['location']).toMatch(/^\/admin\/benchmarks\?loaded=\d+$/)
    const page = $((await administrator.get(response.headers['location']!)).text)
    expect(page('.govuk-notification-banner--success').text()).toContain('The benchmark file is loaded')
    expect(page('.govuk-summary-list').text()).toContain('Test administrator')
    const audits = await auditRows('benchmark_load')
    expect(audits.at(-1)).toMatchObject({ user_id: fixture.users.administrator.id, route: 'POST /admin/benchmarks' })
  })

  it('refuses a team manager and a councillor', async () => {
    expect((await manager.get('/admin/benchmarks')).status).toBe(403)
    const councillor = await signIn(app, fixture.users.councillor.email, PASSWORD)
    expect((await councillor.get('/admin/benchmarks')).status).toBe(403)
  })

  it('refuses a valid file posted by a team manager or a councillor, loading nothing', async () => {
    const loads = await count('benchmark_load')
    const audits = (await auditRows('benchmark_load')).length
    const councillor = await signIn(app, fixture.users.councillor.email, PASSWORD)
    for (const agent of [manager, councillor]) {
      const page = await agent.get('/')
      expect(page.status).toBe(200)
      const refused = await agent
        .post('/admin/benchmarks')
        .type('form')
        .send({ _csrf: csrfFrom(page.text), file_name: 'benchmarks-2025.json', contents: shippedFile().text })
      expect(refused.status).toBe(403)
      // Refused for the permission, not for a bad form token.
      expect(refused.text).toContain('You do not have permission to see this page')
    }
    expect(await count('benchmark_load')).toBe(loads)
    expect((await auditRows('benchmark_load')).length).toBe(audits)
  })
})

describe('explanations', () => {
  const path = `/figures/indicators/${INDICATOR}/explanation?period_end=${PERIOD_END}`
  const historyPath = `/figures/indicators/${INDICATOR}/explanation/history?period_end=${PERIOD_END}`

  it('records a first explanation and a second revision, keeping both with author and date', async () => {
    const form = await manager.get(path)
    expect(form.status).toBe(200)
    expect($(form.text)('h1').text()).toBe('Explain the figure')
    const first = await manager
      .post(path)
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        explanation: 'Two long assessments of a large sibling group.',
        period_end: PERIOD_END,
        based_on_revision: '0',
      })
    expect(first.status).toBe(303)
    expect(first.headers['location']).toBe(`${historyPath}&saved=1`)

    const again = await submitForm(head, path, path, {
      explanation: 'Recovering: 92% in time since January.',
      period_end: PERIOD_END,
      based_on_revision: '1',
    })
    expect(again.status).toBe(303)

    const latest = await latestExplanation(database.db, fixture.councilId, INDICATOR, PERIOD_END)
    expect(latest).toMatchObject({
      revision: 2,
      text: 'Recovering: 92% in time since January.',
      authorName: 'Test head of service',
    })
    const history = await explanationHistory(database.db, fixture.councilId, INDICATOR, PERIOD_END)
    expect(history.map((entry) => [entry.revision, entry.authorName])).toEqual([
      [2, 'Test head of service'],
      [1, 'Test team manager'],
    ])

    const page = $((await worker.get(`${historyPath}&saved=1`)).text)
    expect(page('h1').text()).toBe('History of the explanation')
    expect(page('tbody tr')).toHaveLength(2)
    expect(page('.govuk-notification-banner--success')).toHaveLength(1)

    const audits = await auditRows('indicator_explanation')
    expect(audits.map((row) => [row.action, row.user_id])).toEqual([
      ['create', fixture.users.team_manager.id],
      ['update', fixture.users.head_of_service.id],
    ])
    expect(JSON.stringify(audits[1]!.detail)).toContain('"revision":2')
    for (const row of audits) expect(JSON.stringify(row.detail)).not.toMatch(/sibling|Recovering/)
  })

  it('refuses a save based on an older revision with the conflict page, writing nothing', async () => {
    const before = await count('indicator_explanation')
    const response = await submitForm(manager, path, path, {
      explanation: 'Written without reading the latest.',
      period_end: PERIOD_END,
      based_on_revision: '1',
    })
    expect(response.status).toBe(409)
    const page = $(response.text)
    expect(page('h1').text()).toBe('Someone else has changed this record')
    // Both versions side by side: the one being saved and the newer one saved first.
    expect(page('main').text()).toContain('Written without reading the latest.')
    expect(page('main').text()).toContain('Recovering: 92% in time since January.')
    expect(await count('indicator_explanation')).toBe(before)
  })

  it('asks for an explanation that is missing or too long, in plain English', async () => {
    const empty = await submitForm(manager, path, path, {
      explanation: '  ',
      period_end: PERIOD_END,
      based_on_revision: '2',
    })
    expect(empty.status).toBe(400)
    expect($(empty.text)('.govuk-error-summary').text()).toContain('Enter an explanation of the figure')
    const long = await submitForm(manager, path, path, {
      explanation: 'x'.repeat(2001),
      period_end: PERIOD_END,
      based_on_revision: '2',
    })
    expect(long.status).toBe(400)
    expect($(long.text)('#explanation-error').text()).toContain('Explanation must be 2,000 characters or fewer')
  })

  it('refuses a social worker, writing nothing, and answers 404 for an unknown indicator', async () => {
    const before = await count('indicator_explanation')
    expect((await worker.get(path)).status).toBe(403)
    // The worker may read the history (figures:read), which gives their session's form token.
    const history = await worker.get(historyPath)
    const refused = await worker
      .post(path)
      .type('form')
      .send({ _csrf: csrfFrom(history.text), explanation: 'x', period_end: PERIOD_END, based_on_revision: '2' })
    expect(refused.status).toBe(403)
    expect(await count('indicator_explanation')).toBe(before)
    expect(
      (await manager.get(`/figures/indicators/no_such_indicator/explanation?period_end=${PERIOD_END}`)).status,
    ).toBe(404)
    expect((await manager.get(`/figures/indicators/${INDICATOR}/explanation?period_end=2026-02-30`)).status).toBe(404)
  })
})

describe('targets', () => {
  const path = `/figures/indicators/${INDICATOR}/targets`

  it('lets a head of service set a target for a year, with an audit row', async () => {
    const page = await head.get(path)
    expect(page.status).toBe(200)
    expect($(page.text)('h1').text()).toBe('Targets')
    const response = await submitForm(head, path, path, {
      year: '2026',
      target: '85',
      amber_tolerance: '5',
      note: 'Improvement plan action 1.1',
      version: '',
    })
    expect(response.status).toBe(303)
    expect(response.headers['location']).toBe(`${path}?saved=2026`)
    expect(await targetFor(database.db, fixture.councilId, INDICATOR, 2026)).toEqual({ target: 85, amberTolerance: 5 })
    const saved = $((await head.get(`${path}?saved=2026`)).text)
    expect(saved('.govuk-notification-banner--success').text()).toContain('year to 31 march 2026')
    expect(saved('tbody tr th').first().text()).toBe('Year to 31 March 2026')
    expect(saved('tbody tr td').first().text()).toBe('85%')
    const [audit] = await auditRows('indicator_target')
    expect(audit).toMatchObject({ action: 'create', user_id: fixture.users.head_of_service.id })
    expect(JSON.stringify(audit!.detail)).not.toContain('Improvement plan')
  })

  it('changes a target with the version opened, and refuses a stale save with the conflict page', async () => {
    const opened = await head.get(`${path}?year=2026`)
    const form = $(opened.text)
    expect(form('input[name=version]').attr('value')).toBe('1')
    const token = csrfFrom(opened.text)
    const change = (target: string) =>
      head
        .post(path)
        .type('form')
        .send({ _csrf: token, year: '2026', target, amber_tolerance: '5', note: '', version: '1' })
    expect((await change('88')).status).toBe(303)
    const stale = await change('80')
    expect(stale.status).toBe(409)
    expect($(stale.text)('h1').text()).toBe('Someone else has changed this record')
    expect(await targetFor(database.db, fixture.councilId, INDICATOR, 2026)).toEqual({ target: 88, amberTolerance: 5 })
    expect((await auditRows('indicator_target')).map((row) => row.action)).toEqual(['create', 'update'])
  })

  it('explains what to fix: not a number, a percentage over 100, a year already set', async () => {
    const send = (fields: Record<string, string>) =>
      submitForm(head, path, path, {
        year: '2027',
        target: '85',
        amber_tolerance: '',
        note: '',
        version: '',
        ...fields,
      })
    const notNumber = await send({ target: 'eighty' })
    expect(notNumber.status).toBe(400)
    expect($(notNumber.text)('#target-error').text()).toContain('Target must be a number, for example 85 or 22.5')
    const tooBig = await send({ target: '150' })
    expect(tooBig.status).toBe(400)
    expect($(tooBig.text)('#target-error').text()).toContain('Target must be a percentage from 0 to 100')
    const badYear = await send({ year: '26' })
    expect($(badYear.text)('#year-error').text()).toContain('Enter the reporting year as 4 digits')
    const taken = await send({ year: '2026' })
    expect(taken.status).toBe(400)
    expect($(taken.text)('#year-error').text()).toContain('A target for the year to 31 march 2026 is already set')
    expect(await count('indicator_target')).toBe(1)
  })

  it('refuses a team manager: no page and nothing written', async () => {
    expect((await manager.get(path)).status).toBe(403)
    const page = await manager.get(`/figures/indicators/${INDICATOR}/explanation?period_end=${PERIOD_END}`)
    const refused = await manager
      .post(path)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), year: '2028', target: '90', amber_tolerance: '', note: '', version: '' })
    expect(refused.status).toBe(403)
    expect(await count('indicator_target')).toBe(1)
  })
})

describe('statusAgainstTarget', () => {
  const target = { target: 80, amberTolerance: 5 }
  it.each<[number | null, { target: number; amberTolerance: number | null } | undefined, Polarity, TargetStatus]>([
    [85, target, 'higher_better', 'on_target'],
    [80, target, 'higher_better', 'on_target'],
    [76, target, 'higher_better', 'near_target'],
    [75, target, 'higher_better', 'near_target'],
    [74.9, target, 'higher_better', 'off_target'],
    [79, { target: 80, amberTolerance: null }, 'higher_better', 'off_target'],
    [75, target, 'lower_better', 'on_target'],
    [84, target, 'lower_better', 'near_target'],
    [86, target, 'lower_better', 'off_target'],
    [78, target, 'lower_better_within_range', 'on_target'],
    [83, target, 'lower_better_within_range', 'near_target'],
    [70, target, 'lower_better_within_range', 'near_target'],
    [90, target, 'lower_better_within_range', 'off_target'],
    [10, { target: 80, amberTolerance: null }, 'lower_better_within_range', 'on_target'],
    [85, target, 'context', 'no_target'],
    [null, target, 'higher_better', 'no_target'],
    [85, undefined, 'higher_better', 'no_target'],
  ])('%s against %o (%s) is %s', (value, given, polarity, expected) => {
    expect(statusAgainstTarget(value, given, polarity)).toBe(expected)
  })
})
