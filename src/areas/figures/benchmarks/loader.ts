import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Db } from '../../../db/database.js'
import type { SignedInUser } from '../../../web/context.js'
import { repoRoot } from '../../../web/assets.js'
import { appendAudit } from '../../audit/audit-log.js'
import { parseBenchmarkFile, type BenchmarkFileError } from './file-schema.js'

/** The benchmark file shipped with Harbour, loaded for any council that has none. */
export const DEFAULT_BENCHMARK_FILE = path.join(repoRoot, 'reference', 'benchmarks', 'benchmarks-2025.json')

export interface BenchmarkFileText {
  /** As uploaded or on disk; null when pasted. */
  fileName: string | null
  text: string
}

export type BenchmarkLoadResult =
  { ok: true; loadId: number; rows: number } | { ok: false; errors: BenchmarkFileError[] }

/**
 * Validates a benchmark file and, only if every row is valid, loads it as the council's current
 * comparators: one benchmark_load row, its values, and the previous current load marked as superseded
 * by it, all in one transaction with its audit row. An invalid file writes nothing.
 * `user` is null for the automatic load of the shipped file.
 */
export async function loadBenchmarkFile(
  db: Db,
  councilId: number,
  file: BenchmarkFileText,
  user: SignedInUser | null,
  ip: string | null = null,
): Promise<BenchmarkLoadResult> {
  const parsed = parseBenchmarkFile(file.text)
  if (!parsed.ok) return parsed
  const { name, source, values } = parsed.file
  const sha256 = createHash('sha256').update(file.text).digest('hex')
  return db.transaction().execute(async (trx) => {
    const previous = await trx
      .selectFrom('benchmark_load')
      .select('id')
      .where('council_id', '=', councilId)
      .where('superseded_by_load_id', 'is', null)
      .forUpdate()
      .execute()
    const load = await trx
      .insertInto('benchmark_load')
      .values({
        council_id: councilId,
        name,
        source,
        file_name: file.fileName,
        file_sha256: sha256,
        row_count: values.length,
        loaded_by: user?.id ?? null,
        superseded_by_load_id: null,
        note: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const loadId = Number(load.id)
    for (let start = 0; start < values.length; start += 500) {
      await trx
        .insertInto('benchmark_value')
        .values(
          values.slice(start, start + 500).map((row) => ({
            council_id: councilId,
            load_id: loadId,
            indicator_id: row.indicatorId,
            area_kind: row.areaKind,
            area_code: row.areaCode,
            area_name: row.areaName,
            year: row.year,
            value: row.value,
            suppression: row.suppression,
            source: row.source,
            verified: row.verified,
          })),
        )
        .execute()
    }
    const supersededIds = previous.map((row) => Number(row.id))
    if (supersededIds.length > 0) {
      await trx
        .updateTable('benchmark_load')
        .set({ superseded_by_load_id: loadId })
        .where('council_id', '=', councilId)
        .where('id', 'in', supersededIds)
        .execute()
    }
    await appendAudit(trx, {
      councilId,
      userId: user?.id ?? null,
      userRole: user?.role ?? null,
      action: 'create',
      entity: 'benchmark_load',
      entityId: loadId,
      route: user === null ? null : 'POST /admin/benchmarks',
      ip,
      detail: { rows: values.length, fileSha256: sha256, supersedes: supersededIds },
    })
    return { ok: true as const, loadId, rows: values.length }
  })
}

export interface BenchmarkLoadSummary {
  id: number
  name: string
  source: string
  fileName: string | null
  rows: number
  loadedAt: string
  loadedByName: string | null
}

/** The council's current load, if any. */
export async function currentBenchmarkLoad(db: Db, councilId: number): Promise<BenchmarkLoadSummary | undefined> {
  const rows = await benchmarkLoads(db, councilId, 1)
  return rows[0]
}

/** Loads, newest first (the first is current). */
export async function benchmarkLoads(db: Db, councilId: number, limit = 10): Promise<BenchmarkLoadSummary[]> {
  const rows = await db
    .selectFrom('benchmark_load as l')
    .leftJoin('user_account as u', (join) =>
      join.onRef('u.council_id', '=', 'l.council_id').onRef('u.id', '=', 'l.loaded_by'),
    )
    .select(['l.id', 'l.name', 'l.source', 'l.file_name', 'l.row_count', 'l.loaded_at', 'u.display_name'])
    .where('l.council_id', '=', councilId)
    .orderBy('l.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((row) => ({
    id: Number(row.id),
    name: row.name,
    source: row.source,
    fileName: row.file_name,
    rows: row.row_count ?? 0,
    loadedAt: new Date(row.loaded_at).toISOString(),
    loadedByName: row.display_name,
  }))
}

/**
 * At start-up and after the demo council is loaded: every council without a benchmark load gets the
 * shipped file, so the dashboard has comparators from the first day. Returns the councils loaded.
 */
export async function loadDefaultBenchmarksWhereMissing(db: Db, filePath = DEFAULT_BENCHMARK_FILE): Promise<number[]> {
  const councils = await db
    .selectFrom('council')
    .select('id')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('benchmark_load').select('id').whereRef('benchmark_load.council_id', '=', 'council.id'),
        ),
      ),
    )
    .orderBy('id')
    .execute()
  if (councils.length === 0) return []
  const text = readFileSync(filePath, 'utf8')
  const loaded: number[] = []
  for (const council of councils) {
    const result = await loadBenchmarkFile(db, council.id, { fileName: path.basename(filePath), text }, null)
    if (!result.ok) {
      throw new Error(
        `The shipped benchmark file ${filePath} is not valid: ${result.errors.map((error) => `${error.row ?? '-'} ${error.field} ${error.message}`).join('; ')}`,
      )
    }
    loaded.push(council.id)
  }
  return loaded
}
