import type { Response } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import type { FormErrors } from '../../web/form-errors.js'
import { renderChildPage } from '../front-door/pages.js'
import { childReferrals } from './queries.js'
import { referralRadioItems } from './view-rows.js'

/** What the assessment and plan pages share: the section's page renderer, messages and the start form. */

export const SAVED_MESSAGES: Record<string, string> = {
  started: 'Assessment started.',
  saved: 'Assessment saved.',
  submitted: 'Assessment submitted for authorisation.',
  authorised: 'Assessment authorised.',
  'plan-started': 'Child in need plan started.',
  'plan-ended': 'Child in need plan ended.',
}

export const text = (value: unknown) => (typeof value === 'string' ? value : undefined)

/** Renders a page of the child's 'assessments' section from assessments/views. */
export function assessmentsPage(db: Db) {
  return (
    response: Response,
    user: SignedInUser,
    childId: number,
    view: string,
    title: string,
    data: Record<string, unknown>,
  ) => renderChildPage(db, response, user, childId, 'assessments', `assessments/views/${view}.njk`, title, data)
}

/** The form that starts an assessment or a plan: which referral, and the start date. */
export function startFormRenderer(db: Db) {
  const page = assessmentsPage(db)
  return async (
    response: Response,
    user: SignedInUser,
    childId: number,
    kind: 'assessment' | 'plan',
    values: Record<string, unknown>,
    errors?: FormErrors,
  ) => {
    const referrals = await childReferrals(db, user.councilId, childId)
    await page(
      response,
      user,
      childId,
      'start-form',
      kind === 'assessment' ? 'Start an assessment' : 'Start a child in need plan',
      {
        kind,
        values,
        ...errors,
        referralItems: referralRadioItems(
          referrals,
          text(values['referralId']) ?? (referrals.length === 1 ? String(referrals[0]?.id) : undefined),
        ),
      },
    )
  }
}
