import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import { sql } from 'kysely'
import { parse } from 'csv-parse/sync'
import { appendAudit, canonicalDetail, hashAuditRow } from '../src/areas/audit/audit-log.js'
import { CSV_COLUMNS, paginationFor, safeCell } from '../src/areas/audit/audit-view.js'
import { verifyAuditChain } from '../src/areas/audit/verify.js'
import { runCli } from '../src/cli.js'
import type { Db } from '../src/db/database.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, csrfFrom, signIn, testApp, type Agent } from './support/http.js'

let database: TestDatabase
let db: Db
let fixture: Fixture
let app: Express
let admin: Agent

beforeAll(async () => {
  database = await createTestDatabase()
  db = database.db
  fixture = await seedFixture(db)
  app = testApp(db)
  admin = await signIn(app, fixture.users.administrator.email, PASSWORD)
})
afterAll(() => database.destroy())

const latestRow = (where: { action: string; childId?: number; entity?: string }) => {
  let query = db
    .selectFrom('audit_event')
    .selectAll()
    .where('council_id', '=', fixture.councilId)
    .where('action', '=', where.action)
  if (where.childId !== undefined) query = query.where('child_id', '=', where.childId)
  if (where.entity !== undefined) query = query.where('entity', '=', where.entity)
  return query.orderBy('seq', 'desc').executeTakeFirst()
}

const chainHead = (councilId = fixture.councilId) =>
  db.selectFrom('audit_chain').selectAll().where('council_id', '=', councilId).executeTakeFirstOrThrow()

const countRows = async (where: { action: string; childId: number }) =>
  (
    await db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('council_id', '=', fixture.councilId)
      .where('action', '=', where.action)
      .where('child_id', '=', where.childId)
      .executeTakeFirstOrThrow()
  ).n

/** Runs a statement as the table owner with the append-only trigger off: how a tamperer with database access would. */
async function tamper(statement: (db: Db) => Promise<unknown>) {
  await sql`alter table audit_event disable trigger audit_event_no_update`.execute(db)
  try {
    await statement(db)
  } finally {
    await sql`alter table audit_event enable trigger audit_event_no_update`.execute(db)
  }
}

const councilReport = async (councilId = fixture.councilId) => {
  const [report] = await verifyAuditChain(db, councilId)
  if (report === undefined) throw new Error('no report')
  return report
}

