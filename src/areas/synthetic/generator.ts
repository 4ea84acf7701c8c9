import { sql } from 'kysely'
import type { Role } from '../../db/tables/foundation.js'
import type { Db } from '../../db/database.js'
import { hashPassword } from '../auth/passwords.js'
import { BatchWriter, resetIdentitySequences, type GeneratedTable } from './batch-writer.js'
import { addToCensus, emptyCensus, type CouncilCensus } from './census.js'
import { familiesInWindow } from './council-stream.js'
import { addYears, dayFromIso, isoFromDay, todayInLondon, type Day } from './dates.js'
import { assertDemoDatabase } from './demo-installation.js'
import { IDENTITY_TABLES, IdSource } from './ids.js'
import { planCouncils, type CouncilPlan } from './plan.js'
import { postcodePool } from './postcodes.js'
import { ProviderRegistry } from './providers.js'
import { Rng } from './rng.js'
import { SettingCatalogue } from './settings.js'
import { createStaff, DEMO_ACCOUNTS } from './staff.js'
import { createWorkforce } from './workforce.js'
import { writeCouncil, writeEscalationSteps, writeServiceManagement } from './write-council.js'
import type { CouncilWriteContext } from './write-context.js'
import { FamilyWriter } from './write-family.js'

/**
 * The deterministic synthetic council generator. Scale 1 is Blackpool: about 31,000 children, 3,500
 * referrals a year, 1,100 children in need, 280 on child protection plans, 580 looked after and 180
 * care leavers, with three years of history to the as-at date. A larger scale adds councils of the
 * same kind (see plan.ts for why several councils, not one big one). The same seed, scale and as-at
 * date always give the same data (apart from the demo accounts' salted password hashes and the
 * created_at timestamps).
 */
export interface GenerateOptions {
  seed: number
  /** 1 = Blackpool; 0.1 = a tenth of it; 180 = about England. */
  scale: number
  /** The "today" of the data, an ISO date ('2026-03-31') or a Date; defaults to today in Europe/London. */
  asAt?: string | Date
  onProgress?: (progress: GenerationProgress) => void
  /** Check foreign keys row by row while loading (slower; the tests use it to prove the ids line up). */
  enforceForeignKeys?: boolean
}

export interface GenerationProgress {
  councilId: number
  councilName: string
  councilNumber: number
  councils: number
  families: number
  rows: number
  done: boolean
}

export interface GenerationResult {
  asAt: string
  councils: number
  rows: number
  counts: Partial<Record<GeneratedTable, number>>
  /** Milliseconds spent in inserts, per table. */
  insertMs: Partial<Record<GeneratedTable, number>>
  /** Headline figures on the as-at date, summed over the councils (definitions in census.ts). */
  census: CouncilCensus
}

export class CouncilAlreadyExistsError extends Error {
  override name = 'CouncilAlreadyExistsError'
}

const FLUSH_EVERY_ROWS = 5_000
const HISTORY_YEARS = 3

function asAtDay(asAt: string | Date | undefined): Day {
  if (asAt === undefined) return todayInLondon()
  if (typeof asAt === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asAt)) throw new RangeError(`asAt must be an ISO date (yyyy-mm-dd), not ${asAt}`)
    return dayFromIso(asAt)
  }
  return todayInLondon(asAt)
}

