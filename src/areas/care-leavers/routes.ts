import type { Request, Response } from 'express'
import type { z } from 'zod'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { formErrors, type FormErrors } from '../../web/form-errors.js'
import { datePartsFromIso, todayInLondon } from '../../web/forms/date-input.js'
import { roleHas } from '../../web/permissions.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { childPageContext } from '../children/child-sections.js'
import type { Selectable } from 'kysely'
import type { Database } from '../../db/schema.js'
import { caseloadRoutes } from './caseload-routes.js'
import { confirmedRoutes } from './confirmed-routes.js'
import { attempt, enteredValues, numericParam, saveName } from './route-helpers.js'
import { childRecord, updateAccommodationJudgement, type ChildRecordTable } from './edit-service.js'
import { updateActivity, updateStayingArrangement, updateWorkOffer } from './period-edits.js'
import {
  ACCOMMODATION_EDIT_FORM,
  ACCOMMODATION_FORM,
  ACTIVITY_EDIT_FORM,
  ACTIVITY_FORM,
  CONTACT_FORM,
  GOAL_FORM,
  GOAL_PROGRESS_FORM,
  NEEDS_ASSESSMENT_FORM,
  PLAN_FORM,
  RESPONSIBLE_AUTHORITY_FORM,
  REVIEW_FORM,
  STAYING_EDIT_FORM,
  STAYING_FORM,
  SUPPORT_REQUEST_FORM,
  WORK_OFFER_EDIT_FORM,
  WORK_OFFER_FORM,
  renderForm,
  type FormSpec,
  type Values,
} from './forms.js'
import { careLeaverHref, careLeaverPage, SAVED_MESSAGES } from './page.js'
import {
  addPathwayGoal,
  recordNeedsAssessment,
  recordPathwayPlan,
  recordPathwayReview,
  updateGoalProgress,
} from './pathway-service.js'
import {
  accommodationEditSchema,
  accommodationSchema,
  activityEditSchema,
  activitySchema,
  contactSchema,
  goalProgressSchema,
  goalSchema,
  needsAssessmentSchema,
  pathwayPlanSchema,
  responsibleAuthoritySchema,
  reviewSchema,
  stayingEditSchema,
  stayingSchema,
  supportRequestSchema,
  workOfferEditSchema,
  workOfferSchema,
} from './schemas.js'
import {
  recordAccommodation,
  recordActivity,
  recordKeepingInTouch,
  recordResponsibleAuthorityElsewhere,
  recordStayingArrangement,
  recordSupportRequest,
  recordWorkOffer,
} from './service.js'

/**
 * The care-leaver section of a child's record (/children/:childId/care-leaver) and its forms, and the
 * personal adviser's caseload (caseload-routes.ts). Every write goes through a service that audits it.
 */

const BASE = '/children/:childId/care-leaver'

interface FormRouteSpec<S extends z.ZodType> {
  /** Under BASE: the POST path; the form is at `${path}/new` unless `formPath` says otherwise. */
  path: string
  formPath?: string
  name: string
  entity: string
  schema: S
  spec: FormSpec
  /** Values a form opens with (an edit form: the saved record and its version). */
  initial?: (request: Request, user: SignedInUser, childId: number) => Promise<Values>
  save: (request: Request, user: SignedInUser, childId: number, body: z.infer<S>, ip: string) => Promise<unknown>
  saved: string
}

function formRoutes<S extends z.ZodType>(db: Db, route: FormRouteSpec<S>): RouteDefinition[] {
  const action = (request: Request) => request.originalUrl.replace(/\/new(\?.*)?$/, '').replace(/\?.*$/, '')
  const postPath = `${BASE}/${route.path}`
  const show = (
    request: Request,
    response: Response,
    user: SignedInUser,
    childId: number,
    values: Values,
    errors?: FormErrors,
  ) =>
    renderForm(db, response, user, childId, route.spec, {
      action: action(request).replace(/\/new$/, ''),
      values,
      ...(errors === undefined ? {} : { errors }),
    })
  return [
    get({
      path: `${BASE}/${route.formPath ?? `${route.path}/new`}`,
      name: route.name,
      permission: 'child:write',
      audit: { kind: 'child', entity: route.entity },
      handler: async (request, response, { user, childId }) => {
        const id = childId as number
        await show(
          request,
          response,
          user,
          id,
          route.initial === undefined ? {} : await route.initial(request, user, id),
        )
      },
    }),
    post({
      path: postPath,
      name: saveName(route.name),
      permission: 'child:write',
      audit: { kind: 'write', entity: route.entity },
      body: route.schema,
      invalid: async (request, response, { user, childId }, issues) =>
        show(request, response, user, childId as number, enteredValues(request), formErrors(issues)),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        await attempt(
          response,
          async () => {
            await route.save(request, user, id, body, ip)
            markAudited()
            response.redirect(303, `${careLeaverHref(id)}?saved=${route.saved}`)
          },
          (errors) => show(request, response, user, id, enteredValues(request), errors),
        )
      },
    }),
  ]
}

