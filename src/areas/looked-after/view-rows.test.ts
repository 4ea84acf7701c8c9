import { describe, expect, it } from 'vitest'
import { placementChangeCheckRows } from './check-answers.js'
import type { EpisodeRecord } from './queries.js'
import { coded, episodeTableRows, locationText, periodViews } from './view-rows.js'

const episode: EpisodeRecord = {
  id: 1,
  periodOfCareId: 10,
  placementId: 5,
  startDate: '2025-05-01',
  endDate: '2025-08-01',
  reasonNewEpisode: 'S',
  legalStatus: 'V2',
  categoryOfNeed: 'N1',
  placementType: 'U3',
  placementProvider: 'PR1',
  placementPostcode: 'LA1 1AD',
  urn: 'SC123456',
  reasonEpisodeCeased: 'X1',
  reasonPlaceChange: 'CARPL',
  homePostcode: 'FY1 1AA',
  insideBoundary: false,
  laGssCode: 'E10000017',
  distanceMiles: 19.1,
  version: 2,
}

describe('where a placement is, in words', () => {
  it('says in or out of borough and the distance from home', () => {
    expect(locationText(false, 23.4)).toBe('Out of borough, 23.4 miles from home')
    expect(locationText(true, 2)).toBe('In borough, 2.0 miles from home')
    expect(locationText(true, null)).toBe('In borough, distance not known')
    expect(locationText(null, null)).toBe('Location not known, distance not known')
  })
})

describe('codes shown with their labels', () => {
  it('puts the plain-English label first and the code after it', () => {
    expect(coded('PLACE', 'U3')).toBe('Foster care with family or friends (U3)')
    expect(coded('REC', null)).toBe('')
  })
})

describe('the episode table', () => {
  it('gives one row per episode with every 903 item the page shows', () => {
    const [row] = episodeTableRows([episode])
    expect(row?.map((cell) => ('text' in cell ? cell.text : ''))).toEqual([
      '1 May 2025',
      '1 August 2025',
      'Started to be looked after (S)',
      'Accommodated by agreement (section 20) (V2)',
      'Foster care with family or friends (U3)',
      'The council’s own provision (PR1)',
      'Out of borough',
      '19.1 miles',
      'Episode ended and a new one started the same day (X1). Care plan changed or carried out (CARPL)',
    ])
  })

  it('groups episodes by period of care, newest period first', () => {
    const views = periodViews(
      [
        { id: 10, start_date: '2025-05-01', end_date: '2025-11-01' },
        { id: 11, start_date: '2026-01-01', end_date: null },
      ],
      [episode],
    )
    expect(views.map((view) => view.caption)).toEqual([
      'Period of care from 1 January 2026 (current)',
      'Period of care from 1 May 2025 to 1 November 2025',
    ])
    expect(views[1]?.rows).toHaveLength(1)
  })
})

describe('check your answers for a move', () => {
  it('shows what Harbour works out: the reason for the new episode and the location', () => {
    const rows = placementChangeCheckRows(
      {
        moveDate: '2025-09-01',
        sameCarers: true,
        newLegalStatus: null,
        placementType: 'T2',
        placementProvider: null,
        placementPostcode: 'FY4 1AA',
        urn: null,
      },
      {
        homePostcode: 'FY1 1AA',
        geography: { distanceMiles: 1.4, insideBoundary: true, laGssCode: 'E06000009' },
        geographyNote: null,
        reasonNewEpisode: 'T',
        reasonPlaceChange: null,
      },
      { ...episode, endDate: null },
    )
    const text = Object.fromEntries(rows.map((row) => [row.key.text, row.value.text]))
    expect(text['Legal status']).toBe('No change: Accommodated by agreement (section 20) (V2)')
    expect(text['Placement provider']).toBe('Not applicable')
    expect(text['Where the placement is']).toBe('In borough, 1.4 miles from home')
    expect(text['Reason for the change of placement']).toBe('Not needed: a move to or from a temporary placement')
    expect(text['Reason for new episode (worked out)']).toBe('Changed placement, same carer (T)')
  })
})
