import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { isValidCode, type CinCodeListName } from '../../codes/code-lists.js'
import { CIN_STRUCTURE, type CinElement } from './structure.js'
import { emptyCinTables, type CinReturn, type CinRow, type CinTable } from './tables.js'

/**
 * Reads a CIN census XML file into a CinReturn, checking it against the structure file
 * (reference/specs/cin-census-structure.csv: unknown, missing, repeated and out-of-order elements),
 * each value against its type (dates, code lists, flags, counts) and the file's keys (one child per
 * LAchildID, one referral per referral date, ...). Every problem names the file, the child's
 * LAchildID when there is one, and the element path, so the person fixing the file can find it.
 * Harbour's own limits that the DfE schema does not have (LAchildID of at most 10 letters and digits;
 * dates that Harbour's record cannot hold, such as a closure before the referral) are problems too,
 * because the import is all or nothing.
 */
export interface CinFileProblem {
  file: string
  /** LAchildID of the child the problem is in, when it is inside a Child. */
  laChildId?: string
  /** Element path, e.g. 'Message/Children/Child[3]/CINdetails[1]/CINreferralDate'. */
  path: string
  /** The element (field) at fault, when it is one element. */
  field?: string
  message: string
}

export function describeProblem(problem: CinFileProblem): string {
  const child = problem.laChildId === undefined ? '' : ` child ${problem.laChildId},`
  return `${problem.file}:${child} ${problem.path}: ${problem.message}`
}

export interface CinFileReadResult {
  cin: CinReturn | undefined
  problems: CinFileProblem[]
  /** Parts of the file that are valid but that Harbour does not hold, so an import leaves them out. */
  skipped: { laChildId: string; path: string; reason: string }[]
}

const CODE_LISTS: Readonly<Record<string, CinCodeListName>> = {
  unknownupntype: 'UPNunknown',
  'sextype (M|F|U)': 'Sex',
  gendertype: 'GenderCurrent',
  ethnicitytype: 'Ethnicity',
  disabilitytype: 'Disability',
  referralsourcetype: 'ReferralSource',
  primaryneedcodetype: 'PrimaryNeedCode',
  reasonforclosuretype: 'ReasonForClosure',
  assessmentfactorstype: 'AssessmentFactors',
  categoryofabuse: 'CategoryOfAbuse',
}
const YES_NO = new Set(['true', 'false', '1', '0', 'TRUE', 'FALSE'])
const UPN = /^[A-HJ-NP-RT-Z](\d{12}|\d{11}[A-Z])$/
const GENDER_TO_SEX: Readonly<Record<string, string>> = { '1': 'M', '2': 'F', '0': 'U', '9': 'U' }

export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (match === null) return false
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return date.toISOString().slice(0, 10) === value
}

export function isYes(value: string | undefined): boolean {
  return value === 'true' || value === '1' || value === 'TRUE'
}

