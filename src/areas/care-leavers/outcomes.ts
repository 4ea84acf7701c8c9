import type { Db } from '../../db/database.js'
import { addMonths, addYears, daysBetween, maxDate, minDate, type IsoDate } from './dates.js'
import {
  ACCOMMODATION_NOT_KNOWN_REASON,
  EET_ACTIVITY_CODES,
  IN_TOUCH_CODE,
  NOT_A_CARE_LEAVER_REASONS,
  NOT_IN_TOUCH_REASON,
  OC3_AGES,
  RETURNED_HOME_REASONS,
  SHORT_BREAK_LEGAL_STATUSES,
  THIRTEEN_WEEKS_DAYS,
  WINDOW_MONTHS_AFTER,
  WINDOW_MONTHS_BEFORE,
  oc3AgeBand,
  type InTouchCode,
} from './oc3-rules.js'

/**
 * The TypeScript twin of careLeaverOutcomesSql (outcomes-sql.ts) for one young person, for the record
 * page: the same rules on the same records, tested to agree with the SQL on a generated council.
 */
export interface LeaverEpisode {
  id: number
  startDate: IsoDate
  endDate: IsoDate | null
  legalStatus: string
  reasonEnded: string | null
}

export interface LeaverContact {
  id: number
  contactDate: IsoDate
  outcome: keyof typeof IN_TOUCH_CODE
}

export interface LeaverActivity {
  id: number
  startDate: IsoDate
  endDate: IsoDate | null
  activityCode: string
}

export interface LeaverAccommodation {
  id: number
  startDate: IsoDate
  endDate: IsoDate | null
  accommodationType: string
  suitable: boolean
  unsuitableReason: string | null
}

export interface LeaverHistory {
  childId: number
  merged: boolean
  dateOfBirth: IsoDate | null
  dateOfDeath: IsoDate | null
  episodes: readonly LeaverEpisode[]
  contacts: readonly LeaverContact[]
  activities: readonly LeaverActivity[]
  accommodation: readonly LeaverAccommodation[]
  responsibleElsewhere: readonly { startDate: IsoDate; endDate: IsoDate | null }[]
}

export interface CareLeaverOutcome {
  childId: number
  ageAtBirthday: number
  ageBand: '17-18' | '19-21'
  birthday: IsoDate
  windowStart: IsoDate
  windowEnd: IsoDate
  inTouch: InTouchCode
  activ: string
  accom: string
  accommodationSuitable: boolean
  unsuitableReason: string | null
  inEducationEmploymentTraining: boolean
  inDfeCohort: boolean
}

export function birthdayWindow(birthday: IsoDate): { start: IsoDate; end: IsoDate } {
  return { start: addMonths(birthday, -WINDOW_MONTHS_BEFORE), end: addMonths(birthday, WINDOW_MONTHS_AFTER) }
}

const overlaps = (start: IsoDate, end: IsoDate | null, from: IsoDate, to: IsoDate) =>
  start <= to && (end === null || end >= from)

const covers = (start: IsoDate, end: IsoDate | null, day: IsoDate) => start <= day && (end === null || end >= day)

/** The record overlapping the window: the one covering the birthday first, then the latest to start. */
function pickAround<T extends { id: number; startDate: IsoDate; endDate: IsoDate | null }>(
  records: readonly T[],
  birthday: IsoDate,
  window: { start: IsoDate; end: IsoDate },
): T | undefined {
  return records
    .filter((record) => overlaps(record.startDate, record.endDate, window.start, window.end))
    .sort(
      (a, b) =>
        Number(covers(b.startDate, b.endDate, birthday)) - Number(covers(a.startDate, a.endDate, birthday)) ||
        (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : 0) ||
        b.id - a.id,
    )[0]
}

