import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from './config.js'
import { DatabaseStartError, openDatabase, type Db } from './db/database.js'
import { migrateToLatest, MigrationError } from './db/migrate.js'
import { firstBreak, verifyAuditChain } from './areas/audit/verify.js'
import { raiseEscalations } from './areas/compliance/escalations.js'
import { todayInLondon } from './web/forms/date-input.js'
import { cinCommands, import903Command, returns903Command } from './areas/returns/cli.js'

/**
 * Harbour's operator commands: `npm run harbour -- <command>`. Each command is one entry in COMMANDS;
 * add a command by adding an entry. Commands get their database through deps.withDatabase, so tests
 * run them against a test database without a process or an environment.
 */

export interface CliDeps {
  env: NodeJS.ProcessEnv
  out: (line: string) => void
  err: (line: string) => void
  /** Opens the configured database, runs fn, and closes it. Tests pass their own database. */
  withDatabase: <T>(fn: (db: Db) => Promise<T>) => Promise<T>
}

export interface Command {
  /** The words that name it, e.g. ['audit', 'verify']. */
  name: string[]
  usage: string
  summary: string
  run(args: string[], deps: CliDeps): Promise<number>
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

/** A mistake in how the command was typed: the message and the usage, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export const COMMANDS: Command[] = [
  {
    name: ['migrate'],
    usage: 'migrate',
    summary: 'Bring the database schema up to date (DATABASE_URL, or the embedded database in DATA_DIR).',
    run: async (args, deps) => {
      parseArgs({ args, options: {}, allowPositionals: false, strict: true })
      const applied = await deps.withDatabase((db) => migrateToLatest(db))
      if (applied.length === 0) deps.out('The database is up to date.')
      else for (const name of applied) deps.out(`Applied migration ${name}`)
      return EXIT.ok
    },
  },
  {
    name: ['escalations', 'raise'],
    usage: 'escalations raise [--council N]',
    summary:
      'Raise every escalation step now due for overdue statutory visits (run daily, e.g. from cron; pages also raise them when opened).',
    run: async (args, deps) => {
      const { values } = parseArgs({
        args,
        options: { council: { type: 'string' } },
        allowPositionals: false,
        strict: true,
      })
      if (values.council !== undefined && !/^\d+$/.test(values.council))
        throw new UsageError('--council must be a council id, e.g. --council 1')
      const today = todayInLondon()
      const raised = await deps.withDatabase(async (db) => {
        const councils = await db
          .selectFrom('council')
          .select(['id', 'name'])
          .$if(values.council !== undefined, (query) => query.where('id', '=', Number(values.council)))
          .orderBy('id')
          .execute()
        const counts: [string, number][] = []
        for (const council of councils) counts.push([council.name, await raiseEscalations(db, council.id, today)])
        return counts
      })
      if (raised.length === 0) {
        deps.err(
          values.council === undefined
            ? 'There are no councils in this database.'
            : `No council has id ${values.council}.`,
        )
        return values.council === undefined ? EXIT.ok : EXIT.failed
      }
      for (const [name, count] of raised) deps.out(`${name}: ${count} escalation${count === 1 ? '' : 's'} raised`)
      return EXIT.ok
    },
  },
  {
    name: ['audit', 'verify'],
    usage: 'audit verify [--council N]',
    summary: 'Check every council’s audit chain (or one council’s) for changed, missing or extra rows.',
    run: async (args, deps) => {
      const { values } = parseArgs({
        args,
        options: { council: { type: 'string' } },
        allowPositionals: false,
        strict: true,
      })
      let councilId: number | undefined
      if (values.council !== undefined) {
        councilId = Number(values.council)
        if (!/^\d+$/.test(values.council) || !Number.isSafeInteger(councilId))
          throw new UsageError('--council must be a council id, e.g. --council 1')
      }
      const reports = await deps.withDatabase((db) => verifyAuditChain(db, councilId))
      if (reports.length === 0) {
        deps.err(
          councilId === undefined ? 'There are no councils in this database.' : `No council has id ${councilId}.`,
        )
        return councilId === undefined ? EXIT.ok : EXIT.failed
      }
      for (const report of reports) {
        const rows = `${report.rowsChecked.toLocaleString('en-GB')} row${report.rowsChecked === 1 ? '' : 's'}`
        if (report.ok) {
          deps.out(`Council ${report.council} (${report.councilName}): ${rows} checked, chain intact`)
          continue
        }
        deps.out(
          `Council ${report.council} (${report.councilName}): ${rows} checked, ${report.problemCount} problem${report.problemCount === 1 ? '' : 's'}`,
        )
        for (const problem of report.problems.slice(0, 20)) deps.out(`  seq ${problem.seq}: ${problem.problem}`)
        if (report.problemCount > 20) deps.out(`  … and ${report.problemCount - 20} more`)
      }
      const broken = firstBreak(reports)
      if (broken === undefined) return EXIT.ok
      deps.err(
        `The audit chain is broken: council ${broken.council}, first broken at seq ${broken.seq} (${broken.problem}).`,
      )
      return EXIT.failed
    },
  },
  returns903Command,
  import903Command,
  ...cinCommands,
]

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((command) => command.usage.length))
  return [
    'Harbour operator commands',
    '',
    'Usage: npm run harbour -- <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`),
    `  ${'help'.padEnd(width)}  Show this help.`,
    '',
    'Configuration comes from the environment, as for the server (DATABASE_URL, DATA_DIR, ...).',
  ].join('\n')
}

/** The command whose name is the longest match for the start of argv. */
export function findCommand(argv: string[]): { command: Command; args: string[] } | undefined {
  const matches = COMMANDS.filter((command) => command.name.every((word, index) => argv[index] === word))
  const command = matches.sort((a, b) => b.name.length - a.name.length)[0]
  return command === undefined ? undefined : { command, args: argv.slice(command.name.length) }
}

function defaultDeps(overrides: Partial<CliDeps>): CliDeps {
  const env = overrides.env ?? process.env
  return {
    env,
    out: overrides.out ?? ((line) => console.log(line)),
    err: overrides.err ?? ((line) => console.error(line)),
    withDatabase:
      overrides.withDatabase ??
      (async (fn) => {
        const config = loadConfig(env)
        const db = await openDatabase(config.database)
        try {
          return await fn(db)
        } finally {
          await db.destroy()
        }
      }),
  }
}

/** Runs one command and returns the exit code; never calls process.exit, so it can be tested in-process. */
export async function runCli(argv: string[], overrides: Partial<CliDeps> = {}): Promise<number> {
  const deps = defaultDeps(overrides)
  const [first] = argv
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    deps.out(helpText())
    return EXIT.ok
  }
  const found = findCommand(argv)
  if (found === undefined) {
    deps.err(`Unknown command: ${argv.join(' ')}\n`)
    deps.err(helpText())
    return EXIT.usage
  }
  try {
    return await found.command.run(found.args, deps)
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      deps.err(`${(error as Error).message}\nUsage: npm run harbour -- ${found.command.usage}`)
      return EXIT.usage
    }
    if (error instanceof ConfigError || error instanceof DatabaseStartError || error instanceof MigrationError) {
      // Problems an operator fixes in the environment: the message says what, a stack trace would not help.
      deps.err(`Harbour could not run "${found.command.usage}".\n${error.message}`)
      return EXIT.failed
    }
    throw error
  }
}

function isParseArgsError(error: unknown): boolean {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('ERR_PARSE_ARGS')
  )
}

const invokedDirectly = (() => {
  const script = process.argv[1]
  if (script === undefined) return false
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
})()

if (invokedDirectly) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      console.error(error)
      process.exitCode = EXIT.failed
    },
  )
}
