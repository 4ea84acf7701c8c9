import type { Locator, Page } from '@playwright/test'

/** Harbour's own header (no crown, no GOV.UK logotype) and the service navigation under it. */
export class Header {
  readonly banner: Locator
  readonly signedInAs: Locator
  readonly signOutButton: Locator
  readonly navigation: Locator

  constructor(readonly page: Page) {
    this.banner = page.getByRole('banner')
    this.signedInAs = page.locator('.harbour-header__user')
    this.signOutButton = this.banner.getByRole('button', { name: 'Sign out' })
    this.navigation = page.getByRole('navigation', { name: 'Harbour menu' })
  }

  navigationLink(name: string): Locator {
    return this.navigation.getByRole('link', { name, exact: true })
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click()
  }
}
