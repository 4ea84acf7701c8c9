import type { Db } from '../../db/database.js'
import { describeEvent, type ChronologyEntry } from './event-summary.js'
import { recentChronology } from './queries.js'

/** The latest chronology lines for the child's summary page (a route with :childId, so in scope). */
export async function recentChronologyEntries(
  db: Db,
  councilId: number,
  childId: number,
  limit = 5,
): Promise<ChronologyEntry[]> {
  return (await recentChronology(db, councilId, childId, limit)).map((row) => describeEvent(row, childId))
}
