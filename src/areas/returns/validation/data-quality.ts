import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { todayInLondon } from '../../../web/forms/date-input.js'
import { childPath, type ChildSectionKey } from '../../children/child-sections.js'
import { buildCinReturn } from '../cin/builder.js'
import { build903Return } from '../ssda903/builder.js'
import { validate903, validateCin, type Failure } from './engine.js'
import { collectionEndYearOf, yearLabel } from './years.js'

/** A rule one child's record breaks, in words staff can act on, with where to fix it. */
export interface DataQualityItem {
  returnName: 'Children looked after (SSDA903)' | 'Children in need census'
  code: string
  message: string
  ruleType: 'Error' | 'Query'
  fixHref: string
  fixText: string
}

/** Where on the child's record each return table is recorded. */
const SECTION_FOR_TABLE: Record<string, ChildSectionKey> = {
  Header: 'summary',
  UASC: 'looked-after',
  Episodes: 'looked-after',
  Reviews: 'looked-after',
  Missing: 'looked-after',
  OC2: 'looked-after',
  AD1: 'looked-after',
  PlacedAdoption: 'looked-after',
  PrevPerm: 'looked-after',
  DoLo: 'looked-after',
  SWEpisodes: 'allocation',
  OC3: 'care-leaver',
  ChildIdentifiers: 'summary',
  ChildCharacteristics: 'summary',
  Disabilities: 'summary',
  CINdetails: 'front-door',
  Assessments: 'assessments',
  CINplanDates: 'assessments',
  Section47: 'child-protection',
  ChildProtectionPlans: 'child-protection',
  Reviews_cin: 'child-protection',
}

const FIX_TEXT: Record<ChildSectionKey, string> = {
  summary: 'Change the child’s details',
  chronology: 'Open the chronology',
  visits: 'Open visits and timescales',
  people: 'Open family and people',
  'front-door': 'Open contacts and referrals',
  assessments: 'Open assessments and plans',
  'child-protection': 'Open child protection',
  'looked-after': 'Open looked after',
  'care-leaver': 'Open care leaver',
  allocation: 'Open allocation',
}

function itemOf(childId: number, failure: Failure, returnName: DataQualityItem['returnName']): DataQualityItem {
  const key = returnName === 'Children in need census' && failure.table === 'Reviews' ? 'Reviews_cin' : failure.table
  const section = SECTION_FOR_TABLE[key.replace(/_last$/, '')] ?? 'summary'
  return {
    returnName,
    code: failure.code,
    message: failure.message,
    ruleType: failure.ruleType,
    fixHref: section === 'summary' ? `/children/${childId}/edit` : childPath(childId, section),
    fixText: FIX_TEXT[section],
  }
}

/** One child's part of the current year's returns, validated: each rule broken once. */
export async function childDataQuality(
  db: Kysely<Database>,
  councilId: number,
  childId: number,
  asAt: string = todayInLondon(),
): Promise<DataQualityItem[]> {
  const year = collectionEndYearOf(asAt)
  const label = yearLabel(year)
  const options = { childIds: [childId] }
  // One after another: inside a form's transaction there is a single connection.
  const ret = await build903Return(db, councilId, year, options)
  const last = await build903Return(db, councilId, year - 1, options)
  const cin = await buildCinReturn(db, councilId, year, options)
  const items = [
    ...validate903(ret, label, { lastYear: last, asAt }).map((f) =>
      itemOf(childId, f, 'Children looked after (SSDA903)'),
    ),
    ...validateCin(cin, label, { asAt }).map((f) => itemOf(childId, f, 'Children in need census')),
  ]
  const seen = new Set<string>()
  return items.filter((item) => {
    const key = `${item.returnName}:${item.code}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
