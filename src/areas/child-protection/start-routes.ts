import type { Response } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { NotFoundError } from '../../web/errors.js'
import { formErrors } from '../../web/form-errors.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { datePartsFromIso } from '../../web/forms/date-input.js'
import { codeRadioItems } from '../../web/forms/code-options.js'
import { listValue, textValue } from './form-values.js'
import { AGENCIES, DISCUSSION_DECISIONS, SECTION47_OUTCOMES } from './labels.js'
import { icpcTargetDate } from './plan-rules.js'
import { recordInitialConference } from './conference-service.js'
import { currentReferral, discussionAwaitingEnquiry, enquiryAwaitingConference } from './records.js'
import {
  BASE,
  changedValues,
  formSupport,
  numericParam,
  pathFor,
  type FormState,
  type Values,
} from './route-support.js'
import {
  initialConferenceSchema,
  section47OutcomeSchema,
  section47Schema,
  strategyDiscussionSchema,
} from './schemas.js'
import { recordSection47Enquiry, recordSection47Outcome, recordStrategyDiscussion } from './service.js'

/** Strategy discussions, section 47 enquiries and their outcomes, and initial conferences. */
export function startRoutes(db: Db): RouteDefinition[] {
  const { renderForm, loadOwnRecord, done, attempt } = formSupport(db)

  // -------------------------------------------------------------------------- strategy discussion

  const discussionForm = (response: Response, user: SignedInUser, childId: number, state: FormState) =>
    loadOwnRecord(user, childId).then((record) =>
      renderForm(response, user, childId, 'strategy-discussion', 'Record a strategy discussion', 'discussion', state, {
        referral: currentReferral(record),
        agencyItems: Object.entries(AGENCIES).map(([value, text]) => ({
          value,
          text,
          checked: listValue(state.values?.['agencies']).includes(value),
        })),
        decisionItems: Object.entries(DISCUSSION_DECISIONS).map(([value, text]) => ({
          value,
          text,
          checked: state.values?.['decision'] === value,
        })),
        action: pathFor(childId, 'strategy-discussions'),
      }),
    )

  const discussionRoutes = [
    get({
      path: `${BASE}/strategy-discussions/new`,
      name: 'Record a strategy discussion',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'strategy_discussion' },
      handler: async (request, response, { user, childId }) =>
        discussionForm(response, user, childId as number, { values: changedValues(request) }),
    }),
    post({
      path: `${BASE}/strategy-discussions`,
      name: 'Save a strategy discussion',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'strategy_discussion' },
      body: strategyDiscussionSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        discussionForm(response, user, childId as number, {
          values: request.body as Values,
          errors: formErrors(issues),
        }),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        await attempt(
          response,
          async () => {
            const ids = await recordStrategyDiscussion(db, user, id, body, ip)
            markAudited()
            done(response, id, 'discussion', ids.length)
          },
          (errors) => discussionForm(response, user, id, { values: request.body as Values, errors }),
        )
      },
    }),
  ]

  // ------------------------------------------------------------------------ section 47 enquiries

  const enquiryForm = (response: Response, user: SignedInUser, childId: number, state: FormState) =>
    loadOwnRecord(user, childId).then((record) => {
      const discussion = discussionAwaitingEnquiry(record)
      return renderForm(response, user, childId, 'section47', 'Record a section 47 enquiry', 'enquiry', state, {
        discussion,
        icpcTarget: discussion === undefined ? undefined : icpcTargetDate(discussion.held_on),
        action: pathFor(childId, 'section-47-enquiries'),
      })
    })

  const outcomeForm = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    enquiryId: number,
    state: FormState,
  ) => {
    const record = await loadOwnRecord(user, childId)
    const enquiry = record.enquiries.find((candidate) => candidate.id === enquiryId)
    if (enquiry === undefined) throw new NotFoundError()
    const values = state.values ?? {
      ...datePartsFromIso('endDate', enquiry.end_date),
      outcome: enquiry.outcome ?? '',
      version: String(enquiry.version),
    }
    return renderForm(
      response,
      user,
      childId,
      'section47-outcome',
      'Record the outcome of a section 47 enquiry',
      'outcome',
      { ...state, values },
      {
        enquiry,
        outcomeItems: Object.entries(SECTION47_OUTCOMES).map(([value, outcome]) => ({
          value,
          text: outcome.label,
          hint: { text: outcome.hint },
          checked: values['outcome'] === value,
        })),
        action: pathFor(childId, 'section-47-enquiries', enquiryId, 'outcome'),
      },
    )
  }

  const enquiryRoutes = [
    get({
      path: `${BASE}/section-47-enquiries/new`,
      name: 'Record a section 47 enquiry',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'section47_enquiry' },
      handler: async (request, response, { user, childId }) =>
        enquiryForm(response, user, childId as number, { values: changedValues(request) }),
    }),
    post({
      path: `${BASE}/section-47-enquiries`,
      name: 'Save a section 47 enquiry',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'section47_enquiry' },
      body: section47Schema,
      invalid: async (request, response, { user, childId }, issues) =>
        enquiryForm(response, user, childId as number, { values: request.body as Values, errors: formErrors(issues) }),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        await attempt(
          response,
          async () => {
            const ids = await recordSection47Enquiry(db, user, id, body, ip)
            markAudited()
            done(response, id, 'enquiry', ids.length)
          },
          (errors) => enquiryForm(response, user, id, { values: request.body as Values, errors }),
        )
      },
    }),
    get({
      path: `${BASE}/section-47-enquiries/:enquiryId/outcome`,
      name: 'Record the outcome of a section 47 enquiry',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'section47_enquiry' },
      handler: async (request, response, { user, childId }) =>
        outcomeForm(response, user, childId as number, numericParam(request, 'enquiryId'), {}),
    }),
    post({
      path: `${BASE}/section-47-enquiries/:enquiryId/outcome`,
      name: 'Save the outcome of a section 47 enquiry',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'section47_enquiry' },
      body: section47OutcomeSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        outcomeForm(response, user, childId as number, numericParam(request, 'enquiryId'), {
          values: request.body as Values,
          errors: formErrors(issues),
        }),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        const enquiryId = numericParam(request, 'enquiryId')
        await attempt(
          response,
          async () => {
            const ids = await recordSection47Outcome(db, user, id, enquiryId, body, ip)
            markAudited()
            done(response, id, 'outcome', ids.length)
          },
          (errors) => outcomeForm(response, user, id, enquiryId, { values: request.body as Values, errors }),
        )
      },
    }),
  ]

  // -------------------------------------------------------------------------- initial conference

  const conferenceForm = (response: Response, user: SignedInUser, childId: number, state: FormState) =>
    loadOwnRecord(user, childId).then((record) =>
      renderForm(
        response,
        user,
        childId,
        'initial-conference',
        'Record an initial child protection conference',
        'conference',
        state,
        {
          enquiry: enquiryAwaitingConference(record),
          decisionItems: [
            {
              value: 'plan_made',
              text: 'Make a child protection plan',
              hint: { text: 'The child is likely to suffer significant harm' },
            },
            { value: 'no_plan', text: 'No child protection plan' },
          ].map((item) => ({ ...item, checked: state.values?.['decision'] === item.value })),
          categoryItems: codeRadioItems('CategoryOfAbuse', textValue(state.values?.['category'])),
          action: pathFor(childId, 'initial-conferences'),
        },
      ),
    )

  const conferenceRoutes = [
    get({
      path: `${BASE}/initial-conferences/new`,
      name: 'Record an initial child protection conference',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'cp_conference' },
      handler: async (request, response, { user, childId }) =>
        conferenceForm(response, user, childId as number, { values: changedValues(request) }),
    }),
    post({
      path: `${BASE}/initial-conferences`,
      name: 'Save an initial child protection conference',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'cp_conference' },
      body: initialConferenceSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        conferenceForm(response, user, childId as number, {
          values: request.body as Values,
          errors: formErrors(issues),
        }),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        await attempt(
          response,
          async () => {
            const result = await recordInitialConference(db, user, id, body, ip)
            markAudited()
            done(response, id, 'conference', result.conferenceIds.length)
          },
          (errors) => conferenceForm(response, user, id, { values: request.body as Values, errors }),
        )
      },
    }),
  ]

  return [...discussionRoutes, ...enquiryRoutes, ...conferenceRoutes]
}