interface EditRouteSpec<S extends z.ZodType, T extends ChildRecordTable> {
  /** Under BASE: the records' path; the form and its POST are at `${path}/:${param}`. */
  path: string
  param: string
  table: T
  name: string
  schema: S
  spec: FormSpec
  /** The saved record as the form's answers (the version is added). */
  values: (row: Selectable<Database[T]>) => Values
  save: (user: SignedInUser, childId: number, id: number, body: z.infer<S>, ip: string) => Promise<unknown>
  saved: string
}

/** A change form for one saved record of the young person: opens on the saved answers and version. */
function editRoutes<S extends z.ZodType, T extends ChildRecordTable>(db: Db, route: EditRouteSpec<S, T>) {
  const path = `${route.path}/:${route.param}`
  return formRoutes(db, {
    path,
    formPath: path,
    name: route.name,
    entity: route.table,
    schema: route.schema,
    spec: route.spec,
    initial: async (request, user, childId) => {
      const id = numericParam(request, route.param)
      const row = await childRecord(db, route.table, { councilId: user.councilId, childId, id })
      return { ...route.values(row), version: String(row.version) }
    },
    save: (request, user, childId, body, ip) => route.save(user, childId, numericParam(request, route.param), body, ip),
    saved: route.saved,
  })
}

const dates = (fields: Record<string, string | null>): Values =>
  Object.assign({}, ...Object.entries(fields).map(([name, iso]) => datePartsFromIso(name, iso))) as Values

const yesNo = (value: boolean | null) => (value === true ? 'yes' : value === false ? 'no' : '')

