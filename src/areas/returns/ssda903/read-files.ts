import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { isValidCode } from '../../codes/code-lists.js'
import { collectionYearOf, isoFromReturnDate, parsePartialDate } from './dates.js'
import {
  emptyReturn903,
  FIELDS_903,
  type Field903,
  HEADERS_903,
  tableForHeader,
  TABLES_903,
  type Return903,
  type Table903,
} from './tables.js'
import { parse903Xml } from './xml.js'

/**
 * Reads a 903 return from CSV files (recognised by their exact header row, not their name) or an
 * XML file, and checks every value before anything is written: headers, dates (dd/mm/yyyy),
 * codes (reference/specs/ssda903-codes.csv via src/areas/codes), blanks where the spec forbids
 * them, and duplicate keys. Each problem names the file, row and field.
 */
export type Import903Source = { csvDir: string; year?: number } | { xmlFile: string; year?: number }

export interface Import903Problem {
  file: string
  /** The row in the file (CSV: the line's record number, the header being row 1; XML: the table's nth row). */
  row: number | null
  field: string | null
  message: string
}

export interface FileInfo {
  name: string
  bytes: number
  sha256: string
}

/** Where each row came from, for messages. */
export interface RowOrigin {
  file: string
  row: number
}

export interface ReadReturn {
  return903: Return903
  origins: Record<Table903, RowOrigin[]>
  files: FileInfo[]
  problems: Import903Problem[]
  /** Blanks the spec forbids but Harbour can store: imported, and listed for the validation to catch. */
  warnings: Import903Problem[]
}

/** The columns that identify a row in each table (for duplicate keys and for matching records). */
export const KEY_COLUMNS: Readonly<Record<Table903, readonly string[]>> = {
  Header: ['CHILD'],
  Episodes: ['CHILD', 'DECOM'],
  UASC: ['CHILD'],
  Reviews: ['CHILD', 'REVIEW'],
  Missing: ['CHILD', 'MIS_START'],
  OC2: ['CHILD'],
  OC3: ['CHILD'],
  AD1: ['CHILD'],
  PlacedAdoption: ['CHILD', 'DATE_PLACED'],
  PrevPerm: ['CHILD'],
  SWEpisodes: ['CHILD', 'SW_DECOM'],
  DoLo: ['CHILD', 'DOLO_START'],
}

/** Start and end dates within a row: the end may not be before the start. */
const DATE_PAIRS: Partial<Record<Table903, [string, string][]>> = {
  Episodes: [['DECOM', 'DEC']],
  Missing: [['MIS_START', 'MIS_END']],
  AD1: [['DATE_INT', 'DATE_MATCH']],
  PlacedAdoption: [['DATE_PLACED', 'DATE_PLACED_CEASED']],
  SWEpisodes: [['SW_DECOM', 'SW_DEC']],
  DoLo: [['DOLO_START', 'DOLO_END']],
}

const FIELD_BY_COLUMN = Object.fromEntries(
  TABLES_903.map((table) => [table, new Map(FIELDS_903[table].map((field) => [field.column, field]))]),
) as Record<Table903, Map<string, Field903>>

const UPN_PATTERN = /^[A-HJ-NP-RT-Z](\d{12}|\d{11}[A-Z])$/
const CHILD_PATTERN = /^[A-Za-z0-9]{1,10}$/

