import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'
import { NotFoundError } from '../../web/errors.js'
import { addYears, type IsoDate } from './dates.js'

/** A refusal by the care-leaver rules, naming the field to change, shown as the form's field errors. */
export interface RuleIssue {
  field: string
  message: string
}

export class CareLeaverRuleError extends Error {
  override name = 'CareLeaverRuleError'
  constructor(readonly issues: RuleIssue[]) {
    super(issues.map((issue) => issue.message).join('; '))
  }
}

/** Collects issues and throws them together, so the error summary lists every problem at once. */
export class RuleCheck {
  readonly issues: RuleIssue[] = []
  refuse(field: string, message: string): void {
    if (!this.issues.some((issue) => issue.field === field)) this.issues.push({ field, message })
  }
  done(): void {
    if (this.issues.length > 0) throw new CareLeaverRuleError(this.issues)
  }
}

export interface LeaverFacts {
  dateOfBirth: IsoDate | null
  dateOfDeath: IsoDate | null
  merged: boolean
}

/** The young person's dates the rules need; merged duplicates take no new records. */
export async function leaverFacts(
  trx: Transaction<Database>,
  councilId: number,
  childId: number,
): Promise<LeaverFacts> {
  const child = await trx
    .selectFrom('child')
    .select(['date_of_birth', 'date_of_death', 'merged_into_child_id'])
    .where('council_id', '=', councilId)
    .where('id', '=', childId)
    .executeTakeFirst()
  if (child === undefined) throw new NotFoundError()
  return {
    dateOfBirth: child.date_of_birth,
    dateOfDeath: child.date_of_death,
    merged: child.merged_into_child_id !== null,
  }
}

/** Leaving-care records start at 16 (pathway planning) and stop at 25 (personal adviser support). */
export function checkLeaverDate(check: RuleCheck, facts: LeaverFacts, field: string, label: string, date: IsoDate) {
  if (facts.dateOfBirth === null) return
  const sixteenth = addYears(facts.dateOfBirth, 16)
  const twentyFifth = addYears(facts.dateOfBirth, 25)
  if (date < sixteenth) check.refuse(field, `${label} must be on or after their 16th birthday`)
  else if (date > twentyFifth) check.refuse(field, `${label} must be before their 25th birthday`)
  if (facts.dateOfDeath !== null && date > facts.dateOfDeath)
    check.refuse(field, `${label} must be before the date they died`)
}

export function checkEndAfterStart(
  check: RuleCheck,
  field: string,
  start: IsoDate,
  end: IsoDate | null,
  labels: { start: string; end: string },
) {
  if (end !== null && end < start) check.refuse(field, `${labels.end} must be the same as or after ${labels.start}`)
}

/** A saved value as text for the conflict page (dates and codes are strings; missing is blank). */
export function shownValue(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value)
  return ''
}
