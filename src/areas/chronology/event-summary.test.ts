import { describe, expect, it } from 'vitest'
import { describeEvent } from './event-summary.js'
import { CHRONOLOGY_EVENTS, type ChronologyEvent } from './event-types.js'
import type { ChronologyRow } from './queries.js'
import { chronologyHref, chronologyOptions, paginationFor, rangeText } from './chronology-view.js'
import { instantFromLondon, londonDateAndTime, parseTimeOfDay } from './london-time.js'
import { textParagraphs } from './note-view.js'

function row(event: ChronologyEvent, fields: Partial<ChronologyRow> = {}): ChronologyRow {
  return {
    event,
    category: CHRONOLOGY_EVENTS[event].category,
    step: CHRONOLOGY_EVENTS[event].step,
    occurred_on: '2026-03-03',
    occurred_at: null,
    record_id: 7,
    code_a: null,
    code_b: null,
    code_c: null,
    code_d: null,
    text_a: null,
    text_b: null,
    text_c: null,
    flag_a: null,
    flag_b: null,
    flag_c: null,
    number_a: null,
    date_a: null,
    ...fields,
  }
}

const summary = (event: ChronologyEvent, fields: Partial<ChronologyRow> = {}) =>
  describeEvent(row(event, fields), 12).summary

describe('chronology summaries', () => {
  it('describes a placement change with its code, where it is and how far', () => {
    expect(
      summary('episode_started', {
        code_a: 'P',
        code_b: 'C2',
        code_c: 'U4',
        flag_a: false,
        number_a: '23.4',
        code_d: 'CARPL',
      }),
    ).toBe(
      'Placement changed to Foster care with other carers, long term (U4), out of borough, 23.4 miles; reason: Care plan changed or carried out',
    )
  })

  it('describes becoming looked after with the legal status and placement', () => {
    expect(summary('episode_started', { code_a: 'S', code_b: 'V2', code_c: 'U3', flag_a: true, number_a: '2.0' })).toBe(
      'Became looked after: Accommodated by agreement (section 20) (V2); Foster care with family or friends (U3), in borough, 2 miles',
    )
    expect(summary('episode_started', { code_a: 'L', code_b: 'C1' })).toBe(
      'Legal status changed to Interim care order (C1)',
    )
  })

  it('describes the end of care with the reason it ended', () => {
    expect(summary('episode_ended', { code_a: 'E4A' })).toBe(
      'Stopped being looked after: Returned home as part of the care plan (E4A)',
    )
  })

  it('flags a re-referral and names the source in plain English', () => {
    expect(summary('referral', { code_a: '6', flag_a: true, code_b: 'N1' })).toBe(
      'Referral from police; re-referral (within 12 months of a previous referral); primary need: abuse or neglect',
    )
    expect(summary('referral', { code_a: '2A', flag_a: false })).toBe('Referral from school')
  })

  it('describes contacts, MASH decisions and case closure', () => {
    expect(summary('contact_received', { code_a: '6', text_a: 'Lancashire Police' })).toBe(
      'Contact received from police (Lancashire Police)',
    )
    expect(summary('mash_decision', { code_a: 'referral' })).toBe(
      'MASH decision: accepted as a referral to children’s social care',
    )
    expect(summary('referral_closed', { code_a: 'RC8' })).toBe(
      'Case closed: case closed after assessment, no further action',
    )
  })

  it('describes assessments, child protection and plans', () => {
    expect(summary('assessment_started', { code_a: 'child_and_family' })).toBe('Child and family assessment started')
    expect(
      summary('assessment_authorised', { code_a: 'child_and_family', code_b: 'cin_plan', text_c: 'Pat Manager' }),
    ).toBe('Child and family assessment authorised by Pat Manager; outcome: child in need plan')
    expect(summary('strategy_discussion', { code_a: 'section47' })).toBe(
      'Strategy discussion held: section 47 enquiry to start',
    )
    expect(summary('section47_ended', { code_a: 'initial_conference' })).toBe(
      'Section 47 enquiry ended: initial child protection conference',
    )
    expect(summary('conference', { code_a: 'initial', code_b: 'plan_made', code_c: 'NEG' })).toBe(
      'Initial child protection conference: child protection plan made, neglect',
    )
    expect(summary('cp_plan_started', { code_a: 'EMO', flag_a: true })).toBe(
      'Child protection plan started: emotional abuse; second or subsequent plan',
    )
    expect(summary('cin_plan_ended')).toBe('Child in need plan ended')
    expect(summary('cin_plan_ended', { code_a: 'RC7' })).toContain('Child in need plan ended: services ceased')
  })

  it('describes reviews, missing episodes, adoption and health', () => {
    expect(summary('la_review', { code_a: 'PN1', text_c: 'Ivy Reviewer' })).toBe(
      'Looked-after review chaired by Ivy Reviewer: came and spoke for themselves',
    )
    expect(summary('missing', { code_a: 'M', date_a: '2026-03-05', flag_a: true })).toBe(
      'Missing from placement; back on 5 March 2026; reported to the police',
    )
    expect(summary('missing', { code_a: 'A' })).toBe('Away from placement without permission; not yet recorded as back')
    expect(summary('adoption_decision_ceased', { code_a: 'RD3' })).toBe(
      'Decision to place for adoption reversed: prospective adopters could not be found',
    )
    expect(summary('health_assessment', { code_a: 'initial' })).toBe('Initial health assessment')
  })

  it('describes allocations, including a case held by a team with no worker', () => {
    expect(
      summary('allocation', {
        code_a: 'social_worker',
        text_a: 'Child protection team',
        text_c: 'Sam Worker',
        code_b: 'LEFTRL',
      }),
    ).toBe(
      'Social worker allocated: Sam Worker (Child protection team); previous allocation ended: worker left the role',
    )
    expect(summary('allocation', { code_a: 'social_worker', text_a: 'Child protection team' })).toBe(
      'Unallocated: social worker not yet named, held by Child protection team',
    )
  })

  it('describes case notes and visits, saying whether the child was seen', () => {
    expect(
      summary('case_note', { code_a: 'visit', text_c: 'Sam Worker', text_a: 'After school', code_b: 'seen_alone' }),
    ).toBe('Visit by Sam Worker: “After school”: child seen alone')
    expect(summary('case_note', { code_a: 'phone_call', flag_a: true })).toBe('Phone call (addendum)')
    expect(
      summary('visit', { code_a: 'child_protection', text_c: 'Sam Worker', flag_a: true, flag_b: true, flag_c: true }),
    ).toBe('Child protection visit by Sam Worker: child seen alone: unannounced')
    expect(summary('visit', { code_a: 'looked_after', flag_a: false })).toBe('Looked-after child visit: child not seen')
  })

  it('gives every kind of event a summary, a category label and a date', () => {
    for (const event of Object.keys(CHRONOLOGY_EVENTS) as ChronologyEvent[]) {
      const entry = describeEvent(row(event), 12)
      expect(entry.summary, event).toMatch(/^[A-Z]/)
      expect(entry.categoryLabel, event).not.toBe('')
      expect(entry.dateText).toBe('3 March 2026')
    }
  })

  it('links case notes to the note and shortens long notes', () => {
    const entry = describeEvent(
      row('case_note', { code_a: 'visit', text_b: 'x'.repeat(301), occurred_at: new Date('2026-07-01T13:05:00Z') }),
      12,
    )
    expect(entry.href).toBe('/children/12/notes/7')
    expect(entry.excerpt).toBe(`${'x'.repeat(300)}…`)
    expect(entry.time).toBe('14:05')
  })
})

