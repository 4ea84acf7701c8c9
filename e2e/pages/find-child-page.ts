import type { Locator, Page } from '@playwright/test'

/** "Find a child": search by name, Child ID or postcode, optionally with a date of birth. */
export class FindChildPage {
  readonly heading: Locator
  readonly query: Locator
  readonly searchButton: Locator
  readonly resultsHeading: Locator
  readonly results: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Find a child' })
    this.query = page.getByRole('textbox', { name: 'Name, child ID or postcode' })
    this.searchButton = page.getByRole('button', { name: 'Search', exact: true })
    this.resultsHeading = page.getByRole('heading', { level: 2, name: /found$/ })
    this.results = page.getByRole('table', { name: 'Search results' })
  }

  async search(text: string): Promise<void> {
    await this.query.fill(text)
    await this.searchButton.click()
  }

  resultLink(name: string): Locator {
    return this.results.getByRole('link', { name, exact: true })
  }

  /** The link to "Add a child", shown to users who may add one. */
  addChildLink(): Locator {
    return this.page.getByRole('main').getByRole('link', { name: 'Add a child', exact: true })
  }
}
