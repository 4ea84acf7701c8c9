import path from 'node:path'
import type { Express } from 'express'
import nunjucks from 'nunjucks'
import { repoRoot } from './assets.js'
import { ROLE_LABELS } from './permissions.js'

export function configureNunjucks(app: Express, options: { production: boolean }): nunjucks.Environment {
  const environment = nunjucks.configure(
    [
      path.join(repoRoot, 'src', 'web', 'views'),
      path.join(repoRoot, 'src', 'areas'),
      path.join(repoRoot, 'node_modules', 'govuk-frontend', 'dist'),
    ],
    { autoescape: true, express: app, noCache: !options.production, throwOnUndefined: false },
  )
  app.set('view engine', 'njk')
  environment.addGlobal('serviceName', 'Harbour')
  environment.addFilter('roleLabel', (role: keyof typeof ROLE_LABELS) => ROLE_LABELS[role] ?? role)
  environment.addFilter('ukDate', (value: string | Date | null | undefined) => formatUkDate(value))
  environment.addFilter('ukDateTime', (value: Date | string | null | undefined) =>
    value === null || value === undefined
      ? ''
      : new Intl.DateTimeFormat('en-GB', {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: 'Europe/London',
        }).format(new Date(value)),
  )
  return environment
}

/** '2026-03-31' → '31 March 2026', the GOV.UK style for dates. */
export function formatUkDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  const date = typeof value === 'string' ? new Date(`${value.slice(0, 10)}T12:00:00Z`) : value
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  }).format(date)
}
