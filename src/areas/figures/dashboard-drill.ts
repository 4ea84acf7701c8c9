import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { auditRead } from '../audit/audit-log.js'
import { scopedChildren } from '../children/child-access.js'
import { formatValue, longMonth } from './charts/format.js'
import type { TableCell } from './dashboard-view.js'
import { cohortMembers, computeFigures } from './engine.js'
import type { IndicatorDefinition } from './indicators/types.js'
import { periodEnding, periodLabel } from './periods.js'

export type DrillPart = 'numerator' | 'denominator'

export interface DrillDownResult {
  periodText: string
  periodEndText: string
  /** Rows listed (members of the part, in the user's scope). */
  listed: number
  /** The figure's own count for the part, across the whole council. */
  total: number
  narrower: boolean
  listedText: string
  totalText: string
  /** 'children', or 'records' where the figure counts events (referrals, plans…) rather than children. */
  noun: string
  head: TableCell[]
  rows: TableCell[][]
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')
}

/**
 * The children behind a figure: the numerator or the denominator, only those in the user's scope
 * (the engine's cohortMembers applies childScopeCondition), each linking to the child's record. One
 * audit row records the listing with every child id shown (ids only, never names).
 */
export async function drillDown(
  db: Db,
  user: SignedInUser,
  def: IndicatorDefinition,
  periodEnd: string,
  part: DrillPart,
  ip: string,
): Promise<DrillDownResult> {
  const period = periodEnding(def.periodType, periodEnd)
  const members = (await cohortMembers(db, def, user.councilId, period, user)).filter((member) =>
    part === 'numerator' ? member.inNumerator : member.inDenominator,
  )
  const [figure] = await computeFigures(db, def, user.councilId, [period])
  const total = figure === undefined ? 0 : part === 'numerator' ? figure.numerator : figure.denominator
  const childIds = [...new Set(members.map((member) => member.childId))].sort((a, b) => a - b)
  const names = new Map<number, string>()
  if (childIds.length > 0) {
    for (let start = 0; start < childIds.length; start += 1000) {
      const rows = await scopedChildren(db, user)
        .select(['child.id', 'child.first_name', 'child.last_name'])
        .where('child.id', 'in', childIds.slice(start, start + 1000))
        .execute()
      for (const row of rows) names.set(Number(row.id), `${row.first_name} ${row.last_name}`)
    }
  }
  await auditRead(db, {
    councilId: user.councilId,
    userId: user.id,
    userRole: user.role,
    action: 'read',
    entity: 'figure_drill_down',
    entityId: def.id,
    route: 'GET /figures/indicators/:indicatorId/children',
    ip,
    detail: { indicatorId: def.id, periodEnd: period.end, part, childIds },
  })
  const eventBased = members.some((member) => member.subjectId !== String(member.childId))
  const showValue = def.aggregation === 'mean' || def.aggregation === 'ratio'
  const head: TableCell[] = [
    { text: 'Child' },
    { text: 'Child ID' },
    ...(eventBased ? [{ text: 'Record counted' }] : []),
    ...(part === 'denominator' ? [{ text: 'Counted in the figure' }] : []),
    ...(showValue ? [{ text: 'Value', format: 'numeric' as const }] : []),
  ]
  const rows = members.map((member): TableCell[] => [
    {
      html: `<a class="govuk-link" href="/children/${member.childId}">${escapeHtml(names.get(member.childId) ?? `Child ${member.laChildId}`)}</a>`,
    },
    { text: member.laChildId },
    ...(eventBased ? [{ text: member.subjectId }] : []),
    ...(part === 'denominator' ? [{ text: member.inNumerator ? 'Yes' : 'No' }] : []),
    ...(showValue
      ? [{ text: member.value === null ? '' : formatValue(member.value, def.unit), format: 'numeric' as const }]
      : []),
  ])
  return {
    periodText: periodLabel(period),
    periodEndText: longMonth(period.end),
    listed: members.length,
    total,
    narrower: members.length !== total,
    listedText: members.length.toLocaleString('en-GB'),
    totalText: total.toLocaleString('en-GB'),
    noun: eventBased ? 'records' : 'children',
    head,
    rows,
  }
}
