import { rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { defineConfig } from '@playwright/test'

const PORT = Number(process.env['E2E_PORT'] ?? 4310)
const baseURL = `http://127.0.0.1:${PORT}`

// Each run gets a fresh embedded database, so the synthetic council is always loaded from scratch.
// Playwright loads this file again in every worker process: the directory is chosen once, by the
// runner, and handed to the workers (and to globalTeardown) through the environment.
const DATA_DIR_VARIABLE = 'HARBOUR_E2E_DATA_DIR'
if (process.env[DATA_DIR_VARIABLE] === undefined) {
  const dataDir = path.join(os.tmpdir(), `harbour-e2e-${process.pid}`)
  rmSync(dataDir, { recursive: true, force: true })
  process.env[DATA_DIR_VARIABLE] = dataDir
}
const dataDir = process.env[DATA_DIR_VARIABLE]

// Debian's Chromium: browsers cannot be downloaded on the build machines. The machine has no network,
// so everything Chromium would fetch in the background is switched off.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env['CI']),
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results',
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: chromiumArgs },
    timezoneId: 'Europe/London',
    locale: 'en-GB',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: 'npx tsx src/server.ts',
    url: `${baseURL}/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DEMO: 'true',
      // A small synthetic council, so start-up takes seconds rather than minutes.
      DEMO_SCALE: '0.03',
      DATA_DIR: dataDir ?? '',
      PORT: String(PORT),
      HOST: '127.0.0.1',
      SECURE_COOKIES: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      TZ: 'Europe/London',
      // CI runs the browser tests against PostgreSQL as well as the embedded database.
      ...(process.env['DATABASE_URL'] ? { DATABASE_URL: process.env['DATABASE_URL'] } : {}),
    },
  },
})
