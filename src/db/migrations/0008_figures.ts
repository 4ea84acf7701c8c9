import type { Kysely } from 'kysely'
import { executeScript } from '../sql-script.js'

/**
 * Figures (comparators): each benchmark value carries how sure its reference file is of it, so the
 * dashboard can mark figures derived or taken from a secondary source rather than read in the DfE table.
 * V = read in the DfE source; derived = computed from verified counts; S = secondary; R = recall.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table benchmark_value add column verified text check (verified in ('V', 'derived', 'S', 'R'));
  `,
  )
}

export async function down(): Promise<void> {
  throw new Error('The figures migration cannot be reversed.')
}
