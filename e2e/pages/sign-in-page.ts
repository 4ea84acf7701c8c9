import { expect, type Locator, type Page } from '@playwright/test'

export interface DemoAccount {
  role: string
  email: string
}

export interface DemoAccounts {
  password: string
  accounts: DemoAccount[]
  /** The email address of the account listed for a role, e.g. "Social worker". */
  emailFor(role: string): string
}

/** The sign-in page, which is also where anyone who is not signed in is sent. */
export class SignInPage {
  readonly heading: Locator
  readonly email: Locator
  readonly password: Locator
  readonly signInButton: Locator
  readonly errorSummary: Locator
  readonly notification: Locator
  readonly demoHeading: Locator
  readonly demoPassword: Locator
  readonly demoAccountsTable: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Sign in to Harbour' })
    this.email = page.getByRole('textbox', { name: 'Email address' })
    this.password = page.getByLabel('Password', { exact: true })
    this.signInButton = page.getByRole('button', { name: 'Sign in', exact: true })
    this.errorSummary = page.locator('.govuk-error-summary')
    this.notification = page.locator('.govuk-notification-banner')
    this.demoHeading = page.getByRole('heading', { level: 2, name: 'Demonstration accounts' })
    this.demoPassword = page.locator('h2:text-is("Demonstration accounts") + p code')
    this.demoAccountsTable = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Role' }) })
  }

  async goto(): Promise<void> {
    await this.page.goto('/sign-in')
    await expect(this.heading).toBeVisible()
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.email.fill(email)
    await this.password.fill(password)
    await this.signInButton.click()
  }
}

/** Reads the demonstration accounts listed on the sign-in page, so the tests never hard-code them. */
export async function readDemoAccounts(page: Page): Promise<DemoAccounts> {
  const signInPage = new SignInPage(page)
  await signInPage.goto()
  await expect(signInPage.demoHeading, 'the sign-in page lists the demonstration accounts').toBeVisible()
  const password = (await signInPage.demoPassword.textContent())?.trim() ?? ''
  expect(password, 'the demonstration password is shown').not.toBe('')
  await expect(signInPage.demoAccountsTable.getByRole('columnheader', { name: 'Email address' })).toBeVisible()
  const accounts: DemoAccount[] = []
  for (const row of await signInPage.demoAccountsTable.locator('tbody tr').all()) {
    const [role, email] = (await row.locator('th, td').allTextContents()).map((text) => text.trim())
    if (role !== undefined && email !== undefined) accounts.push({ role, email })
  }
  return {
    password,
    accounts,
    emailFor(role) {
      const account = accounts.find((candidate) => candidate.role === role)
      if (account === undefined)
        throw new Error(`No demonstration account for "${role}": found ${accounts.map((a) => a.role).join(', ')}`)
      return account.email
    },
  }
}
