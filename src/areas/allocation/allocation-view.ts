import type { AllocationRole } from '../../db/tables/foundation.js'
import { formatUkDate } from '../../web/nunjucks.js'
import { codeLabel } from '../codes/code-lists.js'
import { ALLOCATION_ROLES, allocationRoleLabel } from '../chronology/labels.js'
import type { AllocationRow } from './queries.js'

export interface CurrentAllocationView {
  role: AllocationRole
  roleLabel: string
  /** The worker's name, or null when the case is held by a team with no worker yet. */
  worker: string | null
  team: string | null
  since: string | null
  allocated: boolean
  unallocated: boolean
}

/** The current holder of each role; a role with no open allocation is shown as not allocated. */
export function currentAllocations(history: readonly AllocationRow[]): CurrentAllocationView[] {
  return ALLOCATION_ROLES.map(({ value, label }) => {
    const current = history.find((row) => row.allocation_role === value && row.end_date === null)
    return {
      role: value,
      roleLabel: label,
      worker: current?.worker_name ?? null,
      team: current?.team_name ?? null,
      since: current === undefined ? null : formatUkDate(current.start_date),
      allocated: current !== undefined,
      unallocated: current !== undefined && current.user_id === null,
    }
  })
}

export function reasonForChangeText(code: string | null): string {
  if (code === null) return ''
  const label = codeLabel('SW_REASON', code)
  return label === undefined ? code : label
}

/** Rows of the history table, newest first, in govukTable's shape. */
export function historyRows(history: readonly AllocationRow[]) {
  return history.map((row) => [
    { text: allocationRoleLabel(row.allocation_role) },
    { text: row.worker_name ?? 'No worker (team only)' },
    { text: row.team_name },
    { text: formatUkDate(row.start_date) },
    { text: row.end_date === null ? 'Current' : formatUkDate(row.end_date) },
    { text: row.end_date === null ? '' : reasonForChangeText(row.reason_for_change) || 'Not recorded' },
  ])
}
