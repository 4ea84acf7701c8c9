import type { Db } from '../../db/database.js'
import { datePartsFromIso, todayInLondon } from '../../web/forms/date-input.js'
import type { RouteDefinition } from '../../web/routes.js'
import { checkedFormRoutes } from './checked-form-routes.js'
import { authorisePathwayPlan, endResponsibleAuthorityElsewhere } from './confirmed-service.js'
import { childRecord, respondToSupportRequest } from './edit-service.js'
import { PLAN_AUTHORISATION_FORM, RESPONSIBLE_AUTHORITY_END_FORM, SUPPORT_RESPONSE_FORM } from './forms.js'
import { SUPPORT_OUTCOME_LABELS, SUPPORT_TYPE_LABELS, ukDate } from './record-view.js'
import { planAuthorisationSchema, responsibleAuthorityEndSchema, supportResponseSchema } from './schemas.js'

/** The care-leaver records made after checking the answers (checked-form-routes.ts). */

const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } })

export function confirmedRoutes(db: Db): RouteDefinition[] {
  return [
    ...checkedFormRoutes(db, {
      path: 'support-requests/:requestId/response',
      param: 'requestId',
      name: 'Record the response to a support request',
      entity: 'support_request',
      permission: 'child:write',
      schema: supportResponseSchema,
      form: SUPPORT_RESPONSE_FORM,
      load: (user, childId, id) => childRecord(db, 'support_request', { councilId: user.councilId, childId, id }),
      intro: (request) =>
        `They asked for ${(SUPPORT_TYPE_LABELS[request.request_type] ?? request.request_type).toLowerCase()} on ${ukDate(request.requested_date)}.`,
      check: {
        title: 'Check the response before recording it',
        warning: 'Once recorded, the response cannot be changed.',
        button: 'Record the response',
        rows: (request, body) => [
          row(
            'Request',
            `${SUPPORT_TYPE_LABELS[request.request_type] ?? ''}, asked on ${ukDate(request.requested_date)}`,
          ),
          row('Response', SUPPORT_OUTCOME_LABELS[body.outcome] ?? body.outcome),
          row('What was offered or why', body.response ?? 'Not given'),
          row('Date of the response', ukDate(body.respondedDate)),
        ],
      },
      save: (user, childId, id, body, ip) => respondToSupportRequest(db, user, childId, id, body, ip),
      saved: 'support-response',
    }),
    ...checkedFormRoutes(db, {
      path: 'responsible-authority/:recordId/end',
      param: 'recordId',
      name: 'End the record that another council is responsible for a care leaver',
      entity: 'responsible_authority_elsewhere',
      permission: 'child:write',
      schema: responsibleAuthorityEndSchema,
      form: RESPONSIBLE_AUTHORITY_END_FORM,
      load: (user, childId, id) =>
        childRecord(db, 'responsible_authority_elsewhere', { councilId: user.councilId, childId, id }),
      intro: (record) =>
        `${record.responsible_la_name} has been responsible for them since ${ukDate(record.start_date)}.`,
      check: {
        title: 'Check before ending the record',
        warning:
          'Once ended, the record cannot be changed. From the day after it ends they are counted in this council’s figures.',
        button: 'End the record',
        rows: (record, body) => [
          row('Responsible council', `${record.responsible_la_name} (${record.responsible_la_code})`),
          row('Living here since', ukDate(record.start_date)),
          row('Date it ended', ukDate(body.date)),
        ],
      },
      save: (user, childId, id, body, ip) => endResponsibleAuthorityElsewhere(db, user, childId, id, body, ip),
      saved: 'responsible-authority-ended',
    }),
    ...checkedFormRoutes(db, {
      path: 'pathway-plans/:planId/authorise',
      param: 'planId',
      name: 'Authorise a pathway plan',
      entity: 'pathway_plan',
      permission: 'child:manage',
      schema: planAuthorisationSchema,
      form: PLAN_AUTHORISATION_FORM,
      load: (user, childId, id) => childRecord(db, 'pathway_plan', { councilId: user.councilId, childId, id }),
      intro: (plan) => `The plan is dated ${ukDate(plan.plan_date)}.`,
      initial: () => datePartsFromIso('authorisedDate', todayInLondon()),
      check: {
        title: 'Check before authorising the plan',
        warning: 'Once authorised, the plan shows who authorised it and when. This cannot be changed.',
        button: 'Authorise the plan',
        rows: (plan, body) => [
          row('Date of the plan', ukDate(plan.plan_date)),
          row('Summary', plan.summary ?? 'Not recorded'),
          row('Date you authorised it', ukDate(body.date)),
        ],
      },
      save: (user, childId, id, body, ip) => authorisePathwayPlan(db, user, childId, id, body, ip),
      saved: 'plan-authorised',
    }),
  ]
}
