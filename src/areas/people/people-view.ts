import { formatUkDate } from '../../web/nunjucks.js'
import { londonDate } from '../compliance/calendar.js'
import { codeLabel } from '../codes/code-lists.js'
import { ageInYears } from '../children/child-sections.js'
import type { VisibleChild } from './queries.js'

/** How a brother or sister the user cannot open is shown: never a name. */
export const SIBLING_OUT_OF_SCOPE = 'A sibling (not allocated to you)'

const yesNo = (value: boolean) => (value ? 'Yes' : 'No')
const relationshipLabel = (code: string) => codeLabel('RELATIONSHIP', code) ?? code

export interface PersonRow {
  /** The relationship's id, for the change and end links. */
  id: number
  name: string
  relationship: string
  parentalResponsibility: string
  livesWithChild: string
  contact: string
  address: string
}

export function personRows(
  people: readonly {
    id: number
    first_name: string
    last_name: string
    relationship: string
    parental_responsibility: boolean
    lives_with_child: boolean
    contact_restricted: boolean
    note: string | null
    phone: string | null
    address: string | null
    postcode: string | null
    address_confidential: boolean
  }[],
): PersonRow[] {
  return people.map((person) => ({
    id: person.id,
    name: `${person.first_name} ${person.last_name}`,
    relationship: relationshipLabel(person.relationship),
    parentalResponsibility: yesNo(person.parental_responsibility),
    livesWithChild: yesNo(person.lives_with_child),
    contact: person.contact_restricted ? `Restricted${person.note ? `: ${person.note}` : ''}` : 'Not restricted',
    address: person.address_confidential
      ? 'Confidential'
      : [person.address, person.postcode, person.phone].filter((part) => part !== null && part !== '').join(', ') ||
        'Not recorded',
  }))
}

export interface ChildRow {
  /** The child's id (for actions), only when the user can open the record. */
  id?: number
  /** The relationship's id, for a linked brother or sister. */
  relationshipId?: number
  /** The child's name, or SIBLING_OUT_OF_SCOPE. */
  text: string
  /** Link to the record, only when the user can open it. */
  href: string | undefined
  age: string
  relationship?: string
  current?: boolean
}

function childRow(id: number, visible: ReadonlyMap<number, VisibleChild>, today: string): ChildRow {
  const child = visible.get(id)
  if (child === undefined) return { text: SIBLING_OUT_OF_SCOPE, href: undefined, age: 'Not shown' }
  const age = ageInYears(child.date_of_birth, today)
  return {
    id: child.id,
    text: `${child.first_name} ${child.last_name}`,
    href: `/children/${child.id}`,
    age:
      child.date_of_birth === null
        ? `Unborn (expected ${formatUkDate(child.expected_date_of_birth)})`
        : age === 0
          ? 'Under 1'
          : String(age),
  }
}

/** Linked brothers and sisters (and other children) as table rows. */
export function linkedChildRows(
  links: readonly { id: number; relationship: string; related_child_id: number | null }[],
  visible: ReadonlyMap<number, VisibleChild>,
  today: string,
): ChildRow[] {
  return links
    .filter((link) => link.related_child_id !== null)
    .map((link) => ({
      ...childRow(link.related_child_id as number, visible, today),
      relationshipId: link.id,
      relationship: relationshipLabel(link.relationship),
    }))
}

export interface SiblingGroupView {
  id: number
  name: string
  members: ChildRow[]
  /** Children who were in the group and were taken out, with when and why. */
  pastMembers: { text: string; href: string | undefined; leftOn: string; reason: string }[]
}

/** Each sibling group with its members shown together, this child marked as the current one. */
export function siblingGroupViews(
  groups: readonly { id: number; name: string; memberIds: number[] }[],
  visible: ReadonlyMap<number, VisibleChild>,
  childId: number,
  today: string,
  pastMembers: readonly {
    sibling_group_id: number
    child_id: number
    removed_at: Date | string
    reason: string
  }[] = [],
): SiblingGroupView[] {
  return groups.map((group) => ({
    id: group.id,
    name: group.name,
    members: group.memberIds.map((id) => ({ ...childRow(id, visible, today), current: id === childId })),
    pastMembers: pastMembers
      .filter((past) => past.sibling_group_id === group.id)
      .map((past) => {
        const row = childRow(past.child_id, visible, today)
        return {
          text: row.text,
          href: row.href,
          leftOn: formatUkDate(londonDate(past.removed_at)),
          reason: past.reason,
        }
      }),
  }))
}

export interface EndedRelationshipRow {
  name: string
  href: string | undefined
  relationship: string
  endedOn: string
  note: string
}

/** Relationships that have ended: kept on the page as history. */
export function endedRelationshipRows(
  rows: readonly {
    relationship: string
    related_child_id: number | null
    end_date: string | null
    note: string | null
    first_name: string | null
    last_name: string | null
  }[],
  visible: ReadonlyMap<number, VisibleChild>,
  today: string,
): EndedRelationshipRow[] {
  return rows.map((row) => {
    const child = row.related_child_id === null ? undefined : childRow(row.related_child_id, visible, today)
    return {
      name: child?.text ?? `${row.first_name ?? ''} ${row.last_name ?? ''}`.trim(),
      href: child?.href,
      relationship: relationshipLabel(row.relationship),
      endedOn: formatUkDate(row.end_date),
      note: row.note ?? '',
    }
  })
}
