import type { Request } from 'express'
import type { z } from 'zod'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { formErrors } from '../../web/form-errors.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { recordAdoptionDecision, recordAdoptionMatch, reverseAdoptionDecision } from './adoption-service.js'
import { recordOc2, recordOc3 } from './outcomes-service.js'
import { recordForms, type FormRenderer } from './record-forms.js'
import {
  adoptionDecisionSchema,
  adoptionMatchSchema,
  decisionReversalSchema,
  missingReturnSchema,
  missingSchema,
  oc2Schema,
  oc3Schema,
  reviewSchema,
} from './record-schemas.js'
import { recordMissingEpisode, recordMissingReturn, recordReview } from './records-service.js'
import { BASE, attempt, enteredValues, lookedAfterHref, numericParam } from './route-helpers.js'

/**
 * Simple looked-after records: reviews, missing episodes, adoption milestones and the OC2 and OC3
 * outcome returns. Each is one form and one POST; the service applies the 903 rules.
 */

/** A record's GET form and its POST, which saves through the service and returns to the page. */
function recordRoutes<S extends z.ZodType>(spec: {
  path: string
  formPath?: string
  name: string
  entity: string
  schema: S
  form: FormRenderer
  save: (context: {
    user: SignedInUser
    childId: number
    body: z.infer<S>
    ip: string
    request: Request
  }) => Promise<unknown>
  saved: string
}): RouteDefinition[] {
  return [
    get({
      path: `${BASE}/${spec.formPath ?? spec.path}`,
      name: spec.name,
      permission: 'child:write',
      audit: { kind: 'child', entity: spec.entity },
      handler: async (request, response, { user, childId }) => spec.form(request, response, user, childId as number),
    }),
    post({
      path: `${BASE}/${spec.path}`,
      name: `Save: ${spec.name.charAt(0).toLowerCase()}${spec.name.slice(1)}`,
      permission: 'child:write',
      audit: { kind: 'write', entity: spec.entity },
      body: spec.schema,
      invalid: async (request, response, { user, childId }, issues) =>
        spec.form(request, response, user, childId as number, {
          values: enteredValues(request),
          errors: formErrors(issues),
        }),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        await attempt(
          response,
          async () => {
            await spec.save({ user, childId: id, body, ip, request })
            markAudited()
            response.redirect(303, `${lookedAfterHref(id)}?saved=${spec.saved}`)
          },
          (errors) => spec.form(request, response, user, id, { values: enteredValues(request), errors }),
        )
      },
    }),
  ]
}

export function lookedAfterRecordRoutes(db: Db): RouteDefinition[] {
  const { reviewForm, missingForm, returnForm, decisionForm, reversalForm, matchForm, oc2Form, oc3Form } =
    recordForms(db)
  return [
    ...recordRoutes({
      path: 'reviews',
      formPath: 'reviews/new',
      name: 'Record a looked-after review',
      entity: 'looked_after_review',
      schema: reviewSchema,
      form: reviewForm,
      save: ({ user, childId, body, ip }) => recordReview(db, user, childId, body, ip),
      saved: 'review',
    }),
    ...recordRoutes({
      path: 'missing',
      formPath: 'missing/new',
      name: 'Record a missing or away episode',
      entity: 'missing_episode',
      schema: missingSchema,
      form: missingForm,
      save: ({ user, childId, body, ip }) => recordMissingEpisode(db, user, childId, body, ip),
      saved: 'missing',
    }),
    ...recordRoutes({
      path: 'missing/:missingId/return',
      name: 'Record a child’s return from missing or away',
      entity: 'missing_episode',
      schema: missingReturnSchema,
      form: returnForm,
      save: ({ user, childId, body, ip, request }) =>
        recordMissingReturn(db, user, childId, numericParam(request, 'missingId'), body, ip),
      saved: 'return',
    }),
    ...recordRoutes({
      path: 'adoption/decision',
      name: 'Record the decision that a child should be placed for adoption',
      entity: 'adoption_decision',
      schema: adoptionDecisionSchema,
      form: decisionForm,
      save: ({ user, childId, body, ip }) => recordAdoptionDecision(db, user, childId, body.decisionDate, ip),
      saved: 'decision',
    }),
    ...recordRoutes({
      path: 'adoption/decision/:decisionId/reversal',
      name: 'Record that an adoption decision was reversed',
      entity: 'adoption_decision',
      schema: decisionReversalSchema,
      form: reversalForm,
      save: ({ user, childId, body, ip, request }) =>
        reverseAdoptionDecision(db, user, childId, numericParam(request, 'decisionId'), body, ip),
      saved: 'reversal',
    }),
    ...recordRoutes({
      path: 'adoption/match',
      name: 'Record matching with adopters',
      entity: 'adoption',
      schema: adoptionMatchSchema,
      form: matchForm,
      save: ({ user, childId, body, ip }) => recordAdoptionMatch(db, user, childId, body, ip),
      saved: 'match',
    }),
    ...recordRoutes({
      path: 'oc2',
      name: 'Record OC2 outcomes',
      entity: 'oc2_outcome',
      schema: oc2Schema,
      form: oc2Form,
      save: ({ user, childId, body, ip }) => recordOc2(db, user, childId, body.collectionYear, body, ip),
      saved: 'oc2',
    }),
    ...recordRoutes({
      path: 'oc3',
      name: 'Record care leaver outcomes (OC3)',
      entity: 'oc3_outcome',
      schema: oc3Schema,
      form: oc3Form,
      save: ({ user, childId, body, ip }) => recordOc3(db, user, childId, body.collectionYear, body, ip),
      saved: 'oc3',
    }),
  ]
}
