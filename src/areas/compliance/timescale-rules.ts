import { readFileSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { StatutoryStatus, TimescaleUnit } from '../../db/tables/compliance.js'
import { repoRoot } from '../../web/assets.js'

/**
 * Timescale rules as data: reference/timescales/*.json, loaded into timescale_rule at start-up. The
 * files are the source of truth for the national rules; councils change their own limits through
 * council_timescale (settings), never by editing a row here.
 */
export interface TimescaleRuleRow {
  id: string
  name: string
  domain: string
  source: string
  statutory_status: StatutoryStatus
  clock_starts_from: string
  time_limit: number | null
  unit: TimescaleUnit
  recurring: boolean
  notes: string | null
  verified: 'V' | 'S' | 'R' | null
}

interface TimescaleDefinition {
  id: string
  domain: string
  event: string
  clockStartsFrom: string
  limit: number | null
  unit: string
  recurring: boolean
  statutoryStatus: string
  source: string
  verified?: string
  notes?: string
}

export const TIMESCALE_FILES = ['timescales.json', 'harbour-rules.json'].map((file) =>
  path.join(repoRoot, 'reference', 'timescales', file),
)

const UNITS: readonly TimescaleUnit[] = [
  'working_days',
  'calendar_days',
  'calendar_weeks',
  'calendar_months',
  'school_terms',
  'none',
  'as_soon_as_possible',
]
const STATUSES: readonly StatutoryStatus[] = [
  'statute',
  'regulation',
  'statutory_guidance',
  'statute_no_limit',
  'local_standard',
]

/** The file's 'weeks' (care proceedings, 26 weeks) are calendar weeks. */
function unitOf(unit: string, id: string): TimescaleUnit {
  const mapped = unit === 'weeks' ? 'calendar_weeks' : unit
  if (!(UNITS as readonly string[]).includes(mapped)) throw new Error(`Timescale ${id}: unknown unit "${unit}"`)
  return mapped as TimescaleUnit
}

export function timescaleRuleFromDefinition(definition: TimescaleDefinition): TimescaleRuleRow {
  const unit = unitOf(definition.unit, definition.id)
  if (!(STATUSES as readonly string[]).includes(definition.statutoryStatus)) {
    throw new Error(`Timescale ${definition.id}: unknown statutory status "${definition.statutoryStatus}"`)
  }
  const noLimit = unit === 'none' || unit === 'as_soon_as_possible'
  if (noLimit !== (definition.limit === null)) {
    throw new Error(
      `Timescale ${definition.id}: a limit is needed exactly when the unit is not none/as_soon_as_possible`,
    )
  }
  const verified =
    definition.verified === 'V' || definition.verified === 'S' || definition.verified === 'R'
      ? definition.verified
      : null
  return {
    id: definition.id,
    name: definition.event,
    domain: definition.domain,
    source: definition.source,
    statutory_status: definition.statutoryStatus as StatutoryStatus,
    clock_starts_from: definition.clockStartsFrom,
    time_limit: definition.limit,
    unit,
    recurring: definition.recurring,
    notes: definition.notes === undefined || definition.notes === '' ? null : definition.notes,
    verified,
  }
}

/** Every rule in the vendored files, checked; ids must be unique across files. */
export function readTimescaleRules(files: readonly string[] = TIMESCALE_FILES): TimescaleRuleRow[] {
  const rules: TimescaleRuleRow[] = []
  const seen = new Set<string>()
  for (const file of files) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { timescales?: TimescaleDefinition[] }
    if (!Array.isArray(parsed.timescales)) throw new Error(`${file} has no "timescales" list`)
    for (const definition of parsed.timescales) {
      if (seen.has(definition.id)) throw new Error(`Timescale ${definition.id} is defined twice`)
      seen.add(definition.id)
      rules.push(timescaleRuleFromDefinition(definition))
    }
  }
  return rules
}

/**
 * Upserts the rules: new ones are inserted, changed ones updated (with version + 1), unchanged ones
 * left alone, and rules no longer in the files marked inactive (kept, because councils' rows refer to
 * them). Safe to run on every start.
 */
export async function loadTimescaleRules(
  db: Db,
  rules: readonly TimescaleRuleRow[] = readTimescaleRules(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const rule of rules) {
      await trx
        .insertInto('timescale_rule')
        .values({ ...rule })
        .onConflict((conflict) =>
          conflict
            .column('id')
            .doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              domain: eb.ref('excluded.domain'),
              source: eb.ref('excluded.source'),
              statutory_status: eb.ref('excluded.statutory_status'),
              clock_starts_from: eb.ref('excluded.clock_starts_from'),
              time_limit: eb.ref('excluded.time_limit'),
              unit: eb.ref('excluded.unit'),
              recurring: eb.ref('excluded.recurring'),
              notes: eb.ref('excluded.notes'),
              verified: eb.ref('excluded.verified'),
              active: true,
              version: sql<number>`timescale_rule.version + 1`,
              updated_at: sql<Date>`now()`,
            }))
            .where(
              sql<boolean>`(timescale_rule.name, timescale_rule.domain, timescale_rule.source, timescale_rule.statutory_status,
                timescale_rule.clock_starts_from, timescale_rule.time_limit, timescale_rule.unit, timescale_rule.recurring,
                timescale_rule.notes, timescale_rule.verified, timescale_rule.active)
                is distinct from (excluded.name, excluded.domain, excluded.source, excluded.statutory_status,
                excluded.clock_starts_from, excluded.time_limit, excluded.unit, excluded.recurring, excluded.notes,
                excluded.verified, true)`,
            ),
        )
        .execute()
    }
    const ids = rules.map((rule) => rule.id)
    await trx
      .updateTable('timescale_rule')
      .set({ active: false, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
      .where('active', '=', true)
      .$if(ids.length > 0, (query) => query.where('id', 'not in', ids))
      .execute()
  })
}
