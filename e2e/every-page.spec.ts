import type { Page } from '@playwright/test'
import { PageKindQueue } from '../tests/support/page-kind.js'
import { expect, test } from './fixtures.js'
import { SignInPage } from './pages/sign-in-page.js'

/**
 * Every kind of page passes axe, not only the ones a journey happens to visit: signed in, follow the
 * links breadth first (one page of each kind, as in tests/links.test.ts) and run axe on each; a link
 * that does not open is a failure too. All the failures are reported together.
 *
 * The suite sweeps as a head of service, who can open nearly every kind of page (about 250 kinds).
 * HARBOUR_SWEEP_ROLES adds roles, e.g. "Personal adviser,Councillor,Administrator" (each 0.1 – 3.5
 * minutes; all four passed on 2026-11-22). Dead ends for every role are checked, faster, over HTTP
 * by tests/links.test.ts.
 */

const ROLES_TO_CRAWL = [
  'Head of service',
  ...(process.env['HARBOUR_SWEEP_ROLES'] ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role !== '' && role !== 'Head of service'),
]
// Breadth first, so the first 120 kinds are every top-level page and every section of a record (2.5
// minutes, which keeps CI within its 30 minutes); HARBOUR_SWEEP_MAX_PAGES=300 sweeps all of them.
const MAX_PAGES = Number(process.env['HARBOUR_SWEEP_MAX_PAGES'] ?? 120)

async function crawlWithAxe(page: Page, expectAccessible: (page: Page) => Promise<void>) {
  const queue = new PageKindQueue('/')
  const failures: string[] = []
  let opened = 0
  for (let next = queue.next(); next !== undefined && opened < MAX_PAGES; next = queue.next()) {
    const response = await page.goto(next.href)
    opened++
    if (response === null || !String(response.headers()['content-type']).startsWith('text/html')) continue
    if (response.status() >= 400) {
      failures.push(`${next.href} (linked from ${next.from}) answered ${response.status()}`)
      continue
    }
    try {
      await expectAccessible(page)
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error))
    }
    const links = await page
      .locator('a[href]')
      .evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''))
    queue.add(links, next.href, page.url())
  }
  return { opened, failures }
}

for (const role of ROLES_TO_CRAWL) {
  test(`every kind of page a ${role.toLowerCase()} can reach passes axe`, async ({
    page,
    demoAccounts,
    expectAccessible,
  }) => {
    test.setTimeout(600_000)
    const signIn = new SignInPage(page)
    await signIn.goto()
    await signIn.signIn(demoAccounts.emailFor(role), demoAccounts.password)
    await expect(page).toHaveURL('/')
    const { opened, failures } = await crawlWithAxe(page, expectAccessible)
    expect(opened).toBeGreaterThan(3)
    expect(failures).toEqual([])
  })
}
