import { ageOn, type Day } from './dates.js'
import type { ChildStory } from './story.js'

/**
 * The headline figures of the simulated council on the as-at date, counted from the stories (the
 * generator reports them, and calibration uses them). Definitions:
 * - referrals: referrals in the year to the as-at date;
 * - childrenInNeed: an open CIN episode, not on a CP plan and not looked after (includes children
 *   still being assessed);
 * - careLeavers: aged 17 to 21 with care leaving services, no longer looked after.
 */
export interface CouncilCensus {
  children: number
  referrals: number
  reReferrals: number
  policeReferrals: number
  childrenInNeed: number
  childProtectionPlans: number
  lookedAfter: number
  lookedAfterUnder1: number
  lookedAfter16Plus: number
  residential: number
  residentialOutOfBorough: number
  careLeavers: number
  careLeaversInTouch: number
  careLeaversSuitable: number
  careLeavers19To21: number
  careLeavers19To21Neet: number
  startedCare: number
}

export function emptyCensus(): CouncilCensus {
  return {
    children: 0,
    referrals: 0,
    reReferrals: 0,
    policeReferrals: 0,
    childrenInNeed: 0,
    childProtectionPlans: 0,
    lookedAfter: 0,
    lookedAfterUnder1: 0,
    lookedAfter16Plus: 0,
    residential: 0,
    residentialOutOfBorough: 0,
    careLeavers: 0,
    careLeaversInTouch: 0,
    careLeaversSuitable: 0,
    careLeavers19To21: 0,
    careLeavers19To21Neet: 0,
    startedCare: 0,
  }
}

export function addToCensus(census: CouncilCensus, child: ChildStory, asAt: Day): void {
  census.children++
  for (const episode of child.cinEpisodes) {
    if (episode.referralDay > asAt - 365 && episode.referralDay <= asAt) {
      census.referrals++
      if (episode.reReferral) census.reReferrals++
      if (episode.referralSource === '6') census.policeReferrals++
    }
  }
  const openPeriod = child.carePeriods.find((period) => period.end === null)
  const openEpisode = child.cinEpisodes.find((episode) => episode.closureDay === null)
  const onPlan = openEpisode?.cpPlans.some((plan) => plan.end === null) ?? false
  for (const period of child.carePeriods) if (period.start > asAt - 365) census.startedCare++
  if (openPeriod !== undefined) {
    census.lookedAfter++
    const age = ageOn(child.dateOfBirth, asAt)
    if (age < 1) census.lookedAfterUnder1++
    if (age >= 16) census.lookedAfter16Plus++
    const current = openPeriod.episodes[openPeriod.episodes.length - 1]
    if (current?.setting.residential) {
      census.residential++
      if (!current.setting.inBorough) census.residentialOutOfBorough++
    }
  } else if (onPlan) {
    census.childProtectionPlans++
  } else if (openEpisode !== undefined) {
    census.childrenInNeed++
  }
  const leaver = child.careLeaver
  if (leaver !== null && openPeriod === undefined && leaver.servicesEnd === null) {
    const age = ageOn(child.dateOfBirth, asAt)
    if (age >= 17 && age <= 21) {
      census.careLeavers++
      const latest = leaver.statuses[leaver.statuses.length - 1]
      if (latest?.inTouch === 'YES') census.careLeaversInTouch++
      if (latest?.accommodation.endsWith('1')) census.careLeaversSuitable++
      if (age >= 19) {
        census.careLeavers19To21++
        if (latest?.activity.startsWith('G')) census.careLeavers19To21Neet++
      }
    }
  }
}
