import { addDays, addMonths, addYears, ageOn, daysBetween, maxDate, minDate, type IsoDate } from './dates.js'
import type { LeaverEpisode } from './outcomes.js'
import {
  NOT_A_CARE_LEAVER_REASONS,
  RETURNED_HOME_REASONS,
  SHORT_BREAK_LEGAL_STATUSES,
  THIRTEEN_WEEKS_DAYS,
} from './oc3-rules.js'

/**
 * Which leaving-care duties the council owes a young person, computed from their looked-after history
 * (Children Act 1989 Sch 2 para 19B, ss.23A, 23C, 23CZA, 23CZB, 24; Care Leavers (England) Regulations
 * 2010 reg 3; see reference/statutory-timescales-and-kpis.md section A3):
 * - eligible: 16 or 17, still looked after, looked after for 13 weeks in total since 14, some of it after 16;
 * - relevant: 16 or 17, was eligible and has left care (not home to parents for 6 months or more);
 * - former relevant: 18 to 21 (support to 25), was relevant or eligible;
 * - qualifying: looked after at some time after 16 but not eligible (fewer than 13 weeks, home to
 *   parents for 6 months, or left care under a special guardianship or child arrangements order).
 * Agreed series of short breaks (903 LS V3, V4) never count.
 */
export type LeavingCareCategory = 'eligible' | 'relevant' | 'former_relevant' | 'qualifying' | 'none'

export const CATEGORY_LABELS: Record<LeavingCareCategory, string> = {
  eligible: 'Eligible child',
  relevant: 'Relevant child',
  former_relevant: 'Former relevant child',
  qualifying: 'Qualifying care leaver',
  none: 'Not a care leaver',
}

export type LeaverAgeBand = '16' | '17-18' | '19-21' | '22-25'

export interface Duty {
  duty: string
  from: IsoDate
  to: IsoDate
}

export interface Eligibility {
  category: LeavingCareCategory
  label: string
  age: number | null
  ageBand: LeaverAgeBand | null
  /** Days looked after since the 14th birthday (short breaks excluded), up to the date asked about. */
  daysSince14: number
  /** The day the 13 weeks were reached, if they were. */
  thirteenWeeksOn: IsoDate | null
  lookedAfterAfter16: boolean
  lookedAfterNow: boolean
  leftCare: IsoDate | null
  leftCareReason: string | null
  /** Went home to parents before 18 and had been there 6 months by the date asked about. */
  returnedHomeSixMonths: boolean
  /** Why, in words. */
  reason: string
  duties: Duty[]
}

export interface EligibilityInput {
  dateOfBirth: IsoDate | null
  dateOfDeath?: IsoDate | null
  episodes: readonly LeaverEpisode[]
  asAt: IsoDate
}

const ukDate = (iso: IsoDate) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })

export function leaverAgeBand(age: number | null): LeaverAgeBand | null {
  if (age === null || age < 16 || age > 25) return null
  if (age === 16) return '16'
  if (age <= 18) return '17-18'
  if (age <= 21) return '19-21'
  return '22-25'
}

const isShortBreak = (episode: LeaverEpisode) =>
  (SHORT_BREAK_LEGAL_STATUSES as readonly string[]).includes(episode.legalStatus)

/** Days looked after since 14 up to `asAt`, and the day the total reached 13 weeks. */
function countSince14(episodes: readonly LeaverEpisode[], fourteenth: IsoDate, asAt: IsoDate) {
  let days = 0
  let reachedOn: IsoDate | null = null
  const ordered = [...episodes].sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0))
  for (const episode of ordered) {
    const from = maxDate(episode.startDate, fourteenth)
    const to = minDate(episode.endDate ?? asAt, asAt)
    const length = Math.max(0, daysBetween(from, to))
    if (reachedOn === null && days + length >= THIRTEEN_WEEKS_DAYS)
      reachedOn = addDays(from, THIRTEEN_WEEKS_DAYS - days)
    days += length
  }
  return { days, reachedOn }
}

