import type { Locator, Page } from '@playwright/test'
import { GovukForm } from './govuk-form.js'

export interface NewContact {
  /** ISO date */
  receivedOn: string
  /** 24-hour clock, 'HH:MM' */
  receivedAt: string
  /** Who made the contact, as the radio's label ("Police"). */
  source: string
  referrerName: string
  referrerOrganisation: string
  concern: string
  /** Brothers and sisters to record the same contact for, by name. */
  alsoFor: readonly string[]
}

export interface FrontDoorDecision {
  /** The decision as the radio's label, e.g. "Referral to children’s social care". */
  decision: string
  /** ISO date */
  decidedOn: string
  /** 24-hour clock, 'HH:MM' */
  decidedAt: string
  /** Brothers and sisters whose copy of the contact gets the same decision. */
  alsoFor: readonly string[]
}

/** The "Contacts and referrals" section and its forms: record a contact, record the front door decision. */
export class FrontDoorPage {
  readonly form: GovukForm
  readonly main: Locator
  readonly heading: Locator
  readonly recordContactLink: Locator
  readonly contacts: Locator
  readonly referrals: Locator

  constructor(readonly page: Page) {
    this.form = new GovukForm(page)
    this.main = page.getByRole('main')
    this.heading = this.main.getByRole('heading', { level: 1 })
    this.recordContactLink = this.main.getByRole('button', { name: 'Record a contact', exact: true })
    this.contacts = this.main.getByRole('table', { name: /^Contacts about / })
    this.referrals = this.main.getByRole('table', { name: /^Referrals of / })
  }

  /** "Record decision" on a contact still waiting for one. */
  recordDecisionLink(): Locator {
    return this.contacts.getByRole('link', { name: /^Record decision/ })
  }

  async recordContact(contact: NewContact): Promise<void> {
    const form = this.form
    await form.fillDate('Date the contact was received', contact.receivedOn)
    await form.fill('Time the contact was received', contact.receivedAt)
    await form.choose('Who made the contact?', contact.source)
    await form.fill('Referrer’s name (optional)', contact.referrerName)
    await form.fill('Referrer’s organisation (optional)', contact.referrerOrganisation)
    await form.fill('Summary of the concern', contact.concern)
    for (const sibling of contact.alsoFor) await form.tick('Also record this contact for:', sibling)
    await form.submit('Save contact')
  }

  async recordDecision(decision: FrontDoorDecision): Promise<void> {
    const form = this.form
    await form.choose('What is the decision?', decision.decision)
    await form.fillDate('Date of the decision', decision.decidedOn)
    await form.fill('Time of the decision', decision.decidedAt)
    for (const sibling of decision.alsoFor) await form.tick('Also record this decision for:', sibling)
    await form.submit('Save decision')
  }
}
