import type { Locator, Page } from '@playwright/test'

/**
 * A child's record. Every section shares the child's header (name, Child ID, date of birth) and the
 * record's sub-navigation; the summary section shows the core details in a summary list.
 */
export class ChildRecordPage {
  readonly childHeader: Locator
  readonly childId: Locator
  readonly sections: Locator
  readonly heading: Locator
  readonly details: Locator
  readonly allocatedWorkers: Locator

  constructor(readonly page: Page) {
    this.childHeader = page.locator('.harbour-child-header')
    this.childId = this.childHeader.locator('.govuk-caption-m')
    this.sections = page.getByRole('navigation', { name: 'Sections of this record' })
    this.heading = page.getByRole('main').getByRole('heading', { level: 1 })
    this.details = page.locator('.govuk-summary-list')
    this.allocatedWorkers = page.getByRole('heading', { level: 2, name: 'Allocated workers' })
  }

  /** A link in the record's sub-navigation, e.g. "Contacts and referrals". */
  section(label: string): Locator {
    return this.sections.getByRole('link', { name: label, exact: true })
  }

  async openSection(label: string): Promise<void> {
    await this.section(label).click()
  }

  /** The child's ID as the header shows it ("Child ID H0001234 · born …"). */
  async readChildId(): Promise<string> {
    const caption = (await this.childId.textContent()) ?? ''
    const match = /Child ID\s+(\S+)/.exec(caption)
    if (match?.[1] === undefined) throw new Error(`No child ID in the header: "${caption}"`)
    return match[1]
  }

  /** The success banner shown after something is saved. */
  notification(): Locator {
    return this.page.locator('.govuk-notification-banner--success')
  }

  detail(key: string): Locator {
    return this.details
      .locator('.govuk-summary-list__row')
      .filter({ has: this.page.locator('dt', { hasText: key }) })
      .locator('dd')
  }
}
