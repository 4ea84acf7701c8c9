import type { Express } from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  generateSyntheticCouncil,
  markDatabaseAsDemo,
} from '../src/areas/synthetic/demo.js'
import { ROLES } from '../src/web/permissions.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { $, signIn, testApp, type Agent } from './support/http.js'
import { PageKindQueue, pageKind } from './support/page-kind.js'

/**
 * No dead ends: signed in as each role on the synthetic council, follow every link Harbour shows
 * (breadth first from the home page) and require that each one opens. A link to a page the role may
 * not use (403), to nothing (404) or to a failure (500) is a dead end. Pages that differ only in a
 * record's id or the query are one kind of page (pageKind): the first link to each kind is opened, so
 * the crawl covers every kind of page each role can reach without opening every child. Links are the
 * same whichever database is underneath, so this runs on the embedded one only.
 */
let database: TestDatabase
let app: Express

interface DeadEnd {
  href: string
  status: number
  from: string
}

async function crawl(agent: Agent, maxPages: number): Promise<{ opened: number; deadEnds: DeadEnd[] }> {
  const queue = new PageKindQueue('/')
  const deadEnds: DeadEnd[] = []
  let opened = 0
  for (let next = queue.next(); next !== undefined && opened < maxPages; next = queue.next()) {
    const response = await agent.get(next.href)
    opened++
    if (response.status >= 400) {
      deadEnds.push({ href: next.href, status: response.status, from: next.from })
      continue
    }
    const html = response.status === 200 && String(response.headers['content-type']).startsWith('text/html')
    const page = html ? $(response.text) : undefined
    const links =
      page !== undefined
        ? page('a[href]')
            .toArray()
            .map((link) => page(link).attr('href') ?? '')
        : response.status >= 300 && response.status < 400
          ? [String(response.headers['location'] ?? '')]
          : []
    queue.add(links, next.href, `http://harbour.test${next.href}`)
  }
  return { opened, deadEnds }
}

const onPostgres = (process.env['TEST_DATABASE_URL'] ?? '') !== ''

describe.skipIf(onPostgres)('every link Harbour shows opens', () => {
  beforeAll(async () => {
    database = await createTestDatabase()
    await markDatabaseAsDemo(database.db)
    await generateSyntheticCouncil(database.db, { seed: 20261122, scale: 0.05 })
    app = testApp(database.db)
  }, 240_000)
  afterAll(() => database.destroy())

  it('treats pages that differ only in ids, dates and the query as one kind', () => {
    expect(pageKind('/children/12/looked-after/episodes/345?saved=1')).toBe('/children/:id/looked-after/episodes/:id')
    expect(pageKind('/returns/2027')).toBe('/returns/:id')
    expect(pageKind('/figures/indicators/cla_rate?period_end=2026-03-31')).toBe('/figures/indicators/cla_rate')
    expect(pageKind('/figures?period_end=2026-03-31&for=committee')).toBe('/figures?for')
  })

  for (const role of ROLES) {
    it(`for a ${role.replaceAll('_', ' ')}`, { timeout: 240_000 }, async () => {
      const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === role)
      if (account === undefined) throw new Error(`No demonstration account for ${role}`)
      const agent = await signIn(app, account.email, DEMO_PASSWORD)
      const { opened, deadEnds } = await crawl(agent, 400)
      // Not vacuous: the role's home page leads somewhere.
      expect(opened, role).toBeGreaterThan(3)
      expect(deadEnds, role).toEqual([])
    })
  }
})
