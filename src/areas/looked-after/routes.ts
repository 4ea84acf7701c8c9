import type { Db } from '../../db/database.js'
import type { RouteDefinition } from '../../web/routes.js'

/** Routes of this area (being built). */
export function lookedAfterRoutes(_db: Db): RouteDefinition[] {
  return []
}
