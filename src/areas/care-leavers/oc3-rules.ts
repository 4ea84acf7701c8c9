/**
 * The rules behind the 903 OC3 values, shared by the SQL (outcomes-sql.ts) and its TypeScript twin
 * (outcomes.ts) so the two cannot drift.
 *
 * Sources: SSDA903 guide (OC3: the young person's circumstances around their 17th to 21st birthday,
 * from 3 months before to 1 month after it); DfE CLA methodology (care-leaver cohort: looked after for
 * 13 weeks after the 14th birthday including some time after the 16th; short breaks excluded);
 * reference/statutory-timescales-and-kpis.md section A3 and the care-leaver rows of section B.
 */

/** 903 LS codes for an agreed series of short breaks: never count towards the 13 weeks. */
export const SHORT_BREAK_LEGAL_STATUSES = ['V3', 'V4'] as const

/** 13 weeks, in days. */
export const THIRTEEN_WEEKS_DAYS = 91

/**
 * 903 REC codes that end care without the young person becoming a care leaver for the OC3 cohort:
 * adopted (E11, E12), died (E2), care taken over by another authority (E3), a residence or child
 * arrangements order (E41) or a special guardianship order (E45-E48), which make them at most a
 * qualifying care leaver.
 */
export const NOT_A_CARE_LEAVER_REASONS = ['E11', 'E12', 'E2', 'E3', 'E41', 'E45', 'E46', 'E47', 'E48'] as const

/** 903 REC codes for going home to parents. Six months at home before 18 ends the relevant-child duties. */
export const RETURNED_HOME_REASONS = ['E4A', 'E4B', 'E13'] as const

/** The ages whose birthdays the OC3 table covers. */
export const OC3_AGES = [17, 18, 19, 20, 21] as const

/** The birthday window: from this many months before the birthday ... */
export const WINDOW_MONTHS_BEFORE = 3
/** ... to this many months after it. */
export const WINDOW_MONTHS_AFTER = 1

/** 903 ACTIV codes meaning in education, employment or training. */
export const EET_ACTIVITY_CODES = ['F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5'] as const

/** 903 IN_TOUCH codes, from a keeping-in-touch outcome recorded by the personal adviser. */
export const IN_TOUCH_CODE = {
  yes: 'YES',
  no: 'NO',
  refused: 'REFU',
  returned_home: 'RHOM',
  died: 'DIED',
  no_longer_requires: 'NREQ',
} as const

export type InTouchCode = (typeof IN_TOUCH_CODE)[keyof typeof IN_TOUCH_CODE]

/**
 * Why a young person in the cohort does not count as suitably accommodated: the Harbour code
 * (UNSUITABLE_ACCOMMODATION_REASON) when the adviser judged the accommodation unsuitable, or one of
 * these two when there is nothing to judge (the DfE counts both as not suitable).
 */
export const NOT_IN_TOUCH_REASON = 'not_in_touch'
export const ACCOMMODATION_NOT_KNOWN_REASON = 'accommodation_not_known'

/** '17-18' or '19-21', the bands DfE publishes. */
export function oc3AgeBand(age: number): '17-18' | '19-21' {
  return age <= 18 ? '17-18' : '19-21'
}
