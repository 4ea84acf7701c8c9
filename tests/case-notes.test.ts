import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import { sql } from 'kysely'
import type { Db } from '../src/db/database.js'
import { todayInLondon } from '../src/web/forms/date-input.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js'
import { $, signIn, submitForm, testApp, type Agent } from './support/http.js'

let database: TestDatabase
let db: Db
let fixture: Fixture
let app: Express
let worker: Agent
let manager: Agent
let colleague: Agent
let child: number

beforeAll(async () => {
  database = await createTestDatabase()
  db = database.db
  fixture = await seedFixture(db)
  app = testApp(db)
  worker = await signIn(app, fixture.users.social_worker.email, PASSWORD)
  manager = await signIn(app, fixture.users.team_manager.email, PASSWORD)
  // In the same team, so the child is in scope: but not the author of the worker's notes.
  colleague = await signIn(app, fixture.users.otherTeamWorker.email, PASSWORD)
  child = fixture.children.allocatedToWorker
})
afterAll(() => database.destroy())

/** Yesterday in London, as the date input's three boxes. */
function yesterday(): Record<string, string> {
  const [year, month, day] = todayInLondon(new Date(Date.now() - 86_400_000)).split('-')
  return { 'occurred-day': String(Number(day)), 'occurred-month': String(Number(month)), 'occurred-year': year ?? '' }
}

const validNote = (fields: Record<string, string> = {}) => ({
  type: 'visit',
  ...yesterday(),
  'occurred-time': '16:45',
  present: 'The child and her mother',
  'child-seen': 'seen_alone',
  title: 'Home visit',
  body: 'Saw Amy alone in her bedroom. She said school is going better. Next visit in two weeks.',
  ...fields,
})

const notesOf = (childId: number) =>
  db.selectFrom('case_note').selectAll().where('child_id', '=', childId).orderBy('id').execute()

const errorSummary = (html: string) => $(html)('.govuk-error-summary').text().replace(/\s+/g, ' ')

async function addNote(agent: Agent, fields: Record<string, string> = {}, childId = child) {
  return submitForm(agent, `/children/${childId}/notes/new`, `/children/${childId}/notes`, validNote(fields))
}

async function latestNoteId(childId = child): Promise<number> {
  const rows = await notesOf(childId)
  return Number(rows.at(-1)?.id)
}