describe('audit rows for reads, writes and refusals', () => {
  it('records a read of a child’s record naming the user, child, route and address', async () => {
    const worker = await signIn(app, fixture.users.social_worker.email, PASSWORD)
    const page = await worker.get(`/children/${fixture.children.allocatedToWorker}`)
    expect(page.status).toBe(200)
    const row = await latestRow({ action: 'read', childId: fixture.children.allocatedToWorker })
    expect(row).toMatchObject({
      user_id: fixture.users.social_worker.id,
      user_role: 'social_worker',
      entity: 'child',
      entity_id: String(fixture.children.allocatedToWorker),
      route: 'GET /children/:childId',
    })
    expect(row?.ip).toMatch(/127\.0\.0\.1|::1/)
  })

  it('records a change in the same transaction as the change itself', async () => {
    const childId = fixture.children.otherTeam
    const head = await signIn(app, fixture.users.head_of_service.email, PASSWORD)
    const path = `/children/${childId}/access`
    const before = await db.selectFrom('child').select('version').where('id', '=', childId).executeTakeFirstOrThrow()

    // Given a successful save: the change and its audit row are both there.
    const form = await head.get(path)
    const saved = await head
      .post(path)
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        restriction: 'restricted',
        reason: 'Relative of a member of staff',
        version: String(before.version),
      })
    expect(saved.status).toBe(303)
    const update = await latestRow({ action: 'update', childId })
    expect(update).toMatchObject({
      user_id: fixture.users.head_of_service.id,
      entity: 'child',
      route: 'POST /children/:childId/access',
    })
    expect(update?.detail).toMatchObject({ restriction: 'restricted' })

    // When a second save arrives with the stale version, it is refused and writes no audit row.
    const updatesBefore = await countRows({ action: 'update', childId })
    const stalePage = await head.get(path)
    const headBefore = await chainHead()
    const stale = await head
      .post(path)
      .type('form')
      .send({
        _csrf: csrfFrom(stalePage.text),
        restriction: 'sealed',
        reason: 'Adoption',
        version: String(before.version),
      })
    expect(stale.status).toBe(409)
    expect(await countRows({ action: 'update', childId })).toBe(updatesBefore)
    expect(await chainHead()).toEqual(headBefore)

    // And when the audit row itself cannot be written, the change is rolled back with it.
    await sql`create function test_audit_store_fails() returns trigger language plpgsql as $$
      begin raise exception 'audit store unavailable'; end $$`.execute(db)
    await sql`create trigger test_audit_store_fails after insert on audit_event for each row
      when (new.action = 'update') execute function test_audit_store_fails()`.execute(db)
    try {
      const current = await db
        .selectFrom('child')
        .select(['version', 'restriction'])
        .where('id', '=', childId)
        .executeTakeFirstOrThrow()
      const page = await head.get(path)
      const failed = await head
        .post(path)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), restriction: 'none', version: String(current.version) })
      expect(failed.status).toBe(500)
      const after = await db
        .selectFrom('child')
        .select(['version', 'restriction'])
        .where('id', '=', childId)
        .executeTakeFirstOrThrow()
      expect(after).toEqual(current)
      expect(await countRows({ action: 'update', childId })).toBe(updatesBefore)
    } finally {
      await sql`drop trigger test_audit_store_fails on audit_event`.execute(db)
      await sql`drop function test_audit_store_fails()`.execute(db)
    }

    // Put the record back as the fixture had it.
    const latest = await db.selectFrom('child').select('version').where('id', '=', childId).executeTakeFirstOrThrow()
    const page = await head.get(path)
    const reset = await head
      .post(path)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), restriction: 'none', version: String(latest.version) })
    expect(reset.status).toBe(303)
  })

  it('records an attempt to open a child outside the user’s scope as denied', async () => {
    const worker = await signIn(app, fixture.users.otherSocialWorker.email, PASSWORD)
    const response = await worker.get(`/children/${fixture.children.allocatedToWorker}`)
    expect(response.status).toBe(403)
    const row = await latestRow({ action: 'denied', childId: fixture.children.allocatedToWorker })
    expect(row).toMatchObject({
      user_id: fixture.users.otherSocialWorker.id,
      user_role: 'social_worker',
      route: 'GET /children/:childId',
    })
  })
})

describe('the audit log is append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on audit_event', async () => {
    await expect(
      db.updateTable('audit_event').set({ entity: 'nothing' }).where('seq', '=', 1).execute(),
    ).rejects.toThrow(/append-only/)
    await expect(db.deleteFrom('audit_event').where('seq', '=', 1).execute()).rejects.toThrow(/append-only/)
    await expect(sql`truncate audit_event`.execute(db)).rejects.toThrow(/append-only/)
    expect((await councilReport()).ok).toBe(true)
  })
})

