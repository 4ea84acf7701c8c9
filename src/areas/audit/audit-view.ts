import type { Role } from '../../db/tables/foundation.js'
import { ROLE_LABELS } from '../../web/permissions.js'
import type { ChildAuditRow } from './child-audit.js'

/** What each action means to someone reading the trail. */
export const ACTION_LABELS: Record<string, string> = {
  read: 'Opened',
  denied: 'Refused access',
  create: 'Added',
  update: 'Changed',
  delete: 'Deleted',
  export: 'Exported',
  search: 'Searched',
  merge: 'Merged',
  'sign-in': 'Signed in',
  'sign-out': 'Signed out',
}

/** What was touched, in the service's words; unknown entities fall back to their table name. */
export const ENTITY_LABELS: Record<string, string> = {
  child: 'Child’s record',
  child_access_grant: 'Who can see the record',
  audit_event: 'Audit log of the record',
  user_account: 'User account',
}

export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action
export const entityLabel = (entity: string) => ENTITY_LABELS[entity] ?? entity.replaceAll('_', ' ')
export const roleLabel = (role: string | null) => (role === null ? '' : (ROLE_LABELS[role as Role] ?? role))
export const whoLabel = (row: Pick<ChildAuditRow, 'user_id' | 'display_name'>) =>
  row.user_id === null ? 'Harbour (automatic)' : (row.display_name ?? `User ${row.user_id}`)

const londonParts = (date: Date) =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>

/** '22 Nov 2026, 2:03:15pm': UK time, to the second, because the order of looks matters. */
export function formatAuditTime(date: Date): string {
  const day = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(date)
  const { hour, minute, second } = londonParts(date)
  const h = Number(hour)
  return `${day}, ${h % 12 === 0 ? 12 : h % 12}:${minute}:${second}${h < 12 ? 'am' : 'pm'}`
}

/** '2026-11-22 14:03:15' in UK time: sorts and parses in a spreadsheet. */
export function spreadsheetTime(date: Date): string {
  const p = londonParts(date)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`
}

type TableCell = { text: string } | { html: string }

/** Rows for govukTable. Refusals carry a red tag so they stand out in a long list of opens. */
export function auditTableRows(rows: ChildAuditRow[]): TableCell[][] {
  return rows.map((row) => [
    { text: formatAuditTime(row.occurred_at) },
    { text: whoLabel(row) },
    { text: roleLabel(row.user_role) },
    row.action === 'denied'
      ? { html: '<strong class="govuk-tag govuk-tag--red">Refused access</strong>' }
      : { text: actionLabel(row.action) },
    { text: entityLabel(row.entity) },
    { text: row.route ?? '' },
    { text: row.ip ?? '' },
  ])
}

export const CSV_COLUMNS = [
  { key: 'seq', header: 'Audit seq' },
  { key: 'occurredAt', header: 'When (UTC)' },
  { key: 'ukTime', header: 'When (UK time)' },
  { key: 'userId', header: 'User ID' },
  { key: 'name', header: 'Name' },
  { key: 'role', header: 'Role' },
  { key: 'action', header: 'Action' },
  { key: 'entity', header: 'What' },
  { key: 'entityId', header: 'Record ID' },
  { key: 'route', header: 'Route' },
  { key: 'ip', header: 'From (IP address)' },
] as const

export type CsvRecord = Record<(typeof CSV_COLUMNS)[number]['key'], string | number>

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula, and
 * names are typed by people: such cells get a leading apostrophe (OWASP's advice on CSV injection).
 */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

export function auditCsvRecord(row: ChildAuditRow): CsvRecord {
  return {
    seq: row.seq,
    occurredAt: row.occurred_at.toISOString(),
    ukTime: spreadsheetTime(row.occurred_at),
    userId: row.user_id ?? '',
    name: safeCell(whoLabel(row)),
    role: safeCell(roleLabel(row.user_role)),
    action: row.action,
    entity: safeCell(row.entity),
    entityId: safeCell(row.entity_id ?? ''),
    route: safeCell(row.route ?? ''),
    ip: safeCell(row.ip ?? ''),
  }
}

export interface PaginationView {
  previous?: { href: string }
  next?: { href: string }
  items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[]
}

/** govukPagination's options: first, last and the pages either side of the current one. */
export function paginationFor(
  page: number,
  totalPages: number,
  href: (page: number) => string,
): PaginationView | undefined {
  if (totalPages <= 1) return undefined
  const shown = [...new Set([1, page - 1, page, page + 1, totalPages])]
    .filter((n) => n >= 1 && n <= totalPages)
    .sort((a, b) => a - b)
  const items: PaginationView['items'] = []
  shown.forEach((number, index) => {
    const before = shown[index - 1]
    if (before !== undefined && number - before > 1) items.push({ ellipsis: true })
    items.push({ number, href: href(number), current: number === page })
  })
  return {
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < totalPages ? { next: { href: href(page + 1) } } : {}),
    items,
  }
}
