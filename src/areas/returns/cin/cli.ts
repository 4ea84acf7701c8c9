import fs from 'node:fs/promises'
import { parseArgs } from 'node:util'
import cliProgress from 'cli-progress'
import { EXIT, UsageError, type CliDeps, type Command } from '../../../cli.js'
import type { Db } from '../../../db/database.js'
import { buildCinReturn } from './builder.js'
import { importCin, type CinImportReport } from './import.js'
import { describeProblem } from './xml-reader.js'
import { cinReturnToXml } from './xml-writer.js'

/**
 * The CIN census commands: `harbour returns cin --year 2026 --out cin.xml` writes the census for a
 * year from the live record; `harbour import cin <file.xml>` imports a census file (all or nothing)
 * and prints what it imported, updated and skipped, or every problem that stopped it.
 */

/** The council to work on: --council N, or the only council in the database. */
async function councilFor(db: Db, value: string | undefined): Promise<number> {
  if (value !== undefined) {
    if (!/^\d+$/.test(value)) throw new UsageError('--council must be a council id, e.g. --council 1')
    return Number(value)
  }
  const councils = await db.selectFrom('council').select('id').orderBy('id').limit(2).execute()
  if (councils.length !== 1 || councils[0] === undefined) {
    throw new UsageError(
      councils.length === 0 ? 'There are no councils in this database.' : 'Say which council with --council N.',
    )
  }
  return councils[0].id
}

function yearOf(value: string | undefined): number {
  if (value === undefined || !/^\d{4}$/.test(value)) {
    throw new UsageError('--year must be the census year, e.g. --year 2026 for 1 April 2025 to 31 March 2026')
  }
  return Number(value)
}

/** xs:dateTime in London time without a zone, to the second. */
function londonNow(): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date())
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '00'
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}`
}

export async function runReturnsCin(args: string[], deps: CliDeps): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { year: { type: 'string' }, out: { type: 'string' }, council: { type: 'string' } },
    allowPositionals: false,
    strict: true,
  })
  const year = yearOf(values.year)
  if (values.out === undefined) throw new UsageError('--out must name the XML file to write, e.g. --out cin.xml')
  const out = values.out
  const summary = await deps.withDatabase(async (db) => {
    const councilId = await councilFor(db, values.council)
    const cin = await buildCinReturn(db, councilId, year)
    await fs.writeFile(out, cinReturnToXml(cin, { generatedAt: londonNow() }))
    return { children: cin.tables.ChildIdentifiers.length, episodes: cin.tables.CINdetails.length }
  })
  deps.out(
    `Wrote the ${year - 1}/${String(year).slice(2)} CIN census to ${out}: ${summary.children} children, ${summary.episodes} CIN episodes.`,
  )
  return EXIT.ok
}

function printReport(report: CinImportReport, deps: CliDeps): void {
  const counts = (kind: 'inserted' | 'updated' | 'unchanged') =>
    Object.entries(report[kind])
      .map(([record, count]) => `${record} ${count}`)
      .join(', ') || 'none'
  deps.out(`Imported ${report.file} (census year ${report.year}), import run ${report.runId ?? '-'}.`)
  deps.out(`  added: ${counts('inserted')}`)
  deps.out(`  updated: ${counts('updated')}`)
  deps.out(`  unchanged: ${counts('unchanged')}`)
  for (const skipped of report.skipped.slice(0, 20)) {
    deps.out(`  skipped: child ${skipped.laChildId}, ${skipped.path}: ${skipped.reason}`)
  }
  if (report.skipped.length > 20) deps.out(`  … and ${report.skipped.length - 20} more skipped`)
}

export async function runImportCin(args: string[], deps: CliDeps): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { council: { type: 'string' }, user: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  })
  const [file] = positionals
  if (file === undefined || positionals.length !== 1) throw new UsageError('Give one CIN census XML file to import.')
  const report = await deps.withDatabase(async (db) => {
    const councilId = await councilFor(db, values.council)
    let user: { id: number; role: string } | null = null
    if (values.user !== undefined) {
      const found = await db
        .selectFrom('user_account')
        .select(['id', 'role'])
        .where('council_id', '=', councilId)
        .where('email', '=', values.user)
        .executeTakeFirst()
      if (found === undefined) throw new UsageError(`No user of council ${councilId} has the email ${values.user}.`)
      user = found
    }
    const bar =
      deps.env['HARBOUR_NO_PROGRESS'] === '1' || process.stderr.isTTY !== true
        ? undefined
        : new cliProgress.SingleBar(
            { format: 'Importing [{bar}] {percentage}% | {value}/{total} rows', stream: process.stderr },
            cliProgress.Presets.shades_classic,
          )
    let started = false
    try {
      return await importCin(db, councilId, file, user, {
        onProgress: (done, total) => {
          if (bar === undefined) return
          if (!started) bar.start(total, 0)
          started = true
          bar.update(done)
        },
      })
    } finally {
      bar?.stop()
    }
  })
  if (report.status === 'failed') {
    deps.err(`Nothing was imported: ${report.file} has ${report.problems.length} problem(s).`)
    for (const problem of report.problems.slice(0, 50)) deps.err(`  ${describeProblem(problem)}`)
    if (report.problems.length > 50) deps.err(`  … and ${report.problems.length - 50} more`)
    return EXIT.failed
  }
  printReport(report, deps)
  return EXIT.ok
}

export const cinCommands: Command[] = [
  {
    name: ['returns', 'cin'],
    usage: 'returns cin --year YYYY --out FILE.xml [--council N]',
    summary: 'Write the Children in Need census XML for a census year (1 April YYYY-1 to 31 March YYYY).',
    run: runReturnsCin,
  },
  {
    name: ['import', 'cin'],
    usage: 'import cin FILE.xml [--council N] [--user EMAIL]',
    summary: 'Import a Children in Need census XML file: all or nothing, matching children by LAchildID.',
    run: runImportCin,
  },
]