describe('verifyAuditChain', () => {
  const middleRow = async () => {
    const head = await chainHead()
    const seq = Math.ceil(Number(head.last_seq) / 2)
    return db
      .selectFrom('audit_event')
      .selectAll()
      .where('council_id', '=', fixture.councilId)
      .where('seq', '=', seq)
      .executeTakeFirstOrThrow()
  }

  it('passes an intact chain, reading it in batches', async () => {
    const reports = await verifyAuditChain(db)
    expect(reports.map((report) => report.council)).toEqual([fixture.councilId, fixture.otherCouncilId])
    for (const report of reports) expect(report, `council ${report.council}`).toMatchObject({ ok: true, problems: [] })
    const head = await chainHead()
    const batched = await verifyAuditChain(db, fixture.councilId, { batchSize: 3 })
    expect(batched[0]).toMatchObject({ ok: true, rowsChecked: Number(head.last_seq) })
  })

  it('finds a row whose entity was changed, and only that row', async () => {
    const row = await middleRow()
    await tamper((db) =>
      db
        .updateTable('audit_event')
        .set({ entity: 'nothing_to_see' })
        .where('council_id', '=', row.council_id)
        .where('seq', '=', row.seq)
        .execute(),
    )
    const report = await councilReport()
    expect(report.ok).toBe(false)
    expect(report.problems).toEqual([{ seq: row.seq, problem: expect.stringMatching(/changed/) }])
    expect((await councilReport(fixture.otherCouncilId)).ok).toBe(true)
    await tamper((db) =>
      db
        .updateTable('audit_event')
        .set({ entity: row.entity })
        .where('council_id', '=', row.council_id)
        .where('seq', '=', row.seq)
        .execute(),
    )
    expect((await councilReport()).ok).toBe(true)
  })

  it('finds a row whose detail was changed, but not one whose keys were merely reordered', async () => {
    const row = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('council_id', '=', fixture.councilId)
      .where('action', '=', 'update')
      .where('detail', 'is not', null)
      .orderBy('seq')
      .executeTakeFirstOrThrow()
    const original = canonicalDetail(row.detail) as string
    const setDetail = (text: string) =>
      tamper((db) =>
        sql`update audit_event set detail = ${text}::jsonb where council_id = ${row.council_id} and seq = ${row.seq}`.execute(
          db,
        ),
      )

    await setDetail(JSON.stringify({ ...(row.detail as object), restriction: 'none' }))
    const report = await councilReport()
    expect(report.problems.map((problem) => problem.seq)).toEqual([row.seq])

    const reordered = Object.fromEntries(Object.entries(JSON.parse(original) as Record<string, unknown>).reverse())
    await setDetail(JSON.stringify(reordered))
    expect((await councilReport()).ok).toBe(true)
    await setDetail(original)
  })

  it('finds a changed row whose hash was recomputed, at the next row’s broken link', async () => {
    const row = await middleRow()
    const forged = hashAuditRow({
      council_id: row.council_id,
      seq: row.seq,
      occurred_at: row.occurred_at.toISOString(),
      user_id: row.user_id,
      user_role: row.user_role,
      action: row.action,
      entity: 'forged',
      entity_id: row.entity_id,
      child_id: row.child_id,
      route: row.route,
      ip: row.ip,
      detail: canonicalDetail(row.detail),
      prev_hash: row.prev_hash,
    })
    await tamper((db) =>
      db
        .updateTable('audit_event')
        .set({ entity: 'forged', hash: forged })
        .where('council_id', '=', row.council_id)
        .where('seq', '=', row.seq)
        .execute(),
    )
    const report = await councilReport()
    expect(report.problems).toEqual([{ seq: row.seq + 1, problem: expect.stringMatching(/prev_hash/) }])
    await tamper((db) =>
      db
        .updateTable('audit_event')
        .set({ entity: row.entity, hash: row.hash })
        .where('council_id', '=', row.council_id)
        .where('seq', '=', row.seq)
        .execute(),
    )
    expect((await councilReport()).ok).toBe(true)
  })

  const restore = (row: Awaited<ReturnType<typeof middleRow>>) =>
    db
      .insertInto('audit_event')
      .values({ ...row, detail: canonicalDetail(row.detail) })
      .execute()

  it('finds a deleted row as a gap in the sequence', async () => {
    const row = await middleRow()
    await tamper((db) =>
      db.deleteFrom('audit_event').where('council_id', '=', row.council_id).where('seq', '=', row.seq).execute(),
    )
    const report = await councilReport()
    expect(report.ok).toBe(false)
    expect(report.problems).toEqual([{ seq: row.seq, problem: `seq ${row.seq} is missing` }])
    await restore(row)
    expect((await councilReport()).ok).toBe(true)
  })

  it('finds a deleted last row through the chain head', async () => {
    const head = await chainHead()
    const last = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('council_id', '=', fixture.councilId)
      .where('seq', '=', Number(head.last_seq))
      .executeTakeFirstOrThrow()
    await tamper((db) =>
      db.deleteFrom('audit_event').where('council_id', '=', last.council_id).where('seq', '=', last.seq).execute(),
    )
    const report = await councilReport()
    expect(report.problems).toEqual([{ seq: last.seq, problem: expect.stringMatching(/chain head/) }])
    await restore(last)
    expect((await councilReport()).ok).toBe(true)
  })
})

