import fs from 'node:fs'
import { parse } from 'csv-parse/sync'

/**
 * The DfE code lists Harbour uses, read once at start-up from the vendored copies in
 * reference/specs (see reference/README.md for their sources), with plain-English labels.
 *
 * The database stores the DfE code exactly (PLACE 'U3', LS 'V2'); these lists give the label to
 * show and say whether a code is valid. Lists change by collection year, so they are data here,
 * not CHECK constraints. Where the DfE description is missing or jargon, Harbour writes its own
 * label; `dfeDescription` keeps the source text. A label Harbour had to infer without a source
 * description is marked `provisional` until someone checks it against the DfE guide.
 */

export type Ssda903CodeListName =
  | 'SEX'
  | 'ETHNIC'
  | 'UPN_UNKNOWN'
  | 'MOTHER'
  | 'UASC_FLAG'
  | 'RNE'
  | 'LS'
  | 'CIN'
  | 'PLACE'
  | 'PLACE_PROVIDER'
  | 'REC'
  | 'REASON_PLACE_CHANGE'
  | 'REVIEW_CODE'
  | 'MISSING'
  | 'SDQ_REASON'
  | 'OC2_FLAG'
  | 'IN_TOUCH'
  | 'ACTIV'
  | 'ACCOM'
  | 'FOSTER_CARE'
  | 'NB_ADOPTR'
  | 'SEX_ADOPTR'
  | 'LS_ADOPTR'
  | 'REASON_PLACED_CEASED'
  | 'PREV_PERM'
  | 'LA_PERM_NON_LA'
  | 'SW_REASON'

export type CinCodeListName =
  | 'ReferralSource'
  | 'PrimaryNeedCode'
  | 'ReasonForClosure'
  | 'CategoryOfAbuse'
  | 'AssessmentFactors'
  | 'Disability'
  | 'Ethnicity'
  | 'UPNunknown'
  | 'Sex'
  | 'GenderCurrent'

/** Harbour's own lists for coded columns that have no DfE list. */
export type HarbourCodeListName =
  'ACCOM_TYPE' | 'UNSUITABLE_ACCOMMODATION_REASON' | 'MISSED_VISIT_REASON' | 'RELATIONSHIP' | 'PROVIDER_TYPE'

export type CodeListName = Ssda903CodeListName | CinCodeListName | HarbourCodeListName

export interface Code {
  code: string
  /** Plain-English label to show. */
  label: string
  /** The description the source gives, or null when it has none (or for Harbour's own lists). */
  dfeDescription: string | null
  /** True when Harbour wrote the label without a source description: confirm it against the DfE guide. */
  provisional: boolean
}

export type CodeListSource = 'ssda903' | 'cin_census' | 'harbour'

const SSDA903_LISTS: readonly Ssda903CodeListName[] = [
  'SEX',
  'ETHNIC',
  'UPN_UNKNOWN',
  'MOTHER',
  'UASC_FLAG',
  'RNE',
  'LS',
  'CIN',
  'PLACE',
  'PLACE_PROVIDER',
  'REC',
  'REASON_PLACE_CHANGE',
  'REVIEW_CODE',
  'MISSING',
  'SDQ_REASON',
  'OC2_FLAG',
  'IN_TOUCH',
  'ACTIV',
  'ACCOM',
  'FOSTER_CARE',
  'NB_ADOPTR',
  'SEX_ADOPTR',
  'LS_ADOPTR',
  'REASON_PLACED_CEASED',
  'PREV_PERM',
  'LA_PERM_NON_LA',
  'SW_REASON',
]

/** Harbour's name for each CIN census list, by its name in cin-census-codes.csv. */
const CIN_LISTS: Readonly<Record<string, CinCodeListName>> = {
  ReferralSource: 'ReferralSource',
  PrimaryNeedCode: 'PrimaryNeedCode',
  ReasonForClosure: 'ReasonForClosure',
  'InitialCategoryOfAbuse/LatestCategoryOfAbuse': 'CategoryOfAbuse',
  AssessmentFactors: 'AssessmentFactors',
  Disability: 'Disability',
  Ethnicity: 'Ethnicity',
  UPNunknown: 'UPNunknown',
  'Sex (from 2024/25)': 'Sex',
  'GenderCurrent (to 2023/24)': 'GenderCurrent',
}

