import { Migrator, type Migration, type MigrationProvider } from 'kysely'
import type { Db } from './database.js'
import { migrations } from './migrations/index.js'

/** Migrations are imported, not globbed from disk, so the same list runs under tsx, tests and builds. */
class StaticMigrationProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrations)
  }
}

export class MigrationError extends Error {
  override name = 'MigrationError'
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((result) => result.status === 'Error')
  if (error !== undefined || failed !== undefined) {
    const reason = error instanceof Error ? error.message : failed !== undefined ? 'see the log above' : 'unknown error'
    throw new MigrationError(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`)
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName)
}
