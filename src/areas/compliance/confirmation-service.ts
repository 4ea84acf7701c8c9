import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { NotFoundError } from '../../web/errors.js'
import { appendAudit } from '../audit/audit-log.js'
import { addCalendarMonths, londonDate, type IsoDate } from './calendar.js'
import { confirmationMinimumAge } from './council-settings.js'
import { confirmationSender, confirmationText, type ConfirmationChannel } from './confirmation-senders.js'
import { raiseDenialEscalation } from './escalations.js'
import { ComplianceRuleError } from './visit-service.js'

/**
 * A young person confirms (or denies) that a visit happened, with a one-time code.
 *
 * The code is 12 characters from Crockford's base 32 (no I, L, O or U), shown as ABCD-EFGH-JKMN: the
 * first 4 locate the request (the public page does not know the council), the other 8 are 40 secret
 * bits. Only an HMAC of the whole code, keyed with the server's secret, is stored, so a copy of the
 * database does not give the codes away. Each request allows MAX_ATTEMPTS wrong codes for its locator
 * before it stops working, the page is rate-limited per address, codes expire after CODE_DAYS, and
 * every failure gets the same answer, so the page cannot be used to find out whether a code exists.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const CODE_LENGTH = 12
export const LOCATOR_LENGTH = 4
export const MAX_ATTEMPTS = 5
export const CODE_DAYS = 7

export function generateCode(): string {
  let code = ''
  for (let index = 0; index < CODE_LENGTH; index++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return code
}

export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code
}

/** What a young person types, as Harbour stores it: case, spaces and dashes ignored; O read as 0, I and L as 1. */
export function normaliseCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
}

export function hashCode(secret: string, normalised: string): string {
  return createHmac('sha256', secret).update(`visit-confirmation:${normalised}`).digest('hex')
}

export interface IssuedConfirmation {
  id: number
  code: string
  expiresAt: Date
  text: string
}

/** Issues a code for a visit and sends it; any earlier unanswered code for the visit stops working. */
export async function issueConfirmation(
  db: Db,
  user: SignedInUser,
  childId: number,
  visitId: number,
  delivery: { channel: ConfirmationChannel; to: string },
  options: { secret: string; baseUrl: string },
  ip: string,
): Promise<IssuedConfirmation> {
  const visit = await db
    .selectFrom('visit as v')
    .innerJoin('child as c', (join) => join.onRef('c.council_id', '=', 'v.council_id').onRef('c.id', '=', 'v.child_id'))
    .select(['v.id', 'v.visit_date', 'v.child_seen', 'c.date_of_birth'])
    .where('v.council_id', '=', user.councilId)
    .where('v.child_id', '=', childId)
    .where('v.id', '=', visitId)
    .executeTakeFirst()
  if (visit === undefined) throw new NotFoundError()
  const { age } = await confirmationMinimumAge(db, user.councilId)
  if (!visit.child_seen)
    throw new ComplianceRuleError('channel', 'Only a visit at which the young person was seen can be confirmed')
  if (visit.date_of_birth === null || addCalendarMonths(visit.date_of_birth, age * 12) > visit.visit_date) {
    throw new ComplianceRuleError('channel', `Young people are asked to confirm visits from the age of ${age}`)
  }
  const answered = await db
    .selectFrom('visit_confirmation')
    .select('id')
    .where('council_id', '=', user.councilId)
    .where('visit_id', '=', visitId)
    .where('result', 'is not', null)
    .executeTakeFirst()
  if (answered !== undefined)
    throw new ComplianceRuleError('channel', 'The young person has already answered for this visit')

  const code = generateCode()
  const expiresAt = new Date(Date.now() + CODE_DAYS * 86_400_000)
  const link = `${options.baseUrl}/confirm`
  const text = confirmationText(formatCode(code), link, expiresAt)
  const sender = confirmationSender()
  const id = await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('visit_confirmation')
      .set({ expires_at: new Date(), version: sql<number>`version + 1`, updated_at: new Date() })
      .where('council_id', '=', user.councilId)
      .where('visit_id', '=', visitId)
      .where('result', 'is', null)
      .where('expires_at', '>', new Date())
      .execute()
    const row = await trx
      .insertInto('visit_confirmation')
      .values({
        council_id: user.councilId,
        child_id: childId,
        visit_id: visitId,
        code_hash: hashCode(options.secret, code),
        code_locator: code.slice(0, LOCATOR_LENGTH),
        sent_via: `${delivery.channel}:${sender.name}`,
        expires_at: expiresAt,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'create',
      entity: 'visit_confirmation',
      entityId: row.id,
      childId,
      route: 'POST /children/:childId/visits/:visitId/confirmation',
      ip,
      detail: { visitId, channel: delivery.channel, sender: sender.name },
    })
    // Sent inside the transaction: if sending fails, no code is left waiting that nobody received.
    await sender.send({ channel: delivery.channel, to: delivery.to, code: formatCode(code), link, expiresAt, text })
    return row.id
  })
  return { id, code: formatCode(code), expiresAt, text }
}

export interface OpenConfirmation {
  id: number
  councilId: number
  childId: number
  visitDate: IsoDate
}

