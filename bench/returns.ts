/**
 * Benchmark: statutory returns. For every synthetic council: the SSDA903 build, CSV and XML files and
 * full validation (with last year's return), and the CIN census build, XML and full validation; then
 * the import of a 903 return of 50,000 episodes.
 *
 *   npx tsx bench/returns.ts [--scale 1] [--seed 20261122] [--year 2027] [--episodes 50000]
 *   DATABASE_URL=postgres://... npx tsx bench/returns.ts --scale 10    (an empty PostgreSQL database)
 *   DATABASE_URL=postgres://... npx tsx bench/returns.ts --existing --councils 10   (councils already loaded)
 *
 * The import file is the council's own export, repeated with new CHILD ids until it holds at least
 * --episodes episodes (every table is repeated, so the mix of tables is the council's). Peak memory is
 * process.memoryUsage().rss sampled every 50 ms. Record results in docs/benchmarks.md.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { loadComplianceReferenceData } from '../src/areas/compliance/reference-data.js'
import { build903Return } from '../src/areas/returns/ssda903/builder.js'
import { write903Csv } from '../src/areas/returns/ssda903/csv.js'
import { import903 } from '../src/areas/returns/ssda903/import.js'
import { emptyReturn903, tablesForYear, type Return903 } from '../src/areas/returns/ssda903/tables.js'
import { write903Xml } from '../src/areas/returns/ssda903/xml.js'
import { buildCinReturn } from '../src/areas/returns/cin/builder.js'
import { cinReturnToXml } from '../src/areas/returns/cin/xml-writer.js'
import { validate903, validateCin } from '../src/areas/returns/validation/engine.js'
import { yearLabel } from '../src/areas/returns/validation/years.js'
import { generateSyntheticCouncil, markDatabaseAsDemo } from '../src/areas/synthetic/demo.js'
import { openDatabase } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '20261122' },
    year: { type: 'string', default: '2027' },
    episodes: { type: 'string', default: '50000' },
    /** Use the councils already in DATABASE_URL (e.g. an England-scale load) instead of generating. */
    existing: { type: 'boolean', default: false },
    /** With --existing: how many of the loaded councils to export and validate. */
    councils: { type: 'string' },
  },
})
const scale = Number(values.scale)
const year = Number(values.year)
const wantedEpisodes = Number(values.episodes)
const url = process.env['DATABASE_URL']
const db = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: 'memory://' })
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9
const rate = (count: number, time: number) => Math.round(count / time).toLocaleString('en-GB')
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`
let peak = 0
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
const measure = async <T>(label: string, rows: () => number, work: () => Promise<T>): Promise<T> => {
  peak = process.memoryUsage().rss
  const started = process.hrtime.bigint()
  const result = await work()
  const time = seconds(started)
  peak = Math.max(peak, process.memoryUsage().rss)
  console.log(
    `${label}: ${rows().toLocaleString('en-GB')} rows in ${time.toFixed(1)} s, ${rate(rows(), time)} rows/s, peak RSS ${mb(peak)}`,
  )
  return result
}
const rowCount = (return903: Return903) =>
  tablesForYear(return903.year).reduce((sum, table) => sum + return903.tables[table].length, 0)

/** The return repeated with new CHILD ids (k + 'R' + id, at most 10 characters) until it has enough episodes. */
function enlarge(return903: Return903, episodes: number): Return903 {
  const copies = Math.max(1, Math.ceil(episodes / Math.max(1, return903.tables.Episodes.length)))
  const result = emptyReturn903(return903.year)
  for (let copy = 0; copy < copies; copy++) {
    for (const table of tablesForYear(return903.year)) {
      for (const row of return903.tables[table])
        result.tables[table].push({ ...row, CHILD: `${copy}R${row['CHILD'] ?? ''}`.slice(0, 10) })
    }
  }
  return result
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-bench-903-'))
try {
  await migrateToLatest(db)
  await loadComplianceReferenceData(db)
  if (!values.existing) await markDatabaseAsDemo(db)
  console.log(
    `Database: ${url ? 'PostgreSQL' : 'PGlite (embedded)'}; scale ${scale}; collection year ${year - 1}/${String(year).slice(2)}`,
  )
  let started = process.hrtime.bigint()
  if (!values.existing) {
    const generated = await generateSyntheticCouncil(db, { seed: Number(values.seed), scale })
    console.log(`Generated ${generated.rows.toLocaleString('en-GB')} rows in ${seconds(started).toFixed(1)} s`)
    if (url) await sql`analyze`.execute(db)
  }
  const councils = await db
    .selectFrom('council')
    .select('id')
    .orderBy('id')
    .$if(values.councils !== undefined, (query) => query.limit(Number(values.councils)))
    .execute()

  let exported: Return903 | undefined
  for (const council of councils) {
    const built = await measure(
      `903 build, council ${council.id}`,
      () => (exported === undefined ? 0 : rowCount(exported)),
      async () => {
        exported = await build903Return(db, council.id, year)
        return exported
      },
    )
    await measure(
      `903 CSV + XML write, council ${council.id}`,
      () => rowCount(built),
      async () => {
        await write903Csv(built, path.join(work, `export-${council.id}`))
        await write903Xml(built, path.join(work, `export-${council.id}.xml`))
      },
    )
    const lastYear = await build903Return(db, council.id, year - 1)
    await measure(
      `903 full validation (with last year's return), council ${council.id}`,
      () => rowCount(built) + rowCount(lastYear),
      async () => validate903(built, yearLabel(year), { lastYear }),
    )
    let cinRows = 0
    const cin = await measure(
      `CIN census build, council ${council.id}`,
      () => cinRows,
      async () => {
        const built = await buildCinReturn(db, council.id, year)
        cinRows = Object.values(built.tables).reduce((sum, rows) => sum + rows.length, 0)
        return built
      },
    )
    await measure(
      `CIN census XML + full validation, council ${council.id}`,
      () => cinRows,
      async () => {
        fs.writeFileSync(path.join(work, `cin-${council.id}.xml`), cinReturnToXml(cin))
        return validateCin(cin, yearLabel(year))
      },
    )
  }
  if (exported === undefined) throw new Error('No council was generated.')

  const large = enlarge(exported, wantedEpisodes)
  const importDir = path.join(work, 'import')
  await write903Csv(large, importDir)
  const highest = await db
    .selectFrom('council')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirstOrThrow()
  const importCouncil = Number(highest.id) + 1
  await db
    .insertInto('council')
    .values({ id: importCouncil, name: 'Bench import', la_code: '999', gss_code: 'E06000009', region: 'North West' })
    .execute()
  console.log(
    `Import file: ${large.tables.Episodes.length.toLocaleString('en-GB')} episodes, ${rowCount(large).toLocaleString('en-GB')} rows in ${tablesForYear(year).length} tables`,
  )
  const report = await measure(
    '903 import (new council)',
    () => rowCount(large),
    () => import903(db, importCouncil, { csvDir: importDir }, null),
  )
  if (report.status !== 'succeeded') throw new Error(`Import failed: ${JSON.stringify(report.problems.slice(0, 5))}`)
  await measure(
    '903 import again (no changes)',
    () => rowCount(large),
    () => import903(db, importCouncil, { csvDir: importDir }, null),
  )
  started = process.hrtime.bigint()
  const again = await build903Return(db, importCouncil, year)
  console.log(
    `903 build of the imported council: ${rowCount(again).toLocaleString('en-GB')} rows in ${seconds(started).toFixed(1)} s`,
  )
} finally {
  clearInterval(sampler)
  fs.rmSync(work, { recursive: true, force: true })
  await db.destroy()
}
