import { sql, type Transaction } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { isoFromReturnDate, parsePartialDate } from './dates.js'
import type { Row903, Table903 } from './tables.js'

/** How the importer writes each 903 table other than Header, UASC and Episodes (import.ts). */

type Trx = Transaction<Database>
type Values = Record<string, unknown>

export interface WriterContext {
  trx: Trx
  councilId: number
  year: number
  yearStart: string
  yearEnd: string
  dobOf: (row: Row903) => string | null
  periodOn: (childId: number, date: string | null) => number | null
  skip: (skipped: { table: Table903; child: string; reason: string }) => void
}

export interface SimpleTable {
  load(): Promise<Values[]>
  key(record: Values): string
  values(row: Row903, childId: number): Values | undefined | Promise<Values | undefined>
  same(existing: Values, values: Values): boolean
  update(existing: Values, values: Values): Promise<void>
  insert(rows: Values[]): Promise<void>
}

const iso = (value: string | undefined): string | null =>
  value === undefined || value === '' ? null : (isoFromReturnDate(value) ?? null)
const text = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value)
const flag = (value: string | undefined): boolean | null => (value === '1' ? true : value === '0' ? false : null)

/** An open end in the file matches a record that ended after 31 March (the return shows it open). */
function sameEnd(existing: unknown, value: unknown, yearEnd: string): boolean {
  if ((existing ?? null) === (value ?? null)) return true
  return value === null && typeof existing === 'string' && existing > yearEnd
}

function keyText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}

function sameColumns(existing: Values, values: Values, columns: string[]): boolean {
  return columns.every((column) => normalise(existing[column]) === normalise(values[column]))
}

function normalise(value: unknown): unknown {
  if (value === undefined) return null
  if (typeof value === 'bigint') return Number(value)
  if (typeof value === 'string' && /^\d+$/.test(value)) return value
  return value
}

async function insertInChunks(trx: Trx, table: keyof Database, rows: Values[]): Promise<void> {
  for (let at = 0; at < rows.length; at += 500)
    await trx
      .insertInto(table)
      .values(rows.slice(at, at + 500))
      .execute()
}

interface KeyedSpec {
  dbTable: keyof Database
  columns: string[]
  /** the database column that, with child_id, identifies a row (null: one per child, or per child and year) */
  keyColumn: string | null
  perYear?: boolean
  values: (row: Row903, childId: number) => Values | undefined
  /** Columns compared for "unchanged". */
  compare: string[]
  /** An end date and the columns that go with it (a reason): blank in the file when it is after 31 March. */
  ends?: string[]
}

