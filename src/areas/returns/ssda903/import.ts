import { sql, type Transaction } from 'kysely'
import type { Db } from '../../../db/database.js'
import type { Database } from '../../../db/schema.js'
import { episodeRow } from './builder.js'
import { collectionYearBounds, isoFromReturnDate } from './dates.js'
import { describeProblem, read903Source, type Import903Problem, type Import903Source } from './read-files.js'
import { simpleTables, type SimpleTable, type WriterContext } from './import-tables.js'
import { TABLES_903, type Row903, type Table903 } from './tables.js'

/**
 * Imports a 903 return (CSV tables or XML) into a council, all or nothing: every file is read and
 * checked first (read-files.ts); only a clean file set is written, in one transaction with its
 * import_run row. Children are matched by CHILD = child.la_child_id and records by their natural keys
 * (an episode by child and DECOM, a review by child and date, ...), so importing the same files
 * twice changes nothing: a record whose values already match (as the return would show them at
 * 31 March) is counted unchanged; one whose values differ is updated. Periods of care are derived
 * from the episodes (RNE S starts one; a DEC whose REC is not X1 ends it); each episode that is not
 * a change of legal status only (RNE L) starts a placement.
 */
export interface Import903Report {
  status: 'succeeded' | 'failed'
  runId: number | null
  year: number
  files: string[]
  problems: Import903Problem[]
  /** Blanks the spec forbids, imported as blank (the validation rules report them). */
  warnings: Import903Problem[]
  inserted: Partial<Record<Table903, number>>
  updated: Partial<Record<Table903, number>>
  unchanged: Partial<Record<Table903, number>>
  skipped: { table: Table903; child: string; reason: string }[]
}

export interface Import903Options {
  onProgress?: (done: number, total: number) => void
}

type Trx = Transaction<Database>

export class Import903Failed extends Error {
  override name = 'Import903Failed'
  constructor(readonly report: Import903Report) {
    super(report.problems.slice(0, 20).map(describeProblem).join('\n'))
  }
}

