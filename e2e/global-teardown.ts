import { rm } from 'node:fs/promises'

/** Removes the run's embedded database (see playwright.config.ts). Runs before the web server is stopped. */
export default async function globalTeardown(): Promise<void> {
  const dataDir = process.env['HARBOUR_E2E_DATA_DIR']
  if (dataDir !== undefined && dataDir.includes('harbour-e2e-')) await rm(dataDir, { recursive: true, force: true })
}
