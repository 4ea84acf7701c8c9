import type { Db } from '../../db/database.js'
import { roleHas } from '../../web/permissions.js'
import { get, type RouteDefinition } from '../../web/routes.js'
import { allocationRoutes } from '../allocation/routes.js'
import { childPageContext } from '../children/child-sections.js'
import { chronologyHref, chronologyOptions, filterItems, paginationFor, rangeText } from './chronology-view.js'
import { describeEvent } from './event-summary.js'
import { caseNoteRoutes } from './note-routes.js'
import { chronologyPage } from './queries.js'

/** The chronology, case notes and (from src/areas/allocation) allocation pages of a child's record. */
export function chronologyRoutes(db: Db): RouteDefinition[] {
  return [
    get({
      path: '/children/:childId/chronology',
      name: 'Chronology',
      permission: 'child:read',
      audit: { kind: 'child', entity: 'chronology' },
      handler: async (request, response, { user, childId }) => {
        const id = childId as number
        const options = chronologyOptions(request.query)
        const result = await chronologyPage(db, user.councilId, id, options)
        if (result.rows.length === 0 && options.page > 1) {
          response.redirect(chronologyHref(id, { ...options, page: 1 }))
          return
        }
        const page = await childPageContext(db, user.councilId, id, 'chronology')
        const hrefFor = (number: number) => chronologyHref(id, { ...options, page: number })
        response.render('chronology/views/chronology.njk', {
          title: 'Chronology',
          ...page,
          entries: result.rows.map((row) => describeEvent(row, id)),
          filterItems: filterItems(options.categories),
          filtered: options.categories.length > 0,
          order: options.order,
          orderToggleHref: chronologyHref(id, {
            categories: options.categories,
            order: options.order === 'newest' ? 'oldest' : 'newest',
          }),
          clearHref: chronologyHref(id, { order: options.order }),
          pagination: paginationFor(options.page, result.total, result.pageSize, hrefFor),
          rangeText: rangeText(options.page, result.rows.length, result.total, result.pageSize),
          canWrite: roleHas(user.role, 'child:write'),
          saved: request.query['saved'] === 'note',
        })
      },
    }),
    ...caseNoteRoutes(db),
    ...allocationRoutes(db),
  ]
}
