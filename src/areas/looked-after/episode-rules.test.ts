import { describe, expect, it } from 'vitest'
import {
  ageOn,
  eighteenthBirthday,
  legalStatusChangeIssues,
  placeChangeReasonNeeded,
  placementChangeIssues,
  reasonForNewEpisode,
  startPeriodIssues,
  type EpisodeFacts,
} from './episode-rules.js'
import { endPeriodIssues } from './end-rules.js'
import { placementIssues, samePlacement, type PlacementDetails } from './placement-rules.js'

const child = { dateOfBirth: '2015-06-01' }
const fosterCare: PlacementDetails = {
  placementType: 'U3',
  placementProvider: 'PR1',
  placementPostcode: 'FY1 1AA',
  urn: 'SC123456',
}

function episode(overrides: Partial<EpisodeFacts> = {}): EpisodeFacts {
  return {
    ...fosterCare,
    startDate: '2025-05-01',
    endDate: null,
    reasonNewEpisode: 'S',
    legalStatus: 'V2',
    reasonEpisodeCeased: null,
    ...overrides,
  }
}

const fields = (issues: { field: string }[]) => issues.map((issue) => issue.field)
const messages = (issues: { message: string }[]) => issues.map((issue) => issue.message).join(' | ')

describe('ages and birthdays', () => {
  it('counts whole years', () => {
    expect(ageOn('2015-06-01', '2025-05-31')).toBe(9)
    expect(ageOn('2015-06-01', '2025-06-01')).toBe(10)
  })

  it('puts a 29 February 18th birthday on 1 March', () => {
    expect(eighteenthBirthday('2008-02-29')).toBe('2026-03-01')
    expect(eighteenthBirthday('2007-12-31')).toBe('2025-12-31')
  })
})

describe('the reason for a new episode (RNE), worked out from what changed', () => {
  it('distinguishes placement, carer and legal status changes', () => {
    expect(reasonForNewEpisode({ placementChanged: true, sameCarers: false, legalStatusChanged: false })).toBe('P')
    expect(reasonForNewEpisode({ placementChanged: true, sameCarers: true, legalStatusChanged: false })).toBe('T')
    expect(reasonForNewEpisode({ placementChanged: true, sameCarers: true, legalStatusChanged: true })).toBe('U')
    expect(reasonForNewEpisode({ placementChanged: true, sameCarers: false, legalStatusChanged: true })).toBe('B')
    expect(reasonForNewEpisode({ placementChanged: false, sameCarers: true, legalStatusChanged: true })).toBe('L')
  })
})

describe('starting a period of care', () => {
  const start = { startDate: '2025-05-01', legalStatus: 'V2', details: fosterCare }

  it('accepts a first period', () => {
    expect(startPeriodIssues(child, [], start)).toEqual([])
  })

  it('refuses an unborn child, a start before birth and one on the 18th birthday', () => {
    expect(messages(startPeriodIssues({ dateOfBirth: null }, [], start))).toContain('date of birth')
    expect(messages(startPeriodIssues(child, [], { ...start, startDate: '2015-05-31' }))).toContain(
      'on or after their date of birth (1 June 2015)',
    )
    expect(
      messages(startPeriodIssues({ dateOfBirth: '2006-01-01' }, [], { ...start, startDate: '2024-01-01' })),
    ).toContain('before their 18th birthday (1 January 2024)')
    expect(startPeriodIssues({ dateOfBirth: '2006-01-01' }, [], { ...start, startDate: '2023-12-31' })).toEqual([])
  })

  it('refuses a date in the future', () => {
    expect(messages(startPeriodIssues(child, [], { ...start, startDate: '2999-01-01' }))).toContain(
      'today or in the past',
    )
  })

  it('refuses a period while one is open, and one starting on or before the last one ended (431, 501)', () => {
    expect(messages(startPeriodIssues(child, [episode()], { ...start, startDate: '2025-07-01' }))).toContain(
      'already looked after (since 1 May 2025)',
    )
    const ended = [episode({ endDate: '2025-06-01', reasonEpisodeCeased: 'E4A' })]
    expect(messages(startPeriodIssues(child, ended, { ...start, startDate: '2025-06-01' }))).toContain(
      'after their last period of care ended (1 June 2025)',
    )
    expect(startPeriodIssues(child, ended, { ...start, startDate: '2025-06-02' })).toEqual([])
  })

  it('refuses a temporary placement at the start of a period (380)', () => {
    const temporary = { placementType: 'T1', placementProvider: null, placementPostcode: 'FY1 1AA', urn: null }
    expect(fields(startPeriodIssues(child, [], { ...start, details: temporary }))).toEqual(['placementType'])
  })

  it('refuses an adoption placement without a decision on or before it (551, 552)', () => {
    const adoption = { placementType: 'A4', placementProvider: 'PR1', placementPostcode: 'FY1 1AA', urn: 'SC111111' }
    expect(fields(startPeriodIssues(child, [], { ...start, details: adoption }))).toContain('placementType')
    expect(startPeriodIssues(child, [], { ...start, details: adoption }, '2025-04-01')).toEqual([])
  })
})

