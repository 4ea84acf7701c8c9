import type { Response } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { codeRadioItems } from '../../web/forms/code-options.js'
import { todayInLondon } from '../../web/forms/date-input.js'
import { fieldError, formErrors, NO_ERRORS } from '../../web/form-errors.js'
import { roleHas } from '../../web/permissions.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { childPath, childPageContext } from '../children/child-sections.js'
import { NotFoundError } from '../../web/errors.js'
import { linkedChildrenOf, peopleOf, peopleOfSiblings, siblingGroupsOf, visibleChildren } from './queries.js'
import { endedRelationshipRows, linkedChildRows, personRows, siblingGroupViews } from './people-view.js'
import { endedRelationshipsOf, pastMembersOf } from './changes.js'
import { peopleChangeRoutes } from './change-routes.js'
import {
  groupMembersSchema,
  personSchema,
  SIBLING_RELATIONSHIPS,
  siblingGroupSchema,
  siblingLinkSchema,
  toRelatedPerson,
} from './schemas.js'
import {
  addSiblingGroupMembers,
  createSiblingGroup,
  linkSibling,
  PeopleRuleError,
  recordRelatedPerson,
} from './service.js'

type Values = Record<string, unknown>

const PERSON_FIELDS = [
  'existingPersonId',
  'firstName',
  'lastName',
  'dateOfBirth',
  'relationship',
  'parentalResponsibility',
  'livesWithChild',
  'contactRestricted',
  'phone',
  'address',
  'postcode',
  'addressConfidential',
  'note',
]