/** Why a value does not fit its element's type, or undefined when it does. */
function valueProblem(element: CinElement, value: string): string | undefined {
  const { name, type } = element
  if (type === 'xs:date') {
    return isIsoDate(value) ? undefined : `'${value}' is not a real date: write it as yyyy-mm-dd, like 2026-03-31`
  }
  const list = CODE_LISTS[type]
  if (list !== undefined) {
    return isValidCode(list, value) ? undefined : `'${value}' is not in the DfE ${list} list`
  }
  switch (type) {
    case 'yesnotype':
      return YES_NO.has(value) ? undefined : `'${value}' must be true or false`
    case 'xs:gYear':
      return /^\d{4}$/.test(value) ? undefined : `'${value}' must be a year, like 2026`
    case 'xs:dateTime':
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(value)
        ? undefined
        : `'${value}' must be a date and time, like 2026-04-20T09:30:00`
    case 'xs:positiveInteger':
      // The schema says positiveInteger, but 0 previous plans is the commonest answer: accept 0.
      return /^\d{1,4}$/.test(value) ? undefined : `'${value}' must be a whole number`
    case 'string enum CIN':
      return value === 'CIN' ? undefined : `'${value}' must be CIN`
    case 'string enum L':
      return value === 'L' ? undefined : `'${value}' must be L`
    case 'string pattern \\d{3}':
      return /^\d{3}$/.test(value) ? undefined : `'${value}' must be a 3-digit local authority code`
    case 'string pattern \\d{3}\\d*':
      return /^\d{3,}$/.test(value) ? undefined : `'${value}' must be at least 3 digits`
    case 'upntype':
      return UPN.test(value)
        ? undefined
        : `'${value}' is not a UPN: a letter followed by 12 digits, or 11 digits and a letter`
    case 'nonEmptyString':
      if (value === '') return 'must not be empty'
      if (name === 'LAchildID' && !/^[A-Za-z0-9]{1,10}$/.test(value)) {
        return `'${value}' cannot be held by Harbour: an LA child ID must be 1 to 10 letters and digits`
      }
      return undefined
    default:
      return undefined
  }
}

type OrderedNode = Record<string, unknown>

function nodeName(node: OrderedNode): string {
  return Object.keys(node).find((key) => key !== ':@') ?? ''
}

function nodeChildren(node: OrderedNode): OrderedNode[] {
  const value = node[nodeName(node)]
  return Array.isArray(value) ? (value as OrderedNode[]) : []
}

function textOf(node: OrderedNode): string {
  return nodeChildren(node)
    .filter((child) => nodeName(child) === '#text')
    .map((child) => String(child['#text']))
    .join('')
    .trim()
}

/** The walk over one file: checks structure and values, and fills the flat tables. */
class CinFileWalker {
  readonly problems: CinFileProblem[] = []
  readonly tables = emptyCinTables()
  readonly skipped: CinFileReadResult['skipped'] = []
  /** Where each row came from, so a duplicate key names the block that repeats it. */
  private readonly paths = new WeakMap<CinRow, string>()
  private laChildId: string | undefined

  constructor(private readonly file: string) {}

  problem(path: string, message: string, field?: string): void {
    this.problems.push({
      file: this.file,
      ...(this.laChildId === undefined ? {} : { laChildId: this.laChildId }),
      path,
      ...(field === undefined ? {} : { field }),
      message,
    })
  }

  /**
   * Checks a group's children against its definition and returns the leaf values (by element name)
   * and the child groups (by element name, with their paths), in document order.
   */
  group(
    node: OrderedNode,
    element: CinElement,
    path: string,
  ): { values: CinRow; lists: Map<string, string[]>; groups: { name: string; node: OrderedNode; path: string }[] } {
    const values: CinRow = {}
    const lists = new Map<string, string[]>()
    const groups: { name: string; node: OrderedNode; path: string }[] = []
    const counts = new Map<string, number>()
    let position = 0
    for (const child of nodeChildren(node)) {
      const name = nodeName(child)
      if (name === '#text') {
        if (String(child['#text']).trim() !== '') this.problem(path, `unexpected text '${String(child['#text'])}'`)
        continue
      }
      if (name === '#comment' || name === '?xml') continue
      const index = element.children.findIndex((candidate) => candidate.name === name)
      const definition = element.children[index]
      if (definition === undefined) {
        const expected = element.children.map((candidate) => candidate.name).join(', ')
        this.problem(`${path}/${name}`, `unknown element <${name}>: ${element.name} may hold ${expected}`, name)
        continue
      }
      const count = (counts.get(name) ?? 0) + 1
      counts.set(name, count)
      const childPath = definition.maxOccurs > 1 ? `${path}/${name}[${count}]` : `${path}/${name}`
      if (index < position) {
        const after = element.children[position]?.name ?? ''
        this.problem(childPath, `<${name}> is out of order: it must come before <${after}>`, name)
      } else {
        position = index
      }
      if (count > definition.maxOccurs) {
        this.problem(childPath, `more than ${definition.maxOccurs} <${name}> in <${element.name}>`, name)
        continue
      }
      if (definition.children.length > 0) {
        groups.push({ name, node: child, path: childPath })
        continue
      }
      const value = textOf(child)
      const problem = valueProblem(definition, value)
      if (problem !== undefined) this.problem(childPath, `${name} ${problem}`, name)
      if (definition.maxOccurs > 1) lists.set(name, [...(lists.get(name) ?? []), value])
      else values[name] = value
    }
    for (const definition of element.children) {
      if ((counts.get(definition.name) ?? 0) < definition.minOccurs) {
        this.problem(
          `${path}/${definition.name}`,
          `missing element <${definition.name}> in <${element.name}>`,
          definition.name,
        )
      }
    }
    return { values, lists, groups }
  }

