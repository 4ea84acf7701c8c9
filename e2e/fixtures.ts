import { AxeBuilder } from '@axe-core/playwright'
import { test as base, expect, type Browser, type Page, type TestInfo } from '@playwright/test'
import { readDemoAccounts, type DemoAccounts } from './pages/sign-in-page.js'

/** WCAG 2.2 AA, as the Public Sector Bodies Accessibility Regulations expect of a council service. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>
type Violation = AxeResults['violations'][number]

/**
 * Rules switched off everywhere, each with its reason (also listed in e2e/README.md). Empty on purpose:
 * add a rule here only with a reason a reviewer would accept.
 */
const DOCUMENTED_EXCEPTIONS: string[] = []

type ViolationNode = Violation['nodes'][number]

/**
 * Narrower than a rule switched off: single elements the GOV.UK Design System makes fail a rule on
 * purpose, each with its reason (also listed in e2e/README.md). The rule still runs, and anything
 * else that fails it still fails the test.
 *
 * - aria-allowed-attr, `aria-expanded` on a radio that reveals a conditional question. govuk-frontend's
 *   JavaScript sets it, knowingly outside the ARIA spec, because screen readers announce it and users
 *   were found to benefit (alphagov/govuk-frontend#979, #1991; the spec may change, w3c/aria#1404).
 *   Only a `govuk-radios__input` that controls a `conditional-…` panel, and only when `aria-expanded`
 *   is the one attribute refused, is let through.
 */
function isKnownDesignSystemIssue(violation: Violation, node: ViolationNode): boolean {
  if (violation.id !== 'aria-allowed-attr') return false
  const radio =
    /^<input\b/.test(node.html) &&
    /\bclass="govuk-radios__input"/.test(node.html) &&
    /\btype="radio"/.test(node.html) &&
    /\baria-controls="conditional-[^"]+"/.test(node.html)
  const messages = [...node.any, ...node.all, ...node.none].map((check) => check.message)
  return (
    radio &&
    messages.length > 0 &&
    messages.every((message) => /^ARIA attribute is not allowed: aria-expanded="(true|false)"$/.test(message))
  )
}

/** The violations left once the known design-system issues are taken out. */
function withoutKnownIssues(violations: readonly Violation[]): Violation[] {
  return violations
    .map((violation) => ({
      ...violation,
      nodes: violation.nodes.filter((node) => !isKnownDesignSystemIssue(violation, node)),
    }))
    .filter((violation) => violation.nodes.length > 0)
}

export type ExpectAccessible = (page: Page) => Promise<void>

/** One violation as a few readable lines: the rule, why it matters, and every element that fails it. */
export function describeViolation(violation: Violation): string {
  const nodes = violation.nodes.map((node) => {
    const summary = (node.failureSummary ?? '').split('\n').join('\n      ')
    return `    - ${node.target.join(' ')}\n      ${node.html}\n      ${summary}`
  })
  return [
    `${violation.id} (${violation.impact ?? 'no impact given'}): ${violation.help}`,
    `    ${violation.helpUrl}`,
    ...nodes,
  ].join('\n')
}

async function analyse(page: Page): Promise<AxeResults> {
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS)
  if (DOCUMENTED_EXCEPTIONS.length > 0) builder = builder.disableRules(DOCUMENTED_EXCEPTIONS)
  return builder.analyze()
}

/**
 * Chromium runs no timers in a page whose scripts are switched off, and axe-core needs them, so a page
 * loaded without JavaScript cannot be analysed where it is. Instead its DOM, exactly as rendered
 * without JavaScript, is loaded (minus its script elements, which never ran) into a scratch page
 * that allows axe to run, with the same address so that the stylesheet loads as it did.
 */
async function analyseWithoutJavaScript(browser: Browser, page: Page): Promise<AxeResults> {
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
  const address = page.url()
  // Inside a test, newContext starts from the test's options, so JavaScript must be switched back on here.
  const scratch = await browser.newContext({ javaScriptEnabled: true })
  try {
    const scratchPage = await scratch.newPage()
    await scratchPage.route(
      (url) => url.href === address,
      (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
    )
    await scratchPage.goto(address)
    return await analyse(scratchPage)
  } finally {
    await scratch.close()
  }
}

async function checkAccessible(page: Page, results: AxeResults, testInfo: TestInfo): Promise<void> {
  const violations = withoutKnownIssues(results.violations)
  if (violations.length > 0) {
    await testInfo.attach(`axe violations on ${new URL(page.url()).pathname}`, {
      body: JSON.stringify(violations, null, 2),
      contentType: 'application/json',
    })
  }
  const title = await page.title()
  expect(violations.map(describeViolation), `Accessibility violations on ${page.url()} ("${title}")`).toEqual([])
}

export const test = base.extend<{ expectAccessible: ExpectAccessible }, { demoAccounts: DemoAccounts }>({
  expectAccessible: async ({ browser, javaScriptEnabled }, use, testInfo) => {
    await use(async (page) => {
      const results = javaScriptEnabled === false ? await analyseWithoutJavaScript(browser, page) : await analyse(page)
      await checkAccessible(page, results, testInfo)
    })
  },
  /** The demonstration accounts and their shared password, read once per worker from the sign-in page. */
  demoAccounts: [
    async ({ browser }, use, workerInfo) => {
      const context = await browser.newContext({ baseURL: workerInfo.project.use.baseURL })
      const page = await context.newPage()
      const accounts = await readDemoAccounts(page)
      await context.close()
      await use(accounts)
    },
    { scope: 'worker' },
  ],
})

export { expect }
