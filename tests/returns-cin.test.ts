import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, type CliDeps } from '../src/cli.js'
import { verifyAuditChain } from '../src/areas/audit/verify.js'
import { isValidCode, type CinCodeListName } from '../src/areas/codes/code-lists.js'
import { loadChildFacts } from '../src/areas/compliance/child-facts.js'
import { buildCinReturn } from '../src/areas/returns/cin/builder.js'
import { importCin } from '../src/areas/returns/cin/import.js'
import { CIN_STRUCTURE, cinElementPaths, type CinElement } from '../src/areas/returns/cin/structure.js'
import { CIN_TABLE_FIELDS, CIN_TABLES, assessmentFactors, type CinReturn } from '../src/areas/returns/cin/tables.js'
import { describeProblem, readCinXml } from '../src/areas/returns/cin/xml-reader.js'
import { cinReturnToXml } from '../src/areas/returns/cin/xml-writer.js'
import { generateSyntheticCouncil, markDatabaseAsDemo } from '../src/areas/synthetic/demo.js'
import type { Db } from '../src/db/database.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'

/**
 * The Children in Need census from the synthetic council (a twentieth of Blackpool): the export for
 * the current census year (2027, the year containing 22 November 2026) and the previous one, checked
 * against the structure and code lists in reference/specs; the import, round-tripped through a fresh
 * database byte for byte, idempotent, and refusing malformed files without writing anything.
 */
const GENERATED_AT = '2026-11-22T10:00:00'
const YEARS = [2026, 2027] as const
let source: TestDatabase
let fresh: TestDatabase
let councilId: number
let laCode: string
let directory: string
const exports = new Map<number, { cin: CinReturn; xml: string; file: string }>()

const CODED: Readonly<Record<string, CinCodeListName>> = {
  Sex: 'Sex',
  UPNunknown: 'UPNunknown',
  Ethnicity: 'Ethnicity',
  Disability: 'Disability',
  ReferralSource: 'ReferralSource',
  PrimaryNeedCode: 'PrimaryNeedCode',
  ReasonForClosure: 'ReasonForClosure',
  InitialCategoryOfAbuse: 'CategoryOfAbuse',
  LatestCategoryOfAbuse: 'CategoryOfAbuse',
}
const DATE_FIELDS = new Set(
  cinElementPaths()
    .map((elementPath) => elementPath.split('/').at(-1) ?? '')
    .filter((name) => name.endsWith('Date') || name === 'InitialCPCtarget' || name === 'DateOfInitialCPC'),
)

/** Row counts and versions of every table the import writes: equal snapshots mean nothing changed. */
async function snapshot(db: Db): Promise<Record<string, string>> {
  const tables = [
    'child',
    'referral',
    'assessment',
    'cin_plan',
    'section47_enquiry',
    'cp_plan',
    'cp_conference',
    'import_run',
    'audit_event',
  ] as const
  const result: Record<string, string> = {}
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => [eb.fn.countAll<string>().as('rows')])
      .executeTakeFirstOrThrow()
    result[table] = String(row.rows)
  }
  for (const table of ['child', 'referral', 'assessment', 'cin_plan', 'section47_enquiry', 'cp_plan'] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => [eb.fn.sum<string>('version').as('versions')])
      .executeTakeFirstOrThrow()
    result[`${table}.versions`] = String(row.versions)
  }
  return result
}

/** Element names under each parent, in document order, from an order-preserving parse. */
function elementSequences(xml: string): Map<string, string[][]> {
  const parsed = new XMLParser({ preserveOrder: true, ignoreDeclaration: true }).parse(xml) as Record<string, unknown>[]
  const sequences = new Map<string, string[][]>()
  const walk = (nodes: Record<string, unknown>[], at: string): void => {
    const names: string[] = []
    for (const node of nodes) {
      const name = Object.keys(node).find((key) => key !== ':@') ?? ''
      if (name === '#text') continue
      names.push(name)
      const inner = node[name]
      if (Array.isArray(inner)) walk(inner as Record<string, unknown>[], at === '' ? name : `${at}/${name}`)
    }
    if (names.length > 0) sequences.set(at, [...(sequences.get(at) ?? []), names])
  }
  walk(parsed, '')
  return sequences
}

function findElement(elementPath: string): CinElement | undefined {
  let element: CinElement | undefined = CIN_STRUCTURE
  for (const name of elementPath.split('/').slice(1)) element = element?.children.find((child) => child.name === name)
  return element
}

