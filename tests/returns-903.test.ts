import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isValidCode } from '../src/areas/codes/code-lists.js'
import { runCli } from '../src/cli.js'
import { build903Return } from '../src/areas/returns/ssda903/builder.js'
import { csv903Text, write903Csv } from '../src/areas/returns/ssda903/csv.js'
import { import903 } from '../src/areas/returns/ssda903/import.js'
import {
  FIELDS_903,
  HEADERS_903,
  TABLES_903,
  tablesForYear,
  type Return903,
} from '../src/areas/returns/ssda903/tables.js'
import { write903Xml, xml903Text } from '../src/areas/returns/ssda903/xml.js'
import { generateSyntheticCouncil, markDatabaseAsDemo } from '../src/areas/synthetic/demo.js'
import type { Db } from '../src/db/database.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'

/**
 * The SSDA903 return from the synthetic council: exports for the current collection year (2026/27,
 * holding today) and the previous one match reference/specs, re-import byte for byte into an empty
 * council, re-import changes nothing, and malformed files are refused with nothing written.
 */
const YEARS = [2026, 2027] as const
const specs = path.join(import.meta.dirname, '..', 'reference', 'specs')
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-903-'))
let source: TestDatabase
/** Imports go to other councils in the same database (a fresh council is as empty as a fresh database). */
let target: TestDatabase
let councilId: number
const exports = new Map<number, Return903>()

function csvDir(year: number): string {
  return path.join(work, `csv-${year}`)
}

function returnText(return903: Return903): string {
  return tablesForYear(return903.year)
    .map((table) => `${table}\n${csv903Text(table, return903.tables[table])}`)
    .join('\n')
}

async function addCouncil(db: Db, id: number): Promise<void> {
  await db
    .insertInto('council')
    .values({ id, name: `Import test ${id}`, la_code: String(900 + id), gss_code: 'E06000009', region: 'North West' })
    .execute()
}

async function childCount(db: Db, council: number): Promise<number> {
  const row = await db
    .selectFrom('child')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('council_id', '=', council)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

beforeAll(async () => {
  source = await createTestDatabase()
  await markDatabaseAsDemo(source.db)
  await generateSyntheticCouncil(source.db, { seed: 20261122, scale: 0.05 })
  councilId = (await source.db.selectFrom('council').select('id').orderBy('id').executeTakeFirstOrThrow()).id
  for (const year of YEARS) {
    const return903 = await build903Return(source.db, councilId, year)
    exports.set(year, return903)
    await write903Csv(return903, csvDir(year))
    await write903Xml(return903, path.join(work, `return-${year}.xml`))
  }
  target = source
}, 180_000)

afterAll(async () => {
  await source.destroy()
  fs.rmSync(work, { recursive: true, force: true })
})

describe('the 903 export of the synthetic council', () => {
  it('has the tables of the spec, in the spec’s header order', () => {
    const rows = parse<Record<string, string>>(fs.readFileSync(path.join(specs, 'ssda903-fields.csv')), {
      columns: true,
    })
    for (const table of TABLES_903) {
      const expected = rows.filter((row) => row['table'] === table).map((row) => row['column'])
      expect(HEADERS_903[table], table).toEqual(expected)
    }
    expect(new Set(rows.map((row) => row['table']))).toEqual(new Set(TABLES_903))
    expect(tablesForYear(2027)).toContain('DoLo')
    expect(tablesForYear(2026)).not.toContain('DoLo')
  })

  it('writes every file with the exact header row and some rows in the main tables', () => {
    for (const year of YEARS) {
      const files = fs.readdirSync(csvDir(year))
      expect(files).toHaveLength(tablesForYear(year).length)
      for (const table of tablesForYear(year)) {
        const text = fs.readFileSync(path.join(csvDir(year), `${table}_${year}.csv`), 'utf8')
        expect(text.split('\n')[0], `${table} ${year}`).toBe(HEADERS_903[table].join(','))
      }
      const return903 = exports.get(year) as Return903
      for (const table of ['Header', 'Episodes', 'Reviews', 'OC2', 'OC3', 'SWEpisodes'] as const)
        expect(return903.tables[table].length, `${table} ${year}`).toBeGreaterThan(0)
    }
  })

  it('puts every coded value in its code list and every date in dd/mm/yyyy', () => {
    for (const year of YEARS) {
      const return903 = exports.get(year) as Return903
      for (const table of tablesForYear(year)) {
        for (const row of return903.tables[table]) {
          for (const field of FIELDS_903[table]) {
            const value = row[field.column] ?? ''
            if (value === '') continue
            if (field.type === 'date' && field.column !== 'DATE_PERM')
              expect(value, `${table}.${field.column}`).toMatch(/^\d{2}\/\d{2}\/\d{4}$/)
            if (field.codeList === null) continue
            const valid =
              field.column === 'UPN'
                ? /^[A-HJ-NP-RT-Z](\d{12}|\d{11}[A-Z])$/.test(value) || isValidCode('UPN_UNKNOWN', value)
                : field.column === 'LA_PERM'
                  ? /^\d{3}$/.test(value) || isValidCode('LA_PERM_NON_LA', value)
                  : isValidCode(field.codeList, value)
            expect(valid, `${year} ${table}.${field.column} '${value}'`).toBe(true)
          }
        }
      }
    }
  })

  it('writes XML elements in the order and nesting of the structure file', () => {
    const structure = parse<Record<string, string>>(
      fs.readFileSync(path.join(specs, 'ssda903-xml-structure-2021.csv')),
      { columns: true },
    )
    const childrenOf = new Map<string, string[]>()
    for (const row of structure) {
      const elementPath = row['xml_path'] ?? ''
      const parent = elementPath.slice(0, elementPath.lastIndexOf('/'))
      childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), row['element'] ?? ''])
    }
    type Ordered = Record<string, Ordered[] | string>
    const check = (nodes: Ordered[], parentPath: string): number => {
      const allowed = childrenOf.get(parentPath) ?? []
      let last = -1
      let checked = 0
      for (const node of nodes) {
        const name = Object.keys(node).find((key) => key !== ':@') ?? ''
        if (name === '#text') continue
        const index = allowed.indexOf(name)
        expect(index, `${parentPath}/${name} is in the structure`).toBeGreaterThanOrEqual(0)
        expect(index, `${parentPath}/${name} comes after its predecessor`).toBeGreaterThanOrEqual(last)
        last = index
        checked += 1 + check(node[name] as Ordered[], `${parentPath}/${name}`)
      }
      return checked
    }
    for (const year of YEARS) {
      const xml = fs.readFileSync(path.join(work, `return-${year}.xml`), 'utf8')
      const document = new XMLParser({ preserveOrder: true, parseTagValue: false }).parse(xml) as Ordered[]
      const root = document.find((node) => 'EXPSSDA903' in node) as Ordered
      expect(check(root['EXPSSDA903'] as Ordered[], 'EXPSSDA903')).toBeGreaterThan(100)
    }
  })
})

