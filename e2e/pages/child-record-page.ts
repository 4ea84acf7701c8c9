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

  detail(key: string): Locator {
    return this.details
      .locator('.govuk-summary-list__row')
      .filter({ has: this.page.locator('dt', { hasText: key }) })
      .locator('dd')
  }
}
