import type { Request, Response } from 'express'
import type { z } from 'zod'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { fieldError, formErrors, type FormErrors, NO_ERRORS } from '../../web/form-errors.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { appendAudit } from '../audit/audit-log.js'
import { childPageContext } from './child-sections.js'
import { getChild } from './child-queries.js'
import {
  acknowledgedIds,
  editChildSchema,
  newChildSchema,
  toChildDetails,
  type NewChildValues,
} from './child-schemas.js'
import {
  changeChildDetails,
  childDetailsOf,
  describeChildDetails,
  InvalidChildDetailsError,
  LaChildIdTakenError,
  recordNewChild,
} from './child-service.js'
import {
  childFormView,
  formValuesOf,
  hiddenFieldsOf,
  inFormOrder,
  summaryRows,
  type FormValues,
} from './child-form-view.js'
import { findPossibleDuplicates, type PossibleDuplicate } from './duplicates.js'
import { duplicateRows } from './duplicate-view.js'
import {
  CHILD_DETAILS_FORM,
  NewReturnErrorsError,
  refuseNewReturnErrors,
  returnErrorsForForm,
  returnRulesBroken,
} from '../returns/validation/staff-check.js'

const NOT_CARRIED = ['intent']

const needsTeamChoice = (user: SignedInUser) => user.teamIds.length === 0 && user.managedTeamIds.length === 0

const problemErrors = (error: InvalidChildDetailsError): FormErrors => ({
  errorList: error.problems.map((problem) => ({ text: problem.message, href: `#${problem.field}` })),
  errors: Object.fromEntries(error.problems.map((problem) => [problem.field, { text: problem.message }])),
})

