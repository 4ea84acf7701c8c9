import { expect, type Locator, type Page } from '@playwright/test'

/** '2026-03-07' → { day: '7', month: '3', year: '2026' }, as people type dates into a GOV.UK date input. */
export function dateParts(isoDate: string): { day: string; month: string; year: string } {
  const [year, month, day] = isoDate.split('-')
  if (year === undefined || month === undefined || day === undefined) throw new Error(`Not an ISO date: ${isoDate}`)
  return { day: String(Number(day)), month: String(Number(month)), year }
}

/** '2026-03-07' → '7 March 2026', the way Harbour shows dates. */
export function ukDate(isoDate: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T00:00:00Z`))
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** '7 March 2026' → '2026-03-07'; throws on anything else, so a comparison of dates never passes by accident. */
export function isoFromUkDate(shown: string): string {
  const match = /^(\d{1,2}) ([A-Z][a-z]+) (\d{4})$/.exec(shown.trim())
  const month = match === null ? -1 : MONTHS.indexOf(match[2] ?? '')
  if (match === null || month === -1) throw new Error(`Not a date as Harbour shows it: "${shown}"`)
  return `${match[3]}-${String(month + 1).padStart(2, '0')}-${(match[1] ?? '').padStart(2, '0')}`
}

/**
 * The GOV.UK form patterns Harbour's forms are made of, found the way a user finds them: a question's
 * fieldset by its legend, a field by its label, a button by its text. Every method works inside
 * `scope` (the page's main content), so the header and the record's sub-navigation never match.
 */
export class GovukForm {
  readonly scope: Locator
  readonly errorSummary: Locator

  constructor(readonly page: Page) {
    this.scope = page.getByRole('main')
    this.errorSummary = page.locator('.govuk-error-summary')
  }

  /** A question asked with a fieldset (radios, checkboxes, a date input), by its legend. */
  fieldset(legend: string): Locator {
    return this.scope.getByRole('group', { name: legend, exact: true })
  }

  async fillDate(legend: string, isoDate: string): Promise<void> {
    const parts = dateParts(isoDate)
    const group = this.fieldset(legend)
    await group.getByRole('textbox', { name: 'Day', exact: true }).fill(parts.day)
    await group.getByRole('textbox', { name: 'Month', exact: true }).fill(parts.month)
    await group.getByRole('textbox', { name: 'Year', exact: true }).fill(parts.year)
  }

  async choose(legend: string, option: string): Promise<void> {
    await this.fieldset(legend).getByRole('radio', { name: option, exact: true }).check()
  }

  async tick(legend: string, option: string): Promise<void> {
    await this.fieldset(legend).getByRole('checkbox', { name: option, exact: true }).check()
  }

  async fill(label: string, value: string): Promise<void> {
    await this.scope.getByLabel(label, { exact: true }).fill(value)
  }

  async select(label: string, option: string): Promise<void> {
    await this.scope.getByLabel(label, { exact: true }).selectOption({ label: option })
  }

  button(name: string): Locator {
    return this.scope.getByRole('button', { name, exact: true })
  }

  /**
   * Presses a button that posts the form and waits for the page that comes back. A refusal fails
   * here, with the error summary's messages, so a broken rule reads as what the user would see.
   */
  async submit(name: string): Promise<void> {
    await this.button(name).click()
    await this.page.waitForLoadState('load')
    const problems = (await this.errorSummary.locator('li').allTextContents()).map((text) => text.trim())
    expect(problems, `"${name}" was refused on ${this.page.url()}`).toEqual([])
  }
}
