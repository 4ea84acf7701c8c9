import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { sql, type Transaction } from 'kysely'
import type { Db } from '../../../db/database.js'
import type { Database } from '../../../db/schema.js'
import { appendAudit } from '../../audit/audit-log.js'
import { describeProblem, isYes, readCinXml, type CinFileProblem, type CinFileReadResult } from './xml-reader.js'
import { assessmentFactors, CIN_CHILD_COLUMNS, cinCensusPeriod, type CinReturn, type CinRow } from './tables.js'

/**
 * Imports a CIN census XML file into a council, all or nothing: the file is read and checked first
 * (xml-reader.ts); only a clean file is written, in one transaction with its import_run row and an
 * audit row. Children are matched by LAchildID = child.la_child_id, and records by their natural
 * keys within the child: a referral by its referral date, an assessment, plan or enquiry by its start
 * date, a conference by its type and date (a review within its plan).
 *
 * A matched record is compared as the census would show it at the file's reference date (a closure
 * or an end after 31 March is not in the file, so it is not a difference): when it matches it is
 * counted unchanged, otherwise the fields that differ are set to the file's values. Nothing is
 * deleted: a record Harbour holds that the file leaves out stays. So importing the same file twice
 * changes nothing, and importing Harbour's own export changes nothing.
 *
 * Children created by an import have no name in the census: they are 'Not known (imported CIN
 * child <LAchildID>)' until someone records it.
 */
export type CinRecordKind =
  'child' | 'referral' | 'assessment' | 'cin_plan' | 'section47_enquiry' | 'cp_plan' | 'cp_conference'

export interface CinImportReport {
  status: 'succeeded' | 'failed'
  runId: number | null
  file: string
  year: number
  problems: CinFileProblem[]
  inserted: Partial<Record<CinRecordKind, number>>
  updated: Partial<Record<CinRecordKind, number>>
  unchanged: Partial<Record<CinRecordKind, number>>
  skipped: { laChildId: string; path: string; reason: string }[]
}

export interface CinImportOptions {
  onProgress?: (done: number, total: number) => void
}

export class CinImportFailed extends Error {
  override name = 'CinImportFailed'
  constructor(readonly report: CinImportReport) {
    super(report.problems.slice(0, 20).map(describeProblem).join('\n'))
  }
}

type Trx = Transaction<Database>
type Values = Record<string, unknown>

const text = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value)

/** Allocates n ids from a table's identity sequence in one query, so rows can be inserted in bulk. */
async function allocateIds(trx: Trx, table: string, count: number): Promise<number[]> {
  if (count === 0) return []
  const result = await sql<{ id: number }>`select nextval(pg_get_serial_sequence(${table}, 'id'))::bigint as id
    from generate_series(1, ${count})`.execute(trx)
  return result.rows.map((row) => Number(row.id))
}

async function insertInChunks(trx: Trx, table: keyof Database, rows: Values[]): Promise<void> {
  for (let at = 0; at < rows.length; at += 500) {
    await trx
      .insertInto(table)
      .values(rows.slice(at, at + 500))
      .execute()
  }
}

/** One field of a record: how the census shows Harbour's value, the file's value, and what to store. */
interface FieldSync {
  shown: string | null
  file: string | null
  store: Values
}

export async function importCin(
  db: Db,
  councilId: number,
  xmlFile: string,
  user: { id: number; role?: string } | null,
  options: CinImportOptions = {},
): Promise<CinImportReport> {
  const file = path.basename(xmlFile)
  const bytes = await fs.readFile(xmlFile)
  const read = readCinXml(file, bytes.toString('utf8'))
  return importCinRead(db, councilId, file, bytes, read, user, options)
}

