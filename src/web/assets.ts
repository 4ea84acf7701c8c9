import path from 'node:path'
import { fileURLToPath } from 'node:url'
import express, { type Router } from 'express'
import * as sass from 'sass'

const here = path.dirname(fileURLToPath(import.meta.url))
export const repoRoot = path.resolve(here, '..', '..')
const govukDist = path.join(repoRoot, 'node_modules', 'govuk-frontend', 'dist')

let compiledCss: string | undefined

/** Compiles Harbour's stylesheet once per process: no build step is needed before `npm start`. */
export function harbourCss(): string {
  compiledCss ??= sass.compile(path.join(here, 'assets', 'harbour.scss'), {
    loadPaths: [govukDist],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import', 'global-builtin', 'mixed-decls', 'color-functions', 'slash-div', 'if-function'],
  }).css
  return compiledCss
}

export function assetRoutes(): Router {
  const router = express.Router()
  router.get('/assets/harbour.css', (_request, response) => {
    response.type('text/css').set('Cache-Control', 'public, max-age=3600').send(harbourCss())
  })
  router.use('/assets', express.static(path.join(govukDist, 'govuk', 'assets'), { maxAge: '1d' }))
  router.get('/assets/govuk-frontend.min.js', (_request, response) => {
    response.sendFile(path.join(govukDist, 'govuk', 'govuk-frontend.min.js'))
  })
  return router
}