  child(node: OrderedNode, element: CinElement, path: string): void {
    const identifiersNode = nodeChildren(node).find((child) => nodeName(child) === 'ChildIdentifiers')
    const idNode = identifiersNode && nodeChildren(identifiersNode).find((child) => nodeName(child) === 'LAchildID')
    this.laChildId = idNode === undefined ? undefined : textOf(idNode) || undefined
    const LAchildID = this.laChildId ?? ''
    const { groups } = this.group(node, element, path)
    let details = 0
    for (const group of groups) {
      const definition = element.children.find((candidate) => candidate.name === group.name)
      if (definition === undefined) continue
      const { values, lists, groups: inner } = this.group(group.node, definition, group.path)
      if (group.name === 'ChildIdentifiers') {
        if (values.Sex === undefined && values.GenderCurrent !== undefined) {
          const sex = GENDER_TO_SEX[values.GenderCurrent]
          if (sex !== undefined) values.Sex = sex
        }
        delete values.GenderCurrent
        if (values.Sex === undefined)
          this.problem(`${group.path}/Sex`, 'missing element <Sex> in <ChildIdentifiers>', 'Sex')
        if (values.PersonBirthDate === undefined && values.ExpectedPersonBirthDate === undefined) {
          this.problem(
            `${group.path}/PersonBirthDate`,
            'give PersonBirthDate, or ExpectedPersonBirthDate for an unborn child',
            'PersonBirthDate',
          )
        }
        this.add('ChildIdentifiers', values, path)
      } else if (group.name === 'ChildCharacteristics') {
        this.tables.ChildCharacteristics.push({ LAchildID, ...values })
        for (const disabilities of inner) {
          const disabilityDefinition = definition.children.find((candidate) => candidate.name === disabilities.name)
          if (disabilityDefinition === undefined) continue
          const read = this.group(disabilities.node, disabilityDefinition, disabilities.path)
          for (const Disability of read.lists.get('Disability') ?? [])
            this.tables.Disabilities.push({ LAchildID, Disability })
        }
      } else if (group.name === 'CINdetails') {
        details += 1
        this.cinDetails(LAchildID, String(details), values, inner, definition, group.path)
      }
      void lists
    }
    this.laChildId = undefined
  }

