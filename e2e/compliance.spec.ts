import type { Browser, Page } from '@playwright/test'
import { expect, test, type ExpectAccessible } from './fixtures.js'
import { Header } from './pages/header.js'
import { SignInPage, type DemoAccounts } from './pages/sign-in-page.js'
import { ConfirmVisitPage, VisitsPage } from './pages/visits-page.js'

/**
 * The statutory clock: the head of service sets a strict child protection visit standard (so a visit
 * is certainly overdue on the synthetic council), records why a visit is late, acknowledges and
 * answers the escalation, records the visit; a young person confirms one visit and denies another on
 * a phone. Axe runs on every page visited.
 */
const PHONE = { width: 390, height: 844 }

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date())
}

function tomorrow(): string {
  const date = new Date(`${today()}T12:00:00Z`)
  date.setUTCDate(date.getUTCDate() + 1)
  return date.toISOString().slice(0, 10)
}

async function signInAs(page: Page, demo: DemoAccounts, role: string): Promise<void> {
  const signIn = new SignInPage(page)
  await signIn.goto()
  await signIn.signIn(demo.emailFor(role), demo.password)
  await expect(page).toHaveURL('/')
}

/** A phone: a new browser context at 390 by 844, as a young person would open the link. */
async function onAPhone(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({
    ...(baseURL === undefined ? {} : { baseURL }),
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    timezoneId: 'Europe/London',
    locale: 'en-GB',
  })
  return { context, page: await context.newPage() }
}

async function youngPersonAnswers(
  browser: Browser,
  baseURL: string | undefined,
  code: string,
  answer: 'Yes, they visited me' | 'No, they did not visit me',
  expectAccessible: ExpectAccessible,
) {
  const { context, page } = await onAPhone(browser, baseURL)
  try {
    const confirm = new ConfirmVisitPage(page)
    await confirm.goto()
    expect(await confirm.fitsTheScreen()).toBe(true)
    await expectAccessible(page)
    await confirm.enterCode(code)
    await expect(confirm.heading).toContainText('Did your worker visit you on')
    await expect(page.getByRole('main')).not.toContainText('Child ID')
    expect(await confirm.fitsTheScreen()).toBe(true)
    await expectAccessible(page)
    if (answer === 'Yes, they visited me') await confirm.answer(answer, '5 – very good', 'They listened to me.')
    else await confirm.answer(answer)
    await expect(confirm.thanks).toContainText('Thank you')
    expect(await confirm.fitsTheScreen()).toBe(true)
    await expectAccessible(page)
  } finally {
    await context.close()
  }
}

