import { addYears, type Day } from './dates.js'
import {
  DISABILITY,
  ETHNICITY,
  REFERRAL_AGE_BAND,
  SIBLING_GROUP_SIZE,
  UASC_ETHNICITY,
  UASC_LANGUAGE,
} from './distributions.js'
import { forename, preferredName, surname } from './names.js'
import type { Rng } from './rng.js'
import type { ChildStory, CinEpisodeStory, FamilyStory } from './story.js'

/**
 * Who is in a family when it is first referred: a sibling group around an "anchor" child whose age
 * follows the national pattern of referrals, an unborn baby for a pre-birth referral, a disabled child,
 * or an unaccompanied asylum-seeking young person on their own.
 */
export type FamilyKind = 'general' | 'preBirth' | 'disabled' | 'uasc'

/** A child as the simulation tracks them through the family's involvements. */
export interface Member {
  story: ChildStory
  eighteenth: Day
  disabled: boolean
  episode: CinEpisodeStory | null
  open: boolean
  closedOn: Day
  lastReferral: Day | null
}

export function finishActivity(child: ChildStory): void {
  let first = Infinity
  let last: Day | null = -Infinity
  for (const episode of child.cinEpisodes) {
    first = Math.min(first, episode.referralDay)
    if (last !== null) last = episode.closureDay === null ? null : Math.max(last, episode.closureDay)
  }
  for (const period of child.carePeriods) {
    if (last !== null) last = period.end === null ? null : Math.max(last, period.end)
  }
  if (child.careLeaver !== null && last !== null) {
    const leaver = child.careLeaver
    last = leaver.servicesEnd === null ? null : Math.max(last, leaver.servicesEnd)
  }
  child.firstActivity = first
  child.lastActivity = last
}

export function createChildren(rng: Rng, family: FamilyStory, kind: FamilyKind, referral: Day): Member[] {
  const ethnicity = kind === 'uasc' ? rng.weighted(UASC_ETHNICITY) : rng.weighted(ETHNICITY)
  const births: Day[] = []
  if (kind === 'uasc') {
    births.push(referral - rng.int(14 * 365 + 200, 18 * 365 - 30))
  } else if (kind === 'disabled') {
    births.push(referral - rng.int(365, 16 * 365))
  } else {
    const size = Number(rng.weighted(SIBLING_GROUP_SIZE))
    let anchor: Day
    if (kind === 'preBirth') {
      anchor = referral + rng.int(30, 160)
    } else {
      const band = rng.weighted(REFERRAL_AGE_BAND)
      const [from, to] = band === '0' ? [0, 0] : band.split('-').map(Number)
      const years = rng.int(from ?? 0, to ?? 0)
      anchor = referral - years * 365 - rng.int(1, 364)
    }
    births.push(anchor)
    const anchorAge = (referral - anchor) / 365.25
    for (let index = 1; index < size; index++) {
      const older = kind === 'preBirth' || anchorAge < 4 ? true : anchorAge >= 14 ? false : rng.chance(0.5)
      const gap = rng.chance(0.03) ? 0 : rng.int(300, 4 * 365)
      const base = older ? Math.min(...births) : Math.max(...births)
      const birth = older ? base - gap : base + gap
      if (birth > referral || referral - birth >= 18 * 365) continue
      births.push(birth)
    }
  }
  return births.map((birth, ordinal) => {
    const childRng = rng.fork('child', ordinal)
    const sex = kind === 'uasc' ? (childRng.chance(0.92) ? 'M' : 'F') : childRng.chance(0.51) ? 'M' : 'F'
    const firstName = forename(childRng, sex)
    const disabled = kind === 'disabled' || childRng.chance(0.04)
    const disabilities = disabled
      ? [
          ...new Set(
            Array.from({ length: kind === 'disabled' ? childRng.int(1, 3) : 1 }, () => childRng.weighted(DISABILITY)),
          ),
        ]
      : []
    const actualBirth = birth > referral ? birth + childRng.int(-14, 10) : birth
    const story: ChildStory = {
      ordinal,
      firstName,
      lastName: childRng.chance(0.82) ? family.surname : surname(childRng),
      preferredName: preferredName(childRng, firstName),
      sex,
      dateOfBirth: actualBirth,
      expectedDateOfBirth: birth > referral ? birth : null,
      ethnicity: kind !== 'uasc' && childRng.chance(0.03) ? childRng.weighted(ETHNICITY) : ethnicity,
      disabilities,
      languages:
        kind === 'uasc' ? [childRng.weighted(UASC_LANGUAGE)] : childRng.chance(0.02) ? ['Polish'] : ['English'],
      uasc: kind === 'uasc',
      uascCeased: null,
      cinEpisodes: [],
      carePeriods: [],
      careLeaver: null,
      firstActivity: referral,
      lastActivity: null,
    }
    return {
      story,
      eighteenth: addYears(actualBirth, 18),
      disabled: kind === 'disabled',
      episode: null,
      open: false,
      closedOn: referral,
      lastReferral: null,
    }
  })
}
