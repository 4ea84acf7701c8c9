import type { Response } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { NotFoundError } from '../../web/errors.js'
import { formErrors, type FormErrors } from '../../web/form-errors.js'
import { codeSelectItems } from '../../web/forms/code-options.js'
import { datePartsFromIso } from '../../web/forms/date-input.js'
import { roleHas } from '../../web/permissions.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { codeLabel } from '../codes/code-lists.js'
import { assessmentRoutes } from '../assessments/routes.js'
import { londonDate, londonTime } from './london-time.js'
import { getContact, listContacts, listReferrals, siblingsInScope, undecidedSiblingContacts } from './queries.js'
import { asList, idParam, renderChildPage, ruleErrors, savedMessage } from './pages.js'
import { contactSchema, decisionSchema } from './schemas.js'
import { recordContact, recordMashDecision } from './service.js'
import {
  contactRows,
  decisionRadioItems,
  referralRows,
  siblingCheckboxItems,
  sourceRadioItems,
  ukDateTime,
} from './view-rows.js'
import { referralClosureRoutes } from './referral-routes.js'

const SAVED_MESSAGES: Record<string, string> = {
  contact: 'Contact recorded.',
  contacts: 'Contact recorded for each child selected.',
  decision: 'Decision recorded.',
  referral: 'Decision recorded and referral created.',
  closed: 'Referral closed.',
}

/** Routes of the front door: contacts, MASH decisions, referrals. Assessments and CIN plans are in ../assessments. */
export function frontDoorRoutes(db: Db): RouteDefinition[] {
  const renderContactForm = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    values: Record<string, unknown>,
    errors?: FormErrors,
  ) => {
    const siblings = await siblingsInScope(db, user, childId)
    await renderChildPage(
      db,
      response,
      user,
      childId,
      'front-door',
      'front-door/views/contact-form.njk',
      'Record a contact',
      {
        values,
        ...errors,
        sourceItems: sourceRadioItems(typeof values['source'] === 'string' ? values['source'] : null),
        siblingItems: siblingCheckboxItems(
          siblings.map((sibling) => ({
            value: String(sibling.id),
            firstName: sibling.first_name,
            lastName: sibling.last_name,
            dateOfBirth: sibling.date_of_birth,
          })),
          asList(values['alsoFor']),
        ),
      },
    )
  }

  const renderDecisionForm = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    contactId: number,
    values: Record<string, unknown> | undefined,
    errors?: FormErrors,
  ) => {
    const contact = await getContact(db, user.councilId, childId, contactId)
    if (contact === undefined) throw new NotFoundError()
    const siblings = contact.mash_decision === null ? await undecidedSiblingContacts(db, user, childId, contact) : []
    const now = new Date()
    const shown = values ?? {
      ...datePartsFromIso('decided', londonDate(now)),
      'decided-time': londonTime(now),
      version: String(contact.version),
    }
    await renderChildPage(
      db,
      response,
      user,
      childId,
      'front-door',
      'front-door/views/decision-form.njk',
      'Record the front door decision',
      {
        contact,
        contactSummary: [
          { key: { text: 'Received' }, value: { text: ukDateTime(contact.received_at) } },
          { key: { text: 'From' }, value: { text: codeLabel('ReferralSource', contact.source) ?? contact.source } },
          {
            key: { text: 'Referrer' },
            value: {
              text:
                [contact.referrer_name, contact.referrer_organisation].filter((part) => part).join(', ') ||
                'Not recorded',
            },
          },
          { key: { text: 'Concern' }, value: { text: contact.concern ?? '' } },
        ],
        decided: contact.mash_decision !== null,
        decidedAt: contact.mash_decision_at === null ? '' : ukDateTime(contact.mash_decision_at),
        values: shown,
        ...errors,
        decisionItems: decisionRadioItems(typeof shown['decision'] === 'string' ? shown['decision'] : null),
        needItems: codeSelectItems(
          'PrimaryNeedCode',
          typeof shown['primaryNeed'] === 'string' ? shown['primaryNeed'] : null,
        ),
        siblingItems: siblingCheckboxItems(
          siblings.map((sibling) => ({ ...sibling, value: `${sibling.contactId}:${sibling.version}` })),
          asList(shown['alsoFor']),
        ),
      },
    )
  }

  return [
    get({
      path: '/children/:childId/front-door',
      name: 'Contacts and referrals',
      permission: 'child:read',
      audit: { kind: 'child', entity: 'referral' },
      handler: async (request, response, { user, childId }) => {
        const id = childId as number
        const [contacts, referrals] = await Promise.all([
          listContacts(db, user.councilId, id),
          listReferrals(db, user.councilId, id),
        ])
        const saved = savedMessage(SAVED_MESSAGES, request.query)
        await renderChildPage(
          db,
          response,
          user,
          id,
          'front-door',
          'front-door/views/front-door.njk',
          'Contacts and referrals',
          {
            saved,
            contacts: contactRows(id, contacts),
            referrals: referralRows(id, referrals),
            canWrite: roleHas(user.role, 'child:write'),
            canManage: roleHas(user.role, 'child:manage'),
          },
        )
      },
    }),
    get({
      path: '/children/:childId/contacts/new',
      name: 'Record a contact',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'contact' },
      handler: async (_request, response, { user, childId }) =>
        renderContactForm(response, user, childId as number, {}),
    }),
    post({
      path: '/children/:childId/contacts',
      name: 'Save a contact',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'contact' },
      body: contactSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderContactForm(response, user, childId as number, request.body, formErrors(issues)),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        let ids: number[]
        try {
          ids = await recordContact(db, user, id, body, ip)
        } catch (error) {
          response.status(400)
          return renderContactForm(response, user, id, request.body, ruleErrors(error))
        }
        markAudited()
        response.redirect(303, `/children/${id}/front-door?saved=${ids.length > 1 ? 'contacts' : 'contact'}`)
      },
    }),
    get({
      path: '/children/:childId/contacts/:contactId/decision',
      name: 'Record the front door decision',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'contact' },
      handler: async (request, response, { user, childId }) =>
        renderDecisionForm(response, user, childId as number, idParam(request, 'contactId'), undefined),
    }),
    post({
      path: '/children/:childId/contacts/:contactId/decision',
      name: 'Save the front door decision',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'contact' },
      body: decisionSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderDecisionForm(
          response,
          user,
          childId as number,
          idParam(request, 'contactId'),
          request.body,
          formErrors(issues),
        ),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        const contactId = idParam(request, 'contactId')
        try {
          await recordMashDecision(db, user, id, contactId, body, ip)
        } catch (error) {
          response.status(400)
          return renderDecisionForm(response, user, id, contactId, request.body, ruleErrors(error))
        }
        markAudited()
        response.redirect(
          303,
          `/children/${id}/front-door?saved=${body.decision === 'referral' ? 'referral' : 'decision'}`,
        )
      },
    }),
    ...referralClosureRoutes(db),
    ...assessmentRoutes(db),
  ]
}
