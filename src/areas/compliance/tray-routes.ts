import type { Request, Response } from 'express'
import { stringify } from 'csv-stringify/sync'
import { z } from 'zod'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { ForbiddenError } from '../../web/errors.js'
import { todayInLondon } from '../../web/forms/date-input.js'
import { get, type RouteDefinition } from '../../web/routes.js'
import { appendAudit } from '../audit/audit-log.js'
import { EVENT_LABELS, FAMILY_LABELS, type DueFamily } from './due-item.js'
import { listEscalations } from './escalation-actions.js'
import { raiseEscalations } from './escalations.js'
import {
  caseloadsByWorker,
  childrenInTeams,
  countTray,
  filterTray,
  teamsOf,
  trayItems,
  type TrayFilter,
  type TrayItem,
  type TrayStatus,
} from './tray.js'
import { escapeHtml, reasonLabel, trayHead, trayRows } from './view-rows.js'

/** Work trays: a worker's own, a team manager's team, and the head of service's whole service. */
const FAMILIES = Object.keys(FAMILY_LABELS) as [DueFamily, ...DueFamily[]]
const blankAsMissing = (value: unknown) => (value === '' ? undefined : value)
const trayQuery = z.object({
  family: z.preprocess(blankAsMissing, z.enum(FAMILIES).optional()).catch(undefined),
  status: z.preprocess(blankAsMissing, z.enum(['overdue', 'this_week', 'later']).optional()).catch(undefined),
  sort: z.preprocess(blankAsMissing, z.enum(['due', 'child']).optional()).catch(undefined),
  worker: z.preprocess(blankAsMissing, z.coerce.number().int().positive().optional()).catch(undefined),
  team: z.preprocess(blankAsMissing, z.coerce.number().int().positive().optional()).catch(undefined),
})

const STATUS_GROUPS: { status: TrayStatus; heading: string }[] = [
  { status: 'overdue', heading: 'Overdue' },
  { status: 'this_week', heading: 'Due this week' },
  { status: 'later', heading: 'Due later' },
]

function filterFrom(request: Request): TrayFilter & { team?: number | undefined; worker?: number | undefined } {
  const query = trayQuery.parse(request.query)
  return {
    family: query.family,
    status: query.status,
    sort: query.sort,
    workerId: query.worker,
    teamId: query.team,
    team: query.team,
    worker: query.worker,
  }
}

function filterOptions(filter: TrayFilter) {
  return {
    familyItems: [
      { value: '', text: 'Everything' },
      ...FAMILIES.map((family) => ({ value: family, text: FAMILY_LABELS[family], selected: filter.family === family })),
    ],
    statusItems: [
      { value: '', text: 'Any' },
      ...STATUS_GROUPS.map((group) => ({
        value: group.status,
        text: group.heading,
        selected: filter.status === group.status,
      })),
    ],
    sortItems: [
      { value: 'due', text: 'Due date', selected: filter.sort !== 'child' },
      { value: 'child', text: 'Child’s name', selected: filter.sort === 'child' },
    ],
  }
}

function groups(items: TrayItem[], options: { showWorker: boolean; showTeam: boolean }) {
  return STATUS_GROUPS.map((group) => {
    const rows = items.filter((item) => item.status === group.status)
    return {
      heading: group.heading,
      id: group.status,
      count: rows.length,
      children: new Set(rows.map((item) => item.childId)).size,
      head: trayHead(options),
      rows: trayRows(rows, options),
    }
  })
}

const CSV_COLUMNS = [
  'Child ID',
  'Child',
  'What',
  'Rule',
  'Due date',
  'Status',
  'Days overdue',
  'Counts from',
  'Counts from date',
  'Worker',
  'Team',
  'Missed visit reason',
  'Planned for',
]

async function sendCsv(
  db: Db,
  response: Response,
  user: SignedInUser,
  ip: string,
  route: string,
  name: string,
  items: TrayItem[],
) {
  const rows = items.map((item) => [
    item.laChildId,
    item.childName,
    FAMILY_LABELS[item.family],
    item.ruleId,
    item.dueDate,
    item.status.replace('_', ' '),
    item.daysOverdue,
    EVENT_LABELS[item.fromEvent],
    item.fromDate,
    item.workerName ?? '',
    item.teamName ?? '',
    item.missedReason === null ? '' : reasonLabel(item.missedReason.reason, item.missedReason.reasonText),
    item.missedReason?.rearrangedFor ?? '',
  ])
  await db.transaction().execute((trx) =>
    appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'export',
      entity: 'due_item',
      route,
      ip,
      detail: { rows: rows.length, childIds: [...new Set(items.map((item) => item.childId))] },
    }),
  )
  response.set('Content-Type', 'text/csv; charset=utf-8')
  response.set('Content-Disposition', `attachment; filename="${name}-${todayInLondon()}.csv"`)
  response.send(stringify([CSV_COLUMNS, ...rows]))
}