export function leavingCareEligibility(input: EligibilityInput): Eligibility {
  const { dateOfBirth: dob, asAt } = input
  const base = {
    age: dob === null ? null : ageOn(dob, asAt),
    daysSince14: 0,
    thirteenWeeksOn: null,
    lookedAfterAfter16: false,
    lookedAfterNow: false,
    leftCare: null,
    leftCareReason: null,
    returnedHomeSixMonths: false,
    duties: [] as Duty[],
  }
  const none = (reason: string, extra: Partial<Eligibility> = {}): Eligibility => ({
    ...base,
    ageBand: null,
    ...extra,
    category: 'none',
    label: CATEGORY_LABELS.none,
    reason,
  })
  if (dob === null) return none('Their date of birth is not recorded.')
  const age = ageOn(dob, asAt)
  const sixteenth = addYears(dob, 16)
  const eighteenth = addYears(dob, 18)
  const twentyFirst = addYears(dob, 21)
  const twentyFifth = addYears(dob, 25)
  const episodes = input.episodes.filter((episode) => episode.startDate <= asAt && !isShortBreak(episode))
  const { days, reachedOn } = countSince14(episodes, addYears(dob, 14), asAt)
  const lookedAfterNow = episodes.some((episode) => episode.endDate === null || episode.endDate > asAt)
  const after16 = episodes.some((episode) => episode.endDate === null || episode.endDate > sixteenth)
  const exits = episodes
    .filter((episode) => episode.endDate !== null && episode.endDate <= asAt)
    .sort((a, b) => ((a.endDate ?? '') < (b.endDate ?? '') ? 1 : -1))
  const lastExit = lookedAfterNow ? undefined : exits[0]
  const facts = {
    ...base,
    age,
    daysSince14: days,
    thirteenWeeksOn: reachedOn,
    lookedAfterAfter16: after16,
    lookedAfterNow,
    leftCare: lastExit?.endDate ?? null,
    leftCareReason: lastExit?.reasonEnded ?? null,
  }
  const weeks = `${Math.floor(days / 7)} weeks`
  const meetsTest = days >= THIRTEEN_WEEKS_DAYS && after16
  const result = (category: LeavingCareCategory, reason: string, duties: Duty[], extra: Partial<Eligibility> = {}) => ({
    ...facts,
    ageBand: leaverAgeBand(age),
    ...extra,
    category,
    label: CATEGORY_LABELS[category],
    reason,
    duties,
  })
  if (input.dateOfDeath != null && input.dateOfDeath <= asAt)
    return none(`They died on ${ukDate(input.dateOfDeath)}.`, facts)
  if (episodes.length === 0) return none('They have not been looked after (short breaks do not count).', facts)
  if (age >= 25) return none('They are 25 or older: leaving-care duties have ended.', facts)
  if (!after16)
    return none(
      `They stopped being looked after before their 16th birthday (${ukDate(sixteenth)}), so they are not a care leaver.`,
      facts,
    )

  if (lookedAfterNow) {
    if (age >= 18) return none('They are recorded as looked after at 18 or over: check the looked-after record.', facts)
    if (!meetsTest)
      return none(
        `They are looked after and have been for ${weeks} since their 14th birthday: they become an eligible child after 13 weeks.`,
        facts,
      )
    const from = maxDate(reachedOn ?? sixteenth, sixteenth)
    return result(
      'eligible',
      `Looked after for ${weeks} since their 14th birthday, including time after their 16th, and still looked after.`,
      [
        {
          duty: 'Personal adviser, needs assessment and pathway plan, alongside their care plan',
          from,
          to: eighteenth,
        },
        { duty: 'Former relevant duties once they turn 18', from: eighteenth, to: twentyFirst },
      ],
    )
  }

  const left = lastExit?.endDate ?? asAt
  const reason = lastExit?.reasonEnded ?? ''
  const leftWords = `They left care on ${ukDate(left)}`
  if ((NOT_A_CARE_LEAVER_REASONS as readonly string[]).includes(reason)) {
    if (['E11', 'E12'].includes(reason))
      return none(`${leftWords} when they were adopted: adopted children are not care leavers.`, facts)
    if (reason === 'E2') return none(`${leftWords}: recorded as having died.`, facts)
    if (reason === 'E3')
      return none(`${leftWords} when another council took over their care: that council is responsible.`, facts)
    if (age >= 21)
      return none(`${leftWords} under a special guardianship or child arrangements order; they are now over 21.`, facts)
    return result(
      'qualifying',
      `${leftWords} under a special guardianship or child arrangements order after their 16th birthday, so they are a qualifying care leaver.`,
      [{ duty: 'Advice and assistance', from: maxDate(left, sixteenth), to: twentyFirst }],
    )
  }

  const wentHome = (RETURNED_HOME_REASONS as readonly string[]).includes(reason) && left < eighteenth
  const sixMonthsHome = addMonths(left, 6)
  const returnedHomeSixMonths = wentHome && sixMonthsHome <= minDate(asAt, eighteenth)
  if (!meetsTest || returnedHomeSixMonths) {
    if (age >= 21) return none(`${leftWords}; as a qualifying care leaver their duties ended at 21.`, facts)
    const why = returnedHomeSixMonths
      ? `${leftWords} to live with their parents and had been home for 6 months by ${ukDate(sixMonthsHome)}, so they are no longer a relevant child.`
      : `${leftWords} after their 16th birthday having been looked after for ${weeks} since their 14th, fewer than 13 weeks.`
    return result(
      'qualifying',
      `${why} They are a qualifying care leaver.`,
      [{ duty: 'Advice and assistance', from: left, to: twentyFirst }],
      { returnedHomeSixMonths },
    )
  }

  const leaverWords = `Looked after for ${weeks} since their 14th birthday, including time after their 16th.`
  const homeNote = wentHome
    ? ` They went home to their parents on ${ukDate(left)}: if they are still there on ${ukDate(sixMonthsHome)} they stop being a relevant child.`
    : ''
  const formerDuties: Duty[] = [
    {
      duty: 'Personal adviser, pathway plan reviewed every 6 months, keeping in touch, help with education, employment and training',
      from: maxDate(eighteenth, left),
      to: twentyFirst,
    },
    {
      duty: 'Personal adviser support on request, and while in education or training (to 25)',
      from: twentyFirst,
      to: twentyFifth,
    },
  ]
  if (reason === 'E17')
    formerDuties.push({
      duty: 'Staying Put with their former foster carers',
      from: maxDate(eighteenth, left),
      to: twentyFirst,
    })
  if (age < 18) {
    return result('relevant', `${leaverWords} ${leftWords}, before their 18th birthday.${homeNote}`, [
      { duty: 'Personal adviser, pathway plan, suitable accommodation and maintenance', from: left, to: eighteenth },
      ...formerDuties,
    ])
  }
  const stillOwed = age < 21 ? '' : ' Over 21: personal adviser support continues to 25 if they ask for it.'
  return result('former_relevant', `${leaverWords} ${leftWords}.${stillOwed}`, formerDuties)
}
