import { expect, type Locator, type Page } from '@playwright/test'
import { GovukForm } from './govuk-form.js'

/**
 * A child's "Visits and timescales" section: what is due and why, escalations, visits with the young
 * person's own confirmation beside them, and missed visits with their reasons.
 */
export class VisitsPage {
  readonly form: GovukForm
  readonly main: Locator
  readonly heading: Locator
  readonly due: Locator
  readonly visits: Locator
  readonly missedVisits: Locator
  readonly notification: Locator
  readonly demoMessage: Locator

  constructor(readonly page: Page) {
    this.form = new GovukForm(page)
    this.main = page.getByRole('main')
    this.heading = this.main.getByRole('heading', { level: 1, name: 'Visits and timescales' })
    this.due = this.main.getByRole('table', { name: 'What is due for this child, and why' })
    this.visits = this.main.getByRole('table', { name: /^Visits, newest first/ })
    this.missedVisits = this.main.getByRole('table', { name: 'Visits that did not happen on time, and why' })
    this.notification = page.locator('.govuk-notification-banner--success')
    this.demoMessage = this.main.locator('[data-demo-message]')
  }

  async goto(childId: number | string): Promise<void> {
    await this.page.goto(`/children/${childId}/visits`)
    await expect(this.heading).toBeVisible()
  }

  /** "Record why" beside the first overdue visit with no reason yet. */
  recordWhyLink(): Locator {
    return this.due.getByRole('link', { name: /^Record why/ }).first()
  }

  askToConfirmLinks(): Locator {
    return this.visits.getByRole('link', { name: /^Ask the young person to confirm/ })
  }

  /** An escalation's card, by its step ("Step 2: Head of service"). */
  escalation(step: RegExp): Locator {
    return this.main
      .locator('.govuk-summary-card')
      .filter({ has: this.page.getByRole('heading', { level: 3, name: step }) })
  }

  /** The code in the message the demonstration shows in place of sending a text. */
  async sentCode(): Promise<string> {
    const text = (await this.demoMessage.textContent()) ?? ''
    const code = /code ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(text)?.[1]
    expect(code, `a confirmation code in "${text}"`).toBeDefined()
    return code as string
  }
}

/** The public page a young person opens on their phone: the code, then the question. */
export class ConfirmVisitPage {
  readonly form: GovukForm
  readonly heading: Locator
  readonly code: Locator
  readonly thanks: Locator

  constructor(readonly page: Page) {
    this.form = new GovukForm(page)
    this.heading = page.getByRole('main').getByRole('heading', { level: 1 })
    this.code = page.getByRole('textbox', { name: 'Your code' })
    this.thanks = page.locator('.govuk-panel')
  }

  async goto(): Promise<void> {
    await this.page.goto('/confirm')
    await expect(this.heading).toHaveText('Confirm a visit')
  }

  async enterCode(code: string): Promise<void> {
    await this.code.fill(code)
    await this.form.submit('Continue')
  }

  async answer(
    answer: 'Yes, they visited me' | 'No, they did not visit me',
    rating?: string,
    comment?: string,
  ): Promise<void> {
    await this.page.getByRole('radio', { name: answer, exact: true }).check()
    if (rating !== undefined) await this.form.choose('How was the visit? (optional)', rating)
    if (comment !== undefined) await this.form.fill('Anything you want to tell us (optional)', comment)
    await this.form.submit('Send my answer')
  }

  /** True when nothing on the page is wider than the screen. */
  async fitsTheScreen(): Promise<boolean> {
    return (await this.page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')) === true
  }
}
