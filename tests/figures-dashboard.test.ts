import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import type { Express } from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSignedInUser } from '../src/areas/auth/sessions.js'
import { assertChildInScope } from '../src/areas/children/child-access.js'
import { sparklineSvg, trendChartSvg, trendSummary } from '../src/areas/figures/charts/trend-chart.js'
import { discloseFigure } from '../src/areas/figures/dashboard-disclosure.js'
import { choosePeriod, lastCompleteMonthEnd } from '../src/areas/figures/dashboard-period.js'
import { computeFigures } from '../src/areas/figures/engine.js'
import { recordExplanation } from '../src/areas/figures/explanations/service.js'
import { INDICATORS } from '../src/areas/figures/indicators/registry.js'
import { periodEnding } from '../src/areas/figures/periods.js'
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  generateSyntheticCouncil,
  markDatabaseAsDemo,
} from '../src/areas/synthetic/demo.js'
import type { Role } from '../src/db/tables/foundation.js'
import { $, signIn, testApp, type Agent } from './support/http.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'

/**
 * The figures dashboards on a small synthetic council (a twentieth of Blackpool): every page renders
 * with its numbers, a drill-down lists exactly the children behind the figure (within scope, audited),
 * and what a councillor or a committee sees never shows a count from 1 to 5 or lets one be worked out.
 */
const AREAS = ['front_door', 'child_in_need', 'child_protection', 'looked_after', 'care_leavers', 'visits']
const periodEnd = lastCompleteMonthEnd()

let database: TestDatabase
let app: Express
let councilId: number
const agents = new Map<Role, Agent>()

function agent(role: Role): Agent {
  const found = agents.get(role)
  if (found === undefined) throw new Error(`No agent for ${role}`)
  return found
}

beforeAll(async () => {
  database = await createTestDatabase()
  await markDatabaseAsDemo(database.db)
  await generateSyntheticCouncil(database.db, { seed: 20261122, scale: 0.05 })
  councilId = (await database.db.selectFrom('council').select('id').orderBy('id').executeTakeFirstOrThrow()).id
  app = testApp(database.db)
  for (const role of ['head_of_service', 'social_worker', 'councillor', 'performance_officer'] as const) {
    const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === role)
    if (account === undefined) throw new Error(`No demo account for ${role}`)
    agents.set(role, await signIn(app, account.email, DEMO_PASSWORD))
  }
}, 240_000)
afterAll(() => database.destroy())

const numberIn = (text: string): number | null => {
  const match = /^-?[\d,]+(\.\d+)?$/.exec(text.trim())
  return match === null ? null : Number(text.trim().replaceAll(',', ''))
}

/** Every table on a page as header texts and rows of cell texts. */
function tablesOf(html: string): { id: string; caption: string; head: string[]; rows: string[][] }[] {
  const page = $(html)
  return page('table')
    .toArray()
    .map((table) => ({
      id: page(table).attr('id') ?? '',
      caption: page(table).find('caption').text().trim(),
      head: page(table)
        .find('thead th')
        .toArray()
        .map((cell) => page(cell).text().trim()),
      rows: page(table)
        .find('tbody tr')
        .toArray()
        .map((row) =>
          page(row)
            .find('th, td')
            .toArray()
            .map((cell) => page(cell).text().trim()),
        ),
    }))
}

/** Column indexes that hold counts of children or records. */
function countColumns(table: { id: string; head: string[] }): number[] {
  if (table.id === 'age-by-placement') return table.head.map((_h, index) => index).filter((index) => index > 0)
  return table.head
    .map((heading, index) => ({ heading, index }))
    .filter(({ heading }) => heading === 'Counted' || heading === 'Out of' || heading === 'Not counted')
    .map(({ index }) => index)
}

function expectNoSmallCount(cells: string[], where: string) {
  for (const cell of cells) {
    const value = numberIn(cell)
    if (value !== null) expect(value >= 1 && value <= 5, `${where}: ${cell}`).toBe(false)
  }
}

/** In a table with a total row, a column with exactly one withheld cell would give it away. */
function expectNothingRecoverable(table: { caption: string; head: string[]; rows: string[][]; id: string }) {
  const last = table.rows.at(-1)
  if (last === undefined || last[0] !== 'Total') return
  for (const column of countColumns(table)) {
    const withheld = table.rows.filter((row) => row[column] === '[c]').length
    expect(withheld, `${table.caption}, column ${table.head[column]}`).not.toBe(1)
  }
  if (table.id === 'age-by-placement') {
    for (const row of table.rows) {
      expect(row.filter((cell) => cell === '[c]').length, `${table.caption}, row ${row[0]}`).not.toBe(1)
    }
  }
}

