import type { Request, Response } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { NotFoundError } from '../../web/errors.js'
import { fieldError, formErrors, type FormErrors, NO_ERRORS } from '../../web/form-errors.js'
import { roleHas } from '../../web/permissions.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { childPageContext, childPath } from '../children/child-sections.js'
import { CHILD_SEEN, NOTE_TYPES } from './labels.js'
import { addendaOf, findCaseNote, type CaseNoteWithAuthor } from './note-queries.js'
import { addendumSchema, correctNoteSchema, newNoteSchema } from './note-schemas.js'
import {
  CaseNoteRuleError,
  correctCaseNote,
  correctionAllowed,
  CorrectionClosedError,
  noteInputFromForm,
  recordAddendum,
  recordCaseNote,
} from './note-service.js'
import {
  authorOf,
  londonDateTimeText,
  newNoteFormValues,
  noteFormValues,
  noteSummaryRows,
  textParagraphs,
} from './note-view.js'

export const notePath = (childId: number, noteId: number) => `/children/${childId}/notes/${noteId}`

function noteIdFrom(request: Request): number {
  const id = Number(request.params['noteId'])
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError()
  return id
}

/** Radios for the type of note: management oversight only for those who may record it. */
function noteTypeItems(user: SignedInUser, selected: unknown) {
  return NOTE_TYPES.filter((type) => type.value !== 'management_oversight' || roleHas(user.role, 'child:manage')).map(
    (type) => ({
      value: type.value,
      text: type.label,
      ...(type.hint === undefined ? {} : { hint: { text: type.hint } }),
      checked: type.value === selected,
    }),
  )
}

const childSeenItems = (selected: unknown) => [
  ...CHILD_SEEN.map((option) => ({ value: option.value, text: option.label, checked: option.value === selected })),
  { divider: 'or' },
  { value: 'not_applicable', text: 'Does not apply to this note', checked: selected === 'not_applicable' },
]

