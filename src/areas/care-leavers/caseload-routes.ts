import { stringify } from 'csv-stringify/sync'
import type { Request } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { todayInLondon } from '../../web/forms/date-input.js'
import { get, type RouteDefinition } from '../../web/routes.js'
import { appendAudit, auditActor } from '../audit/audit-log.js'
import {
  caseloadCsvRows,
  caseloadFlags,
  caseloadTableRows,
  CSV_COLUMNS,
  SORTS,
  sortCaseload,
  type CaseloadSort,
} from './caseload-view.js'
import { advisersInScope, caseload, livingHereForOtherCouncils, stayingPutShare } from './queries.js'
import { ukDate } from './record-view.js'

/**
 * GET /care-leavers: a personal adviser's caseload (their own young people), or for a manager everyone
 * in their scope, filtered by adviser. Sortable by column, with a CSV export that is audited.
 */

const SORT_LABELS: Record<CaseloadSort, string> = {
  name: 'Young person',
  next_contact: 'Next contact due',
  last_contact: 'Last contact',
  pathway_review: 'Pathway plan review due',
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  )

function readFilter(request: Request, user: SignedInUser) {
  const sortParam = typeof request.query['sort'] === 'string' ? request.query['sort'] : ''
  const sort: CaseloadSort = (SORTS as readonly string[]).includes(sortParam)
    ? (sortParam as CaseloadSort)
    : 'next_contact'
  const adviser = Number(request.query['adviser'])
  const adviserId =
    user.role !== 'personal_adviser' && Number.isSafeInteger(adviser) && adviser > 0 ? adviser : undefined
  return { sort, adviserId }
}

function query(params: { sort: CaseloadSort; adviserId: number | undefined }) {
  const search = new URLSearchParams()
  if (params.adviserId !== undefined) search.set('adviser', String(params.adviserId))
  search.set('sort', params.sort)
  return search.toString()
}

export function caseloadRoutes(db: Db): RouteDefinition[] {
  const load = async (request: Request, user: SignedInUser) => {
    const filter = readFilter(request, user)
    const asAt = todayInLondon()
    const people = sortCaseload(await caseload(db, user, { adviserId: filter.adviserId }, asAt), filter.sort)
    return { filter, asAt, people }
  }
  return [
    get({
      path: '/care-leavers',
      name: 'Care leavers caseload',
      permission: 'child:read',
      audit: { kind: 'none', reason: 'lists the user’s own care leavers; opening a record is audited there' },
      handler: async (request, response, { user }) => {
        const { filter, asAt, people } = await load(request, user)
        const isAdviser = user.role === 'personal_adviser'
        const [advisers, stayingPut, elsewhere] = await Promise.all([
          isAdviser ? Promise.resolve([]) : advisersInScope(db, user),
          stayingPutShare(db, user, asAt),
          livingHereForOtherCouncils(db, user, asAt),
        ])
        const head = (
          [
            'name',
            ...(isAdviser ? [] : ['adviser']),
            'last_contact',
            'next_contact',
            'accommodation',
            'activity',
            'pathway_review',
            'flags',
          ] as const
        ).map((column) => {
          if ((SORTS as readonly string[]).includes(column)) {
            const sort = column as CaseloadSort
            const current = sort === filter.sort
            return {
              html: `<a class="govuk-link" href="/care-leavers?${query({ ...filter, sort })}">${SORT_LABELS[sort]}</a>`,
              attributes: { 'aria-sort': current ? 'ascending' : 'none' },
            }
          }
          return {
            text: { adviser: 'Personal adviser', accommodation: 'Accommodation', activity: 'Activity', flags: 'Flags' }[
              column as 'adviser' | 'accommodation' | 'activity' | 'flags'
            ],
          }
        })
        const flagged = people.map((person) => caseloadFlags(person, asAt))
        response.render('care-leavers/views/caseload.njk', {
          title: isAdviser ? 'Your care leavers' : 'Care leavers',
          head,
          rows: caseloadTableRows(people, asAt, !isAdviser),
          count: people.length,
          overdueContacts: flagged.filter((flags) => flags.includes('contact_overdue')).length,
          overdueReviews: flagged.filter((flags) => flags.includes('review_overdue')).length,
          isAdviser,
          adviserItems: [
            { value: '', text: 'All personal advisers' },
            ...advisers.map((adviser) => ({
              value: String(adviser.id),
              text: adviser.display_name,
              selected: adviser.id === filter.adviserId,
            })),
          ],
          sort: filter.sort,
          sortLabel: SORT_LABELS[filter.sort],
          stayingPut: {
            ...stayingPut,
            percent:
              stayingPut.turned18InFoster === 0
                ? null
                : Math.round((100 * stayingPut.stayedPut) / stayingPut.turned18InFoster),
          },
          csvHref: `/care-leavers/export?${query(filter)}`,
          elsewhereRows: elsewhere.map((person) => [
            {
              html: `<a class="govuk-link" href="/children/${person.id}/care-leaver">${escapeHtml(`${person.first_name} ${person.last_name}`)}</a>`,
            },
            { text: person.responsible_la_name },
            { text: ukDate(person.start_date) },
          ]),
        })
      },
    }),
    get({
      path: '/care-leavers/export',
      name: 'Care leavers caseload (CSV)',
      permission: 'child:read',
      audit: { kind: 'handler', entity: 'care_leaver', reason: 'one export row naming the young people in the file' },
      handler: async (request, response, { user, ip, markAudited }) => {
        const { asAt, people } = await load(request, user)
        const rows = caseloadCsvRows(people, asAt)
        await db.transaction().execute((trx) =>
          appendAudit(trx, {
            ...auditActor(user),
            action: 'export',
            entity: 'care_leaver',
            route: 'GET /care-leavers/export',
            ip,
            detail: { rows: rows.length, childIds: people.map((person) => person.childId) },
          }),
        )
        markAudited()
        response.set('Content-Type', 'text/csv; charset=utf-8')
        response.set('Content-Disposition', `attachment; filename="care-leavers-${asAt}.csv"`)
        response.send(stringify([CSV_COLUMNS, ...rows]))
      },
    }),
  ]
}
