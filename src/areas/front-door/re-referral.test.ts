import { describe, expect, it } from 'vitest'
import { addMonths, isReReferral } from './re-referral.js'

const referral = (id: number, referralDate: string) => ({ id, referralDate })

describe('isReReferral (within 12 months of a previous referral of the same child)', () => {
  it('is false for a child’s first referral', () => {
    const first = referral(1, '2025-05-10')
    expect(isReReferral(first, [first])).toBe(false)
    expect(isReReferral(first, [])).toBe(false)
  })

  it('counts a referral exactly 12 months after the previous one', () => {
    const previous = referral(1, '2025-05-10')
    const later = referral(2, '2026-05-10')
    expect(isReReferral(later, [previous, later])).toBe(true)
  })

  it('does not count one 12 months and a day after', () => {
    expect(isReReferral(referral(2, '2026-05-11'), [referral(1, '2025-05-10')])).toBe(false)
  })

  it('looks at every previous referral, not only the latest', () => {
    const referrals = [referral(1, '2024-01-01'), referral(2, '2025-06-01'), referral(3, '2026-03-01')]
    expect(referrals.map((r) => isReReferral(r, referrals))).toEqual([false, false, true])
  })

  it('never counts a later referral as the previous one', () => {
    const earlier = referral(5, '2025-01-01')
    const later = referral(4, '2025-03-01')
    expect(isReReferral(earlier, [earlier, later])).toBe(false)
    expect(isReReferral(later, [earlier, later])).toBe(true)
  })

  it('makes the second of two referrals on the same day the re-referral', () => {
    const referrals = [referral(7, '2025-09-09'), referral(8, '2025-09-09')]
    expect(isReReferral(referrals[0] as { id: number; referralDate: string }, referrals)).toBe(false)
    expect(isReReferral(referrals[1] as { id: number; referralDate: string }, referrals)).toBe(true)
  })

  it('reaches from 29 February to 28 February the next year, and no further', () => {
    expect(isReReferral(referral(2, '2025-02-28'), [referral(1, '2024-02-29')])).toBe(true)
    expect(isReReferral(referral(2, '2025-03-01'), [referral(1, '2024-02-29')])).toBe(false)
  })
})

describe('addMonths', () => {
  it('clamps to the last day of a shorter month', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28')
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28')
    expect(addMonths('2025-01-15', 12)).toBe('2026-01-15')
  })
})
