import type { Explanation } from './service.js'

const WHEN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' })

export interface ExplanationHistoryRow {
  revision: string
  author: string
  writtenAt: string
  text: string
  current: boolean
}

/** Rows for the history table: newest first, the first marked as the one shown beside the figure. */
export function explanationHistoryRows(history: readonly Explanation[]): ExplanationHistoryRow[] {
  return history.map((explanation, index) => ({
    revision: String(explanation.revision),
    author: explanation.authorName,
    writtenAt: WHEN.format(new Date(explanation.writtenAt)),
    text: explanation.text,
    current: index === 0,
  }))
}

/** "Written by Sam Patel on 3 May 2026 at 10:15" for the line under an explanation. */
export function explanationByline(explanation: Explanation): string {
  return `Written by ${explanation.authorName}, ${WHEN.format(new Date(explanation.writtenAt))}`
}
