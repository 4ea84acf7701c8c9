import type { Db } from '../../db/database.js'

/**
 * Synthetic data (and demo accounts with published passwords) may only go into a database marked as
 * a demonstration installation, never into a council's live database.
 */
export class NotADemoDatabaseError extends Error {
  override name = 'NotADemoDatabaseError'
}

/** Marks a new, empty database as a demonstration installation. */
export async function markDatabaseAsDemo(db: Db): Promise<void> {
  const installation = await db.selectFrom('installation').select('kind').executeTakeFirst()
  if (installation?.kind === 'live') {
    throw new NotADemoDatabaseError(
      'This database is a live installation; it cannot be turned into a demonstration one.',
    )
  }
  const council = await db.selectFrom('council').select('id').limit(1).executeTakeFirst()
  if (council !== undefined) {
    throw new NotADemoDatabaseError(
      'This database already holds a council, so it cannot be marked as a demonstration installation. Use an empty database.',
    )
  }
  if (installation === undefined) await db.insertInto('installation').values({ kind: 'demo' }).execute()
}

export async function assertDemoDatabase(db: Db): Promise<void> {
  const installation = await db.selectFrom('installation').select('kind').executeTakeFirst()
  if (installation?.kind !== 'demo') {
    throw new NotADemoDatabaseError(
      installation === undefined
        ? 'The synthetic council can only be loaded into a demonstration database, and this one is not marked as one. Mark a new, empty database with markDatabaseAsDemo first.'
        : 'The synthetic council can only be loaded into a demonstration database; this is a live installation.',
    )
  }
}
