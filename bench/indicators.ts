/**
 * Benchmark: the whole indicator set, three years monthly (36 periods per indicator), for every
 * synthetic council, as a ratio to a bare `select count(*)` of the same source tables in the same run.
 *
 *   npx tsx bench/indicators.ts [--scale 1] [--seed 20261122] [--repeat 2] [--only id,id]
 *   DATABASE_URL=postgres://... npx tsx bench/indicators.ts --scale 10    (an empty PostgreSQL database)
 *   DATABASE_URL=postgres://... npx tsx bench/indicators.ts --existing    (the councils already loaded there)
 *
 * Generates the synthetic council (generateSyntheticCouncil) into a fresh embedded database (or the
 * empty PostgreSQL database in DATABASE_URL). PostgreSQL is analysed after the load (autovacuum would
 * do it in service); PGlite has no autovacuum, so the engine's ensurePlannerStatistics analyses the
 * freshly loaded tables on its first call (timed separately below). Then, best of --repeat:
 *  - the baseline: `select count(*)` of every table the indicators read (found in their cohort SQL,
 *    plus child and council_population, which the engine reads), all councils;
 *  - the indicators: computeTrend (36 month ends) for every indicator in the registry, every council.
 * Target (issue 5): within 5× of the baseline at England scale. Record results in docs/benchmarks.md.
 */
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { computeTrend, ensurePlannerStatistics } from '../src/areas/figures/engine.js'
import { INDICATORS } from '../src/areas/figures/indicators/registry.js'
import type { IndicatorDefinition } from '../src/areas/figures/indicators/types.js'
import { loadComplianceReferenceData } from '../src/areas/compliance/reference-data.js'
import { generateSyntheticCouncil, markDatabaseAsDemo } from '../src/areas/synthetic/demo.js'
import { openDatabase, type Db } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { todayInLondon } from '../src/web/forms/date-input.js'

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '20261122' },
    /** Use the councils already in DATABASE_URL (e.g. an England-scale load) instead of generating. */
    existing: { type: 'boolean', default: false },
    repeat: { type: 'string', default: '2' },
    only: { type: 'string' },
  },
})
const scale = Number(values.scale)
const repeat = Math.max(1, Number(values.repeat))
const only = values.only === undefined ? undefined : new Set(values.only.split(','))
const indicators = INDICATORS.filter((def) => only === undefined || only.has(def.id))
const url = process.env['DATABASE_URL']
const db = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: 'memory://' })
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9

/** The tables an indicator's cohort SQL reads (its CTE names are not tables, so they drop out). */
function sourceTables(def: IndicatorDefinition, tables: ReadonlySet<string>): string[] {
  const text = def.cohortSql({ councilId: 1 }).compile(db).sql
  const found = new Set<string>(['child', ...(def.aggregation === 'rate_per_10000' ? ['council_population'] : [])])
  for (const match of text.matchAll(/\b(?:from|join)\s+([a-z_][a-z0-9_]*)/gi)) {
    const name = (match[1] ?? '').toLowerCase()
    if (tables.has(name)) found.add(name)
  }
  return [...found].sort()
}

async function countScan(tables: readonly string[]): Promise<{ seconds: number; rows: number }> {
  const started = process.hrtime.bigint()
  let rows = 0
  for (const table of tables) {
    const result = await sql<{ n: number }>`select count(*)::float8 as n from ${sql.table(table)}`.execute(db)
    rows += Number(result.rows[0]?.n ?? 0)
  }
  return { seconds: seconds(started), rows }
}

async function best<T>(run: () => Promise<T>, time: (result: T) => number): Promise<T> {
  let chosen: T | undefined
  for (let attempt = 0; attempt < repeat; attempt++) {
    const result = await run()
    if (chosen === undefined || time(result) < time(chosen)) chosen = result
  }
  return chosen as T
}

async function trendsFor(database: Db, def: IndicatorDefinition, councils: readonly number[], lastEnd: string) {
  const started = process.hrtime.bigint()
  let figures = 0
  for (const council of councils) figures += (await computeTrend(database, def, council, lastEnd)).length
  return { seconds: seconds(started), figures }
}

try {
  await migrateToLatest(db)
  await loadComplianceReferenceData(db)
  if (!values.existing) await markDatabaseAsDemo(db)
  const today = todayInLondon()
  console.log(
    `Database: ${url ? 'PostgreSQL' : 'PGlite (embedded)'}; scale ${scale}; as at ${today}; ` +
      `${indicators.length} indicators × 36 month ends`,
  )
  let started = process.hrtime.bigint()
  if (!values.existing) {
    const generated = await generateSyntheticCouncil(db, { seed: Number(values.seed), scale, asAt: today })
    console.log(
      `Generated ${generated.councils} council(s), ${generated.rows.toLocaleString('en-GB')} rows in ${seconds(started).toFixed(1)} s`,
    )
  }
  started = process.hrtime.bigint()
  // A database given with --existing is used as it is (autovacuum, or whoever loaded it, has analysed it).
  if (url && !values.existing) await sql`analyze`.execute(db)
  const analysed = await ensurePlannerStatistics(db)
  console.log(
    `Statistics: ${url && !values.existing ? 'ANALYZE after the load, then ' : ''}ensurePlannerStatistics analysed ${analysed.length} ` +
      `never-analysed or changed tables in ${seconds(started).toFixed(1)} s`,
  )

  const tableRows = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
    db,
  )
  const tables = new Set(tableRows.rows.map((row) => row.table_name))
  const councils = (await db.selectFrom('council').select('id').orderBy('id').execute()).map((row) => row.id)
  const sources = new Map(indicators.map((def) => [def.id, sourceTables(def, tables)]))
  const allSources = [...new Set([...sources.values()].flat())].sort()

  // Once untimed first, so the baseline is a scan of tables already in memory, as the indicators'
  // later reads are (a cold first scan of an England-sized database is several times slower).
  await countScan(allSources)
  const baseline = await best(
    () => countScan(allSources),
    (result) => result.seconds,
  )
  console.log(
    `Baseline: count(*) of ${allSources.length} source tables (${allSources.join(', ')}): ` +
      `${baseline.rows.toLocaleString('en-GB')} rows in ${baseline.seconds.toFixed(3)} s (best of ${repeat})`,
  )

  let total = 0
  let totalOwnScan = 0
  for (const def of indicators) {
    const own = sources.get(def.id) ?? []
    const scan = await best(
      () => countScan(own),
      (result) => result.seconds,
    )
    const run = await best(
      () => trendsFor(db, def, councils, today),
      (result) => result.seconds,
    )
    total += run.seconds
    totalOwnScan += scan.seconds
    console.log(
      `  ${def.id.padEnd(28)} ${run.seconds.toFixed(3).padStart(8)} s for ${run.figures} figures; ` +
        `count(*) of ${own.join(', ')} ${scan.seconds.toFixed(3)} s; ratio ${(run.seconds / scan.seconds).toFixed(1)}×`,
    )
  }
  console.log(
    `Whole set: ${total.toFixed(2)} s for ${indicators.length} indicators × ${councils.length} council(s) × 36 months; ` +
      `${(total / baseline.seconds).toFixed(1)}× one count(*) scan of all source tables; ` +
      `${(total / totalOwnScan).toFixed(1)}× the sum of each indicator's own count(*) scans`,
  )
  console.log(`Peak resident memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`)
} finally {
  await db.destroy()
}