async function freshCouncil(db: Db): Promise<void> {
  const council = await source.db
    .selectFrom('council')
    .selectAll()
    .where('id', '=', councilId)
    .executeTakeFirstOrThrow()
  await db
    .insertInto('council')
    .values({
      id: council.id,
      name: council.name,
      la_code: council.la_code,
      gss_code: council.gss_code,
      region: council.region,
    })
    .execute()
}

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-cin-'))
  source = await createTestDatabase()
  await markDatabaseAsDemo(source.db)
  await generateSyntheticCouncil(source.db, { seed: 20261122, scale: 0.05 })
  const council = await source.db
    .selectFrom('council')
    .select(['id', 'la_code'])
    .orderBy('id')
    .executeTakeFirstOrThrow()
  councilId = council.id
  laCode = council.la_code
  for (const year of YEARS) {
    const cin = await buildCinReturn(source.db, councilId, year)
    const xml = cinReturnToXml(cin, { generatedAt: GENERATED_AT })
    const file = path.join(directory, `cin-${year}.xml`)
    fs.writeFileSync(file, xml)
    exports.set(year, { cin, xml, file })
  }
  fresh = await createTestDatabase()
  await freshCouncil(fresh.db)
}, 240_000)

afterAll(async () => {
  await source?.destroy()
  await fresh?.destroy()
  fs.rmSync(directory, { recursive: true, force: true })
})

const exported = (year: number) => {
  const found = exports.get(year)
  if (found === undefined) throw new Error(`No export for ${year}`)
  return found
}

describe.each(YEARS)('the %i census of the synthetic council', (year) => {
  it('has a header for the council and the year, and a plausible number of children', () => {
    const { cin, xml } = exported(year)
    expect(cin.tables.Header).toEqual([
      {
        Collection: 'CIN',
        Year: String(year),
        ReferenceDate: `${year}-03-31`,
        SourceLevel: 'L',
        LEA: laCode,
        SoftwareCode: 'Harbour',
      },
    ])
    expect(xml).toContain(`<DateTime>${GENERATED_AT}</DateTime>`)
    expect(cin.tables.ChildIdentifiers.length).toBeGreaterThan(50)
    expect(cin.tables.Assessments.length).toBeGreaterThan(20)
    expect(cin.tables.ChildProtectionPlans.length).toBeGreaterThan(5)
    // Every child has at least one CIN episode open in the year (rule 8590).
    const withEpisode = new Set(cin.tables.CINdetails.map((row) => row.LAchildID))
    expect(cin.tables.ChildIdentifiers.every((row) => withEpisode.has(row.LAchildID))).toBe(true)
    for (const row of cin.tables.CINdetails) {
      expect(row.CINreferralDate! <= `${year}-03-31`).toBe(true)
      expect(row.CINclosureDate === undefined || row.CINclosureDate >= `${year - 1}-04-01`).toBe(true)
    }
  })

  it('writes every element where the structure file puts it, in its order', () => {
    const sequences = elementSequences(exported(year).xml)
    const known = new Set(cinElementPaths())
    for (const [parent, lists] of sequences) {
      if (parent === '') continue
      const element = findElement(parent)
      expect(known.has(parent), parent).toBe(true)
      if (element === undefined) continue
      for (const names of lists) {
        const positions = names.map((name) => element.children.findIndex((child) => child.name === name))
        expect(
          positions.every((position) => position >= 0),
          `${parent}: ${names.join(' ')}`,
        ).toBe(true)
        expect(
          positions.every((position, index) => index === 0 || position >= (positions[index - 1] ?? 0)),
          `${parent}: ${names.join(' ')}`,
        ).toBe(true)
      }
    }
    expect(readCinXml('export.xml', exported(year).xml).problems.map(describeProblem)).toEqual([])
  })

  it('has every coded value in its DfE list and every date as yyyy-mm-dd', () => {
    const { cin } = exported(year)
    const wrong: string[] = []
    for (const table of CIN_TABLES) {
      for (const row of cin.tables[table]) {
        for (const [field, value] of Object.entries(row)) {
          const list = CODED[field]
          if (list !== undefined && !isValidCode(list, value)) wrong.push(`${table}.${field} ${value}`)
          if (DATE_FIELDS.has(field) && !/^\d{4}-\d{2}-\d{2}$/.test(value)) wrong.push(`${table}.${field} ${value}`)
          if ((field === 'ReferralNFA' || field === 'ICPCnotRequired') && !['true', 'false'].includes(value)) {
            wrong.push(`${table}.${field} ${value}`)
          }
        }
        expect(Object.keys(row).every((field) => (CIN_TABLE_FIELDS[table] as readonly string[]).includes(field))).toBe(
          true,
        )
        for (const factor of table === 'Assessments' ? assessmentFactors(row) : []) {
          if (!isValidCode('AssessmentFactors', factor)) wrong.push(`Assessments.AssessmentFactors ${factor}`)
        }
      }
    }
    expect(wrong).toEqual([])
  })
})

