import { formatUkDate } from '../../web/nunjucks.js'
import { codeLabel } from '../codes/code-lists.js'
import type { MissedVisitReason, VisitType } from '../../db/tables/compliance.js'
import type { IsoDate } from './calendar.js'
import { EVENT_LABELS, FAMILY_LABELS, type DueItem } from './due-item.js'
import type { Limit, RuleBook } from './rule-book.js'
import { trayStatus, type TrayItem, type TrayStatus } from './tray.js'

/** Turning due items, visits and escalations into rows for the Design System's tables. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

const UNIT_WORDS: Record<Limit['unit'], [string, string]> = {
  working_days: ['working day', 'working days'],
  calendar_days: ['day', 'days'],
  calendar_weeks: ['week', 'weeks'],
  calendar_months: ['month', 'months'],
  school_terms: ['school term', 'school terms'],
}

export function describeLimit(limit: Limit | null): string {
  if (limit === null) return 'no fixed limit'
  const [one, many] = UNIT_WORDS[limit.unit]
  return `${limit.timeLimit} ${limit.timeLimit === 1 ? one : many}`
}

export const VISIT_TYPE_LABELS: Record<VisitType, string> = {
  looked_after: 'Looked-after child visit',
  child_protection: 'Child protection visit',
  child_in_need: 'Child in need visit',
  care_leaver: 'Care leaver visit',
  private_fostering: 'Private fostering visit',
  other: 'Other visit',
}

export function statusTag(status: TrayStatus, daysOverdue: number): string {
  switch (status) {
    case 'overdue':
      return `<strong class="govuk-tag govuk-tag--red">Overdue by ${daysOverdue} day${daysOverdue === 1 ? '' : 's'}</strong>`
    case 'this_week':
      return '<strong class="govuk-tag govuk-tag--yellow">Due this week</strong>'
    case 'later':
      return '<strong class="govuk-tag govuk-tag--grey">Due later</strong>'
  }
}

/** Why an item is due, in words: the rule, its limit, and the event and date it counts from. */
export function whyDue(item: DueItem, rules: RuleBook): string {
  const rule = rules.rule(item.ruleId)
  const local = rules.localRule(item.ruleId, item.fromDate)
  const limit = rules.limit(item.ruleId, item.fromDate)
  const standard = local !== undefined ? ' (this council’s standard)' : ''
  return `${describeLimit(limit)}${standard} from ${EVENT_LABELS[item.fromEvent]} on ${formatUkDate(item.fromDate)}. ${rule?.name ?? item.ruleId}.`
}

export function reasonLabel(reason: MissedVisitReason, text: string | null): string {
  const label = codeLabel('MISSED_VISIT_REASON', reason) ?? reason
  return reason === 'other' && text !== null ? `${label}: ${text}` : label
}

/** Rows for "What is due" on a child's visits page. */
export function childDueRows(
  items: readonly DueItem[],
  rules: RuleBook,
  asAt: IsoDate,
  options: {
    childId: number
    canRecordReason: boolean
    reasons: Map<string, { reason: MissedVisitReason; reasonText: string | null; rearrangedFor: IsoDate | null }>
  },
) {
  return items.map((item) => {
    const status = trayStatus(item.dueDate, asAt)
    const daysOverdue =
      status === 'overdue' ? Math.round((Date.parse(asAt) - Date.parse(item.dueDate)) / 86_400_000) : 0
    const reason = item.visitType === null ? undefined : options.reasons.get(`${item.visitType}|${item.dueDate}`)
    let action = ''
    if (status === 'overdue' && item.visitType !== null) {
      if (reason !== undefined) {
        action = `Reason: ${escapeHtml(reasonLabel(reason.reason, reason.reasonText))}${
          reason.rearrangedFor === null ? '' : `. Now planned for ${escapeHtml(formatUkDate(reason.rearrangedFor))}`
        }`
      } else if (options.canRecordReason) {
        const query = new URLSearchParams({ visitType: item.visitType, dueDate: item.dueDate }).toString()
        action = `<a class="govuk-link" href="/children/${options.childId}/visits/missed/new?${escapeHtml(query)}">Record why<span class="govuk-visually-hidden"> the ${escapeHtml(FAMILY_LABELS[item.family].toLowerCase())} is late</span></a>`
      } else {
        action = 'No reason recorded'
      }
    }
    return [
      { text: FAMILY_LABELS[item.family] },
      { text: formatUkDate(item.dueDate) },
      { html: statusTag(status, daysOverdue) },
      {
        html: `${escapeHtml(whyDue(item, rules))} <a class="govuk-link" href="/timescales#${escapeHtml(item.ruleId)}">Source<span class="govuk-visually-hidden">: ${escapeHtml(item.ruleId)}</span></a>`,
      },
      { html: action === '' ? '<span class="govuk-visually-hidden">Nothing to record</span>' : action },
    ]
  })
}

/** Rows for a work tray: one per item, the child linked to their visits page. */
export function trayRows(items: readonly TrayItem[], options: { showWorker: boolean; showTeam: boolean }) {
  return items.map((item) => {
    const child = `<a class="govuk-link" href="/children/${item.childId}/visits">${escapeHtml(item.childName)}</a><br><span class="govuk-body-s">${escapeHtml(item.laChildId)}</span>`
    const reason =
      item.missedReason === null
        ? item.status === 'overdue' && item.visitType !== null
          ? 'Reason needed'
          : ''
        : reasonLabel(item.missedReason.reason, item.missedReason.reasonText)
    return [
      { html: child },
      { text: FAMILY_LABELS[item.family] },
      { text: formatUkDate(item.dueDate) },
      { html: statusTag(item.status, item.daysOverdue) },
      ...(options.showWorker ? [{ text: item.workerName ?? 'Not allocated' }] : []),
      ...(options.showTeam ? [{ text: item.teamName ?? 'Not allocated' }] : []),
      { text: reason },
    ]
  })
}

export function trayHead(options: { showWorker: boolean; showTeam: boolean }) {
  return [
    { text: 'Child' },
    { text: 'What' },
    { text: 'Due' },
    { text: 'Status' },
    ...(options.showWorker ? [{ text: 'Worker' }] : []),
    ...(options.showTeam ? [{ text: 'Team' }] : []),
    { text: 'Missed visit reason' },
  ]
}

export function yesNo(value: boolean | null): string {
  return value === null ? 'Not applicable' : value ? 'Yes' : 'No'
}

export const CONFIRMATION_LABELS: Record<string, string> = {
  confirmed: 'Young person confirmed it happened',
  denied: 'Young person said it did not happen',
  waiting: 'Code sent, no answer yet',
  expired: 'Code expired without an answer',
}
