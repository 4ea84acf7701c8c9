import type { Request, Response } from 'express'
import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { SignedInUser } from '../../web/context.js'
import { formErrors } from '../../web/form-errors.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import {
  EPISODE_FORMS,
  NewReturnErrorsError,
  refuseNewReturnErrors,
  returnErrorsForForm,
  returnRulesBroken,
} from '../returns/validation/staff-check.js'
import {
  changeLegalStatus,
  changePlacement,
  previewLegalStatusChange,
  previewPlacementChange,
} from './change-service.js'
import {
  endCheckRows,
  legalStatusCheckRows,
  placementChangeCheckRows,
  startCheckRows,
  type SummaryRow,
} from './check-answers.js'
import { episodeForms } from './episode-forms.js'
import type { RuleIssue } from './episode-rules.js'
import {
  BASE,
  attempt,
  auditCheckPage,
  enteredValues,
  hiddenFields,
  lookedAfterHref,
  renderSection,
  ruleErrors,
  type FormState,
} from './route-helpers.js'
import { endPeriodSchema, legalStatusChangeSchema, placementChangeSchema, startPeriodSchema } from './schemas.js'
import { endPeriodOfCare, previewEndPeriod, previewStartPeriod, startPeriodOfCare } from './service.js'

/**
 * Starting, changing and ending a period of care. Each form posts to itself: first to a
 * check-your-answers page (nothing written), which posts the same answers again with confirm=yes to
 * write them in one transaction, or with change=yes to go back to the form.
 */

interface CheckStep {
  request: Request
  response: Response
  user: SignedInUser
  childId: number
  ip: string
  markAudited: () => void
  body: { confirmed: boolean; change: boolean }
  entity: string
  route: string
  form: (state: FormState) => Promise<void>
  preview: () => Promise<{ issues: RuleIssue[]; rows: SummaryRow[] }>
  /** Writes the answers; `afterSave` runs inside the write's transaction (statutory return checks). */
  save: (afterSave: (trx: Transaction<Database>) => Promise<void>) => Promise<void>
  page: { title: string; button: string; warning: string; action: string }
  saved: string
}

