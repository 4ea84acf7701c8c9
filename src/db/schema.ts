import type { CareLeaverTables } from './tables/care-leavers.js'
import type { CaseRecordTables } from './tables/case-record.js'
import type { ComplianceTables } from './tables/compliance.js'
import type { FoundationTables } from './tables/foundation.js'
import type { ServiceTables } from './tables/service.js'

/** The whole database as Kysely sees it: one interface per area's tables, merged here. */
export interface Database
  extends FoundationTables, CaseRecordTables, ComplianceTables, CareLeaverTables, ServiceTables {}
