import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import { canonicalDetail, GENESIS_HASH, hashAuditRow } from './audit-log.js'

export interface AuditChainProblem {
  seq: number
  problem: string
}

export interface AuditChainReport {
  council: number
  councilName: string
  rowsChecked: number
  ok: boolean
  /** In seq order; at most MAX_PROBLEMS are kept (problemCount has the total). */
  problems: AuditChainProblem[]
  problemCount: number
}

export interface VerifyOptions {
  /** Rows read per query. Keyset pagination keeps memory flat however long the chain is. */
  batchSize?: number
}

const DEFAULT_BATCH = 5_000
const MAX_PROBLEMS = 1_000

/**
 * Walks each council's audit chain in seq order, recomputing every row's hash from its stored fields
 * and checking each row points at the one before it, that no seq is missing and that the chain head
 * (audit_chain) names the last row. Any edit, deletion or insertion made outside appendAudit shows
 * up as a problem at the seq where the chain stops adding up.
 *
 * The walk stops at the head read when it starts, so rows appended while it runs are left for the
 * next run rather than reported as strays.
 */
export async function verifyAuditChain(
  db: Db,
  councilId?: number,
  options: VerifyOptions = {},
): Promise<AuditChainReport[]> {
  let councils = db.selectFrom('council').select(['id', 'name']).orderBy('id')
  if (councilId !== undefined) councils = councils.where('id', '=', councilId)
  const reports: AuditChainReport[] = []
  for (const council of await councils.execute()) {
    reports.push(await verifyCouncil(db, council.id, council.name, options.batchSize ?? DEFAULT_BATCH))
  }
  return reports
}

async function verifyCouncil(
  db: Db,
  councilId: number,
  councilName: string,
  batchSize: number,
): Promise<AuditChainReport> {
  const problems: AuditChainProblem[] = []
  let problemCount = 0
  const report = (seq: number, problem: string) => {
    problemCount++
    if (problems.length < MAX_PROBLEMS) problems.push({ seq, problem })
  }

  const head = await db
    .selectFrom('audit_chain')
    .select(['last_seq', 'last_hash'])
    .where('council_id', '=', councilId)
    .executeTakeFirst()
  const headSeq = head === undefined ? undefined : Number(head.last_seq)

  let expectedSeq = 1
  let previousHash = GENESIS_HASH
  let lastSeq = 0
  let rowsChecked = 0
  for (;;) {
    let query = db
      .selectFrom('audit_event')
      .selectAll()
      .where('council_id', '=', councilId)
      .where('seq', '>', lastSeq)
      .orderBy('seq')
      .limit(batchSize)
    if (headSeq !== undefined) query = query.where('seq', '<=', headSeq)
    const rows = await query.execute()
    for (const row of rows) {
      const seq = Number(row.seq)
      const gap = seq !== expectedSeq
      if (gap) {
        report(
          expectedSeq,
          seq === expectedSeq + 1 ? `seq ${expectedSeq} is missing` : `seqs ${expectedSeq} to ${seq - 1} are missing`,
        )
      } else if (row.prev_hash !== previousHash) {
        // After a gap the link is bound to fail; the gap is the finding, so it is reported once.
        report(
          seq,
          seq === 1
            ? 'the first row does not start from the genesis hash'
            : `prev_hash does not match the hash of seq ${seq - 1}`,
        )
      }
      const recomputed = hashAuditRow({
        council_id: Number(row.council_id),
        seq,
        occurred_at: row.occurred_at.toISOString(),
        user_id: row.user_id === null ? null : Number(row.user_id),
        user_role: row.user_role,
        action: row.action,
        entity: row.entity,
        entity_id: row.entity_id,
        child_id: row.child_id === null ? null : Number(row.child_id),
        route: row.route,
        ip: row.ip,
        detail: canonicalDetail(row.detail),
        prev_hash: row.prev_hash,
      })
      if (recomputed !== row.hash) report(seq, 'the row’s contents do not match its hash (it has been changed)')
      previousHash = row.hash
      expectedSeq = seq + 1
      lastSeq = seq
      rowsChecked++
    }
    if (rows.length < batchSize) break
  }

  if (head === undefined) {
    if (rowsChecked > 0) report(lastSeq, 'the council has audit rows but no chain head (audit_chain)')
  } else {
    if (Number(head.last_seq) !== lastSeq) {
      report(
        Math.min(Number(head.last_seq), lastSeq + 1),
        `the chain head says the last seq is ${Number(head.last_seq)} but the last row is seq ${lastSeq}`,
      )
    } else if (head.last_hash !== previousHash) {
      report(lastSeq, `the chain head’s hash does not match the hash of seq ${lastSeq}`)
    }
  }
  // One statement, so a row committed concurrently with its head update is never counted as a stray.
  const strays = await sql<{ n: number; first: number | null }>`
    select count(*)::int as n, min(e.seq) as first from audit_event e
    where e.council_id = ${councilId}
      and e.seq > coalesce((select c.last_seq from audit_chain c where c.council_id = ${councilId}), ${lastSeq})`.execute(
    db,
  )
  const stray = strays.rows[0]
  if (stray !== undefined && Number(stray.n) > 0) {
    report(Number(stray.first), `${Number(stray.n)} row(s) lie beyond the chain head`)
  }
  problems.sort((a, b) => a.seq - b.seq)
  return { council: councilId, councilName, rowsChecked, ok: problemCount === 0, problems, problemCount }
}

/** The first seq at which any council's chain is broken, for the one-line summary. */
export function firstBreak(reports: AuditChainReport[]): { council: number; seq: number; problem: string } | undefined {
  for (const report of reports) {
    const first = report.problems[0]
    if (first !== undefined) return { council: report.council, seq: first.seq, problem: first.problem }
  }
  return undefined
}
