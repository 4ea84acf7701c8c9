#!/usr/bin/env bash
# Harbour's whole test suite, as the README's test command runs it:
#   1. types, lint and formatting;
#   2. unit and route tests on the embedded database (PGlite);
#   3. the same tests on a real PostgreSQL server (TEST_DATABASE_URL, or a throwaway server started here);
#   4. browser tests with axe in Debian's Chromium: every spec on PGlite (what the README's start command
#      runs), and on PostgreSQL the specs whose pages run the heaviest SQL (sign-in for every role, the
#      dashboards, care leavers). Every route and query also runs on PostgreSQL in step 3; running the
#      whole browser suite twice would take CI past its 30-minute budget.
# In CI (CI=true) a missing PostgreSQL or Chromium is a failure; on a workstation it is reported and skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=Europe/London

step() { printf '\n==> %s\n' "$*"; }
missing() {
  if [ "${CI:-}" = "true" ]; then
    echo "FAILED: $1 (CI must run every part of the suite)" >&2
    exit 1
  fi
  echo "SKIPPED: $1" >&2
}

step "Types, lint and formatting"
npm run lint

step "Unit and route tests on PGlite (embedded)"
env -u TEST_DATABASE_URL npx vitest run

if [ -z "${TEST_DATABASE_URL:-}" ] && ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1; then
  step "Starting a throwaway PostgreSQL server"
  # shellcheck source=scripts/throwaway-postgres.sh
  source scripts/throwaway-postgres.sh
fi

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  step "Unit and route tests on PostgreSQL"
  npx vitest run
else
  missing "PostgreSQL tests: install Debian's postgresql package or set TEST_DATABASE_URL"
fi

if [ -x /usr/bin/chromium ]; then
  step "Browser tests (Playwright + axe) on PGlite"
  env -u DATABASE_URL npx playwright test
  if [ -n "${TEST_DATABASE_URL:-}" ]; then
    step "Browser tests (Playwright + axe) on PostgreSQL: sign-in, dashboards, care leavers"
    DATABASE_URL=$(npx tsx scripts/fresh-database.ts "$TEST_DATABASE_URL" harbour_e2e) \
      npx playwright test e2e/sign-in.spec.ts e2e/figures.spec.ts e2e/care-leavers.spec.ts
  fi
else
  missing "browser tests: install Debian's chromium package (/usr/bin/chromium)"
fi

step "All tests passed"
