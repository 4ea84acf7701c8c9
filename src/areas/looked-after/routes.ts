import type { Db } from '../../db/database.js'
import { roleHas } from '../../web/permissions.js'
import { get, type RouteDefinition } from '../../web/routes.js'
import { episodeRoutes } from './episode-routes.js'
import { lookedAfterPage, SAVED_MESSAGES } from './page.js'
import { lookedAfterRecordRoutes } from './record-routes.js'
import { BASE, renderSection } from './route-helpers.js'

/**
 * The looked-after section of a child's record (SSDA903): periods of care and their episodes, the
 * current placement, reviews, missing episodes, adoption and the OC2/OC3 outcome returns.
 */
export function lookedAfterRoutes(db: Db): RouteDefinition[] {
  return [
    get({
      path: BASE,
      name: 'Looked after',
      permission: 'child:read',
      audit: { kind: 'child', entity: 'looked_after_episode' },
      handler: async (request, response, { user, childId }) => {
        const id = childId as number
        const saved = typeof request.query['saved'] === 'string' ? SAVED_MESSAGES[request.query['saved']] : undefined
        await renderSection(db, response, user, id, 'index', 'Looked after', {
          ...(await lookedAfterPage(db, user.councilId, id)),
          saved,
          canRecord: roleHas(user.role, 'child:write'),
        })
      },
    }),
    ...episodeRoutes(db),
    ...lookedAfterRecordRoutes(db),
  ]
}
