import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { SignedInUser } from '../../web/context.js'
import type { Db } from '../../db/database.js'
import { formatUkDate } from '../../web/nunjucks.js'
import { appendAudit, type AuditAction } from '../audit/audit-log.js'
import {
  currentReferral,
  discussionAwaitingEnquiry,
  enquiryAwaitingConference,
  enquiryAwaitingOutcome,
  loadChildProtection,
  openPlan,
  siblingsInScope,
  type ChildProtectionRecord,
} from './records.js'
import { eighteenthBirthday } from './working-days.js'

export type Trx = Transaction<Database>

export interface RuleIssue {
  /** The form field the user must change. */
  field: string
  message: string
}

/** A rule about dates or sequence that a record breaks: shown as field errors on the form. */
export class ChildProtectionRuleError extends Error {
  override name = 'ChildProtectionRuleError'
  constructor(readonly issues: RuleIssue[]) {
    super(issues.map((issue) => issue.message).join('; '))
  }
}

/** A child a form records for: the child whose page it is, or a sibling ticked under "Also record for". */
export interface Subject {
  id: number
  name: string
  dateOfBirth: string | null
  main: boolean
  record: ChildProtectionRecord
}

/** Collects rule issues; a sibling's message is prefixed with their name so the user knows whose record. */
export class Issues {
  readonly list: RuleIssue[] = []
  add(field: string, subject: Subject, message: string): void {
    const text = subject.main ? message.charAt(0).toUpperCase() + message.slice(1) : `${subject.name}: ${message}`
    this.list.push({ field, message: text })
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw new ChildProtectionRuleError(this.list)
  }
}

/** Refuses a date after the child's 18th birthday (child protection is for children). */
export function checkNotAdult(issues: Issues, subject: Subject, field: string, date: string, what: string): void {
  if (subject.dateOfBirth === null) return
  const birthday = eighteenthBirthday(subject.dateOfBirth)
  if (date > birthday) {
    issues.add(field, subject, `${what} must be on or before the child’s 18th birthday (${formatUkDate(birthday)})`)
  }
}

export function checkNotBefore(
  issues: Issues,
  subject: Subject,
  field: string,
  date: string,
  what: string,
  earliest: string,
  earliestWhat: string,
): void {
  if (date < earliest) {
    issues.add(field, subject, `${what} must be on or after ${earliestWhat} (${formatUkDate(earliest)})`)
  }
}

/**
 * The child and the siblings ticked under "Also record for", each with their child protection record.
 * A sibling must be one the user can see (siblingsInScope); anything else is refused.
 */
export async function subjectsFor(
  trx: Trx,
  user: SignedInUser,
  childId: number,
  alsoFor: readonly number[],
  issues: Issues,
): Promise<Subject[]> {
  const child = await trx
    .selectFrom('child')
    .select(['id', 'first_name', 'last_name', 'date_of_birth'])
    .where('council_id', '=', user.councilId)
    .where('id', '=', childId)
    .executeTakeFirstOrThrow()
  const siblings = alsoFor.length === 0 ? [] : await siblingsInScope(trx, user, childId)
  const subjects: Subject[] = [
    {
      id: child.id,
      name: `${child.first_name} ${child.last_name}`,
      dateOfBirth: child.date_of_birth,
      main: true,
      record: await loadChildProtection(trx, user.councilId, child.id),
    },
  ]
  for (const siblingId of new Set(alsoFor)) {
    const sibling = siblings.find((candidate) => candidate.id === siblingId)
    if (sibling === undefined) {
      issues.list.push({ field: 'alsoFor', message: 'Select only brothers and sisters shown on this page' })
      continue
    }
    subjects.push({
      id: sibling.id,
      name: `${sibling.first_name} ${sibling.last_name}`,
      dateOfBirth: sibling.date_of_birth,
      main: false,
      record: await loadChildProtection(trx, user.councilId, sibling.id),
    })
  }
  return subjects
}

/** The step a form records; decides which siblings can be recorded with the child. */
export type Step = 'discussion' | 'enquiry' | 'outcome' | 'conference' | 'plan'

/** Why a sibling cannot be recorded for at a step, or undefined when they can. */
export function siblingNotReady(step: Step, record: ChildProtectionRecord): string | undefined {
  switch (step) {
    case 'discussion':
      return currentReferral(record) === undefined ? 'has no open referral' : undefined
    case 'enquiry':
      return discussionAwaitingEnquiry(record) === undefined
        ? 'has no strategy discussion waiting for a section 47 enquiry'
        : undefined
    case 'outcome':
      return enquiryAwaitingOutcome(record) === undefined
        ? 'has no section 47 enquiry waiting for an outcome'
        : undefined
    case 'conference':
      return enquiryAwaitingConference(record) === undefined
        ? 'has no section 47 enquiry waiting for an initial conference'
        : undefined
    case 'plan':
      return openPlan(record) === undefined ? 'has no current child protection plan' : undefined
  }
}

export interface SiblingChoice {
  id: number
  name: string
  /** Set when the sibling cannot be recorded for at this step. */
  notReady: string | undefined
}

/** The siblings a form offers under "Also record for", and those it cannot offer, with the reason. */
export async function siblingChoices(
  db: Db,
  user: SignedInUser,
  childId: number,
  step: Step,
): Promise<SiblingChoice[]> {
  const siblings = await siblingsInScope(db, user, childId)
  const choices: SiblingChoice[] = []
  for (const sibling of siblings) {
    const record = await loadChildProtection(db, user.councilId, sibling.id)
    choices.push({
      id: sibling.id,
      name: `${sibling.first_name} ${sibling.last_name}`,
      notReady: siblingNotReady(step, record),
    })
  }
  return choices
}

/** The allocated social worker and team, recorded on enquiries and plans (SSD worker and team fields). */
export async function allocatedWorker(
  trx: Trx,
  councilId: number,
  childId: number,
): Promise<{ team_id: number | null; worker_id: number | null }> {
  const allocation = await trx
    .selectFrom('worker_allocation')
    .select(['team_id', 'user_id'])
    .where('council_id', '=', councilId)
    .where('child_id', '=', childId)
    .where('allocation_role', '=', 'social_worker')
    .where('end_date', 'is', null)
    .orderBy('start_date', 'desc')
    .executeTakeFirst()
  return { team_id: allocation?.team_id ?? null, worker_id: allocation?.user_id ?? null }
}

export interface AuditOf {
  user: SignedInUser
  ip: string
  route: string
}

export async function audit(
  trx: Trx,
  of: AuditOf,
  action: AuditAction,
  entity: string,
  entityId: number,
  childId: number,
  detail: Record<string, unknown>,
): Promise<void> {
  await appendAudit(trx, {
    councilId: of.user.councilId,
    userId: of.user.id,
    userRole: of.user.role,
    action,
    entity,
    entityId,
    childId,
    route: of.route,
    ip: of.ip,
    detail,
  })
}
