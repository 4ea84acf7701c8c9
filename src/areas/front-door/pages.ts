import type { Request, Response } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { NotFoundError } from '../../web/errors.js'
import { fieldError, type FormErrors } from '../../web/form-errors.js'
import { childPageContext, type ChildSectionKey } from '../children/child-sections.js'
import { RecordRuleError } from './record-rules.js'

/** Small helpers the front door and assessment pages share. */

/** Renders a page of the child's record (children/views/child-layout.njk) with its section and title. */
export async function renderChildPage(
  db: Db,
  response: Response,
  user: SignedInUser,
  childId: number,
  section: ChildSectionKey,
  view: string,
  title: string,
  data: Record<string, unknown>,
): Promise<void> {
  const page = await childPageContext(db, user.councilId, childId, section)
  response.render(view, { title, errors: {}, errorList: [], ...page, ...data })
}

/** A numeric route parameter such as :contactId, or a 404 when it is not one. */
export function idParam(request: Request, name: string): number {
  const value = Number(request.params[name])
  if (!Number.isSafeInteger(value) || value <= 0) throw new NotFoundError()
  return value
}

/**
 * The named string fields of a form body or query string. Check-your-answers pages carry the answers
 * as hidden fields, and their "Change" links carry them back to the form in the query string.
 */
export function pickValues(source: unknown, names: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {}
  for (const name of names) {
    const value = (source as Record<string, unknown> | undefined)?.[name]
    if (typeof value === 'string') values[name] = value
  }
  return values
}

/** A form value that may be missing, one string or several, as a list. */
export const asList = (value: unknown): string[] =>
  value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(String)

/** A service's refusal as the form's error summary and field message; anything else is rethrown. */
export function ruleErrors(error: unknown): FormErrors {
  if (error instanceof RecordRuleError) return fieldError(error.field, error.message)
  throw error
}

/** The success message named by `?saved=` after a redirect, if the page knows it. */
export function savedMessage(messages: Readonly<Record<string, string>>, query: Request['query']): string | undefined {
  const key = query['saved']
  return typeof key === 'string' ? messages[key] : undefined
}