describe('placement details', () => {
  it('requires no provider for temporary and other placements, and refuses one (213, 526)', () => {
    const other = { placementType: 'Z12', placementProvider: 'PR1', placementPostcode: 'FY1 1AA', urn: null }
    expect(messages(placementIssues(other, 'C2', 10))).toContain('Select ‘Not applicable’ for the provider')
    expect(placementIssues({ ...other, placementProvider: null }, 'C2', 10)).toEqual([])
    const holiday = { placementType: 'T2', placementProvider: 'PR4', placementPostcode: 'FY1 1AA', urn: null }
    expect(fields(placementIssues(holiday, 'C2', 10))).toEqual(['placementProvider'])
    expect(messages(placementIssues({ ...fosterCare, placementProvider: null }, 'C2', 10))).toContain(
      'Select who provides the placement',
    )
  })

  it('matches providers and placement types (527 to 531, 550)', () => {
    const home = { placementType: 'P1', placementProvider: 'PR1', placementPostcode: 'FY1 1AA', urn: null }
    expect(messages(placementIssues(home, 'C2', 10))).toContain('provided by the parents')
    expect(placementIssues({ ...home, placementProvider: 'PR0' }, 'C2', 10)).toEqual([])
    expect(messages(placementIssues({ ...fosterCare, placementProvider: 'PR0' }, 'C2', 10))).toContain('PR0')
    expect(messages(placementIssues({ ...fosterCare, placementProvider: 'PR3' }, 'C2', 10))).toContain('PR3')
  })

  it('requires an Ofsted URN where the placement has one, and refuses one where it cannot (218, 222)', () => {
    expect(messages(placementIssues({ ...fosterCare, urn: null }, 'C2', 10))).toContain('Enter the Ofsted URN')
    expect(placementIssues({ ...fosterCare, urn: 'XXXXXXX' }, 'C2', 10)).toEqual([])
    expect(messages(placementIssues({ ...fosterCare, urn: 'ABC' }, 'C2', 10))).toContain('SC followed by 6 digits')
    const hospital = { placementType: 'R2', placementProvider: 'PR3', placementPostcode: 'FY1 1AA', urn: 'SC123456' }
    expect(messages(placementIssues(hospital, 'C2', 10))).toContain('Leave the Ofsted URN blank')
    expect(placementIssues({ ...hospital, urn: null }, 'C2', 10)).toEqual([])
  })

  it('records no location for short breaks, but needs one otherwise (214, 392b)', () => {
    expect(fields(placementIssues(fosterCare, 'V3', 10))).toEqual(['placementPostcode', 'urn'])
    expect(placementIssues({ ...fosterCare, placementPostcode: null, urn: null }, 'V4', 10)).toEqual([])
    expect(fields(placementIssues({ ...fosterCare, placementPostcode: null }, 'C2', 10))).toEqual(['placementPostcode'])
  })

  it('applies the legal status and age rules (358, 371 to 374, 378, 384, 408)', () => {
    const withParents = { placementType: 'P1', placementProvider: 'PR0', placementPostcode: 'FY1 1AA', urn: null }
    expect(fields(placementIssues(withParents, 'V2', 10))).toEqual(['legalStatus'])
    const adoption = { placementType: 'A6', placementProvider: 'PR1', placementPostcode: 'FY1 1AA', urn: 'SC111111' }
    expect(fields(placementIssues(adoption, 'C2', 3))).toEqual(['placementType'])
    expect(placementIssues(adoption, 'E1', 3)).toEqual([])
    const supported = { placementType: 'K3', placementProvider: 'PR4', placementPostcode: 'FY1 1AA', urn: 'SC111111' }
    expect(messages(placementIssues(supported, 'C2', 15))).toContain('aged 16 or over')
    expect(placementIssues(supported, 'C2', 16)).toEqual([])
    expect(messages(placementIssues(fosterCare, 'J1', 9))).toContain('aged 10 or over')
    expect(
      fields(placementIssues({ ...fosterCare, placementType: 'U4', placementPostcode: null, urn: null }, 'V3', 9)),
    ).toEqual(['placementType'])
  })

  it('compares the four items that make a placement', () => {
    expect(samePlacement(fosterCare, { ...fosterCare })).toBe(true)
    expect(samePlacement(fosterCare, { ...fosterCare, placementPostcode: 'FY4 1AA' })).toBe(false)
  })
})