// ------------------------------------------------------------------------------ plain labels

/** Harbour's plain-English labels, where the source description is missing or hard to read. */
const PLAIN_LABELS: Partial<Record<Ssda903CodeListName | CinCodeListName, Readonly<Record<string, string>>>> = {
  UPN_UNKNOWN: {
    UN1: 'Not of school age and no UPN assigned yet',
    UN2: 'Has never attended a state-funded school in England',
    UN3: 'Educated outside England',
    UN4: 'Newly looked after and UPN not yet known',
    UN5: 'UPN records do not match the child’s name or date of birth',
  },
  MOTHER: { '0': 'Not a mother', '1': 'Is a mother' },
  UASC_FLAG: { '0': 'Not an unaccompanied asylum-seeking child', '1': 'Unaccompanied asylum-seeking child' },
  RNE: {
    S: 'Started to be looked after',
    P: 'Changed placement and carer',
    L: 'Changed legal status only',
    T: 'Changed placement, same carer',
    U: 'Changed legal status and placement, same carer',
    B: 'Changed legal status, placement and carer',
  },
  LS: {
    C1: 'Interim care order',
    C2: 'Care order',
    D1: 'Freeing order',
    E1: 'Placement order',
    V2: 'Accommodated by agreement (section 20)',
    V3: 'Short breaks, each stay recorded (section 20)',
    V4: 'Short breaks under an agreement (section 20)',
    J1: 'Remanded to council or youth detention accommodation',
    J2: 'Held under police powers (PACE) in council accommodation',
    J3: 'Youth rehabilitation order with a residence or fostering requirement',
    L1: 'Police protection',
    L2: 'Emergency protection order',
    L3: 'Child assessment order',
  },
  PLACE: {
    A3: 'Placed for adoption with consent, with their foster carers',
    A4: 'Placed for adoption with consent, with new carers',
    A5: 'Placed for adoption under a placement order, with their foster carers',
    A6: 'Placed for adoption under a placement order, with new carers',
    K1: 'Secure children’s home',
    K2: 'Children’s home',
    K3: 'Registered supported accommodation',
    P1: 'Living with parents or others with parental responsibility',
    P3: 'Living in at their place of work',
    R1: 'Residential care home',
    R2: 'NHS or other health setting giving medical or nursing care',
    R3: 'Family centre or mother and baby unit',
    R5: 'Young offender institution',
    S1: 'Residential school',
    T0: 'Temporary move',
    T1: 'Temporarily in hospital',
    T2: 'Temporarily away on holiday',
    T3: 'Temporary carers while their foster carers are on holiday',
    T4: 'Temporary stay of 7 days or less',
    U1: 'Foster care with family or friends, long term',
    U2: 'Foster care with family or friends who are also approved adopters',
    U3: 'Foster care with family or friends',
    U4: 'Foster care with other carers, long term',
    U5: 'Foster care with other carers who are also approved adopters',
    U6: 'Foster care with other carers',
    Z11: 'Other placement (Z11)',
    Z12: 'Other placement (Z12)',
    Z13: 'Other placement (Z13)',
    Z14: 'Other placement (Z14)',
  },
  PLACE_PROVIDER: {
    PR0: 'Parents or others with parental responsibility',
    PR1: 'The council’s own provision',
    PR2: 'Another council’s provision',
    PR3: 'Other public provision, such as the NHS',
    PR4: 'Private provider',
    PR5: 'Voluntary or charity provider',
  },
  REC: {
    E11: 'Adopted (application not opposed)',
    E12: 'Adopted (the court dispensed with consent)',
    E2: 'Died',
    E3: 'Another council took over their care',
    E4A: 'Returned home as part of the care plan',
    E4B: 'Returned home, not as part of the care plan',
    E13: 'Went to live with family or friends without parental responsibility',
    E41: 'Child arrangements order (who the child lives with)',
    E45: 'Special guardianship order: former foster carers who are family or friends',
    E46: 'Special guardianship order: other former foster carers',
    E47: 'Special guardianship order: family or friends who were not their foster carers',
    E48: 'Special guardianship order: other carers who were not their foster carers',
    E5: 'Moved to independent living with support',
    E6: 'Moved to independent living without support',
    E7: 'Moved to residential care paid for by adult social care',
    E8: 'Stopped being looked after for another reason',
    E9: 'Sentenced to custody',
    E14: 'Remand ended',
    E15: 'Age assessment found they are 18 or over',
    E16: 'Moved abroad',
    E17: 'Turned 18 and stayed with their carers (including Staying Put)',
    X1: 'Episode ended and a new one started the same day',
  },
  REASON_PLACE_CHANGE: {
    CARPL: 'Care plan changed or carried out',
    CLOSE: 'Carer resigned or the provision closed',
    ALLEG: 'Allegation (section 47 enquiry)',
    STAND: 'Concern about the standard of care',
    APPRR: 'Carer’s approval removed',
    CREQB: 'Carer asked for it to end because of the child’s behaviour',
    CREQO: 'Carer asked for it to end for another reason',
    CHILD: 'Child asked for it to end',
    LAREQ: 'The responsible or local council asked for it to end',
    PLACE: 'Only the status of the placement changed',
    CUSTOD: 'Custody',
    OTHER: 'Other reason',
  },
  REVIEW_CODE: {
    PN0: 'Under 4 at the review',
    PN1: 'Came and spoke for themselves',
    PN2: 'Came and an advocate spoke for them',
    PN3: 'Came and gave their views without words',
    PN4: 'Came but did not give their views',
    PN5: 'Did not come but briefed an advocate',
    PN6: 'Did not come but gave their views another way',
    PN7: 'Did not come and their views were not given',
  },
  MISSING: { M: 'Missing', A: 'Away without permission' },
  SDQ_REASON: {
    SDQ1: 'Under 4 or over 16 at the assessment',
    SDQ2: 'Carer refused to complete it',
    SDQ3: 'Not possible because of the child’s disability',
    SDQ4: 'Other reason',
    SDQ5: 'Child or young person refused',
  },
  IN_TOUCH: {
    YES: 'In touch',
    NO: 'Not in touch',
    DIED: 'Died',
    REFU: 'Refuses contact',
    NREQ: 'No longer needs support',
    RHOM: 'Back living with their parents for 6 months or more',
  },
  FOSTER_CARE: { '0': 'Not adopted by their foster carers', '1': 'Adopted by their foster carers' },
  NB_ADOPTR: { '1': 'One adopter', '2': 'Two adopters' },
  SEX_ADOPTR: {
    M1: 'One male adopter',
    F1: 'One female adopter',
    MM: 'Two male adopters',
    FF: 'Two female adopters',
    MF: 'A male and a female adopter',
  },
  // From the validation rules that test these codes (514, 517 to 520, 524).
  LS_ADOPTR: {
    L0: 'Single adopter',
    L11: 'Married couple of different sexes',
    L12: 'Married couple of the same sex',
    L2: 'Civil partners',
    L3: 'Unmarried couple of different sexes',
    L4: 'Unmarried couple of the same sex',
  },
  REASON_PLACED_CEASED: {
    RD1: 'The child’s needs changed after the decision',
    RD2: 'The court did not make a placement order',
    RD3: 'Prospective adopters could not be found',
    RD4: 'Another reason',
  },
  PREV_PERM: {
    P1: 'Adoption',
    P2: 'Special guardianship order',
    P3: 'Child arrangements order (who the child lives with)',
    P4: 'Not known',
    Z1: 'No previous permanence order',
  },
  LA_PERM_NON_LA: { '999': 'Not known' },
  SW_REASON: {
    MANAGE: 'Management decision, such as balancing caseloads',
    FCONTA: 'Worker’s fixed-term contract ended',
    LEFTRL: 'Worker left the role',
    ORGRST: 'Organisational restructure',
    TSPROC: 'Moved to another team as part of the usual process',
    ABSENC: 'Worker absent, such as sickness or leave',
    CHCHAN: 'Child asked for a change of worker',
    PCCHAN: 'Parent or carer asked for a change of worker',
    SWDIED: 'Worker died',
    OTHERS: 'Other reason',
  },
  ReferralSource: {
    '1A': 'Family member, relative or carer',
    '1B': 'Acquaintance, such as a neighbour or childminder',
    '1C': 'The child themselves',
    '1D': 'Another individual, such as a stranger',
    '2A': 'School',
    '2B': 'Education services',
    '3A': 'GP',
    '3B': 'Health visitor',
    '3C': 'School nurse',
    '3D': 'Other primary health services',
    '3E': 'A&E (accident and emergency)',
    '3F': 'Other health services, such as a hospice',
    '4': 'Housing (council or housing association)',
    '5A': 'Council social care, such as adult social care',
    '5B': 'Another council department, such as youth justice (not housing)',
    '5C': 'Another council’s services',
    '5D': 'Early help',
    '6': 'Police',
    '7': 'Courts, probation, immigration, Cafcass or prison',
    '8': 'Other, such as a children’s centre, independent provider or voluntary organisation',
    '9': 'Anonymous',
    '10': 'Not known',
  },
  CategoryOfAbuse: { MUL: 'More than one category' },
  AssessmentFactors: {
    '1A': 'Alcohol misuse by the child',
    '1B': 'Alcohol misuse by a parent or carer',
    '1C': 'Alcohol misuse by someone else in the household',
    '2A': 'Drug misuse by the child',
    '2B': 'Drug misuse by a parent or carer',
    '2C': 'Drug misuse by someone else in the household',
    '3A': 'Domestic abuse: the child is the victim',
    '3B': 'Domestic abuse: a parent or carer is the victim',
    '3C': 'Domestic abuse: someone else in the household is the victim',
    '4A': 'Mental health of the child',
    '4B': 'Mental health of a parent or carer',
    '4C': 'Mental health of someone else in the family or household',
    '5A': 'Learning disability of the child',
    '5B': 'Learning disability of a parent or carer',
    '5C': 'Learning disability of someone else in the family or household',
    '6A': 'Physical disability or illness of the child',
    '6B': 'Physical disability or illness of a parent or carer',
    '6C': 'Physical disability or illness of someone else in the family or household',
    '7A': 'Young carer',
    '8B': 'Privately fostered: from overseas, intending to return',
    '8C': 'Privately fostered: from overseas, intending to stay',
    '8D': 'Privately fostered: UK child in an educational placement',
    '8E': 'Privately fostered: UK child in another family arrangement',
    '8F': 'Privately fostered: other',
    '9A': 'Unaccompanied asylum-seeking child',
    '10A': 'Going or being missing',
    '11A': 'Child sexual exploitation',
    '12A': 'Trafficking',
    '13A': 'Gangs',
    '14A': 'Socially unacceptable behaviour',
    '15A': 'Self-harm',
    '16A': 'Neglect',
    '17A': 'Emotional abuse',
    '18A': 'Physical abuse (old code: use 18B or 18C)',
    '18B': 'Physical abuse by another child',
    '18C': 'Physical abuse by an adult',
    '19A': 'Sexual abuse (old code: use 19B or 19C)',
    '19B': 'Sexual abuse by another child',
    '19C': 'Sexual abuse by an adult',
    '20': 'Other',
    '21': 'No factors identified',
    '22A': 'Female genital mutilation (FGM)',
    '23A': 'Abuse linked to faith or belief',
    '24A': 'Child criminal exploitation',
  },
  Disability: {
    INC: 'Continence',
    LD: 'Learning',
    AUT: 'Autism or Asperger’s',
    DDA: 'Other disability',
  },
  Ethnicity: { REFU: 'Refused to say', NOBT: 'Not yet known' },
  ETHNIC: { REFU: 'Refused to say', NOBT: 'Not yet known' },
  UPNunknown: {
    UN1: 'Not of school age and no UPN assigned yet',
    UN2: 'Has never attended a state-funded school in England',
    UN3: 'Educated outside England',
    UN4: 'UPN not yet known',
    UN5: 'UPN records do not match the child’s name or date of birth',
    UN6: 'UPN not known (UN6)',
    UN7: 'Referral with no further action',
  },
  Sex: { U: 'Unknown (always U for an unborn child)' },
  GenderCurrent: { '0': 'Not recorded, or unborn' },
}