describe('charts', () => {
  const input = {
    id: 'c',
    indicatorName: 'Care leavers in suitable accommodation',
    unit: 'percent' as const,
    points: [
      { periodEnd: '2023-11-30', value: 84 },
      { periodEnd: '2024-11-30', value: null },
      ...Array.from({ length: 34 }, (_unused, index) => ({ periodEnd: '2025-01-31', value: 85 + index / 10 })),
    ],
    target: 90,
    england: { value: 86, year: '2024-25' },
  }

  it('says in words what the chart shows', () => {
    input.points[35] = { periodEnd: '2026-10-31', value: 88.2 }
    expect(trendSummary(input)).toBe(
      'Up from 84.0% in November 2023 to 88.2% in October 2026 over three years; target 90.0%; England 86.0% (2024-25). 1 month has no figure shown.',
    )
  })

  it('is an SVG with a title, a description and labelled target and England lines (not colour alone)', () => {
    const svg = $(trendChartSvg(input))
    expect(svg('svg').attr('role')).toBe('img')
    expect(svg('svg').attr('aria-labelledby')).toBe('c-title c-desc')
    expect(svg('title').text()).toContain('Care leavers in suitable accommodation')
    expect(svg('desc').text()).toContain('Up from 84.0%')
    const labels = svg('text')
      .toArray()
      .map((node) => svg(node).text())
    expect(labels).toContain('Target 90.0%')
    expect(labels).toContain('England 86.0%')
    const dashes = svg('line[stroke-dasharray]')
      .toArray()
      .map((node) => svg(node).attr('stroke-dasharray'))
    expect(new Set(dashes).size).toBe(2)
    // A gap where a month has no figure: the path is split in two.
    expect(svg('path').attr('d')?.match(/M/g)?.length).toBe(2)
    expect($(sparklineSvg({ ...input, id: 's' }))('title').text()).toContain('trend')
  })
})

describe('disclosure of one figure', () => {
  const share = INDICATORS.find((def) => def.aggregation === 'share')
  it('withholds a small count, a count whose complement is small, and the percentage from either', () => {
    if (share === undefined) throw new Error('No share indicator')
    const shown = (numerator: number, denominator: number) =>
      discloseFigure(share, { numerator, denominator, value: (100 * numerator) / denominator }, { suppress: true })
    expect(shown(3, 40)).toEqual({ numerator: '[c]', denominator: 40, value: '[c]' })
    expect(shown(38, 40)).toEqual({ numerator: '[c]', denominator: 40, value: '[c]' })
    expect(shown(4, 4)).toMatchObject({ numerator: '[c]', denominator: '[c]', value: '[c]' })
    expect(shown(20, 40)).toEqual({ numerator: 20, denominator: 40, value: 50 })
    expect(discloseFigure(share, { numerator: 3, denominator: 40, value: 7.5 }, { suppress: false }).numerator).toBe(3)
  })
})

describe('the period chooser', () => {
  it('defaults to the last complete month and reads a month end or a DfE year', () => {
    expect(choosePeriod({}, false, '2026-11-22').periodEnd).toBe('2026-10-31')
    expect(choosePeriod({ period_end: '2026-02-14' }, false, '2026-11-22').periodEnd).toBe('2026-02-28')
    expect(choosePeriod({ period_end: '2027-02-14' }, false, '2026-11-22').periodEnd).toBe('2026-10-31')
    expect(choosePeriod({ period_end: 'nonsense' }, false, '2026-11-22').periodEnd).toBe('2026-10-31')
    const year = choosePeriod({ year: '2025', for: 'committee' }, true, '2026-11-22')
    expect(year).toMatchObject({ periodEnd: '2025-03-31', basis: 'year', query: 'year=2025&for=committee' })
  })
})

