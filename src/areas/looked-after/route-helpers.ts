import { NO_ERRORS, issueErrors } from '../../web/form-errors.js'
import type { Request, Response } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { NotFoundError } from '../../web/errors.js'
import type { FormErrors } from '../../web/form-errors.js'
import { appendAudit } from '../audit/audit-log.js'
import { childPageContext } from '../children/child-sections.js'
import { LookedAfterRuleError, type RuleIssue } from './episode-rules.js'

/** Shared by the looked-after routes: paths, rendering inside the child's record, rule errors. */

export const BASE = '/children/:childId/looked-after'

export const lookedAfterHref = (childId: number, ...parts: (string | number)[]) =>
  [`/children/${childId}/looked-after`, ...parts].join('/')

export type Values = Record<string, unknown>

export interface FormState {
  values?: Values
  errors?: FormErrors
}

export const noErrors = NO_ERRORS

/** The service's refusals as the error summary and field messages (first message per field). */
export function ruleErrors(issues: readonly RuleIssue[]): FormErrors {
  return issueErrors(issues)
}

/** What the person typed, to show again: every field except the check-answers buttons. */
export function enteredValues(request: Request): Values {
  const values = { ...(request.body as Values) }
  delete values['confirm']
  delete values['change']
  return values
}

/** The answers carried by the check-answers page as hidden fields. */
export function hiddenFields(values: Values): { name: string; value: string }[] {
  return Object.entries(values)
    .filter(([, value]) => typeof value === 'string')
    .map(([name, value]) => ({ name, value: value as string }))
}

export function numericParam(request: Request, name: string): number {
  const value = Number(request.params[name])
  if (!Number.isSafeInteger(value) || value <= 0) throw new NotFoundError()
  return value
}

/** Renders a page of the looked-after section inside the child's record. */
export async function renderSection(
  db: Db,
  response: Response,
  user: SignedInUser,
  childId: number,
  view: string,
  title: string,
  data: Record<string, unknown>,
): Promise<void> {
  const page = await childPageContext(db, user.councilId, childId, 'looked-after')
  response.render(`looked-after/views/${view}.njk`, { ...page, title, ...data })
}

/**
 * A check-answers page (or the form again, from it) writes nothing but shows the child's record, so
 * it is audited as a read of the record the POST would change.
 */
export async function auditCheckPage(
  db: Db,
  user: SignedInUser,
  childId: number,
  entity: string,
  route: string,
  ip: string,
  page: 'check_answers' | 'change_answers',
): Promise<void> {
  await db.transaction().execute((trx) =>
    appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'read',
      entity,
      childId,
      route,
      ip,
      detail: { page },
    }),
  )
}

/** Runs a write; a refusal by the 903 rules re-renders the form with status 400 and its messages. */
export async function attempt(
  response: Response,
  write: () => Promise<void>,
  refused: (errors: FormErrors) => Promise<void>,
): Promise<void> {
  try {
    await write()
  } catch (error) {
    if (!(error instanceof LookedAfterRuleError)) throw error
    response.status(400)
    await refused(ruleErrors(error.issues))
  }
}