test('a head of service sets a local standard, explains a late visit, answers the escalation and records the visit', async ({
  page,
  demoAccounts,
  expectAccessible,
}) => {
  await signInAs(page, demoAccounts, 'Head of service')

  // Given the council's child protection visit standard is 1 working day, from 2020
  await page.goto('/settings/timescales')
  await expectAccessible(page)
  await page.getByRole('link', { name: /^Change Statutory visit to child on CP plan/ }).click()
  const settings = new VisitsPage(page).form
  await expectAccessible(page)
  await settings.choose('Should Harbour track this timescale for the council?', 'Yes')
  await settings.fill('Every (or within)', '1')
  await settings.choose('Unit', 'Working days')
  await settings.fillDate('Applies from', '2020-01-01')
  await settings.fill('Why is it changing?', 'Browser test: every child protection visit is overdue')
  await settings.submit('Save standard')
  await expect(page.locator('.govuk-notification-banner--success')).toContainText(
    'The council’s standard has been changed',
  )
  await expectAccessible(page)

  // When they open the service tray and pick a child whose child protection visit is overdue
  await new Header(page).navigationLink('Work tray').click()
  await expectAccessible(page)
  await page.goto('/work/service?family=cp_visit&status=overdue')
  await expectAccessible(page)
  const overdue = page.getByRole('table', { name: /^Overdue:/ })
  const child = overdue.getByRole('link').first()
  await expect(child).toBeVisible()
  const childName = (await child.textContent())?.trim() ?? ''
  await child.click()
  const visits = new VisitsPage(page)
  await expect(visits.heading).toBeVisible()
  await expect(page.getByText(childName).first()).toBeVisible()
  await expect(visits.due).toContainText('Child protection visit')
  await expect(visits.due).toContainText('1 working day (this council’s standard)')
  await expectAccessible(page)

  // Then they record why it is late and when it is now planned
  await visits.recordWhyLink().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Record why a visit is late' })).toBeVisible()
  await expectAccessible(page)
  await visits.form.button('Save reason').click()
  await expect(visits.form.errorSummary).toContainText('Select why the visit has not happened')
  await expectAccessible(page)
  await visits.form.choose('Why has the visit not happened?', 'Child refused to be seen')
  await visits.form.fillDate('When is the visit now planned for?', tomorrow())
  await visits.form.submit('Save reason')
  await expect(visits.notification).toContainText('The reason has been recorded')
  await expect(visits.due).toContainText('Child refused to be seen')
  await expectAccessible(page)

  // And acknowledge the escalation to the head of service, then record a response
  const escalation = visits.escalation(/^Step \d+: Head of service/).first()
  await expect(escalation).toBeVisible()
  await escalation.getByRole('button', { name: /^Acknowledge/ }).click()
  await expect(visits.notification).toContainText('The escalation has been acknowledged')
  await expectAccessible(page)
  const acknowledged = visits
    .escalation(/^Step \d+: Head of service/)
    .filter({ has: page.getByLabel('Your response') })
    .first()
  await acknowledged.getByLabel('Your response').fill('Strategy discussion held; police welfare check arranged.')
  await acknowledged.getByRole('button', { name: 'Record response' }).click()
  await expect(visits.notification).toContainText('Your response has been recorded')
  await expectAccessible(page)

  // And record the visit: the child was seen, alone, bedroom seen
  await page.getByRole('button', { name: 'Record a visit' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Record a visit' })).toBeVisible()
  await expectAccessible(page)
  await visits.form.fillDate('Date of the visit', today())
  await visits.form.choose('Type of visit', 'Child protection visit')
  await visits.form.choose('Was the child seen?', 'Yes')
  await visits.form.choose('Was the child seen alone?', 'Yes')
  await visits.form.choose('Was the child’s bedroom seen?', 'Yes')
  await visits.form.choose('Who visited?', 'I did')
  await visits.form.submit('Save visit')
  await expect(visits.notification).toContainText('The visit has been recorded')
  await expect(visits.visits.locator('tbody tr').first()).toContainText('Child protection visit')
  await expectAccessible(page)
})

test('a young person confirms one visit and denies another on a phone; the denial reaches the managers', async ({
  page,
  browser,
  baseURL,
  demoAccounts,
  expectAccessible,
}) => {
  await signInAs(page, demoAccounts, 'Head of service')
  // Find a young person (11 or over) with a visit they were seen at: looked-after children's visits.
  await page.goto('/work/service?family=looked_after_visit')
  const links = await page
    .getByRole('main')
    .locator('tbody a[href$="/visits"]')
    .evaluateAll((anchors) => [...new Set(anchors.map((anchor) => anchor.getAttribute('href') ?? ''))].slice(0, 40))
  const visits = new VisitsPage(page)
  let found = false
  for (const href of links) {
    await page.goto(href)
    if ((await visits.askToConfirmLinks().count()) >= 2) {
      found = true
      break
    }
  }
  expect(found, 'a young person with two visits to confirm').toBe(true)
  await expectAccessible(page)
  const recordUrl = page.url()

  for (const answer of ['Yes, they visited me', 'No, they did not visit me'] as const) {
    // The worker asks the young person to confirm (the demonstration shows the message it sent)
    await visits.askToConfirmLinks().first().click()
    await expect(page.getByRole('heading', { level: 1, name: 'Ask the young person to confirm a visit' })).toBeVisible()
    await expectAccessible(page)
    await visits.form.choose('How should the code be sent?', 'Text message')
    await visits.form.fill('Mobile number', '07700 900982')
    await visits.form.submit('Send the code')
    await expect(visits.notification).toContainText('A confirmation code has been sent')
    const code = await visits.sentCode()
    await expectAccessible(page)

    // The young person answers on their phone
    await youngPersonAnswers(browser, baseURL, code, answer, expectAccessible)

    // Their answer sits beside the worker's record of the visit
    await page.goto(recordUrl)
    await expect(visits.visits).toContainText(
      answer === 'Yes, they visited me'
        ? 'Young person confirmed it happened (rated 5 out of 5)'
        : 'Young person said it did not happen',
    )
    await expectAccessible(page)
  }

  // The denial is on the managers' tray
  await page.goto('/work/team')
  await expect(page.getByRole('table', { name: 'Visits a young person said did not happen' })).toBeVisible()
  await expectAccessible(page)
})

test('visit timeliness shows the period by team', async ({ page, demoAccounts, expectAccessible }) => {
  await signInAs(page, demoAccounts, 'Head of service')
  await page.goto('/work/timeliness')
  await expect(page.getByRole('heading', { level: 1, name: 'Visit timeliness' })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Statutory visits due in the period, by team' })).toContainText('Total')
  await expectAccessible(page)
  await page.goto('/timescales')
  await expect(page.locator('#wt\\.icpc')).toContainText('15 working days')
  await expectAccessible(page)
})
