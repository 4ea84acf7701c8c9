import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { scopedChildren } from './child-access.js'
import { initialsOf } from './child-details.js'

/**
 * Duplicate detection when a child is added. A possible duplicate is a child in the same council
 * (the whole council, not only the user's scope: a duplicate usually sits in another team) whose
 * name is similar and whose date of birth is close or who lives at the same postcode.
 *
 * - A strong name match (first and last names both alike, or swapped) with a close date OR the same postcode.
 * - A weak name match (the same last name only, as when "Baby Smith" is born and named; or the same
 *   first name with a changed last name) only with a close date: brothers and sisters share a last
 *   name and a postcode, and are not duplicates.
 */

/** Lower case, accents and anything but letters removed: "O’Brien-Smith" → "obriensmith". */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '')
}

/** Edit distance: insertions, deletions and substitutions, each costing 1. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      )
    }
    previous = current
  }
  return previous[b.length] as number
}

/** Two spellings of one name: equal, one a prefix of the other ("Sam", "Samantha"), or a typo apart. */
export function nameAlike(a: string, b: string): boolean {
  const x = normaliseName(a)
  const y = normaliseName(b)
  if (x === '' || y === '') return false
  if (x === y) return true
  const shorter = x.length <= y.length ? x : y
  const longer = shorter === x ? y : x
  if (shorter.length >= 3 && longer.startsWith(shorter)) return true
  // Short names need a closer match: "Amy" and "Ava" are two different names.
  return levenshtein(x, y) <= (shorter.length <= 4 ? 1 : 2)
}

export interface PersonName {
  firstName: string
  lastName: string
}

export function nameMatch(a: PersonName, b: PersonName): 'strong' | 'weak' | 'none' {
  const firsts = nameAlike(a.firstName, b.firstName)
  const lasts = nameAlike(a.lastName, b.lastName)
  if (firsts && lasts) return 'strong'
  if (nameAlike(a.firstName, b.lastName) && nameAlike(a.lastName, b.firstName)) return 'strong'
  if (normaliseName(a.lastName) === normaliseName(b.lastName) || firsts) return 'weak'
  return 'none'
}

/** Days between dates at which two dates of birth count as close; wider when either is an expected date. */
export const CLOSE_DAYS = { born: 3, expected: 42 }

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000

export interface BirthDates {
  dateOfBirth: string | null
  expectedDateOfBirth: string | null
}

/** Close dates of birth, or the same date with day and month swapped (a common typing slip). */
export function birthDatesClose(a: BirthDates, b: BirthDates): boolean {
  const first = a.dateOfBirth ?? a.expectedDateOfBirth
  const second = b.dateOfBirth ?? b.expectedDateOfBirth
  if (first === null || second === null) return false
  const window = a.dateOfBirth !== null && b.dateOfBirth !== null ? CLOSE_DAYS.born : CLOSE_DAYS.expected
  if (Math.abs(dayNumber(first) - dayNumber(second)) <= window) return true
  const [year, month, day] = first.split('-')
  return `${year}-${day}-${month}` === second
}

const compactPostcode = (postcode: string | null) => (postcode ?? '').replace(/\s+/g, '').toUpperCase()

export interface DuplicateCheckSubject extends PersonName, BirthDates {
  homePostcode: string | null
}

export function isPossibleDuplicate(subject: DuplicateCheckSubject, candidate: DuplicateCheckSubject): boolean {
  const names = nameMatch(subject, candidate)
  if (names === 'none') return false
  const closeDates = birthDatesClose(subject, candidate)
  const samePostcode =
    compactPostcode(subject.homePostcode) !== '' &&
    compactPostcode(subject.homePostcode) === compactPostcode(candidate.homePostcode)
  return names === 'strong' ? closeDates || samePostcode : closeDates
}

/** What the user may be shown of a possible duplicate: the child in full if in scope, else only minimal facts. */
export type PossibleDuplicate =
  | {
      id: number
      laChildId: string
      inScope: true
      firstName: string
      lastName: string
      dateOfBirth: string | null
      expectedDateOfBirth: string | null
      homePostcode: string | null
    }
  | { id: number; laChildId: string; inScope: false; restricted: true }
  | { id: number; laChildId: string; inScope: false; restricted: false; initials: string; yearOfBirth: string }

const isoShift = (iso: string, days: number) =>
  new Date((dayNumber(iso) + days) * 86_400_000).toISOString().slice(0, 10)

/**
 * Possible duplicates of a child being added (or of a child already recorded: pass its id as
 * excludeChildId). Searches the whole council; the caller audits the search.
 */
export async function findPossibleDuplicates(
  db: Db,
  user: SignedInUser,
  subject: DuplicateCheckSubject,
  excludeChildId?: number,
): Promise<PossibleDuplicate[]> {
  const date = subject.dateOfBirth ?? subject.expectedDateOfBirth
  const postcode = compactPostcode(subject.homePostcode)
  const rows = await db
    .selectFrom('child')
    .select([
      'id',
      'la_child_id',
      'first_name',
      'last_name',
      'date_of_birth',
      'expected_date_of_birth',
      'home_postcode',
      'restriction',
    ])
    .where('council_id', '=', user.councilId)
    .where('merged_into_child_id', 'is', null)
    .$if(excludeChildId !== undefined, (query) => query.where('id', '!=', excludeChildId as number))
    .where((eb) => {
      const options = []
      if (date !== null) {
        const [year, month, day] = date.split('-')
        const swapped = Number(day) <= 12 ? [`${year}-${day}-${month}`] : []
        const from = isoShift(date, -CLOSE_DAYS.expected)
        const to = isoShift(date, CLOSE_DAYS.expected)
        options.push(eb.between(sql<string>`coalesce(date_of_birth, expected_date_of_birth)`, from, to))
        if (swapped.length > 0) options.push(eb('date_of_birth', 'in', swapped))
      }
      if (postcode !== '') {
        options.push(eb(sql<string>`replace(upper(coalesce(home_postcode, '')), ' ', '')`, '=', postcode))
      }
      return options.length > 0 ? eb.or(options) : eb.val(false)
    })
    .orderBy('id')
    .limit(500)
    .execute()
  const matches = rows.filter((row) =>
    isPossibleDuplicate(subject, {
      firstName: row.first_name,
      lastName: row.last_name,
      dateOfBirth: row.date_of_birth,
      expectedDateOfBirth: row.expected_date_of_birth,
      homePostcode: row.home_postcode,
    }),
  )
  if (matches.length === 0) return []
  const visible = new Set(
    (
      await scopedChildren(db, user)
        .select('child.id')
        .where(
          'child.id',
          'in',
          matches.map((row) => row.id),
        )
        .execute()
    ).map((row) => row.id),
  )
  return matches.slice(0, 20).map((row): PossibleDuplicate => {
    if (visible.has(row.id)) {
      return {
        id: row.id,
        laChildId: row.la_child_id,
        inScope: true,
        firstName: row.first_name,
        lastName: row.last_name,
        dateOfBirth: row.date_of_birth,
        expectedDateOfBirth: row.expected_date_of_birth,
        homePostcode: row.home_postcode,
      }
    }
    if (row.restriction !== null) return { id: row.id, laChildId: row.la_child_id, inScope: false, restricted: true }
    return {
      id: row.id,
      laChildId: row.la_child_id,
      inScope: false,
      restricted: false,
      initials: initialsOf(row.first_name, row.last_name),
      yearOfBirth: (row.date_of_birth ?? row.expected_date_of_birth ?? '').slice(0, 4),
    }
  })
}
