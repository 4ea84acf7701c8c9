import type { Request, Response } from 'express'
import type { Config } from '../../config.js'
import type { Db } from '../../db/database.js'
import { TooManyRequestsError } from '../../web/errors.js'
import { formErrors, type FormErrors, NO_ERRORS } from '../../web/form-errors.js'
import { formatUkDate } from '../../web/nunjucks.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { answerConfirmation, findOpenConfirmation } from './confirmation-service.js'
import { RateLimiter } from './rate-limiter.js'
import { confirmAnswerSchema, confirmCodeSchema } from './schemas.js'
import { asText } from './text.js'

/**
 * The public page where a young person confirms or denies a visit. It needs no account, shows nothing
 * about the young person (only the date of the visit the code is for), answers every wrong, used or
 * expired code in the same words, and is rate-limited per address.
 */
export const CONFIRM_ATTEMPTS_PER_WINDOW = 10
export const CONFIRM_WINDOW_MS = 15 * 60_000

const NOT_RIGHT =
  'The code is not right, or it has run out. Check it and try again, or ask your social worker for a new code.'

export function confirmRoutes(
  db: Db,
  config: Config,
  limiter = new RateLimiter(CONFIRM_ATTEMPTS_PER_WINDOW, CONFIRM_WINDOW_MS),
): RouteDefinition[] {
  const limit = (ip: string) => {
    if (!limiter.attempt(ip)) throw new TooManyRequestsError()
  }
  const renderCode = (response: Response, values: Record<string, unknown>, errors?: FormErrors) =>
    response.render('compliance/views/confirm.njk', {
      title: 'Confirm a visit',
      values,
      ...(errors ?? NO_ERRORS),
    })
  const renderAnswer = (response: Response, visitDate: string, values: Record<string, unknown>, errors?: FormErrors) =>
    response.render('compliance/views/confirm-answer.njk', {
      title: 'Did the visit happen?',
      visitDate: formatUkDate(visitDate),
      values,
      ratingItems: ['1', '2', '3', '4', '5'].map((value) => ({
        value,
        text: { '1': '1 – poor', '2': '2', '3': '3', '4': '4', '5': '5 – very good' }[value] ?? value,
        checked: values['rating'] === value,
      })),
      ...(errors ?? NO_ERRORS),
    })
  const notRight = { errorList: [{ text: NOT_RIGHT, href: '#code' }], errors: { code: { text: NOT_RIGHT } } }

  return [
    get({
      path: '/confirm',
      name: 'Confirm a visit (young person)',
      permission: 'public',
      audit: { kind: 'none', reason: 'a public form with no record on it' },
      handler: async (request, response) => {
        const code = typeof request.query['code'] === 'string' ? request.query['code'].slice(0, 40) : ''
        renderCode(response, { code })
      },
    }),
    post({
      path: '/confirm',
      name: 'Check a confirmation code',
      permission: 'public',
      audit: {
        kind: 'none',
        reason: 'checks a code; a wrong code is counted against its request, nothing is shown or changed',
      },
      body: confirmCodeSchema,
      invalid: async (request: Request, response, { ip }, issues) => {
        limit(ip)
        renderCode(response, request.body as Record<string, unknown>, formErrors(issues))
      },
      handler: async (_request, response, { body, ip }) => {
        limit(ip)
        const open = await findOpenConfirmation(db, config.sessionSecret, body.code)
        if (open === undefined) {
          response.status(400)
          return renderCode(response, body, notRight)
        }
        renderAnswer(response, open.visitDate, { code: body.code })
      },
    }),
    post({
      path: '/confirm/answer',
      name: 'Confirm or deny a visit',
      permission: 'public',
      audit: { kind: 'write', entity: 'visit_confirmation' },
      body: confirmAnswerSchema,
      invalid: async (request, response, { ip }, issues) => {
        limit(ip)
        const values = request.body as Record<string, unknown>
        const open = await findOpenConfirmation(db, config.sessionSecret, asText(values['code']))
        if (open === undefined) return renderCode(response, { code: values['code'] }, notRight)
        renderAnswer(response, open.visitDate, values, formErrors(issues))
      },
      handler: async (_request, response, { body, ip, markAudited }) => {
        limit(ip)
        const open = await findOpenConfirmation(db, config.sessionSecret, body.code)
        const saved =
          open !== undefined &&
          (await answerConfirmation(
            db,
            open,
            {
              answer: body.answer,
              rating: body.rating === '' ? null : Number(body.rating),
              comment: body.comment === '' ? null : body.comment,
            },
            ip,
          ))
        if (!saved) {
          response.status(400)
          return renderCode(response, { code: body.code }, notRight)
        }
        markAudited()
        response.redirect(303, `/confirm/thanks?answer=${body.answer}`)
      },
    }),
    get({
      path: '/confirm/thanks',
      name: 'Thank you (young person)',
      permission: 'public',
      audit: { kind: 'none', reason: 'a public thank-you page' },
      handler: async (request, response) => {
        response.render('compliance/views/confirm-thanks.njk', {
          title: 'Thank you',
          denied: request.query['answer'] === 'deny',
        })
      },
    }),
  ]
}
