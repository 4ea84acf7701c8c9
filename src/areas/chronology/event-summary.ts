import { formatUkDate } from '../../web/nunjucks.js'
import { childPath } from '../children/child-sections.js'
import type { CaseNoteChildSeen } from '../../db/tables/case-record.js'
import { categoryLabel, type ChronologyCategory } from './event-types.js'
import type { ChronologyRow } from './queries.js'
import {
  allocationRoleLabel,
  ASSESSMENT_OUTCOMES,
  CHILD_SEEN_PHRASES,
  codeText,
  CONFERENCE_DECISIONS,
  CONFERENCE_TYPES,
  MASH_DECISIONS,
  noteTypeLabel,
  SECTION47_OUTCOMES,
  STRATEGY_DECISIONS,
  VISIT_TYPES,
} from './labels.js'

/** One line of the chronology, ready for the template. */
export interface ChronologyEntry {
  date: string
  dateText: string
  /** 'HH:MM' in Europe/London, when the record has a time. */
  time: string | null
  category: ChronologyCategory
  categoryLabel: string
  /** What happened, in one plain-English line. */
  summary: string
  /** The first lines of a case note. */
  excerpt: string | null
  href: string
  linkText: string
}

const EXCERPT_LENGTH = 300

export function londonTime(instant: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'Europe/London',
  }).format(instant)
}

/** Joins the parts that are present: 'a: b' style lists read better than empty commas. */
const parts = (...items: (string | false | null | undefined)[]) =>
  items.filter((item): item is string => typeof item === 'string' && item !== '')

function placementLocation(row: ChronologyRow): string[] {
  const location: string[] = []
  if (row.flag_a === true) location.push('in borough')
  if (row.flag_a === false) location.push('out of borough')
  if (row.number_a !== null) location.push(`${Number(row.number_a)} miles`)
  return location
}

function episodeStarted(row: ChronologyRow): string {
  const legalStatus = codeText('LS', row.code_b, true)
  const placement = codeText('PLACE', row.code_c, true)
  const where = [placement, ...placementLocation(row)].filter(Boolean).join(', ')
  const previousEnded = codeText('REASON_PLACE_CHANGE', row.code_d)
  const reason = previousEnded && `reason: ${previousEnded}`
  // RNE: S started care; L changed legal status only; B and U changed both; P and T changed placement.
  if (row.code_a === 'S') {
    return parts(`Became looked after: ${legalStatus ?? 'legal status not recorded'}`, where).join('; ')
  }
  if (row.code_a === 'L') return `Legal status changed to ${legalStatus ?? 'a status not recorded'}`
  if (row.code_a === 'B' || row.code_a === 'U') {
    return parts(
      `Placement changed to ${where}`,
      `legal status changed to ${legalStatus ?? 'a status not recorded'}`,
      reason,
    ).join('; ')
  }
  return parts(`Placement changed to ${where}`, reason).join('; ')
}

function caseNote(row: ChronologyRow): string {
  const seen = row.code_b === null ? undefined : CHILD_SEEN_PHRASES[row.code_b as CaseNoteChildSeen]
  const heading = `${noteTypeLabel(row.code_a ?? 'other')}${row.flag_a === true ? ' (addendum)' : ''}`
  return parts(
    [heading, row.text_c && `by ${row.text_c}`].filter(Boolean).join(' '),
    row.text_a && `“${row.text_a}”`,
    seen,
  ).join(': ')
}

