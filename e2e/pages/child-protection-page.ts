import type { Locator, Page } from '@playwright/test'
import { GovukForm } from './govuk-form.js'

export interface StrategyDiscussionAnswers {
  /** ISO date */
  heldOn: string
  /** Agencies that took part, as the checkboxes' labels. */
  agencies: readonly string[]
  summary: string
  /** The decision as the radio's label, e.g. "Start a section 47 enquiry". */
  decision: string
  alsoFor: readonly string[]
}

export interface InitialConferenceAnswers {
  /** ISO date */
  conferenceDate: string
  decision: 'Make a child protection plan' | 'No child protection plan'
  /** Category of abuse, as the radio's label ("Neglect"). */
  category: string
  alsoFor: readonly string[]
}

/**
 * The "Child protection" section: what happens next, the plans, the history, and the forms that
 * record each step (strategy discussion, section 47 enquiry and its outcome, initial conference).
 * Each form can record the same answers for brothers and sisters ticked under "Also record for".
 */
export class ChildProtectionPage {
  readonly form: GovukForm
  readonly main: Locator
  readonly heading: Locator
  readonly nextSteps: Locator
  readonly history: Locator
  readonly plans: Locator

  constructor(readonly page: Page) {
    this.form = new GovukForm(page)
    this.main = page.getByRole('main')
    this.heading = this.main.getByRole('heading', { level: 1 })
    this.nextSteps = this.main.locator('.harbour-next-steps')
    this.history = this.main.getByRole('table', { name: /^Strategy discussions, section 47 enquiries/ })
    this.plans = this.main.locator('.govuk-summary-card')
  }

  /** A link on the section's page: "Record a strategy discussion", "Record the section 47 enquiry", … */
  link(name: string): Locator {
    return this.main.getByRole('link', { name, exact: true })
  }

  /** A plan's summary card, by its title ("Current child protection plan"). */
  plan(title: string): Locator {
    return this.plans.filter({ has: this.page.getByRole('heading', { level: 3, name: title }) })
  }

  planDetail(plan: Locator, key: string): Locator {
    return plan
      .locator('.govuk-summary-list__row')
      .filter({ has: this.page.locator('dt', { hasText: key }) })
      .locator('dd')
  }

  private async alsoRecordFor(legend: string, siblings: readonly string[]): Promise<void> {
    for (const sibling of siblings) await this.form.tick(legend, sibling)
  }

  async recordStrategyDiscussion(answers: StrategyDiscussionAnswers): Promise<void> {
    const form = this.form
    await form.fillDate('Date of the strategy discussion', answers.heldOn)
    for (const agency of answers.agencies) await form.tick('Agencies that took part', agency)
    await form.fill('Summary of the discussion', answers.summary)
    await form.choose('What did the strategy discussion decide?', answers.decision)
    await this.alsoRecordFor('Also record for', answers.alsoFor)
    await form.submit('Save strategy discussion')
  }

  async recordSection47(startDate: string, alsoFor: readonly string[]): Promise<void> {
    await this.form.fillDate('Date the enquiry started', startDate)
    await this.alsoRecordFor('Also record for', alsoFor)
    await this.form.submit('Save section 47 enquiry')
  }

  async recordSection47Outcome(endDate: string, outcome: string, alsoFor: readonly string[]): Promise<void> {
    await this.form.fillDate('Date the enquiry ended', endDate)
    await this.form.choose('Outcome of the enquiry', outcome)
    await this.alsoRecordFor('Also record this outcome for', alsoFor)
    await this.form.submit('Save outcome')
  }

  async recordInitialConference(answers: InitialConferenceAnswers): Promise<void> {
    const form = this.form
    await form.fillDate('Date of the conference', answers.conferenceDate)
    await form.choose('What did the conference decide?', answers.decision)
    await form.choose('Category of abuse', answers.category)
    await this.alsoRecordFor('Also record for', answers.alsoFor)
    await form.submit('Save conference')
  }
}
