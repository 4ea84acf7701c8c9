import type { Config } from '../../config.js'
import type { Db } from '../../db/database.js'
import type { RouteDefinition } from '../../web/routes.js'

/** Routes of this area (being built). */
export function complianceRoutes(_db: Db, _config: Config): RouteDefinition[] {
  return []
}
