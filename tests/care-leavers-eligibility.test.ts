import { describe, expect, it } from 'vitest'
import { addYears } from '../src/areas/care-leavers/dates.js'
import { leavingCareEligibility } from '../src/areas/care-leavers/eligibility.js'
import {
  birthdayWindow,
  careLeaverOutcomeAt,
  type LeaverEpisode,
  type LeaverHistory,
} from '../src/areas/care-leavers/outcomes.js'

// Hand-built looked-after histories for a young person born on 1 June 2006: 14 on 1 June 2020, 16 on
// 1 June 2022, 17 on 1 June 2023, 18 on 1 June 2024, 21 on 1 June 2027.
const DOB = '2006-06-01'
let nextId = 1
const episode = (startDate: string, endDate: string | null, reasonEnded: string | null = null, legalStatus = 'V2') =>
  ({ id: nextId++, startDate, endDate, legalStatus, reasonEnded }) satisfies LeaverEpisode
const eligibility = (episodes: LeaverEpisode[], asAt: string) =>
  leavingCareEligibility({ dateOfBirth: DOB, episodes, asAt })

describe('leaving-care eligibility', () => {
  it('13 weeks since 14, some after 16, still looked after at 16: eligible, duties from the 16th birthday to 18', () => {
    const result = eligibility([episode('2022-01-10', null, null, 'C2')], '2022-09-01')
    expect(result.category).toBe('eligible')
    expect(result.thirteenWeeksOn).toBe('2022-04-11')
    expect(result.duties[0]).toMatchObject({ from: '2022-06-01', to: '2024-06-01' })
    expect(result.reason).toContain('still looked after')
  })

  it('the 13 weeks can be made of several periods of care since 14', () => {
    const result = eligibility(
      [episode('2021-01-01', '2021-02-15', 'E13'), episode('2022-05-01', '2022-06-20', 'E8')],
      '2022-09-01',
    )
    expect(result.daysSince14).toBe(45 + 50)
    expect(result.category).toBe('relevant')
  })

  it('fewer than 13 weeks since 14, left after 16: qualifying, not relevant', () => {
    const result = eligibility([episode('2022-05-01', '2022-07-15', 'E8')], '2022-09-01')
    expect(result.daysSince14).toBe(75)
    expect(result.category).toBe('qualifying')
    expect(result.reason).toContain('fewer than 13 weeks')
  })

  it('time looked after before 14 does not count', () => {
    const result = eligibility([episode('2019-01-01', '2022-06-10', 'E8')], '2022-09-01')
    expect(result.daysSince14).toBe(739)
    expect(eligibility([episode('2019-01-01', '2020-08-01', 'E8')], '2022-09-01').category).toBe('none')
  })

  it('an agreed series of short breaks (LS V3, V4) never counts towards the 13 weeks', () => {
    const shortBreaks = [episode('2020-07-01', '2022-01-01', 'E8', 'V3'), episode('2022-05-01', '2022-07-01', 'E8')]
    expect(eligibility(shortBreaks, '2022-09-01').category).toBe('qualifying')
    const ordinary = [episode('2020-07-01', '2022-01-01', 'E8'), episode('2022-05-01', '2022-07-01', 'E8')]
    expect(eligibility(ordinary, '2022-09-01').category).toBe('relevant')
  })

  it('leaving at 16 after a short stay is qualifying; leaving at 17 after a long one is relevant; before 16, neither', () => {
    expect(eligibility([episode('2022-04-01', '2022-06-15', 'E8')], '2022-09-01').category).toBe('qualifying')
    const atSeventeen = eligibility([episode('2022-04-01', '2023-07-01', 'E5')], '2023-09-01')
    expect(atSeventeen.category).toBe('relevant')
    expect(atSeventeen.ageBand).toBe('17-18')
    expect(atSeventeen.duties[0]).toMatchObject({ from: '2023-07-01', to: '2024-06-01' })
    expect(eligibility([episode('2021-01-01', '2022-05-01', 'E8')], '2022-09-01').category).toBe('none')
  })

  it('home to parents for 6 months or more before 18 ends relevant status; less than 6 months does not', () => {
    const history = [episode('2021-01-01', '2022-09-01', 'E4A')]
    const fourMonths = eligibility(history, '2023-01-01')
    expect(fourMonths.category).toBe('relevant')
    expect(fourMonths.reason).toContain('1 March 2023')
    const sixMonths = eligibility(history, '2023-03-01')
    expect(sixMonths.category).toBe('qualifying')
    expect(sixMonths.returnedHomeSixMonths).toBe(true)
    expect(sixMonths.reason).toContain('no longer a relevant child')
  })

  it('after 18 a relevant young person is former relevant, with Staying Put to 21 when they stayed with foster carers', () => {
    const result = eligibility([episode('2020-09-01', '2024-06-01', 'E17')], '2025-09-01')
    expect(result.category).toBe('former_relevant')
    expect(result.ageBand).toBe('19-21')
    expect(result.duties.map((duty) => duty.duty)).toContain('Staying Put with their former foster carers')
    expect(result.duties[1]).toMatchObject({ from: '2027-06-01', to: '2031-06-01' })
    expect(eligibility([episode('2020-09-01', '2024-06-01', 'E17')], '2029-01-01').ageBand).toBe('22-25')
  })

  it('special guardianship after 16 is qualifying; adoption is not a care leaver; 25 ends everything', () => {
    expect(eligibility([episode('2020-09-01', '2022-10-01', 'E46')], '2023-01-01').category).toBe('qualifying')
    expect(eligibility([episode('2020-09-01', '2022-10-01', 'E11')], '2023-01-01').category).toBe('none')
    expect(eligibility([episode('2020-09-01', '2024-06-01', 'E5')], '2031-06-01').category).toBe('none')
  })
})

