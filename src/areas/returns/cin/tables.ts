/**
 * The Children in Need census as the flat tables the DfE validator works on
 * (data-to-insight/csc-validator-be-cin `cin_validator/ingress.py`), with the same table and
 * field names as reference/specs/cin-census-structure.csv and /work/shared/specs/cin-census-rules.csv.
 *
 * Every value is a string exactly as it appears in the XML: dates `yyyy-mm-dd`, codes as the DfE
 * gives them (`N4`, `RC8`, `NEG`), flags `true`/`false`, counts as decimal digits. A field that the
 * XML leaves out is absent from the row (never an empty string), so `row.CINclosureDate === undefined`
 * means "no closure date".
 *
 * Keys that join the tables (as the validator makes them, counting from 1 in XML order):
 * - `LAchildID` on every child-level row (ChildIdentifiers.LAchildID = Harbour `child.la_child_id`);
 * - `CINdetailsID`: the position of the CINdetails block within the child (1, 2, ...), carried by
 *   Assessments, CINplanDates, Section47, ChildProtectionPlans and Reviews;
 * - `AssessmentID`: the position of the Assessments block within its CINdetails;
 * - `CPPID`: the position of the ChildProtectionPlans block within its CINdetails, carried by Reviews.
 * IDs are strings too ('1', '2', ...).
 *
 * One departure from the validator's frames, because a row holds only strings:
 * `Assessments.AssessmentFactors` is the assessment's factor codes in XML order joined with ','
 * (the validator keeps a Python list); use `assessmentFactors(row)` to read it back. One Reviews row
 * per CPPreviewDate (the XML has one Reviews block per plan holding every review date).
 */

export const CIN_TABLES = [
  'Header',
  'ChildIdentifiers',
  'ChildCharacteristics',
  'Disabilities',
  'CINdetails',
  'Assessments',
  'CINplanDates',
  'Section47',
  'ChildProtectionPlans',
  'Reviews',
] as const

export type CinTable = (typeof CIN_TABLES)[number]

/** Field order of each table (ID columns first, then the XML elements in schema order). */
export const CIN_TABLE_FIELDS = {
  Header: [
    'Collection',
    'Year',
    'ReferenceDate',
    'SourceLevel',
    'LEA',
    'SoftwareCode',
    'Release',
    'SerialNo',
    'DateTime',
  ],
  ChildIdentifiers: [
    'LAchildID',
    'UPN',
    'FormerUPN',
    'UPNunknown',
    'PersonBirthDate',
    'ExpectedPersonBirthDate',
    'Sex',
    'PersonDeathDate',
  ],
  ChildCharacteristics: ['LAchildID', 'Ethnicity'],
  Disabilities: ['LAchildID', 'Disability'],
  CINdetails: [
    'LAchildID',
    'CINdetailsID',
    'CINreferralDate',
    'ReferralSource',
    'PrimaryNeedCode',
    'CINclosureDate',
    'ReasonForClosure',
    'DateOfInitialCPC',
    'ReferralNFA',
  ],
  Assessments: [
    'LAchildID',
    'CINdetailsID',
    'AssessmentID',
    'AssessmentActualStartDate',
    'AssessmentInternalReviewDate',
    'AssessmentAuthorisationDate',
    'AssessmentFactors',
  ],
  CINplanDates: ['LAchildID', 'CINdetailsID', 'CINPlanStartDate', 'CINPlanEndDate'],
  Section47: [
    'LAchildID',
    'CINdetailsID',
    'S47ActualStartDate',
    'InitialCPCtarget',
    'DateOfInitialCPC',
    'ICPCnotRequired',
  ],
  ChildProtectionPlans: [
    'LAchildID',
    'CINdetailsID',
    'CPPID',
    'CPPstartDate',
    'CPPendDate',
    'InitialCategoryOfAbuse',
    'LatestCategoryOfAbuse',
    'NumberOfPreviousCPP',
  ],
  Reviews: ['LAchildID', 'CINdetailsID', 'CPPID', 'CPPreviewDate'],
} as const satisfies Record<CinTable, readonly string[]>

export type CinField<T extends CinTable> = (typeof CIN_TABLE_FIELDS)[T][number]

/** One row of a CIN table: field name to its XML text. Absent fields are left out. */
export type CinRow = Record<string, string>

export interface CinReturn {
  /** Census year: the year of the 31 March reference date (2026 = 1 April 2025 to 31 March 2026). */
  year: number
  tables: Record<CinTable, CinRow[]>
  /**
   * Harbour child id for each LAchildID in the return, when the return was built from Harbour's
   * record (absent for a return read from a file): lets a validation failure link to the child.
   */
  childIds?: Record<string, number>
}

/** The dates a census year covers: 1 April (year-1) to 31 March year, inclusive. */
export function cinCensusPeriod(year: number): { start: string; end: string } {
  return { start: `${year - 1}-04-01`, end: `${year}-03-31` }
}

/** Assessment factor codes of an Assessments row, in XML order. */
export function assessmentFactors(row: CinRow): string[] {
  const value = row.AssessmentFactors
  return value === undefined || value === '' ? [] : value.split(',')
}

export function emptyCinTables(): Record<CinTable, CinRow[]> {
  return Object.fromEntries(CIN_TABLES.map((table) => [table, []])) as unknown as Record<CinTable, CinRow[]>
}

/** Rows of `table` that belong to one CINdetails block. */
export function rowsForCinDetails(cin: CinReturn, table: CinTable, laChildId: string, cinDetailsId: string): CinRow[] {
  return cin.tables[table].filter((row) => row.LAchildID === laChildId && row.CINdetailsID === cinDetailsId)
}

/** The child's columns the census reads and the import compares: one list, so the two stay in step. */
export const CIN_CHILD_COLUMNS = [
  'id',
  'la_child_id',
  'upn',
  'former_upn',
  'upn_unknown_reason',
  'date_of_birth',
  'expected_date_of_birth',
  'sex',
  'date_of_death',
  'ethnicity',
  'disabilities',
] as const