describe('the dashboards', () => {
  it('the summary shows every indicator with a figure, grouped by service area', { timeout: 120_000 }, async () => {
    const response = await agent('head_of_service').get('/figures')
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('h1')).toHaveLength(1)
    expect(page('h1').text()).toBe('Figures')
    const rows = page('main tbody tr')
    expect(rows.length).toBe(INDICATORS.length)
    expect(page('main tbody svg title').length).toBe(INDICATORS.length)
    expect(page('main').text()).toMatch(/\d+\.\d%/)
    expect(page('.govuk-service-navigation a').text()).toContain('Figures')
  })

  it.each(AREAS)(
    'the %s page shows each indicator with a chart, summary, data table and status in words',
    { timeout: 60_000 },
    async (area) => {
      const response = await agent('head_of_service').get(`/figures/${area}`)
      expect(response.status).toBe(200)
      const page = $(response.text)
      expect(page('h1')).toHaveLength(1)
      const expected = INDICATORS.filter((def) => def.area === area)
      expect(page('section').length).toBe(expected.length)
      for (const def of expected) {
        const section = page(`section[aria-labelledby="${def.id}-heading"]`)
        expect(section.find('.harbour-figure').text(), def.id).toMatch(/\d|No figure/)
        expect(section.find('figure svg title').text(), def.id).toContain(def.name)
        expect(section.find('figcaption').text(), def.id).toMatch(/target|no target set/)
        expect(section.find('.govuk-tag').text().trim(), def.id).not.toBe('')
        expect(section.find('details table caption').text(), def.id).toContain('figure for each month')
      }
    },
  )

  it('shows the explanation beside the figure and carries it into the export', { timeout: 60_000 }, async () => {
    const def = INDICATORS.find((candidate) => candidate.area === 'child_protection')
    if (def === undefined) throw new Error('No child protection indicator')
    const account = await database.db
      .selectFrom('user_account')
      .select('id')
      .where('email', '=', DEMO_ACCOUNTS.find((a) => a.role === 'head_of_service')?.email ?? '')
      .executeTakeFirstOrThrow()
    const head = await loadSignedInUser(database.db, councilId, account.id)
    if (head === undefined) throw new Error('The head of service cannot be loaded')
    const text = 'Plans ended early in the spring; a review of step-down decisions reports in June.'
    await recordExplanation(database.db, head, { indicatorId: def.id, periodEnd, text, basedOnRevision: 0 }, '::1', '/')
    const page = $((await agent('head_of_service').get('/figures/child_protection')).text)
    const section = page(`section[aria-labelledby="${def.id}-heading"]`)
    expect(section.text()).toContain(text)
    expect(section.find('a:contains("Earlier versions of the explanation")').attr('href')).toContain(
      '/explanation/history',
    )
    const csv = await agent('councillor').get('/figures/child_protection.csv')
    const records: Record<string, string>[] = parse(csv.text, { columns: true })
    expect(records.find((record) => record['Indicator id'] === def.id)?.['Explanation']).toBe(text)
  })

  it('refuses an unknown service area or indicator', async () => {
    expect((await agent('head_of_service').get('/figures/nowhere')).status).toBe(404)
    expect((await agent('head_of_service').get('/figures/indicators/nothing')).status).toBe(404)
  })

  it(
    'an indicator page has the definition, trend, breakdowns and (looked after) the age by placement table',
    { timeout: 60_000 },
    async () => {
      const lookedAfter = INDICATORS.find(
        (def) => def.area === 'looked_after' && def.dimensions.includes('placement_type'),
      )
      const ids = [INDICATORS[0]?.id, lookedAfter?.id].filter((id): id is string => id !== undefined)
      for (const id of ids) {
        const response = await agent('performance_officer').get(`/figures/indicators/${id}?period_end=${periodEnd}`)
        expect(response.status).toBe(200)
        const page = $(response.text)
        expect(page('h1')).toHaveLength(1)
        expect(page('.govuk-summary-list').text()).toContain('Counted (numerator)')
        for (const dimension of ['team', 'age_band', 'sex', 'ethnicity']) {
          expect(page(`#breakdown-${dimension} tbody tr`).last().text(), `${id} ${dimension}`).toContain('Total')
        }
      }
      if (lookedAfter !== undefined) {
        const page = $((await agent('performance_officer').get(`/figures/indicators/${lookedAfter.id}`)).text)
        expect(page('#age-by-placement caption').text()).toContain('age band by placement type')
      }
    },
  )
})

