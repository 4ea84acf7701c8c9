import path from 'node:path'
import { parseArgs } from 'node:util'
import cliProgress from 'cli-progress'
import type { Db } from '../../db/database.js'
import { EXIT, UsageError, type Command, type CliDeps } from '../../cli.js'
import { build903Return } from './ssda903/builder.js'
import { write903Csv } from './ssda903/csv.js'
import { import903 } from './ssda903/import.js'
import { describeProblem } from './ssda903/read-files.js'
import { tablesForYear } from './ssda903/tables.js'
import { write903Xml } from './ssda903/xml.js'

export { cinCommands } from './cin/cli.js'

/**
 * Statutory return commands (issue 6). RET-903 owns the 903 functions below; the CIN census
 * commands are added as separate functions by their owner.
 */

function councilOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value)) throw new UsageError('--council must be a council id, e.g. --council 1')
  return Number(value)
}

/** The given council, or the only one in the database. */
async function resolveCouncil(db: Db, given: number | undefined): Promise<number> {
  const councils = await db.selectFrom('council').select('id').orderBy('id').execute()
  if (given !== undefined) {
    if (!councils.some((council) => council.id === given)) throw new UsageError(`No council has id ${given}.`)
    return given
  }
  if (councils.length !== 1 || councils[0] === undefined)
    throw new UsageError(`There are ${councils.length} councils in this database: choose one with --council N.`)
  return councils[0].id
}

function progressBar(deps: CliDeps, label: string): cliProgress.SingleBar | undefined {
  if (deps.env['HARBOUR_NO_PROGRESS'] === '1' || process.stderr.isTTY !== true) return undefined
  return new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} rows`, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  )
}

export const returns903Command: Command = {
  name: ['returns', '903'],
  usage: 'returns 903 --year YYYY --out DIR [--xml] [--council N]',
  summary: 'Write the SSDA903 return for the collection year ending 31 March YYYY as CSV files (and XML).',
  run: async (args, deps) => {
    const { values } = parseArgs({
      args,
      options: {
        year: { type: 'string' },
        out: { type: 'string' },
        xml: { type: 'boolean', default: false },
        council: { type: 'string' },
      },
      allowPositionals: false,
      strict: true,
    })
    if (values.year === undefined || !/^\d{4}$/.test(values.year))
      throw new UsageError('--year must be the year the collection ends, e.g. --year 2027 for 2026/27')
    if (values.out === undefined) throw new UsageError('--out must name the folder to write the files to')
    const year = Number(values.year)
    const out = values.out
    const given = councilOption(values.council)
    return deps.withDatabase(async (db) => {
      const councilId = await resolveCouncil(db, given)
      const started = Date.now()
      const return903 = await build903Return(db, councilId, year)
      const files = await write903Csv(return903, out)
      if (values.xml === true) {
        const xmlFile = path.join(out, `SSDA903_${year}.xml`)
        await write903Xml(return903, xmlFile)
        files.push(xmlFile)
      }
      for (const table of tablesForYear(year))
        deps.out(`${table.padEnd(15)} ${return903.tables[table].length.toLocaleString('en-GB').padStart(8)} rows`)
      deps.out(`Wrote ${files.length} files to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
      return EXIT.ok
    })
  },
}

export const import903Command: Command = {
  name: ['import', '903'],
  usage: 'import 903 <dir-or-xml> [--year YYYY] [--council N]',
  summary: 'Import an SSDA903 return (a folder of CSV tables or an XML file): all or nothing, safe to repeat.',
  run: async (args, deps) => {
    const { values, positionals } = parseArgs({
      args,
      options: { year: { type: 'string' }, council: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    })
    const [target] = positionals
    if (target === undefined || positionals.length !== 1)
      throw new UsageError('Give one folder of 903 CSV files or one XML file.')
    if (values.year !== undefined && !/^\d{4}$/.test(values.year))
      throw new UsageError('--year must be the year the collection ends, e.g. --year 2027')
    const year = values.year === undefined ? undefined : Number(values.year)
    const source = target.toLowerCase().endsWith('.xml')
      ? { xmlFile: target, ...(year === undefined ? {} : { year }) }
      : { csvDir: target, ...(year === undefined ? {} : { year }) }
    const given = councilOption(values.council)
    return deps.withDatabase(async (db) => {
      const councilId = await resolveCouncil(db, given)
      const bar = progressBar(deps, 'Importing')
      let started = false
      const report = await import903(db, councilId, source, null, {
        onProgress: (done, total) => {
          if (bar === undefined) return
          if (!started) bar.start(total, 0)
          started = true
          bar.update(done)
        },
      })
      bar?.stop()
      if (report.status === 'failed') {
        deps.err(`Nothing was imported: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}.`)
        for (const problem of report.problems.slice(0, 50)) deps.err(`  ${describeProblem(problem)}`)
        if (report.problems.length > 50) deps.err(`  … and ${report.problems.length - 50} more`)
        return EXIT.failed
      }
      deps.out(
        `Imported the ${report.year - 1}/${String(report.year).slice(2)} return (import run ${report.runId ?? ''}):`,
      )
      for (const table of tablesForYear(report.year)) {
        const counts = [report.inserted[table] ?? 0, report.updated[table] ?? 0, report.unchanged[table] ?? 0]
        deps.out(`  ${table.padEnd(15)} ${counts[0]} new, ${counts[1]} updated, ${counts[2]} unchanged`)
      }
      if (report.warnings.length > 0) {
        deps.out(
          `  ${report.warnings.length} blank value${report.warnings.length === 1 ? '' : 's'} the spec requires (imported blank):`,
        )
        for (const warning of report.warnings.slice(0, 20)) deps.out(`    ${describeProblem(warning)}`)
        if (report.warnings.length > 20) deps.out(`    … and ${report.warnings.length - 20} more`)
      }
      for (const skipped of report.skipped)
        deps.out(`  skipped ${skipped.table} CHILD ${skipped.child}: ${skipped.reason}`)
      return EXIT.ok
    })
  },
}
