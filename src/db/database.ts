import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect, type Dialect } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import type { DatabaseConfig } from '../config.js'
import type { Database } from './schema.js'

export type Db = Kysely<Database>

export class DatabaseStartError extends Error {
  override name = 'DatabaseStartError'
}

// PostgreSQL `date` columns stay as ISO strings ('2026-03-31'): dates are calendar dates in
// Europe/London, never instants, so they must not pass through a JavaScript Date.
pg.types.setTypeParser(1082, (value: string) => value)
// bigint counts and ids fit comfortably in a double for Harbour's volumes.
pg.types.setTypeParser(20, (value: string) => Number(value))

function ensureWritableDirectory(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true })
    fs.accessSync(dataDir, fs.constants.W_OK)
    const probe = path.join(dataDir, `.write-test-${process.pid}`)
    fs.writeFileSync(probe, '')
    fs.rmSync(probe)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new DatabaseStartError(
      `The data directory ${dataDir} is not writable (${reason}). Set DATA_DIR to a directory Harbour can write to.`,
    )
  }
}

/** Opens the embedded database at a data directory, or in memory when dataDir is 'memory://'. */
export async function openPglite(dataDir: string): Promise<PGlite> {
  if (dataDir !== 'memory://') ensureWritableDirectory(dataDir)
  const client = new PGlite(dataDir === 'memory://' ? undefined : dataDir)
  try {
    await client.waitReady
    // Set after start-up: PGlite replaces its parser table while starting, dropping constructor options.
    client.parsers[1082] = (value: string) => value
    client.parsers[20] = (value: string) => Number(value)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new DatabaseStartError(`The embedded database in ${dataDir} could not be opened: ${reason}`)
  }
  return client
}

export async function openDatabase(config: DatabaseConfig): Promise<Db> {
  let dialect: Dialect
  if (config.kind === 'pglite') {
    dialect = new PGliteDialect(await openPglite(config.dataDir))
  } else {
    const pool = new pg.Pool({ connectionString: config.url, max: 10 })
    // An idle connection dropped by the server (restart, failover) must not crash Harbour: the pool
    // replaces it, and any query in flight fails and is reported through the normal error path.
    pool.on('error', () => undefined)
    try {
      const client = await pool.connect()
      client.release()
    } catch (error) {
      await pool.end()
      const reason = error instanceof Error ? error.message : String(error)
      throw new DatabaseStartError(`Harbour could not connect to the PostgreSQL server in DATABASE_URL: ${reason}`)
    }
    dialect = new PostgresDialect({ pool })
  }
  return new Kysely<Database>({ dialect })
}
