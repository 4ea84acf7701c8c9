import type { Config } from '../../config.js'
import type { Db } from '../../db/database.js'
import type { RouteDefinition } from '../../web/routes.js'
import { confirmRoutes } from './confirm-routes.js'
import { settingsRoutes } from './settings-routes.js'
import { timelinessRoutes } from './timeliness-routes.js'
import { trayRoutes } from './tray-routes.js'
import { visitFollowUpRoutes } from './visit-follow-up-routes.js'
import { visitRoutes } from './visit-routes.js'

/**
 * The statutory clock: visits and timescales on a child's record, work trays, visit timeliness, the
 * council's own standards, and the public page where a young person confirms a visit.
 */
export function complianceRoutes(db: Db, config: Config): RouteDefinition[] {
  return [
    ...visitRoutes(db, config),
    ...visitFollowUpRoutes(db, config),
    ...trayRoutes(db),
    ...timelinessRoutes(db),
    ...settingsRoutes(db),
    ...confirmRoutes(db, config),
  ]
}
