import { sql } from 'kysely'
import type { Db } from './database.js'

const statisticsCheckedAt = new WeakMap<object, number>()
const STATISTICS_RECHECK_MS = 10 * 60 * 1000

/**
 * Makes sure the planner has table statistics before heavy queries (start-up and the indicator engine
 * call it). PGlite has no autovacuum,
 * so a freshly loaded embedded database has none: the planner then guesses one row per table and
 * picks nested loops and the wrong indexes (the statutory visits trend took 128 s at scale 1 without
 * statistics). Where no autovacuum launcher is running, this analyses the tables that were never
 * analysed or have changed by more than autovacuum's threshold (50 rows + 10%) since; on PostgreSQL
 * autovacuum does that job and only never-analysed tables are touched. Checked at most every 10
 * minutes per database handle. Returns the tables it analysed.
 */
export async function ensurePlannerStatistics(db: Db): Promise<string[]> {
  const checked = statisticsCheckedAt.get(db)
  if (checked !== undefined && Date.now() - checked < STATISTICS_RECHECK_MS) return []
  statisticsCheckedAt.set(db, Date.now())
  const stale = await sql<{ name: string }>`
    select c.relname as name
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_stat_user_tables s on s.relid = c.oid
    where n.nspname = current_schema() and c.relkind = 'r'
      and (c.reltuples < 0 or (
        not exists (select 1 from pg_stat_activity a where a.backend_type = 'autovacuum launcher')
        and coalesce(s.n_mod_since_analyze, 0) > 50 + 0.1 * greatest(c.reltuples, 0)))
    order by 1`.execute(db)
  const names = stale.rows.map((row) => row.name)
  if (names.length > 0) await sql`analyze ${sql.join(names.map((name) => sql.table(name)))}`.execute(db)
  return names
}