/** Whether the young person is in the OC3 cohort at this birthday (see careLeaverOutcomesSql). */
function inCohort(history: LeaverHistory, dob: IsoDate, birthday: IsoDate, window: { start: IsoDate; end: IsoDate }) {
  const fourteenth = addYears(dob, 14)
  const sixteenth = addYears(dob, 16)
  const episodes = history.episodes.filter(
    (episode) =>
      episode.startDate <= birthday && !(SHORT_BREAK_LEGAL_STATUSES as readonly string[]).includes(episode.legalStatus),
  )
  if (episodes.length === 0) return undefined
  let daysSince14 = 0
  for (const episode of episodes) {
    const end = minDate(episode.endDate ?? birthday, birthday)
    daysSince14 += Math.max(0, daysBetween(maxDate(episode.startDate, fourteenth), end))
  }
  const after16 = episodes.some((episode) => episode.endDate === null || episode.endDate > sixteenth)
  const onBirthday = episodes.some((episode) => episode.endDate === null || episode.endDate > birthday)
  const exits = history.episodes
    .filter((episode) => episode.endDate !== null && episode.endDate <= birthday)
    .sort(
      (a, b) =>
        (a.endDate! < b.endDate! ? 1 : a.endDate! > b.endDate! ? -1 : 0) ||
        (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : 0) ||
        b.id - a.id,
    )
  const lastExit = exits[0]
  if (lastExit === undefined || daysSince14 < THIRTEEN_WEEKS_DAYS || !after16 || onBirthday) return undefined
  if ((NOT_A_CARE_LEAVER_REASONS as readonly string[]).includes(lastExit.reasonEnded ?? '')) return undefined
  if (
    history.responsibleElsewhere.some((record) => overlaps(record.startDate, record.endDate, window.start, window.end))
  )
    return undefined
  return { leftCare: lastExit.endDate!, reasonLeft: lastExit.reasonEnded }
}

/** The OC3 values at one birthday (17 to 21), or undefined when the young person is not in the cohort. */
export function careLeaverOutcomeAt(history: LeaverHistory, age: number): CareLeaverOutcome | undefined {
  const dob = history.dateOfBirth
  if (dob === null || history.merged) return undefined
  const birthday = addYears(dob, age)
  const window = birthdayWindow(birthday)
  const exit = inCohort(history, dob, birthday, window)
  if (exit === undefined) return undefined
  const inWindow = history.contacts
    .filter((contact) => contact.contactDate >= window.start && contact.contactDate <= window.end)
    .sort((a, b) => (a.contactDate < b.contactDate ? 1 : a.contactDate > b.contactDate ? -1 : 0) || b.id - a.id)
  const died =
    (history.dateOfDeath !== null && history.dateOfDeath <= window.end) ||
    history.contacts.some((contact) => contact.outcome === 'died' && contact.contactDate <= window.end)
  const returnedHome =
    (RETURNED_HOME_REASONS as readonly string[]).includes(exit.reasonLeft ?? '') &&
    exit.leftCare < addYears(dob, 18) &&
    addMonths(exit.leftCare, 6) <= birthday
  const inTouch: InTouchCode = died
    ? 'DIED'
    : inWindow.some((contact) => contact.outcome === 'yes')
      ? 'YES'
      : returnedHome
        ? 'RHOM'
        : inWindow[0] === undefined
          ? 'NO'
          : IN_TOUCH_CODE[inWindow[0].outcome]
  const activity = inTouch === 'YES' ? pickAround(history.activities, birthday, window) : undefined
  const accommodation = inTouch === 'YES' ? pickAround(history.accommodation, birthday, window) : undefined
  const activ = activity?.activityCode ?? '0'
  const accom =
    accommodation === undefined ? '0' : accommodation.accommodationType + (accommodation.suitable ? '1' : '2')
  const suitable = /^.1$/.test(accom)
  return {
    childId: history.childId,
    ageAtBirthday: age,
    ageBand: oc3AgeBand(age),
    birthday,
    windowStart: window.start,
    windowEnd: window.end,
    inTouch,
    activ,
    accom,
    accommodationSuitable: suitable,
    unsuitableReason: suitable
      ? null
      : /^.2$/.test(accom)
        ? (accommodation?.unsuitableReason ?? 'other')
        : inTouch !== 'YES'
          ? NOT_IN_TOUCH_REASON
          : ACCOMMODATION_NOT_KNOWN_REASON,
    inEducationEmploymentTraining: (EET_ACTIVITY_CODES as readonly string[]).includes(activ),
    inDfeCohort: inTouch !== 'DIED' && inTouch !== 'RHOM',
  }
}