/**
 * Finds the request a typed code belongs to, or undefined. Every candidate with the code's locator is
 * compared in constant time; a wrong code counts as an attempt against each of them.
 */
export async function findOpenConfirmation(
  db: Db,
  secret: string,
  typed: string,
): Promise<OpenConfirmation | undefined> {
  const code = normaliseCode(typed)
  const wellFormed = code.length === CODE_LENGTH && [...code].every((char) => CODE_ALPHABET.includes(char))
  const given = Buffer.from(hashCode(secret, wellFormed ? code : 'not-a-code'), 'hex')
  if (!wellFormed) {
    // Same work as a real comparison, so a malformed code takes as long as a wrong one.
    timingSafeEqual(given, Buffer.from(hashCode(secret, 'X'.repeat(CODE_LENGTH)), 'hex'))
    return undefined
  }
  const candidates = await db
    .selectFrom('visit_confirmation as vc')
    .innerJoin('visit as v', (join) =>
      join.onRef('v.council_id', '=', 'vc.council_id').onRef('v.id', '=', 'vc.visit_id'),
    )
    .select([
      'vc.id',
      'vc.council_id',
      'vc.child_id',
      'vc.code_hash',
      'vc.expires_at',
      'vc.attempts',
      'vc.result',
      'v.visit_date',
    ])
    .where('vc.code_locator', '=', code.slice(0, LOCATOR_LENGTH))
    .limit(20)
    .execute()
  let match: (typeof candidates)[number] | undefined
  for (const candidate of candidates) {
    if (timingSafeEqual(given, Buffer.from(candidate.code_hash, 'hex'))) match = candidate
  }
  if (match === undefined) {
    const open = candidates.filter((candidate) => candidate.result === null)
    for (const candidate of open) {
      await db
        .updateTable('visit_confirmation')
        .set({ attempts: sql<number>`attempts + 1` })
        .where('council_id', '=', candidate.council_id)
        .where('id', '=', candidate.id)
        .execute()
    }
    return undefined
  }
  if (match.result !== null || match.attempts >= MAX_ATTEMPTS || match.expires_at.getTime() <= Date.now())
    return undefined
  return { id: match.id, councilId: match.council_id, childId: match.child_id, visitDate: match.visit_date }
}

export interface ConfirmationAnswer {
  answer: 'confirm' | 'deny'
  rating: number | null
  comment: string | null
}

/** Records the young person's answer once; a denial raises an escalation to the team manager. */
export async function answerConfirmation(
  db: Db,
  confirmation: OpenConfirmation,
  answer: ConfirmationAnswer,
  ip: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('visit_confirmation')
      .set({
        result: answer.answer,
        rating: answer.rating,
        comment: answer.comment,
        responded_at: new Date(),
        version: sql<number>`version + 1`,
        updated_at: new Date(),
      })
      .where('council_id', '=', confirmation.councilId)
      .where('id', '=', confirmation.id)
      .where('result', 'is', null)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) return false
    const escalationId =
      answer.answer === 'deny'
        ? await raiseDenialEscalation(
            trx,
            confirmation.councilId,
            confirmation.childId,
            confirmation.visitDate,
            confirmation.id,
          )
        : null
    await appendAudit(trx, {
      councilId: confirmation.councilId,
      userId: null,
      userRole: null,
      action: 'update',
      entity: 'visit_confirmation',
      entityId: confirmation.id,
      childId: confirmation.childId,
      route: 'POST /confirm/answer',
      ip,
      detail: {
        answeredBy: 'young_person',
        result: answer.answer,
        rated: answer.rating !== null,
        commented: answer.comment !== null,
        escalationId,
      },
    })
    return true
  })
}

/** What a worker sees beside a visit. */
export async function confirmationsForVisits(db: Db, councilId: number, visitIds: readonly number[]) {
  if (visitIds.length === 0)
    return new Map<number, { status: string; rating: number | null; comment: string | null; at: IsoDate | null }>()
  const rows = await db
    .selectFrom('visit_confirmation')
    .select(['visit_id', 'result', 'rating', 'comment', 'responded_at', 'expires_at', 'attempts', 'created_at'])
    .where('council_id', '=', councilId)
    .where('visit_id', 'in', [...visitIds])
    .orderBy('created_at', 'asc')
    .execute()
  const latest = new Map<
    number,
    { status: string; rating: number | null; comment: string | null; at: IsoDate | null }
  >()
  for (const row of rows) {
    const status =
      row.result === 'confirm'
        ? 'confirmed'
        : row.result === 'deny'
          ? 'denied'
          : row.expires_at.getTime() <= Date.now() || row.attempts >= MAX_ATTEMPTS
            ? 'expired'
            : 'waiting'
    const previous = latest.get(row.visit_id)
    // An answer always wins over a later code that was never used.
    if (previous !== undefined && (previous.status === 'confirmed' || previous.status === 'denied')) continue
    latest.set(row.visit_id, {
      status,
      rating: row.rating,
      comment: row.comment,
      at: row.responded_at === null ? null : londonDate(row.responded_at),
    })
  }
  return latest
}
