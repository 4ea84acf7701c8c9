import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import {
  BENCHMARK_FILE_FORMAT,
  benchmarkFileSchema,
  type BenchmarkFile,
  type BenchmarkValueRow,
} from './file-schema.js'

/**
 * Makes a benchmark data file from the project's KPI reference (kpis.json): England, North West, the
 * council's own published figure and, where the reference gives them, each statistical neighbour and
 * their simple average. Only values the reference actually holds are written: "not retrieved" is not
 * a DfE suppression and is left out rather than shown as one.
 *
 *   npx tsx src/areas/figures/benchmarks/from-kpis.ts ../shared/reference/kpis.json 2026-11-22 \
 *     > reference/benchmarks/benchmarks-2025.json
 */

interface KpiValue {
  value?: number | null
  year?: string | null
  source?: string
  verified?: string | null
  north_west?: number
  [key: string]: unknown
}

interface NeighbourValue {
  code: string
  name: string
  value: number | null
  suppression?: string | null
  year: string
  source: string
  verified?: string | null
}

interface Kpi {
  id: string
  source?: string
  england?: KpiValue
  blackpool?: KpiValue
  /** Not in the 2025 reference; written when a newer one adds neighbour values. */
  neighbours?: NeighbourValue[]
}

interface KpiReference {
  statisticalNeighbours: { la: string; la_code: string; region: string; neighbours: { code: string; name: string }[] }
  kpis: Kpi[]
}

const REGION_CODES: Record<string, string> = { 'North West': 'E12000002' }
const VERIFIED = new Set(['V', 'derived', 'S', 'R'])
const verifiedFlag = (flag: unknown) => (typeof flag === 'string' && VERIFIED.has(flag) ? (flag as 'V') : null)

/** 2024 → '2023-24' (the DfE year to 31 March 2024); '31 Mar 2025'-style years stay snapshots. */
function earlierYear(mainYear: string | null | undefined, year: number): string {
  if (mainYear !== null && mainYear !== undefined && /^\d{1,2} [A-Za-z]{3} \d{4}$/.test(mainYear)) {
    return mainYear.replace(/\d{4}$/, String(year))
  }
  return `${year - 1}-${String(year % 100).padStart(2, '0')}`
}

export function benchmarkFileFromKpis(reference: KpiReference, createdOn: string): BenchmarkFile {
  const values: BenchmarkValueRow[] = []
  const la = reference.statisticalNeighbours
  const add = (row: Omit<BenchmarkValueRow, 'suppression' | 'areaCode'> & Partial<BenchmarkValueRow>) =>
    values.push({ areaCode: null, suppression: null, ...row })

  for (const kpi of reference.kpis) {
    const england = kpi.england
    if (england !== undefined) {
      const verified = verifiedFlag(england.verified)
      if (typeof england.value === 'number' && england.year) {
        add({
          indicatorId: kpi.id,
          areaKind: 'england',
          areaCode: 'E92000001',
          areaName: 'England',
          year: england.year,
          value: england.value,
          source: england.source ?? kpi.source ?? '',
          verified,
        })
      }
      if (typeof england.north_west === 'number' && england.year) {
        add({
          indicatorId: kpi.id,
          areaKind: 'region',
          areaCode: REGION_CODES[la.region] ?? null,
          areaName: la.region,
          year: england.year,
          value: england.north_west,
          source: `${england.source ?? kpi.source ?? ''} (North West row)`,
          verified,
        })
      }
      // Earlier years the reference records beside the current one (value_2024, pct_2022, value_2024_revised).
      for (const [key, value] of Object.entries(england)) {
        const match = /^(?:value|pct)_(\d{4})(_revised)?$/.exec(key)
        if (match === null || typeof value !== 'number') continue
        add({
          indicatorId: kpi.id,
          areaKind: 'england',
          areaCode: 'E92000001',
          areaName: 'England',
          year: earlierYear(england.year, Number(match[1])),
          value,
          source: `Earlier year given beside: ${england.source ?? kpi.source ?? ''}${match[2] ? ' (revised)' : ''}`,
          verified,
        })
      }
    }
    const own = kpi.blackpool
    if (own !== undefined && typeof own.value === 'number' && own.year) {
      add({
        indicatorId: kpi.id,
        areaKind: 'local_authority',
        areaCode: la.la_code,
        areaName: la.la,
        year: own.year,
        value: own.value,
        source: own.source ?? kpi.source ?? '',
        verified: verifiedFlag(own.verified),
      })
    }
    const byYear = new Map<string, NeighbourValue[]>()
    for (const neighbour of kpi.neighbours ?? []) {
      add({
        indicatorId: kpi.id,
        areaKind: 'local_authority',
        areaCode: neighbour.code,
        areaName: neighbour.name,
        year: neighbour.year,
        value: neighbour.value,
        suppression: neighbour.value === null ? ((neighbour.suppression as 'x' | null | undefined) ?? 'x') : null,
        source: neighbour.source,
        verified: verifiedFlag(neighbour.verified),
      })
      byYear.set(neighbour.year, [...(byYear.get(neighbour.year) ?? []), neighbour])
    }
    // The simple unweighted mean of the neighbours with a value (suppressed ones left out), as the reference says.
    for (const [year, neighbours] of byYear) {
      const known = neighbours.filter((neighbour) => neighbour.value !== null)
      if (known.length === 0) continue
      const mean = known.reduce((sum, neighbour) => sum + neighbour.value!, 0) / known.length
      add({
        indicatorId: kpi.id,
        areaKind: 'statistical_neighbours',
        areaName: `Statistical neighbours (average of ${known.length})`,
        year,
        value: Math.round(mean * 10) / 10,
        source: `Simple mean of ${known.map((neighbour) => neighbour.name).join(', ')}`,
        verified: known.every((neighbour) => neighbour.verified === 'V') ? 'derived' : 'S',
      })
    }
  }
  return benchmarkFileSchema.parse({
    format: BENCHMARK_FILE_FORMAT,
    formatVersion: 1,
    name: 'DfE comparators to the 2025 releases (England, North West, Blackpool)',
    source:
      'Derived from the project KPI reference (shared/reference/kpis.json: DfE Children in need 2025, Children looked after in England 2025, Stability measures 2024, Children’s social work workforce 2023), by src/areas/figures/benchmarks/from-kpis.ts',
    createdOn,
    notes: `Statistical neighbours of ${la.la} (${la.neighbours.map((n) => n.name).join(', ')}): the reference gives no neighbour values yet, so no neighbour rows are included. Values the reference marks "not retrieved" are left out.`,
    values,
  })
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [input, createdOn] = process.argv.slice(2)
  if (input === undefined || createdOn === undefined) {
    console.error('Usage: tsx src/areas/figures/benchmarks/from-kpis.ts <kpis.json> <yyyy-mm-dd>')
    process.exit(2)
  }
  const reference = JSON.parse(readFileSync(input, 'utf8')) as KpiReference
  process.stdout.write(`${JSON.stringify(benchmarkFileFromKpis(reference, createdOn), null, 2)}\n`)
}