async function importCinRead(
  db: Db,
  councilId: number,
  file: string,
  bytes: Buffer,
  read: CinFileReadResult,
  user: { id: number; role?: string } | null,
  options: CinImportOptions,
): Promise<CinImportReport> {
  const report: CinImportReport = {
    status: 'failed',
    runId: null,
    file,
    year: read.cin?.year ?? 0,
    problems: [...read.problems],
    inserted: {},
    updated: {},
    unchanged: {},
    skipped: read.skipped,
  }
  const cin = read.cin
  if (cin === undefined || report.problems.length > 0) return report
  const council = await db.selectFrom('council').select('la_code').where('id', '=', councilId).executeTakeFirst()
  const lea = cin.tables.Header[0]?.LEA
  if (council === undefined || (lea !== undefined && lea !== council.la_code)) {
    report.problems.push({
      file,
      path: 'Message/Header/Source/LEA',
      field: 'LEA',
      message: `the file is for local authority ${lea ?? '?'}, but this council is ${council?.la_code ?? 'not set up'}`,
    })
    return report
  }

  const sha256 = createHash('sha256').update(bytes).digest('hex')
  await db.transaction().execute(async (trx) => {
    const run = await trx
      .insertInto('import_run')
      .values({
        council_id: councilId,
        kind: 'cin_census',
        collection_year: cin.year,
        files: JSON.stringify([{ name: file, bytes: bytes.length, sha256 }]),
        status: 'running',
        started_at: new Date().toISOString(),
        started_by: user?.id ?? null,
        created_by: user?.id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    report.runId = Number(run.id)
    await new CinImportWriter(trx, councilId, cin, report, options).run()
    report.status = 'succeeded'
    await trx
      .updateTable('import_run')
      .set({
        status: 'succeeded',
        finished_at: new Date().toISOString(),
        report: JSON.stringify({
          year: report.year,
          inserted: report.inserted,
          updated: report.updated,
          unchanged: report.unchanged,
          skipped: report.skipped,
        }),
      })
      .where('council_id', '=', councilId)
      .where('id', '=', report.runId)
      .execute()
    await appendAudit(trx, {
      councilId,
      userId: user?.id ?? null,
      userRole: user?.role ?? null,
      action: 'create',
      entity: 'import_run',
      entityId: report.runId,
      detail: { kind: 'cin_census', year: cin.year, inserted: report.inserted, updated: report.updated },
    })
  })
  return report
}

class CinImportWriter {
  private readonly end: string
  private readonly within = (date: string | null): string | null => (date !== null && date <= this.end ? date : null)
  private readonly childIds = new Map<string, number>()
  /** Referral id by LAchildID and CINdetailsID. */
  private readonly referralIds = new Map<string, number>()
  private readonly planIds = new Map<string, number>()
  private readonly enquiryIds = new Map<string, number>()
  private done = 0
  private readonly total: number

  constructor(
    private readonly trx: Trx,
    private readonly councilId: number,
    private readonly cin: CinReturn,
    private readonly report: CinImportReport,
    private readonly options: CinImportOptions,
  ) {
    this.end = cinCensusPeriod(cin.year).end
    this.total = Object.values(cin.tables).reduce((sum, rows) => sum + rows.length, 0)
  }

  private count(kind: 'inserted' | 'updated' | 'unchanged', record: CinRecordKind, by = 1): void {
    if (by > 0) this.report[kind][record] = (this.report[kind][record] ?? 0) + by
  }

  private progress(rows: number): void {
    this.done += rows
    this.options.onProgress?.(this.done, this.total)
  }

  private childId(row: CinRow): number {
    const id = this.childIds.get(row.LAchildID ?? '')
    if (id === undefined) throw new Error(`LAchildID ${row.LAchildID ?? ''} was not imported`)
    return id
  }

  private referralId(row: CinRow): number {
    const id = this.referralIds.get(`${row.LAchildID ?? ''}|${row.CINdetailsID ?? ''}`)
    if (id === undefined)
      throw new Error(`CINdetails ${row.CINdetailsID ?? ''} of ${row.LAchildID ?? ''} was not imported`)
    return id
  }

  /** Updates the fields that differ from the file (as the census shows them) and counts the record. */
  private async sync(table: keyof Database, record: CinRecordKind, id: number, fields: FieldSync[]): Promise<void> {
    const changes: Values = {}
    for (const field of fields) if (field.shown !== field.file) Object.assign(changes, field.store)
    if (Object.keys(changes).length === 0) {
      this.count('unchanged', record)
      return
    }
    await this.trx
      .updateTable(table)
      .set({ ...changes, version: sql`version + 1`, updated_at: sql`now()` } as never)
      .where('council_id', '=', this.councilId)
      .where('id', '=', id)
      .execute()
    this.count('updated', record)
  }

  /**
   * Matches the file's rows to existing records by key, updates the matched ones and inserts the rest
   * in bulk with ids allocated up front; returns the id of each file row.
   */
  private async upsert<E extends { id: number }>(
    table: keyof Database,
    record: CinRecordKind,
    fileRows: readonly CinRow[],
    existing: readonly E[],
    keyOfExisting: (row: E) => string,
    keyOfFile: (row: CinRow) => string,
    fields: (file: CinRow, found: E) => FieldSync[],
    insert: (file: CinRow, id: number) => Values,
  ): Promise<number[]> {
    const byKey = new Map<string, E>()
    for (const row of [...existing].sort((a, b) => a.id - b.id)) {
      if (!byKey.has(keyOfExisting(row))) byKey.set(keyOfExisting(row), row)
    }
    const missing = fileRows.filter((row) => !byKey.has(keyOfFile(row))).length
    const newIds = await allocateIds(this.trx, table, missing)
    const inserts: Values[] = []
    const ids: number[] = []
    for (const row of fileRows) {
      const found = byKey.get(keyOfFile(row))
      if (found === undefined) {
        const id = newIds.shift() as number
        inserts.push(insert(row, id))
        ids.push(id)
        continue
      }
      ids.push(Number(found.id))
      await this.sync(table, record, Number(found.id), fields(row, found))
    }
    await insertInChunks(this.trx, table, inserts)
    this.count('inserted', record, inserts.length)
    return ids
  }

  async run(): Promise<void> {
    await this.children()
    await this.referrals()
    await this.assessments()
    await this.cinPlans()
    await this.enquiries()
    await this.protectionPlans()
    await this.conferences()
  }

  private async children(): Promise<void> {
    const { tables } = this.cin
    const laIds = tables.ChildIdentifiers.map((row) => row.LAchildID ?? '')
    const existing = (
      await this.trx
        .selectFrom('child')
        .select(CIN_CHILD_COLUMNS)
        .where('council_id', '=', this.councilId)
        .where(sql<boolean>`la_child_id = any(${laIds}::text[])`)
        .execute()
    ).map((row) => ({ ...row, id: Number(row.id) }))
    const ethnicity = new Map(tables.ChildCharacteristics.map((row) => [row.LAchildID ?? '', row.Ethnicity ?? '']))
    const disabilities = new Map<string, string[]>()
    for (const row of tables.Disabilities) {
      disabilities.set(row.LAchildID ?? '', [...(disabilities.get(row.LAchildID ?? '') ?? []), row.Disability ?? ''])
    }
    const listOf = (codes: string[]): string => (codes.length === 0 ? 'NONE' : codes.join(','))
    const ids = await this.upsert(
      'child',
      'child',
      tables.ChildIdentifiers,
      existing,
      (row) => row.la_child_id,
      (row) => row.LAchildID ?? '',
      (file, found) => {
        const born = found.date_of_birth !== null && found.date_of_birth <= this.end
        const fileDisabilities = disabilities.get(file.LAchildID ?? '') ?? []
        return [
          { shown: found.upn, file: text(file.UPN), store: { upn: text(file.UPN) } },
          { shown: found.former_upn, file: text(file.FormerUPN), store: { former_upn: text(file.FormerUPN) } },
          {
            shown: found.upn === null ? found.upn_unknown_reason : null,
            file: text(file.UPNunknown),
            store: { upn_unknown_reason: text(file.UPNunknown) },
          },
          {
            shown: born ? found.date_of_birth : null,
            file: text(file.PersonBirthDate),
            store: { date_of_birth: text(file.PersonBirthDate) },
          },
          {
            // A child born since keeps the expected date the census showed before the birth.
            shown: born ? null : (found.expected_date_of_birth ?? found.date_of_birth),
            file: text(file.ExpectedPersonBirthDate),
            store:
              file.ExpectedPersonBirthDate === undefined
                ? {}
                : { expected_date_of_birth: file.ExpectedPersonBirthDate },
          },
          { shown: born ? found.sex : 'U', file: text(file.Sex), store: { sex: file.Sex } },
          {
            shown: this.within(found.date_of_death),
            file: text(file.PersonDeathDate),
            store: { date_of_death: text(file.PersonDeathDate) },
          },
          {
            shown: found.ethnicity,
            file: ethnicity.get(file.LAchildID ?? '') ?? null,
            store: { ethnicity: ethnicity.get(file.LAchildID ?? '') },
          },
          {
            shown: listOf(found.disabilities),
            file: listOf(fileDisabilities),
            store: { disabilities: fileDisabilities },
          },
        ]
      },
      (file, id) => ({
        council_id: this.councilId,
        id,
        la_child_id: file.LAchildID,
        first_name: 'Not known',
        last_name: `(imported CIN child ${file.LAchildID ?? ''})`,
        upn: text(file.UPN),
        former_upn: text(file.FormerUPN),
        upn_unknown_reason: text(file.UPN) === null ? text(file.UPNunknown) : null,
        date_of_birth: text(file.PersonBirthDate),
        expected_date_of_birth: text(file.ExpectedPersonBirthDate),
        sex: file.Sex,
        date_of_death: text(file.PersonDeathDate),
        ethnicity: ethnicity.get(file.LAchildID ?? '') ?? '',
        disabilities: disabilities.get(file.LAchildID ?? '') ?? [],
      }),
    )
    tables.ChildIdentifiers.forEach((row, index) => this.childIds.set(row.LAchildID ?? '', ids[index] as number))
    this.progress(tables.ChildIdentifiers.length + tables.ChildCharacteristics.length + tables.Disabilities.length)
  }

  private childIdList(): number[] {
    return [...this.childIds.values()]
  }

  private async referrals(): Promise<void> {
    const rows = this.cin.tables.CINdetails
    const existing = (
      await this.trx
        .selectFrom('referral')
        .select([
          'id',
          'child_id',
          'referral_date',
          'source',
          'primary_need',
          'no_further_action',
          'closure_date',
          'closure_reason',
        ])
        .where('council_id', '=', this.councilId)
        .where(sql<boolean>`child_id = any(${this.childIdList()}::bigint[])`)
        .execute()
    ).map((row) => ({ ...row, id: Number(row.id), child_id: Number(row.child_id) }))
    const ids = await this.upsert(
      'referral',
      'referral',
      rows,
      existing,
      (row) => `${row.child_id}|${row.referral_date}`,
      (row) => `${this.childId(row)}|${row.CINreferralDate ?? ''}`,
      (file, found) => {
        const closure = this.within(found.closure_date)
        const closing = { closure_date: text(file.CINclosureDate), closure_reason: text(file.ReasonForClosure) }
        return [
          { shown: found.source, file: text(file.ReferralSource), store: { source: file.ReferralSource } },
          {
            shown: found.primary_need,
            file: text(file.PrimaryNeedCode),
            store: { primary_need: text(file.PrimaryNeedCode) },
          },
          {
            shown: String(found.no_further_action),
            file: String(isYes(file.ReferralNFA)),
            store: { no_further_action: isYes(file.ReferralNFA) },
          },
          { shown: closure, file: closing.closure_date, store: closing },
          { shown: closure === null ? null : found.closure_reason, file: closing.closure_reason, store: closing },
        ]
      },
      (file, id) => ({
        council_id: this.councilId,
        id,
        child_id: this.childId(file),
        referral_date: file.CINreferralDate,
        source: file.ReferralSource,
        primary_need: text(file.PrimaryNeedCode),
        no_further_action: isYes(file.ReferralNFA),
        closure_date: text(file.CINclosureDate),
        closure_reason: text(file.ReasonForClosure),
      }),
    )
    rows.forEach((row, index) =>
      this.referralIds.set(`${row.LAchildID ?? ''}|${row.CINdetailsID ?? ''}`, ids[index] as number),
    )
    this.progress(rows.length)
  }

  /** The referral link: set when Harbour's record has none, otherwise left as it is. */
  private referralLink(found: { referral_id: number | null }, file: CinRow): FieldSync {
    const referralId = this.referralId(file)
    return {
      shown: found.referral_id === null ? null : 'linked',
      file: 'linked',
      store: { referral_id: referralId },
    }
  }

  private async assessments(): Promise<void> {
    const rows = this.cin.tables.Assessments
    const existing = (
      await this.trx
        .selectFrom('assessment')
        .select([
          'id',
          'child_id',
          'referral_id',
          'start_date',
          'internal_review_date',
          'authorisation_date',
          'factors',
        ])
        .where('council_id', '=', this.councilId)
        .where(sql<boolean>`child_id = any(${this.childIdList()}::bigint[])`)
        .execute()
    ).map((row) => ({ ...row, id: Number(row.id), child_id: Number(row.child_id) }))
    await this.upsert(
      'assessment',
      'assessment',
      rows,
      existing,
      (row) => `${row.child_id}|${row.start_date}`,
      (row) => `${this.childId(row)}|${row.AssessmentActualStartDate ?? ''}`,
      (file, found) => {
        const authorised = this.within(found.authorisation_date)
        const factors = assessmentFactors(file)
        return [
          this.referralLink(found, file),
          {
            shown: this.within(found.internal_review_date),
            file: text(file.AssessmentInternalReviewDate),
            store: { internal_review_date: text(file.AssessmentInternalReviewDate) },
          },
          {
            shown: authorised,
            file: text(file.AssessmentAuthorisationDate),
            store: { authorisation_date: text(file.AssessmentAuthorisationDate), authorised_by: null },
          },
          {
            shown: authorised === null || found.factors.length === 0 ? null : found.factors.join(','),
            file: text(file.AssessmentFactors),
            store: { factors },
          },
        ]
      },
      (file, id) => ({
        council_id: this.councilId,
        id,
        child_id: this.childId(file),
        referral_id: this.referralId(file),
        start_date: file.AssessmentActualStartDate,
        internal_review_date: text(file.AssessmentInternalReviewDate),
        authorisation_date: text(file.AssessmentAuthorisationDate),
        factors: assessmentFactors(file),
      }),
    )
    this.progress(rows.length)
  }

  private async cinPlans(): Promise<void> {
    const rows = this.cin.tables.CINplanDates
    const existing = (
      await this.trx
        .selectFrom('cin_plan')
        .select(['id', 'child_id', 'referral_id', 'start_date', 'end_date'])
        .where('council_id', '=', this.councilId)
        .where(sql<boolean>`child_id = any(${this.childIdList()}::bigint[])`)
        .execute()
    ).map((row) => ({ ...row, id: Number(row.id), child_id: Number(row.child_id) }))
    await this.upsert(
      'cin_plan',
      'cin_plan',
      rows,
      existing,
      (row) => `${row.child_id}|${row.start_date}`,
      (row) => `${this.childId(row)}|${row.CINPlanStartDate ?? ''}`,
      (file, found) => [
        this.referralLink(found, file),
        {
          shown: this.within(found.end_date),
          file: text(file.CINPlanEndDate),
          store: { end_date: text(file.CINPlanEndDate), end_reason: null },
        },
      ],
      (file, id) => ({
        council_id: this.councilId,
        id,
        child_id: this.childId(file),
        referral_id: this.referralId(file),
        start_date: file.CINPlanStartDate,
        end_date: text(file.CINPlanEndDate),
      }),
    )
    this.progress(rows.length)
  }

  private async enquiries(): Promise<void> {
    const rows = this.cin.tables.Section47
    const existing = (
      await this.trx
        .selectFrom('section47_enquiry')
        .select(['id', 'child_id', 'referral_id', 'start_date', 'icpc_target_date', 'icpc_not_required'])
        .where('council_id', '=', this.councilId)
        .where(sql<boolean>`child_id = any(${this.childIdList()}::bigint[])`)
        .execute()
    ).map((row) => ({ ...row, id: Number(row.id), child_id: Number(row.child_id) }))
    const ids = await this.upsert(
      'section47_enquiry',
      'section47_enquiry',
      rows,
      existing,
      (row) => `${row.child_id}|${row.start_date}`,
      (row) => `${this.childId(row)}|${row.S47ActualStartDate ?? ''}`,
      (file, found) => [
        this.referralLink(found, file),
        {
          shown: found.icpc_target_date,
          file: text(file.InitialCPCtarget),
          store: { icpc_target_date: text(file.InitialCPCtarget) },
        },
        {
          shown: String(found.icpc_not_required),
          file: String(isYes(file.ICPCnotRequired)),
          store: { icpc_not_required: isYes(file.ICPCnotRequired) },
        },
      ],
      (file, id) => ({
        council_id: this.councilId,
        id,
        child_id: this.childId(file),
        referral_id: this.referralId(file),
        start_date: file.S47ActualStartDate,
        // The census has no end date for an enquiry: it ends at its initial conference, when there is one.
        end_date: text(file.DateOfInitialCPC),
        outcome: text(file.DateOfInitialCPC) === null ? null : 'initial_conference',
        icpc_target_date: text(file.InitialCPCtarget),
        icpc_not_required: isYes(file.ICPCnotRequired),
      }),
    )
    rows.forEach((row, index) =>
      this.enquiryIds.set(`${row.LAchildID ?? ''}|${row.S47ActualStartDate ?? ''}`, ids[index] as number),
    )
    this.progress(rows.length)
  }

  private async protectionPlans(): Promise<void> {
    const rows = this.cin.tables.ChildProtectionPlans
    const loadPlans = async () =>
      (
        await this.trx
          .selectFrom('cp_plan')
          .select([
            'id',
            'child_id',
            'referral_id',
            'start_date',
            'end_date',
            'initial_category',
            'latest_category',
            'previous_plans_elsewhere',
          ])
          .where('council_id', '=', this.councilId)
          .where(sql<boolean>`child_id = any(${this.childIdList()}::bigint[])`)
          .execute()
      ).map((row) => ({ ...row, id: Number(row.id), child_id: Number(row.child_id) }))
    const ids = await this.upsert(
      'cp_plan',
      'cp_plan',
      rows,
      await loadPlans(),
      (row) => `${row.child_id}|${row.start_date}`,
      (row) => `${this.childId(row)}|${row.CPPstartDate ?? ''}`,
      (file, found) => [
        this.referralLink(found, file),
        {
          shown: this.within(found.end_date),
          file: text(file.CPPendDate),
          store: { end_date: text(file.CPPendDate) },
        },
        {
          shown: found.initial_category,
          file: text(file.InitialCategoryOfAbuse),
          store: { initial_category: file.InitialCategoryOfAbuse },
        },
        {
          shown: found.latest_category,
          file: text(file.LatestCategoryOfAbuse),
          store: { latest_category: file.LatestCategoryOfAbuse },
        },
      ],
      (file, id) => ({
        council_id: this.councilId,
        id,
        child_id: this.childId(file),
        referral_id: this.referralId(file),
        start_date: file.CPPstartDate,
        end_date: text(file.CPPendDate),
        initial_category: file.InitialCategoryOfAbuse,
        latest_category: file.LatestCategoryOfAbuse,
      }),
    )
    rows.forEach((row, index) =>
      this.planIds.set(`${row.LAchildID ?? ''}|${row.CINdetailsID ?? ''}|${row.CPPID ?? ''}`, ids[index] as number),
    )
    // NumberOfPreviousCPP counts the child's earlier plans, in Harbour or elsewhere: what Harbour does
    // not hold is kept as previous_plans_elsewhere.
    const plans = await loadPlans()
    for (const [index, row] of rows.entries()) {
      const id = ids[index] as number
      const plan = plans.find((candidate) => candidate.id === id)
      if (plan === undefined) continue
      const earlier = plans.filter(
        (other) => other.child_id === plan.child_id && other.start_date < plan.start_date,
      ).length
      const elsewhere = Math.max(0, Number(row.NumberOfPreviousCPP ?? '0') - earlier)
      if (elsewhere === plan.previous_plans_elsewhere) continue
      await this.trx
        .updateTable('cp_plan')
        .set({ previous_plans_elsewhere: elsewhere })
        .where('council_id', '=', this.councilId)
        .where('id', '=', id)
        .execute()
    }
    this.progress(rows.length)
  }

  private async conferences(): Promise<void> {
    const { tables } = this.cin
    const existing = (
      await this.trx
        .selectFrom('cp_conference')
        .select(['id', 'child_id', 'cp_plan_id', 'section47_enquiry_id', 'conference_type', 'conference_date'])
        .where('council_id', '=', this.councilId)
        .where(sql<boolean>`child_id = any(${this.childIdList()}::bigint[])`)
        .execute()
    ).map((row) => ({ ...row, id: Number(row.id), child_id: Number(row.child_id) }))
    const planStarting = new Map<string, { id: number; category: string }>()
    for (const row of tables.ChildProtectionPlans) {
      const id = this.planIds.get(`${row.LAchildID ?? ''}|${row.CINdetailsID ?? ''}|${row.CPPID ?? ''}`)
      if (id !== undefined) {
        planStarting.set(`${row.LAchildID ?? ''}|${row.CPPstartDate ?? ''}`, {
          id,
          category: row.InitialCategoryOfAbuse ?? '',
        })
      }
    }
    // Initial conferences: under a section 47 enquiry, or on the CINdetails when there is none.
    const initial: (CinRow & { enquiry?: string })[] = [
      ...tables.Section47.filter((row) => row.DateOfInitialCPC !== undefined).map((row) => ({
        ...row,
        enquiry: row.S47ActualStartDate ?? '',
      })),
      ...tables.CINdetails.filter((row) => row.DateOfInitialCPC !== undefined),
    ]
    await this.upsert(
      'cp_conference',
      'cp_conference',
      initial,
      existing.filter((row) => row.conference_type !== 'review'),
      (row) => `${row.child_id}|${row.conference_date}`,
      (row) => `${this.childId(row)}|${row.DateOfInitialCPC ?? ''}`,
      (file, found) => {
        const enquiryId =
          file.enquiry === undefined ? undefined : this.enquiryIds.get(`${file.LAchildID ?? ''}|${file.enquiry}`)
        return enquiryId === undefined
          ? []
          : [
              {
                shown: found.section47_enquiry_id === null ? null : 'linked',
                file: 'linked',
                store: { section47_enquiry_id: enquiryId },
              },
            ]
      },
      (file, id) => {
        const plan = planStarting.get(`${file.LAchildID ?? ''}|${file.DateOfInitialCPC ?? ''}`)
        return {
          council_id: this.councilId,
          id,
          child_id: this.childId(file),
          referral_id: this.referralId(file),
          section47_enquiry_id:
            file.enquiry === undefined
              ? null
              : (this.enquiryIds.get(`${file.LAchildID ?? ''}|${file.enquiry}`) ?? null),
          cp_plan_id: plan?.id ?? null,
          conference_type: 'initial',
          conference_date: file.DateOfInitialCPC,
          decision: plan === undefined ? 'no_plan' : 'plan_made',
          category: plan?.category ?? null,
        }
      },
    )
    await this.upsert(
      'cp_conference',
      'cp_conference',
      tables.Reviews,
      existing.filter((row) => row.conference_type === 'review'),
      (row) => `${row.cp_plan_id ?? ''}|${row.conference_date}`,
      (row) =>
        `${this.planIds.get(`${row.LAchildID ?? ''}|${row.CINdetailsID ?? ''}|${row.CPPID ?? ''}`) ?? ''}|${row.CPPreviewDate ?? ''}`,
      () => [],
      (file, id) => ({
        council_id: this.councilId,
        id,
        child_id: this.childId(file),
        referral_id: this.referralId(file),
        cp_plan_id: this.planIds.get(`${file.LAchildID ?? ''}|${file.CINdetailsID ?? ''}|${file.CPPID ?? ''}`),
        conference_type: 'review',
        conference_date: file.CPPreviewDate,
        decision: 'plan_continues',
      }),
    )
    this.progress(tables.Reviews.length)
  }
}