describe('importing the 903 return', () => {
  it('reproduces each year’s CSV export byte for byte in an empty council', async () => {
    for (const [index, year] of YEARS.entries()) {
      const council = 10 + index
      await addCouncil(target.db, council)
      const report = await import903(target.db, council, { csvDir: csvDir(year) }, null)
      expect(report.problems).toEqual([])
      expect(report.status).toBe('succeeded')
      expect(report.year).toBe(year)
      const again = await build903Return(target.db, council, year)
      expect(returnText(again)).toBe(returnText(exports.get(year) as Return903))
    }
  })

  it('reproduces the XML export byte for byte', async () => {
    await addCouncil(target.db, 20)
    const file = path.join(work, 'return-2027.xml')
    const report = await import903(target.db, 20, { xmlFile: file }, null)
    expect(report.problems).toEqual([])
    const again = await build903Return(target.db, 20, 2027)
    expect(xml903Text(again)).toBe(fs.readFileSync(file, 'utf8'))
  })

  it('changes nothing when the same files are imported twice', async () => {
    const report = await import903(target.db, 11, { csvDir: csvDir(2027) }, null)
    expect(report.status).toBe('succeeded')
    expect(report.inserted).toEqual(Object.fromEntries(Object.keys(report.inserted).map((table) => [table, 0])))
    expect(report.updated).toEqual({})
    const again = await build903Return(target.db, 11, 2027)
    expect(returnText(again)).toBe(returnText(exports.get(2027) as Return903))
  })

  it('matches the council’s own records when its export is imported back', async () => {
    const report = await import903(source.db, councilId, { csvDir: csvDir(2027) }, null)
    expect(report.status).toBe('succeeded')
    expect(report.inserted['Episodes'] ?? 0).toBe(0)
    expect(report.updated['Episodes'] ?? 0).toBe(0)
    expect(report.inserted['Header'] ?? 0).toBe(0)
    for (const year of YEARS) {
      const again = await build903Return(source.db, councilId, year)
      expect(returnText(again), `${year}`).toBe(returnText(exports.get(year) as Return903))
    }
  })

  describe('refuses malformed files with the file, row and field, writing nothing', () => {
    const cases: {
      kind: string
      table: string
      change: (lines: string[]) => void
      expected: RegExp
      row: number | null
      field: string | null
    }[] = [
      {
        kind: 'wrong header',
        table: 'Episodes',
        change: (lines) => (lines[0] = (lines[0] ?? '').replace('PLACE_PROVIDER', 'PROVIDER')),
        expected: /Nearest is Episodes .*missing PLACE_PROVIDER; unexpected PROVIDER/,
        row: 1,
        field: null,
      },
      {
        kind: 'bad date',
        table: 'Episodes',
        change: (lines) => (lines[1] = (lines[1] ?? '').replace(/^([^,]*),[^,]*,/, '$1,31/02/2026,')),
        expected: /DECOM '31\/02\/2026' is not a real date/,
        row: 2,
        field: 'DECOM',
      },
      {
        kind: 'unknown code',
        table: 'Episodes',
        change: (lines) => (lines[2] = (lines[2] ?? '').replace(/^([^,]*,[^,]*,[^,]*),[^,]*,/, '$1,Q9,')),
        expected: /LS 'Q9' is not a code in the LS list/,
        row: 3,
        field: 'LS',
      },
      {
        kind: 'end before start',
        table: 'Missing',
        change: (lines) => (lines[1] = (lines[1] ?? '').replace(/,([^,]*),([^,]*)$/, ',$1,01/01/2000')),
        expected: /MIS_END 01\/01\/2000 is before MIS_START/,
        row: 2,
        field: 'MIS_END',
      },
      {
        kind: 'duplicate key',
        table: 'Reviews',
        change: (lines) => lines.splice(2, 0, lines[1] ?? ''),
        expected: /Duplicate key CHILD .*, REVIEW .*: row 2 has the same/,
        row: 3,
        field: 'CHILD+REVIEW',
      },
    ]
    for (const [index, malformed] of cases.entries()) {
      it(malformed.kind, async () => {
        const council = 30 + index
        await addCouncil(target.db, council)
        const dir = path.join(work, `bad-${index}`)
        fs.cpSync(csvDir(2027), dir, { recursive: true })
        const file = path.join(dir, `${malformed.table}_2027.csv`)
        const lines = fs.readFileSync(file, 'utf8').split('\n')
        malformed.change(lines)
        fs.writeFileSync(file, lines.join('\n'))
        const report = await import903(target.db, council, { csvDir: dir }, null)
        expect(report.status).toBe('failed')
        const problem = report.problems.find((candidate) => malformed.expected.test(candidate.message))
        expect(problem, JSON.stringify(report.problems.slice(0, 3))).toBeDefined()
        expect(problem?.file).toBe(`${malformed.table}_2027.csv`)
        expect(problem?.row).toBe(malformed.row)
        expect(problem?.field).toBe(malformed.field)
        expect(await childCount(target.db, council)).toBe(0)
        const runs = await target.db.selectFrom('import_run').select('id').where('council_id', '=', council).execute()
        expect(runs).toHaveLength(0)
      })
    }
  })
})

