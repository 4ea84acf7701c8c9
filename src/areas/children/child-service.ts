import { randomInt } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { SignedInUser } from '../../web/context.js'
import { updateVersioned } from '../../web/concurrency.js'
import { ConflictError } from '../../web/errors.js'
import { todayInLondon } from '../../web/forms/date-input.js'
import { appendAudit } from '../audit/audit-log.js'
import { codeLabel } from '../codes/code-lists.js'
import { childDetailsProblems, type ChildDetails, type DetailProblem } from './child-details.js'

/** The details break a rule (the form checks the same rules first; imports and the generator meet them here). */
export class InvalidChildDetailsError extends Error {
  override name = 'InvalidChildDetailsError'
  constructor(readonly problems: DetailProblem[]) {
    super(problems.map((problem) => problem.message).join('; '))
  }
}

const LA_CHILD_ID_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ23456789'

/** A child ID Harbour makes up: 'H' and 7 letters or digits that are hard to confuse (no I, O, 0, 1). */
export function generateLaChildId(): string {
  let id = 'H'
  for (let index = 0; index < 7; index++) id += LA_CHILD_ID_LETTERS[randomInt(LA_CHILD_ID_LETTERS.length)]
  return id
}

async function laChildIdTaken(trx: Transaction<Database>, councilId: number, laChildId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('child')
    .select('id')
    .where('council_id', '=', councilId)
    .where((eb) => eb(eb.fn('lower', ['la_child_id']), '=', laChildId.toLowerCase()))
    .executeTakeFirst()
  return row !== undefined
}

export class LaChildIdTakenError extends Error {
  override name = 'LaChildIdTakenError'
}

const detailColumns = (details: ChildDetails) => ({
  first_name: details.firstName,
  last_name: details.lastName,
  preferred_name: details.preferredName,
  date_of_birth: details.dateOfBirth,
  expected_date_of_birth: details.expectedDateOfBirth,
  sex: details.sex,
  ethnicity: details.ethnicity,
  upn: details.upn,
  upn_unknown_reason: details.upnUnknownReason,
  disabilities: details.disabilities,
  languages: details.languages,
  uasc: details.uasc,
  home_postcode: details.homePostcode,
})

/**
 * Adds a child. The child is allocated (a social worker allocation from today) to the adding
 * user's first team and to them, so they can open the record they have just made; a user in no
 * team names the team, and the child is allocated to that team without a worker.
 */