describe('building the census', () => {
  it('leaves out what happened after the reference date and can be limited to some children', async () => {
    const { cin } = exported(2026)
    const after = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && value > '2026-03-31'
    for (const table of CIN_TABLES) {
      if (table === 'Header') continue
      for (const row of cin.tables[table]) {
        for (const [field, value] of Object.entries(row)) {
          if (field === 'InitialCPCtarget' || field === 'ExpectedPersonBirthDate') continue
          expect(after(value), `${table}.${field} ${value}`).toBe(false)
        }
      }
    }
    const first = cin.tables.ChildIdentifiers[0]!.LAchildID!
    const one = await buildCinReturn(source.db, councilId, 2026, { childIds: [cin.childIds![first]!] })
    expect(one.tables.ChildIdentifiers.map((row) => row.LAchildID)).toEqual([first])
    expect(one.tables.CINdetails).toEqual(cin.tables.CINdetails.filter((row) => row.LAchildID === first))
  })
})

describe('importing the census', () => {
  it('re-importing each export into a fresh database gives the same XML byte for byte', async () => {
    for (const year of [2027, 2026]) {
      const report = await importCin(fresh.db, councilId, exported(year).file, null)
      expect(report.problems.map(describeProblem)).toEqual([])
      expect(report.status).toBe('succeeded')
    }
    for (const year of YEARS) {
      const again = cinReturnToXml(await buildCinReturn(fresh.db, councilId, year), { generatedAt: GENERATED_AT })
      expect(again === exported(year).xml, `census ${year} differs after the round trip`).toBe(true)
    }
    const run = await fresh.db.selectFrom('import_run').selectAll().orderBy('id').executeTakeFirstOrThrow()
    expect(run).toMatchObject({ kind: 'cin_census', collection_year: 2027, status: 'succeeded' })
    const [audit] = await verifyAuditChain(fresh.db, councilId)
    expect(audit).toMatchObject({ ok: true, rowsChecked: 2 })
  })

  it('importing a file twice, or into the council it came from, changes nothing', async () => {
    const before = await snapshot(fresh.db)
    const again = await importCin(fresh.db, councilId, exported(2027).file, null)
    expect(again.inserted).toEqual({})
    expect(again.updated).toEqual({})
    expect(again.unchanged.referral).toBe(exported(2027).cin.tables.CINdetails.length)
    const after = await snapshot(fresh.db)
    // Only the new import_run row and its audit row.
    expect({ ...after, import_run: before.import_run, audit_event: before.audit_event }).toEqual(before)
    expect(Number(after.import_run)).toBe(Number(before.import_run) + 1)

    const home = await importCin(source.db, councilId, exported(2026).file, null)
    expect(home.inserted).toEqual({})
    expect(home.updated).toEqual({})
  })

  it('puts imported records in the case record the statutory clock reads', async () => {
    const { cin } = exported(2027)
    const open = cin.tables.CINdetails.find((row) => row.CINclosureDate === undefined && row.ReferralNFA === 'false')!
    const child = await fresh.db
      .selectFrom('child')
      .select(['id', 'first_name', 'last_name'])
      .where('la_child_id', '=', open.LAchildID!)
      .executeTakeFirstOrThrow()
    expect(child.last_name).toBe(`(imported CIN child ${open.LAchildID})`)
    const facts = await loadChildFacts(fresh.db, councilId, [child.id])
    expect(facts.get(child.id)?.referrals.map((referral) => referral.referralDate)).toContain(open.CINreferralDate)
  })

  it('updates a record whose values differ from the file, and counts it', async () => {
    const { cin, xml } = exported(2027)
    const closed = cin.tables.CINdetails.find((row) => row.CINclosureDate !== undefined)!
    await fresh.db
      .updateTable('referral')
      .set({ primary_need: closed.PrimaryNeedCode === 'N1' ? 'N2' : 'N1' })
      .where('referral_date', '=', closed.CINreferralDate!)
      .where('child_id', '=', fresh.db.selectFrom('child').select('id').where('la_child_id', '=', closed.LAchildID!))
      .execute()
    const file = path.join(directory, 'again.xml')
    fs.writeFileSync(file, xml)
    const report = await importCin(fresh.db, councilId, file, null)
    expect(report.updated).toEqual({ referral: 1 })
    const rebuilt = cinReturnToXml(await buildCinReturn(fresh.db, councilId, 2027), { generatedAt: GENERATED_AT })
    expect(rebuilt === xml).toBe(true)
  })
})