/** Adding a child (form → duplicate check → check your answers → create) and changing a child's details. */
export function childFormRoutes(db: Db): RouteDefinition[] {
  const councilTeams = (user: SignedInUser) =>
    db.selectFrom('team').select(['id', 'name']).where('council_id', '=', user.councilId).orderBy('name').execute()

  const renderNewForm = async (response: Response, user: SignedInUser, values: FormValues, errors = NO_ERRORS) => {
    const teams = needsTeamChoice(user) ? await councilTeams(user) : []
    response.render('children/views/new.njk', {
      title: 'Add a child',
      values,
      form: childFormView(values),
      teamItems: [
        { value: '', text: 'Choose a team' },
        ...teams.map((team) => ({
          value: String(team.id),
          text: team.name,
          selected: String(team.id) === values['allocationTeam'],
        })),
      ],
      chooseTeam: needsTeamChoice(user),
      carried: hiddenFieldsOf({ acknowledgedDuplicates: values['acknowledgedDuplicates'] ?? '' }),
      ...errors,
    })
  }

  const renderCheck = (response: Response, user: SignedInUser, values: NewChildValues) => {
    response.render('children/views/new-check.njk', {
      title: 'Check the child’s details before adding them',
      allocation: needsTeamChoice(user)
        ? 'The child will be allocated to the team you chose, without a named worker.'
        : 'The child will be allocated to your team and to you, so you can open their record straight away.',
      rows: summaryRows({
        ...describeChildDetails(toChildDetails(values)),
        'Child ID': values.laChildId === '' ? 'Harbour will make one up' : values.laChildId,
      }),
      carried: hiddenFieldsOf(values, NOT_CARRIED),
    })
  }

  /** The duplicate check: searches the whole council, audited as a search naming the children found. */
  const duplicateCheck = async (user: SignedInUser, values: NewChildValues, ip: string, route: string) => {
    const details = toChildDetails(values)
    const found = await findPossibleDuplicates(db, user, details)
    await db.transaction().execute((trx) =>
      appendAudit(trx, {
        councilId: user.councilId,
        userId: user.id,
        userRole: user.role,
        action: 'search',
        entity: 'child',
        route,
        ip,
        detail: { purpose: 'duplicate_check', results: found.length, childIds: found.map((child) => child.id) },
      }),
    )
    return found
  }

  const renderDuplicates = (response: Response, values: NewChildValues, found: PossibleDuplicate[]) => {
    response.render('children/views/duplicates.njk', {
      title: 'This child may already have a record',
      duplicates: duplicateRows(found),
      carried: hiddenFieldsOf(
        { ...values, acknowledgedDuplicates: found.map((child) => child.id).join(',') },
        NOT_CARRIED,
      ),
    })
  }

  /** Answers the form's own schema cannot check: a child ID already used, a team to allocate to. */
  const formProblems = async (user: SignedInUser, values: NewChildValues): Promise<FormErrors | undefined> => {
    if (values.laChildId !== '') {
      const taken = await db
        .selectFrom('child')
        .select('id')
        .where('council_id', '=', user.councilId)
        .where((eb) => eb(eb.fn('lower', ['la_child_id']), '=', values.laChildId.toLowerCase()))
        .executeTakeFirst()
      if (taken !== undefined)
        return fieldError('laChildId', 'That child ID is already used: leave it blank and Harbour will make one up')
    }
    if (needsTeamChoice(user)) {
      const teams = await councilTeams(user)
      if (!teams.some((team) => String(team.id) === values.allocationTeam)) {
        return fieldError('allocationTeam', 'Select the team the child will be allocated to')
      }
    }
    return undefined
  }

  const invalidNewChild = async (
    request: Request,
    response: Response,
    { user }: { user: SignedInUser },
    issues: z.core.$ZodIssue[],
  ) => renderNewForm(response, user, request.body as FormValues, formErrors(inFormOrder(issues)))

  const renderEdit = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    values: FormValues,
    errors = NO_ERRORS,
    offerSaveAnyway = false,
  ) => {
    const page = await childPageContext(db, user.councilId, childId, 'summary')
    response.render('children/views/edit.njk', {
      title: 'Change the child’s details',
      ...page,
      values,
      form: childFormView(values),
      offerSaveAnyway,
      ...errors,
    })
  }

  return [
    get({
      path: '/children/new',
      name: 'Add a child',
      permission: 'child:write',
      audit: { kind: 'none', reason: 'an empty form: no child’s record is read' },
      handler: async (_request, response, { user }) => renderNewForm(response, user, {}),
    }),
    post({
      path: '/children/new',
      name: 'Add a child: check for duplicates',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'child' },
      body: newChildSchema,
      invalid: invalidNewChild,
      handler: async (_request, response, { user, body, ip, markAudited }) => {
        if (body.intent === 'change') {
          markAudited()
          return renderNewForm(response, user, body)
        }
        const problems = await formProblems(user, body)
        if (problems !== undefined) {
          response.status(400)
          markAudited()
          return renderNewForm(response, user, body, problems)
        }
        const found = await duplicateCheck(user, body, ip, 'POST /children/new')
        markAudited()
        const acknowledged = acknowledgedIds(body)
        if (found.some((child) => !acknowledged.includes(child.id))) return renderDuplicates(response, body, found)
        renderCheck(response, user, body)
      },
    }),
    post({
      path: '/children/new/duplicates',
      name: 'Add a child: a different child from the possible duplicates',
      permission: 'child:write',
      audit: { kind: 'none', reason: 'moves the answers on to the check page; the duplicate check was audited' },
      body: newChildSchema,
      invalid: invalidNewChild,
      handler: async (_request, response, { user, body }) => renderCheck(response, user, body),
    }),
    post({
      path: '/children/new/check',
      name: 'Add a child',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'child' },
      body: newChildSchema,
      invalid: invalidNewChild,
      handler: async (_request, response, { user, body, ip, markAudited }) => {
        const problems = await formProblems(user, body)
        if (problems !== undefined) {
          response.status(400)
          markAudited()
          return renderNewForm(response, user, body, problems)
        }
        // Someone may have added the same child since the check: look again before creating.
        const found = await duplicateCheck(user, body, ip, 'POST /children/new/check')
        markAudited()
        const acknowledged = acknowledgedIds(body)
        if (found.some((child) => !acknowledged.includes(child.id))) return renderDuplicates(response, body, found)
        try {
          const created = await recordNewChild(
            db,
            user,
            {
              details: toChildDetails(body),
              laChildId: body.laChildId,
              teamId: body.allocationTeam === '' ? undefined : Number(body.allocationTeam),
            },
            ip,
          )
          response.redirect(303, `/children/${created.childId}?created=1`)
        } catch (error) {
          if (error instanceof InvalidChildDetailsError) {
            response.status(400)
            return renderNewForm(response, user, body, problemErrors(error))
          }
          if (error instanceof LaChildIdTakenError) {
            response.status(400)
            return renderNewForm(response, user, body, fieldError('laChildId', 'That child ID is already used'))
          }
          throw error
        }
      },
    }),
    get({
      path: '/children/:childId/edit',
      name: 'Change a child’s details',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'child' },
      handler: async (_request, response, { user, childId }) => {
        const child = await getChild(db, user.councilId, childId as number)
        if (child.merged_into_child_id !== null)
          return response.redirect(303, `/children/${child.merged_into_child_id}/edit`)
        await renderEdit(response, user, child.id, {
          ...formValuesOf(childDetailsOf(child)),
          version: String(child.version),
        })
      },
    }),
    post({
      path: '/children/:childId/edit',
      name: 'Change a child’s details',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'child' },
      body: editChildSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderEdit(response, user, childId as number, request.body as FormValues, formErrors(inFormOrder(issues))),
      handler: async (_request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        const rulesBroken = await returnRulesBroken(db, user.councilId, id)
        try {
          await changeChildDetails(
            db,
            user,
            id,
            { details: toChildDetails(body), version: body.version },
            ip,
            refuseNewReturnErrors(user.councilId, id, rulesBroken, body.saveAnyway === 'yes', CHILD_DETAILS_FORM),
          )
        } catch (error) {
          if (error instanceof NewReturnErrorsError) {
            response.status(400)
            return renderEdit(
              response,
              user,
              id,
              { ...body, version: String(body.version) },
              returnErrorsForForm(error),
              true,
            )
          }
          if (!(error instanceof InvalidChildDetailsError)) throw error
          response.status(400)
          return renderEdit(response, user, childId as number, body, problemErrors(error))
        }
        markAudited()
        response.redirect(303, `/children/${childId}?saved=1`)
      },
    }),
  ]
}