  cinDetails(
    LAchildID: string,
    CINdetailsID: string,
    values: CinRow,
    groups: { name: string; node: OrderedNode; path: string }[],
    element: CinElement,
    path: string,
  ): void {
    const ids = { LAchildID, CINdetailsID }
    this.add('CINdetails', { ...ids, ...values }, path)
    if (values.CINreferralDate !== undefined && values.CINclosureDate !== undefined) {
      if (values.CINclosureDate < values.CINreferralDate) {
        this.problem(`${path}/CINclosureDate`, 'CINclosureDate is before CINreferralDate', 'CINclosureDate')
      }
    }
    if (values.ReasonForClosure !== undefined && values.CINclosureDate === undefined) {
      this.problem(`${path}/ReasonForClosure`, 'ReasonForClosure is given without a CINclosureDate', 'ReasonForClosure')
    }
    let assessments = 0
    let plans = 0
    for (const group of groups) {
      const definition = element.children.find((candidate) => candidate.name === group.name)
      if (definition === undefined) continue
      const read = this.group(group.node, definition, group.path)
      const row: CinRow = { ...ids, ...read.values }
      switch (group.name) {
        case 'Assessments': {
          assessments += 1
          const factors: string[] = []
          for (const inner of read.groups) {
            const factorsDefinition = definition.children.find((candidate) => candidate.name === inner.name)
            if (factorsDefinition === undefined) continue
            factors.push(
              ...(this.group(inner.node, factorsDefinition, inner.path).lists.get('AssessmentFactors') ?? []),
            )
          }
          const assessment: CinRow = { ...ids, AssessmentID: String(assessments), ...read.values }
          if (factors.length > 0) assessment.AssessmentFactors = factors.join(',')
          this.endAfterStart(group.path, assessment, 'AssessmentActualStartDate', 'AssessmentAuthorisationDate')
          this.endAfterStart(group.path, assessment, 'AssessmentActualStartDate', 'AssessmentInternalReviewDate')
          this.add('Assessments', assessment, group.path)
          break
        }
        case 'CINPlanDates':
          this.endAfterStart(group.path, row, 'CINPlanStartDate', 'CINPlanEndDate')
          this.add('CINplanDates', row, group.path)
          break
        case 'Section47':
          this.add('Section47', row, group.path)
          break
        case 'ChildProtectionPlans': {
          plans += 1
          const CPPID = String(plans)
          this.endAfterStart(group.path, row, 'CPPstartDate', 'CPPendDate')
          this.add('ChildProtectionPlans', { ...ids, CPPID, ...read.values }, group.path)
          for (const inner of read.groups) {
            const reviewsDefinition = definition.children.find((candidate) => candidate.name === inner.name)
            if (reviewsDefinition === undefined) continue
            for (const CPPreviewDate of this.group(inner.node, reviewsDefinition, inner.path).lists.get(
              'CPPreviewDate',
            ) ?? []) {
              this.add('Reviews', { ...ids, CPPID, CPPreviewDate }, `${inner.path}/CPPreviewDate`)
            }
          }
          break
        }
        default:
          this.skipped.push({
            laChildId: LAchildID,
            path: group.path,
            reason: `Harbour does not hold <${group.name}> yet (expected 2026/27 module): not imported`,
          })
          break
      }
    }
  }

  add(table: CinTable, row: CinRow, path: string): void {
    this.tables[table].push(row)
    this.paths.set(row, path)
  }

  endAfterStart(path: string, row: CinRow, startField: string, endField: string): void {
    const start = row[startField]
    const end = row[endField]
    if (start !== undefined && end !== undefined && isIsoDate(start) && isIsoDate(end) && end < start) {
      this.problem(`${path}/${endField}`, `${endField} ${end} is before ${startField} ${start}`, endField)
    }
  }

  duplicates(table: CinTable, keyFields: string[], describe: (row: CinRow) => string): void {
    const seen = new Set<string>()
    for (const row of this.tables[table]) {
      if (keyFields.some((field) => row[field] === undefined)) continue
      const key = keyFields.map((field) => row[field]).join('\u0000')
      if (!seen.has(key)) {
        seen.add(key)
        continue
      }
      this.problems.push({
        file: this.file,
        ...(row.LAchildID === undefined ? {} : { laChildId: row.LAchildID }),
        path: this.paths.get(row) ?? table,
        field: keyFields.at(-1) ?? '',
        message: `duplicate key: ${describe(row)}`,
      })
    }
  }
}

