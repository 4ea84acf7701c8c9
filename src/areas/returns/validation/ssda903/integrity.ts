import type { Table903 } from '../../ssda903/tables.js'
import { blank } from './context.js'
import { PLAIN_ROWS_903 } from './examples.js'
import { rowRule, type Rule903 } from './helpers.js'

/** The validator's integrity checks across tables: every child in Header, once where once is the rule, same DOB/SEX. */

function inHeaderRule(code: string, table: Table903): Rule903 {
  return rowRule(code, table, (row, context) => context.rowsOf('Header', row['CHILD'] ?? '').length === 0, {
    pass: { Header: [{}], [table]: [{}] },
    fail: { Header: [{}], [table]: [{ CHILD: '2' }] },
  })
}

function sameAsHeaderRule(code: string, table: Table903, field: 'DOB' | 'SEX', other: string): Rule903 {
  return rowRule(
    code,
    table,
    (row, context) => {
      const header = context.header(row['CHILD'] ?? '')
      return header !== undefined && !blank(row[field]) && (header[field] ?? '') !== row[field]
    },
    {
      pass: { Header: [{ DOB: PLAIN_ROWS_903[table]['DOB'] ?? '' }], [table]: [{}] },
      fail: { Header: [{ DOB: PLAIN_ROWS_903[table]['DOB'] ?? '' }], [table]: [{ [field]: other }] },
    },
  )
}

function onceRule(code: string, table: Table903): Rule903 {
  return {
    code,
    check: (context, report) => {
      for (const positions of context.byChild(table).values())
        if (positions.length > 1) for (const p of positions.slice(1)) report(table, p)
    },
    examples: { pass: { [table]: [{}] }, fail: { [table]: [{}, {}] } },
  }
}

export const INTEGRITY_RULES: Rule903[] = [
  inHeaderRule('INT01', 'AD1'),
  inHeaderRule('INT02', 'PlacedAdoption'),
  inHeaderRule('INT03', 'Episodes'),
  inHeaderRule('INT04', 'Missing'),
  inHeaderRule('INT05', 'OC2'),
  inHeaderRule('INT06', 'OC3'),
  inHeaderRule('INT07', 'PrevPerm'),
  inHeaderRule('INT08', 'Reviews'),
  inHeaderRule('INT09', 'UASC'),
  sameAsHeaderRule('INT11', 'AD1', 'DOB', '02/06/2012'),
  sameAsHeaderRule('INT12', 'PlacedAdoption', 'DOB', '02/06/2012'),
  sameAsHeaderRule('INT13', 'Missing', 'DOB', '02/06/2012'),
  sameAsHeaderRule('INT14', 'OC2', 'DOB', '02/06/2012'),
  sameAsHeaderRule('INT15', 'OC3', 'DOB', '02/06/2012'),
  sameAsHeaderRule('INT16', 'PrevPerm', 'DOB', '02/06/2012'),
  sameAsHeaderRule('INT17', 'Reviews', 'DOB', '02/06/2012'),
  sameAsHeaderRule('INT18', 'UASC', 'DOB', '02/06/2012'),
  sameAsHeaderRule('INT21', 'UASC', 'SEX', 'F'),
  onceRule('INT31', 'AD1'),
  onceRule('INT32', 'Header'),
  onceRule('INT33', 'OC2'),
  onceRule('INT34', 'OC3'),
  onceRule('INT35', 'PrevPerm'),
  onceRule('INT36', 'UASC'),
  rowRule(
    'EPI',
    'Header',
    (row, context) => {
      const child = row['CHILD'] ?? ''
      return context.rowsOf('Episodes', child).length === 0 && context.rowsOf('OC3', child).length === 0
    },
    { pass: { Header: [{}], Episodes: [{}] }, fail: { Header: [{}] } },
  ),
]
