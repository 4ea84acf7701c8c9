import { sql, type Insertable } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'

export type TableName = Extract<keyof Database, string>
export type Row<T extends TableName> = Insertable<Database[T]>

/**
 * Tables in foreign-key order: a flush writes them in this order, so a row is always inserted in the
 * same flush as (or after) the rows it points at.
 */
export const TABLE_ORDER = [
  'council',
  'council_population',
  'team',
  'user_account',
  'team_member',
  'social_worker_registration',
  'post',
  'post_holder',
  'vacancy',
  'provider',
  'provider_capacity',
  'foster_household',
  'person',
  'foster_carer',
  'child',
  'child_access_grant',
  'child_relationship',
  'sibling_group',
  'sibling_group_member',
  'worker_allocation',
  'contact',
  'referral',
  'assessment',
  'strategy_discussion',
  'section47_enquiry',
  'cp_plan',
  'cp_conference',
  'cin_plan',
  'cin_plan_review',
  'period_of_care',
  'placement',
  'placement_cost',
  'looked_after_episode',
  'looked_after_review',
  'missing_episode',
  'uasc_detail',
  'health_assessment',
  'dental_check',
  'personal_education_plan',
  'sdq_assessment',
  'oc2_outcome',
  'oc3_outcome',
  'adoption_decision',
  'adoption',
  'previous_permanence',
  'case_note',
  'visit',
  'missed_visit',
  'escalation_step',
  'escalation',
  'responsible_authority_elsewhere',
  'pathway_needs_assessment',
  'pathway_plan',
  'pathway_goal',
  'pathway_review',
  'keeping_in_touch_contact',
  'care_leaver_accommodation',
  'care_leaver_activity',
  'staying_arrangement',
  'support_request',
  'supervision',
  'council_setting',
  'indicator_target',
  'indicator_explanation',
  'improvement_action',
  'improvement_action_update',
  'committee_meeting',
  'committee_resolution',
] as const satisfies readonly TableName[]

export type GeneratedTable = (typeof TABLE_ORDER)[number]

/** PostgreSQL takes at most 65,535 bind parameters in one statement. */
const MAX_PARAMETERS = 60_000
const MAX_ROWS_PER_STATEMENT = 1_000

/**
 * Buffers rows per table and writes them as multi-row inserts once enough have built up, so memory
 * holds at most a few thousand rows whatever the size of the council.
 */
export class BatchWriter {
  private readonly buffers = new Map<GeneratedTable, object[]>()
  private buffered = 0
  readonly counts: Partial<Record<GeneratedTable, number>> = {}
  /** Milliseconds spent inserting into each table (for the benchmark). */
  readonly insertMs: Partial<Record<GeneratedTable, number>> = {}

  constructor(
    private readonly db: Db,
    private readonly flushAt = 5_000,
  ) {}

  add<T extends GeneratedTable>(table: T, row: Row<T>): void {
    let buffer = this.buffers.get(table)
    if (buffer === undefined) {
      buffer = []
      this.buffers.set(table, buffer)
    }
    buffer.push(row)
    this.buffered++
    this.counts[table] = (this.counts[table] ?? 0) + 1
  }

  get pending(): number {
    return this.buffered
  }

  async flushIfFull(): Promise<void> {
    if (this.buffered >= this.flushAt) await this.flush()
  }

  async flush(): Promise<void> {
    for (const table of TABLE_ORDER) {
      const rows = this.buffers.get(table)
      if (rows === undefined || rows.length === 0) continue
      this.buffers.set(table, [])
      const started = performance.now()
      let columns = 1
      for (const row of rows) columns = Math.max(columns, Object.keys(row).length)
      const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns)))
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement)
        // Rows were type-checked against their table in add(); Kysely cannot carry that through a union.
        await this.db.insertInto(table).values(chunk).execute()
      }
      this.insertMs[table] = (this.insertMs[table] ?? 0) + performance.now() - started
    }
    this.buffered = 0
  }

  total(): number {
    let sum = 0
    for (const value of Object.values(this.counts)) sum += value ?? 0
    return sum
  }
}

/** Identity columns this generator fills explicitly: move their sequences past the rows it wrote. */
export async function resetIdentitySequences(db: Db, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
      db,
    )
  }
}
