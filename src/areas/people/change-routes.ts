import type { Request, Response } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { NotFoundError } from '../../web/errors.js'
import { codeRadioItems } from '../../web/forms/code-options.js'
import { datePartsFromIso, isoDate } from '../../web/forms/date-input.js'
import { fieldError, formErrors, NO_ERRORS } from '../../web/form-errors.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { childPath, childPageContext } from '../children/child-sections.js'
import {
  changeRelatedPerson,
  endRelationship,
  relationshipOfChild,
  removeFromSiblingGroup,
  type RelationshipOfChild,
} from './changes.js'
import { siblingGroupsOf, visibleChildren } from './queries.js'
import { personChangeSchema, relationshipEndSchema, siblingGroupRemovalSchema, toPersonChange } from './schemas.js'
import { PeopleRuleError } from './service.js'

type Values = Record<string, unknown>

const idParam = (request: Request, name: string): number => {
  const value = Number(request.params[name])
  if (!Number.isSafeInteger(value) || value <= 0) throw new NotFoundError()
  return value
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no')

/** The form's values for a relationship as it is saved now. */
function valuesOf(row: RelationshipOfChild): Values {
  return {
    personVersion: String(row.person_version),
    relationshipVersion: String(row.version),
    firstName: row.first_name ?? '',
    lastName: row.last_name ?? '',
    ...datePartsFromIso('dateOfBirth', row.date_of_birth),
    relationship: row.relationship,
    parentalResponsibility: yesNo(row.parental_responsibility),
    livesWithChild: yesNo(row.lives_with_child),
    contactRestricted: yesNo(row.contact_restricted),
    phone: row.phone ?? '',
    address: row.address ?? '',
    postcode: row.postcode ?? '',
    addressConfidential: row.address_confidential === true ? 'yes' : '',
    note: row.note ?? '',
  }
}

/** Changing and ending relationships, and taking a child out of a sibling group. */
export function peopleChangeRoutes(db: Db): RouteDefinition[] {
  const section = (user: SignedInUser, childId: number) => childPageContext(db, user.councilId, childId, 'people')

  const personOf = async (user: SignedInUser, childId: number, request: Request) => {
    const row = await relationshipOfChild(db, user.councilId, childId, idParam(request, 'relationshipId'))
    if (row.person_id === null) throw new NotFoundError()
    return row
  }

  const renderEdit = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    row: RelationshipOfChild,
    values: Values,
    errors = NO_ERRORS,
  ) =>
    response.render('people/views/person-edit.njk', {
      title: `Change ${row.first_name} ${row.last_name}’s details`,
      ...(await section(user, childId)),
      relationshipId: row.id,
      personName: `${row.first_name} ${row.last_name}`,
      values,
      relationshipItems: codeRadioItems(
        'RELATIONSHIP',
        typeof values['relationship'] === 'string' ? values['relationship'] : '',
      ),
      ...errors,
    })

  const renderEnd = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    row: RelationshipOfChild,
    values: Values,
    errors = NO_ERRORS,
  ) => {
    let name = row.first_name === null ? 'A brother or sister' : `${row.first_name} ${row.last_name}`
    if (row.related_child_id !== null) {
      const visible = await visibleChildren(db, user, [row.related_child_id])
      const other = visible.get(row.related_child_id)
      if (other !== undefined) name = `${other.first_name} ${other.last_name}`
    }
    response.render('people/views/relationship-end.njk', {
      title: 'End a relationship',
      ...(await section(user, childId)),
      relationshipId: row.id,
      name,
      values: { version: String(row.version), ...values },
      ...errors,
    })
  }

  /** The group (one this child is in) and the member to take out, who must be someone the user can open. */
  const removal = async (user: SignedInUser, childId: number, request: Request) => {
    const groupId = idParam(request, 'groupId')
    const memberId = idParam(request, 'memberId')
    const group = (await siblingGroupsOf(db, user.councilId, childId)).find((candidate) => candidate.id === groupId)
    if (group === undefined || !group.memberIds.includes(memberId)) throw new NotFoundError()
    const member = (await visibleChildren(db, user, [memberId])).get(memberId)
    if (member === undefined) throw new NotFoundError()
    return { group, member }
  }

  const renderRemoval = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    request: Request,
    values: Values,
    errors = NO_ERRORS,
  ) => {
    const { group, member } = await removal(user, childId, request)
    response.render('people/views/sibling-group-remove.njk', {
      title: `Take ${member.first_name} ${member.last_name} out of ${group.name}`,
      ...(await section(user, childId)),
      group,
      member,
      values,
      ...errors,
    })
  }

  const ruleErrorOr = (error: unknown): PeopleRuleError => {
    if (error instanceof PeopleRuleError) return error
    throw error
  }

  return [
    get({
      path: '/children/:childId/people/:relationshipId/edit',
      name: 'Change a person’s details',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'child_relationship' },
      handler: async (request, response, { user, childId }) => {
        const row = await personOf(user, childId as number, request)
        if (row.end_date !== null) throw new NotFoundError()
        await renderEdit(response, user, childId as number, row, valuesOf(row))
      },
    }),
    post({
      path: '/children/:childId/people/:relationshipId/edit',
      name: 'Change a person’s details',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'child_relationship' },
      body: personChangeSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderEdit(
          response,
          user,
          childId as number,
          await personOf(user, childId as number, request),
          request.body as Values,
          formErrors(issues),
        ),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const row = await personOf(user, childId as number, request)
        try {
          await changeRelatedPerson(db, user, childId as number, row.id, toPersonChange(body), ip)
        } catch (error) {
          const rule = ruleErrorOr(error)
          response.status(400)
          return renderEdit(response, user, childId as number, row, body, fieldError(rule.field, rule.message))
        }
        markAudited()
        response.redirect(303, `${childPath(childId as number, 'people')}?saved=changed`)
      },
    }),
    get({
      path: '/children/:childId/people/:relationshipId/end',
      name: 'End a relationship',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'child_relationship' },
      handler: async (request, response, { user, childId }) => {
        const row = await relationshipOfChild(db, user.councilId, childId as number, idParam(request, 'relationshipId'))
        if (row.end_date !== null) throw new NotFoundError()
        await renderEnd(response, user, childId as number, row, {})
      },
    }),
    post({
      path: '/children/:childId/people/:relationshipId/end',
      name: 'End a relationship',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'child_relationship' },
      body: relationshipEndSchema,
      invalid: async (request, response, { user, childId }, issues) => {
        const row = await relationshipOfChild(db, user.councilId, childId as number, idParam(request, 'relationshipId'))
        await renderEnd(response, user, childId as number, row, request.body as Values, formErrors(issues))
      },
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const row = await relationshipOfChild(db, user.councilId, childId as number, idParam(request, 'relationshipId'))
        try {
          await endRelationship(
            db,
            user,
            childId as number,
            row.id,
            { version: body.version, endDate: isoDate(body, 'endDate') as string, reason: body.reason },
            ip,
          )
        } catch (error) {
          const rule = ruleErrorOr(error)
          response.status(400)
          return renderEnd(response, user, childId as number, row, body, fieldError(rule.field, rule.message))
        }
        markAudited()
        response.redirect(303, `${childPath(childId as number, 'people')}?saved=ended`)
      },
    }),
    get({
      path: '/children/:childId/sibling-groups/:groupId/members/:memberId/remove',
      name: 'Take a child out of a sibling group',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'sibling_group' },
      handler: async (request, response, { user, childId }) =>
        renderRemoval(response, user, childId as number, request, {}),
    }),
    post({
      path: '/children/:childId/sibling-groups/:groupId/members/:memberId/remove',
      name: 'Take a child out of a sibling group',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'sibling_group_member' },
      body: siblingGroupRemovalSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderRemoval(response, user, childId as number, request, request.body as Values, formErrors(issues)),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const { group, member } = await removal(user, childId as number, request)
        try {
          await removeFromSiblingGroup(db, user, childId as number, group.id, member.id, body.reason, ip)
        } catch (error) {
          const rule = ruleErrorOr(error)
          response.status(400)
          return renderRemoval(response, user, childId as number, request, body, fieldError(rule.field, rule.message))
        }
        markAudited()
        response.redirect(303, `${childPath(childId as number, 'people')}?saved=removed`)
      },
    }),
  ]
}
