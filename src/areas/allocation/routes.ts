import type { Request, Response } from 'express'
import type { Db } from '../../db/database.js'
import type { AllocationRole } from '../../db/tables/foundation.js'
import type { SignedInUser } from '../../web/context.js'
import { formErrors, type FormErrors, NO_ERRORS, issueErrors } from '../../web/form-errors.js'
import { codeRadioItems } from '../../web/forms/code-options.js'
import { formatUkDate } from '../../web/nunjucks.js'
import { roleHas, ROLE_LABELS } from '../../web/permissions.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { assertChildInScope } from '../children/child-access.js'
import { childPageContext, childPath } from '../children/child-sections.js'
import { allocationRoleLabel } from '../chronology/labels.js'
import { currentAllocations, historyRows, reasonForChangeText } from './allocation-view.js'
import { allocationHistory, councilTeams, latestAllocation, teamWorkers } from './queries.js'
import {
  allocationChangeSchema,
  changeInputFromForm,
  roleFrom,
  TEAM_ONLY,
  type AllocationChangeForm,
} from './schemas.js'
import {
  allocationProblems,
  AllocationRuleError,
  changeAllocation,
  keepsAccessAfter,
  type AllocationProblem,
} from './service.js'

const changePath = (childId: number) => `${childPath(childId, 'allocation')}/change`

function problemErrors(problems: readonly AllocationProblem[]): FormErrors {
  return issueErrors(problems)
}

/** The form's own values as address parameters, so "Change" links reopen it filled in. */
function formQuery(values: Record<string, unknown>, keys: readonly string[]): string {
  const query = new URLSearchParams()
  for (const key of keys) {
    const value = values[key]
    if (typeof value === 'string' || typeof value === 'number') query.set(key, String(value))
  }
  return query.toString()
}

const WORKER_STEP_FIELDS = ['role', 'team', 'worker', 'start-day', 'start-month', 'start-year', 'reason'] as const

