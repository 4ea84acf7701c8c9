import fs from 'node:fs'
import { parse } from 'csv-parse/sync'

/**
 * The 903 XML element tree, read from reference/specs/ssda903-xml-structure-2021.csv (the 2021
 * schema, CLA.xsd 3.3.0, via SocialFinanceDigitalLabs/csc-data-synthesizer@fba0ee1; see
 * reference/README.md). Harbour uses it for element order and nesting only: the 2021 schema has no
 * SW episodes or DoLo, and its lengths predate PLACE Z11 to Z14.
 */
export interface XmlElement903 {
  path: string
  name: string
  group: boolean
  minOccurs: number
  /** null for unbounded */
  maxOccurs: number | null
  children: XmlElement903[]
}

let root: XmlElement903 | undefined

export function xmlStructure903(): XmlElement903 {
  if (root !== undefined) return root
  const text = fs.readFileSync(
    new URL('../../../../reference/specs/ssda903-xml-structure-2021.csv', import.meta.url),
    'utf8',
  )
  const rows = parse<Record<string, string>>(text, { columns: true, skip_empty_lines: true })
  const byPath = new Map<string, XmlElement903>()
  for (const row of rows) {
    const path = row['xml_path'] ?? ''
    const element: XmlElement903 = {
      path,
      name: row['element'] ?? '',
      group: row['base_type'] === '(group)',
      minOccurs: Number(row['minOccurs']),
      maxOccurs: row['maxOccurs'] === 'unbounded' ? null : Number(row['maxOccurs']),
      children: [],
    }
    byPath.set(path, element)
    const parent = byPath.get(path.slice(0, path.lastIndexOf('/')))
    if (parent !== undefined) parent.children.push(element)
    else if (root === undefined) root = element
  }
  if (root === undefined) throw new Error('The 903 XML structure file is empty.')
  return root
}

export function xmlElement903(path: string): XmlElement903 {
  const parts = path.split('/')
  let element = xmlStructure903()
  for (const part of parts.slice(1)) {
    const child = element.children.find((candidate) => candidate.name === part)
    if (child === undefined) throw new Error(`No 903 XML element ${path}`)
    element = child
  }
  return element
}
