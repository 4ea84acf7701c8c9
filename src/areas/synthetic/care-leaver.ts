import { addMonths, addYears, ageOn, type Day } from './dates.js'
import {
  ACCOMMODATION_ON_LEAVING,
  ACTIVITY_EET,
  ACTIVITY_NEET,
  CARE_LEAVER_ACCOMMODATION,
  NOT_IN_TOUCH,
} from './distributions.js'
import type { Rng } from './rng.js'
import type { CareLeaverStatusStory, CareLeaverStory } from './story.js'

/** Reasons a period of care ends that do not make a young person a care leaver. */
const NOT_A_CARE_LEAVER = new Set(['E11', 'E12', 'E45', 'E46', 'E47', 'E48', 'E41', 'E2', 'E3', 'E16'])

const RETURNED_HOME = new Set(['E4A', 'E4B', 'E14', 'E9'])

/** Eligible, relevant or former relevant: looked after 13 weeks since 14 and leaving care at 16 or older. */
export function becomesCareLeaver(dateOfBirth: Day, start: Day, exit: Day, reasonEnded: string): boolean {
  if (NOT_A_CARE_LEAVER.has(reasonEnded)) return false
  const age = ageOn(dateOfBirth, exit)
  if (age < 16) return false
  // Going home to parents before 18 (or leaving remand) usually ends the local authority's duties.
  if (age < 18 && RETURNED_HOME.has(reasonEnded)) return false
  const fourteenth = addYears(dateOfBirth, 14)
  return exit - Math.max(start, fourteenth) >= 91
}

/**
 * A care leaver's path to 21 (some to 25): a personal adviser from about 17 and a half, and a status
 * about every three months (in touch, activity, accommodation) that drifts the way real ones do: most
 * stay in touch, most accommodation is suitable (custody is the usual unsuitable one), and about half
 * of 19 to 21 year olds are not in education, employment or training.
 */
export function simulateCareLeaver(
  rng: Rng,
  dateOfBirth: Day,
  careStart: Day,
  exit: Day,
  reasonEnded: string,
  asAt: Day,
): CareLeaverStory {
  const personalAdviserFrom = Math.min(exit, Math.max(careStart, addMonths(dateOfBirth, 17 * 12 + 6)))
  const servicesEndRaw = addYears(dateOfBirth, rng.chance(0.06) ? 25 : 21)
  const stayingPut = reasonEnded === 'E17'
  const stayingPutEnd = stayingPut ? Math.min(addYears(dateOfBirth, 21), exit + Math.round(rng.logNormal(500, 0.5))) : 0
  const engaged = rng.chance(0.93)
  const neetTendency = rng.next()

  const statuses: CareLeaverStatusStory[] = []
  const leavingWeights = ACCOMMODATION_ON_LEAVING[reasonEnded] ?? CARE_LEAVER_ACCOMMODATION
  let accommodation = rng.weighted(leavingWeights)
  let activity = ''
  const last = Math.min(servicesEndRaw, asAt)
  for (let day = exit; day <= last; day += rng.int(70, 110)) {
    const age = ageOn(dateOfBirth, day)
    if (stayingPut && day >= stayingPutEnd && accommodation === 'Z1') {
      accommodation = rng.weighted([
        ['U1', 60],
        ['D1', 25],
        ['T1', 15],
      ])
    } else if (!(stayingPut && day < stayingPutEnd) && rng.chance(0.14)) {
      accommodation = rng.weighted(CARE_LEAVER_ACCOMMODATION)
    }
    const neetShare = age >= 19 ? 0.56 : 0.38
    if (activity === '' || rng.chance(0.2)) {
      activity = neetTendency < neetShare ? rng.weighted(ACTIVITY_NEET) : rng.weighted(ACTIVITY_EET)
      if (activity === 'F1' || activity === 'P1') activity = age >= 18 ? activity : 'F2'
    }
    const inTouch = rng.chance(engaged ? 0.97 : 0.55) ? 'YES' : rng.weighted(NOT_IN_TOUCH)
    statuses.push({
      day,
      age,
      inTouch,
      activity: inTouch === 'YES' ? activity : '0',
      accommodation: inTouch === 'YES' ? accommodation : '0',
    })
  }
  return {
    leftCare: exit,
    personalAdviserFrom,
    servicesEnd: servicesEndRaw > asAt ? null : servicesEndRaw,
    stayingPut,
    stayingPutEnd: stayingPut && stayingPutEnd <= asAt ? stayingPutEnd : null,
    statuses,
  }
}