export async function import903(
  db: Db,
  councilId: number,
  source: Import903Source,
  user: { id: number } | null,
  options: Import903Options = {},
): Promise<Import903Report> {
  const read = await read903Source(source)
  const { return903 } = read
  const report: Import903Report = {
    status: 'failed',
    runId: null,
    year: return903.year,
    files: read.files.map((file) => file.name),
    problems: read.problems,
    warnings: read.warnings,
    inserted: {},
    updated: {},
    unchanged: {},
    skipped: [],
  }
  if (read.problems.length > 0) return report
  const total = TABLES_903.reduce((sum, table) => sum + return903.tables[table].length, 0)
  let done = 0
  const progress = (table: Table903): void => {
    done += return903.tables[table].length
    options.onProgress?.(done, total)
  }
  await db.transaction().execute(async (trx) => {
    const run = await trx
      .insertInto('import_run')
      .values({
        council_id: councilId,
        kind: 'ssda903',
        collection_year: return903.year,
        files: JSON.stringify(read.files),
        status: 'running',
        started_at: new Date().toISOString(),
        started_by: user?.id ?? null,
        created_by: user?.id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    report.runId = Number(run.id)
    const writer = new ImportWriter(trx, councilId, return903.year, report)
    await writer.children(return903.tables.Header, return903.tables.UASC)
    progress('Header')
    progress('UASC')
    await writer.episodes(return903.tables.Episodes)
    progress('Episodes')
    for (const table of TABLES_903) {
      if (table === 'Header' || table === 'UASC' || table === 'Episodes') continue
      await writer.table(table, return903.tables[table])
      progress(table)
    }
    report.status = 'succeeded'
    await trx
      .updateTable('import_run')
      .set({
        status: report.warnings.length > 0 ? 'succeeded_with_warnings' : 'succeeded',
        finished_at: new Date().toISOString(),
        report: JSON.stringify(reportSummary(report)),
      })
      .where('council_id', '=', councilId)
      .where('id', '=', report.runId)
      .execute()
  })
  return report
}

function reportSummary(report: Import903Report): Record<string, unknown> {
  return {
    year: report.year,
    warnings: report.warnings,
    inserted: report.inserted,
    updated: report.updated,
    unchanged: report.unchanged,
    skipped: report.skipped,
  }
}

const iso = (value: string | undefined): string | null =>
  value === undefined || value === '' ? null : (isoFromReturnDate(value) ?? null)
const text = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value)

/** Allocates n ids from a table's identity sequence in one query, so rows can be inserted in bulk. */
async function allocateIds(trx: Trx, table: string, count: number): Promise<IdPool> {
  if (count === 0) return new IdPool([])
  const result = await sql<{ id: number }>`select nextval(pg_get_serial_sequence(${table}, 'id'))::bigint as id
    from generate_series(1, ${count})`.execute(trx)
  return new IdPool(result.rows.map((row) => Number(row.id)))
}

/** Ids handed out in order (an index, not Array.shift, which is slow on large arrays). */
class IdPool {
  private at = 0
  constructor(private readonly ids: number[]) {}
  next(): number {
    const id = this.ids[this.at++]
    if (id === undefined) throw new Error('Ran out of allocated ids')
    return id
  }
}

async function insertInChunks(trx: Trx, table: keyof Database, rows: Record<string, unknown>[]): Promise<void> {
  for (let at = 0; at < rows.length; at += 500)
    await trx
      .insertInto(table)
      .values(rows.slice(at, at + 500))
      .execute()
}

interface EpisodeRecord {
  id: number
  child_id: number
  period_of_care_id: number
  placement_id: number | null
  start_date: string
  reason_new_episode: string
  legal_status: string
  category_of_need: string
  placement_type: string
  placement_provider: string | null
  end_date: string | null
  reason_episode_ceased: string | null
  reason_place_change: string | null
  home_postcode: string | null
  placement_postcode: string | null
  ofsted_urn: string | null
}

class ImportWriter {
  private readonly childIds = new Map<string, number>()
  private readonly dobs = new Map<string, string | null>()
  private readonly yearEnd: string
  private readonly yearStart: string

  constructor(
    private readonly trx: Trx,
    private readonly councilId: number,
    private readonly year: number,
    private readonly report: Import903Report,
  ) {
    const bounds = collectionYearBounds(year)
    this.yearEnd = bounds.end
    this.yearStart = bounds.start
  }

  private count(kind: 'inserted' | 'updated' | 'unchanged', table: Table903, by = 1): void {
    this.report[kind][table] = (this.report[kind][table] ?? 0) + by
  }

  private childId(row: Row903): number {
    const id = this.childIds.get(row['CHILD'] ?? '')
    if (id === undefined) throw new Error(`CHILD ${row['CHILD'] ?? ''} was not imported`)
    return id
  }

  async children(header: Row903[], uascRows: Row903[]): Promise<void> {
    const uasc = new Map(uascRows.map((row) => [row['CHILD'] ?? '', row]))
    const existing = await this.trx
      .selectFrom('child')
      .select([
        'id',
        'la_child_id',
        'sex',
        'date_of_birth',
        'ethnicity',
        'upn',
        'upn_unknown_reason',
        'uasc',
        'uasc_ceased_date',
        'merged_into_child_id',
      ])
      .where('council_id', '=', this.councilId)
      .execute()
    const byLaId = new Map(existing.map((child) => [child.la_child_id, child]))
    const inserts: Record<string, unknown>[] = []
    const newIds = await allocateIds(this.trx, 'child', header.filter((row) => !byLaId.has(row['CHILD'] ?? '')).length)
    for (const row of header) {
      const laId = row['CHILD'] ?? ''
      const upn = row['UPN'] ?? ''
      const uascRow = uasc.get(laId)
      const values = {
        sex: row['SEX'] ?? 'U',
        date_of_birth: iso(row['DOB']),
        ethnicity: row['ETHNIC'] ?? '',
        upn: /^UN\d$/.test(upn) ? null : text(upn),
        upn_unknown_reason: /^UN\d$/.test(upn) ? upn : null,
      }
      const uascValues = uascRow === undefined ? {} : { uasc: true, uasc_ceased_date: iso(uascRow['DUC']) }
      this.dobs.set(laId, values.date_of_birth)
      const found = byLaId.get(laId)
      if (found === undefined) {
        const id = newIds.next()
        this.childIds.set(laId, id)
        inserts.push({
          council_id: this.councilId,
          id,
          la_child_id: laId,
          first_name: 'Not known',
          last_name: `(imported 903 child ${laId})`,
          ...values,
          ...uascValues,
        })
        continue
      }
      if (found.merged_into_child_id !== null) {
        // A merged duplicate's 903 id: its records belong to the child it was merged into.
        this.childIds.set(laId, Number(found.merged_into_child_id))
        this.report.skipped.push({
          table: 'Header',
          child: laId,
          reason: `CHILD ${laId} was merged into another child: its records were added to that child; its details were not changed.`,
        })
        continue
      }
      this.childIds.set(laId, Number(found.id))
      const uascUnchanged =
        uascRow === undefined ||
        (found.uasc &&
          (found.uasc_ceased_date === iso(uascRow['DUC']) ||
            (uascRow['DUC'] === '' && (found.uasc_ceased_date ?? '') > this.yearEnd)))
      const same =
        found.sex === values.sex &&
        found.date_of_birth === values.date_of_birth &&
        found.ethnicity === values.ethnicity &&
        (found.upn ?? found.upn_unknown_reason ?? '') === upn &&
        uascUnchanged
      if (same) {
        this.count('unchanged', 'Header')
        continue
      }
      await this.trx
        .updateTable('child')
        .set({
          ...values,
          ...(uascUnchanged ? {} : uascValues),
          version: sql`version + 1`,
          updated_at: sql`now()`,
        } as never)
        .where('council_id', '=', this.councilId)
        .where('id', '=', Number(found.id))
        .execute()
      this.count('updated', 'Header')
    }
    await insertInChunks(this.trx, 'child', inserts)
    this.count('inserted', 'Header', inserts.length)
    await this.motherhood(header)
  }

  private async motherhood(header: Row903[]): Promise<void> {
    const existing = await this.trx
      .selectFrom('child_parenthood')
      .select(['child_id', 'baby_date_of_birth'])
      .where('council_id', '=', this.councilId)
      .execute()
    const known = new Set(existing.map((row) => `${Number(row.child_id)}|${row.baby_date_of_birth}`))
    const inserts: Record<string, unknown>[] = []
    for (const row of header) {
      if (row['MOTHER'] !== '1') continue
      const baby = iso(row['MC_DOB'])
      if (baby === null) {
        this.report.skipped.push({
          table: 'Header',
          child: row['CHILD'] ?? '',
          reason: 'MOTHER is 1 but MC_DOB is blank: no baby recorded.',
        })
        continue
      }
      const childId = this.childId(row)
      if (known.has(`${childId}|${baby}`)) continue
      inserts.push({ council_id: this.councilId, child_id: childId, baby_date_of_birth: baby })
    }
    await insertInChunks(this.trx, 'child_parenthood', inserts)
  }

  async episodes(rows: Row903[]): Promise<void> {
    const existing = (await this.trx
      .selectFrom('looked_after_episode')
      .select([
        'id',
        'child_id',
        'period_of_care_id',
        'placement_id',
        'start_date',
        'reason_new_episode',
        'legal_status',
        'category_of_need',
        'placement_type',
        'placement_provider',
        'end_date',
        'reason_episode_ceased',
        'reason_place_change',
        'home_postcode',
        'placement_postcode',
        'ofsted_urn',
      ])
      .where('council_id', '=', this.councilId)
      .execute()) as unknown as EpisodeRecord[]
    const periods = await this.trx
      .selectFrom('period_of_care')
      .select(['id', 'child_id', 'start_date', 'end_date'])
      .where('council_id', '=', this.councilId)
      .execute()
    const byChild = new Map<number, EpisodeRecord[]>()
    for (const episode of existing) {
      const list = byChild.get(Number(episode.child_id)) ?? []
      list.push({
        ...episode,
        id: Number(episode.id),
        child_id: Number(episode.child_id),
        period_of_care_id: Number(episode.period_of_care_id),
        placement_id: episode.placement_id === null ? null : Number(episode.placement_id),
      })
      byChild.set(Number(episode.child_id), list)
    }
    const periodsByChild = new Map<number, { id: number; start_date: string }[]>()
    for (const period of periods) {
      const list = periodsByChild.get(Number(period.child_id)) ?? []
      list.push({ id: Number(period.id), start_date: period.start_date })
      periodsByChild.set(Number(period.child_id), list)
    }
    const fileByChild = new Map<number, Row903[]>()
    for (const row of rows) {
      const childId = this.childId(row)
      fileByChild.set(childId, [...(fileByChild.get(childId) ?? []), row])
    }
    const newEpisodes: EpisodeRecord[] = []
    const newPeriods: { id: number; child_id: number; start_date: string }[] = []
    const touchedPeriods = new Set<number>()
    // Ids for new rows come from each table's sequence in one query (unused ones are simply skipped).
    const knownStarts = new Set(existing.map((episode) => `${Number(episode.child_id)}|${episode.start_date}`))
    const newCount = rows.filter((row) => !knownStarts.has(`${this.childId(row)}|${iso(row['DECOM']) ?? ''}`)).length
    const newEpisodeIds = await allocateIds(this.trx, 'looked_after_episode', newCount)
    const periodIds = await allocateIds(this.trx, 'period_of_care', newCount)
    this.placementIds = await allocateIds(this.trx, 'placement', newCount)
    for (const [childId, fileRows] of fileByChild) {
      const known = byChild.get(childId) ?? []
      const byStart = new Map(known.map((episode) => [episode.start_date, episode]))
      const timeline: EpisodeRecord[] = [...known]
      const childNew: EpisodeRecord[] = []
      for (const row of fileRows) {
        const values = episodeValues(row)
        const found = byStart.get(values.start_date)
        if (found === undefined) {
          const episode: EpisodeRecord = {
            id: newEpisodeIds.next(),
            child_id: childId,
            period_of_care_id: 0,
            placement_id: null,
            ...values,
          }
          timeline.push(episode)
          newEpisodes.push(episode)
          childNew.push(episode)
          continue
        }
        const shown = episodeRow({ ...found, la_child_id: row['CHILD'] ?? '' }, this.yearEnd)
        if (Object.keys(shown).every((column) => shown[column] === row[column])) {
          this.count('unchanged', 'Episodes')
          continue
        }
        await this.trx
          .updateTable('looked_after_episode')
          .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
          .where('council_id', '=', this.councilId)
          .where('id', '=', found.id)
          .execute()
        Object.assign(found, values)
        touchedPeriods.add(found.period_of_care_id)
        this.count('updated', 'Episodes')
      }
      // Periods of care: RNE S starts one; otherwise an episode continues the one before it.
      timeline.sort((a, b) => (a.start_date < b.start_date ? -1 : a.start_date > b.start_date ? 1 : 0))
      let current: number | null = null
      const childPeriods = periodsByChild.get(childId) ?? []
      for (const episode of timeline) {
        if (episode.period_of_care_id !== 0) {
          current = episode.period_of_care_id
          continue
        }
        if (episode.reason_new_episode === 'S' || current === null) {
          const same = childPeriods.find((period) => period.start_date === episode.start_date)
          if (same !== undefined) current = same.id
          else {
            current = periodIds.next()
            newPeriods.push({ id: current, child_id: childId, start_date: episode.start_date })
            childPeriods.push({ id: current, start_date: episode.start_date })
          }
        }
        episode.period_of_care_id = current
        touchedPeriods.add(current)
      }
      periodsByChild.set(childId, childPeriods)
      await this.placements(timeline, childNew)
    }
    await insertInChunks(
      this.trx,
      'period_of_care',
      newPeriods.map((period) => ({ council_id: this.councilId, ...period })),
    )
    await insertInChunks(this.trx, 'placement', [...this.pendingPlacements.values()])
    this.pendingPlacements.clear()
    await insertInChunks(
      this.trx,
      'looked_after_episode',
      newEpisodes.map((episode) => ({ council_id: this.councilId, ...episode })),
    )
    this.count('inserted', 'Episodes', newEpisodes.length)
    await this.updatePeriodDates([...touchedPeriods])
    this.periodsByChild = periodsByChild
  }

  private pendingPlacements = new Map<number, Record<string, unknown>>()
  private placementIds = new IdPool([])
  private periodsByChild = new Map<number, { id: number; start_date: string }[]>()

  /** Every new episode that changes placement (RNE other than L) starts a placement; L keeps the one before. */
  private async placements(timeline: EpisodeRecord[], newEpisodes: EpisodeRecord[]): Promise<void> {
    const fresh = new Set(newEpisodes)
    let previous: EpisodeRecord | undefined
    for (const episode of timeline) {
      if (fresh.has(episode)) {
        if (episode.reason_new_episode === 'L' && previous?.placement_id != null) {
          episode.placement_id = previous.placement_id
          await this.trx
            .updateTable('placement')
            .set({ end_date: episode.end_date, end_reason: episode.reason_place_change })
            .where('council_id', '=', this.councilId)
            .where('id', '=', previous.placement_id)
            .execute()
          const pending = this.pendingPlacements.get(previous.placement_id)
          if (pending !== undefined)
            Object.assign(pending, { end_date: episode.end_date, end_reason: episode.reason_place_change })
        } else if (episode.reason_new_episode !== 'L') {
          const id = this.placementIds.next()
          episode.placement_id = id
          this.pendingPlacements.set(id, {
            council_id: this.councilId,
            id,
            child_id: episode.child_id,
            placement_type: episode.placement_type,
            start_date: episode.start_date,
            end_date: episode.end_date,
            postcode: episode.placement_postcode,
            end_reason: episode.reason_place_change,
          })
        }
      }
      previous = episode
    }
  }

  private async updatePeriodDates(periodIds: number[]): Promise<void> {
    for (let at = 0; at < periodIds.length; at += 500) {
      const chunk = periodIds.slice(at, at + 500)
      if (chunk.length === 0) continue
      await sql`update period_of_care p set
          start_date = x.first_start,
          end_date = case when x.last_reason is not null and x.last_reason <> 'X1' then x.last_end end,
          version = p.version + 1, updated_at = now()
        from (select distinct on (e.period_of_care_id) e.period_of_care_id,
            min(e.start_date) over (partition by e.period_of_care_id) as first_start,
            e.end_date as last_end, e.reason_episode_ceased as last_reason
          from looked_after_episode e
          where e.council_id = ${this.councilId} and e.period_of_care_id in (${sql.join(chunk)})
          order by e.period_of_care_id, e.start_date desc) x
        where p.council_id = ${this.councilId} and p.id = x.period_of_care_id
          and (p.start_date, p.end_date) is distinct from
            (x.first_start, case when x.last_reason is not null and x.last_reason <> 'X1' then x.last_end end)`.execute(
        this.trx,
      )
    }
  }

  /** The period of care holding a date for a child (the latest started on or before it). */
  private periodOn(childId: number, date: string | null): number | null {
    if (date === null) return null
    const candidates = (this.periodsByChild.get(childId) ?? []).filter((period) => period.start_date <= date)
    candidates.sort((a, b) => (a.start_date < b.start_date ? 1 : -1))
    return candidates[0]?.id ?? null
  }

  async table(table: Table903, rows: Row903[]): Promise<void> {
    const spec = this.simpleTable(table)
    if (spec === undefined) return
    const existing = await spec.load()
    const byKey = new Map(existing.map((record) => [spec.key(record), record]))
    const inserts: Record<string, unknown>[] = []
    for (const row of rows) {
      const childId = this.childId(row)
      const values = await spec.values(row, childId)
      if (values === undefined) continue
      const found = byKey.get(spec.key({ ...values, child_id: childId }))
      if (found === undefined) {
        inserts.push({ council_id: this.councilId, child_id: childId, ...values })
        byKey.set(spec.key({ ...values, child_id: childId }), { ...values, child_id: childId })
        continue
      }
      if (spec.same(found, values)) {
        this.count('unchanged', table)
        continue
      }
      await spec.update(found, values)
      this.count('updated', table)
    }
    await spec.insert(inserts)
    this.count('inserted', table, inserts.length)
  }

  private simpleTable(table: Table903): SimpleTable | undefined {
    return simpleTables(this.context)[table]
  }

  // Used by simpleTables (kept here so they share the transaction and year).
  get context(): WriterContext {
    return {
      trx: this.trx,
      councilId: this.councilId,
      year: this.year,
      yearStart: this.yearStart,
      yearEnd: this.yearEnd,
      dobOf: (row) => this.dobs.get(row['CHILD'] ?? '') ?? null,
      periodOn: (childId, date) => this.periodOn(childId, date),
      skip: (skipped) => this.report.skipped.push(skipped),
    }
  }
}

function episodeValues(row: Row903): Omit<EpisodeRecord, 'id' | 'child_id' | 'period_of_care_id' | 'placement_id'> {
  return {
    start_date: iso(row['DECOM']) ?? '',
    reason_new_episode: row['RNE'] ?? '',
    legal_status: row['LS'] ?? '',
    category_of_need: row['CIN'] ?? '',
    placement_type: row['PLACE'] ?? '',
    placement_provider: text(row['PLACE_PROVIDER']),
    end_date: iso(row['DEC']),
    reason_episode_ceased: text(row['REC']),
    reason_place_change: text(row['REASON_PLACE_CHANGE']),
    home_postcode: text(row['HOME_POST']),
    placement_postcode: text(row['PL_POST']),
    ofsted_urn: text(row['URN']),
  }
}
