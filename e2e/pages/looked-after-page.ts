import type { Locator, Page } from '@playwright/test'
import { GovukForm } from './govuk-form.js'

/** The placement questions shared by starting a period of care and changing placement (labels as shown). */
export interface PlacementAnswers {
  /** "Type of placement", e.g. "Foster care with family or friends" (U3). */
  placementType: string
  /** "Who provides the placement", e.g. "The council’s own provision" (PR1). */
  provider: string
  placementPostcode: string
  /** Ofsted URN, or XXXXXXX. */
  urn: string
}

export interface StartPeriodAnswers extends PlacementAnswers {
  /** ISO date */
  startDate: string
  /** e.g. "Accommodated by agreement (section 20)" (V2) */
  legalStatus: string
  /** e.g. "Abuse or neglect" (N1) */
  categoryOfNeed: string
}

export interface PlacementChangeAnswers extends PlacementAnswers {
  /** ISO date */
  moveDate: string
  sameCarers: 'Yes' | 'No'
  /** "No change: …" radio, or a new legal status's label. */
  legalStatus: string
  /** "Why did the placement change?" */
  reason: string
}

/**
 * The "Looked after" section (SSDA903 periods of care and episodes) and its episode forms. Each form
 * goes to a check-your-answers page before anything is saved.
 */
export class LookedAfterPage {
  readonly form: GovukForm
  readonly main: Locator
  readonly heading: Locator
  readonly currentPlacement: Locator
  readonly checkAnswers: Locator

  constructor(readonly page: Page) {
    this.form = new GovukForm(page)
    this.main = page.getByRole('main')
    this.heading = this.main.getByRole('heading', { level: 1 })
    this.currentPlacement = this.main
      .getByRole('heading', { level: 2, name: 'Current placement' })
      .locator('xpath=following-sibling::dl[1]')
    this.checkAnswers = this.main.locator('.govuk-summary-list')
  }

  link(name: string): Locator {
    return this.main.getByRole('link', { name, exact: true })
  }

  /** The table of a period of care's episodes, captioned "Period of care from … (current)". */
  periodOfCare(): Locator {
    return this.main.getByRole('table', { name: /^Period of care from/ })
  }

  summaryValue(list: Locator, key: string): Locator {
    return list
      .locator('.govuk-summary-list__row')
      .filter({ has: this.page.locator('dt', { hasText: key }) })
      .locator('dd')
  }

  answer(key: string): Locator {
    return this.summaryValue(this.checkAnswers, key)
  }

  private async placement(answers: PlacementAnswers): Promise<void> {
    await this.form.choose('Type of placement', answers.placementType)
    await this.form.choose('Who provides the placement', answers.provider)
    await this.form.fill('Postcode of the placement', answers.placementPostcode)
    await this.form.fill('Ofsted URN (optional for some placements)', answers.urn)
  }

  /** "Record that they became looked after": fills the form and continues to check the answers. */
  async startPeriodOfCare(answers: StartPeriodAnswers): Promise<void> {
    await this.form.fillDate('Date they became looked after', answers.startDate)
    await this.form.choose('Legal status', answers.legalStatus)
    await this.form.choose('Category of need', answers.categoryOfNeed)
    await this.placement(answers)
    await this.form.submit('Continue')
  }

  /** "Record a change of placement": fills the form and continues to check the answers. */
  async changePlacement(answers: PlacementChangeAnswers): Promise<void> {
    await this.form.fillDate('Date of the move', answers.moveDate)
    await this.form.choose('Are they staying with the same carers?', answers.sameCarers)
    await this.form.choose('Does the legal status change at the same time?', answers.legalStatus)
    await this.placement(answers)
    await this.form.choose('Why did the placement change?', answers.reason)
    await this.form.submit('Continue')
  }

  /** On a check-your-answers page: the button that saves (its text differs by form). */
  async confirm(button: string): Promise<void> {
    await this.form.submit(button)
  }
}
