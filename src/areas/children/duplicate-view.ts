import { formatUkDate } from '../../web/nunjucks.js'
import type { PossibleDuplicate } from './duplicates.js'

export interface DuplicateRow {
  laChildId: string
  /** What the user may know of the child: the name and date of birth only when the record is theirs to open. */
  description: string
  dateOfBirth: string
  postcode: string
  /** Only for a child in the user's scope. */
  href: string | undefined
}

/** Possible duplicates as table rows, showing a child outside the user's scope by initials and year only. */
export function duplicateRows(found: readonly PossibleDuplicate[]): DuplicateRow[] {
  return found.map((child) => {
    if (child.inScope) {
      return {
        laChildId: child.laChildId,
        description: `${child.firstName} ${child.lastName}`,
        dateOfBirth:
          child.dateOfBirth !== null
            ? formatUkDate(child.dateOfBirth)
            : `Expected ${formatUkDate(child.expectedDateOfBirth)}`,
        postcode: child.homePostcode ?? 'Not recorded',
        href: `/children/${child.id}`,
      }
    }
    if (child.restricted) {
      return {
        laChildId: child.laChildId,
        description: 'A restricted record: ask your head of service',
        dateOfBirth: 'Not shown',
        postcode: 'Not shown',
        href: undefined,
      }
    }
    return {
      laChildId: child.laChildId,
      description: `${child.initials} (not allocated to you)`,
      dateOfBirth: child.yearOfBirth === '' ? 'Not shown' : `Born ${child.yearOfBirth}`,
      postcode: 'Not shown',
      href: undefined,
    }
  })
}