describe('the returns commands', () => {
  const run = async (argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> => {
    const out: string[] = []
    const err: string[] = []
    const code = await runCli(argv, {
      env: { HARBOUR_NO_PROGRESS: '1' },
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      withDatabase: (fn) => fn(source.db),
    })
    return { code, out, err }
  }

  it('writes the CSV and XML files and imports them into another council', async () => {
    const out = path.join(work, 'cli')
    const exported = await run([
      'returns',
      '903',
      '--year',
      '2027',
      '--out',
      out,
      '--xml',
      '--council',
      String(councilId),
    ])
    expect(exported.err).toEqual([])
    expect(exported.code).toBe(0)
    expect(exported.out.at(-1)).toMatch(/^Wrote 13 files to /)
    expect(fs.readFileSync(path.join(out, 'SSDA903_2027.xml'), 'utf8')).toBe(
      fs.readFileSync(path.join(work, 'return-2027.xml'), 'utf8'),
    )
    await addCouncil(target.db, 40)
    const imported = await run(['import', '903', out, '--council', '40'])
    expect(imported.err).toEqual([])
    expect(imported.code).toBe(0)
    expect(imported.out[0]).toMatch(/^Imported the 2026\/27 return \(import run \d+\):$/)
    expect(imported.out).toContain(
      `  Episodes        ${(exports.get(2027) as Return903).tables.Episodes.length} new, 0 updated, 0 unchanged`,
    )
  })

  it('lists the problems and exits 1 when the files are malformed', async () => {
    const dir = path.join(work, 'bad-cli')
    fs.cpSync(csvDir(2027), dir, { recursive: true })
    const file = path.join(dir, 'Header_2027.csv')
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\n([^,]*),[MFU],/, '\n$1,X,'))
    await addCouncil(target.db, 41)
    const result = await run(['import', '903', dir, '--council', '41'])
    expect(result.code).toBe(1)
    expect(result.err[0]).toBe('Nothing was imported: 1 problem.')
    expect(result.err[1]).toBe("  Header_2027.csv, row 2, SEX: SEX 'X' is not a code in the SEX list.")
  })

  it('refuses a missing year with the usage', async () => {
    const result = await run(['returns', '903', '--out', work])
    expect(result.code).toBe(2)
    expect(result.err[0]).toMatch(/--year must be the year the collection ends/)
  })
})
