import type { Migration } from 'kysely'
import * as m0001 from './0001_foundation.js'
import * as m0002 from './0002_case_record.js'
import * as m0003 from './0003_compliance_and_care_leavers.js'
import * as m0004 from './0004_service_management.js'
import * as m0005 from './0005_chronology.js'
import * as m0006 from './0006_front_door.js'
import * as m0007 from './0007_compliance.js'
import * as m0008 from './0008_figures.js'
import * as m0012 from './0012_people.js'

/** Every migration in order. Add new ones at the end; never edit one that has been released. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_case_record': m0002,
  '0003_compliance_and_care_leavers': m0003,
  '0004_service_management': m0004,
  '0005_chronology': m0005,
  '0006_front_door': m0006,
  '0007_compliance': m0007,
  '0008_figures': m0008,
  '0012_people': m0012,
}
