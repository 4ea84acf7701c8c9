import { XMLBuilder } from 'fast-xml-parser'
import { CIN_STRUCTURE, type CinElement } from './structure.js'
import { assessmentFactors, type CinReturn, type CinRow } from './tables.js'

/**
 * Writes a CinReturn as the DfE CIN census XML. Each block is built as an object whose keys are
 * added in the order of reference/specs/cin-census-structure.csv (children of an element in schema
 * order, repeated elements as arrays), so the XML comes out in schema order. The Header's DateTime
 * is the caller's (`generatedAt`), so the same record always gives the same file.
 */
export interface CinXmlOptions {
  /** Header/Source/DateTime, xs:dateTime without a zone (e.g. '2027-04-20T09:30:00'). Left out when absent. */
  generatedAt?: string
}

type XmlValue = string | XmlObject | XmlObject[] | string[]
interface XmlObject {
  [element: string]: XmlValue
}

/** Copies the fields of `row` that are children of `element`, in schema order, plus any extra blocks. */
function block(element: CinElement, row: CinRow, nested: Record<string, XmlValue | undefined> = {}): XmlObject {
  const out: XmlObject = {}
  for (const child of element.children) {
    const value = nested[child.name] ?? row[child.name]
    if (value === undefined) continue
    if (Array.isArray(value) && value.length === 0) continue
    out[child.name] = value
  }
  return out
}

function child(element: CinElement, name: string): CinElement {
  const found = element.children.find((candidate) => candidate.name === name)
  if (found === undefined) throw new Error(`The CIN structure has no ${element.path}/${name}`)
  return found
}

function groupRows(rows: readonly CinRow[], ...keys: string[]): Map<string, CinRow[]> {
  const groups = new Map<string, CinRow[]>()
  for (const row of rows) {
    const key = keys.map((name) => row[name] ?? '').join('\u0000')
    const list = groups.get(key)
    if (list === undefined) groups.set(key, [row])
    else list.push(row)
  }
  return groups
}

export function cinReturnToXml(cin: CinReturn, options: CinXmlOptions = {}): string {
  const message = CIN_STRUCTURE
  const headerElement = child(message, 'Header')
  const childElement = child(child(message, 'Children'), 'Child')
  const identifiers = child(childElement, 'ChildIdentifiers')
  const characteristics = child(childElement, 'ChildCharacteristics')
  const disabilitiesElement = child(characteristics, 'Disabilities')
  const details = child(childElement, 'CINdetails')
  const assessmentElement = child(details, 'Assessments')
  const factorsElement = child(assessmentElement, 'FactorsIdentifiedAtAssessment')
  const planDatesElement = child(details, 'CINPlanDates')
  const section47Element = child(details, 'Section47')
  const cppElement = child(details, 'ChildProtectionPlans')

  const header = cin.tables.Header[0] ?? {}
  const headerRow: CinRow = { ...header }
  if (options.generatedAt !== undefined) headerRow.DateTime = options.generatedAt
  const headerXml = block(headerElement, headerRow, {
    CollectionDetails: block(child(headerElement, 'CollectionDetails'), headerRow),
    Source: block(child(headerElement, 'Source'), headerRow),
  })

  const characteristicsByChild = groupRows(cin.tables.ChildCharacteristics, 'LAchildID')
  const disabilitiesByChild = groupRows(cin.tables.Disabilities, 'LAchildID')
  const detailsByChild = groupRows(cin.tables.CINdetails, 'LAchildID')
  const perDetails = (rows: readonly CinRow[]) => groupRows(rows, 'LAchildID', 'CINdetailsID')
  const assessments = perDetails(cin.tables.Assessments)
  const planDates = perDetails(cin.tables.CINplanDates)
  const section47s = perDetails(cin.tables.Section47)
  const plans = perDetails(cin.tables.ChildProtectionPlans)
  const reviews = groupRows(cin.tables.Reviews, 'LAchildID', 'CINdetailsID', 'CPPID')
  const key = (...parts: string[]) => parts.join('\u0000')

  const children: XmlObject[] = cin.tables.ChildIdentifiers.map((identifierRow) => {
    const id = identifierRow.LAchildID ?? ''
    const characteristicsRow = characteristicsByChild.get(id)?.[0] ?? {}
    const disabilities = (disabilitiesByChild.get(id) ?? []).map((row) => row.Disability ?? '')
    const cinDetails = (detailsByChild.get(id) ?? []).map((detailsRow) => {
      const detailsId = detailsRow.CINdetailsID ?? ''
      const here = key(id, detailsId)
      return block(details, detailsRow, {
        Assessments: (assessments.get(here) ?? []).map((row) => {
          const factors = assessmentFactors(row)
          return block(assessmentElement, row, {
            AssessmentFactors: undefined,
            FactorsIdentifiedAtAssessment:
              factors.length === 0 ? undefined : block(factorsElement, {}, { AssessmentFactors: factors }),
          })
        }),
        CINPlanDates: (planDates.get(here) ?? []).map((row) => block(planDatesElement, row)),
        Section47: (section47s.get(here) ?? []).map((row) => block(section47Element, row)),
        ChildProtectionPlans: (plans.get(here) ?? []).map((row) => {
          const dates = (reviews.get(key(id, detailsId, row.CPPID ?? '')) ?? []).map(
            (review) => review.CPPreviewDate ?? '',
          )
          return block(cppElement, row, {
            Reviews: dates.length === 0 ? undefined : { CPPreviewDate: dates },
          })
        }),
      })
    })
    return block(
      childElement,
      {},
      {
        ChildIdentifiers: block(identifiers, identifierRow),
        ChildCharacteristics: block(characteristics, characteristicsRow, {
          Disabilities:
            disabilities.length === 0 ? undefined : block(disabilitiesElement, {}, { Disability: disabilities }),
        }),
        CINdetails: cinDetails,
      },
    )
  })

  const builder = new XMLBuilder({ format: true, indentBy: '  ', ignoreAttributes: true, suppressEmptyNode: true })
  const body = builder.build({ Message: { Header: headerXml, Children: { Child: children } } })
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body.trimEnd()}\n`
}
