import type { Locator, Page } from '@playwright/test'

/** The figures dashboards: the summary, a service area, an indicator, and the children behind a figure. */
export class FiguresPage {
  readonly heading: Locator
  readonly main: Locator
  readonly serviceAreas: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.main = page.getByRole('main')
    this.serviceAreas = page.getByRole('navigation', { name: 'Service areas' })
  }

  /** The chart of an indicator, found by its accessible name (the SVG's title and description). */
  chart(indicatorName: string): Locator {
    return this.main.getByRole('img', { name: new RegExp(`^${indicatorName}: monthly trend`) })
  }

  drillLink(): Locator {
    return this.main.getByRole('link', { name: /^See the children counted/ }).first()
  }

  childrenTable(): Locator {
    return this.page.locator('#children')
  }

  async chooseMonth(label: string): Promise<void> {
    await this.page.getByLabel('Month ending').selectOption({ label })
    await this.page.getByRole('button', { name: 'Show this month' }).click()
  }
}
