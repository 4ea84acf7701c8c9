import type { Page } from '@playwright/test'
import { expect, test, type ExpectAccessible } from './fixtures.js'
import { HomePage } from './pages/home-page.js'
import { SignInPage, type DemoAccounts } from './pages/sign-in-page.js'

/** What each role's home page must show, and whether the role may open children's records at all. */
interface RoleHome {
  role: string
  headings: string[]
  childrenTable?: string
  opensChildren: boolean
}

const ROLE_HOMES: RoleHome[] = [
  { role: 'Social worker', headings: [], childrenTable: 'Your children', opensChildren: true },
  { role: 'Personal adviser', headings: [], opensChildren: true },
  { role: 'Team manager', headings: ['Your team’s caseloads'], opensChildren: true },
  { role: 'Independent reviewing officer', headings: [], opensChildren: true },
  { role: 'Head of service', headings: ['The service today', 'Caseloads'], opensChildren: true },
  { role: 'Performance officer', headings: ['Data at a glance'], opensChildren: true },
  { role: 'Councillor', headings: ['Figures for scrutiny'], opensChildren: false },
  { role: 'Administrator', headings: ['Administration'], opensChildren: false },
]

/** Opens Harbour signed out, follows the redirect to sign-in and signs in; leaves the browser on the home page. */
async function signInFromHome(page: Page, demo: DemoAccounts, role: string, expectAccessible: ExpectAccessible) {
  // Given a visitor who is not signed in
  await page.goto('/')
  // Then Harbour sends them to sign in, remembering where they were going
  await expect(page).toHaveURL(/\/sign-in\?returnTo=%2F$/)
  const signInPage = new SignInPage(page)
  await expect(signInPage.heading).toBeVisible()
  await expect(page).toHaveTitle('Sign in – Harbour')
  await expectAccessible(page)
  // When they sign in with their role's demonstration account
  await signInPage.signIn(demo.emailFor(role), demo.password)
  // Then they land on their home page
  await expect(page).toHaveURL('/')
  return new HomePage(page)
}

test('the sign-in page lists one demonstration account per role', async ({ demoAccounts }) => {
  expect(demoAccounts.accounts.map((account) => account.role).sort()).toEqual(
    ROLE_HOMES.map((home) => home.role).sort(),
  )
  for (const account of demoAccounts.accounts) expect(account.email).toMatch(/^[^@\s]+@[^@\s]+\.[^@\s]+$/)
})

for (const expected of ROLE_HOMES) {
  test(`${expected.role}: signs in, sees their home page and signs out`, async ({
    page,
    demoAccounts,
    expectAccessible,
  }) => {
    const home = await signInFromHome(page, demoAccounts, expected.role, expectAccessible)

    const name = (await home.heading.textContent())?.trim() ?? ''
    expect(name, 'the home page heading is the user’s name').not.toBe('')
    await expect(home.header.signedInAs).toContainText(`${name} (${expected.role})`)
    await expect(home.roleAndCouncil).toContainText(expected.role)
    for (const heading of expected.headings) await expect(home.sectionHeading(heading)).toBeVisible()
    if (expected.childrenTable !== undefined) {
      const table = home.childrenTable(expected.childrenTable)
      await expect(table).toBeVisible()
      await expect(table.getByRole('link').first()).toHaveAttribute('href', /^\/children\/\d+$/)
    }
    if (expected.opensChildren) {
      await expect(home.header.navigationLink('Find a child')).toBeVisible()
    } else {
      // Councillors see figures only; administrators manage users. Neither may open a child's record.
      await expect(home.childLinks()).toHaveCount(0)
    }
    if (expected.role === 'Administrator')
      await expect(home.main.getByRole('link', { name: 'Users and roles' })).toBeVisible()
    await expectAccessible(page)

    // When they sign out from the header
    await home.header.signOut()
    // Then they are back at sign-in, told they have signed out, and no longer signed in
    const signInPage = new SignInPage(page)
    await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/)
    await expect(signInPage.notification).toContainText('You have signed out')
    await expect(home.header.signOutButton).toHaveCount(0)
    await expectAccessible(page)
    await page.goto('/')
    await expect(page).toHaveURL(/\/sign-in\?returnTo=%2F$/)
  })
}

test('a wrong password is refused with the error summary', async ({ page, demoAccounts, expectAccessible }) => {
  const signInPage = new SignInPage(page)
  await signInPage.goto()
  await signInPage.signIn(demoAccounts.emailFor('Head of service'), `not-${demoAccounts.password}`)
  await expect(page).toHaveTitle(/^Error: Sign in – Harbour$/)
  await expect(signInPage.errorSummary).toContainText('There is a problem')
  await expect(
    signInPage.errorSummary.getByRole('link', { name: 'Enter a correct email address and password' }),
  ).toBeVisible()
  await expect(signInPage.email).toHaveValue(demoAccounts.emailFor('Head of service'))
  await expect(signInPage.password).toHaveValue('')
  await expectAccessible(page)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('a social worker signs in and out', async ({ page, demoAccounts, expectAccessible }) => {
    const home = await signInFromHome(page, demoAccounts, 'Social worker', expectAccessible)
    await expect(home.childrenTable('Your children')).toBeVisible()
    await expectAccessible(page)
    await home.header.signOut()
    await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/)
    await expect(new SignInPage(page).notification).toContainText('You have signed out')
    await expectAccessible(page)
  })
})
