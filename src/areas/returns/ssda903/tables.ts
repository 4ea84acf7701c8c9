import type { Ssda903CodeListName } from '../../codes/code-lists.js'

/**
 * The SSDA903 (children looked after) return as data: its tables, each table's CSV header in order,
 * and the field rules the builder, writers, importer and validation engine share.
 *
 * Source: reference/specs/ssda903-fields.csv (a copy of the shared DfE specs extract: columns and
 * order from data-to-insight/csc-validator-be-903@10ad07c lac_validator/config.py; types and blank
 * rules from SocialFinanceDigitalLabs/liia-tools@0dd821c liiatools/spec/s903/SSDA903_schema_2024.yml).
 * tests/returns-903.test.ts checks this constant against that file, so a new spec fails the tests
 * until the constant is regenerated. XML element order is in ./xml-structure.ts.
 */

/** Every 903 table, in the order Harbour writes them. DoLo is new in 2026/27. */
export const TABLES_903 = [
  'Header',
  'Episodes',
  'UASC',
  'Reviews',
  'Missing',
  'OC2',
  'OC3',
  'AD1',
  'PlacedAdoption',
  'PrevPerm',
  'SWEpisodes',
  'DoLo',
] as const

export type Table903 = (typeof TABLES_903)[number]

/** One CSV row: column name to value exactly as in the file (dd/mm/yyyy dates, codes, '' for blank). */
export type Row903 = Record<string, string>

/** A whole return. `year` is the collection year's end: 2027 is 1 April 2026 to 31 March 2027. */
export interface Return903 {
  year: number
  tables: Record<Table903, Row903[]>
}

export type FieldType903 = 'string' | 'code' | 'date' | 'integer'

export interface Field903 {
  column: string
  type: FieldType903
  /** Whether the spec allows a blank value; null where the extract does not say (DoLo). */
  canBeBlank: boolean | null
  codeList: Ssda903CodeListName | null
  /** The element path in the XML return (under EXPSSDA903/), or null for tables the 2021 schema lacks. */
  xmlPath: string | null
}