/** The child's "Family and people" section: people around the child, brothers and sisters, sibling groups. */
export function peopleRoutes(db: Db): RouteDefinition[] {
  const section = (user: SignedInUser, childId: number) => childPageContext(db, user.councilId, childId, 'people')

  /** Linked children the user can open, as checkbox items (for building a sibling group). */
  const siblingChoices = async (user: SignedInUser, childId: number, exclude: readonly number[] = []) => {
    const links = await linkedChildrenOf(db, user.councilId, childId)
    const ids = [...new Set(links.map((link) => link.related_child_id as number))].filter((id) => !exclude.includes(id))
    const visible = await visibleChildren(db, user, ids)
    return ids
      .filter((id) => visible.has(id))
      .map((id) => {
        const child = visible.get(id) as { first_name: string; last_name: string; la_child_id: string }
        return {
          value: String(id),
          text: `${child.first_name} ${child.last_name}`,
          hint: { text: `Child ID ${child.la_child_id}` },
        }
      })
  }

  const renderPersonForm = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    values: Values,
    errors = NO_ERRORS,
  ) => {
    const known = await peopleOfSiblings(db, user, childId)
    response.render('people/views/person-new.njk', {
      title: 'Add a person to the child’s family and network',
      ...(await section(user, childId)),
      values,
      relationshipItems: codeRadioItems(
        'RELATIONSHIP',
        typeof values['relationship'] === 'string' ? values['relationship'] : '',
      ),
      existingItems: [
        { value: '', text: 'Someone new' },
        ...known.map((person) => ({
          value: String(person.id),
          text: `${person.first_name} ${person.last_name}`,
          selected: String(person.id) === values['existingPersonId'],
        })),
      ],
      hasExisting: known.length > 0,
      ...errors,
    })
  }

  const renderSiblingForm = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    values: Values,
    errors = NO_ERRORS,
  ) => {
    response.render('people/views/sibling-new.njk', {
      title: 'Link a brother or sister',
      ...(await section(user, childId)),
      values,
      relationshipItems: codeRadioItems(
        'RELATIONSHIP',
        typeof values['relationship'] === 'string' ? values['relationship'] : '',
      ).filter((item) => (SIBLING_RELATIONSHIPS as readonly string[]).includes(item.value)),
      ...errors,
    })
  }

  const renderGroupForm = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    values: Values,
    errors = NO_ERRORS,
  ) => {
    const chosen = ([] as unknown[]).concat(values['members'] ?? [])
    response.render('people/views/sibling-group-new.njk', {
      title: 'Create a sibling group',
      ...(await section(user, childId)),
      values,
      memberItems: (await siblingChoices(user, childId)).map((item) => ({
        ...item,
        checked: chosen.includes(item.value),
      })),
      ...errors,
    })
  }

  const groupOf = async (user: SignedInUser, childId: number, groupId: string | undefined) => {
    const group = (await siblingGroupsOf(db, user.councilId, childId)).find(
      (candidate) => String(candidate.id) === groupId,
    )
    if (group === undefined) throw new NotFoundError()
    return group
  }

  const renderAddMembers = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    groupId: string | undefined,
    values: Values,
    errors = NO_ERRORS,
  ) => {
    const group = await groupOf(user, childId, groupId)
    const visible = await visibleChildren(db, user, group.memberIds)
    const chosen = ([] as unknown[]).concat(values['members'] ?? [])
    response.render('people/views/sibling-group-add.njk', {
      title: `Add children to ${group.name}`,
      ...(await section(user, childId)),
      group: siblingGroupViews([group], visible, childId, todayInLondon())[0],
      values,
      memberItems: (await siblingChoices(user, childId, group.memberIds)).map((item) => ({
        ...item,
        checked: chosen.includes(item.value),
      })),
      ...errors,
    })
  }

  return [
    ...peopleChangeRoutes(db),
    get({
      path: '/children/:childId/people',
      name: 'Family and people',
      permission: 'child:read',
      audit: { kind: 'child', entity: 'child_relationship' },
      handler: async (request, response, { user, childId }) => {
        const id = childId as number
        const today = todayInLondon()
        const [people, links, groups, ended] = await Promise.all([
          peopleOf(db, user.councilId, id),
          linkedChildrenOf(db, user.councilId, id),
          siblingGroupsOf(db, user.councilId, id),
          endedRelationshipsOf(db, user.councilId, id),
        ])
        const pastMembers = await pastMembersOf(
          db,
          user.councilId,
          groups.map((group) => group.id),
        )
        const otherIds = [
          ...links.map((link) => link.related_child_id as number),
          ...groups.flatMap((group) => group.memberIds),
          ...pastMembers.map((past) => past.child_id),
          ...ended.flatMap((row) => (row.related_child_id === null ? [] : [row.related_child_id])),
        ]
        const visible = await visibleChildren(db, user, [...new Set(otherIds)])
        response.render('people/views/people.njk', {
          title: 'Family and people',
          ...(await section(user, id)),
          people: personRows(people),
          linkedChildren: linkedChildRows(links, visible, today),
          siblingGroups: siblingGroupViews(groups, visible, id, today, pastMembers),
          endedRelationships: endedRelationshipRows(ended, visible, today),
          canWrite: roleHas(user.role, 'child:write'),
          saved: request.query['saved'],
        })
      },
    }),
    get({
      path: '/children/:childId/people/new',
      name: 'Add a person to the child’s family and network',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'child_relationship' },
      handler: async (_request, response, { user, childId }) => renderPersonForm(response, user, childId as number, {}),
    }),
    post({
      path: '/children/:childId/people/new',
      name: 'Add a person to the child’s family and network',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'child_relationship' },
      body: personSchema,
      invalid: async (request, response, { user, childId }, issues) => {
        const ordered = [...issues].sort(
          (a, b) => PERSON_FIELDS.indexOf(String(a.path[0])) - PERSON_FIELDS.indexOf(String(b.path[0])),
        )
        await renderPersonForm(response, user, childId as number, request.body as Values, formErrors(ordered))
      },
      handler: async (_request, response, { user, childId, body, ip, markAudited }) => {
        try {
          await recordRelatedPerson(db, user, childId as number, toRelatedPerson(body), ip)
        } catch (error) {
          if (!(error instanceof PeopleRuleError)) throw error
          response.status(400)
          return renderPersonForm(response, user, childId as number, body, fieldError(error.field, error.message))
        }
        markAudited()
        response.redirect(303, `${childPath(childId as number, 'people')}?saved=person`)
      },
    }),
    get({
      path: '/children/:childId/siblings/new',
      name: 'Link a brother or sister',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'child_relationship' },
      handler: async (_request, response, { user, childId }) =>
        renderSiblingForm(response, user, childId as number, {}),
    }),
    post({
      path: '/children/:childId/siblings',
      name: 'Link a brother or sister',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'child_relationship' },
      body: siblingLinkSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderSiblingForm(response, user, childId as number, request.body as Values, formErrors(issues)),
      handler: async (_request, response, { user, childId, body, ip, markAudited }) => {
        try {
          await linkSibling(db, user, childId as number, body, ip)
        } catch (error) {
          if (!(error instanceof PeopleRuleError)) throw error
          response.status(400)
          return renderSiblingForm(response, user, childId as number, body, fieldError(error.field, error.message))
        }
        markAudited()
        response.redirect(303, `${childPath(childId as number, 'people')}?saved=sibling`)
      },
    }),
    get({
      path: '/children/:childId/sibling-groups/new',
      name: 'Create a sibling group',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'sibling_group' },
      handler: async (_request, response, { user, childId }) => renderGroupForm(response, user, childId as number, {}),
    }),
    post({
      path: '/children/:childId/sibling-groups',
      name: 'Create a sibling group',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'sibling_group' },
      body: siblingGroupSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderGroupForm(response, user, childId as number, request.body as Values, formErrors(issues)),
      handler: async (_request, response, { user, childId, body, ip, markAudited }) => {
        try {
          await createSiblingGroup(db, user, childId as number, body, ip)
        } catch (error) {
          if (!(error instanceof PeopleRuleError)) throw error
          response.status(400)
          return renderGroupForm(response, user, childId as number, body, fieldError(error.field, error.message))
        }
        markAudited()
        response.redirect(303, `${childPath(childId as number, 'people')}?saved=group`)
      },
    }),
    get({
      path: '/children/:childId/sibling-groups/:groupId',
      name: 'Add children to a sibling group',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'sibling_group' },
      handler: async (request, response, { user, childId }) =>
        renderAddMembers(response, user, childId as number, String(request.params['groupId']), {}),
    }),
    post({
      path: '/children/:childId/sibling-groups/:groupId/members',
      name: 'Add children to a sibling group',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'sibling_group' },
      body: groupMembersSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderAddMembers(
          response,
          user,
          childId as number,
          String(request.params['groupId']),
          request.body as Values,
          formErrors(issues),
        ),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const group = await groupOf(user, childId as number, String(request.params['groupId']))
        try {
          await addSiblingGroupMembers(db, user, childId as number, group.id, body, ip)
        } catch (error) {
          if (!(error instanceof PeopleRuleError)) throw error
          response.status(400)
          return renderAddMembers(
            response,
            user,
            childId as number,
            String(group.id),
            body,
            fieldError(error.field, error.message),
          )
        }
        markAudited()
        response.redirect(303, `${childPath(childId as number, 'people')}?saved=group`)
      },
    }),
  ]
}
