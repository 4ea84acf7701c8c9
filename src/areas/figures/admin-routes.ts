import type { Db } from '../../db/database.js'
import type { RouteDefinition } from '../../web/routes.js'
import { benchmarkAdminRoutes } from '../admin/benchmarks-routes.js'
import { explanationRoutes } from './explanations/routes.js'
import { targetRoutes } from './targets/routes.js'

/** Explanations, targets and the benchmark administration page: one entry in the route table. */
export function figuresAdminRoutes(db: Db): RouteDefinition[] {
  return [...explanationRoutes(db), ...targetRoutes(db), ...benchmarkAdminRoutes(db)]
}