describe('the harbour CLI', () => {
  const run = async (argv: string[], env: NodeJS.ProcessEnv | undefined = undefined) => {
    const out: string[] = []
    const err: string[] = []
    const code = await runCli(argv, {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      ...(env === undefined ? { withDatabase: (fn) => fn(db) } : { env }),
    })
    return { code, out: out.join('\n'), err: err.join('\n') }
  }

  it('prints help, and refuses an unknown command', async () => {
    const help = await run(['help'])
    expect(help.code).toBe(0)
    expect(help.out).toContain('audit verify [--council N]')
    expect(help.out).toContain('migrate')
    expect((await run(['frobnicate'])).code).toBe(2)
    expect((await run(['audit', 'verify', '--council', 'one'])).code).toBe(2)
  })

  it('audit verify exits 0 on an intact chain and 1 on a broken one, naming the first broken seq', async () => {
    const intact = await run(['audit', 'verify'])
    expect(intact.code).toBe(0)
    expect(intact.out).toMatch(/Council 1 \(Testbay Council\): .* chain intact/)
    expect(intact.out).toMatch(/Council 2 \(Elsewhere Council\): .* chain intact/)

    const row = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('council_id', '=', fixture.councilId)
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow()
    await tamper((db) =>
      db
        .updateTable('audit_event')
        .set({ ip: '203.0.113.9' })
        .where('council_id', '=', row.council_id)
        .where('seq', '=', 2)
        .execute(),
    )
    try {
      const broken = await run(['audit', 'verify'])
      expect(broken.code).toBe(1)
      expect(broken.err).toContain('first broken at seq 2')
      expect(broken.out).toContain('seq 2:')
      expect((await run(['audit', 'verify', '--council', String(fixture.otherCouncilId)])).code).toBe(0)
      expect((await run(['audit', 'verify', '--council', '99'])).code).toBe(1)
    } finally {
      await tamper((db) =>
        db
          .updateTable('audit_event')
          .set({ ip: row.ip })
          .where('council_id', '=', row.council_id)
          .where('seq', '=', 2)
          .execute(),
      )
    }
    expect((await run(['audit', 'verify'])).code).toBe(0)
  })

  it('explains a configuration mistake without a stack trace', async () => {
    const result = await run(['migrate'], { DATABASE_URL: 'mysql://somewhere/harbour' })
    expect(result.code).toBe(1)
    expect(result.err).toContain('DATABASE_URL must start with postgres://')
    expect(result.err).not.toMatch(/\n\s+at /)
  })
})

