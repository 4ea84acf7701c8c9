import { codeLabel } from '../codes/code-lists.js'
import { codeRadioItems } from '../../web/forms/code-options.js'
import { londonDate, londonTime } from './london-time.js'
import {
  decisionDueDate,
  decisionTimeliness,
  MASH_DECISION_LABELS,
  MASH_DECISIONS,
  type MashDecisionCode,
} from './mash-decision.js'
import { ukDate } from './record-rules.js'

/** View-shaping for the front door pages: rows for tables, summary lists and radios. */

export const ukDateTime = (instant: Date) => `${ukDate(londonDate(instant))} at ${londonTime(instant)}`

const sourceLabel = (code: string) => codeLabel('ReferralSource', code) ?? `Code ${code}`

export interface Tag {
  text: string
  classes: string
}

export interface ContactRow {
  id: number
  received: string
  source: string
  referrer: string
  decision: string
  decidedAt: string
  timeliness: Tag
  decisionHref: string | null
}

export function contactRows(
  childId: number,
  contacts: readonly {
    id: number
    received_at: Date
    source: string
    referrer_name: string | null
    referrer_organisation: string | null
    mash_decision: MashDecisionCode | null
    mash_decision_at: Date | null
  }[],
  now: Date = new Date(),
): ContactRow[] {
  return contacts.map((contact) => {
    const timeliness = decisionTimeliness(contact.received_at, contact.mash_decision_at, now)
    const due = ukDate(decisionDueDate(contact.received_at))
    const tags: Record<typeof timeliness, Tag> = {
      in_time: { text: 'Within 1 working day', classes: 'govuk-tag--green' },
      late: { text: 'Late: more than 1 working day', classes: 'govuk-tag--red' },
      due: { text: `Decision due by ${due}`, classes: 'govuk-tag--blue' },
      overdue: { text: `Overdue: was due by ${due}`, classes: 'govuk-tag--red' },
    }
    const referrer = [contact.referrer_name, contact.referrer_organisation].filter((part) => part).join(', ')
    return {
      id: contact.id,
      received: ukDateTime(contact.received_at),
      source: sourceLabel(contact.source),
      referrer: referrer === '' ? 'Not recorded' : referrer,
      decision: contact.mash_decision === null ? 'Awaiting decision' : MASH_DECISION_LABELS[contact.mash_decision],
      decidedAt: contact.mash_decision_at === null ? '' : ukDateTime(contact.mash_decision_at),
      timeliness: tags[timeliness],
      decisionHref: contact.mash_decision === null ? `/children/${childId}/contacts/${contact.id}/decision` : null,
    }
  })
}

export interface ReferralRow {
  id: number
  referralDate: string
  source: string
  primaryNeed: string
  reReferral: Tag
  status: string
  noFurtherAction: string
  closeHref: string | null
}

export function referralRows(
  childId: number,
  referrals: readonly {
    id: number
    referral_date: string
    source: string
    primary_need: string | null
    no_further_action: boolean
    closure_date: string | null
    closure_reason: string | null
    re_referral: boolean
  }[],
): ReferralRow[] {
  return referrals.map((referral) => ({
    id: referral.id,
    referralDate: ukDate(referral.referral_date),
    source: sourceLabel(referral.source),
    primaryNeed:
      referral.primary_need === null
        ? 'Not recorded yet'
        : (codeLabel('PrimaryNeedCode', referral.primary_need) ?? referral.primary_need),
    reReferral: referral.re_referral
      ? { text: 'Re-referral: within 12 months of a previous referral', classes: 'govuk-tag--orange' }
      : { text: 'First referral in 12 months', classes: 'govuk-tag--grey' },
    status:
      referral.closure_date === null
        ? 'Open'
        : `Closed on ${ukDate(referral.closure_date)}` +
          (referral.closure_reason === null
            ? ''
            : `: ${codeLabel('ReasonForClosure', referral.closure_reason) ?? referral.closure_reason}`),
    noFurtherAction: referral.no_further_action ? 'Yes' : 'No',
    closeHref: referral.closure_date === null ? `/children/${childId}/referrals/${referral.id}/close` : null,
  }))
}

/** Who made the contact: the police first (most contacts come from them), then the rest in the DfE's order. */
export function sourceRadioItems(selected?: string | null) {
  const items = codeRadioItems('ReferralSource', selected)
  const police = items.filter((item) => item.value === '6')
  return [...police, { divider: 'or' }, ...items.filter((item) => item.value !== '6')]
}

export function decisionRadioItems(selected?: string | null) {
  return MASH_DECISIONS.map((decision) => ({
    value: decision,
    text: MASH_DECISION_LABELS[decision],
    checked: decision === selected,
  }))
}

export function siblingCheckboxItems(
  siblings: readonly { value: string; firstName: string; lastName: string; dateOfBirth: string | null }[],
  selected: readonly string[],
) {
  return siblings.map((sibling) => ({
    value: sibling.value,
    text: `${sibling.firstName} ${sibling.lastName}`,
    hint: { text: sibling.dateOfBirth === null ? 'Unborn' : `Born ${ukDate(sibling.dateOfBirth)}` },
    checked: selected.includes(sibling.value),
  }))
}

/** Check-your-answers rows for closing a referral; `change` links back to the form with the answers. */
export function closureCheckRows(
  answers: { closureDate: string; reason: string; noFurtherAction: boolean },
  changeHref: string,
) {
  const change = (field: string, label: string) => ({
    items: [{ href: `${changeHref}#${field}`, text: 'Change', visuallyHiddenText: label }],
  })
  return [
    {
      key: { text: 'Closure date' },
      value: { text: ukDate(answers.closureDate) },
      actions: change('closure', 'closure date'),
    },
    {
      key: { text: 'Reason for closure' },
      value: { text: codeLabel('ReasonForClosure', answers.reason) ?? answers.reason },
      actions: change('reason', 'reason for closure'),
    },
    {
      key: { text: 'Resulted in no further action' },
      value: { text: answers.noFurtherAction ? 'Yes' : 'No' },
      actions: change('nfa', 'whether the referral resulted in no further action'),
    },
  ]
}
