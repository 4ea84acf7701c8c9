import type { Response } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { NotFoundError } from '../../web/errors.js'
import { formErrors, type FormErrors } from '../../web/form-errors.js'
import { datePartsFromIso, todayInLondon } from '../../web/forms/date-input.js'
import { roleHas } from '../../web/permissions.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { asList, idParam, pickValues, ruleErrors, savedMessage } from '../front-door/pages.js'
import { factorCheckboxGroups } from './factors.js'
import { getAssessment } from './queries.js'
import { assessmentSchema, authorisationSchema, startAssessmentSchema, versionSchema } from './schemas.js'
import {
  authoriseAssessment,
  checkAuthorisation,
  startAssessment,
  submissionProblems,
  submitAssessment,
  updateAssessment,
} from './assessment-service.js'
import { assessmentSummaryRows, authorisationCheckRows, outcomeRadioItems, timelinessView } from './view-rows.js'
import { assessmentsPage, SAVED_MESSAGES, startFormRenderer, text } from './pages.js'

const AUTHORISATION_FIELDS = ['authorised-day', 'authorised-month', 'authorised-year', 'version'] as const

/** Child and family assessments: start, record factors and outcome, submit, authorise (manager). */
export function assessmentRecordRoutes(db: Db): RouteDefinition[] {
  const page = assessmentsPage(db)
  const renderStart = startFormRenderer(db)

  const loadAssessment = async (user: SignedInUser, childId: number, assessmentId: number) => {
    const assessment = await getAssessment(db, user.councilId, childId, assessmentId)
    if (assessment === undefined) throw new NotFoundError()
    return assessment
  }

  const renderEdit = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    assessmentId: number,
    values: Record<string, unknown> | undefined,
    errors?: FormErrors,
  ) => {
    const assessment = await loadAssessment(user, childId, assessmentId)
    const shown = values ?? {
      ...datePartsFromIso('start', assessment.start_date),
      factors: assessment.factors,
      outcome: assessment.outcome ?? '',
      childSeen: assessment.child_seen === null ? '' : assessment.child_seen ? 'yes' : 'no',
      version: String(assessment.version),
    }
    await page(response, user, childId, 'assessment-form', 'Record the assessment', {
      assessment,
      values: shown,
      ...errors,
      factorGroups: factorCheckboxGroups(asList(shown['factors'])),
      outcomeItems: outcomeRadioItems(text(shown['outcome'])),
    })
  }

  const renderSubmit = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    assessmentId: number,
    refused?: { text: string; href: string }[],
  ) => {
    const assessment = await loadAssessment(user, childId, assessmentId)
    const edit = `/children/${childId}/assessments/${assessmentId}/edit`
    const problems =
      refused ?? submissionProblems(assessment).map((problem) => ({ text: problem.message, href: `#${problem.field}` }))
    const linked = problems.map((problem) => ({
      text: problem.text,
      href: problem.href === '#submit' || problem.href === '#form' ? '#submit' : `${edit}${problem.href}`,
    }))
    await page(response, user, childId, 'submit', 'Check the assessment before you submit it', {
      assessment,
      summaryRows: assessmentSummaryRows(assessment),
      problems: linked,
      // A refused submission is an error; an assessment that is simply not ready yet is not.
      errorList: refused === undefined ? [] : linked,
    })
  }

  const renderAuthorise = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    assessmentId: number,
    values: Record<string, unknown> | undefined,
    errors?: FormErrors,
  ) => {
    const assessment = await loadAssessment(user, childId, assessmentId)
    await page(response, user, childId, 'authorise-form', 'Authorise the assessment', {
      assessment,
      summaryRows: assessmentSummaryRows(assessment),
      values: values ?? { ...datePartsFromIso('authorised', todayInLondon()), version: String(assessment.version) },
      ...errors,
    })
  }

  return [
    get({
      path: '/children/:childId/assessments/new',
      name: 'Start an assessment',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'assessment' },
      handler: async (_request, response, { user, childId }) =>
        renderStart(response, user, childId as number, 'assessment', {}),
    }),
    post({
      path: '/children/:childId/assessments',
      name: 'Save a new assessment',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'assessment' },
      body: startAssessmentSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderStart(response, user, childId as number, 'assessment', request.body, formErrors(issues)),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        let assessmentId: number
        try {
          assessmentId = await startAssessment(db, user, id, body, ip)
        } catch (error) {
          response.status(400)
          return renderStart(response, user, id, 'assessment', request.body, ruleErrors(error))
        }
        markAudited()
        response.redirect(303, `/children/${id}/assessments/${assessmentId}?saved=started`)
      },
    }),
    get({
      path: '/children/:childId/assessments/:assessmentId',
      name: 'An assessment',
      permission: 'child:read',
      audit: { kind: 'child', entity: 'assessment' },
      handler: async (request, response, { user, childId }) => {
        const id = childId as number
        const assessment = await loadAssessment(user, id, idParam(request, 'assessmentId'))
        const authorised = assessment.authorisation_date !== null
        await page(response, user, id, 'assessment', 'Child and family assessment', {
          assessment,
          saved: savedMessage(SAVED_MESSAGES, request.query),
          summaryRows: assessmentSummaryRows(assessment),
          timeliness: timelinessView(assessment.referral_date, assessment.authorisation_date, todayInLondon()),
          canEdit: !authorised && roleHas(user.role, 'child:write'),
          canSubmit: !authorised && assessment.submitted_at === null && roleHas(user.role, 'child:write'),
          canAuthorise: !authorised && assessment.submitted_at !== null && roleHas(user.role, 'child:manage'),
          suggestPlan: authorised && assessment.outcome === 'cin_plan' && roleHas(user.role, 'child:write'),
        })
      },
    }),
    get({
      path: '/children/:childId/assessments/:assessmentId/edit',
      name: 'Record the assessment',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'assessment' },
      handler: async (request, response, { user, childId }) =>
        renderEdit(response, user, childId as number, idParam(request, 'assessmentId'), undefined),
    }),
    post({
      path: '/children/:childId/assessments/:assessmentId/edit',
      name: 'Save the assessment',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'assessment' },
      body: assessmentSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderEdit(
          response,
          user,
          childId as number,
          idParam(request, 'assessmentId'),
          request.body,
          formErrors(issues),
        ),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        const assessmentId = idParam(request, 'assessmentId')
        try {
          await updateAssessment(db, user, id, assessmentId, body, ip)
        } catch (error) {
          response.status(400)
          return renderEdit(response, user, id, assessmentId, request.body, ruleErrors(error))
        }
        markAudited()
        response.redirect(303, `/children/${id}/assessments/${assessmentId}?saved=saved`)
      },
    }),
    get({
      path: '/children/:childId/assessments/:assessmentId/submit',
      name: 'Check the assessment before submitting it',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'assessment' },
      handler: async (request, response, { user, childId }) =>
        renderSubmit(response, user, childId as number, idParam(request, 'assessmentId')),
    }),
    post({
      path: '/children/:childId/assessments/:assessmentId/submit',
      name: 'Submit the assessment for authorisation',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'assessment' },
      body: versionSchema,
      invalid: async (request, response, { user, childId }) =>
        renderSubmit(response, user, childId as number, idParam(request, 'assessmentId'), [
          { text: 'Open the assessment again and submit it from there', href: '#submit' },
        ]),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        const assessmentId = idParam(request, 'assessmentId')
        try {
          await submitAssessment(db, user, id, assessmentId, body, ip)
        } catch (error) {
          response.status(400)
          return renderSubmit(response, user, id, assessmentId, ruleErrors(error).errorList)
        }
        markAudited()
        response.redirect(303, `/children/${id}/assessments/${assessmentId}?saved=submitted`)
      },
    }),
    get({
      path: '/children/:childId/assessments/:assessmentId/authorise',
      name: 'Authorise an assessment',
      permission: 'child:manage',
      audit: { kind: 'child', entity: 'assessment' },
      handler: async (request, response, { user, childId }) => {
        const fromChange = pickValues(request.query, AUTHORISATION_FIELDS)
        await renderAuthorise(
          response,
          user,
          childId as number,
          idParam(request, 'assessmentId'),
          Object.keys(fromChange).length > 0 ? fromChange : undefined,
        )
      },
    }),
    post({
      path: '/children/:childId/assessments/:assessmentId/authorise/check',
      name: 'Check the answers before authorising an assessment',
      permission: 'child:manage',
      // Changes nothing: shows the answers back, so it is audited as a read of the record.
      audit: { kind: 'child', entity: 'assessment' },
      body: authorisationSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderAuthorise(
          response,
          user,
          childId as number,
          idParam(request, 'assessmentId'),
          request.body,
          formErrors(issues),
        ),
      handler: async (request, response, { user, childId, body }) => {
        const id = childId as number
        const assessmentId = idParam(request, 'assessmentId')
        try {
          await checkAuthorisation(db, user, id, assessmentId, body)
        } catch (error) {
          response.status(400)
          return renderAuthorise(response, user, id, assessmentId, request.body, ruleErrors(error))
        }
        const assessment = await loadAssessment(user, id, assessmentId)
        const answers = pickValues(request.body, AUTHORISATION_FIELDS)
        const changeHref = `/children/${id}/assessments/${assessmentId}/authorise?${new URLSearchParams(answers).toString()}`
        await page(response, user, id, 'authorise-check', 'Check your answers before authorising the assessment', {
          assessment,
          rows: authorisationCheckRows(assessment, body.authorisationDate, changeHref, todayInLondon()),
          hidden: Object.entries(answers).map(([name, value]) => ({ name, value })),
        })
      },
    }),
    post({
      path: '/children/:childId/assessments/:assessmentId/authorise',
      name: 'Authorise an assessment (confirmed)',
      permission: 'child:manage',
      audit: { kind: 'write', entity: 'assessment' },
      body: authorisationSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderAuthorise(
          response,
          user,
          childId as number,
          idParam(request, 'assessmentId'),
          request.body,
          formErrors(issues),
        ),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        const assessmentId = idParam(request, 'assessmentId')
        try {
          await authoriseAssessment(db, user, id, assessmentId, body, ip)
        } catch (error) {
          response.status(400)
          return renderAuthorise(response, user, id, assessmentId, request.body, ruleErrors(error))
        }
        markAudited()
        response.redirect(303, `/children/${id}/assessments/${assessmentId}?saved=authorised`)
      },
    }),
  ]
}
