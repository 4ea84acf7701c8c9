import type { Db } from '../../db/database.js'
import { getChild } from './child-queries.js'

/**
 * The sections of a child's record, in the order of the sub-navigation. Each area owns its own
 * section's routes and views (src/areas/<area>/) and renders them inside children/views/child-layout.njk.
 */
export const CHILD_SECTIONS = [
  { key: 'summary', label: 'Summary', path: '' },
  { key: 'chronology', label: 'Chronology', path: '/chronology' },
  { key: 'visits', label: 'Visits and timescales', path: '/visits' },
  { key: 'people', label: 'Family and people', path: '/people' },
  { key: 'front-door', label: 'Contacts and referrals', path: '/front-door' },
  { key: 'assessments', label: 'Assessments and plans', path: '/assessments' },
  { key: 'child-protection', label: 'Child protection', path: '/child-protection' },
  { key: 'looked-after', label: 'Looked after', path: '/looked-after' },
  { key: 'care-leaver', label: 'Care leaver', path: '/care-leaver' },
  { key: 'allocation', label: 'Allocation', path: '/allocation' },
] as const

export type ChildSectionKey = (typeof CHILD_SECTIONS)[number]['key']

export const childPath = (childId: number, section: ChildSectionKey = 'summary') =>
  `/children/${childId}${CHILD_SECTIONS.find((candidate) => candidate.key === section)?.path ?? ''}`

/** Whole years between two ISO dates. */
export function ageInYears(dateOfBirth: string | null, on: string): number | null {
  if (dateOfBirth === null) return null
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number]
  const [y, m, d] = on.split('-').map(Number) as [number, number, number]
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

/**
 * What every page of a child's record needs for its header and sub-navigation. Callers are routes
 * with a :childId parameter, which the route wrapper has already checked against the user's scope.
 */
export async function childPageContext(db: Db, councilId: number, childId: number, section: ChildSectionKey) {
  const child = await getChild(db, councilId, childId)
  const today = new Date().toISOString().slice(0, 10)
  return {
    child,
    childAge: ageInYears(child.date_of_birth, today),
    childSections: CHILD_SECTIONS.map((candidate) => ({
      ...candidate,
      href: childPath(childId, candidate.key),
      current: candidate.key === section,
    })),
  }
}
