import type { Transaction } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../db/schema.js'
import { ConflictError } from './errors.js'

type VersionedTable = {
  [T in keyof Database]: Database[T] extends { council_id: number; id: unknown; version: unknown } ? T : never
}[keyof Database]

/**
 * Optimistic concurrency for every editable record: the update only applies when the version the
 * user opened is still current, and bumps it. When someone else saved first, the caller's
 * `describe` turns both versions into rows for the conflict page, and nothing is written.
 */
export async function updateVersioned<T extends VersionedTable>(
  trx: Transaction<Database>,
  table: T,
  key: { councilId: number; id: number },
  openedVersion: number,
  changes: Record<string, unknown>,
  conflict: {
    returnTo: string
    /** Field label → value, for the user's unsaved version and for the saved row. */
    describe: (row: Record<string, unknown>) => Record<string, string>
    yours: Record<string, string>
  },
): Promise<void> {
  const result = await sql`
    update ${sql.table(table)} set ${sql.join(
      [
        ...Object.entries(changes).map(([column, value]) => sql`${sql.ref(column)} = ${value}`),
        sql`version = version + 1`,
        sql`updated_at = now()`,
      ],
      sql`, `,
    )}
    where council_id = ${key.councilId} and id = ${key.id} and version = ${openedVersion}`.execute(trx)
  if (Number(result.numAffectedRows ?? 0) === 1) return
  const current = await sql<
    Record<string, unknown>
  >`select * from ${sql.table(table)} where council_id = ${key.councilId} and id = ${key.id}`.execute(trx)
  const row = current.rows[0]
  if (row === undefined) throw new ConflictError('This record has been removed', conflict.yours, {}, conflict.returnTo)
  throw new ConflictError(
    'Someone else has changed this record',
    conflict.yours,
    conflict.describe(row),
    conflict.returnTo,
  )
}
