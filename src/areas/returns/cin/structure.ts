import fs from 'node:fs'
import { parse } from 'csv-parse/sync'

/**
 * The CIN census XML element tree, read from reference/specs/cin-census-structure.csv: for each
 * element, its children in schema order with their occurrence limits. The writer follows this order
 * and the import checks files against it.
 *
 * Two adjustments to the file, both from its own notes: `Sex` (from 2024/25) and `GenderCurrent`
 * (to 2023/24) are alternatives, not both required; and `PreProceedingsandFGDM` (expected 2026/27
 * module, seen only in the validator's ingress) is accepted as an optional last block of CINdetails.
 */
export interface CinElement {
  name: string
  path: string
  /** The XSD type as the structure file gives it ('xs:date', 'referralsourcetype', '(group)', ...). */
  type: string
  minOccurs: number
  maxOccurs: number
  children: CinElement[]
}

const STRUCTURE_FILE = new URL('../../../../reference/specs/cin-census-structure.csv', import.meta.url)

function load(): CinElement {
  const rows = parse<Record<string, string>>(fs.readFileSync(STRUCTURE_FILE, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  })
  const root: CinElement = {
    name: 'Message',
    path: 'Message',
    type: '(group)',
    minOccurs: 1,
    maxOccurs: 1,
    children: [],
  }
  const byPath = new Map<string, CinElement>([['Message', root]])
  const ensure = (path: string): CinElement => {
    const known = byPath.get(path)
    if (known !== undefined) return known
    // A group the file only implies (PreProceedingsandFGDM): optional, at most once.
    const parentPath = path.slice(0, path.lastIndexOf('/'))
    const element: CinElement = {
      name: path.slice(path.lastIndexOf('/') + 1),
      path,
      type: '(group)',
      minOccurs: 0,
      maxOccurs: 1,
      children: [],
    }
    ensure(parentPath).children.push(element)
    byPath.set(path, element)
    return element
  }
  for (const row of rows) {
    const path = row['xml_path'] ?? ''
    const parentPath = path.slice(0, path.lastIndexOf('/'))
    const max = row['maxOccurs'] ?? ''
    const element: CinElement = {
      name: row['element'] ?? '',
      path,
      type: row['type'] ?? '',
      minOccurs: Number(row['minOccurs'] || '0'),
      maxOccurs: max === 'unbounded' || max === '' ? Number.POSITIVE_INFINITY : Number(max),
      children: [],
    }
    // Sex and GenderCurrent: one or the other, checked by the import.
    if (element.name === 'Sex' || element.name === 'GenderCurrent') element.minOccurs = 0
    ensure(parentPath).children.push(element)
    byPath.set(path, element)
  }
  return root
}

export const CIN_STRUCTURE: CinElement = load()

/** The element at a path such as 'Message/Children/Child/CINdetails'. */
export function cinElement(path: string): CinElement | undefined {
  let element: CinElement | undefined = CIN_STRUCTURE
  for (const name of path.split('/').slice(1)) element = element?.children.find((child) => child.name === name)
  return element
}

/** Every element path in schema (document) order. */
export function cinElementPaths(element: CinElement = CIN_STRUCTURE): string[] {
  return [element.path, ...element.children.flatMap((child) => cinElementPaths(child))]
}
