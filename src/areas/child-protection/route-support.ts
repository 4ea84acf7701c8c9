import { NO_ERRORS } from '../../web/form-errors.js'
import type { Request, Response } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { NotFoundError } from '../../web/errors.js'
import type { FormErrors } from '../../web/form-errors.js'
import { childPageContext } from '../children/child-sections.js'
import { listValue } from './form-values.js'
import { loadChildProtection, type ChildProtectionRecord } from './records.js'
import { ChildProtectionRuleError, siblingChoices, type Step } from './subjects.js'
import { childProtectionPath } from './timeline.js'

/** What the child protection routes share: paths, form state, rendering a form, and turning broken rules into field errors. */

export const BASE = '/children/:childId/child-protection'

export const SAVED_MESSAGES: Record<string, string> = {
  discussion: 'Strategy discussion recorded',
  enquiry: 'Section 47 enquiry recorded',
  outcome: 'Outcome of the section 47 enquiry recorded',
  conference: 'Initial child protection conference recorded',
  review: 'Review conference recorded',
  ended: 'Child protection plan ended',
}

export type Values = Record<string, unknown>
export interface FormState {
  values?: Values
  errors?: FormErrors
}

const noErrors = NO_ERRORS

export function ruleErrors(error: ChildProtectionRuleError): FormErrors {
  const errors: FormErrors = { errors: {}, errorList: [] }
  for (const issue of error.issues) {
    errors.errorList.push({ text: issue.message, href: `#${issue.field}` })
    errors.errors[issue.field] ??= { text: issue.message }
  }
  return errors
}

/** Values to prefill a form with when the user comes back from a check-your-answers page. */
export function changedValues(request: Request): Values | undefined {
  const query = request.query as Values
  return query['change'] === '1' ? { ...query, alsoFor: listValue(query['alsoFor']) } : undefined
}

export function pathFor(childId: number, ...parts: (string | number)[]): string {
  return [childProtectionPath(childId), ...parts].join('/')
}

export function numericParam(request: Request, name: string): number {
  const value = Number(request.params[name])
  if (!Number.isSafeInteger(value) || value <= 0) throw new NotFoundError()
  return value
}

export function formSupport(db: Db) {
  /** Renders a form page of the child's record, with the siblings the form can also record for. */
  async function renderForm(
    response: Response,
    user: SignedInUser,
    childId: number,
    view: string,
    title: string,
    step: Step | null,
    state: FormState,
    extra: Values = {},
  ) {
    const page = await childPageContext(db, user.councilId, childId, 'child-protection')
    const values = { ...(state.values ?? {}) }
    values['alsoFor'] = listValue(values['alsoFor'])
    const siblings = step === null ? [] : await siblingChoices(db, user, childId, step)
    const chosen = values['alsoFor'] as string[]
    response.render(`child-protection/views/${view}.njk`, {
      ...page,
      title,
      values,
      ...(state.errors ?? noErrors),
      siblingItems: siblings
        .filter((sibling) => sibling.notReady === undefined)
        .map((sibling) => ({
          value: String(sibling.id),
          text: sibling.name,
          checked: chosen.includes(String(sibling.id)),
        })),
      siblingsNotOffered: siblings
        .filter((sibling) => sibling.notReady !== undefined)
        .map((sibling) => `${sibling.name} ${sibling.notReady}`),
      backHref: childProtectionPath(childId),
      ...extra,
    })
  }

  async function loadOwnRecord(user: SignedInUser, childId: number): Promise<ChildProtectionRecord> {
    return loadChildProtection(db, user.councilId, childId)
  }

  const done = (response: Response, childId: number, saved: string, count: number) =>
    response.redirect(303, `${childProtectionPath(childId)}?saved=${saved}${count > 1 ? `&count=${count}` : ''}`)

  /** Runs a write; a broken rule re-renders the form with field errors and status 400. */
  async function attempt(
    response: Response,
    write: () => Promise<void>,
    rerender: (errors: FormErrors) => Promise<void>,
  ) {
    try {
      await write()
    } catch (error) {
      if (!(error instanceof ChildProtectionRuleError)) throw error
      response.status(400)
      await rerender(ruleErrors(error))
    }
  }

  return { renderForm, loadOwnRecord, done, attempt }
}
