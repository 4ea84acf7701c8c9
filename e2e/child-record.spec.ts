import { expect, test } from './fixtures.js'
import { ChildRecordPage } from './pages/child-record-page.js'
import { ErrorPage } from './pages/error-page.js'
import { FindChildPage } from './pages/find-child-page.js'
import { Header } from './pages/header.js'
import { HomePage } from './pages/home-page.js'
import { SignInPage } from './pages/sign-in-page.js'

test('a social worker opens a child’s record and finds the child again by surname', async ({
  page,
  demoAccounts,
  expectAccessible,
}) => {
  // Given a social worker signed in, with children allocated to them
  const signInPage = new SignInPage(page)
  await signInPage.goto()
  await signInPage.signIn(demoAccounts.emailFor('Social worker'), demoAccounts.password)
  const home = new HomePage(page)
  const firstChild = home.childrenTable('Your children').getByRole('link').first()
  await expect(firstChild).toBeVisible()
  const childName = (await firstChild.textContent())?.trim() ?? ''
  const childHref = (await firstChild.getAttribute('href')) ?? ''

  // When they open the first child in "Your children"
  await firstChild.click()

  // Then they see that child's record
  const record = new ChildRecordPage(page)
  await expect(page).toHaveURL(childHref)
  await expect(record.childHeader).toContainText(childName)
  expect(await page.title()).toContain(childName)
  await expect(record.childId).toContainText('Child ID')
  await expect(record.heading).toHaveText('Summary')
  await expect(record.sections.locator('[aria-current="page"]')).toHaveText('Summary')
  await expect(record.detail('Date of birth')).not.toBeEmpty()
  await expect(record.allocatedWorkers).toBeVisible()
  await expectAccessible(page)

  // When they use "Find a child" to search for the child's surname
  await new Header(page).navigationLink('Find a child').click()
  const find = new FindChildPage(page)
  await expect(find.heading).toBeVisible()
  await expect(find.resultsHeading).toHaveCount(0)
  await expectAccessible(page)
  // The last word of the name is always part of the surname, even for two-word first names.
  const surname = childName.split(/\s+/).at(-1) ?? ''
  await find.search(surname)

  // Then the child is among the results, linked to the same record
  await expect(page).toHaveURL(/\/children\?q=/)
  await expect(find.resultsHeading).toBeVisible()
  await expect(find.query).toHaveValue(surname)
  await expect(find.resultLink(childName).first()).toHaveAttribute('href', childHref)
  await expectAccessible(page)
})

test('a councillor who opens /children directly is refused but stays signed in', async ({
  page,
  demoAccounts,
  expectAccessible,
}) => {
  const signInPage = new SignInPage(page)
  await signInPage.goto()
  await signInPage.signIn(demoAccounts.emailFor('Councillor'), demoAccounts.password)
  await expect(page).toHaveURL('/')

  const response = await page.goto('/children')
  expect(response?.status()).toBe(403)
  await expect(new ErrorPage(page).heading).toHaveText('You do not have permission to see this page')
  // A 403 never signs the user out.
  await expect(new Header(page).signOutButton).toBeVisible()
  await expectAccessible(page)
})
