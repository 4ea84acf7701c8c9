import type { Server } from 'node:http'
import { createApp } from './app.js'
import { ConfigError, loadConfig, type Config } from './config.js'
import { DatabaseStartError, openDatabase, type Db } from './db/database.js'
import { migrateToLatest, MigrationError } from './db/migrate.js'
import { createLogger, type Logger } from './logger.js'
import { loadDemoCouncilIfEmpty } from './areas/synthetic/demo.js'
import { loadComplianceReferenceData } from './areas/compliance/reference-data.js'
import { loadDefaultBenchmarksWhereMissing } from './areas/figures/benchmarks/loader.js'
import { ensurePlannerStatistics } from './db/planner-statistics.js'
import { ROLE_LABELS } from './web/permissions.js'

/**
 * Starts Harbour: configuration, database, migrations, (on a demonstration installation) the
 * synthetic council on first run, then the web server. Any start-up failure exits non-zero with a
 * message that says what to fix.
 */
async function start(): Promise<void> {
  let config: Config
  try {
    config = loadConfig()
  } catch (error) {
    return fail(error)
  }
  const logger = createLogger(config.logLevel)
  let db: Db
  try {
    db = await openDatabase(config.database)
    const applied = await migrateToLatest(db)
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated')
    await loadComplianceReferenceData(db)
  } catch (error) {
    return fail(error)
  }
  let demo: { password: string; accounts: { role: string; email: string }[] } | undefined
  if (config.demo.enabled) {
    try {
      demo = await loadDemoCouncilIfEmpty(db, config, (message) => console.log(message))
    } catch (error) {
      await db.destroy()
      return fail(error)
    }
  }
  // Comparators from the shipped file for any council without a benchmark load (a new or demo council).
  await loadDefaultBenchmarksWhereMissing(db).catch(async (error: unknown) => {
    await db.destroy()
    fail(error)
  })
  // Planner statistics now, not on the first figures page: the embedded database has no autovacuum,
  // so a freshly loaded or migrated one has none (the indicator engine re-checks every 10 minutes).
  const analysed = await ensurePlannerStatistics(db)
  if (analysed.length > 0) logger.info({ tables: analysed.length }, 'planner statistics gathered')
  const app = createApp({ db, config, logger, demo })
  const server: Server = app.listen(config.port, config.host, () => {
    const address = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`
    console.log(`\nHarbour is running at ${address}`)
    console.log(
      config.database.kind === 'pglite'
        ? `Embedded database: ${config.database.dataDir}`
        : 'Database: PostgreSQL (DATABASE_URL)',
    )
    if (demo !== undefined) {
      console.log(`\nDemonstration sign-ins (synthetic data only), password "${demo.password}":`)
      for (const account of demo.accounts) {
        console.log(
          `  ${(ROLE_LABELS[account.role as keyof typeof ROLE_LABELS] ?? account.role).padEnd(30)} ${account.email}`,
        )
      }
    }
  })
  server.on('error', (error) => {
    void db.destroy().finally(() => fail(error))
  })
  const stop = () => {
    logger.info('stopping')
    server.close(() => {
      void db.destroy().then(() => process.exit(0))
    })
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

function fail(error: unknown): never {
  const known = error instanceof ConfigError || error instanceof DatabaseStartError || error instanceof MigrationError
  const message = error instanceof Error ? error.message : String(error)
  console.error(`\nHarbour could not start.\n${message}\n`)
  if (!known && error instanceof Error && error.stack) console.error(error.stack)
  process.exit(1)
}

void start()

export type { Logger }
