import { CIN_TABLES, emptyCinTables, type CinReturn, type CinRow, type CinTable } from '../../cin/tables.js'
import type { ExampleTables } from '../rule.js'
import { collectionYear } from '../years.js'

/**
 * A plain, valid row of each CIN table for rule examples: child '1' born 1 June 2015, referred on
 * 1 May 2025, assessed, with a section 47 enquiry, a conference on Tuesday 20 May 2025 and a plan.
 * An example row lists only what differs; '' removes a field (the XML leaves it out).
 */
export const PLAIN_ROWS_CIN: Record<CinTable, CinRow> = {
  Header: { Collection: 'CIN', Year: '2026', ReferenceDate: '2026-03-31', SourceLevel: 'L', LEA: '888' },
  ChildIdentifiers: { LAchildID: '1', UPN: 'A123456789012', PersonBirthDate: '2015-06-01', Sex: 'M' },
  ChildCharacteristics: { LAchildID: '1', Ethnicity: 'WBRI' },
  Disabilities: { LAchildID: '1', Disability: 'NONE' },
  CINdetails: {
    LAchildID: '1',
    CINdetailsID: '1',
    CINreferralDate: '2025-05-01',
    ReferralSource: '2A',
    PrimaryNeedCode: 'N1',
    ReferralNFA: 'false',
  },
  Assessments: {
    LAchildID: '1',
    CINdetailsID: '1',
    AssessmentID: '1',
    AssessmentActualStartDate: '2025-05-02',
    AssessmentAuthorisationDate: '2025-06-01',
    AssessmentFactors: '2A',
  },
  CINplanDates: { LAchildID: '1', CINdetailsID: '1', CINPlanStartDate: '2025-06-10' },
  Section47: {
    LAchildID: '1',
    CINdetailsID: '1',
    S47ActualStartDate: '2025-05-03',
    InitialCPCtarget: '2025-05-20',
    DateOfInitialCPC: '2025-05-20',
    ICPCnotRequired: 'false',
  },
  ChildProtectionPlans: {
    LAchildID: '1',
    CINdetailsID: '1',
    CPPID: '1',
    CPPstartDate: '2025-05-20',
    InitialCategoryOfAbuse: 'NEG',
    LatestCategoryOfAbuse: 'NEG',
    NumberOfPreviousCPP: '0',
  },
  Reviews: { LAchildID: '1', CINdetailsID: '1', CPPID: '1', CPPreviewDate: '2025-08-01' },
}

export function exampleReturnCin(tables: ExampleTables, label: string): CinReturn {
  const year = collectionYear(label).endYear
  const ret: CinReturn = { year, tables: emptyCinTables() }
  for (const [name, rows] of Object.entries(tables)) {
    if (!(CIN_TABLES as readonly string[]).includes(name))
      throw new Error(`Example names an unknown CIN table: ${name}`)
    const table = name as CinTable
    ret.tables[table].push(
      ...rows.map((row) => {
        const merged: CinRow = { ...PLAIN_ROWS_CIN[table], ...row }
        for (const [key, value] of Object.entries(merged)) if (value === '') delete merged[key]
        return merged
      }),
    )
  }
  return ret
}
