/**
 * A re-referral is a referral that came within 12 months of a previous referral of the same child
 * (DfE children in need statistics, table C1). It is computed from the referral dates, never typed.
 *
 * "Within 12 months" includes the anniversary: a referral on 10 May 2026 after one on 10 May 2025 is
 * a re-referral; one on 11 May 2026 is not. Months are calendar months, clamped to the month's last
 * day (a referral on 29 February 2024 reaches to 28 February 2025), the same as PostgreSQL's
 * `date + interval '12 months'`, which the referral list query (queries.ts) uses. Two referrals on the
 * same day: the one recorded second (higher id) is the re-referral. Referrals of a duplicate record
 * merged into the child count as the child's own.
 */
export const RE_REFERRAL_MONTHS = 12

export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number]
  const target = month - 1 + months
  const lastDay = new Date(Date.UTC(year, target + 1, 0)).getUTCDate()
  return new Date(Date.UTC(year, target, Math.min(day, lastDay))).toISOString().slice(0, 10)
}

export interface ReferralDate {
  id: number
  referralDate: string
}

/** Whether `referral` is a re-referral, given every referral of the same child (it may be among them). */
export function isReReferral(referral: ReferralDate, childReferrals: readonly ReferralDate[]): boolean {
  return childReferrals.some(
    (previous) =>
      previous.id !== referral.id &&
      (previous.referralDate < referral.referralDate ||
        (previous.referralDate === referral.referralDate && previous.id < referral.id)) &&
      addMonths(previous.referralDate, RE_REFERRAL_MONTHS) >= referral.referralDate,
  )
}
