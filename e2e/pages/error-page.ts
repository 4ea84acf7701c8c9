import type { Locator, Page } from '@playwright/test'

/** The one error page (403, 404, 500 and friends), rendered by src/web/error-handler.ts. */
export class ErrorPage {
  readonly heading: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('main').getByRole('heading', { level: 1 })
  }
}
