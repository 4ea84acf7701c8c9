import type { Request, Response } from 'express'
import { NotFoundError } from '../../web/errors.js'
import type { FormErrors } from '../../web/form-errors.js'
import { ruleErrors, type Values } from './forms.js'
import { CareLeaverRuleError } from './rules.js'

/** Shared by the care-leaver routes: the person's answers, numeric parameters, rule refusals. */

export function enteredValues(request: Request): Values {
  const values = { ...(request.body as Values) }
  delete values['_csrf']
  delete values['confirm']
  delete values['change']
  return values
}

/** The route-table name of a form's POST, from the name of its page: 'Save: record a contact'. */
export const saveName = (name: string) => `Save: ${name.charAt(0).toLowerCase()}${name.slice(1)}`

export function numericParam(request: Request, name: string): number {
  const value = Number(request.params[name])
  if (!Number.isSafeInteger(value) || value <= 0) throw new NotFoundError()
  return value
}

/** Runs a write; a refusal by the care-leaver rules re-renders the form with status 400 and its messages. */
export async function attempt(
  response: Response,
  write: () => Promise<void>,
  refused: (errors: FormErrors) => Promise<void>,
) {
  try {
    await write()
  } catch (error) {
    if (!(error instanceof CareLeaverRuleError)) throw error
    response.status(400)
    await refused(ruleErrors(error.issues))
  }
}
