import type { Locator, Page } from '@playwright/test'
import { GovukForm } from './govuk-form.js'

/** The "Family and people" section: sibling groups, linked brothers and sisters, other people. */
export class FamilyPage {
  readonly form: GovukForm
  readonly main: Locator
  readonly heading: Locator
  readonly linkSiblingLink: Locator
  readonly createGroupLink: Locator
  readonly linkedSiblings: Locator

  constructor(readonly page: Page) {
    this.form = new GovukForm(page)
    this.main = page.getByRole('main')
    this.heading = this.main.getByRole('heading', { level: 1 })
    this.linkSiblingLink = this.main.getByRole('link', { name: 'Link a brother or sister', exact: true })
    this.createGroupLink = this.main.getByRole('link', { name: 'Create a sibling group', exact: true })
    this.linkedSiblings = this.main.getByRole('table', { name: 'Brothers and sisters with their own record' })
  }

  /** A sibling group's table, captioned with the group's name. */
  siblingGroup(name: string): Locator {
    return this.main.getByRole('table', { name, exact: true })
  }

  /** On "Link a brother or sister": the sibling's Child ID and how they are related. */
  async linkSibling(childId: string, relationship: string): Promise<void> {
    await this.form.fill('Child ID of the brother or sister', childId)
    await this.form.choose('How are the children related?', relationship)
    await this.form.submit('Link the children')
  }

  /** On "Create a sibling group": the group's name and the linked children to put in it with this child. */
  async createGroup(name: string, members: readonly string[]): Promise<void> {
    await this.form.fill('Name of the group', name)
    for (const member of members) await this.form.tick('Who else is in the group?', member)
    await this.form.submit('Create the group')
  }
}
