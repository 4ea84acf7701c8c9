import type { Request } from 'express'
import type { Role } from '../db/tables/foundation.js'

/** The signed-in user as every handler and query sees them: identity, role and where they work. */
export interface SignedInUser {
  councilId: number
  councilName: string
  id: number
  email: string
  displayName: string
  role: Role
  /** Teams the user belongs to. */
  teamIds: number[]
  /** Teams the user manages (team managers; heads of service see the whole service). */
  managedTeamIds: number[]
  /** Council setting: whether workers see their team's children or only their own allocations. */
  workerScope: 'team' | 'allocated'
}

export interface SessionInfo {
  id: string
  councilId: number
  userId: number
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: SignedInUser
    sessionInfo?: SessionInfo
  }
  interface Locals {
    cspNonce: string
    csrfToken: string
  }
}

export function clientIp(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown'
}