describe('who has looked at a child’s record (administrators)', () => {
  const lookUp = (query: string) => admin.get(`/admin/audit?${query}`)
  const tableRows = (html: string) =>
    $(html)('table tbody tr')
      .toArray()
      .map((row) =>
        $(html)(row)
          .find('td')
          .toArray()
          .map((cell) => $(html)(cell).text().trim()),
      )

  it('lists who opened and who was refused the record, newest first, and records the look', async () => {
    const childId = fixture.children.allocatedToWorker
    const page = await lookUp('child=T101')
    expect(page.status).toBe(200)
    expect($(page.text)('h1').text()).toBe('Who has looked at a child’s record')
    const rows = tableRows(page.text)
    const [newest] = rows
    expect(newest?.[1]).toBe('Test otherSocialWorker')
    expect(newest?.[3]).toBe('Refused access')
    expect(newest?.[5]).toBe('GET /children/:childId')
    expect(newest?.[6]).toMatch(/127\.0\.0\.1|::1/)
    expect(rows).toContainEqual(
      expect.arrayContaining(['Test social worker', 'Social worker', 'Opened', 'Child’s record']),
    )

    const look = await latestRow({ action: 'read', childId, entity: 'audit_event' })
    expect(look).toMatchObject({
      user_id: fixture.users.administrator.id,
      user_role: 'administrator',
      route: 'GET /admin/audit',
    })

    // The Harbour ID finds the same child, and this time the first look is on the list.
    const again = await lookUp(`child=${childId}`)
    const [first] = tableRows(again.text)
    expect(first?.slice(1, 5)).toEqual(['Test administrator', 'Administrator', 'Opened', 'Audit log of the record'])
  })

  it('says so when nobody has opened a record, or no child has the ID', async () => {
    expect($((await lookUp('child=T102')).text)('main').text()).toContain('Nobody has opened this record yet')
    expect($((await lookUp('child=NOSUCH1')).text)('main').text()).toContain('No child has that ID')
    // Another council's child is not there for this council's administrator.
    expect($((await lookUp('child=T105')).text)('main').text()).toContain('No child has that ID')
    const empty = await lookUp('child=')
    expect(empty.status).toBe(400)
    expect($(empty.text)('.govuk-error-summary').text()).toContain('Enter a Harbour child ID or LA child ID')
  })

  it('shows only the administrator’s own council', async () => {
    // A child in the other council with the same Harbour ID as one of ours has its own trail.
    await db.transaction().execute((trx) =>
      appendAudit(trx, {
        councilId: fixture.otherCouncilId,
        userId: fixture.users.otherCouncilWorker.id,
        userRole: 'social_worker',
        action: 'read',
        entity: 'child',
        childId: fixture.children.allocatedToWorker,
        route: 'GET /children/:childId',
        ip: '198.51.100.7',
      }),
    )
    const page = await lookUp(`child=${fixture.children.allocatedToWorker}`)
    expect(page.text).not.toContain('198.51.100.7')
    expect(page.text).not.toContain('Test otherCouncilWorker')
  })

  it('asks which child is meant when an ID is one child’s Harbour ID and another’s LA child ID', async () => {
    const { id: _id, ...template } = await db
      .selectFrom('child')
      .selectAll()
      .where('council_id', '=', fixture.councilId)
      .where('id', '=', fixture.children.sameTeam)
      .executeTakeFirstOrThrow()
    await db
      .insertInto('child')
      .values({ ...template, id: 201, la_child_id: String(fixture.children.allocatedToWorker), version: 1 })
      .execute()
    const page = await lookUp(`child=${fixture.children.allocatedToWorker}`)
    const links = $(page.text)('main ul.govuk-list a')
    expect(links.length).toBe(2)
    const byLa = await admin.get($(page.text)(links[1]).attr('href') as string)
    expect($(byLa.text)('main h2').first().text()).toContain('Harbour child ID 201')
  })

  it('pages long trails fifty at a time', async () => {
    const childId = fixture.children.restricted
    await db.transaction().execute(async (trx) => {
      for (let n = 0; n < 60; n++) {
        await appendAudit(trx, {
          councilId: fixture.councilId,
          userId: fixture.users.team_manager.id,
          userRole: 'team_manager',
          action: 'read',
          entity: 'child',
          childId,
          route: 'GET /children/:childId',
          ip: '192.0.2.1',
        })
      }
    })
    const first = await lookUp('child=T104')
    expect(tableRows(first.text)).toHaveLength(50)
    expect($(first.text)('main').text()).toContain('Showing 1 to 50 of 60')
    const next = $(first.text)('.govuk-pagination__next a').attr('href')
    expect(next).toBe('/admin/audit?child=T104&page=2')
    const second = await admin.get(next as string)
    // The first look is now on the trail too.
    expect(tableRows(second.text)).toHaveLength(11)
    expect($(second.text)('main').text()).toContain('Showing 51 to 61 of 61')
    expect($(second.text)('.govuk-pagination__prev a').attr('href')).toBe('/admin/audit?child=T104')
  })

  it('exports the trail as CSV with a header row, and records the export', async () => {
    const childId = fixture.children.allocatedToWorker
    const response = await admin.get('/admin/audit.csv?child=T101').buffer(true)
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/csv/)
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="?harbour-audit-child-T101-\d{4}-\d{2}-\d{2}\.csv"?$/,
    )
    const [header, ...records] = parse(response.text)
    expect(header).toEqual(CSV_COLUMNS.map((column) => column.header))
    const exportRow = await latestRow({ action: 'export', childId, entity: 'audit_event' })
    expect(exportRow).toMatchObject({ user_id: fixture.users.administrator.id, route: 'GET /admin/audit.csv' })
    const expected = await db
      .selectFrom('audit_event')
      .select('seq')
      .where('council_id', '=', fixture.councilId)
      .where('child_id', '=', childId)
      .where('seq', '<', exportRow?.seq as number)
      .orderBy('seq', 'desc')
      .execute()
    expect(records.map((record) => Number(record[0]))).toEqual(expected.map((row) => row.seq))
    const denied = records.find((record) => record[6] === 'denied')
    expect(denied?.[4]).toBe('Test otherSocialWorker')
    expect(denied?.[9]).toBe('GET /children/:childId')
  })

  it('sends an export for an unknown child back to the form', async () => {
    const response = await admin.get('/admin/audit.csv?child=NOSUCH1')
    expect(response.status).toBe(303)
    expect(response.headers['location']).toBe('/admin/audit?child=NOSUCH1')
  })

  it('refuses everyone else, and records nothing for them', async () => {
    for (const key of ['social_worker', 'councillor', 'head_of_service'] as const) {
      const agent = await signIn(app, fixture.users[key].email, PASSWORD)
      expect((await agent.get('/admin/audit?child=T101')).status, key).toBe(403)
      expect((await agent.get('/admin/audit.csv?child=T101')).status, key).toBe(403)
      const looks = await db
        .selectFrom('audit_event')
        .select('seq')
        .where('entity', '=', 'audit_event')
        .where('user_id', '=', fixture.users[key].id)
        .execute()
      expect(looks, key).toEqual([])
    }
  })

  it('leaves a chain that still verifies', async () => {
    expect((await verifyAuditChain(db)).every((report) => report.ok)).toBe(true)
  })
})

describe('audit view helpers', () => {
  it('neutralises spreadsheet formulas in exported cells', () => {
    expect(safeCell('=HYPERLINK("http://evil.example")')).toBe(`'=HYPERLINK("http://evil.example")`)
    expect(safeCell('@SUM(A1)')).toBe(`'@SUM(A1)`)
    expect(safeCell('Test social worker')).toBe('Test social worker')
  })

  it('builds GOV.UK pagination with ellipses', () => {
    const view = paginationFor(5, 10, (n) => `/p/${n}`)
    expect(view?.items.map((item) => ('number' in item ? item.number : '…'))).toEqual([1, '…', 4, 5, 6, '…', 10])
    expect(view?.previous?.href).toBe('/p/4')
    expect(view?.next?.href).toBe('/p/6')
    expect(paginationFor(1, 1, (n) => `/p/${n}`)).toBeUndefined()
  })
})
