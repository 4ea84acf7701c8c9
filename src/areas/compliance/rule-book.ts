import type { Db } from '../../db/database.js'
import type { TimescaleUnit } from '../../db/tables/compliance.js'
import { addPeriod, englandAndWalesCalendar, type IsoDate, type WorkingDayCalendar } from './calendar.js'

/**
 * A council's rule book: every timescale rule's limit on a given date, the council's own
 * (council_timescale, the latest row on or before the date) or else the national one. The SQL twin is
 * the compliance_due() function in migration 0007.
 */
export interface NationalRule {
  id: string
  name: string
  source: string
  statutoryStatus: string
  timeLimit: number | null
  unit: TimescaleUnit
  active: boolean
}

export interface LocalRule {
  ruleId: string
  effectiveFrom: IsoDate
  timeLimit: number | null
  unit: TimescaleUnit | null
  enabled: boolean
}

export interface Limit {
  timeLimit: number
  unit: Exclude<TimescaleUnit, 'none' | 'as_soon_as_possible'>
}

const hasLimit = (unit: TimescaleUnit | null): unit is Limit['unit'] =>
  unit !== null && unit !== 'none' && unit !== 'as_soon_as_possible'

export class RuleBook {
  private readonly national: ReadonlyMap<string, NationalRule>
  private readonly local: ReadonlyMap<string, LocalRule[]>

  constructor(
    national: readonly NationalRule[],
    local: readonly LocalRule[],
    readonly calendar: WorkingDayCalendar = englandAndWalesCalendar(),
  ) {
    this.national = new Map(national.map((rule) => [rule.id, rule]))
    const byRule = new Map<string, LocalRule[]>()
    for (const row of local) byRule.set(row.ruleId, [...(byRule.get(row.ruleId) ?? []), row])
    for (const rows of byRule.values()) rows.sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))
    this.local = byRule
  }

  rule(id: string): NationalRule | undefined {
    return this.national.get(id)
  }

  /** The council's own row in force on a date, if any. */
  localRule(id: string, on: IsoDate): LocalRule | undefined {
    return this.local.get(id)?.find((row) => row.effectiveFrom <= on)
  }

  /** The limit that applies to a clock starting on `on`, or null when the rule is off or has no number. */
  limit(id: string, on: IsoDate): Limit | null {
    const national = this.national.get(id)
    if (national === undefined || !national.active) return null
    const local = this.localRule(id, on)
    if (local !== undefined && !local.enabled) return null
    if (local !== undefined && hasLimit(local.unit) && local.timeLimit !== null) {
      return { timeLimit: local.timeLimit, unit: local.unit }
    }
    return hasLimit(national.unit) && national.timeLimit !== null
      ? { timeLimit: national.timeLimit, unit: national.unit }
      : null
  }

  /** When a rule falls due if its clock starts on `from` (day 0), or null when it does not apply. */
  due(id: string, from: IsoDate): IsoDate | null {
    const limit = this.limit(id, from)
    return limit === null ? null : addPeriod(this.calendar, from, limit.timeLimit, limit.unit)
  }
}

export async function loadRuleBook(db: Db, councilId: number): Promise<RuleBook> {
  const national = await db
    .selectFrom('timescale_rule')
    .select(['id', 'name', 'source', 'statutory_status', 'time_limit', 'unit', 'active'])
    .execute()
  const local = await db
    .selectFrom('council_timescale')
    .select(['rule_id', 'effective_from', 'time_limit', 'unit', 'enabled'])
    .where('council_id', '=', councilId)
    .execute()
  return new RuleBook(
    national.map((rule) => ({
      id: rule.id,
      name: rule.name,
      source: rule.source,
      statutoryStatus: rule.statutory_status,
      timeLimit: rule.time_limit,
      unit: rule.unit,
      active: rule.active,
    })),
    local.map((row) => ({
      ruleId: row.rule_id,
      effectiveFrom: row.effective_from,
      timeLimit: row.time_limit,
      unit: row.unit,
      enabled: row.enabled,
    })),
  )
}
