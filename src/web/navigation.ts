import type { SignedInUser } from './context.js'
import { roleHas, type Permission } from './permissions.js'

const ITEMS: { text: string; href: string; permission: Permission }[] = [
  { text: 'Home', href: '/', permission: 'signed-in' },
  { text: 'Find a child', href: '/children', permission: 'child:read' },
  { text: 'Work tray', href: '/work', permission: 'child:read' },
  { text: 'Care leavers', href: '/care-leavers', permission: 'child:read' },
  { text: 'Figures', href: '/figures', permission: 'figures:read' },
  { text: 'Returns', href: '/returns', permission: 'returns:manage' },
  { text: 'Users', href: '/admin/users', permission: 'users:manage' },
  { text: 'Benchmarks', href: '/admin/benchmarks', permission: 'settings:manage' },
  { text: 'Audit log', href: '/admin/audit', permission: 'audit:read' },
]

/** The service navigation for a user: only what their role can open, with the current section marked. */
export function navigationFor(user: SignedInUser | undefined, currentPath: string) {
  if (user === undefined) return []
  return ITEMS.filter((item) => roleHas(user.role, item.permission)).map((item) => ({
    text: item.text,
    href: item.href,
    active: item.href === '/' ? currentPath === '/' : currentPath.startsWith(item.href),
  }))
}