function keyedTable(context: WriterContext, spec: KeyedSpec): SimpleTable {
  const { trx, councilId } = context
  const key = (record: Values): string =>
    `${Number(record['child_id'])}|${spec.keyColumn === null ? '' : keyText(record[spec.keyColumn])}`
  return {
    key,
    async load() {
      let query = trx
        .selectFrom(spec.dbTable)
        .select(['id', 'child_id', ...spec.columns] as never[])
        .where('council_id' as never, '=', councilId as never)
      if (spec.perYear === true) query = query.where('collection_year' as never, '=', context.year as never)
      const rows = (await query.execute()) as Values[]
      // One per child: keep the latest (highest id), as the builder does.
      if (spec.keyColumn === null) rows.sort((a, b) => Number(a['id']) - Number(b['id']))
      return rows
    },
    values: spec.values,
    same(existing, values) {
      const ends = spec.ends ?? []
      const endedAfter =
        ends.length > 0 && sameEnd(existing[ends[0] ?? ''], null, context.yearEnd) && existing[ends[0] ?? ''] !== null
      const shown = endedAfter ? { ...existing, ...Object.fromEntries(ends.map((column) => [column, null])) } : existing
      return sameColumns(existing, values, spec.compare) && sameColumns(shown, values, ends)
    },
    async update(existing, values) {
      await trx
        .updateTable(spec.dbTable)
        .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` } as never)
        .where('council_id' as never, '=', councilId as never)
        .where('id' as never, '=', Number(existing['id']) as never)
        .execute()
    },
    async insert(rows) {
      await insertInChunks(trx, spec.dbTable, rows)
    },
  }
}

function ageAtBirthdayInYear(dob: string | null, context: WriterContext): number | null {
  if (dob === null) return null
  for (let age = 16; age <= 25; age++) {
    const birthday = `${Number(dob.slice(0, 4)) + age}${dob.slice(4)}`
    if (birthday >= context.yearStart && birthday <= context.yearEnd) return age
  }
  return null
}

const OC2_COLUMNS = [
  'sdq_score',
  'sdq_reason',
  'convicted',
  'health_check',
  'immunisations',
  'teeth_check',
  'health_assessment',
  'substance_misuse',
  'intervention_received',
  'intervention_offered',
]

export function simpleTables(context: WriterContext): Partial<Record<Table903, SimpleTable>> {
  return {
    Reviews: keyedTable(context, {
      dbTable: 'looked_after_review',
      columns: ['review_date', 'participation_code'],
      keyColumn: 'review_date',
      values: (row, childId) => ({
        review_date: iso(row['REVIEW']),
        participation_code: row['REVIEW_CODE'],
        period_of_care_id: context.periodOn(childId, iso(row['REVIEW'])),
      }),
      compare: ['participation_code'],
    }),
    Missing: keyedTable(context, {
      dbTable: 'missing_episode',
      columns: ['start_date', 'missing_type', 'end_date'],
      keyColumn: 'start_date',
      values: (row) => ({
        start_date: iso(row['MIS_START']),
        missing_type: row['MISSING'],
        end_date: iso(row['MIS_END']),
      }),
      compare: ['missing_type'],
      ends: ['end_date'],
    }),
    OC2: keyedTable(context, {
      dbTable: 'oc2_outcome',
      columns: ['collection_year', ...OC2_COLUMNS],
      keyColumn: null,
      perYear: true,
      values: (row) => ({
        collection_year: context.year,
        sdq_score: row['SDQ_SCORE'] === '' || row['SDQ_SCORE'] === undefined ? null : Number(row['SDQ_SCORE']),
        sdq_reason: text(row['SDQ_REASON']),
        convicted: flag(row['CONVICTED']),
        health_check: flag(row['HEALTH_CHECK']),
        immunisations: flag(row['IMMUNISATIONS']),
        teeth_check: flag(row['TEETH_CHECK']),
        health_assessment: flag(row['HEALTH_ASSESSMENT']),
        substance_misuse: flag(row['SUBSTANCE_MISUSE']),
        intervention_received: flag(row['INTERVENTION_RECEIVED']),
        intervention_offered: flag(row['INTERVENTION_OFFERED']),
      }),
      compare: OC2_COLUMNS,
    }),
    OC3: keyedTable(context, {
      dbTable: 'oc3_outcome',
      columns: ['collection_year', 'in_touch', 'activity', 'accommodation'],
      keyColumn: null,
      perYear: true,
      values: (row) => ({
        collection_year: context.year,
        age_at_birthday: ageAtBirthdayInYear(context.dobOf(row), context),
        in_touch: row['IN_TOUCH'],
        activity: row['ACTIV'],
        accommodation: row['ACCOM'],
      }),
      compare: ['in_touch', 'activity', 'accommodation'],
    }),
    AD1: keyedTable(context, {
      dbTable: 'adoption',
      columns: [
        'best_interests_decision_date',
        'matched_date',
        'adopted_by_foster_carer',
        'number_of_adopters',
        'adopter_sex',
        'adopter_legal_status',
      ],
      keyColumn: null,
      values: (row) => {
        if (iso(row['DATE_INT']) === null) {
          context.skip({ table: 'AD1', child: row['CHILD'] ?? '', reason: 'DATE_INT is blank: no adoption recorded.' })
          return undefined
        }
        return {
          best_interests_decision_date: iso(row['DATE_INT']),
          matched_date: iso(row['DATE_MATCH']),
          adopted_by_foster_carer: flag(row['FOSTER_CARE']),
          number_of_adopters: row['NB_ADOPTR'] === '' ? null : Number(row['NB_ADOPTR']),
          adopter_sex: text(row['SEX_ADOPTR']),
          adopter_legal_status: text(row['LS_ADOPTR']),
        }
      },
      compare: [
        'best_interests_decision_date',
        'matched_date',
        'adopted_by_foster_carer',
        'number_of_adopters',
        'adopter_sex',
        'adopter_legal_status',
      ],
    }),
    PlacedAdoption: keyedTable(context, {
      dbTable: 'adoption_decision',
      columns: ['decision_date', 'ceased_date', 'ceased_reason'],
      keyColumn: 'decision_date',
      values: (row) => ({
        decision_date: iso(row['DATE_PLACED']),
        ceased_date: iso(row['DATE_PLACED_CEASED']),
        ceased_reason: text(row['REASON_PLACED_CEASED']),
      }),
      compare: [],
      ends: ['ceased_date', 'ceased_reason'],
    }),
    PrevPerm: keyedTable(context, {
      dbTable: 'previous_permanence',
      columns: ['permanence_option', 'arranging_la', 'order_year', 'order_month', 'order_day'],
      keyColumn: null,
      values: (row, childId) => {
        const date = parsePartialDate(row['DATE_PERM'] ?? '') ?? { year: null, month: null, day: null }
        return {
          permanence_option: row['PREV_PERM'],
          arranging_la: text(row['LA_PERM']),
          order_year: date.year,
          order_month: date.month,
          order_day: date.day,
          period_of_care_id: context.periodOn(childId, context.yearEnd),
        }
      },
      compare: ['permanence_option', 'arranging_la', 'order_year', 'order_month', 'order_day'],
    }),
    DoLo: keyedTable(context, {
      dbTable: 'deprivation_of_liberty',
      columns: ['start_date', 'end_date'],
      keyColumn: 'start_date',
      values: (row) => ({ start_date: iso(row['DOLO_START']), end_date: iso(row['DOLO_END']) }),
      compare: [],
      ends: ['end_date'],
    }),
    SWEpisodes: socialWorkerTable(context),
  }
}

/**
 * SW episodes are social-worker allocations (the social_worker_episode view). A SW_ID with no
 * registration on Harbour gets an inactive placeholder account holding it, so the history is kept
 * and can be reassigned when the worker's own account is set up. Imported allocations go to the
 * council's first team (or a new "Imported from SSDA903" team in an empty council).
 */
function socialWorkerTable(context: WriterContext): SimpleTable {
  const { trx, councilId } = context
  const users = new Map<string, number>()
  let teamId: number | undefined
  const key = (record: Values): string => `${Number(record['child_id'])}|${keyText(record['start_date'])}`
  const team = async (): Promise<number> => {
    if (teamId !== undefined) return teamId
    const first = await trx
      .selectFrom('team')
      .select('id')
      .where('council_id', '=', councilId)
      .orderBy('id')
      .executeTakeFirst()
    if (first !== undefined) return (teamId = first.id)
    await trx
      .insertInto('team')
      .values({ council_id: councilId, id: 1, name: 'Imported from SSDA903', service_area: 'looked_after' })
      .execute()
    return (teamId = 1)
  }
  const userFor = async (swId: string | null): Promise<number | null> => {
    if (swId === null) return null
    const known = users.get(swId)
    if (known !== undefined) return known
    const last = await trx
      .selectFrom('user_account')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('council_id', '=', councilId)
      .executeTakeFirst()
    const id = Number(last?.id ?? 0) + 1
    await trx
      .insertInto('user_account')
      .values({
        council_id: councilId,
        id,
        email: `${swId.toLowerCase()}.council${councilId}@imported.harbour.invalid`,
        display_name: `Social worker ${swId} (imported)`,
        role: 'social_worker',
        active: false,
      })
      .execute()
    await trx
      .insertInto('social_worker_registration')
      .values({ council_id: councilId, user_id: id, sw_id: swId })
      .execute()
    users.set(swId, id)
    return id
  }
  return {
    key,
    async load() {
      const registrations = await trx
        .selectFrom('social_worker_registration')
        .select(['sw_id', 'user_id'])
        .where('council_id', '=', councilId)
        .execute()
      for (const registration of registrations) users.set(registration.sw_id, registration.user_id)
      const rows = await sql<Values>`select a.id, a.child_id, a.start_date, a.end_date, a.reason_for_change, r.sw_id
        from worker_allocation a left join social_worker_registration r
          on r.council_id = a.council_id and r.user_id = a.user_id
        where a.council_id = ${councilId} and a.allocation_role = 'social_worker'
        order by a.id`.execute(trx)
      return rows.rows
    },
    async values(row) {
      const swId = text(row['SW_ID'])
      return {
        allocation_role: 'social_worker',
        sw_id: swId,
        user_id: await userFor(swId),
        team_id: await team(),
        start_date: iso(row['SW_DECOM']),
        end_date: iso(row['SW_DEC']),
        reason_for_change: text(row['SW_REASON']),
      }
    },
    same(existing, values) {
      if ((existing['sw_id'] ?? null) !== values['sw_id']) return false
      const endedAfter = typeof existing['end_date'] === 'string' && existing['end_date'] > context.yearEnd
      if (endedAfter) return values['end_date'] === null
      return (
        existing['end_date'] === values['end_date'] &&
        (existing['reason_for_change'] ?? null) === values['reason_for_change']
      )
    },
    async update(existing, values) {
      const { sw_id: _swId, team_id: _teamId, ...columns } = values
      await trx
        .updateTable('worker_allocation')
        .set({ ...columns, version: sql`version + 1`, updated_at: sql`now()` } as never)
        .where('council_id', '=', councilId)
        .where('id', '=', Number(existing['id']))
        .execute()
    },
    async insert(rows) {
      await insertInChunks(
        trx,
        'worker_allocation',
        rows.map(({ sw_id: _swId, ...columns }) => columns),
      )
    },
  }
}