/** Every column of every table, in CSV header order. */
export const FIELDS_903: Readonly<Record<Table903, readonly Field903[]>> = {
  Header: [
    { column: 'CHILD', type: 'string', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/CHILDID' },
    { column: 'SEX', type: 'code', canBeBlank: false, codeList: 'SEX', xmlPath: 'CHILD/HEADER/SEX' },
    { column: 'DOB', type: 'date', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/DOB' },
    { column: 'ETHNIC', type: 'code', canBeBlank: false, codeList: 'ETHNIC', xmlPath: 'CHILD/HEADER/ETHNIC' },
    { column: 'UPN', type: 'code', canBeBlank: false, codeList: 'UPN_UNKNOWN', xmlPath: 'CHILD/HEADER/UPN' },
    { column: 'MOTHER', type: 'code', canBeBlank: true, codeList: 'MOTHER', xmlPath: 'CHILD/HEADER/MOTHER' },
    { column: 'MC_DOB', type: 'date', canBeBlank: true, codeList: null, xmlPath: 'CHILD/HEADER/MC_DOB' },
  ],
  Episodes: [
    { column: 'CHILD', type: 'string', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/CHILDID' },
    { column: 'DECOM', type: 'date', canBeBlank: false, codeList: null, xmlPath: 'CHILD/EPISODE/DECOM' },
    { column: 'RNE', type: 'code', canBeBlank: false, codeList: 'RNE', xmlPath: 'CHILD/EPISODE/RNE' },
    { column: 'LS', type: 'code', canBeBlank: false, codeList: 'LS', xmlPath: 'CHILD/EPISODE/LS' },
    { column: 'CIN', type: 'code', canBeBlank: false, codeList: 'CIN', xmlPath: 'CHILD/EPISODE/CIN' },
    { column: 'PLACE', type: 'code', canBeBlank: false, codeList: 'PLACE', xmlPath: 'CHILD/EPISODE/PL' },
    {
      column: 'PLACE_PROVIDER',
      type: 'code',
      canBeBlank: true,
      codeList: 'PLACE_PROVIDER',
      xmlPath: 'CHILD/EPISODE/PLACE_PROVIDER',
    },
    { column: 'DEC', type: 'date', canBeBlank: true, codeList: null, xmlPath: 'CHILD/EPISODE/DEC' },
    { column: 'REC', type: 'code', canBeBlank: true, codeList: 'REC', xmlPath: 'CHILD/EPISODE/REC' },
    {
      column: 'REASON_PLACE_CHANGE',
      type: 'code',
      canBeBlank: true,
      codeList: 'REASON_PLACE_CHANGE',
      xmlPath: 'CHILD/EPISODE/REASON_PLACE_CHANGE',
    },
    { column: 'HOME_POST', type: 'string', canBeBlank: true, codeList: null, xmlPath: 'CHILD/EPISODE/HOME_POST' },
    { column: 'PL_POST', type: 'string', canBeBlank: true, codeList: null, xmlPath: 'CHILD/EPISODE/PL_POST' },
    { column: 'URN', type: 'string', canBeBlank: true, codeList: null, xmlPath: 'CHILD/EPISODE/URN' },
  ],
  Reviews: [
    { column: 'CHILD', type: 'string', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/CHILDID' },
    { column: 'DOB', type: 'date', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/DOB' },
    { column: 'REVIEW', type: 'date', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/AREVIEW/REVIEW' },
    {
      column: 'REVIEW_CODE',
      type: 'code',
      canBeBlank: false,
      codeList: 'REVIEW_CODE',
      xmlPath: 'CHILD/HEADER/AREVIEW/REVIEW_CODE',
    },
  ],
  UASC: [
    { column: 'CHILD', type: 'string', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/CHILDID' },
    { column: 'SEX', type: 'code', canBeBlank: false, codeList: 'SEX', xmlPath: 'CHILD/HEADER/SEX' },
    { column: 'DOB', type: 'date', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/DOB' },
    { column: 'DUC', type: 'date', canBeBlank: true, codeList: null, xmlPath: 'CHILD/HEADER/DUC' },
  ],
  OC2: [
    { column: 'CHILD', type: 'string', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/CHILDID' },
    { column: 'DOB', type: 'date', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/DOB' },
    { column: 'SDQ_SCORE', type: 'integer', canBeBlank: true, codeList: null, xmlPath: 'CHILD/HEADER/OC2/SDQ_SCORE' },
    {
      column: 'SDQ_REASON',
      type: 'code',
      canBeBlank: true,
      codeList: 'SDQ_REASON',
      xmlPath: 'CHILD/HEADER/OC2/SDQ_REASON',
    },
    {
      column: 'CONVICTED',
      type: 'code',
      canBeBlank: true,
      codeList: 'OC2_FLAG',
      xmlPath: 'CHILD/HEADER/OC2/CONVICTED',
    },
    {
      column: 'HEALTH_CHECK',
      type: 'code',
      canBeBlank: true,
      codeList: 'OC2_FLAG',
      xmlPath: 'CHILD/HEADER/OC2/HEALTH_CHECK',
    },
    {
      column: 'IMMUNISATIONS',
      type: 'code',
      canBeBlank: true,
      codeList: 'OC2_FLAG',
      xmlPath: 'CHILD/HEADER/OC2/IMMUNISATIONS',
    },
    {
      column: 'TEETH_CHECK',
      type: 'code',
      canBeBlank: true,
      codeList: 'OC2_FLAG',
      xmlPath: 'CHILD/HEADER/OC2/TEETH_CHECK',
    },
    {
      column: 'HEALTH_ASSESSMENT',
      type: 'code',
      canBeBlank: true,
      codeList: 'OC2_FLAG',
      xmlPath: 'CHILD/HEADER/OC2/HEALTH_ASSESSMENT',
    },
    {
      column: 'SUBSTANCE_MISUSE',
      type: 'code',
      canBeBlank: true,
      codeList: 'OC2_FLAG',
      xmlPath: 'CHILD/HEADER/OC2/SUBSTANCE_MISUSE',
    },
    {
      column: 'INTERVENTION_RECEIVED',
      type: 'code',
      canBeBlank: true,
      codeList: 'OC2_FLAG',
      xmlPath: 'CHILD/HEADER/OC2/INTERVENTION_RECEIVED',
    },
    {
      column: 'INTERVENTION_OFFERED',
      type: 'code',
      canBeBlank: true,
      codeList: 'OC2_FLAG',
      xmlPath: 'CHILD/HEADER/OC2/INTERVENTION_OFFERED',
    },
  ],
  OC3: [
    { column: 'CHILD', type: 'string', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/CHILDID' },
    { column: 'DOB', type: 'date', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/DOB' },
    { column: 'IN_TOUCH', type: 'code', canBeBlank: false, codeList: 'IN_TOUCH', xmlPath: 'CHILD/HEADER/IN_TOUCH' },
    { column: 'ACTIV', type: 'code', canBeBlank: false, codeList: 'ACTIV', xmlPath: 'CHILD/HEADER/ACTIV' },
    { column: 'ACCOM', type: 'code', canBeBlank: false, codeList: 'ACCOM', xmlPath: 'CHILD/HEADER/ACCOM' },
  ],
  AD1: [
    { column: 'CHILD', type: 'string', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/CHILDID' },
    { column: 'DOB', type: 'date', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/DOB' },
    { column: 'DATE_INT', type: 'date', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/DATE_INT' },
    { column: 'DATE_MATCH', type: 'date', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/DATE_MATCH' },
    {
      column: 'FOSTER_CARE',
      type: 'code',
      canBeBlank: false,
      codeList: 'FOSTER_CARE',
      xmlPath: 'CHILD/HEADER/FOSTER_CARE',
    },
    { column: 'NB_ADOPTR', type: 'code', canBeBlank: false, codeList: 'NB_ADOPTR', xmlPath: 'CHILD/HEADER/NB_ADOPTR' },
    {
      column: 'SEX_ADOPTR',
      type: 'code',
      canBeBlank: false,
      codeList: 'SEX_ADOPTR',
      xmlPath: 'CHILD/HEADER/SEX_ADOPTR',
    },
    { column: 'LS_ADOPTR', type: 'code', canBeBlank: false, codeList: 'LS_ADOPTR', xmlPath: 'CHILD/HEADER/LS_ADOPTR' },
  ],
  PlacedAdoption: [
    { column: 'CHILD', type: 'string', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/CHILDID' },
    { column: 'DOB', type: 'date', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/DOB' },
    {
      column: 'DATE_PLACED',
      type: 'date',
      canBeBlank: false,
      codeList: null,
      xmlPath: 'CHILD/HEADER/AD_PLACED/DATE_PLACED',
    },
    {
      column: 'DATE_PLACED_CEASED',
      type: 'date',
      canBeBlank: true,
      codeList: null,
      xmlPath: 'CHILD/HEADER/AD_PLACED/DATE_PLACED_CEASED',
    },
    {
      column: 'REASON_PLACED_CEASED',
      type: 'code',
      canBeBlank: true,
      codeList: 'REASON_PLACED_CEASED',
      xmlPath: 'CHILD/HEADER/AD_PLACED/REASON_PLACED_CEASED',
    },
  ],
  PrevPerm: [
    { column: 'CHILD', type: 'string', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/CHILDID' },
    { column: 'DOB', type: 'date', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/DOB' },
    {
      column: 'PREV_PERM',
      type: 'code',
      canBeBlank: false,
      codeList: 'PREV_PERM',
      xmlPath: 'CHILD/HEADER/PERMANENCE/PREV_PERM',
    },
    {
      column: 'LA_PERM',
      type: 'code',
      canBeBlank: true,
      codeList: 'LA_PERM_NON_LA',
      xmlPath: 'CHILD/HEADER/PERMANENCE/LA_PERM',
    },
    {
      column: 'DATE_PERM',
      type: 'date',
      canBeBlank: true,
      codeList: null,
      xmlPath: 'CHILD/HEADER/PERMANENCE/DATE_PERM',
    },
  ],
  Missing: [
    { column: 'CHILD', type: 'string', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/CHILDID' },
    { column: 'DOB', type: 'date', canBeBlank: false, codeList: null, xmlPath: 'CHILD/HEADER/DOB' },
    {
      column: 'MISSING',
      type: 'code',
      canBeBlank: false,
      codeList: 'MISSING',
      xmlPath: 'CHILD/HEADER/AMISSING/MISSING',
    },
    {
      column: 'MIS_START',
      type: 'date',
      canBeBlank: false,
      codeList: null,
      xmlPath: 'CHILD/HEADER/AMISSING/MIS_START',
    },
    { column: 'MIS_END', type: 'date', canBeBlank: true, codeList: null, xmlPath: 'CHILD/HEADER/AMISSING/MIS_END' },
  ],
  SWEpisodes: [
    { column: 'CHILD', type: 'string', canBeBlank: false, codeList: null, xmlPath: null },
    { column: 'DOB', type: 'date', canBeBlank: false, codeList: null, xmlPath: null },
    { column: 'SW_ID', type: 'string', canBeBlank: false, codeList: null, xmlPath: null },
    { column: 'SW_DECOM', type: 'date', canBeBlank: false, codeList: null, xmlPath: null },
    { column: 'SW_DEC', type: 'date', canBeBlank: true, codeList: null, xmlPath: null },
    { column: 'SW_REASON', type: 'code', canBeBlank: true, codeList: 'SW_REASON', xmlPath: null },
  ],
  DoLo: [
    { column: 'CHILD', type: 'string', canBeBlank: null, codeList: null, xmlPath: null },
    { column: 'DOB', type: 'date', canBeBlank: null, codeList: null, xmlPath: null },
    { column: 'DOLO_START', type: 'date', canBeBlank: null, codeList: null, xmlPath: null },
    { column: 'DOLO_END', type: 'date', canBeBlank: null, codeList: null, xmlPath: null },
  ],
}

/** The exact CSV header row of each table. */
export const HEADERS_903: Readonly<Record<Table903, readonly string[]>> = mapTables((table) =>
  FIELDS_903[table].map((field) => field.column),
)

/** Builds a record with one entry per 903 table. */
export function mapTables<T>(make: (table: Table903) => T): Record<Table903, T> {
  const result: Partial<Record<Table903, T>> = {}
  for (const table of TABLES_903) result[table] = make(table)
  return result as Record<Table903, T>
}

/** First collection year (its end) in which each table is part of the return. */
const FIRST_YEAR: Partial<Record<Table903, number>> = {
  SWEpisodes: 2024, // new in 2023/24
  DoLo: 2027, // new in 2026/27 (validator rule set lac2026_27)
}

/** The tables of the return for a collection year (the year the collection ends). */
export function tablesForYear(year: number): Table903[] {
  return TABLES_903.filter((table) => year >= (FIRST_YEAR[table] ?? 0))
}

/** The file name Harbour gives a table's CSV (importers recognise tables by header, not name). */
export function csvFileName(table: Table903, year: number): string {
  return `${table}_${year}.csv`
}

/** An empty return for the year, with every table of that year present. */
export function emptyReturn903(year: number): Return903 {
  return { year, tables: mapTables((): Row903[] => []) }
}

/** The table whose header row is exactly `header`, or undefined. */
export function tableForHeader(header: readonly string[]): Table903 | undefined {
  return TABLES_903.find((table) => {
    const expected = HEADERS_903[table]
    return expected.length === header.length && expected.every((column, index) => column === header[index])
  })
}
