import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { GovukForm } from './pages/govuk-form.js'
import { SignInPage, type DemoAccounts } from './pages/sign-in-page.js'

/**
 * A personal adviser's day on the synthetic council: sees the overdue contacts on their caseload,
 * opens a young person, records a contact, records that they are now in custody (unsuitable), and
 * tries to add a pathway plan goal without a date, which is refused with a message saying what to
 * add. Axe runs on every page visited.
 */

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date())
}

async function signInAs(page: Page, demo: DemoAccounts, role: string): Promise<void> {
  const signIn = new SignInPage(page)
  await signIn.goto()
  await signIn.signIn(demo.emailFor(role), demo.password)
  await expect(page).toHaveURL('/')
}

test('a personal adviser sees overdue contacts, records a contact and custody, and a goal without a date is refused', async ({
  page,
  demoAccounts,
  expectAccessible,
}) => {
  await signInAs(page, demoAccounts, 'Personal adviser')

  // Given the personal adviser opens their caseload
  await page.getByRole('navigation').getByRole('link', { name: 'Care leavers', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your care leavers')
  await expectAccessible(page)

  // Then young people whose contact is overdue are flagged, in words
  const overdue = page.getByRole('row').filter({ hasText: 'Contact overdue' })
  expect(await overdue.count()).toBeGreaterThan(0)

  // When they open one of them and record a contact
  const youngPerson = overdue.first().getByRole('link').first()
  await youngPerson.click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Care leaver')
  await expectAccessible(page)
  const record = page.url()
  await page.getByRole('link', { name: 'Record a contact', exact: true }).click()
  const form = new GovukForm(page)
  await expectAccessible(page)
  await form.fillDate('Date of the contact', today())
  await form.choose('How did you get in touch?', 'Phone call')
  await form.choose('Were you in touch with them?', 'Yes, in touch')
  await form.submit('Save contact')
  await expect(page.locator('.govuk-notification-banner')).toContainText('Contact recorded')
  await expect(page.getByRole('table', { name: 'Keeping-in-touch contacts, latest first' })).toContainText('Phone call')

  // And record that they are now in custody, which is not suitable
  await page.getByRole('link', { name: 'Record where they live now', exact: true }).click()
  await expectAccessible(page)
  await form.fillDate('Date they moved in', today())
  await form.select('Kind of accommodation', 'In custody (Code X)')
  await form.choose('In your judgement, is it suitable?', 'No')
  await form.choose('If it is not suitable, why not?', 'In custody')
  await form.choose('What do they think of it?', 'Not asked')
  await form.submit('Save accommodation')
  await expect(page.locator('.govuk-notification-banner')).toContainText('Accommodation recorded')
  await expect(page.getByRole('table', { name: 'Where they have lived, latest first' })).toContainText(
    'Not suitable: In custody',
  )
  await expectAccessible(page)

  // When they try to add a pathway plan goal without a date
  if ((await page.getByRole('link', { name: 'Add a goal', exact: true }).count()) === 0) {
    await page.getByRole('link', { name: 'Record a new pathway plan', exact: true }).click()
    await form.fillDate('Date of the plan', today())
    await form.submit('Save plan')
  }
  await page.getByRole('link', { name: 'Add a goal', exact: true }).click()
  await form.choose('Which part of their life is it about?', 'Education, employment or training')
  await form.fill('What is the goal?', 'Start a college course')
  await form.fill('Who will help?', 'Personal adviser and careers adviser')
  await form.fill('How will we know it has been achieved?', 'They are enrolled at college')
  await form.button('Add goal').click()

  // Then it is refused, saying what to add, and they are still on the form
  await expect(form.errorSummary).toContainText('Add the date by when this goal should be achieved')
  await expect(page.getByRole('group', { name: 'By when?' })).toContainText('Add the date by when')
  await expectAccessible(page)

  // And with a date it is saved
  await form.fillDate('By when?', `${Number(today().slice(0, 4)) + 1}-09-01`)
  await form.submit('Add goal')
  await expect(page.locator('.govuk-notification-banner')).toContainText('Goal added to the pathway plan')
  expect(page.url()).toContain(record)
})
