import type { Request } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { asText } from './text.js'
import { isoDateFromParts } from '../../web/dates.js'
import { datePartsFromIso, todayInLondon } from '../../web/forms/date-input.js'
import type { FormErrors } from '../../web/form-errors.js'
import { formatUkDate } from '../../web/nunjucks.js'
import { get, type RouteDefinition } from '../../web/routes.js'
import { addCalendarDays, addCalendarMonths } from './calendar.js'
import { teamsOf } from './tray.js'
import { percentInTime, visitTimeliness, type TimelinessCounts } from './timeliness.js'
import { escapeHtml, reasonLabel, VISIT_TYPE_LABELS } from './view-rows.js'

/** The period a timeliness report covers: from the query's date inputs, or else last calendar month. */
export function reportPeriod(
  query: Record<string, unknown>,
  today: string,
): { from: string; to: string; errors: FormErrors } {
  const lastMonthStart = addCalendarMonths(`${today.slice(0, 7)}-01`, -1)
  const lastMonthEnd = addCalendarDays(`${today.slice(0, 7)}-01`, -1)
  const given = (name: string) =>
    ['day', 'month', 'year'].some((part) => asText(query[`${name}-${part}`]).trim() !== '')
  const read = (name: string, fallback: string) =>
    given(name) ? isoDateFromParts(query[`${name}-day`], query[`${name}-month`], query[`${name}-year`]) : fallback
  const from = read('from', lastMonthStart)
  const to = read('to', lastMonthEnd)
  const errorList: FormErrors['errorList'] = []
  const errors: FormErrors['errors'] = {}
  const problem = (field: string, text: string) => {
    errorList.push({ text, href: `#${field}` })
    errors[field] = { text }
  }
  if (from === undefined) problem('from', 'The start of the period must be a real date')
  if (to === undefined) problem('to', 'The end of the period must be a real date')
  if (from !== undefined && to !== undefined && to < from)
    problem('to', 'The end of the period must be the same as or after the start')
  return { from: from ?? lastMonthStart, to: to ?? lastMonthEnd, errors: { errorList, errors } }
}

const countCells = (counts: TimelinessCounts) => {
  const percent = percentInTime(counts)
  return [
    { text: String(counts.due), format: 'numeric' },
    { text: String(counts.inTime), format: 'numeric' },
    { text: percent === null ? 'None due' : `${percent}%`, format: 'numeric' },
    { text: String(counts.late), format: 'numeric' },
    { text: String(counts.notSeen), format: 'numeric' },
    { text: String(counts.withReason), format: 'numeric' },
  ]
}

export function timelinessRoutes(db: Db): RouteDefinition[] {
  const report = async (request: Request, user: SignedInUser) => {
    const today = todayInLondon()
    const period = reportPeriod(request.query, today)
    const teams = await teamsOf(db, user.councilId)
    const teamQuery = Number(request.query['team'])
    const teamId = teams.some((team) => team.id === teamQuery) ? teamQuery : undefined
    const result = await visitTimeliness(db, user, { from: period.from, to: period.to, teamId }, today)
    return { period, teams, teamId, result }
  }
  return [
    get({
      path: '/work/timeliness',
      name: 'Visit timeliness',
      permission: 'figures:drill',
      audit: {
        kind: 'none',
        reason: 'counts by team and links to children in the user’s scope; opening a child is audited there',
      },
      handler: async (request, response, { user }) => {
        const { period, teams, teamId, result } = await report(request, user)
        if (period.errors.errorList.length > 0) response.status(400)
        response.render('compliance/views/timeliness.njk', {
          title: 'Visit timeliness',
          values: { ...datePartsFromIso('from', period.from), ...datePartsFromIso('to', period.to), ...request.query },
          ...period.errors,
          periodText: `${formatUkDate(result.from)} to ${formatUkDate(result.to)}`,
          teamItems: [
            { value: '', text: 'All teams' },
            ...teams.map((team) => ({ value: String(team.id), text: team.name, selected: team.id === teamId })),
          ],
          rows: result.rows.map((row) => [{ text: row.teamName }, ...countCells(row)]),
          totalRow: [{ text: 'Total' }, ...countCells(result.total)],
          total: result.total,
          percent: percentInTime(result.total),
          notSeenRows: result.childrenNotSeen
            .slice(0, 300)
            .map((row) => [
              { html: `<a class="govuk-link" href="/children/${row.childId}/visits">${escapeHtml(row.childName)}</a>` },
              { text: row.teamName },
              { text: VISIT_TYPE_LABELS[row.visitType] },
              { text: formatUkDate(row.dueDate) },
              { text: row.seenOn === null ? 'Not yet seen' : `Seen ${formatUkDate(row.seenOn)}` },
              { text: row.reason === null ? 'No reason recorded' : reasonLabel(row.reason, null) },
            ]),
          notSeenCount: result.childrenNotSeen.length,
          isManager: user.role === 'team_manager' || user.role === 'head_of_service',
          isHead: user.role === 'head_of_service',
        })
      },
    }),
  ]
}