function fileInfo(name: string, content: Buffer): FileInfo {
  return { name, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') }
}

export async function read903Source(source: Import903Source): Promise<ReadReturn> {
  const problems: Import903Problem[] = []
  const origins = Object.fromEntries(TABLES_903.map((table) => [table, [] as RowOrigin[]])) as Record<
    Table903,
    RowOrigin[]
  >
  const files: FileInfo[] = []
  let return903 = emptyReturn903(source.year ?? 0)
  if ('xmlFile' in source) {
    const name = path.basename(source.xmlFile)
    const content = await fs.readFile(source.xmlFile)
    files.push(fileInfo(name, content))
    try {
      return903 = parse903Xml(content.toString('utf8'), source.year ?? 0)
      for (const table of TABLES_903)
        origins[table] = return903.tables[table].map((_row, index) => ({ file: name, row: index + 1 }))
    } catch (error) {
      problems.push({ file: name, row: null, field: null, message: `The XML could not be read: ${String(error)}` })
    }
  } else {
    const names = (await fs.readdir(source.csvDir)).filter((name) => name.toLowerCase().endsWith('.csv')).sort()
    if (names.length === 0)
      problems.push({ file: source.csvDir, row: null, field: null, message: 'The folder has no .csv files.' })
    const seen = new Map<Table903, string>()
    for (const name of names) {
      const content = await fs.readFile(path.join(source.csvDir, name))
      files.push(fileInfo(name, content))
      readCsvFile(name, content, return903, origins, seen, problems)
    }
  }
  if (source.year === undefined) return903.year = inferYear(return903)
  if (return903.year === 0)
    problems.push({
      file: files[0]?.name ?? '',
      row: null,
      field: null,
      message: 'The collection year could not be worked out from the dates: give it.',
    })
  const warnings: Import903Problem[] = []
  checkValues(return903, origins, problems, warnings)
  return { return903, origins, files, problems, warnings }
}

function readCsvFile(
  name: string,
  content: Buffer,
  return903: Return903,
  origins: Record<Table903, RowOrigin[]>,
  seen: Map<Table903, string>,
  problems: Import903Problem[],
): void {
  let records: string[][]
  try {
    const parsed: unknown = parse(content, { bom: true, relax_column_count: true, skip_empty_lines: true })
    records = parsed as string[][]
  } catch (error) {
    problems.push({ file: name, row: null, field: null, message: `The file is not valid CSV: ${String(error)}` })
    return
  }
  const header = (records[0] ?? []).map((column) => column.trim())
  const table = tableForHeader(header)
  if (table === undefined) {
    problems.push({ file: name, row: 1, field: null, message: describeWrongHeader(header) })
    return
  }
  const earlier = seen.get(table)
  if (earlier !== undefined) {
    problems.push({
      file: name,
      row: 1,
      field: null,
      message: `The ${table} table is also in ${earlier}: give each table once.`,
    })
    return
  }
  seen.set(table, name)
  const columns = HEADERS_903[table]
  records.slice(1).forEach((record, index) => {
    const row = index + 2
    if (record.length !== columns.length) {
      problems.push({
        file: name,
        row,
        field: null,
        message: `The row has ${record.length} values; the ${table} table has ${columns.length} columns.`,
      })
      return
    }
    return903.tables[table].push(Object.fromEntries(columns.map((column, at) => [column, (record[at] ?? '').trim()])))
    origins[table].push({ file: name, row })
  })
}

/** Says how a header row differs from the nearest 903 table's. */
export function describeWrongHeader(header: readonly string[]): string {
  const scored = TABLES_903.map((table) => {
    const expected = HEADERS_903[table]
    return { table, expected, common: expected.filter((column) => header.includes(column)).length }
  }).sort((a, b) => b.common - a.common || a.expected.length - b.expected.length)
  const best = scored[0]
  const shown = header.join(',')
  if (best === undefined || best.common === 0) return `The header row (${shown}) is not the header of any 903 table.`
  const missing = best.expected.filter((column) => !header.includes(column))
  const extra = header.filter((column) => !best.expected.includes(column))
  const parts = [
    missing.length > 0 ? `missing ${missing.join(', ')}` : '',
    extra.length > 0 ? `unexpected ${extra.join(', ')}` : '',
    missing.length === 0 && extra.length === 0 ? 'columns in the wrong order' : '',
  ].filter((part) => part !== '')
  return `The header row does not match any 903 table. Nearest is ${best.table} (${best.expected.join(',')}): ${parts.join('; ')}.`
}

/** The collection year holding the latest episode, review or missing date in the return. */
function inferYear(return903: Return903): number {
  let latest = ''
  const consider = (value: string | undefined): void => {
    const iso = value === undefined ? undefined : isoFromReturnDate(value)
    if (iso !== undefined && iso > latest) latest = iso
  }
  for (const row of return903.tables.Episodes) consider(row['DECOM'])
  for (const row of return903.tables.Reviews) consider(row['REVIEW'])
  for (const row of return903.tables.Missing) consider(row['MIS_START'])
  return latest === '' ? 0 : collectionYearOf(latest)
}

function checkValue(table: Table903, column: string, value: string): string | undefined {
  const field = FIELD_BY_COLUMN[table].get(column)
  if (field === undefined) return undefined
  if (value === '') return field.canBeBlank === false ? `${column} is blank; it must be given.` : undefined
  if (column === 'CHILD')
    return CHILD_PATTERN.test(value) ? undefined : `CHILD '${value}' must be 1 to 10 letters or digits.`
  if (column === 'UPN')
    return UPN_PATTERN.test(value) || isValidCode('UPN_UNKNOWN', value)
      ? undefined
      : `UPN '${value}' is neither a 13-character UPN nor one of UN1 to UN5.`
  if (column === 'DATE_PERM')
    return parsePartialDate(value) === undefined
      ? `DATE_PERM '${value}' is not a date in dd/mm/yyyy (ZZ for an unknown part).`
      : undefined
  if (column === 'LA_PERM')
    return /^\d{3}$/.test(value) || isValidCode('LA_PERM_NON_LA', value)
      ? undefined
      : `LA_PERM '${value}' is not a 3-digit LA code or one of WAL, SCO, NUK, NIR, 999.`
  if (column === 'SW_ID')
    return /^(SW|XX)[A-Za-z0-9]+$/.test(value) ? undefined : `SW_ID '${value}' must start with SW or XX.`
  if (field.type === 'date')
    return isoFromReturnDate(value) === undefined ? `${column} '${value}' is not a real date in dd/mm/yyyy.` : undefined
  if (field.type === 'integer') {
    const number = Number(value)
    return /^\d+$/.test(value) && number >= 0 && number <= 40
      ? undefined
      : `${column} '${value}' is not a whole number from 0 to 40.`
  }
  if (field.codeList !== null && !isValidCode(field.codeList, value))
    return `${column} '${value}' is not a code in the ${field.codeList} list.`
  return undefined
}

/**
 * Columns Harbour cannot store blank (not-null columns and keys). A blank the spec forbids in any
 * other column is a data-quality matter for the validation rules, not a malformed file: the row is
 * imported and the blank is listed as a warning.
 */
const NEEDED_TO_STORE: Readonly<Record<Table903, readonly string[]>> = {
  Header: ['CHILD', 'SEX', 'DOB', 'ETHNIC'],
  Episodes: ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE'],
  UASC: ['CHILD'],
  Reviews: ['CHILD', 'REVIEW', 'REVIEW_CODE'],
  Missing: ['CHILD', 'MISSING', 'MIS_START'],
  OC2: ['CHILD'],
  OC3: ['CHILD', 'IN_TOUCH', 'ACTIV', 'ACCOM'],
  AD1: ['CHILD', 'DATE_INT'],
  PlacedAdoption: ['CHILD', 'DATE_PLACED'],
  PrevPerm: ['CHILD', 'PREV_PERM'],
  SWEpisodes: ['CHILD', 'SW_DECOM'],
  DoLo: ['CHILD', 'DOLO_START'],
}

function checkValues(
  return903: Return903,
  origins: Record<Table903, RowOrigin[]>,
  problems: Import903Problem[],
  warnings: Import903Problem[],
): void {
  const inHeader = new Set(return903.tables.Header.map((row) => row['CHILD'] ?? ''))
  for (const table of TABLES_903) {
    const keys = new Map<string, number>()
    return903.tables[table].forEach((row, index) => {
      const origin = origins[table][index] ?? { file: table, row: index + 1 }
      for (const [column, value] of Object.entries(row)) {
        const message = checkValue(table, column, value)
        if (message === undefined) continue
        const list = value === '' && !NEEDED_TO_STORE[table].includes(column) ? warnings : problems
        list.push({ file: origin.file, row: origin.row, field: column, message })
      }
      const keyColumns = KEY_COLUMNS[table]
      const key = keyColumns.map((column) => row[column] ?? '').join('|')
      const first = keys.get(key)
      if (first !== undefined)
        problems.push({
          file: origin.file,
          row: origin.row,
          field: keyColumns.join('+'),
          message: `Duplicate key ${keyColumns.map((column) => `${column} ${row[column] ?? ''}`).join(', ')}: row ${first} has the same.`,
        })
      else keys.set(key, origin.row)
      if (table !== 'Header' && !inHeader.has(row['CHILD'] ?? ''))
        problems.push({
          file: origin.file,
          row: origin.row,
          field: 'CHILD',
          message: `CHILD ${row['CHILD'] ?? ''} is not in the Header table.`,
        })
      for (const [startColumn, endColumn] of DATE_PAIRS[table] ?? []) {
        const start = isoFromReturnDate(row[startColumn] ?? '')
        const end = isoFromReturnDate(row[endColumn] ?? '')
        if (start !== undefined && end !== undefined && end < start)
          problems.push({
            file: origin.file,
            row: origin.row,
            field: endColumn,
            message: `${endColumn} ${row[endColumn] ?? ''} is before ${startColumn} ${row[startColumn] ?? ''}.`,
          })
      }
      if (table === 'Episodes' && row['DEC'] === '' && row['REC'] !== '')
        problems.push({
          file: origin.file,
          row: origin.row,
          field: 'DEC',
          message: 'REC is given but DEC is blank: give the date the episode ceased.',
        })
      if (table === 'PlacedAdoption' && (row['DATE_PLACED_CEASED'] === '') !== (row['REASON_PLACED_CEASED'] === ''))
        problems.push({
          file: origin.file,
          row: origin.row,
          field: 'REASON_PLACED_CEASED',
          message: 'DATE_PLACED_CEASED and REASON_PLACED_CEASED must both be given or both be blank.',
        })
    })
  }
}

/** One line per problem, for the CLI and error pages. */
export function describeProblem(problem: Import903Problem): string {
  const where = [problem.file, problem.row === null ? '' : `row ${problem.row}`, problem.field ?? ''].filter(
    (part) => part !== '',
  )
  return `${where.join(', ')}: ${problem.message}`
}
