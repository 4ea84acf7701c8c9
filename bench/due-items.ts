/**
 * Benchmark: compute every due item for a whole synthetic council.
 *
 *   npx tsx bench/due-items.ts [--scale 1] [--seed 20261122] [--repeat 3]
 *   DATABASE_URL=postgres://... npx tsx bench/due-items.ts --scale 10    (an empty PostgreSQL database)
 *   DATABASE_URL=postgres://... npx tsx bench/due-items.ts --existing    (the councils already loaded there)
 *
 * Generates the synthetic council (src/areas/synthetic, generateSyntheticCouncil) into a fresh embedded
 * database (or the empty PostgreSQL database in DATABASE_URL), then for every council times:
 *  - the SQL engine (dueItemsForCouncil: one set-based query for the whole council),
 *  - the TypeScript engine (loadChildFacts for the council, then dueItemsForChild for each child),
 * and checks the two agree. Prints items per second, and visit timeliness for the last 6 months.
 * Record results in docs/benchmarks.md.
 */
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { loadSignedInUser } from '../src/areas/auth/sessions.js'
import { addCalendarMonths } from '../src/areas/compliance/calendar.js'
import { loadChildFacts } from '../src/areas/compliance/child-facts.js'
import { dueItemsForChild } from '../src/areas/compliance/due-engine.js'
import { compareDueItems } from '../src/areas/compliance/due-item.js'
import { dueItemsForCouncil } from '../src/areas/compliance/due-sql.js'
import { loadComplianceReferenceData } from '../src/areas/compliance/reference-data.js'
import { loadRuleBook } from '../src/areas/compliance/rule-book.js'
import { percentInTime, visitTimeliness } from '../src/areas/compliance/timeliness.js'
import { generateSyntheticCouncil, markDatabaseAsDemo } from '../src/areas/synthetic/demo.js'
import { openDatabase } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { todayInLondon } from '../src/web/forms/date-input.js'

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '20261122' },
    /** Use the councils already in DATABASE_URL (e.g. an England-scale load) instead of generating. */
    existing: { type: 'boolean', default: false },
    repeat: { type: 'string', default: '3' },
  },
})
const scale = Number(values.scale)
const repeat = Math.max(1, Number(values.repeat))
const url = process.env['DATABASE_URL']
const db = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: 'memory://' })
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9
const rate = (count: number, time: number) => Math.round(count / time).toLocaleString('en-GB')

try {
  await migrateToLatest(db)
  await loadComplianceReferenceData(db)
  if (!values.existing) await markDatabaseAsDemo(db)
  const today = todayInLondon()
  console.log(`Database: ${url ? 'PostgreSQL' : 'PGlite (embedded)'}; scale ${scale}; as at ${today}`)
  let started = process.hrtime.bigint()
  if (!values.existing) {
    const generated = await generateSyntheticCouncil(db, { seed: Number(values.seed), scale, asAt: today })
    console.log(
      `Generated ${generated.councils} council(s), ${generated.rows.toLocaleString('en-GB')} rows, ` +
        `${generated.census.children.toLocaleString('en-GB')} children in ${seconds(started).toFixed(1)} s`,
    )
  }
  if (url) await sql`analyze`.execute(db)

  const councils = await db.selectFrom('council').select(['id', 'name']).orderBy('id').execute()
  let totalItems = 0
  let totalSql = 0
  let totalTs = 0
  for (const council of councils) {
    let items = 0
    let best = Number.POSITIVE_INFINITY
    for (let run = 0; run < repeat; run++) {
      started = process.hrtime.bigint()
      items = (await dueItemsForCouncil(db, council.id, today)).length
      best = Math.min(best, seconds(started))
    }
    started = process.hrtime.bigint()
    const facts = await loadChildFacts(db, council.id)
    const rules = await loadRuleBook(db, council.id)
    const loaded = seconds(started)
    started = process.hrtime.bigint()
    const fromTypeScript = [...facts.values()]
      .flatMap((child) => dueItemsForChild(child, rules, today))
      .sort(compareDueItems)
    const computed = seconds(started)
    const fromSql = await dueItemsForCouncil(db, council.id, today)
    const agree = JSON.stringify(fromSql) === JSON.stringify(fromTypeScript)
    totalItems += items
    totalSql += best
    totalTs += loaded + computed
    console.log(
      `${council.name}: ${items.toLocaleString('en-GB')} due items for ${facts.size.toLocaleString('en-GB')} children. ` +
        `SQL ${best.toFixed(3)} s (${rate(items, best)} items/s, best of ${repeat}); ` +
        `TypeScript ${(loaded + computed).toFixed(3)} s (load ${loaded.toFixed(3)} s, compute ${computed.toFixed(3)} s; ${rate(items, loaded + computed)} items/s); ` +
        `engines agree: ${agree ? 'yes' : 'NO'}`,
    )
    if (!agree) process.exitCode = 1
  }
  console.log(
    `All councils: ${totalItems.toLocaleString('en-GB')} items; SQL ${totalSql.toFixed(2)} s (${rate(totalItems, totalSql)} items/s); ` +
      `TypeScript ${totalTs.toFixed(2)} s (${rate(totalItems, totalTs)} items/s)`,
  )

  const first = councils[0]
  const head =
    first === undefined
      ? undefined
      : await db
          .selectFrom('user_account')
          .select('id')
          .where('council_id', '=', first.id)
          .where('role', '=', 'head_of_service')
          .executeTakeFirst()
  const user = first === undefined || head === undefined ? undefined : await loadSignedInUser(db, first.id, head.id)
  if (user !== undefined) {
    started = process.hrtime.bigint()
    const report = await visitTimeliness(db, user, { from: addCalendarMonths(today, -6), to: today }, today)
    const { total } = report
    console.log(
      `${user.councilName} visit timeliness, last 6 months (${seconds(started).toFixed(2)} s): ${total.due} statutory visits due, ` +
        `${total.inTime} in time (${percentInTime(total)}%), ${total.late} late, ${total.notSeen} not yet seen, ` +
        `${total.withReason} late or missed with a reason; ${report.childrenNotSeen.length} visits not in time across ${new Set(report.childrenNotSeen.map((row) => row.childId)).size} children`,
    )
  }
  console.log(`Peak resident memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`)
} finally {
  await db.destroy()
}