export function episodeRoutes(db: Db): RouteDefinition[] {
  const { loadCurrent, startForm, placementForm, legalStatusForm, endForm } = episodeForms(db)

  /** The check-answers flow every episode form shares. */
  async function checkStep(step: CheckStep): Promise<void> {
    const { request, response, user, childId, ip } = step
    const values = enteredValues(request)
    if (step.body.change) {
      await auditCheckPage(db, user, childId, step.entity, step.route, ip, 'change_answers')
      step.markAudited()
      return step.form({ values })
    }
    if (!step.body.confirmed) {
      const { issues, rows } = await step.preview()
      if (issues.length > 0) {
        response.status(400)
        return step.form({ values, errors: ruleErrors(issues) })
      }
      await auditCheckPage(db, user, childId, step.entity, step.route, ip, 'check_answers')
      step.markAudited()
      return renderSection(db, response, user, childId, 'check-answers', step.page.title, {
        ...step.page,
        rows,
        hidden: hiddenFields(values),
      })
    }
    // Validation as staff type: a save that adds a statutory return rule failure is rolled back unless
    // the user ticked "save anyway".
    const rulesBroken = await returnRulesBroken(db, user.councilId, childId)
    const checkReturns = refuseNewReturnErrors(
      user.councilId,
      childId,
      rulesBroken,
      values['saveAnyway'] === 'yes',
      EPISODE_FORMS,
    )
    try {
      await attempt(
        response,
        async () => {
          await step.save(checkReturns)
          step.markAudited()
          response.redirect(303, `${lookedAfterHref(childId)}?saved=${step.saved}`)
        },
        (errors) => step.form({ values, errors }),
      )
    } catch (error) {
      if (!(error instanceof NewReturnErrorsError)) throw error
      response.status(400)
      await step.form({ values, errors: returnErrorsForForm(error) })
    }
  }

  const formRoute = (
    path: string,
    name: string,
    entity: string,
    form: (response: Response, user: SignedInUser, childId: number) => Promise<void>,
  ) =>
    get({
      path: `${BASE}/${path}`,
      name,
      permission: 'child:write',
      audit: { kind: 'child', entity },
      handler: async (_request, response, { user, childId }) => form(response, user, childId as number),
    })

  return [
    formRoute('start', 'Record that a child became looked after', 'period_of_care', startForm),
    post({
      path: `${BASE}/start`,
      name: 'Save that a child became looked after',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'period_of_care' },
      body: startPeriodSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        startForm(response, user, childId as number, { values: enteredValues(request), errors: formErrors(issues) }),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        await checkStep({
          request,
          response,
          user,
          childId: id,
          ip,
          markAudited,
          body,
          entity: 'period_of_care',
          route: `POST ${BASE}/start`,
          form: (state) => startForm(response, user, id, state),
          preview: async () => {
            const { issues, preview } = await previewStartPeriod(db, user.councilId, id, body)
            return { issues, rows: startCheckRows(body, preview) }
          },
          save: async (afterSave) => void (await startPeriodOfCare(db, user, id, body, ip, afterSave)),
          page: {
            title: 'Check your answers before they become looked after',
            button: 'Record that they are looked after',
            warning: 'This starts a period of care and its first episode for the SSDA903 return.',
            action: lookedAfterHref(id, 'start'),
          },
          saved: 'start',
        })
      },
    }),
    formRoute('placement-change', 'Record a change of placement', 'looked_after_episode', placementForm),
    post({
      path: `${BASE}/placement-change`,
      name: 'Save a change of placement',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'looked_after_episode' },
      body: placementChangeSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        placementForm(response, user, childId as number, {
          values: enteredValues(request),
          errors: formErrors(issues),
        }),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        await checkStep({
          request,
          response,
          user,
          childId: id,
          ip,
          markAudited,
          body,
          entity: 'looked_after_episode',
          route: `POST ${BASE}/placement-change`,
          form: (state) => placementForm(response, user, id, state),
          preview: async () => {
            const { issues, preview } = await previewPlacementChange(db, user.councilId, id, body)
            const { current } = await loadCurrent(user.councilId, id)
            return { issues, rows: placementChangeCheckRows(body, preview, current) }
          },
          save: async (afterSave) => void (await changePlacement(db, user, id, body, ip, afterSave)),
          page: {
            title: 'Check your answers before recording the move',
            button: 'Record the change of placement',
            warning: 'The current episode ends on the date of the move and the next one starts that day.',
            action: lookedAfterHref(id, 'placement-change'),
          },
          saved: 'placement',
        })
      },
    }),
    formRoute('legal-status', 'Record a change of legal status', 'looked_after_episode', legalStatusForm),
    post({
      path: `${BASE}/legal-status`,
      name: 'Save a change of legal status',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'looked_after_episode' },
      body: legalStatusChangeSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        legalStatusForm(response, user, childId as number, {
          values: enteredValues(request),
          errors: formErrors(issues),
        }),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        await checkStep({
          request,
          response,
          user,
          childId: id,
          ip,
          markAudited,
          body,
          entity: 'looked_after_episode',
          route: `POST ${BASE}/legal-status`,
          form: (state) => legalStatusForm(response, user, id, state),
          preview: async () => {
            const { issues } = await previewLegalStatusChange(db, user.councilId, id, body)
            const { current } = await loadCurrent(user.councilId, id)
            return { issues, rows: legalStatusCheckRows(body, current) }
          },
          save: async (afterSave) => void (await changeLegalStatus(db, user, id, body, ip, afterSave)),
          page: {
            title: 'Check your answers before recording the new legal status',
            button: 'Record the change of legal status',
            warning: 'The current episode ends on this date and the next one, in the same placement, starts that day.',
            action: lookedAfterHref(id, 'legal-status'),
          },
          saved: 'legal-status',
        })
      },
    }),
    formRoute('end', 'Record that a child stopped being looked after', 'period_of_care', endForm),
    post({
      path: `${BASE}/end`,
      name: 'Save that a child stopped being looked after',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'period_of_care' },
      body: endPeriodSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        endForm(response, user, childId as number, { values: enteredValues(request), errors: formErrors(issues) }),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        await checkStep({
          request,
          response,
          user,
          childId: id,
          ip,
          markAudited,
          body,
          entity: 'period_of_care',
          route: `POST ${BASE}/end`,
          form: (state) => endForm(response, user, id, state),
          preview: async () => {
            const { issues } = await previewEndPeriod(db, user.councilId, id, body)
            const { current, periodStart } = await loadCurrent(user.councilId, id)
            return { issues, rows: endCheckRows(body, current, periodStart) }
          },
          save: async (afterSave) => void (await endPeriodOfCare(db, user, id, body, ip, afterSave)),
          page: {
            title: 'Check your answers before the period of care ends',
            button: 'End the period of care',
            warning: 'Ending a period of care cannot be undone: a later return to care starts a new period.',
            action: lookedAfterHref(id, 'end'),
          },
          saved: 'end',
        })
      },
    }),
  ]
}