describe('drill-down', () => {
  async function indicatorWithChildren() {
    for (const def of INDICATORS) {
      if (def.aggregation === 'rate_per_10000' && def.area !== 'looked_after') continue
      const [figure] = await computeFigures(database.db, def, councilId, [periodEnding(def.periodType, periodEnd)])
      if (figure !== undefined && figure.numerator >= 8) return { def, figure }
    }
    throw new Error('No indicator with children behind it')
  }

  it(
    'lists exactly as many children as the numerator shown, links each, and audits the listing',
    { timeout: 60_000 },
    async () => {
      const { def } = await indicatorWithChildren()
      const indicator = $(
        (await agent('head_of_service').get(`/figures/indicators/${def.id}?period_end=${periodEnd}`)).text,
      )
      const shown = numberIn(
        indicator(`section[aria-labelledby="${def.id}-heading"] .govuk-body`)
          .text()
          .match(/Counted: ([\d,]+)/)?.[1] ?? '',
      )
      const link = indicator('a:contains("See the children counted")').attr('href')
      expect(link).toBeDefined()
      const response = await agent('head_of_service').get(link ?? '')
      expect(response.status).toBe(200)
      const page = $(response.text)
      expect(page('h1')).toHaveLength(1)
      const rows = page('#children tbody tr')
      const listed = Number(page('#scope-count strong').first().text().replaceAll(',', ''))
      expect(rows.length).toBe(listed)
      // A head of service sees every child but those on restricted records not granted to them.
      const restricted = await database.db
        .selectFrom('child')
        .select('id')
        .where('council_id', '=', councilId)
        .where('restriction', 'is not', null)
        .execute()
      if (restricted.length === 0) expect(rows.length).toBe(shown)
      else expect(Number(page('#scope-count strong').last().text().replaceAll(',', ''))).toBe(shown)
      expect(page('#children tbody a').first().attr('href')).toMatch(/^\/children\/\d+$/)
      const audit = await database.db
        .selectFrom('audit_event')
        .select(['detail', 'entity_id', 'action'])
        .where('entity', '=', 'figure_drill_down')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow()
      expect(audit.entity_id).toBe(def.id)
      const detail = (typeof audit.detail === 'string' ? JSON.parse(audit.detail) : audit.detail) as {
        childIds: number[]
      }
      const linked = new Set(
        page('#children tbody a')
          .toArray()
          .map((anchor) => Number(page(anchor).attr('href')?.split('/').pop())),
      )
      expect(new Set(detail.childIds)).toEqual(linked)
    },
  )

  it(
    'a social worker sees only the children in their scope, and is told how many of the figure that is',
    { timeout: 60_000 },
    async () => {
      const { def, figure } = await indicatorWithChildren()
      const response = await agent('social_worker').get(
        `/figures/indicators/${def.id}/children?period_end=${periodEnd}&part=numerator`,
      )
      expect(response.status).toBe(200)
      const page = $(response.text)
      const hrefs = page('#children tbody a')
        .toArray()
        .map((anchor) => Number(page(anchor).attr('href')?.split('/').pop()))
      expect(hrefs.length).toBeLessThan(figure.numerator)
      expect(page('#scope-count').text()).toContain(`in your scope of ${figure.numerator.toLocaleString('en-GB')}`)
      const account = await database.db
        .selectFrom('user_account')
        .select('id')
        .where('email', '=', DEMO_ACCOUNTS.find((a) => a.role === 'social_worker')?.email ?? '')
        .executeTakeFirstOrThrow()
      const user = await loadSignedInUser(database.db, councilId, account.id)
      if (user === undefined) throw new Error('The social worker cannot be loaded')
      for (const childId of new Set(hrefs)) expect(await assertChildInScope(database.db, user, childId)).toBe(true)
    },
  )

  it('is refused to a councillor, and to anyone asking for the committee version', async () => {
    const { def } = await indicatorWithChildren()
    const path = `/figures/indicators/${def.id}/children?period_end=${periodEnd}&part=numerator`
    expect((await agent('councillor').get(path)).status).toBe(403)
    expect((await agent('head_of_service').get(`${path}&for=committee`)).status).toBe(403)
  })
})

