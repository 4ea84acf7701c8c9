import type { Locator, Page } from '@playwright/test'
import { GovukForm } from './govuk-form.js'

/** What the test types into "Add a child". Choices are the labels the user sees. */
export interface NewChild {
  firstName: string
  lastName: string
  /** ISO date */
  dateOfBirth: string
  sex: 'Female' | 'Male' | 'Not known'
  /** The ethnicity as the select shows it, e.g. "White British (WBRI)". */
  ethnicity: string
  /** Why the UPN is not known, as the radio's label. */
  upnUnknownReason: string
  homePostcode: string
  languages: string
}

/**
 * "Add a child": the details form, then (only when Harbour finds a possible duplicate) "This child may
 * already have a record", then "Check the child's details before adding them".
 */
export class AddChildPage {
  readonly form: GovukForm
  readonly heading: Locator
  readonly duplicatesHeading: Locator
  readonly checkHeading: Locator
  readonly checkAnswers: Locator

  constructor(readonly page: Page) {
    this.form = new GovukForm(page)
    this.heading = page.getByRole('heading', { level: 1, name: 'Add a child', exact: true })
    this.duplicatesHeading = page.getByRole('heading', { level: 1, name: 'This child may already have a record' })
    this.checkHeading = page.getByRole('heading', {
      level: 1,
      name: 'Check the child’s details before adding them',
    })
    this.checkAnswers = page.getByRole('main').locator('.govuk-summary-list')
  }

  async fillDetails(child: NewChild): Promise<void> {
    const form = this.form
    await form.fill('First name', child.firstName)
    await form.fill('Last name', child.lastName)
    await form.choose('Has the child been born?', 'Yes')
    await form.fillDate('Date of birth', child.dateOfBirth)
    await form.choose('Sex', child.sex)
    await form.select('Ethnicity', child.ethnicity)
    await form.choose('Do you know the child’s unique pupil number (UPN)?', 'No')
    await form.choose('Why is the UPN not known?', child.upnUnknownReason)
    await form.choose('Is the child an unaccompanied asylum-seeking child?', 'No')
    await form.fill('Home postcode (optional)', child.homePostcode)
    await form.fill('Languages (optional)', child.languages)
  }

  async continue(): Promise<void> {
    await this.form.submit('Continue')
  }

  /** On the duplicate check: the user has looked at the possible matches and says this is someone else. */
  async continueAsDifferentChild(): Promise<void> {
    await this.form.submit('This is a different child — continue')
  }

  async addTheChild(): Promise<void> {
    await this.form.submit('Add the child')
  }

  answer(key: string): Locator {
    return this.checkAnswers
      .locator('.govuk-summary-list__row')
      .filter({ has: this.page.locator('dt', { hasText: key }) })
      .locator('dd')
  }
}
