import fs from 'node:fs/promises'
import type { Writable } from 'node:stream'
import { XMLBuilder, XMLParser } from 'fast-xml-parser'
import { emptyReturn903, FIELDS_903, TABLES_903, type Return903, type Row903, type Table903 } from './tables.js'
import { xmlElement903, xmlStructure903, type XmlElement903 } from './xml-structure.js'

/**
 * The 903 return as XML, in the element order and nesting of reference/specs/ssda903-xml-structure-2021.csv.
 * One CHILD per Header row; HEADER holds the child's details, UASC flag and DUC, AD1 and OC3 values,
 * and the AMISSING, AREVIEW, PERMANENCE, OC2 and AD_PLACED groups; EPISODE elements follow.
 * Elements that are required (minOccurs 1) are always written, empty when blank; optional single
 * values are written when the child has a row in their table; every element of a group is written.
 * The 2021 schema has no SW episodes or DoLo: they are CSV only (docs/returns.md).
 */

const ROOT = 'EXPSSDA903'
const UASC_FLAG_PATH = 'CHILD/HEADER/UASC'

interface LeafSource {
  table: Table903
  column: string
}

/** Which table and column feeds each leaf element (the first table in this order that names the path). */
const SOURCE_ORDER: readonly Table903[] = ['Header', 'UASC', 'AD1', 'OC3', ...TABLES_903]
const LEAF_SOURCE = new Map<string, LeafSource>()
for (const table of SOURCE_ORDER) {
  for (const field of FIELDS_903[table]) {
    if (field.xmlPath !== null && !LEAF_SOURCE.has(field.xmlPath))
      LEAF_SOURCE.set(field.xmlPath, { table, column: field.column })
  }
}

function relative(path: string): string {
  return path.slice(ROOT.length + 1)
}

/** The table a repeating or optional group holds (the table of its first leaf), or undefined for HEADER. */
function groupTable(group: XmlElement903): Table903 | undefined {
  if (group.name === 'HEADER') return undefined
  const leaf = group.children.find((child) => !child.group)
  return leaf === undefined ? undefined : LEAF_SOURCE.get(relative(leaf.path))?.table
}

class ChildRows {
  constructor(private readonly rows: Map<Table903, Row903[]>) {}
  get(table: Table903): Row903[] {
    return this.rows.get(table) ?? []
  }
}

function rowsByChild(return903: Return903): Map<string, ChildRows> {
  const byChild = new Map<string, Map<Table903, Row903[]>>()
  for (const table of TABLES_903) {
    for (const row of return903.tables[table]) {
      const child = row['CHILD'] ?? ''
      const tables = byChild.get(child) ?? new Map<Table903, Row903[]>()
      byChild.set(child, tables)
      tables.set(table, [...(tables.get(table) ?? []), row])
    }
  }
  return new Map([...byChild].map(([child, tables]) => [child, new ChildRows(tables)]))
}

function leafValue(leaf: XmlElement903, child: ChildRows): string | undefined {
  const path = relative(leaf.path)
  if (path === UASC_FLAG_PATH) return child.get('UASC').length > 0 ? '1' : '0'
  const source = LEAF_SOURCE.get(path)
  const row = source === undefined ? undefined : child.get(source.table)[0]
  if (source === undefined || row === undefined) return leaf.minOccurs > 0 ? '' : undefined
  const value = row[source.column] ?? ''
  if (source.table === 'Header' && leaf.minOccurs === 0 && value === '') return undefined
  return value
}

function groupContent(group: XmlElement903, row: Row903): Record<string, string> {
  const content: Record<string, string> = {}
  for (const leaf of group.children) content[leaf.name] = row[LEAF_SOURCE.get(relative(leaf.path))?.column ?? ''] ?? ''
  return content
}

function elementContent(element: XmlElement903, child: ChildRows): Record<string, unknown> {
  const content: Record<string, unknown> = {}
  for (const sub of element.children) {
    if (!sub.group) {
      const value = leafValue(sub, child)
      if (value !== undefined) content[sub.name] = value
      continue
    }
    const table = groupTable(sub)
    if (table === undefined) {
      content[sub.name] = elementContent(sub, child)
      continue
    }
    const rows = child.get(table)
    if (rows.length > 0) content[sub.name] = rows.map((row) => groupContent(sub, row))
  }
  return content
}

