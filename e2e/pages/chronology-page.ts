import type { Locator, Page } from '@playwright/test'

/** One line of the chronology as the table shows it. */
export interface ChronologyLine {
  /** "7 March 2026" */
  date: string
  /** "14:05", when the record has a time */
  time: string | null
  type: string
  /** What happened, without the link under it. */
  summary: string
}

/** The child's chronology: everything recorded about them in date order, newest or oldest first. */
export class ChronologyPage {
  readonly main: Locator
  readonly heading: Locator
  readonly table: Locator
  readonly showOldestFirst: Locator
  readonly filteredNote: Locator

  constructor(readonly page: Page) {
    this.main = page.getByRole('main')
    this.heading = this.main.getByRole('heading', { level: 1, name: 'Chronology' })
    this.table = this.main.getByRole('table', { name: /^Chronology, (newest|oldest) first$/ })
    this.showOldestFirst = this.main.getByRole('link', { name: 'Show oldest first', exact: true })
    this.filteredNote = this.main.getByText(/, filtered by type, (newest|oldest) first\./)
  }

  /** Opens "Filter by type", ticks the types (the category labels) and applies the filter. */
  async filterBy(types: readonly string[]): Promise<void> {
    await this.main.getByText('Filter by type', { exact: true }).click()
    const fieldset = this.main.getByRole('group', { name: 'Show only these types', exact: true })
    for (const type of types) await fieldset.getByRole('checkbox', { name: type, exact: true }).check()
    await this.main.getByRole('button', { name: 'Apply filter', exact: true }).click()
  }

  /** Every line on the page, in the order shown. */
  async lines(): Promise<ChronologyLine[]> {
    const lines: ChronologyLine[] = []
    for (const row of await this.table.locator('tbody tr').all()) {
      const [when = '', type = '', what = ''] = await row.locator('td').allInnerTexts()
      // The date cell is the date, then the time on its own line; the summary cell is the summary,
      // then the link to the section where the record is (which repeats the summary for screen readers).
      const [date = '', time] = when.split('\n').map((text) => text.trim())
      lines.push({ date, time: time ?? null, type: type.trim(), summary: (what.split('\n')[0] ?? '').trim() })
    }
    return lines
  }
}