describe('chronology options and pages', () => {
  it('reads the filter from the query, ignoring unknown types', () => {
    expect(chronologyOptions({ type: ['case_note', 'nonsense', 'visit'], order: 'oldest', page: '3' })).toEqual({
      categories: ['case_note', 'visit'],
      order: 'oldest',
      page: 3,
    })
    expect(chronologyOptions({ type: 'referral', page: '-1' })).toEqual({
      categories: ['referral'],
      order: 'newest',
      page: 1,
    })
  })

  it('keeps the filter and order in page links', () => {
    expect(chronologyHref(5, { categories: ['case_note', 'visit'], order: 'oldest', page: 2 })).toBe(
      '/children/5/chronology?type=case_note&type=visit&order=oldest&page=2',
    )
    expect(chronologyHref(5, { order: 'newest', page: 1 })).toBe('/children/5/chronology')
  })

  it('paginates with the first, last and neighbouring pages', () => {
    expect(paginationFor(1, 100, 100, String)).toBeUndefined()
    const middle = paginationFor(5, 1000, 100, (page) => `p${page}`)
    expect(middle?.previous).toEqual({ href: 'p4' })
    expect(middle?.next).toEqual({ href: 'p6' })
    expect(middle?.items.map((item) => ('number' in item ? item.number : '…'))).toEqual([1, '…', 4, 5, 6, '…', 10])
    expect(rangeText(2, 34, 134, 100)).toBe('Showing 101 to 134 of 134 entries')
    expect(rangeText(1, 0, 0, 100)).toBe('No entries')
  })
})

describe('times of day in Europe/London', () => {
  it('reads the times people type', () => {
    expect(parseTimeOfDay('14:30')).toEqual({ hours: 14, minutes: 30 })
    expect(parseTimeOfDay('9.05')).toEqual({ hours: 9, minutes: 5 })
    expect(parseTimeOfDay('0830')).toEqual({ hours: 8, minutes: 30 })
    expect(parseTimeOfDay('25:00')).toBeUndefined()
    expect(parseTimeOfDay('half past two')).toBeUndefined()
  })

  it('turns a London wall-clock time into the right instant in winter and summer', () => {
    expect(instantFromLondon('2026-01-15', { hours: 14, minutes: 30 }).toISOString()).toBe('2026-01-15T14:30:00.000Z')
    expect(instantFromLondon('2026-07-15', { hours: 14, minutes: 30 }).toISOString()).toBe('2026-07-15T13:30:00.000Z')
    expect(londonDateAndTime(new Date('2026-06-30T23:30:00Z'))).toEqual({ date: '2026-07-01', time: '00:30' })
  })

  it('keeps a note’s paragraphs and line breaks', () => {
    expect(textParagraphs('First line\nsecond line\n\n\nNext paragraph\r\n')).toEqual([
      ['First line', 'second line'],
      ['Next paragraph'],
    ])
  })
})
