import type { Role } from '../db/tables/foundation.js'

/**
 * What a route may require. 'public' and 'signed-in' are the only ones not tied to a role;
 * every other permission is granted to roles below, in one table that can be read at a glance.
 */
export const PERMISSIONS = [
  'public',
  'signed-in',
  /** Open and search children's records (the data layer still limits which children). */
  'child:read',
  /** Record and change things on a child's record. */
  'child:write',
  /** Authorise assessments, close plans, change allocations. */
  'child:manage',
  /** Restrict a record and name who may see it. */
  'child:restrict',
  /** Aggregate figures: counts and rates, never a child-level row. */
  'figures:read',
  /** Drill from a figure to the children behind it (scoped). */
  'figures:drill',
  /** Write the explanation stored beside a figure. */
  'figures:explain',
  /** Set an indicator's target for a year. */
  'figures:target',
  'returns:manage',
  'audit:read',
  'users:manage',
  'settings:manage',
] as const

export type Permission = (typeof PERMISSIONS)[number]

const CASEWORK: Permission[] = ['signed-in', 'child:read', 'child:write', 'figures:read', 'figures:drill']

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  social_worker: CASEWORK,
  personal_adviser: CASEWORK,
  independent_reviewing_officer: CASEWORK,
  team_manager: [...CASEWORK, 'child:manage', 'figures:explain'],
  head_of_service: [
    ...CASEWORK,
    'child:manage',
    'child:restrict',
    'settings:manage',
    'figures:explain',
    'figures:target',
  ],
  performance_officer: [
    'signed-in',
    'child:read',
    'figures:read',
    'figures:drill',
    'figures:explain',
    'returns:manage',
  ],
  councillor: ['signed-in', 'figures:read'],
  administrator: ['signed-in', 'audit:read', 'users:manage', 'settings:manage'],
}

export const ROLES = Object.keys(ROLE_PERMISSIONS) as Role[]

export const ROLE_LABELS: Record<Role, string> = {
  social_worker: 'Social worker',
  personal_adviser: 'Personal adviser',
  team_manager: 'Team manager',
  independent_reviewing_officer: 'Independent reviewing officer',
  head_of_service: 'Head of service',
  performance_officer: 'Performance officer',
  councillor: 'Councillor',
  administrator: 'Administrator',
}

export function roleHas(role: Role | undefined, permission: Permission): boolean {
  if (permission === 'public') return true
  if (role === undefined) return false
  return ROLE_PERMISSIONS[role].includes(permission)
}