/** Codes whose label Harbour wrote without any source description: to confirm against the DfE guides. */
const PROVISIONAL: Partial<Record<Ssda903CodeListName | CinCodeListName, readonly string[]>> = {
  PLACE: ['Z11', 'Z12', 'Z13', 'Z14'],
  LS_ADOPTR: ['L0', 'L11', 'L12', 'L2', 'L3', 'L4'],
  REASON_PLACED_CEASED: ['RD1', 'RD2', 'RD3', 'RD4'],
  SW_REASON: ['MANAGE', 'FCONTA', 'LEFTRL', 'ORGRST', 'TSPROC', 'ABSENC', 'CHCHAN', 'PCCHAN', 'SWDIED', 'OTHERS'],
  UPNunknown: ['UN6'],
}

// ------------------------------------------------------------------------ Harbour's own lists

const HARBOUR_LISTS: Readonly<Record<Exclude<HarbourCodeListName, 'ACCOM_TYPE'>, Readonly<Record<string, string>>>> = {
  UNSUITABLE_ACCOMMODATION_REASON: {
    custody: 'In custody',
    homeless: 'Homeless or no fixed address',
    sofa_surfing: 'Sofa-surfing (staying with friends or family short term)',
    emergency: 'Emergency or bed and breakfast accommodation',
    unsafe: 'Not safe for them',
    poor_condition: 'Poor condition or overcrowded',
    unaffordable: 'They cannot afford it',
    support_needs_not_met: 'Does not meet their support needs',
    too_far: 'Too far from their support, education or work',
    other: 'Other reason',
  },
  MISSED_VISIT_REASON: {
    child_refused: 'Child refused to be seen',
    not_at_placement: 'Child was not at home',
    missing: 'Child was missing',
    worker_unavailable: 'Worker was not available',
    placement_out_of_area: 'Placement is far away',
    family_obstructed: 'Family prevented the visit',
    other: 'Other reason',
  },
  RELATIONSHIP: {
    mother: 'Mother',
    father: 'Father',
    step_parent: 'Step-parent',
    adoptive_parent: 'Adoptive parent',
    special_guardian: 'Special guardian',
    parents_partner: 'Parent’s partner',
    grandparent: 'Grandparent',
    aunt_uncle: 'Aunt or uncle',
    sibling: 'Brother or sister',
    half_sibling: 'Half-brother or half-sister',
    step_sibling: 'Stepbrother or stepsister',
    cousin: 'Cousin',
    other_relative: 'Other relative',
    foster_carer: 'Foster carer',
    former_foster_carer: 'Former foster carer',
    family_friend: 'Family friend',
    own_child: 'Their own child',
    other: 'Other',
  },
  PROVIDER_TYPE: {
    local_authority_fostering: 'The council’s own fostering service',
    independent_fostering_agency: 'Independent fostering agency',
    childrens_home: 'Children’s home',
    secure_childrens_home: 'Secure children’s home',
    supported_accommodation: 'Supported accommodation',
    residential_school: 'Residential school',
    parent_and_child_unit: 'Family centre or mother and baby unit',
    health: 'NHS or other health setting',
    adoption_agency: 'Adoption agency',
    other_local_authority: 'Another council',
    young_offender_institution: 'Young offender institution',
    other: 'Other',
  },
}