describe('changing placement', () => {
  const move = {
    moveDate: '2025-08-01',
    details: { ...fosterCare, placementType: 'U6', placementPostcode: 'FY4 1AA' },
    sameCarers: false,
    newLegalStatus: null,
    reasonPlaceChange: 'CARPL',
  }

  it('accepts a move after the current episode started', () => {
    expect(placementChangeIssues(child, [episode()], move)).toEqual([])
  })

  it('refuses a move when not looked after, and one on or before the current episode started', () => {
    expect(messages(placementChangeIssues(child, [], move))).toContain('They are not looked after')
    expect(messages(placementChangeIssues(child, [episode()], { ...move, moveDate: '2025-05-01' }))).toContain(
      'must be after 1 May 2025, when the current episode started',
    )
  })

  it('needs a reason unless the move is to or from a temporary placement (225, 226)', () => {
    expect(fields(placementChangeIssues(child, [episode()], { ...move, reasonPlaceChange: null }))).toEqual([
      'reasonPlaceChange',
    ])
    expect(placeChangeReasonNeeded('U3', 'T2')).toBe(false)
    expect(placeChangeReasonNeeded('T2', 'U3')).toBe(false)
    expect(placeChangeReasonNeeded('U3', 'U6')).toBe(true)
  })

  it('refuses a move that changes nothing, and a legal status that is not new (435, 436)', () => {
    const nothing = { ...move, details: fosterCare }
    expect(fields(placementChangeIssues(child, [episode()], nothing))).toContain('placementType')
    expect(fields(placementChangeIssues(child, [episode()], { ...move, newLegalStatus: 'V2' }))).toEqual([
      'newLegalStatus',
    ])
  })

  it('keeps the carers for placement for adoption with current foster carers (217)', () => {
    const withCarers = {
      ...move,
      details: { ...fosterCare, placementType: 'A3' },
      reasonPlaceChange: 'CARPL',
    }
    expect(fields(placementChangeIssues(child, [episode()], withCarers, '2025-07-01'))).toEqual(['sameCarers'])
    expect(placementChangeIssues(child, [episode()], { ...withCarers, sameCarers: true }, '2025-07-01')).toEqual([])
  })

  it('refuses custody as the reason for a child under 10 (234)', () => {
    const young = { dateOfBirth: '2018-01-01' }
    expect(messages(placementChangeIssues(young, [episode()], { ...move, reasonPlaceChange: 'CUSTOD' }))).toContain(
      'under 10',
    )
  })
})

describe('changing legal status only', () => {
  it('needs a different legal status (434) and applies its rules to the unchanged placement', () => {
    const change = { changeDate: '2025-09-01', legalStatus: 'C2' }
    expect(legalStatusChangeIssues(child, [episode()], change)).toEqual([])
    expect(messages(legalStatusChangeIssues(child, [episode()], { ...change, legalStatus: 'V2' }))).toContain(
      'already Accommodated by agreement (section 20) (V2)',
    )
    const atHome = episode({ placementType: 'P1', placementProvider: 'PR0', urn: null, legalStatus: 'C2' })
    expect(fields(legalStatusChangeIssues(child, [atHome], { ...change, legalStatus: 'V2' }))).toEqual(['legalStatus'])
    const shortBreak = episode({ legalStatus: 'V3', placementPostcode: null, urn: null })
    expect(messages(legalStatusChangeIssues(child, [shortBreak], change))).toContain(
      'record a change of placement with the new legal status instead',
    )
  })
})

describe('ceasing to be looked after', () => {
  const end = { endDate: '2025-10-01', reasonEnded: 'E4A' }

  it('accepts an end after the current episode started', () => {
    expect(endPeriodIssues(child, [episode()], end)).toEqual([])
  })

  it('refuses an end on or before the episode started, and one after the 18th birthday', () => {
    expect(messages(endPeriodIssues(child, [episode()], { ...end, endDate: '2025-04-30' }))).toContain(
      'must be after 1 May 2025',
    )
    const older = { dateOfBirth: '2006-01-01' }
    const episodes = [episode({ startDate: '2023-01-01' })]
    expect(messages(endPeriodIssues(older, episodes, { ...end, endDate: '2024-01-02' }))).toContain(
      'on or before their 18th birthday (1 January 2024)',
    )
    expect(endPeriodIssues(older, episodes, { endDate: '2024-01-01', reasonEnded: 'E17' })).toEqual([])
  })

  it('applies the reasons’ own rules (386, 387, 390, 460, 516, 381, 577)', () => {
    expect(messages(endPeriodIssues(child, [episode()], { ...end, reasonEnded: 'E11' }))).toContain(
      'adoption placement',
    )
    expect(endPeriodIssues(child, [episode({ placementType: 'A4' })], { ...end, reasonEnded: 'E11' })).toEqual([])
    expect(messages(endPeriodIssues(child, [episode()], { ...end, reasonEnded: 'E5' }))).toContain('14 or over')
    expect(messages(endPeriodIssues(child, [episode()], { ...end, reasonEnded: 'E17' }))).toContain('18th birthday')
    expect(
      messages(endPeriodIssues(child, [episode({ placementType: 'K2' })], { ...end, reasonEnded: 'E45' })),
    ).toContain('foster placement')
    const temporary = episode({ placementType: 'T1', placementProvider: null, urn: null })
    expect(messages(endPeriodIssues(child, [temporary], end))).toContain('temporary placement')
    expect(messages(endPeriodIssues(child, [episode()], end, '2025-09-20'))).toContain('20 September 2025')
  })

  it('has nothing to end when not looked after', () => {
    expect(fields(endPeriodIssues(child, [], end))).toEqual(['endDate'])
  })
})