describe('reading a file', () => {
  const file = (identifiers: string, details: string) => `<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header><CollectionDetails><Collection>CIN</Collection><Year>2024</Year><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails>
    <Source><SourceLevel>L</SourceLevel><LEA>890</LEA></Source></Header>
  <Children><Child>
    <ChildIdentifiers><LAchildID>A1</LAchildID>${identifiers}</ChildIdentifiers>
    <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
    <CINdetails><CINreferralDate>2023-05-01</CINreferralDate><ReferralSource>1A</ReferralSource>${details}<ReferralNFA>false</ReferralNFA></CINdetails>
  </Child></Children>
</Message>`

  it('reads GenderCurrent (to 2023/24) as Sex and skips a pre-proceedings block', () => {
    const read = readCinXml(
      'old.xml',
      file('<PersonBirthDate>2015-01-01</PersonBirthDate><GenderCurrent>2</GenderCurrent>', '').replace(
        '<ReferralNFA>false</ReferralNFA>',
        '<ReferralNFA>false</ReferralNFA><PreProceedingsandFGDM><PPStartDate>2023-06-01</PPStartDate></PreProceedingsandFGDM>',
      ),
    )
    expect(read.problems.map(describeProblem)).toEqual([])
    expect(read.cin?.tables.ChildIdentifiers).toEqual([{ LAchildID: 'A1', PersonBirthDate: '2015-01-01', Sex: 'F' }])
    expect(read.skipped).toEqual([
      expect.objectContaining({
        laChildId: 'A1',
        path: 'Message/Children/Child[1]/CINdetails[1]/PreProceedingsandFGDM',
      }),
    ])
  })

  it('names an element out of order, an end before its start and a closure reason without a date', () => {
    const read = readCinXml(
      'order.xml',
      file(
        '<Sex>M</Sex><PersonBirthDate>2015-01-01</PersonBirthDate>',
        '<ReasonForClosure>RC7</ReasonForClosure><CINPlanDates><CINPlanStartDate>2023-06-01</CINPlanStartDate><CINPlanEndDate>2023-05-01</CINPlanEndDate></CINPlanDates>',
      ),
    )
    expect(read.problems.map(describeProblem)).toEqual([
      'order.xml: child A1, Message/Children/Child[1]/ChildIdentifiers/PersonBirthDate: <PersonBirthDate> is out of order: it must come before <Sex>',
      'order.xml: child A1, Message/Children/Child[1]/CINdetails[1]/ReasonForClosure: ReasonForClosure is given without a CINclosureDate',
      'order.xml: child A1, Message/Children/Child[1]/CINdetails[1]/CINPlanDates[1]/CINPlanEndDate: CINPlanEndDate 2023-05-01 is before CINPlanStartDate 2023-06-01',
    ])
  })
})

