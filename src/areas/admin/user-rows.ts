import { ROLE_LABELS } from '../../web/permissions.js'
import { formatAuditTime } from '../audit/audit-view.js'
import type { CouncilUser } from './users.js'

export interface UserRowView {
  id: number
  name: string
  email: string
  role: string
  teams: string
  status: string
  locked: boolean
  lockedUntil: string
  lastSignIn: string
}

/** Shapes the council's users for the list: labels, team names and lock-out state worked out here, not in the template. */
export function userRows(users: CouncilUser[], now: Date = new Date()): UserRowView[] {
  return users.map((user) => {
    const locked = user.lockedUntil !== null && user.lockedUntil.getTime() > now.getTime()
    return {
      id: user.id,
      name: user.displayName,
      email: user.email,
      role: ROLE_LABELS[user.role] ?? user.role,
      teams:
        user.teams.length === 0
          ? 'None'
          : user.teams.map((team) => (team.relation === 'manager' ? `${team.name} (manager)` : team.name)).join(', '),
      status: user.active ? 'Active' : 'Deactivated',
      locked,
      lockedUntil: locked && user.lockedUntil !== null ? formatAuditTime(user.lockedUntil) : 'Not locked',
      lastSignIn: user.lastSignInAt === null ? 'Never' : formatAuditTime(user.lastSignInAt),
    }
  })
}