/** Reads and checks one CIN census XML file. `cin` is undefined when the file is not XML at all. */
export function readCinXml(file: string, xml: string): CinFileReadResult {
  const valid = XMLValidator.validate(xml)
  if (valid !== true) {
    return {
      cin: undefined,
      skipped: [],
      problems: [
        {
          file,
          path: `line ${valid.err.line}, column ${valid.err.col}`,
          message: `the file is not well-formed XML: ${valid.err.msg}`,
        },
      ],
    }
  }
  const parsed = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
  }).parse(xml) as OrderedNode[]
  const walker = new CinFileWalker(file)
  const roots = parsed.filter((node) => !['#text', '#comment', '?xml'].includes(nodeName(node)))
  const root = roots[0]
  if (root === undefined || roots.length > 1 || nodeName(root) !== 'Message') {
    walker.problem(
      root === undefined ? '/' : nodeName(root),
      'the file must hold one <Message> element: is it a CIN census file?',
    )
    return { cin: undefined, problems: walker.problems, skipped: [] }
  }
  const { groups } = walker.group(root, CIN_STRUCTURE, 'Message')
  for (const group of groups) {
    const definition = CIN_STRUCTURE.children.find((candidate) => candidate.name === group.name)
    if (definition === undefined) continue
    const read = walker.group(group.node, definition, group.path)
    if (group.name === 'Header') {
      const header: CinRow = {}
      for (const inner of read.groups) {
        const innerDefinition = definition.children.find((candidate) => candidate.name === inner.name)
        if (innerDefinition !== undefined)
          Object.assign(header, walker.group(inner.node, innerDefinition, inner.path).values)
      }
      walker.tables.Header.push(header)
    } else {
      const childDefinition = definition.children.find((candidate) => candidate.name === 'Child')
      if (childDefinition === undefined) continue
      for (const child of read.groups) walker.child(child.node, childDefinition, child.path)
    }
  }

  const header = walker.tables.Header[0]
  const year = Number(header?.Year)
  if (header === undefined || !/^\d{4}$/.test(header.Year ?? '')) {
    walker.problem('Message/Header/CollectionDetails/Year', 'the census year is missing from the Header', 'Year')
  } else if (header.ReferenceDate !== undefined && header.ReferenceDate !== `${year}-03-31`) {
    walker.problem(
      'Message/Header/CollectionDetails/ReferenceDate',
      `ReferenceDate ${header.ReferenceDate} must be 31 March of the census year (${year}-03-31)`,
      'ReferenceDate',
    )
  }
  walker.duplicates('ChildIdentifiers', ['LAchildID'], (row) => `more than one child with LAchildID ${row.LAchildID}`)
  walker.duplicates(
    'CINdetails',
    ['LAchildID', 'CINreferralDate'],
    (row) => `two referrals (CINdetails) on ${row.CINreferralDate}`,
  )
  walker.duplicates(
    'Assessments',
    ['LAchildID', 'AssessmentActualStartDate'],
    (row) => `two assessments starting on ${row.AssessmentActualStartDate}`,
  )
  walker.duplicates(
    'CINplanDates',
    ['LAchildID', 'CINPlanStartDate'],
    (row) => `two child in need plans starting on ${row.CINPlanStartDate}`,
  )
  walker.duplicates(
    'Section47',
    ['LAchildID', 'S47ActualStartDate'],
    (row) => `two section 47 enquiries starting on ${row.S47ActualStartDate}`,
  )
  walker.duplicates(
    'ChildProtectionPlans',
    ['LAchildID', 'CPPstartDate'],
    (row) => `two child protection plans starting on ${row.CPPstartDate}`,
  )
  walker.duplicates(
    'Reviews',
    ['LAchildID', 'CINdetailsID', 'CPPID', 'CPPreviewDate'],
    (row) => `the review date ${row.CPPreviewDate} is given twice for one plan`,
  )
  return {
    cin: { year: Number.isFinite(year) ? year : 0, tables: walker.tables },
    problems: walker.problems,
    skipped: walker.skipped,
  }
}
