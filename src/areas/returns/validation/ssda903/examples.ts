import { emptyReturn903, TABLES_903, type Return903, type Row903, type Table903 } from '../../ssda903/tables.js'
import type { ExampleTables } from '../rule.js'
import { collectionYear } from '../years.js'

/**
 * A plain, valid row of each 903 table for rule examples (child '1', born 1 June 2012, looked after
 * from 1 May 2025). An example row lists only what differs from these.
 */
export const PLAIN_ROWS_903: Record<Table903, Row903> = {
  Header: {
    CHILD: '1',
    SEX: 'M',
    DOB: '01/06/2012',
    ETHNIC: 'WBRI',
    UPN: 'A123456789012',
    MOTHER: '',
    MC_DOB: '',
  },
  Episodes: {
    CHILD: '1',
    DECOM: '01/05/2025',
    RNE: 'S',
    LS: 'C2',
    CIN: 'N1',
    PLACE: 'U4',
    PLACE_PROVIDER: 'PR1',
    DEC: '',
    REC: '',
    REASON_PLACE_CHANGE: '',
    HOME_POST: 'FY1 1AA',
    PL_POST: 'FY2 2BB',
    URN: 'SC123456',
  },
  Reviews: { CHILD: '1', DOB: '01/06/2012', REVIEW: '01/07/2025', REVIEW_CODE: 'PN1' },
  UASC: { CHILD: '1', SEX: 'M', DOB: '01/06/2012', DUC: '' },
  OC2: {
    CHILD: '1',
    DOB: '01/06/2012',
    SDQ_SCORE: '10',
    SDQ_REASON: '',
    CONVICTED: '0',
    HEALTH_CHECK: '',
    IMMUNISATIONS: '1',
    TEETH_CHECK: '1',
    HEALTH_ASSESSMENT: '1',
    SUBSTANCE_MISUSE: '0',
    INTERVENTION_RECEIVED: '',
    INTERVENTION_OFFERED: '',
  },
  OC3: { CHILD: '1', DOB: '01/06/2006', IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'B1' },
  AD1: {
    CHILD: '1',
    DOB: '01/06/2012',
    DATE_INT: '01/06/2025',
    DATE_MATCH: '01/07/2025',
    FOSTER_CARE: '0',
    NB_ADOPTR: '2',
    SEX_ADOPTR: 'MF',
    LS_ADOPTR: 'L11',
  },
  PlacedAdoption: {
    CHILD: '1',
    DOB: '01/06/2012',
    DATE_PLACED: '01/06/2025',
    DATE_PLACED_CEASED: '',
    REASON_PLACED_CEASED: '',
  },
  PrevPerm: { CHILD: '1', DOB: '01/06/2012', PREV_PERM: 'Z1', LA_PERM: '', DATE_PERM: '' },
  Missing: { CHILD: '1', DOB: '01/06/2012', MISSING: 'M', MIS_START: '01/08/2025', MIS_END: '02/08/2025' },
  SWEpisodes: { CHILD: '1', DOB: '01/06/2012', SW_ID: 'SW1', SW_DECOM: '01/05/2025', SW_DEC: '', SW_REASON: '' },
  DoLo: { CHILD: '1', DOB: '01/06/2012', DOLO_START: '01/06/2026', DOLO_END: '' },
}

function isTable(name: string): name is Table903 {
  return (TABLES_903 as readonly string[]).includes(name)
}

/** This year's and last year's returns built from example tables (rows merged over the plain rows). */
export function exampleReturns903(tables: ExampleTables, label: string): { ret: Return903; last?: Return903 } {
  const year = collectionYear(label).endYear
  const ret = emptyReturn903(year)
  let last: Return903 | undefined
  for (const [name, rows] of Object.entries(tables)) {
    const isLast = name.endsWith('_last')
    const tableName = isLast ? name.slice(0, -'_last'.length) : name
    if (!isTable(tableName)) throw new Error(`Example names an unknown 903 table: ${name}`)
    const target = isLast ? (last ??= emptyReturn903(year - 1)) : ret
    target.tables[tableName].push(...rows.map((row) => ({ ...PLAIN_ROWS_903[tableName], ...row })))
  }
  return last === undefined ? { ret } : { ret, last }
}
