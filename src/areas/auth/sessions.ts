import { createHash, randomBytes } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import { parse as parseCookies } from 'cookie'
import type { Config } from '../../config.js'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'

/**
 * Sessions live in the database (user_session). The cookie holds `councilId.token`; only a SHA-256
 * of the token is stored, so a copy of the database cannot be used to hijack a session.
 */
export function sessionCookieName(config: Config): string {
  return config.session.secureCookies ? '__Host-harbour-session' : 'harbour-session'
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export async function createSession(
  db: Db,
  config: Config,
  response: Response,
  user: { councilId: number; id: number },
  ip: string,
): Promise<void> {
  const token = randomBytes(32).toString('base64url')
  const now = Date.now()
  await db
    .insertInto('user_session')
    .values({
      council_id: user.councilId,
      id: hashToken(token),
      user_id: user.id,
      csrf_token: randomBytes(32).toString('base64url'),
      expires_at: new Date(now + config.session.absoluteHours * 3_600_000),
      ip,
    })
    .execute()
  response.cookie(sessionCookieName(config), `${user.councilId}.${token}`, {
    httpOnly: true,
    secure: config.session.secureCookies,
    sameSite: 'lax',
    path: '/',
  })
}

function readSessionCookie(request: Request, config: Config): { councilId: number; id: string } | undefined {
  const raw = parseCookies(request.headers.cookie ?? '')[sessionCookieName(config)]
  if (raw === undefined) return undefined
  const [council, token] = raw.split('.')
  const councilId = Number(council)
  if (!Number.isSafeInteger(councilId) || token === undefined || token.length < 20) return undefined
  return { councilId, id: hashToken(token) }
}

export async function destroySession(db: Db, config: Config, request: Request, response: Response): Promise<void> {
  const cookie = readSessionCookie(request, config)
  if (cookie !== undefined) {
    await db.deleteFrom('user_session').where('council_id', '=', cookie.councilId).where('id', '=', cookie.id).execute()
  }
  response.clearCookie(sessionCookieName(config), { path: '/', secure: config.session.secureCookies, httpOnly: true })
}

export async function loadSignedInUser(db: Db, councilId: number, userId: number): Promise<SignedInUser | undefined> {
  const row = await db
    .selectFrom('user_account as u')
    .innerJoin('council as c', 'c.id', 'u.council_id')
    .select([
      'u.council_id',
      'u.id',
      'u.email',
      'u.display_name',
      'u.role',
      'u.active',
      'c.name as council_name',
      'c.worker_scope',
    ])
    .where('u.council_id', '=', councilId)
    .where('u.id', '=', userId)
    .executeTakeFirst()
  if (row === undefined || !row.active) return undefined
  const teams = await db
    .selectFrom('team_member')
    .select(['team_id', 'relation'])
    .where('council_id', '=', councilId)
    .where('user_id', '=', userId)
    .execute()
  return {
    councilId: row.council_id,
    councilName: row.council_name,
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    teamIds: teams.filter((team) => team.relation === 'member').map((team) => team.team_id),
    managedTeamIds: teams.filter((team) => team.relation === 'manager').map((team) => team.team_id),
    workerScope: row.worker_scope,
  }
}

/**
 * Reads the session cookie on every request. An idle or expired session is deleted and the user is
 * treated as signed out; the sign-in page then says why.
 */
export function sessionMiddleware(db: Db, config: Config) {
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    try {
      const cookie = readSessionCookie(request, config)
      if (cookie === undefined) return next()
      const session = await db
        .selectFrom('user_session')
        .selectAll()
        .where('council_id', '=', cookie.councilId)
        .where('id', '=', cookie.id)
        .executeTakeFirst()
      const now = Date.now()
      const idleLimit = config.session.idleMinutes * 60_000
      if (
        session === undefined ||
        session.expires_at.getTime() <= now ||
        session.last_seen_at.getTime() + idleLimit <= now
      ) {
        if (session !== undefined) {
          await db
            .deleteFrom('user_session')
            .where('council_id', '=', session.council_id)
            .where('id', '=', session.id)
            .execute()
        }
        response.clearCookie(sessionCookieName(config), {
          path: '/',
          secure: config.session.secureCookies,
          httpOnly: true,
        })
        response.locals.sessionExpired = true
        return next()
      }
      const user = await loadSignedInUser(db, session.council_id, session.user_id)
      if (user === undefined) return next()
      // Touch at most once a minute: enough for the idle timeout, without a write per request.
      if (now - session.last_seen_at.getTime() > 60_000) {
        await db
          .updateTable('user_session')
          .set({ last_seen_at: new Date(now) })
          .where('council_id', '=', session.council_id)
          .where('id', '=', session.id)
          .execute()
      }
      request.user = user
      request.sessionInfo = { id: session.id, councilId: session.council_id, userId: session.user_id }
      next()
    } catch (error) {
      next(error)
    }
  }
}