export function caseNoteRoutes(db: Db): RouteDefinition[] {
  const loadNote = async (user: SignedInUser, childId: number, noteId: number): Promise<CaseNoteWithAuthor> => {
    const note = await findCaseNote(db, user.councilId, childId, noteId)
    if (note === undefined) throw new NotFoundError()
    return note
  }

  const renderForm = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    values: Record<string, unknown>,
    errors: FormErrors,
    correcting?: CaseNoteWithAuthor,
  ) => {
    const page = await childPageContext(db, user.councilId, childId, 'chronology')
    response.render('chronology/views/note-form.njk', {
      title: correcting === undefined ? 'Add a case note' : 'Correct a case note',
      ...page,
      values,
      ...errors,
      correcting,
      action: correcting === undefined ? `/children/${childId}/notes` : `${notePath(childId, correcting.id)}/correct`,
      backHref: correcting === undefined ? childPath(childId, 'chronology') : notePath(childId, correcting.id),
      typeItems: noteTypeItems(user, values['type']),
      childSeenItems: childSeenItems(values['child-seen']),
    })
  }

  const renderLocked = async (response: Response, user: SignedInUser, childId: number, note: CaseNoteWithAuthor) => {
    const page = await childPageContext(db, user.councilId, childId, 'chronology')
    response.status(403).render('chronology/views/note-locked.njk', {
      title: 'This note can no longer be corrected',
      ...page,
      note,
      ownNote: note.author_id === user.id,
      canAddAddendum: note.note_type !== 'management_oversight' || roleHas(user.role, 'child:manage'),
      addendumHref: `${notePath(childId, note.id)}/addendum`,
    })
  }

  const renderAddendum = async (
    response: Response,
    user: SignedInUser,
    childId: number,
    note: CaseNoteWithAuthor,
    values: Record<string, unknown>,
    errors: FormErrors,
  ) => {
    const page = await childPageContext(db, user.councilId, childId, 'chronology')
    response.render('chronology/views/addendum.njk', {
      title: 'Add an addendum',
      ...page,
      note,
      noteRows: noteSummaryRows(note),
      values,
      ...errors,
    })
  }

  return [
    get({
      path: '/children/:childId/notes/new',
      name: 'Add a case note',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'case_note' },
      handler: async (request, response, { user, childId }) => {
        const type = typeof request.query['type'] === 'string' ? request.query['type'] : undefined
        await renderForm(response, user, childId as number, newNoteFormValues(type), NO_ERRORS)
      },
    }),
    post({
      path: '/children/:childId/notes',
      name: 'Save a case note',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'case_note' },
      body: newNoteSchema,
      invalid: async (request, response, { user, childId }, issues) =>
        renderForm(response, user, childId as number, request.body as Record<string, unknown>, formErrors(issues)),
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        try {
          await recordCaseNote(db, user, id, noteInputFromForm(body), ip)
        } catch (error) {
          if (!(error instanceof CaseNoteRuleError)) throw error
          response.status(400)
          return renderForm(
            response,
            user,
            id,
            request.body as Record<string, unknown>,
            fieldError(error.field, error.message),
          )
        }
        markAudited()
        response.redirect(303, `${childPath(id, 'chronology')}?saved=note`)
      },
    }),
    get({
      path: '/children/:childId/notes/:noteId',
      name: 'A case note',
      permission: 'child:read',
      audit: { kind: 'child', entity: 'case_note' },
      handler: async (request, response, { user, childId }) => {
        const id = childId as number
        const note = await loadNote(user, id, noteIdFrom(request))
        const page = await childPageContext(db, user.councilId, id, 'chronology')
        const original =
          note.related_entity === 'case_note' && note.related_id !== null
            ? await findCaseNote(db, user.councilId, id, note.related_id)
            : undefined
        const addenda = await addendaOf(db, user.councilId, id, note.id)
        const canWrite = roleHas(user.role, 'child:write')
        response.render('chronology/views/note.njk', {
          title: note.title ?? 'Case note',
          ...page,
          note,
          noteRows: noteSummaryRows(note),
          noteParagraphs: textParagraphs(note.body),
          original,
          originalHref: original === undefined ? undefined : notePath(id, original.id),
          addenda: addenda.map((addendum) => ({
            ...addendum,
            author: authorOf(addendum),
            writtenText: londonDateTimeText(new Date(addendum.created_at)),
            href: notePath(id, addendum.id),
            paragraphs: textParagraphs(addendum.body),
          })),
          canCorrect: canWrite && correctionAllowed(note, user),
          canAddAddendum: canWrite && (note.note_type !== 'management_oversight' || roleHas(user.role, 'child:manage')),
          correctHref: `${notePath(id, note.id)}/correct`,
          addendumHref: `${notePath(id, note.id)}/addendum`,
          saved: typeof request.query['saved'] === 'string' ? request.query['saved'] : undefined,
        })
      },
    }),
    get({
      path: '/children/:childId/notes/:noteId/correct',
      name: 'Correct a case note',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'case_note' },
      handler: async (request, response, { user, childId }) => {
        const id = childId as number
        const note = await loadNote(user, id, noteIdFrom(request))
        if (!correctionAllowed(note, user)) return renderLocked(response, user, id, note)
        await renderForm(response, user, id, noteFormValues(note), NO_ERRORS, note)
      },
    }),
    post({
      path: '/children/:childId/notes/:noteId/correct',
      name: 'Save a correction to a case note',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'case_note' },
      body: correctNoteSchema,
      invalid: async (request, response, { user, childId }, issues) => {
        const note = await loadNote(user, childId as number, noteIdFrom(request))
        await renderForm(
          response,
          user,
          childId as number,
          request.body as Record<string, unknown>,
          formErrors(issues),
          note,
        )
      },
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        const noteId = noteIdFrom(request)
        try {
          await correctCaseNote(db, user, id, noteId, noteInputFromForm(body), body.version, ip)
        } catch (error) {
          if (error instanceof CorrectionClosedError)
            return renderLocked(response, user, id, await loadNote(user, id, noteId))
          if (!(error instanceof CaseNoteRuleError)) throw error
          response.status(400)
          return renderForm(
            response,
            user,
            id,
            request.body as Record<string, unknown>,
            fieldError(error.field, error.message),
            await loadNote(user, id, noteId),
          )
        }
        markAudited()
        response.redirect(303, `${notePath(id, noteId)}?saved=corrected`)
      },
    }),
    get({
      path: '/children/:childId/notes/:noteId/addendum',
      name: 'Add an addendum to a case note',
      permission: 'child:write',
      audit: { kind: 'child', entity: 'case_note' },
      handler: async (request, response, { user, childId }) => {
        const note = await loadNote(user, childId as number, noteIdFrom(request))
        await renderAddendum(response, user, childId as number, note, {}, NO_ERRORS)
      },
    }),
    post({
      path: '/children/:childId/notes/:noteId/addendum',
      name: 'Save an addendum to a case note',
      permission: 'child:write',
      audit: { kind: 'write', entity: 'case_note' },
      body: addendumSchema,
      invalid: async (request, response, { user, childId }, issues) => {
        const note = await loadNote(user, childId as number, noteIdFrom(request))
        await renderAddendum(
          response,
          user,
          childId as number,
          note,
          request.body as Record<string, unknown>,
          formErrors(issues),
        )
      },
      handler: async (request, response, { user, childId, body, ip, markAudited }) => {
        const id = childId as number
        const noteId = noteIdFrom(request)
        await loadNote(user, id, noteId)
        const { originalId } = await recordAddendum(db, user, id, noteId, body.body, ip)
        markAudited()
        response.redirect(303, `${notePath(id, originalId)}?saved=addendum`)
      },
    }),
  ]
}