export async function recordNewChild(
  db: Db,
  user: SignedInUser,
  input: { details: ChildDetails; laChildId?: string | undefined; teamId?: number | undefined },
  ip: string,
): Promise<{ childId: number; laChildId: string }> {
  const today = todayInLondon()
  const problems = childDetailsProblems(input.details, today)
  if (problems.length > 0) throw new InvalidChildDetailsError(problems)
  const ownTeam = user.teamIds[0] ?? user.managedTeamIds[0]
  const teamId = ownTeam ?? input.teamId
  if (teamId === undefined) throw new InvalidChildDetailsError([{ field: 'allocationTeam', message: 'Select a team' }])
  return db.transaction().execute(async (trx) => {
    const team = await trx
      .selectFrom('team')
      .select('id')
      .where('council_id', '=', user.councilId)
      .where('id', '=', teamId)
      .executeTakeFirst()
    if (team === undefined) throw new InvalidChildDetailsError([{ field: 'allocationTeam', message: 'Select a team' }])
    let laChildId = input.laChildId ?? ''
    if (laChildId !== '') {
      if (await laChildIdTaken(trx, user.councilId, laChildId)) throw new LaChildIdTakenError(laChildId)
    } else {
      do laChildId = generateLaChildId()
      while (await laChildIdTaken(trx, user.councilId, laChildId))
    }
    const child = await trx
      .insertInto('child')
      .values({
        council_id: user.councilId,
        la_child_id: laChildId,
        ...detailColumns(input.details),
        date_of_death: null,
        former_upn: null,
        uasc_ceased_date: null,
        restriction: null,
        restriction_reason: null,
        merged_into_child_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const allocation = await trx
      .insertInto('worker_allocation')
      .values({
        council_id: user.councilId,
        child_id: child.id,
        allocation_role: 'social_worker',
        team_id: teamId,
        user_id: ownTeam === undefined ? null : user.id,
        start_date: today,
        end_date: null,
        reason_for_change: null,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'create',
      entity: 'child',
      entityId: child.id,
      childId: child.id,
      route: 'POST /children/new/check',
      ip,
      detail: {
        fields: Object.keys(detailColumns(input.details)),
        laChildIdGenerated: (input.laChildId ?? '') === '',
        allocationId: allocation.id,
        teamId,
      },
    })
    return { childId: child.id, laChildId }
  })
}

const SEX_LABELS = { M: 'Male', F: 'Female', U: 'Not known' } as const

/** The child's details as label → text, for check-your-answers and the conflict page. */
export function describeChildDetails(details: ChildDetails): Record<string, string> {
  const ukDate = (iso: string | null) =>
    iso === null
      ? ''
      : new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
          new Date(`${iso}T00:00:00Z`),
        )
  return {
    'First name': details.firstName,
    'Last name': details.lastName,
    'Preferred name': details.preferredName ?? '',
    'Date of birth':
      details.dateOfBirth !== null
        ? ukDate(details.dateOfBirth)
        : `Not born yet: expected ${ukDate(details.expectedDateOfBirth)}`,
    Sex: SEX_LABELS[details.sex],
    Ethnicity: codeLabel('ETHNIC', details.ethnicity) ?? details.ethnicity,
    'Unique pupil number (UPN)':
      details.upn ??
      `Not known: ${details.upnUnknownReason === null ? '' : (codeLabel('UPNunknown', details.upnUnknownReason) ?? details.upnUnknownReason)}`,
    Disabilities:
      details.disabilities.length === 0
        ? 'None recorded'
        : details.disabilities.map((code) => codeLabel('Disability', code) ?? code).join(', '),
    'Unaccompanied asylum-seeking child': details.uasc ? 'Yes' : 'No',
    'Home postcode': details.homePostcode ?? 'Not recorded',
    Languages: details.languages.length === 0 ? 'Not recorded' : details.languages.join(', '),
  }
}

/** A stored child row as ChildDetails. */
export function childDetailsOf(row: {
  first_name: string
  last_name: string
  preferred_name: string | null
  date_of_birth: string | null
  expected_date_of_birth: string | null
  sex: 'M' | 'F' | 'U'
  ethnicity: string
  upn: string | null
  upn_unknown_reason: string | null
  disabilities: string[]
  languages: string[]
  uasc: boolean
  home_postcode: string | null
}): ChildDetails {
  return {
    firstName: row.first_name,
    lastName: row.last_name,
    preferredName: row.preferred_name,
    dateOfBirth: row.date_of_birth,
    expectedDateOfBirth: row.expected_date_of_birth,
    sex: row.sex,
    ethnicity: row.ethnicity,
    upn: row.upn,
    upnUnknownReason: row.upn_unknown_reason,
    disabilities: row.disabilities,
    languages: row.languages,
    uasc: row.uasc,
    homePostcode: row.home_postcode,
  }
}

/**
 * Changes the child's details, only if nobody has saved the record since the user opened it
 * (otherwise ConflictError: the conflict page shows both versions and nothing is written).
 */
export async function changeChildDetails(
  db: Db,
  user: SignedInUser,
  childId: number,
  change: { details: ChildDetails; version: number },
  ip: string,
  /** Runs inside the transaction after the change (e.g. statutory return checks); throwing rolls it back. */
  afterSave?: (trx: Transaction<Database>) => Promise<void>,
): Promise<void> {
  const problems = childDetailsProblems(change.details, todayInLondon())
  if (problems.length > 0) throw new InvalidChildDetailsError(problems)
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('child')
      .selectAll()
      .where('council_id', '=', user.councilId)
      .where('id', '=', childId)
      .executeTakeFirstOrThrow()
    if (before.merged_into_child_id !== null) {
      throw new ConflictError(
        'This record has been merged into another',
        {},
        {},
        `/children/${before.merged_into_child_id}/edit`,
      )
    }
    const columns = detailColumns(change.details)
    await updateVersioned(trx, 'child', { councilId: user.councilId, id: childId }, change.version, columns, {
      returnTo: `/children/${childId}/edit`,
      yours: describeChildDetails(change.details),
      describe: (row) => describeChildDetails(childDetailsOf(row as Parameters<typeof childDetailsOf>[0])),
    })
    const changed = Object.entries(columns)
      .filter(([column, value]) => JSON.stringify(before[column as keyof typeof before]) !== JSON.stringify(value))
      .map(([column]) => column)
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'update',
      entity: 'child',
      entityId: childId,
      childId,
      route: 'POST /children/:childId/edit',
      ip,
      detail: { fields: changed, version: change.version + 1 },
    })
    await afterSave?.(trx)
  })
}
