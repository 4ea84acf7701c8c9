import { formatUkDate } from '../../web/nunjucks.js'
import { datePartsFromIso } from '../../web/forms/date-input.js'
import { londonTime } from './event-summary.js'
import { CHILD_SEEN, noteTypeLabel } from './labels.js'
import { londonDateAndTime } from './london-time.js'
import type { CaseNoteWithAuthor } from './note-queries.js'

type SummaryRow = { key: { text: string }; value: { text: string } }

export function authorOf(note: Pick<CaseNoteWithAuthor, 'author_display_name' | 'author_name'>): string {
  return note.author_display_name ?? note.author_name ?? 'Unknown'
}

/** '3 March 2026 at 14:30' in Europe/London. */
export function londonDateTimeText(instant: Date): string {
  const { date } = londonDateAndTime(instant)
  return `${formatUkDate(date)} at ${londonTime(instant)}`
}

/** The summary-list rows of a case note (its text is shown on its own, below them). */
export function noteSummaryRows(note: CaseNoteWithAuthor): SummaryRow[] {
  const rows: SummaryRow[] = [
    { key: { text: 'Type of note' }, value: { text: noteTypeLabel(note.note_type) } },
    { key: { text: 'When it happened' }, value: { text: londonDateTimeText(new Date(note.occurred_at)) } },
    { key: { text: 'Written by' }, value: { text: authorOf(note) } },
    { key: { text: 'Written on' }, value: { text: londonDateTimeText(new Date(note.created_at)) } },
  ]
  if (note.people_present !== null)
    rows.push({ key: { text: 'Who was present or seen' }, value: { text: note.people_present } })
  if (note.child_seen !== null) {
    rows.push({
      key: { text: 'Was the child seen' },
      value: { text: CHILD_SEEN.find((option) => option.value === note.child_seen)?.label ?? note.child_seen },
    })
  }
  if (note.version > 1) {
    rows.push({
      key: { text: 'Corrected' },
      value: { text: `Corrected by its author on ${londonDateTimeText(new Date(note.updated_at))}` },
    })
  }
  return rows
}

/** The values a correction form opens with. */
export function noteFormValues(note: CaseNoteWithAuthor): Record<string, string> {
  const when = londonDateAndTime(new Date(note.occurred_at))
  return {
    type: note.note_type,
    ...datePartsFromIso('occurred', when.date),
    'occurred-time': when.time,
    present: note.people_present ?? '',
    'child-seen': note.child_seen ?? '',
    title: note.title ?? '',
    body: note.body,
    version: String(note.version),
  }
}

/** The values a new note form opens with: now. */
export function newNoteFormValues(type: string | undefined, now = new Date()): Record<string, string> {
  const when = londonDateAndTime(now)
  return { type: type ?? '', ...datePartsFromIso('occurred', when.date), 'occurred-time': when.time }
}

/** A note's text as paragraphs of lines, so line breaks the writer typed are kept without raw HTML. */
export function textParagraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.split('\n').map((line) => line.trimEnd()))
    .filter((lines) => lines.some((line) => line.trim() !== ''))
}
