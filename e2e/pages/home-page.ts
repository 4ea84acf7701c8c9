import type { Locator, Page } from '@playwright/test'
import { Header } from './header.js'

/** The home page, which differs by role: caseloads for practitioners, figures for councillors. */
export class HomePage {
  readonly header: Header
  readonly heading: Locator
  readonly roleAndCouncil: Locator
  readonly main: Locator

  constructor(readonly page: Page) {
    this.header = new Header(page)
    this.main = page.getByRole('main')
    this.heading = this.main.getByRole('heading', { level: 1 })
    this.roleAndCouncil = this.main.locator('h1 + p')
  }

  async goto(): Promise<void> {
    await this.page.goto('/')
  }

  sectionHeading(name: string): Locator {
    return this.main.getByRole('heading', { level: 2, name, exact: true })
  }

  /** A table of children, found by its caption ("Your children", "Your young people"). */
  childrenTable(caption: string): Locator {
    return this.main.getByRole('table', { name: caption, exact: true })
  }

  /** Every link on the page into a child's record or the child search. */
  childLinks(): Locator {
    return this.page.locator('a[href^="/children"]')
  }
}
