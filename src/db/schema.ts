import type { FoundationTables } from './tables/foundation.js'

/** The whole database as Kysely sees it: one interface per area's tables, merged here. */
export interface Database extends FoundationTables {}
