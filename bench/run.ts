/**
 * Runs every benchmark, one after another, each in its own process so memory is measured per run.
 *
 *   npm run bench                 # scale 1 and a small larger scale on PGlite
 *   npm run bench -- --scale 20   # passes --scale to every benchmark
 *   DATABASE_URL=postgres://...   # larger runs go to an empty PostgreSQL database instead
 *
 * Results are recorded by hand in docs/benchmarks.md with the machine they ran on.
 */
import { spawnSync } from 'node:child_process'

const BENCHMARKS = ['bench/generate.ts', 'bench/due-items.ts', 'bench/indicators.ts', 'bench/returns.ts']
const passThrough = process.argv.slice(2)
let failed = 0
for (const script of BENCHMARKS) {
  console.log(`\n=== ${script} ${passThrough.join(' ')}`)
  const result = spawnSync('npx', ['tsx', script, ...passThrough], { stdio: 'inherit', env: process.env })
  if (result.status !== 0) failed++
}
process.exit(failed === 0 ? 0 : 1)