export function careLeaverRoutes(db: Db): RouteDefinition[] {
  return [
    ...caseloadRoutes(db),
    get({
      path: BASE,
      name: 'Care leaver',
      permission: 'child:read',
      audit: { kind: 'child', entity: 'care_leaver' },
      handler: async (request, response, { user, childId }) => {
        const id = childId as number
        const canRecord = roleHas(user.role, 'child:write')
        const canManage = roleHas(user.role, 'child:manage')
        const [page, section] = await Promise.all([
          childPageContext(db, user.councilId, id, 'care-leaver'),
          careLeaverPage(db, user.councilId, id, todayInLondon(), { canRecord, canManage }),
        ])
        const saved = typeof request.query['saved'] === 'string' ? SAVED_MESSAGES[request.query['saved']] : undefined
        response.render('care-leavers/views/index.njk', { ...page, ...section, title: 'Care leaver', saved, canRecord })
      },
    }),
    ...formRoutes(db, {
      path: 'contacts',
      name: 'Record a keeping-in-touch contact',
      entity: 'keeping_in_touch_contact',
      schema: contactSchema,
      spec: CONTACT_FORM,
      save: (_request, user, childId, body, ip) => recordKeepingInTouch(db, user, childId, body, ip),
      saved: 'contact',
    }),
    ...formRoutes(db, {
      path: 'accommodation',
      name: 'Record where a care leaver lives',
      entity: 'care_leaver_accommodation',
      schema: accommodationSchema,
      spec: ACCOMMODATION_FORM,
      save: (_request, user, childId, body, ip) => recordAccommodation(db, user, childId, body, ip),
      saved: 'accommodation',
    }),
    ...editRoutes(db, {
      path: 'accommodation',
      param: 'accommodationId',
      table: 'care_leaver_accommodation',
      name: 'Change a care leaver’s accommodation record',
      schema: accommodationEditSchema,
      spec: ACCOMMODATION_EDIT_FORM,
      values: (row) => ({
        suitable: yesNo(row.suitable),
        unsuitableReason: row.unsuitable_reason ?? '',
        youngPersonView: row.young_person_view ?? '',
        ...dates({ endDate: row.end_date }),
      }),
      save: (user, childId, id, body, ip) => updateAccommodationJudgement(db, user, childId, id, body, ip),
      saved: 'accommodation-changed',
    }),
    ...formRoutes(db, {
      path: 'activity',
      name: 'Record a care leaver’s education, employment or training',
      entity: 'care_leaver_activity',
      schema: activitySchema,
      spec: ACTIVITY_FORM,
      save: (_request, user, childId, body, ip) => recordActivity(db, user, childId, body, ip),
      saved: 'activity',
    }),
    ...editRoutes(db, {
      path: 'activity',
      param: 'activityId',
      table: 'care_leaver_activity',
      name: 'Change a care leaver’s education, employment or training record',
      schema: activityEditSchema,
      spec: ACTIVITY_EDIT_FORM,
      values: (row) => ({
        activityCode: row.activity_code,
        providerName: row.provider_name ?? '',
        ...dates({ startDate: row.start_date, endDate: row.end_date }),
      }),
      save: (user, childId, id, body, ip) => updateActivity(db, user, childId, id, body, ip),
      saved: 'activity-changed',
    }),
    ...formRoutes(db, {
      path: 'work-offers',
      name: 'Record a work opportunity offered to a care leaver',
      entity: 'work_opportunity_offer',
      schema: workOfferSchema,
      spec: WORK_OFFER_FORM,
      save: (_request, user, childId, body, ip) => recordWorkOffer(db, user, childId, body, ip),
      saved: 'work-offer',
    }),
    ...editRoutes(db, {
      path: 'work-offers',
      param: 'offerId',
      table: 'work_opportunity_offer',
      name: 'Change what happened to a work opportunity offered to a care leaver',
      schema: workOfferEditSchema,
      spec: WORK_OFFER_EDIT_FORM,
      values: (row) => ({
        status: row.status,
        ...dates({ offeredDate: row.offered_date, startDate: row.start_date, endDate: row.end_date }),
      }),
      save: (user, childId, id, body, ip) => updateWorkOffer(db, user, childId, id, body, ip),
      saved: 'work-offer-changed',
    }),
    ...formRoutes(db, {
      path: 'needs-assessments',
      name: 'Record a pathway needs assessment',
      entity: 'pathway_needs_assessment',
      schema: needsAssessmentSchema,
      spec: NEEDS_ASSESSMENT_FORM,
      save: (_request, user, childId, body, ip) => recordNeedsAssessment(db, user, childId, body, ip),
      saved: 'needs-assessment',
    }),
    ...formRoutes(db, {
      path: 'pathway-plans',
      name: 'Record a pathway plan',
      entity: 'pathway_plan',
      schema: pathwayPlanSchema,
      spec: PLAN_FORM,
      save: (_request, user, childId, body, ip) => recordPathwayPlan(db, user, childId, body, ip),
      saved: 'plan',
    }),
    ...formRoutes(db, {
      path: 'goals',
      name: 'Add a pathway plan goal',
      entity: 'pathway_goal',
      schema: goalSchema,
      spec: GOAL_FORM,
      save: (_request, user, childId, body, ip) => addPathwayGoal(db, user, childId, body, ip),
      saved: 'goal',
    }),
    ...editRoutes(db, {
      path: 'goals',
      param: 'goalId',
      table: 'pathway_goal',
      name: 'Update a pathway plan goal',
      schema: goalProgressSchema,
      spec: GOAL_PROGRESS_FORM,
      values: (goal) => ({
        status: goal.status,
        measure: goal.measure ?? '',
        ...dates({ achievedDate: goal.achieved_date, byWhen: goal.by_when }),
      }),
      save: (user, childId, id, body, ip) => updateGoalProgress(db, user, childId, id, body, ip),
      saved: 'goal-changed',
    }),
    ...formRoutes(db, {
      path: 'reviews',
      name: 'Record a pathway plan review',
      entity: 'pathway_review',
      schema: reviewSchema,
      spec: REVIEW_FORM,
      save: (_request, user, childId, body, ip) => recordPathwayReview(db, user, childId, body, ip),
      saved: 'review',
    }),
    ...formRoutes(db, {
      path: 'staying',
      name: 'Record a Staying Put or Staying Close arrangement',
      entity: 'staying_arrangement',
      schema: stayingSchema,
      spec: STAYING_FORM,
      save: (_request, user, childId, body, ip) => recordStayingArrangement(db, user, childId, body, ip),
      saved: 'staying',
    }),
    ...editRoutes(db, {
      path: 'staying',
      param: 'arrangementId',
      table: 'staying_arrangement',
      name: 'Change or end a Staying Put or Staying Close arrangement',
      schema: stayingEditSchema,
      spec: STAYING_EDIT_FORM,
      values: (row) => ({
        arrangementType: row.arrangement_type,
        weeklyPayment: row.weekly_payment_pence === null ? '' : (row.weekly_payment_pence / 100).toFixed(2),
        endReason: row.end_reason ?? '',
        ...dates({ startDate: row.start_date, endDate: row.end_date }),
      }),
      save: (user, childId, id, body, ip) => updateStayingArrangement(db, user, childId, id, body, ip),
      saved: 'staying-changed',
    }),
    ...formRoutes(db, {
      path: 'support-requests',
      name: 'Record a request for support from a care leaver aged 21 to 25',
      entity: 'support_request',
      schema: supportRequestSchema,
      spec: SUPPORT_REQUEST_FORM,
      save: (_request, user, childId, body, ip) => recordSupportRequest(db, user, childId, body, ip),
      saved: 'support-request',
    }),
    ...formRoutes(db, {
      path: 'responsible-authority',
      name: 'Record that another council is responsible for a care leaver',
      entity: 'responsible_authority_elsewhere',
      schema: responsibleAuthoritySchema,
      spec: RESPONSIBLE_AUTHORITY_FORM,
      save: (_request, user, childId, body, ip) => recordResponsibleAuthorityElsewhere(db, user, childId, body, ip),
      saved: 'responsible-authority',
    }),
    ...confirmedRoutes(db),
  ]
}