function summarise(row: ChronologyRow): string {
  switch (row.event) {
    case 'case_note':
      return caseNote(row)
    case 'contact_received':
      return parts(
        `Contact received from ${codeText('ReferralSource', row.code_a)?.toLowerCase() ?? 'an unknown source'}`,
        row.text_a && `(${row.text_a})`,
      ).join(' ')
    case 'mash_decision':
      return `MASH decision: ${MASH_DECISIONS[row.code_a ?? ''] ?? row.code_a ?? 'not recorded'}`
    case 'referral':
      return parts(
        `Referral from ${codeText('ReferralSource', row.code_a)?.toLowerCase() ?? 'an unknown source'}`,
        row.flag_a === true && 're-referral (within 12 months of a previous referral)',
        row.code_b !== null && `primary need: ${codeText('PrimaryNeedCode', row.code_b)?.toLowerCase()}`,
        row.flag_b === true && 'no further action',
      ).join('; ')
    case 'referral_closed':
      return parts('Case closed', codeText('ReasonForClosure', row.code_a)?.toLowerCase()).join(': ')
    case 'assessment_started':
      return `${assessmentName(row.code_a)} started`
    case 'assessment_authorised':
      return parts(
        `${assessmentName(row.code_a)} authorised${row.text_c ? ` by ${row.text_c}` : ''}`,
        row.code_b !== null && `outcome: ${ASSESSMENT_OUTCOMES[row.code_b] ?? row.code_b}`,
      ).join('; ')
    case 'strategy_discussion':
      return parts(
        'Strategy discussion held',
        row.code_a !== null && (STRATEGY_DECISIONS[row.code_a] ?? row.code_a),
      ).join(': ')
    case 'section47_started':
      return 'Section 47 enquiry started'
    case 'section47_ended':
      return parts(
        'Section 47 enquiry ended',
        row.code_a !== null && (SECTION47_OUTCOMES[row.code_a] ?? row.code_a),
      ).join(': ')
    case 'conference':
      return parts(
        CONFERENCE_TYPES[row.code_a ?? ''] ?? 'Child protection conference',
        [
          row.code_b !== null ? (CONFERENCE_DECISIONS[row.code_b] ?? row.code_b) : undefined,
          codeText('CategoryOfAbuse', row.code_c)?.toLowerCase(),
        ]
          .filter(Boolean)
          .join(', '),
      ).join(': ')
    case 'cp_plan_started':
      return parts(
        `Child protection plan started: ${codeText('CategoryOfAbuse', row.code_a)?.toLowerCase() ?? 'category not recorded'}`,
        row.flag_a === true && 'second or subsequent plan',
      ).join('; ')
    case 'cp_plan_ended':
      return 'Child protection plan ended'
    case 'cin_plan_started':
      return 'Child in need plan started'
    case 'cin_plan_ended':
      return parts('Child in need plan ended', codeText('ReasonForClosure', row.code_a)?.toLowerCase()).join(': ')
    case 'episode_started':
      return episodeStarted(row)
    case 'episode_ended':
      return `Stopped being looked after: ${codeText('REC', row.code_a, true) ?? 'reason not recorded'}`
    case 'la_review':
      return parts(
        `Looked-after review${row.text_c ? ` chaired by ${row.text_c}` : ''}`,
        codeText('REVIEW_CODE', row.code_a)?.toLowerCase(),
      ).join(': ')
    case 'missing':
      return parts(
        row.code_a === 'A' ? 'Away from placement without permission' : 'Missing from placement',
        row.date_a === null ? 'not yet recorded as back' : `back on ${formatUkDate(row.date_a)}`,
        row.flag_a === true && 'reported to the police',
      ).join('; ')
    case 'adoption_decision':
      return 'Decision that the child should be placed for adoption'
    case 'adoption_best_interests':
      return 'Decision that adoption is in the child’s best interests'
    case 'adoption_matched':
      return 'Matched with prospective adopters'
    case 'adoption_decision_ceased':
      return parts(
        'Decision to place for adoption reversed',
        codeText('REASON_PLACED_CEASED', row.code_a)?.toLowerCase(),
      ).join(': ')
    case 'allocation':
      return parts(
        row.text_c === null
          ? `Unallocated: ${allocationRoleLabel(row.code_a ?? '', 'lower')} not yet named, held by ${row.text_a}`
          : `${allocationRoleLabel(row.code_a ?? '')} allocated: ${row.text_c} (${row.text_a})`,
        row.code_b !== null && `previous allocation ended: ${codeText('SW_REASON', row.code_b)?.toLowerCase()}`,
      ).join('; ')
    case 'health_assessment':
      return row.code_a === 'initial' ? 'Initial health assessment' : 'Review health assessment'
    case 'visit':
      return parts(
        `${VISIT_TYPES[row.code_a ?? 'other'] ?? 'Visit'}${row.text_c ? ` by ${row.text_c}` : ''}`,
        row.flag_a === false ? 'child not seen' : row.flag_b === true ? 'child seen alone' : 'child seen',
        row.flag_c === true && 'unannounced',
      ).join(': ')
  }
}

function assessmentName(type: string | null): string {
  if (type === null || type === 'child_and_family') return 'Child and family assessment'
  const words = type.replaceAll('_', ' ')
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} assessment`
}

function link(row: ChronologyRow, childId: number): { href: string; linkText: string } {
  switch (row.category) {
    case 'case_note':
      return { href: `/children/${childId}/notes/${row.record_id}`, linkText: 'Read the note' }
    case 'contact':
    case 'referral':
      return { href: childPath(childId, 'front-door'), linkText: 'Contacts and referrals' }
    case 'assessment':
    case 'cin_plan':
      return { href: childPath(childId, 'assessments'), linkText: 'Assessments and plans' }
    case 'strategy':
    case 'section47':
    case 'conference':
    case 'cp_plan':
      return { href: childPath(childId, 'child-protection'), linkText: 'Child protection' }
    case 'looked_after':
    case 'review':
    case 'missing':
    case 'adoption':
    case 'health':
      return { href: childPath(childId, 'looked-after'), linkText: 'Looked after' }
    case 'allocation':
      return { href: childPath(childId, 'allocation'), linkText: 'Allocation' }
    case 'visit':
      return { href: childPath(childId, 'visits'), linkText: 'Visits and timescales' }
  }
}

/** Turns one chronology row into the line the page shows. */
export function describeEvent(row: ChronologyRow, childId: number): ChronologyEntry {
  const excerpt =
    row.event === 'case_note' && row.text_b !== null
      ? row.text_b.length > EXCERPT_LENGTH
        ? `${row.text_b.slice(0, EXCERPT_LENGTH).trimEnd()}…`
        : row.text_b
      : null
  return {
    date: row.occurred_on,
    dateText: formatUkDate(row.occurred_on),
    time: row.occurred_at === null ? null : londonTime(new Date(row.occurred_at)),
    category: row.category,
    categoryLabel: categoryLabel(row.category),
    summary: summarise(row),
    excerpt,
    ...link(row, childId),
  }
}