// -------------------------------------------------------------------------------------- loading

type CsvRow = Record<string, string>

function readCsv(fileName: string): CsvRow[] {
  const text = fs.readFileSync(new URL(`../../../reference/specs/${fileName}`, import.meta.url), 'utf8')
  return parse<CsvRow>(text, { columns: true, skip_empty_lines: true, bom: true })
}

function makeCode(name: Ssda903CodeListName | CinCodeListName, code: string, description: string | undefined): Code {
  const dfeDescription = description === undefined || description.trim() === '' ? null : description.trim()
  const plain = PLAIN_LABELS[name]?.[code]
  const provisional = PROVISIONAL[name]?.includes(code) ?? false
  const label = plain ?? dfeDescription
  if (label === null) throw new Error(`Code list ${name} code ${code} has no description and no Harbour label.`)
  return { code, label, dfeDescription, provisional }
}

function load(): Map<CodeListName, readonly Code[]> {
  const lists = new Map<CodeListName, Code[]>()
  const add = (name: CodeListName, code: Code) => {
    const list = lists.get(name) ?? []
    if (list.some((existing) => existing.code === code.code)) return
    list.push(code)
    lists.set(name, list)
  }

  const known903 = new Set<string>(SSDA903_LISTS)
  for (const row of readCsv('ssda903-codes.csv')) {
    const name = row['code_list'] ?? ''
    const code = row['code'] ?? ''
    if (!known903.has(name) || code === '') continue
    add(name as Ssda903CodeListName, makeCode(name as Ssda903CodeListName, code, row['description']))
  }
  for (const row of readCsv('cin-census-codes.csv')) {
    const name = CIN_LISTS[row['code_list'] ?? '']
    const code = row['code'] ?? ''
    if (name === undefined || code === '') continue
    add(name, makeCode(name, code, row['description']))
  }

  // ACCOM_TYPE: the first character of a 903 ACCOM code; the second says whether it is suitable.
  for (const accom of lists.get('ACCOM') ?? []) {
    const match = /^([A-Z])[12]$/.exec(accom.code)
    if (match?.[1] === undefined) continue
    const label = accom.label.replace(/ - (not )?suitable$/, '')
    add('ACCOM_TYPE', { code: match[1], label, dfeDescription: null, provisional: false })
  }
  for (const [name, codes] of Object.entries(HARBOUR_LISTS)) {
    for (const [code, label] of Object.entries(codes)) {
      add(name as HarbourCodeListName, { code, label, dfeDescription: null, provisional: false })
    }
  }

  for (const name of [...SSDA903_LISTS, ...Object.values(CIN_LISTS), 'ACCOM_TYPE', ...Object.keys(HARBOUR_LISTS)]) {
    if (!lists.has(name as CodeListName)) throw new Error(`Code list ${name} is missing from reference/specs.`)
  }
  for (const list of lists.values()) Object.freeze(list)
  return lists
}

const LISTS = load()

/** Every list name, in a stable order. */
export const codeListNames: readonly CodeListName[] = Object.freeze([...LISTS.keys()])

/** Where a list comes from: the SSDA903 return, the CIN census or Harbour itself. */
export function codeListSource(name: CodeListName): CodeListSource {
  if ((SSDA903_LISTS as readonly string[]).includes(name)) return 'ssda903'
  if ((Object.values(CIN_LISTS) as string[]).includes(name)) return 'cin_census'
  return 'harbour'
}

/** The codes of a list, in the order the source gives them, each with its plain-English label. */
export function codeList(name: CodeListName): readonly Code[] {
  const list = LISTS.get(name)
  if (list === undefined) throw new Error(`Unknown code list: ${name}`)
  return list
}

/** Whether a code is in the list. Codes are compared exactly ('k3' is not 'K3'). */
export function isValidCode(name: CodeListName, code: string | null | undefined): boolean {
  if (code === null || code === undefined) return false
  return codeList(name).some((entry) => entry.code === code)
}

/** The plain-English label of a code, or undefined when the code is not in the list. */
export function codeLabel(name: CodeListName, code: string): string | undefined {
  return codeList(name).find((entry) => entry.code === code)?.label
}
