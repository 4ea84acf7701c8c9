import { randomBytes } from 'node:crypto'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { openDatabase, type Db } from '../../src/db/database.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { loadComplianceReferenceData } from '../../src/areas/compliance/reference-data.js'

export interface TestDatabase {
  db: Db
  kind: 'pglite' | 'postgres'
  /** The connection URL of the throwaway PostgreSQL database (postgres runs only). */
  url: string | undefined
  destroy(): Promise<void>
}

/**
 * A fresh, migrated database per test file: in-memory PGlite by default, or a throwaway database on
 * the PostgreSQL server in TEST_DATABASE_URL (dropped afterwards). The same tests run on both.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env['TEST_DATABASE_URL']
  if (serverUrl === undefined || serverUrl === '') {
    const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' })
    await migrateToLatest(db)
    await loadComplianceReferenceData(db)
    return { db, kind: 'pglite', url: undefined, destroy: () => db.destroy() }
  }
  const name = `harbour_test_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: serverUrl, max: 1 }) }),
  })
  await sql.raw(`create database ${name}`).execute(admin)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const db = await openDatabase({ kind: 'postgres', url: url.toString() })
  await migrateToLatest(db)
  await loadComplianceReferenceData(db)
  return {
    db,
    kind: 'postgres',
    url: url.toString(),
    destroy: async () => {
      await db.destroy()
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin)
      await admin.destroy()
    },
  }
}