/** A former relevant young person who left care at 18 (1 June 2024); the 19th birthday is 1 June 2025. */
function leaver(overrides: Partial<LeaverHistory> = {}): LeaverHistory {
  return {
    childId: 1,
    merged: false,
    dateOfBirth: DOB,
    dateOfDeath: null,
    episodes: [episode('2020-09-01', '2024-06-01', 'E5')],
    contacts: [],
    activities: [],
    accommodation: [],
    responsibleElsewhere: [],
    ...overrides,
  }
}

describe('the DfE birthday window (3 months before to 1 month after)', () => {
  it('clamps month ends as PostgreSQL does, and a 29 February birthday falls on 28 February', () => {
    expect(birthdayWindow('2025-05-31')).toEqual({ start: '2025-02-28', end: '2025-06-30' })
    expect(birthdayWindow('2025-06-01')).toEqual({ start: '2025-03-01', end: '2025-07-01' })
    expect(addYears('2008-02-29', 17)).toBe('2025-02-28')
  })

  it('a contact in the window counts; one just outside it does not', () => {
    const inside = leaver({ contacts: [{ id: 1, contactDate: '2025-03-01', outcome: 'yes' }] })
    expect(careLeaverOutcomeAt(inside, 19)?.inTouch).toBe('YES')
    const before = leaver({ contacts: [{ id: 1, contactDate: '2025-02-28', outcome: 'yes' }] })
    expect(careLeaverOutcomeAt(before, 19)?.inTouch).toBe('NO')
    const after = leaver({ contacts: [{ id: 1, contactDate: '2025-07-02', outcome: 'yes' }] })
    expect(careLeaverOutcomeAt(after, 19)?.inTouch).toBe('NO')
  })

  it('any in-touch contact in the window wins over a later failed one; otherwise the latest outcome', () => {
    const mixed = leaver({
      contacts: [
        { id: 1, contactDate: '2025-04-01', outcome: 'yes' },
        { id: 2, contactDate: '2025-06-15', outcome: 'no' },
      ],
    })
    expect(careLeaverOutcomeAt(mixed, 19)?.inTouch).toBe('YES')
    const refused = leaver({
      contacts: [
        { id: 1, contactDate: '2025-04-01', outcome: 'no' },
        { id: 2, contactDate: '2025-06-15', outcome: 'refused' },
      ],
    })
    expect(careLeaverOutcomeAt(refused, 19)).toMatchObject({ inTouch: 'REFU', activ: '0', accom: '0' })
    expect(careLeaverOutcomeAt(refused, 19)?.unsuitableReason).toBe('not_in_touch')
  })

  it('activity and accommodation are those covering the birthday; custody is unsuitable with its reason', () => {
    const history = leaver({
      contacts: [{ id: 1, contactDate: '2025-05-20', outcome: 'yes' }],
      activities: [
        { id: 1, startDate: '2024-09-01', endDate: '2025-05-10', activityCode: 'F2' },
        { id: 2, startDate: '2025-05-10', endDate: null, activityCode: 'G5' },
      ],
      accommodation: [
        {
          id: 1,
          startDate: '2024-06-01',
          endDate: '2025-04-01',
          accommodationType: 'U',
          suitable: true,
          unsuitableReason: null,
        },
        {
          id: 2,
          startDate: '2025-04-01',
          endDate: null,
          accommodationType: 'X',
          suitable: false,
          unsuitableReason: 'custody',
        },
      ],
    })
    expect(careLeaverOutcomeAt(history, 19)).toMatchObject({
      inTouch: 'YES',
      activ: 'G5',
      accom: 'X2',
      accommodationSuitable: false,
      unsuitableReason: 'custody',
      inEducationEmploymentTraining: false,
      ageBand: '19-21',
    })
  })

  it('leaves out those still looked after on the birthday, those another council is responsible for, and merged records', () => {
    const stillInCare = leaver({ episodes: [episode('2022-01-01', null)] })
    expect(careLeaverOutcomeAt(stillInCare, 17)).toBeUndefined()
    const elsewhere = leaver({ responsibleElsewhere: [{ startDate: '2024-09-01', endDate: null }] })
    expect(careLeaverOutcomeAt(elsewhere, 19)).toBeUndefined()
    expect(careLeaverOutcomeAt(leaver({ merged: true }), 19)).toBeUndefined()
    expect(careLeaverOutcomeAt(leaver(), 19)).toBeDefined()
  })

  it('home to parents for 6 months before the birthday is RHOM; a death is DIED; both leave the DfE cohort', () => {
    const home = leaver({ episodes: [episode('2021-01-01', '2022-09-01', 'E4B')] })
    expect(careLeaverOutcomeAt(home, 17)).toMatchObject({ inTouch: 'RHOM', inDfeCohort: false })
    const died = leaver({ dateOfDeath: '2025-01-10' })
    expect(careLeaverOutcomeAt(died, 19)).toMatchObject({ inTouch: 'DIED', inDfeCohort: false })
  })
})