/** The teams a manager's tray covers: the teams they manage (or belong to); a head of service's, every team. */
async function managerTeams(db: Db, user: SignedInUser) {
  if (user.role === 'head_of_service') return teamsOf(db, user.councilId)
  const ids = user.managedTeamIds.length > 0 ? user.managedTeamIds : user.teamIds
  return teamsOf(db, user.councilId, ids)
}

export function trayRoutes(db: Db): RouteDefinition[] {
  const workerTray = async (request: Request, user: SignedInUser) => {
    const filter = filterFrom(request)
    const mine = (await trayItems(db, user, todayInLondon())).filter((item) => item.workerId === user.id)
    return { filter, mine, shown: filterTray(mine, { ...filter, workerId: undefined, teamId: undefined }) }
  }

  const teamTray = async (request: Request, user: SignedInUser) => {
    const filter = filterFrom(request)
    const teams = await managerTeams(db, user)
    const chosen = filter.team !== undefined ? teams.filter((team) => team.id === filter.team) : teams
    if (filter.team !== undefined && chosen.length === 0) throw new ForbiddenError()
    const teamIds = chosen.map((team) => team.id)
    const today = todayInLondon()
    await raiseEscalations(db, user.councilId, today)
    const items = (await trayItems(db, user, today)).filter(
      (item) => item.teamId !== null && teamIds.includes(item.teamId),
    )
    return { filter, teams, chosen, teamIds, items, shown: filterTray(items, { ...filter, teamId: undefined }) }
  }

  const serviceTray = async (request: Request, user: SignedInUser) => {
    if (user.role !== 'head_of_service') throw new ForbiddenError('The service tray is for heads of service')
    const filter = filterFrom(request)
    const today = todayInLondon()
    await raiseEscalations(db, user.councilId, today)
    const items = await trayItems(db, user, today)
    return { filter, items, shown: filterTray(items, filter) }
  }

  return [
    get({
      path: '/work',
      name: 'Your work tray',
      permission: 'child:read',
      audit: {
        kind: 'none',
        reason: 'lists what is due for the user’s own children; opening a child is audited there',
      },
      handler: async (request, response, { user }) => {
        const { filter, mine, shown } = await workerTray(request, user)
        response.render('compliance/views/work.njk', {
          title: 'Your work tray',
          counts: countTray(mine),
          groups: groups(shown, { showWorker: false, showTeam: false }),
          filter,
          ...filterOptions(filter),
          exportHref: `/work/export?${new URLSearchParams(request.query as Record<string, string>).toString()}`,
          isManager: user.role === 'team_manager' || user.role === 'head_of_service',
          isHead: user.role === 'head_of_service',
        })
      },
    }),
    get({
      path: '/work/export',
      name: 'Your work tray (CSV)',
      permission: 'child:read',
      audit: { kind: 'handler', entity: 'due_item', reason: 'one export row naming the children in the file' },
      handler: async (request, response, { user, ip, markAudited }) => {
        const { shown } = await workerTray(request, user)
        await sendCsv(db, response, user, ip, 'GET /work/export', 'work-tray', shown)
        markAudited()
      },
    }),
    get({
      path: '/work/team',
      name: 'Team work tray',
      permission: 'child:manage',
      audit: { kind: 'none', reason: 'lists what is due across the team; opening a child is audited there' },
      handler: async (request, response, { user }) => {
        const { filter, teams, chosen, teamIds, items, shown } = await teamTray(request, user)
        const caseloads = await caseloadsByWorker(db, user.councilId, teamIds)
        const workerRows = caseloads.map((worker) => {
          const own = items.filter((item) => item.workerId === worker.userId && item.teamId === worker.teamId)
          const counts = countTray(own)
          const team = teams.find((candidate) => candidate.id === worker.teamId)?.name ?? ''
          return [
            {
              html: `<a class="govuk-link" href="/work/team?${new URLSearchParams({ ...(filter.team ? { team: String(filter.team) } : {}), worker: String(worker.userId) }).toString()}">${escapeHtml(worker.name)}</a>`,
            },
            { text: team },
            { text: String(worker.children), format: 'numeric' },
            { text: String(counts.overdue), format: 'numeric' },
            { text: String(counts.thisWeek), format: 'numeric' },
            { text: String(counts.later), format: 'numeric' },
          ]
        })
        const teamChildren = await childrenInTeams(db, user, teamIds)
        const childIds = teamChildren.map((child) => child.id)
        const escalations = await listEscalations(db, user.councilId, { childIds, openOnly: true })
        const names = new Map(teamChildren.map((child) => [child.id, child.name]))
        const denials =
          childIds.length === 0
            ? []
            : await db
                .selectFrom('visit_confirmation as vc')
                .innerJoin('visit as v', (join) =>
                  join.onRef('v.council_id', '=', 'vc.council_id').onRef('v.id', '=', 'vc.visit_id'),
                )
                .leftJoin('user_account as u', (join) =>
                  join.onRef('u.council_id', '=', 'v.council_id').onRef('u.id', '=', 'v.visitor_id'),
                )
                .select([
                  'vc.child_id',
                  'v.visit_date',
                  'vc.responded_at',
                  'vc.comment',
                  'u.display_name',
                  'v.visitor_name',
                ])
                .where('vc.council_id', '=', user.councilId)
                .where('vc.result', '=', 'deny')
                .where('vc.child_id', 'in', childIds)
                .orderBy('vc.responded_at', 'desc')
                .limit(50)
                .execute()
        response.render('compliance/views/work-team.njk', {
          title: 'Team work tray',
          teams: teams.map((team) => ({ value: String(team.id), text: team.name, selected: filter.team === team.id })),
          chosenNames: chosen.map((team) => team.name).join(', '),
          workerRows,
          counts: countTray(items),
          groups: groups(shown, { showWorker: true, showTeam: chosen.length > 1 }),
          escalations: escalations.map((escalation) => ({
            ...escalation,
            childName: names.get(escalation.childId) ?? `Child ${escalation.childId}`,
          })),
          denials: denials.map((row) => ({ ...row, childName: names.get(row.child_id) ?? '' })),
          filter,
          ...filterOptions(filter),
          exportHref: `/work/team/export?${new URLSearchParams(request.query as Record<string, string>).toString()}`,
        })
      },
    }),
    get({
      path: '/work/team/export',
      name: 'Team work tray (CSV)',
      permission: 'child:manage',
      audit: { kind: 'handler', entity: 'due_item', reason: 'one export row naming the children in the file' },
      handler: async (request, response, { user, ip, markAudited }) => {
        const { shown } = await teamTray(request, user)
        await sendCsv(db, response, user, ip, 'GET /work/team/export', 'team-work-tray', shown)
        markAudited()
      },
    }),
    get({
      path: '/work/service',
      name: 'Service work tray',
      permission: 'child:manage',
      audit: { kind: 'none', reason: 'counts by team; opening a child is audited there' },
      handler: async (request, response, { user }) => {
        const { filter, items, shown } = await serviceTray(request, user)
        const teams = await teamsOf(db, user.councilId)
        const caseloads = await caseloadsByWorker(
          db,
          user.councilId,
          teams.map((team) => team.id),
        )
        const teamRows = [
          ...teams.map((team) => ({ id: team.id, name: team.name })),
          { id: null, name: 'Not allocated' },
        ]
          .map((team) => {
            const own = items.filter((item) => item.teamId === team.id)
            const caseload = caseloads
              .filter((worker) => worker.teamId === team.id)
              .reduce((sum, worker) => sum + worker.children, 0)
            return { team, own, caseload }
          })
          .filter((row) => row.team.id !== null || row.own.length > 0)
          .map(({ team, own, caseload }) => {
            const counts = countTray(own)
            return [
              {
                html:
                  team.id === null
                    ? 'Not allocated'
                    : `<a class="govuk-link" href="/work/team?team=${team.id}">${escapeHtml(team.name)}</a>`,
              },
              { text: String(caseload), format: 'numeric' },
              { text: String(counts.overdue), format: 'numeric' },
              { text: String(counts.childrenOverdue), format: 'numeric' },
              { text: String(counts.thisWeek), format: 'numeric' },
              { text: String(counts.later), format: 'numeric' },
            ]
          })
        const totals = countTray(items)
        const escalations = await listEscalations(db, user.councilId, {
          childIds: [...new Set(items.map((item) => item.childId))],
          openOnly: true,
          roles: ['head_of_service'],
        })
        const names = new Map(items.map((item) => [item.childId, item.childName]))
        response.render('compliance/views/work-service.njk', {
          title: 'Service work tray',
          teamRows,
          totals,
          totalCaseload: caseloads.reduce((sum, worker) => sum + worker.children, 0),
          groups: groups(shown, { showWorker: true, showTeam: true }).map((group) => ({
            ...group,
            rows: group.rows.slice(0, 200),
            truncated: group.rows.length > 200,
          })),
          escalations: escalations.map((escalation) => ({
            ...escalation,
            childName: names.get(escalation.childId) ?? `Child ${escalation.childId}`,
          })),
          filter,
          ...filterOptions(filter),
          exportHref: `/work/service/export?${new URLSearchParams(request.query as Record<string, string>).toString()}`,
        })
      },
    }),
    get({
      path: '/work/service/export',
      name: 'Service work tray (CSV)',
      permission: 'child:manage',
      audit: { kind: 'handler', entity: 'due_item', reason: 'one export row naming the children in the file' },
      handler: async (request, response, { user, ip, markAudited }) => {
        const { shown } = await serviceTray(request, user)
        await sendCsv(db, response, user, ip, 'GET /work/service/export', 'service-work-tray', shown)
        markAudited()
      },
    }),
  ]
}