export function allocationRoutes(db: Db): RouteDefinition[] {
  const renderTeamStep = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    role: AllocationRole,
    selectedTeam: unknown,
    errors: FormErrors,
  ) => {
    const page = await childPageContext(db, user.councilId, childId, 'allocation')
    const current = await latestAllocation(db, user.councilId, childId, role)
    const selected =
      typeof selectedTeam === 'string' ? selectedTeam : current?.end_date === null ? String(current.team_id) : undefined
    const teams = await councilTeams(db, user.councilId)
    response.render('allocation/views/change-team.njk', {
      title: `Change the ${allocationRoleLabel(role, 'lower')}: choose a team`,
      ...page,
      role,
      roleText: allocationRoleLabel(role, 'lower'),
      teamItems: teams.map((team) => ({
        value: String(team.id),
        text: team.name,
        checked: String(team.id) === selected,
      })),
      ...errors,
    })
  }

  const renderWorkerStep = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    values: Record<string, unknown>,
    errors: FormErrors,
  ) => {
    const role = roleFrom(values['role'])
    const teamId = Number(values['team'])
    const teams = await councilTeams(db, user.councilId)
    const team = teams.find((candidate) => candidate.id === teamId)
    if (team === undefined) {
      response.status(400)
      return renderTeamStep(response, user, childId, role, undefined, {
        errors: { team: { text: 'Select a team' } },
        errorList: [{ text: 'Select a team', href: '#team' }],
      })
    }
    const page = await childPageContext(db, user.councilId, childId, 'allocation')
    const previous = await latestAllocation(db, user.councilId, childId, role)
    const current = previous?.end_date === null ? previous : undefined
    const workers = await teamWorkers(db, user.councilId, teamId)
    // What the user saw when they opened the form: kept through re-displays, so a change made by
    // someone else meanwhile is caught when they confirm.
    const posted = typeof values['current-id'] === 'string'
    const currentId = posted ? values['current-id'] : String(current?.id ?? '')
    const currentVersion = posted ? values['current-version'] : String(current?.version ?? '')
    response.render('allocation/views/change-worker.njk', {
      title: `Change the ${allocationRoleLabel(role, 'lower')}: choose a worker`,
      ...page,
      role,
      roleText: allocationRoleLabel(role, 'lower'),
      team,
      teamStepHref: `${changePath(childId)}?${formQuery({ ...values, role }, ['role', 'team'])}`,
      workerItems: [
        ...workers.map((worker) => ({
          value: String(worker.id),
          text: worker.display_name,
          hint: { text: `${ROLE_LABELS[worker.role]}${worker.relation === 'manager' ? ', manages the team' : ''}` },
          checked: String(worker.id) === values['worker'],
        })),
        ...(workers.length > 0 ? [{ divider: 'or' }] : []),
        {
          value: TEAM_ONLY,
          text: `No worker yet: allocate to ${team.name} only`,
          hint: { text: 'The child will show as unallocated until a worker is named' },
          checked: values['worker'] === TEAM_ONLY,
        },
      ],
      current,
      currentSince: current === undefined ? undefined : formatUkDate(current.start_date),
      currentId,
      currentVersion,
      reasonItems: codeRadioItems('SW_REASON', typeof values['reason'] === 'string' ? values['reason'] : null),
      values,
      ...errors,
    })
  }

  const renderCheck = async (response: Response, user: SignedInUser, childId: number, form: AllocationChangeForm) => {
    const input = changeInputFromForm(form)
    const page = await childPageContext(db, user.councilId, childId, 'allocation')
    const teams = await councilTeams(db, user.councilId)
    const workers = await teamWorkers(db, user.councilId, input.teamId)
    const previous = await latestAllocation(db, user.councilId, childId, input.role)
    const current = previous?.end_date === null ? previous : undefined
    const values = form as unknown as Record<string, unknown>
    const workerStepHref = `${changePath(childId)}/worker?${formQuery(values, WORKER_STEP_FIELDS)}`
    const change = (href: string, what: string) => ({
      items: [{ href, text: 'Change', visuallyHiddenText: what }],
    })
    const rows = [
      { key: { text: 'Role' }, value: { text: allocationRoleLabel(input.role) } },
      {
        key: { text: 'Team' },
        value: { text: teams.find((team) => team.id === input.teamId)?.name ?? '' },
        actions: change(`${changePath(childId)}?${formQuery(values, ['role', 'team'])}`, 'team'),
      },
      {
        key: { text: 'Worker' },
        value: {
          text:
            input.workerId === null
              ? 'No worker yet (team only: the child will show as unallocated)'
              : (workers.find((worker) => worker.id === input.workerId)?.display_name ?? ''),
        },
        actions: change(workerStepHref, 'worker'),
      },
      {
        key: { text: 'Starts on' },
        value: { text: formatUkDate(input.startDate) },
        actions: change(workerStepHref, 'start date'),
      },
    ]
    if (current !== undefined) {
      rows.push(
        {
          key: { text: 'Allocation ending' },
          value: {
            text: `${current.worker_name ?? 'No worker (team only)'}, ${current.team_name}, since ${formatUkDate(current.start_date)}`,
          },
        },
        {
          key: { text: 'Reason it is ending' },
          value: { text: reasonForChangeText(input.reasonForChange) },
          actions: change(workerStepHref, 'reason it is ending'),
        },
      )
    }
    const history = await allocationHistory(db, user.councilId, childId)
    response.render('allocation/views/check.njk', {
      title: 'Check the allocation before you save it',
      ...page,
      rows,
      hidden: Object.entries(form).map(([name, value]) => ({ name, value: String(value ?? '') })),
      losesAccess: !keepsAccessAfter(user, history, input),
    })
  }

  return [
    get({
      path: '/children/:childId/allocation',
      name: 'Allocation',
      permission: 'child:read',
      audit: { kind: 'child', entity: 'worker_allocation' },
      handler: async (request, response, { user, childId }) => {
        const id = childId as number
        const page = await childPageContext(db, user.councilId, id, 'allocation')
        const history = await allocationHistory(db, user.councilId, id)
        response.render('allocation/views/allocation.njk', {
          title: 'Allocation',
          ...page,
          current: currentAllocations(history),
          historyRows: historyRows(history),
          canChange: roleHas(user.role, 'child:manage'),
          changeHref: (role: AllocationRole) => `${changePath(id)}?role=${role}`,
          saved: request.query['saved'] === '1',
        })
      },
    }),
    get({
      path: '/children/:childId/allocation/change',
      name: 'Change allocation: choose a team',
      permission: 'child:manage',
      audit: { kind: 'child', entity: 'worker_allocation' },
      handler: async (request, response, { user, childId }) =>
        renderTeamStep(
          response,
          user,
          childId as number,
          roleFrom(request.query['role']),
          request.query['team'],
          NO_ERRORS,
        ),
    }),
    get({
      path: '/children/:childId/allocation/change/worker',
      name: 'Change allocation: choose a worker',
      permission: 'child:manage',
      audit: { kind: 'child', entity: 'worker_allocation' },
      handler: async (request, response, { user, childId }) =>
        renderWorkerStep(response, user, childId as number, queryValues(request), NO_ERRORS),
    }),
    post({
      path: '/children/:childId/allocation/change/check',
      name: 'Change allocation: check answers',
      permission: 'child:manage',
      // Shows what will change; nothing is written until the change is confirmed.
      audit: { kind: 'child', entity: 'worker_allocation' },
      body: allocationChangeSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderWorkerStep(
          response,
          user,
          childId as number,
          request.body as Record<string, unknown>,
          formErrors(issues),
        ),
      handler: async (request, response, { user, childId, body }) => {
        const id = childId as number
        const problems = await allocationProblems(db, user, id, changeInputFromForm(body))
        if (problems.length > 0) {
          response.status(400)
          return renderWorkerStep(response, user, id, request.body as Record<string, unknown>, problemErrors(problems))
        }
        await renderCheck(response, user, id, body)
      },
    }),
    post({
      path: '/children/:childId/allocation/change',
      name: 'Change allocation',
      permission: 'child:manage',
      audit: { kind: 'write', entity: 'worker_allocation' },
      body: allocationChangeSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderWorkerStep(
          response,
          user,
          childId as number,
          request.body as Record<string, unknown>,
          formErrors(issues),
        ),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        try {
          await changeAllocation(db, user, id, changeInputFromForm(body), ip)
        } catch (error) {
          if (!(error instanceof AllocationRuleError)) throw error
          response.status(400)
          return renderWorkerStep(
            response,
            user,
            id,
            request.body as Record<string, unknown>,
            problemErrors(error.problems),
          )
        }
        markAudited()
        if (await assertChildInScope(db, user, id)) {
          response.redirect(303, `${childPath(id, 'allocation')}?saved=1`)
          return
        }
        // The case has moved to a team this user cannot see: say so, rather than redirect to a refusal.
        response.render('allocation/views/changed.njk', { title: 'Allocation changed' })
      },
    }),
  ]
}

function queryValues(request: Request): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const key of WORKER_STEP_FIELDS) {
    const value = request.query[key]
    if (typeof value === 'string') values[key] = value
  }
  return values
}