export async function generateSyntheticCouncil(db: Db, options: GenerateOptions): Promise<GenerationResult> {
  if (!Number.isFinite(options.scale) || options.scale <= 0) throw new RangeError('scale must be a positive number')
  if (!Number.isInteger(options.seed)) throw new RangeError('seed must be an integer')
  await assertDemoDatabase(db)
  const asAt = asAtDay(options.asAt)
  const windowStart = addYears(asAt, -HISTORY_YEARS)
  const rng = new Rng(options.seed)
  const councils = planCouncils(options.scale, rng)
  await refuseExistingCouncils(db, councils)

  const demoHashes = new Map<Role, string>()
  for (const account of DEMO_ACCOUNTS) demoHashes.set(account.role, await hashPassword(account.password))
  const ids = await IdSource.open(db)
  const counts: Partial<Record<GeneratedTable, number>> = {}
  const insertMs: Partial<Record<GeneratedTable, number>> = {}
  const skipTriggers = options.enforceForeignKeys !== true && (await canSkipTriggers(db))
  const census = emptyCensus()
  let rows = 0

  for (const [index, council] of councils.entries()) {
    const written = await db.transaction().execute(async (trx) => {
      if (skipTriggers) await sql`set local session_replication_role = replica`.execute(trx)
      const writer = new BatchWriter(trx, FLUSH_EVERY_ROWS)
      const councilRng = rng.fork('council', council.id)
      writeCouncil(writer, council, councilRng.fork('council-rows'), windowStart, asAt)
      const staff = createStaff({
        council,
        rng: councilRng.fork('staff'),
        writer,
        ids,
        windowStart,
        asAt,
        demoHashes: council.isBlackpool ? demoHashes : null,
      })
      createWorkforce({
        councilId: council.id,
        staff,
        rng: councilRng.fork('workforce'),
        writer,
        ids,
        windowStart,
        asAt,
      })
      const escalationSteps = writeEscalationSteps(writer, ids, council.id)
      writeServiceManagement(writer, ids, council.id, staff, councilRng.fork('service'), windowStart, asAt)
      await writer.flush()

      const pool = postcodePool(council.isBlackpool)
      const settings = new SettingCatalogue(councilRng.fork('settings'), pool, council.size)
      const home = council.isBlackpool ? 'E06000009' : (pool.inBorough[0]?.utlaCode ?? 'E10000017')
      const context: CouncilWriteContext = {
        council,
        asAt,
        windowStart,
        writer,
        ids,
        staff,
        providers: new ProviderRegistry(
          council.id,
          council.name,
          home,
          councilRng.fork('providers'),
          writer,
          ids,
          asAt,
        ),
        pool,
        escalationSteps,
      }
      const families = new FamilyWriter(context, councilRng.fork('write'))
      let familyCount = 0
      const simulation = { rng: councilRng.fork('simulate'), asAt, pool, settings }
      for (const family of familiesInWindow(simulation, council.size, windowStart)) {
        families.write(family)
        for (const child of family.children) addToCensus(census, child, asAt)
        familyCount++
        await writer.flushIfFull()
        if (familyCount % 500 === 0) {
          options.onProgress?.({
            councilId: council.id,
            councilName: council.name,
            councilNumber: index + 1,
            councils: councils.length,
            families: familyCount,
            rows: rows + writer.total(),
            done: false,
          })
        }
      }
      families.writeLeaversFromElsewhere(Math.max(1, Math.round(8 * council.size)))
      await writer.flush()
      options.onProgress?.({
        councilId: council.id,
        councilName: council.name,
        councilNumber: index + 1,
        councils: councils.length,
        families: familyCount,
        rows: rows + writer.total(),
        done: index === councils.length - 1,
      })
      return { counts: writer.counts, insertMs: writer.insertMs }
    })
    for (const [table, count] of Object.entries(written.counts) as [GeneratedTable, number][]) {
      counts[table] = (counts[table] ?? 0) + count
      rows += count
    }
    for (const [table, ms] of Object.entries(written.insertMs) as [GeneratedTable, number][]) {
      insertMs[table] = (insertMs[table] ?? 0) + ms
    }
  }
  await resetIdentitySequences(db, IDENTITY_TABLES)
  return { asAt: isoFromDay(asAt), councils: councils.length, rows, counts, insertMs, census }
}

/**
 * Foreign-key checks are triggers, and on PGlite they cost more than the inserts themselves, so the
 * load runs with session_replication_role = replica (inside its transaction only) when the database
 * allows it. The generator's own ids are consistent by construction, and the tests load with the
 * checks on (enforceForeignKeys) to prove it. A server that refuses the setting gets the checks.
 */
async function canSkipTriggers(db: Db): Promise<boolean> {
  try {
    await db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx)
    })
    return true
  } catch {
    return false
  }
}

async function refuseExistingCouncils(db: Db, councils: readonly CouncilPlan[]): Promise<void> {
  const existing = await db
    .selectFrom('council')
    .select(['id', 'name', 'la_code'])
    .where((eb) =>
      eb.or([
        eb(
          'id',
          'in',
          councils.map((council) => council.id),
        ),
        eb(
          'la_code',
          'in',
          councils.map((council) => council.laCode),
        ),
      ]),
    )
    .execute()
  const first = existing[0]
  if (first !== undefined) {
    throw new CouncilAlreadyExistsError(
      `This database already holds ${first.name} (council ${first.id}, LA ${first.la_code}). The synthetic council can only be loaded once; start from an empty database.`,
    )
  }
}