describe('adding a case note', () => {
  it('shows the form with the hint on how to write a note, without management oversight for a worker', async () => {
    const response = await worker.get(`/children/${child}/notes/new`)
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('h1').text()).toBe('Add a case note')
    expect(page('#body-hint').text()).toContain('Write so a new worker could pick the case up')
    expect(page('input[name=type][value=visit]').length).toBe(1)
    expect(page('input[name=type][value=management_oversight]').length).toBe(0)
    const managerForm = $((await manager.get(`/children/${child}/notes/new`)).text)
    expect(managerForm('input[name=type][value=management_oversight]').length).toBe(1)
  })

  it('saves the note with its author, time and who was seen, audits it and shows it in the chronology', async () => {
    const response = await addNote(worker)
    expect(response.status).toBe(303)
    expect(response.headers['location']).toBe(`/children/${child}/chronology?saved=note`)
    const [note] = await notesOf(child)
    expect(note).toMatchObject({
      note_type: 'visit',
      author_id: fixture.users.social_worker.id,
      people_present: 'The child and her mother',
      child_seen: 'seen_alone',
      title: 'Home visit',
      version: 1,
    })
    const wallClock = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(note?.occurred_at as Date))
    expect(wallClock).toBe('16:45')
    const audit = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('entity', '=', 'case_note')
      .where('action', '=', 'create')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({
      child_id: child,
      entity_id: String(note?.id),
      user_id: fixture.users.social_worker.id,
    })
    expect(JSON.stringify(audit.detail)).not.toContain('bedroom')
    const chronology = await worker.get(`/children/${child}/chronology?saved=note`)
    const page = $(chronology.text)
    expect(page('.govuk-notification-banner--success').text()).toContain('Your case note has been saved')
    expect(page('main table').text()).toContain('Visit by Test social worker: “Home visit”: child seen alone')
  })

  it('refuses a note without its type, text or time, saying what to fix', async () => {
    const before = (await notesOf(child)).length
    const response = await addNote(worker, { type: '', body: '   ', 'occurred-time': '' })
    expect(response.status).toBe(400)
    const summary = errorSummary(response.text)
    expect(summary).toContain('Select the type of note')
    expect(summary).toContain('Enter the note')
    expect(summary).toContain('Enter the time it happened')
    expect($(response.text)('#present').val()).toBe('The child and her mother')
    expect((await notesOf(child)).length).toBe(before)
  })

  it('refuses a time that is not real or a date in the future', async () => {
    const bad = await addNote(worker, { 'occurred-time': '25:61' })
    expect(bad.status).toBe(400)
    expect(errorSummary(bad.text)).toContain('The time it happened must be a real time, for example 14:30')
    const nextYear = String(new Date().getFullYear() + 1)
    const future = await addNote(worker, { 'occurred-year': nextYear })
    expect(future.status).toBe(400)
    expect(errorSummary(future.text)).toContain('The date it happened must be today or in the past')
  })

  it('refuses management oversight from a social worker, and takes it from a manager', async () => {
    const before = (await notesOf(child)).length
    const refused = await addNote(worker, { type: 'management_oversight' })
    expect(refused.status).toBe(403)
    expect((await notesOf(child)).length).toBe(before)
    const accepted = await addNote(manager, {
      type: 'management_oversight',
      title: 'Oversight',
      'child-seen': 'not_applicable',
    })
    expect(accepted.status).toBe(303)
    const note = (await notesOf(child)).at(-1)
    expect(note).toMatchObject({
      note_type: 'management_oversight',
      author_id: fixture.users.team_manager.id,
      child_seen: null,
    })
  })

  it('refuses a note on a child outside the worker’s scope and writes nothing', async () => {
    const other = fixture.children.otherTeam
    const home = await worker.get(`/children/${child}/notes/new`)
    const token = $(home.text)('input[name=_csrf]').val() as string
    const response = await worker
      .post(`/children/${other}/notes`)
      .type('form')
      .send({ _csrf: token, ...validNote() })
    expect(response.status).toBe(403)
    expect(await notesOf(other)).toEqual([])
  })
})

