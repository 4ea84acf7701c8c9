/**
 * Benchmarks the synthetic council generator.
 *
 *   npx tsx bench/generate.ts --scale 5
 *
 * Runs scale 1 (one Blackpool) on an in-memory PGlite, then the given scale (default 5) on
 * DATABASE_URL if it is set (it must be an empty, migrated-or-new database) or else on PGlite in a
 * temporary directory. Each run is a separate child process, so its peak memory is its own. Prints
 * rows, seconds, rows per second and peak resident memory (sampled every 100 ms).
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { generateSyntheticCouncil, markDatabaseAsDemo } from '../src/areas/synthetic/demo.js'

interface RunResult {
  target: string
  scale: number
  councils: number
  rows: number
  seconds: number
  rowsPerSecond: number
  peakRssMb: number
  lookedAfter: number
  children: number
  slowestTables: string
}

const SEED = 20261122
const AS_AT = '2026-03-31'

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? undefined : process.argv[index + 1]
}

async function run(scale: number, target: 'memory' | 'directory' | 'postgres'): Promise<RunResult> {
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 100)
  const directory = target === 'directory' ? fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-bench-')) : null
  const db = await openDatabase(
    target === 'postgres'
      ? { kind: 'postgres', url: process.env['DATABASE_URL'] ?? '' }
      : { kind: 'pglite', dataDir: directory ?? 'memory://' },
  )
  try {
    await migrateToLatest(db)
    await markDatabaseAsDemo(db)
    const started = performance.now()
    const result = await generateSyntheticCouncil(db, {
      seed: SEED,
      scale,
      asAt: AS_AT,
      onProgress: (progress) => {
        if (progress.families % 2000 === 0 || progress.done) {
          process.stderr.write(
            `  council ${progress.councilNumber}/${progress.councils} ${progress.councilName}: ${progress.families} families, ${progress.rows} rows\n`,
          )
        }
      },
    })
    const seconds = (performance.now() - started) / 1000
    const slowest = Object.entries(result.insertMs)
      .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
      .slice(0, 4)
      .map(([table, ms]) => `${table} ${Math.round((ms ?? 0) / 1000)}s`)
      .join(', ')
    return {
      target:
        target === 'postgres'
          ? 'PostgreSQL (DATABASE_URL)'
          : target === 'memory'
            ? 'PGlite in memory'
            : 'PGlite on disk',
      scale,
      councils: result.councils,
      rows: result.rows,
      seconds: Math.round(seconds * 10) / 10,
      rowsPerSecond: Math.round(result.rows / seconds),
      peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024),
      lookedAfter: result.census.lookedAfter,
      children: result.census.children,
      slowestTables: slowest,
    }
  } finally {
    clearInterval(sampler)
    await db.destroy()
    if (directory !== null) fs.rmSync(directory, { recursive: true, force: true })
  }
}

function inChildProcess(scale: number, target: string): RunResult {
  const script = fileURLToPath(import.meta.url)
  const output = execFileSync(
    process.execPath,
    [...process.execArgv, script, '--run', String(scale), '--target', target],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 1024 * 1024,
    },
  )
  const line = output.trim().split('\n').pop() ?? '{}'
  return JSON.parse(line) as RunResult
}

async function main(): Promise<void> {
  const runScale = argument('run')
  if (runScale !== undefined) {
    const target = (argument('target') ?? 'memory') as 'memory' | 'directory' | 'postgres'
    process.stdout.write(`${JSON.stringify(await run(Number(runScale), target))}\n`)
    return
  }
  const scale = Number(argument('scale') ?? '5')
  if (!Number.isFinite(scale) || scale <= 0) throw new Error('--scale must be a positive number')
  const results: RunResult[] = []
  console.error('Scale 1 on PGlite in memory...')
  results.push(inChildProcess(1, 'memory'))
  const target = process.env['DATABASE_URL'] ? 'postgres' : 'directory'
  console.error(`Scale ${scale} on ${target === 'postgres' ? 'DATABASE_URL' : 'PGlite in a temporary directory'}...`)
  results.push(inChildProcess(scale, target))
  console.table(
    results.map((result) => ({
      target: result.target,
      scale: result.scale,
      councils: result.councils,
      children: result.children,
      'looked after': result.lookedAfter,
      rows: result.rows,
      seconds: result.seconds,
      'rows/s': result.rowsPerSecond,
      'peak RSS MB': result.peakRssMb,
    })),
  )
  for (const result of results)
    console.log(`${result.target}, scale ${result.scale}: slowest inserts ${result.slowestTables}`)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