describe('disclosure control', () => {
  it(
    'a councillor’s pages show no count from 1 to 5, none that can be worked out, and no child',
    { timeout: 180_000 },
    async () => {
      const pages = ['/figures', ...AREAS.map((area) => `/figures/${area}`)]
      const lookedAfter = INDICATORS.filter((def) => def.dimensions.includes('placement_type')).map((def) => def.id)
      for (const def of [
        ...INDICATORS.filter((d) => d.area === 'care_leavers').slice(0, 1),
        ...INDICATORS.slice(0, 2),
      ]) {
        pages.push(`/figures/indicators/${def.id}`)
      }
      if (lookedAfter[0] !== undefined) pages.push(`/figures/indicators/${lookedAfter[0]}`)
      let withheld = 0
      for (const path of pages) {
        const response = await agent('councillor').get(path)
        expect(response.status, path).toBe(200)
        expect(response.text, path).not.toContain('/children/')
        expect(response.text, path).not.toContain('See the children counted')
        const page = $(response.text)
        expect(page('h1'), path).toHaveLength(1)
        for (const match of page('main')
          .text()
          .matchAll(/(?:Counted|Out of): ([\d,]+)/g)) {
          expectNoSmallCount([match[1] ?? ''], `${path} figure`)
        }
        for (const table of tablesOf(response.text)) {
          const columns = countColumns(table)
          expectNoSmallCount(
            table.rows.flatMap((row) => columns.map((column) => row[column] ?? '')),
            `${path} ${table.caption}`,
          )
          expectNothingRecoverable(table)
          withheld += table.rows.flat().filter((cell) => cell === '[c]').length
        }
      }
      // The synthetic council is small: some counts are certainly withheld.
      expect(withheld).toBeGreaterThan(0)
    },
  )

  it(
    'the committee CSV and XLSX withhold small counts and what is worked out from them',
    { timeout: 180_000 },
    async () => {
      const csv = await agent('performance_officer').get(
        `/figures/looked_after.csv?for=committee&period_end=${periodEnd}`,
      )
      expect(csv.status).toBe(200)
      expect(csv.headers['content-type']).toContain('text/csv')
      expect(csv.headers['content-disposition']).toContain('committee')
      const records: Record<string, string>[] = parse(csv.text, { columns: true })
      expect(records.length).toBe(INDICATORS.filter((def) => def.area === 'looked_after').length)
      for (const record of records) {
        expectNoSmallCount([record['Counted'] ?? '', record['Out of'] ?? ''], `CSV ${record['Indicator']}`)
        if (record['Counted'] === '[c]' || record['Out of'] === '[c]') expect(record['Figure']).toBe('[c]')
        expect(record).toHaveProperty('Target')
        expect(record).toHaveProperty('England year')
        expect(record).toHaveProperty('England source')
        expect(record).toHaveProperty('Explanation')
      }

      const xlsx = await agent('councillor')
        .get(`/figures.xlsx?period_end=${periodEnd}`)
        .buffer(true)
        .parse((response, callback) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('end', () => callback(null, Buffer.concat(chunks)))
        })
      expect(xlsx.status).toBe(200)
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(xlsx.body as Parameters<typeof workbook.xlsx.load>[0])
      let withheld = 0
      let checked = 0
      for (const name of ['Figures', 'Monthly trend']) {
        const sheet = workbook.getWorksheet(name)
        if (sheet === undefined) throw new Error(`No ${name} sheet`)
        const head = (sheet.getRow(1).values as unknown[]).map((value) => (typeof value === 'string' ? value : ''))
        const counted = head.indexOf('Counted')
        const outOf = head.indexOf('Out of')
        const figure = head.indexOf('Figure')
        sheet.eachRow((row, number) => {
          if (number === 1) return
          for (const column of [counted, outOf]) {
            const value = row.getCell(column).value
            if (value === '[c]') withheld++
            if (typeof value === 'number') {
              checked++
              expect(value >= 1 && value <= 5, `${name} row ${number}: ${value}`).toBe(false)
            }
          }
          if (row.getCell(counted).value === '[c]' || row.getCell(outOf).value === '[c]') {
            expect(row.getCell(figure).value).toBe('[c]')
          }
        })
      }
      expect(checked).toBeGreaterThan(100)
      expect(withheld).toBeGreaterThan(0)
    },
  )

  it('an uncontrolled export for staff keeps every count', async () => {
    const csv = await agent('head_of_service').get(`/figures/care_leavers.csv?period_end=${periodEnd}`)
    expect(csv.status).toBe(200)
    const records: Record<string, string>[] = parse(csv.text, { columns: true })
    expect(records.every((record) => record['Counted'] !== '[c]')).toBe(true)
  })
})
