import { expect, test } from './fixtures.js'
import { FiguresPage } from './pages/figures-page.js'
import { Header } from './pages/header.js'
import { SignInPage } from './pages/sign-in-page.js'

/**
 * The figures dashboards: a performance officer opens the summary from the menu, every service area,
 * one indicator, and follows a figure to the children behind it and on to a child's record. Axe runs
 * on every page; the charts are server-rendered SVG with a title and description.
 */
const AREAS = [
  'Front door',
  'Children in need',
  'Child protection',
  'Looked-after children',
  'Care leavers',
  'Statutory visits',
]

test('a performance officer reads the dashboards and follows a figure to a child', async ({
  page,
  demoAccounts,
  expectAccessible,
}) => {
  test.setTimeout(180_000)
  const signIn = new SignInPage(page)
  await signIn.goto()
  await signIn.signIn(demoAccounts.emailFor('Performance officer'), demoAccounts.password)
  await expect(page).toHaveURL('/')

  // The summary, from the menu
  await new Header(page).navigationLink('Figures').click()
  const figures = new FiguresPage(page)
  await expect(figures.heading).toHaveText('Figures')
  await expect(figures.main.getByRole('table').first()).toBeVisible()
  await expectAccessible(page)

  // Each service area
  for (const area of AREAS) {
    await figures.main.getByRole('heading', { level: 2, name: area }).getByRole('link').click()
    await expect(figures.heading).toHaveText(area)
    await expect(figures.main.locator('figure svg').first()).toBeVisible()
    await expectAccessible(page)
    await page.goto('/figures')
  }

  // One indicator, chosen for an earlier month with the period chooser
  await page.goto('/figures/looked_after')
  await figures.main.locator('section h2 a').first().click()
  await expect(figures.heading).toBeVisible()
  const month = await page.getByLabel('Month ending').locator('option').nth(1).textContent()
  await figures.chooseMonth(month?.trim() ?? '')
  await expect(page).toHaveURL(/period_end=/)
  await expect(page.locator('#breakdown-age_band')).toContainText('Total')
  await expectAccessible(page)

  // The children behind the figure, then one child's record
  await figures.drillLink().click()
  await expect(figures.heading).toHaveText('Children counted in the figure')
  await expectAccessible(page)
  const child = figures.childrenTable().getByRole('link').first()
  await expect(child).toBeVisible()
  await child.click()
  await expect(page).toHaveURL(/\/children\/\d+$/)
})

test('a councillor sees figures marked for committee, with no child listed', async ({
  page,
  demoAccounts,
  expectAccessible,
}) => {
  const signIn = new SignInPage(page)
  await signIn.goto()
  await signIn.signIn(demoAccounts.emailFor('Councillor'), demoAccounts.password)
  await page.goto('/figures/care_leavers')
  const figures = new FiguresPage(page)
  await expect(figures.heading).toHaveText('Care leavers')
  await expect(figures.main).toContainText('Marked for committee')
  await expect(figures.main.getByRole('link', { name: /See the children counted/ })).toHaveCount(0)
  await expectAccessible(page)
})
