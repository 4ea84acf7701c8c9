import { defineConfig } from 'vitest/config'

// Unit and route tests. The same suite runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL
// (scripts/test.sh runs both). Browser tests are Playwright's (e2e/).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: 'Europe/London', NODE_ENV: 'test' },
    reporters: ['default'],
  },
})