describe('reading, correcting and adding to a note', () => {
  let noteId: number

  beforeAll(async () => {
    await addNote(worker, { title: 'Phone call to school', type: 'phone_call', 'child-seen': 'not_applicable' })
    noteId = await latestNoteId()
  })

  it('shows the note with who wrote it and what was written', async () => {
    const response = await worker.get(`/children/${child}/notes/${noteId}`)
    expect(response.status).toBe(200)
    const page = $(response.text)
    expect(page('h1').text()).toBe('Phone call to school')
    expect(page('.govuk-summary-list').text()).toContain('Test social worker')
    expect(page('main').text()).toContain('She said school is going better')
    expect(page('a:contains("Correct this note")').length).toBe(1)
    expect((await worker.get(`/children/${child}/notes/999999`)).status).toBe(404)
  })

  it('lets the author correct it within 24 hours, over the version they opened', async () => {
    const form = await worker.get(`/children/${child}/notes/${noteId}/correct`)
    expect(form.status).toBe(200)
    expect($(form.text)('#body').text()).toContain('She said school is going better')
    const response = await submitForm(
      worker,
      `/children/${child}/notes/${noteId}/correct`,
      `/children/${child}/notes/${noteId}/correct`,
      validNote({
        type: 'phone_call',
        title: 'Phone call to school',
        body: 'Corrected: spoke to the head teacher.',
        version: '1',
      }),
    )
    expect(response.status).toBe(303)
    expect(response.headers['location']).toBe(`/children/${child}/notes/${noteId}?saved=corrected`)
    const note = await db.selectFrom('case_note').selectAll().where('id', '=', noteId).executeTakeFirstOrThrow()
    expect(note).toMatchObject({ body: 'Corrected: spoke to the head teacher.', version: 2 })
    const audit = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('entity', '=', 'case_note')
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ entity_id: String(noteId), detail: { fields: expect.arrayContaining(['body']) } })
  })

  it('shows a conflict, not an overwrite, when the correction was opened on an older version', async () => {
    const response = await submitForm(
      worker,
      `/children/${child}/notes/${noteId}/correct`,
      `/children/${child}/notes/${noteId}/correct`,
      validNote({ type: 'phone_call', body: 'A stale edit', version: '1' }),
    )
    expect(response.status).toBe(409)
    expect($(response.text)('h1').text()).toBe('Someone else has changed this record')
    const note = await db.selectFrom('case_note').select('body').where('id', '=', noteId).executeTakeFirstOrThrow()
    expect(note.body).toBe('Corrected: spoke to the head teacher.')
  })

  it('refuses a correction by someone other than the author', async () => {
    const page = await colleague.get(`/children/${child}/notes/${noteId}/correct`)
    expect(page.status).toBe(403)
    expect($(page.text)('h1').text()).toBe('This note can no longer be corrected')
    const response = await submitForm(
      colleague,
      `/children/${child}/notes/${noteId}`,
      `/children/${child}/notes/${noteId}/correct`,
      validNote({ type: 'phone_call', body: 'Not mine to change', version: '2' }),
    )
    expect(response.status).toBe(403)
    const note = await db.selectFrom('case_note').select('body').where('id', '=', noteId).executeTakeFirstOrThrow()
    expect(note.body).toBe('Corrected: spoke to the head teacher.')
  })

  it('refuses a correction more than 24 hours after the note was written, offering an addendum', async () => {
    await db
      .updateTable('case_note')
      .set({ created_at: sql<Date>`now() - interval '25 hours'` })
      .where('id', '=', noteId)
      .execute()
    const note = await worker.get(`/children/${child}/notes/${noteId}`)
    expect($(note.text)('a:contains("Correct this note")').length).toBe(0)
    const page = await worker.get(`/children/${child}/notes/${noteId}/correct`)
    expect(page.status).toBe(403)
    expect($(page.text)('main').text()).toContain('written more than 24 hours ago')
    const response = await submitForm(
      worker,
      `/children/${child}/notes/${noteId}`,
      `/children/${child}/notes/${noteId}/correct`,
      validNote({ type: 'phone_call', body: 'Too late', version: '2' }),
    )
    expect(response.status).toBe(403)
    const stored = await db.selectFrom('case_note').select('body').where('id', '=', noteId).executeTakeFirstOrThrow()
    expect(stored.body).toBe('Corrected: spoke to the head teacher.')
  })

  it('adds an addendum as a new note linked to the original', async () => {
    const empty = await submitForm(
      worker,
      `/children/${child}/notes/${noteId}/addendum`,
      `/children/${child}/notes/${noteId}/addendum`,
      { body: '' },
    )
    expect(empty.status).toBe(400)
    expect(errorSummary(empty.text)).toContain('Enter the addendum')
    const response = await submitForm(
      worker,
      `/children/${child}/notes/${noteId}/addendum`,
      `/children/${child}/notes/${noteId}/addendum`,
      { body: 'The head teacher called back: attendance is now 95%.' },
    )
    expect(response.status).toBe(303)
    expect(response.headers['location']).toBe(`/children/${child}/notes/${noteId}?saved=addendum`)
    const addendum = (await notesOf(child)).at(-1)
    expect(addendum).toMatchObject({
      related_entity: 'case_note',
      related_id: noteId,
      note_type: 'phone_call',
      author_id: fixture.users.social_worker.id,
    })
    const original = await worker.get(`/children/${child}/notes/${noteId}?saved=addendum`)
    const page = $(original.text)
    expect(page('.govuk-notification-banner--success').text()).toContain('Your addendum has been added')
    expect(page('main').text()).toContain('attendance is now 95%')
    const own = await worker.get(`/children/${child}/notes/${addendum?.id}`)
    expect($(own.text)('.govuk-inset-text a').attr('href')).toBe(`/children/${child}/notes/${noteId}`)
    const chronology = await worker.get(`/children/${child}/chronology?type=case_note`)
    expect($(chronology.text)('main table').text()).toContain('Phone call (addendum) by Test social worker')
  })

  it('refuses an addendum to management oversight from a social worker', async () => {
    const oversight = (await notesOf(child)).find((note) => note.note_type === 'management_oversight')
    const before = (await notesOf(child)).length
    const response = await submitForm(
      worker,
      `/children/${child}/notes/${noteId}/addendum`,
      `/children/${child}/notes/${oversight?.id}/addendum`,
      { body: 'I disagree' },
    )
    expect(response.status).toBe(403)
    expect((await notesOf(child)).length).toBe(before)
  })
})