/** The whole return as XML text. */
export function xml903Text(return903: Return903): string {
  const byChild = rowsByChild(return903)
  const childElement = xmlElement903(`${ROOT}/CHILD`)
  const children = return903.tables.Header.map((header) =>
    elementContent(childElement, byChild.get(header['CHILD'] ?? '') ?? new ChildRows(new Map())),
  )
  const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false, ignoreAttributes: false })
  const body = builder.build({ [ROOT]: { CHILD: children } })
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`
}

export async function write903Xml(return903: Return903, target: string | Writable): Promise<void> {
  const text = xml903Text(return903)
  if (typeof target === 'string') await fs.writeFile(target, text, 'utf8')
  else target.write(text)
}

/** Element paths (dotted, from the root) that repeat, for the parser. */
function repeatingPaths(): Set<string> {
  const paths = new Set<string>()
  const visit = (element: XmlElement903): void => {
    if (element.maxOccurs === null || element.maxOccurs > 1) paths.add(element.path.replaceAll('/', '.'))
    element.children.forEach(visit)
  }
  visit(xmlStructure903())
  return paths
}

export class Xml903FormatError extends Error {
  override name = 'Xml903FormatError'
}

type XmlNode = Record<string, unknown>

function text(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return ''
}

/** Reads an XML return into tables (SWEpisodes and DoLo are empty: the XML has none). */
export function parse903Xml(xml: string, year: number): Return903 {
  const repeating = repeatingPaths()
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (_name, jpath) => repeating.has(String(jpath)),
  })
  const document = parser.parse(xml) as XmlNode
  const rootNode = document[ROOT]
  if (rootNode === undefined || typeof rootNode !== 'object')
    throw new Xml903FormatError(`The file has no ${ROOT} root element.`)
  const result = emptyReturn903(year)
  const childElement = xmlElement903(`${ROOT}/CHILD`)
  const childNodes = ((rootNode as XmlNode)['CHILD'] ?? []) as XmlNode[]
  for (const childNode of childNodes) readChild(childElement, childNode, result)
  return result
}

function readChild(childElement: XmlElement903, childNode: XmlNode, result: Return903): void {
  const headerNode = (childNode['HEADER'] ?? {}) as XmlNode
  const headerElement = childElement.children.find((element) => element.name === 'HEADER')
  if (headerElement === undefined) return
  // Single values under HEADER, gathered by table.
  const single = new Map<Table903, Row903>()
  for (const leaf of headerElement.children.filter((element) => !element.group)) {
    const source = LEAF_SOURCE.get(relative(leaf.path))
    if (source === undefined || !(leaf.name in headerNode)) continue
    const row = single.get(source.table) ?? {}
    row[source.column] = text(headerNode[leaf.name])
    single.set(source.table, row)
  }
  const header = single.get('Header') ?? {}
  const base = { CHILD: header['CHILD'] ?? '', SEX: header['SEX'] ?? '', DOB: header['DOB'] ?? '' }
  const complete = (table: Table903, values: Row903): Row903 =>
    Object.fromEntries(
      FIELDS_903[table].map((field) => [
        field.column,
        values[field.column] ?? base[field.column as keyof typeof base] ?? '',
      ]),
    )
  result.tables.Header.push(complete('Header', header))
  if (text(headerNode['UASC']) === '1') result.tables.UASC.push(complete('UASC', single.get('UASC') ?? {}))
  for (const table of ['AD1', 'OC3'] as const) {
    const values = single.get(table)
    if (values !== undefined) result.tables[table].push(complete(table, values))
  }
  const groups = [
    ...headerElement.children.filter((element) => element.group).map((element) => ({ element, node: headerNode })),
    ...childElement.children
      .filter((element) => element.group && element.name !== 'HEADER')
      .map((element) => ({ element, node: childNode })),
  ]
  for (const { element, node } of groups) {
    const table = groupTable(element)
    if (table === undefined) continue
    const found = node[element.name]
    const items = (Array.isArray(found) ? found : found === undefined ? [] : [found]) as XmlNode[]
    for (const item of items) {
      const values: Row903 = {}
      for (const leaf of element.children) {
        const source = LEAF_SOURCE.get(relative(leaf.path))
        if (source !== undefined) values[source.column] = text(item[leaf.name])
      }
      result.tables[table].push(complete(table, values))
    }
  }
}
