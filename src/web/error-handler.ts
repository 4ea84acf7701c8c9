import type { NextFunction, Request, Response } from 'express'
import type { Logger } from '../logger.js'
import { ChildAccessDeniedError, ConflictError, CsrfError, HttpError } from './errors.js'

const PAGES: Record<number, { title: string; paragraphs: string[] }> = {
  403: {
    title: 'You do not have permission to see this page',
    paragraphs: [
      'Your role does not include this page. If you need it for your work, ask your team manager or administrator.',
    ],
  },
  404: {
    title: 'Page not found',
    paragraphs: [
      'If you typed the web address, check it is correct.',
      'If you pasted the web address, check you copied the entire address.',
    ],
  },
  429: { title: 'Too many attempts', paragraphs: ['Wait 15 minutes, then try again.'] },
  500: {
    title: 'Sorry, there is a problem with Harbour',
    paragraphs: [
      'Nothing you were saving has been half-saved: try again in a few minutes.',
      'If it keeps happening, contact your service desk.',
    ],
  },
}

export function notFoundHandler(_request: Request, response: Response): void {
  response.status(404).render('pages/error.njk', PAGES[404])
}

/** One place that turns errors into pages. A 403 never signs the user out; stack traces only outside production. */
export function errorHandler(logger: Logger, production: boolean) {
  return (error: unknown, request: Request, response: Response, _next: NextFunction): void => {
    if (response.headersSent) {
      // Too late to show a page (for example a route that sent its reply but wrote no audit row): log it.
      logger.error(
        { err: error, method: request.method, path: request.path },
        'request failed after the reply was sent',
      )
      return
    }
    if (error instanceof ConflictError) {
      const fields = [...new Set([...Object.keys(error.yours), ...Object.keys(error.theirs)])]
      response.status(409).render('pages/conflict.njk', {
        title: 'Someone else has changed this record',
        returnTo: error.returnTo,
        rows: fields.map((field) => ({
          field,
          yours: error.yours[field] ?? '',
          theirs: error.theirs[field] ?? '',
          changed: (error.yours[field] ?? '') !== (error.theirs[field] ?? ''),
        })),
      })
      return
    }
    if (error instanceof CsrfError) {
      response.status(403).render('pages/error.njk', {
        title: 'This form has expired',
        paragraphs: [
          'For your security, forms expire when you sign in or out, or when they did not come from Harbour.',
          'Go back, reload the page and try again.',
        ],
      })
      return
    }
    if (error instanceof ChildAccessDeniedError) {
      response.status(403).render('pages/error.njk', {
        title: error.message,
        paragraphs: [
          'The record is not allocated to you or your team, it is restricted to named people, or it does not exist.',
          'If you need access for your work, ask your team manager. This attempt has been recorded.',
        ],
      })
      return
    }
    const status = error instanceof HttpError ? error.status : isBodyParserError(error) ? 400 : 500
    if (status >= 500) logger.error({ err: error, method: request.method, path: request.path }, 'request failed')
    const page = PAGES[status] ?? {
      title: error instanceof Error ? error.message : 'Something went wrong',
      paragraphs: [],
    }
    response.status(status).render('pages/error.njk', {
      ...page,
      stack: !production && status >= 500 && error instanceof Error ? error.stack : undefined,
    })
  }
}

function isBodyParserError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'type' in error &&
    typeof error.type === 'string' &&
    'status' in error
  )
}
