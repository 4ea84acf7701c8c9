import type { Locator, Page } from '@playwright/test'
import { GovukForm } from './govuk-form.js'

export interface AssessmentAnswers {
  /** Factors identified: [group legend, factor label] pairs, e.g. ['Abuse and neglect', 'Neglect']. */
  factors: readonly (readonly [string, string])[]
  childSeen: 'Yes' | 'No'
  /** The outcome as the radio's label. */
  outcome: string
}

/**
 * The "Assessments and plans" section and a child and family assessment's pages: start, record
 * factors and outcome, submit for authorisation, and (for a manager) authorise.
 */
export class AssessmentsPage {
  readonly form: GovukForm
  readonly main: Locator
  readonly heading: Locator
  readonly startAssessmentLink: Locator
  readonly assessments: Locator
  readonly details: Locator

  constructor(readonly page: Page) {
    this.form = new GovukForm(page)
    this.main = page.getByRole('main')
    this.heading = this.main.getByRole('heading', { level: 1 })
    this.startAssessmentLink = this.main.getByRole('button', { name: 'Start an assessment', exact: true })
    this.assessments = this.main.getByRole('table', { name: /^Assessments of / })
    this.details = this.main.locator('.govuk-summary-list')
  }

  /** On "Start an assessment": the referral it is for (offered already chosen when there is one) and the start date. */
  async start(referral: string, startDate: string): Promise<void> {
    await this.form.choose('Which referral is this assessment for?', referral)
    await this.form.fillDate('Start date', startDate)
    await this.form.submit('Start assessment')
  }

  /** A button on the assessment's own page ("Record factors and outcome", "Submit for authorisation", …). */
  action(name: string): Locator {
    return this.main.getByRole('button', { name, exact: true })
  }

  async record(answers: AssessmentAnswers): Promise<void> {
    for (const [group, factor] of answers.factors) await this.form.tick(group, factor)
    await this.form.choose('Was the child seen during the assessment?', answers.childSeen)
    await this.form.choose('What is the outcome?', answers.outcome)
    await this.form.submit('Save assessment')
  }

  async submitForAuthorisation(): Promise<void> {
    await this.form.submit('Submit for authorisation')
  }

  /** The manager's form: the authorisation date, then check the answers. */
  async authorise(authorisedOn: string): Promise<void> {
    await this.form.fillDate('Authorisation date', authorisedOn)
    await this.form.submit('Continue')
  }

  async confirmAuthorisation(): Promise<void> {
    await this.form.submit('Authorise assessment')
  }

  detail(key: string): Locator {
    return this.details
      .locator('.govuk-summary-list__row')
      .filter({ has: this.page.locator('dt', { hasText: key }) })
      .locator('dd')
  }
}