describe('a malformed file', () => {
  const small = () => {
    const { xml } = exported(2027)
    const firstChildEnd = xml.indexOf('</Child>') + '</Child>'.length
    const secondChildEnd = xml.indexOf('</Child>', firstChildEnd) + '</Child>'.length
    return `${xml.slice(0, secondChildEnd)}\n  </Children>\n</Message>\n`
  }
  const laChildId = () => /<LAchildID>(\w+)<\/LAchildID>/.exec(small())![1]!

  const cases: [string, () => string, RegExp][] = [
    [
      'an unknown element',
      () => small().replace('<ReferralSource>', '<ReferralSauce>').replace('</ReferralSource>', '</ReferralSauce>'),
      /CINdetails\[1\]\/ReferralSauce: unknown element <ReferralSauce>/,
    ],
    [
      'a missing element',
      () => small().replace(/<ReferralSource>\w+<\/ReferralSource>/, ''),
      /CINdetails\[1\]\/ReferralSource: missing element <ReferralSource> in <CINdetails>/,
    ],
    [
      'a bad date',
      () => small().replace(/<CINreferralDate>[^<]+</, '<CINreferralDate>2026-02-30<'),
      /CINdetails\[1\]\/CINreferralDate: CINreferralDate '2026-02-30' is not a real date: write it as yyyy-mm-dd/,
    ],
    [
      'an unknown code',
      () => small().replace(/<Ethnicity>\w+</, '<Ethnicity>XXXX<'),
      /ChildCharacteristics\/Ethnicity: Ethnicity 'XXXX' is not in the DfE Ethnicity list/,
    ],
    [
      'a duplicate key',
      () => {
        const text = small()
        const start = text.indexOf('<Child>')
        const end = text.indexOf('</Child>') + '</Child>'.length
        return text.slice(0, end) + text.slice(start, end) + text.slice(end)
      },
      /Message\/Children\/Child\[2\]: duplicate key: more than one child with LAchildID/,
    ],
    [
      'a referral given twice',
      () => {
        const text = small()
        const start = text.indexOf('<CINdetails>')
        const end = text.indexOf('</CINdetails>') + '</CINdetails>'.length
        return text.slice(0, end) + text.slice(start, end) + text.slice(end)
      },
      /Child\[1\]\/CINdetails\[2\]: duplicate key: two referrals \(CINdetails\) on \d{4}-\d{2}-\d{2}/,
    ],
  ]

  it.each(cases)(
    'with %s is refused with a message naming the file, child and field, and nothing is written',
    async (_, make, message) => {
      const file = path.join(directory, 'broken.xml')
      fs.writeFileSync(file, make())
      const before = await snapshot(fresh.db)
      const report = await importCin(fresh.db, councilId, file, null)
      expect(report.status).toBe('failed')
      const messages = report.problems.map(describeProblem)
      expect(
        messages.some((text) => message.test(text)),
        messages.join('\n'),
      ).toBe(true)
      expect(messages.every((text) => text.startsWith('broken.xml:'))).toBe(true)
      expect(messages.some((text) => text.includes(`child ${laChildId()},`))).toBe(true)
      expect(await snapshot(fresh.db)).toEqual(before)
    },
  )

  it('that is not XML is refused with the line and nothing is written', async () => {
    const file = path.join(directory, 'not.xml')
    fs.writeFileSync(file, 'LAchildID,CINreferralDate\n123,2026-01-01\n<Message>')
    const before = await snapshot(fresh.db)
    const report = await importCin(fresh.db, councilId, file, null)
    expect(report.status).toBe('failed')
    expect(report.problems.map(describeProblem)).toEqual([
      expect.stringMatching(/^not\.xml: line \d+, column \d+: the file is not well-formed XML/),
    ])
    expect(await snapshot(fresh.db)).toEqual(before)
  })

  it('for another local authority is refused', async () => {
    const file = path.join(directory, 'other.xml')
    fs.writeFileSync(file, small().replace(`<LEA>${laCode}</LEA>`, '<LEA>999</LEA>'))
    const report = await importCin(fresh.db, councilId, file, null)
    expect(report.problems.map(describeProblem)).toEqual([
      `other.xml: Message/Header/Source/LEA: the file is for local authority 999, but this council is ${laCode}`,
    ])
  })
})

describe('the commands', () => {
  const deps = (db: Db, lines: string[]): Partial<CliDeps> => ({
    env: { HARBOUR_NO_PROGRESS: '1' },
    out: (line) => lines.push(line),
    err: (line) => lines.push(line),
    withDatabase: (fn) => fn(db),
  })

  it('returns cin writes the census and import cin imports it', async () => {
    const lines: string[] = []
    const out = path.join(directory, 'cli.xml')
    expect(await runCli(['returns', 'cin', '--year', '2027', '--out', out], deps(source.db, lines))).toBe(0)
    expect(lines.at(-1)).toMatch(/^Wrote the 2026\/27 CIN census to .*cli\.xml: \d+ children, \d+ CIN episodes\.$/)
    const written = fs.readFileSync(out, 'utf8')
    expect(written.replace(/<DateTime>[^<]+<\/DateTime>/, '')).toBe(
      exported(2027).xml.replace(/<DateTime>[^<]+<\/DateTime>/, ''),
    )
    expect(await runCli(['import', 'cin', out], deps(fresh.db, lines))).toBe(0)
    expect(lines).toContain('  added: none')
  })

  it('import cin lists the problems and fails when the file is wrong', async () => {
    const lines: string[] = []
    const file = path.join(directory, 'wrong.xml')
    fs.writeFileSync(file, exported(2027).xml.replace(/<PrimaryNeedCode>\w+</, '<PrimaryNeedCode>N99<'))
    expect(await runCli(['import', 'cin', file], deps(fresh.db, lines))).toBe(1)
    expect(lines[0]).toBe('Nothing was imported: wrong.xml has 1 problem(s).')
    expect(lines[1]).toMatch(/PrimaryNeedCode: PrimaryNeedCode 'N99' is not in the DfE PrimaryNeedCode list$/)
  })
})
