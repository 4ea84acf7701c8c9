import type { Db } from '../../db/database.js'
import { formatUkDate } from '../../web/nunjucks.js'

export interface PageNotice {
  type: 'success' | 'important'
  text: string
}

/**
 * The banner on a child's summary after adding, changing or merging the record, or after following
 * an old link to a duplicate that was merged into this record (?from=<the duplicate's id>).
 */
export async function summaryNotice(
  db: Db,
  councilId: number,
  childId: number,
  query: Record<string, unknown>,
): Promise<PageNotice | undefined> {
  if (query['created'] === '1') return { type: 'success', text: 'The child has been added and allocated.' }
  if (query['saved'] === '1') return { type: 'success', text: 'The child’s details have been saved.' }
  if (typeof query['merged'] === 'string' && /^[A-Za-z0-9]{1,10}$/.test(query['merged'])) {
    return {
      type: 'success',
      text: `The duplicate record (child ID ${query['merged']}) has been merged into this record.`,
    }
  }
  const from = Number(query['from'])
  if (!Number.isSafeInteger(from) || from <= 0) return undefined
  const merged = await db
    .selectFrom('child')
    .innerJoin('child_merge as m', (join) =>
      join.onRef('m.council_id', '=', 'child.council_id').onRef('m.merged_child_id', '=', 'child.id'),
    )
    .select(['child.la_child_id', 'm.merged_at'])
    .where('child.council_id', '=', councilId)
    .where('child.id', '=', from)
    .where('child.merged_into_child_id', '=', childId)
    .orderBy('m.merged_at', 'desc')
    .executeTakeFirst()
  if (merged === undefined) return undefined
  return {
    type: 'important',
    text: `The record you opened (child ID ${merged.la_child_id}) was merged into this record on ${formatUkDate(merged.merged_at)}.`,
  }
}