/** Every 17th to 21st birthday on or before `asAt` at which the young person is in the cohort. */
export function careLeaverOutcomes(history: LeaverHistory, asAt: IsoDate): CareLeaverOutcome[] {
  if (history.dateOfBirth === null) return []
  const dob = history.dateOfBirth
  return OC3_AGES.filter((age) => addYears(dob, age) <= asAt)
    .map((age) => careLeaverOutcomeAt(history, age))
    .filter((row): row is CareLeaverOutcome => row !== undefined)
}

/** Loads what the outcome rules read for one young person. The caller has already checked scope. */
export async function loadLeaverHistory(
  db: Db,
  councilId: number,
  childId: number,
): Promise<LeaverHistory | undefined> {
  const child = await db
    .selectFrom('child')
    .select(['id', 'date_of_birth', 'date_of_death', 'merged_into_child_id'])
    .where('council_id', '=', councilId)
    .where('id', '=', childId)
    .executeTakeFirst()
  if (child === undefined) return undefined
  const byChild = { council: councilId, child: childId }
  const [episodes, contacts, activities, accommodation, elsewhere] = await Promise.all([
    db
      .selectFrom('looked_after_episode')
      .select(['id', 'start_date', 'end_date', 'legal_status', 'reason_episode_ceased'])
      .where('council_id', '=', byChild.council)
      .where('child_id', '=', byChild.child)
      .execute(),
    db
      .selectFrom('keeping_in_touch_contact')
      .select(['id', 'contact_date', 'outcome'])
      .where('council_id', '=', byChild.council)
      .where('child_id', '=', byChild.child)
      .execute(),
    db
      .selectFrom('care_leaver_activity')
      .select(['id', 'start_date', 'end_date', 'activity_code'])
      .where('council_id', '=', byChild.council)
      .where('child_id', '=', byChild.child)
      .execute(),
    db
      .selectFrom('care_leaver_accommodation')
      .select(['id', 'start_date', 'end_date', 'accommodation_type', 'suitable', 'unsuitable_reason'])
      .where('council_id', '=', byChild.council)
      .where('child_id', '=', byChild.child)
      .execute(),
    db
      .selectFrom('responsible_authority_elsewhere')
      .select(['start_date', 'end_date'])
      .where('council_id', '=', byChild.council)
      .where('child_id', '=', byChild.child)
      .execute(),
  ])
  return {
    childId: Number(child.id),
    merged: child.merged_into_child_id !== null,
    dateOfBirth: child.date_of_birth,
    dateOfDeath: child.date_of_death,
    episodes: episodes.map((row) => ({
      id: Number(row.id),
      startDate: row.start_date,
      endDate: row.end_date,
      legalStatus: row.legal_status,
      reasonEnded: row.reason_episode_ceased,
    })),
    contacts: contacts.map((row) => ({ id: Number(row.id), contactDate: row.contact_date, outcome: row.outcome })),
    activities: activities.map((row) => ({
      id: Number(row.id),
      startDate: row.start_date,
      endDate: row.end_date,
      activityCode: row.activity_code,
    })),
    accommodation: accommodation.map((row) => ({
      id: Number(row.id),
      startDate: row.start_date,
      endDate: row.end_date,
      accommodationType: row.accommodation_type,
      suitable: row.suitable,
      unsuitableReason: row.unsuitable_reason,
    })),
    responsibleElsewhere: elsewhere.map((row) => ({ startDate: row.start_date, endDate: row.end_date })),
  }
}
