import { sql } from 'kysely'
import type { Db } from '../../../db/database.js'
import { CIN_CHILD_COLUMNS, cinCensusPeriod, emptyCinTables, type CinReturn, type CinRow } from './tables.js'

/**
 * The Children in Need census for one census year, built from Harbour's live record.
 *
 * Who is in it (DfE CIN census guide): every child with a CIN episode (a `referral`) open at any
 * point in the year, i.e. referred on or before 31 March and not closed before 1 April, including
 * referrals that led to no further action. Each such referral is one CINdetails block; the
 * assessments, child in need plans, section 47 enquiries and child protection plans under it are
 * the ones that were open at some point in the year. The return describes the record as at the
 * reference date: anything dated after 31 March (a closure, an authorisation, a plan's end, a
 * review, a birth) is left out, so last year's return can be rebuilt today.
 *
 * A record whose referral_id is missing is placed in the child's episode that was open on the
 * record's start date. All data comes from six bulk queries; the order is deterministic
 * (children by LAchildID, records by date, then by their other fields).
 */
export interface BuildCinOptions {
  /** Only these children (e.g. to check one child's part of the return). */
  childIds?: number[]
}

interface Episode {
  id: number
  child_id: number
  referral_date: string
  source: string
  primary_need: string | null
  no_further_action: boolean
  closure_date: string | null
  closure_reason: string | null
}

const compare = (a: string | null | undefined, b: string | null | undefined): number => {
  const left = a ?? '\uffff'
  const right = b ?? '\uffff'
  return left < right ? -1 : left > right ? 1 : 0
}

/** Compares by each key in turn; the record id breaks a complete tie. */
function byKeys<T extends { id: number }>(...keys: ((row: T) => string | null | undefined)[]) {
  return (a: T, b: T): number => {
    for (const key of keys) {
      const order = compare(key(a), key(b))
      if (order !== 0) return order
    }
    return a.id - b.id
  }
}

const flag = (value: boolean): string => (value ? 'true' : 'false')

/** Sets the field only when there is a value, so absent XML elements are absent from the row. */
function put(row: CinRow, field: string, value: string | null | undefined): void {
  if (value !== null && value !== undefined && value !== '') row[field] = value
}

function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>()
  for (const row of rows) {
    const list = groups.get(key(row))
    if (list === undefined) groups.set(key(row), [row])
    else list.push(row)
  }
  return groups
}

export async function buildCinReturn(
  db: Db,
  councilId: number,
  year: number,
  options: BuildCinOptions = {},
): Promise<CinReturn> {
  const { start, end } = cinCensusPeriod(year)
  const within = (date: string | null): string | null => (date !== null && date <= end ? date : null)
  const council = await db.selectFrom('council').select('la_code').where('id', '=', councilId).executeTakeFirst()
  if (council === undefined) throw new Error(`No council has id ${councilId}.`)

  let episodeQuery = db
    .selectFrom('referral')
    .innerJoin('child', (join) =>
      join.onRef('child.council_id', '=', 'referral.council_id').onRef('child.id', '=', 'referral.child_id'),
    )
    .select([
      'referral.id',
      'referral.child_id',
      'referral.referral_date',
      'referral.source',
      'referral.primary_need',
      'referral.no_further_action',
      'referral.closure_date',
      'referral.closure_reason',
    ])
    .where('referral.council_id', '=', councilId)
    .where('child.merged_into_child_id', 'is', null)
    .where('referral.referral_date', '<=', end)
    .where((eb) => eb.or([eb('referral.closure_date', 'is', null), eb('referral.closure_date', '>=', start)]))
  if (options.childIds !== undefined) {
    episodeQuery = episodeQuery.where('referral.child_id', 'in', options.childIds.length > 0 ? options.childIds : [-1])
  }
  const episodes: Episode[] = await episodeQuery.execute()
  // One array parameter rather than a list of thousands of parameters.
  const ids = [...new Set(episodes.map((row) => row.child_id))]
  const inReturn = sql<boolean>`child_id = any(${ids}::bigint[])`

  const children = await db
    .selectFrom('child')
    .select(CIN_CHILD_COLUMNS)
    .where('council_id', '=', councilId)
    .where(sql<boolean>`id = any(${ids}::bigint[])`)
    .execute()
  const assessments = await db
    .selectFrom('assessment')
    .select(['id', 'child_id', 'referral_id', 'start_date', 'internal_review_date', 'authorisation_date', 'factors'])
    .where('council_id', '=', councilId)
    .where(inReturn)
    .where('start_date', '<=', end)
    .where((eb) => eb.or([eb('authorisation_date', 'is', null), eb('authorisation_date', '>=', start)]))
    .execute()
  const cinPlans = await db
    .selectFrom('cin_plan')
    .select(['id', 'child_id', 'referral_id', 'start_date', 'end_date'])
    .where('council_id', '=', councilId)
    .where(inReturn)
    .where('start_date', '<=', end)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', start)]))
    .execute()
  const enquiries = await db
    .selectFrom('section47_enquiry')
    .select(['id', 'child_id', 'referral_id', 'start_date', 'end_date', 'icpc_target_date', 'icpc_not_required'])
    .where('council_id', '=', councilId)
    .where(inReturn)
    .where('start_date', '<=', end)
    .execute()
  // Every plan of these children: earlier plans count towards NumberOfPreviousCPP.
  const plans = await db
    .selectFrom('cp_plan')
    .select([
      'id',
      'child_id',
      'referral_id',
      'start_date',
      'end_date',
      'initial_category',
      'latest_category',
      'previous_plans_elsewhere',
    ])
    .where('council_id', '=', councilId)
    .where(inReturn)
    .execute()
  const conferences = await db
    .selectFrom('cp_conference')
    .select([
      'id',
      'child_id',
      'referral_id',
      'section47_enquiry_id',
      'cp_plan_id',
      'conference_type',
      'conference_date',
    ])
    .where('council_id', '=', councilId)
    .where(inReturn)
    .where('conference_date', '<=', end)
    .execute()

  const episodesByChild = groupBy(episodes, (row) => row.child_id)
  for (const list of episodesByChild.values()) {
    list.sort(
      byKeys(
        (row) => row.referral_date,
        (row) => row.closure_date,
      ),
    )
  }
  const episodeIds = new Set(episodes.map((row) => row.id))
  /** The episode a record belongs to: its own referral if that is in the return, else the one open on `day`. */
  const episodeFor = (childId: number, referralId: number | null, day: string): number | undefined => {
    if (referralId !== null) return episodeIds.has(referralId) ? referralId : undefined
    const open = (episodesByChild.get(childId) ?? []).filter(
      (row) => row.referral_date <= day && (row.closure_date === null || row.closure_date >= day),
    )
    return open.at(-1)?.id
  }

  const initialConferences = conferences.filter((row) => row.conference_type !== 'review')
  const icpcByEnquiry = new Map<number, string>()
  for (const conference of initialConferences.sort(byKeys((row) => row.conference_date))) {
    if (conference.section47_enquiry_id !== null && !icpcByEnquiry.has(conference.section47_enquiry_id)) {
      icpcByEnquiry.set(conference.section47_enquiry_id, conference.conference_date)
    }
  }
  const includedEnquiries = enquiries.filter((row) => {
    const completed = icpcByEnquiry.get(row.id) ?? row.end_date ?? (row.icpc_not_required ? row.start_date : null)
    return completed === null || completed >= start
  })
  const includedEnquiryIds = new Set(includedEnquiries.map((row) => row.id))
  const reviewsByPlan = groupBy(
    conferences.filter(
      (row) => row.conference_type === 'review' && row.cp_plan_id !== null && row.conference_date >= start,
    ),
    (row) => row.cp_plan_id ?? 0,
  )
  const plansByChild = groupBy(plans, (row) => row.child_id)

  const under = <T extends { id: number; child_id: number; referral_id: number | null }>(
    rows: readonly T[],
    day: (row: T) => string,
  ): Map<number, T[]> => {
    const groups = new Map<number, T[]>()
    for (const row of rows) {
      const episode = episodeFor(row.child_id, row.referral_id, day(row))
      if (episode === undefined) continue
      const list = groups.get(episode)
      if (list === undefined) groups.set(episode, [row])
      else list.push(row)
    }
    return groups
  }
  const assessmentsByEpisode = under(assessments, (row) => row.start_date)
  const cinPlansByEpisode = under(cinPlans, (row) => row.start_date)
  const enquiriesByEpisode = under(includedEnquiries, (row) => row.start_date)
  const plansByEpisode = under(
    plans.filter((row) => row.start_date <= end && (row.end_date === null || row.end_date >= start)),
    (row) => row.start_date,
  )
  const conferencesByEpisode = under(
    initialConferences.filter(
      (row) =>
        row.conference_date >= start &&
        (row.section47_enquiry_id === null || !includedEnquiryIds.has(row.section47_enquiry_id)),
    ),
    (row) => row.conference_date,
  )

  const tables = emptyCinTables()
  tables.Header.push({
    Collection: 'CIN',
    Year: String(year),
    ReferenceDate: end,
    SourceLevel: 'L',
    LEA: council.la_code,
    SoftwareCode: 'Harbour',
  })
  const childIds: Record<string, number> = {}
  const sortedChildren = [...children].sort((a, b) => compare(a.la_child_id, b.la_child_id))
  for (const child of sortedChildren) {
    const LAchildID = child.la_child_id
    childIds[LAchildID] = child.id
    const born = child.date_of_birth !== null && child.date_of_birth <= end
    const identifiers: CinRow = { LAchildID }
    put(identifiers, 'UPN', child.upn)
    put(identifiers, 'FormerUPN', child.former_upn)
    if (child.upn === null) put(identifiers, 'UPNunknown', child.upn_unknown_reason)
    if (born) put(identifiers, 'PersonBirthDate', child.date_of_birth)
    else put(identifiers, 'ExpectedPersonBirthDate', child.expected_date_of_birth ?? child.date_of_birth)
    put(identifiers, 'Sex', born ? child.sex : 'U')
    put(identifiers, 'PersonDeathDate', within(child.date_of_death))
    tables.ChildIdentifiers.push(identifiers)
    tables.ChildCharacteristics.push({ LAchildID, Ethnicity: child.ethnicity })
    const disabilities = child.disabilities.length > 0 ? child.disabilities : ['NONE']
    for (const Disability of disabilities) tables.Disabilities.push({ LAchildID, Disability })

    const childPlans = plansByChild.get(child.id) ?? []
    const childEpisodes = episodesByChild.get(child.id) ?? []
    childEpisodes.forEach((episode, index) => {
      const CINdetailsID = String(index + 1)
      const ids = { LAchildID, CINdetailsID }
      const closure = within(episode.closure_date)
      const details: CinRow = { ...ids, CINreferralDate: episode.referral_date, ReferralSource: episode.source }
      put(details, 'PrimaryNeedCode', episode.primary_need)
      put(details, 'CINclosureDate', closure)
      if (closure !== null) put(details, 'ReasonForClosure', episode.closure_reason)
      const icpc = (conferencesByEpisode.get(episode.id) ?? []).sort(byKeys((row) => row.conference_date)).at(-1)
      put(details, 'DateOfInitialCPC', icpc?.conference_date)
      details.ReferralNFA = flag(episode.no_further_action)
      tables.CINdetails.push(details)

      const episodeAssessments = (assessmentsByEpisode.get(episode.id) ?? []).sort(
        byKeys(
          (row) => row.start_date,
          (row) => row.authorisation_date,
          (row) => row.factors.join(','),
        ),
      )
      episodeAssessments.forEach((assessment, position) => {
        const row: CinRow = { ...ids, AssessmentID: String(position + 1) }
        put(row, 'AssessmentActualStartDate', assessment.start_date)
        put(row, 'AssessmentInternalReviewDate', within(assessment.internal_review_date))
        const authorised = within(assessment.authorisation_date)
        put(row, 'AssessmentAuthorisationDate', authorised)
        // Factors belong to a completed assessment (rule 8614).
        if (authorised !== null) put(row, 'AssessmentFactors', assessment.factors.join(','))
        tables.Assessments.push(row)
      })

      const episodePlans = (cinPlansByEpisode.get(episode.id) ?? []).sort(
        byKeys(
          (row) => row.start_date,
          (row) => row.end_date,
        ),
      )
      for (const plan of episodePlans) {
        const row: CinRow = { ...ids, CINPlanStartDate: plan.start_date }
        put(row, 'CINPlanEndDate', within(plan.end_date))
        tables.CINplanDates.push(row)
      }

      const episodeEnquiries = (enquiriesByEpisode.get(episode.id) ?? []).sort(
        byKeys(
          (row) => row.start_date,
          (row) => icpcByEnquiry.get(row.id),
        ),
      )
      for (const enquiry of episodeEnquiries) {
        const row: CinRow = { ...ids, S47ActualStartDate: enquiry.start_date }
        put(row, 'InitialCPCtarget', enquiry.icpc_target_date)
        put(row, 'DateOfInitialCPC', icpcByEnquiry.get(enquiry.id))
        row.ICPCnotRequired = flag(enquiry.icpc_not_required)
        tables.Section47.push(row)
      }

      const episodeCpPlans = (plansByEpisode.get(episode.id) ?? []).sort(
        byKeys(
          (row) => row.start_date,
          (row) => row.end_date,
        ),
      )
      episodeCpPlans.forEach((plan, position) => {
        const CPPID = String(position + 1)
        const earlier = childPlans.filter((other) => other.start_date < plan.start_date).length
        const row: CinRow = { ...ids, CPPID, CPPstartDate: plan.start_date }
        put(row, 'CPPendDate', within(plan.end_date))
        row.InitialCategoryOfAbuse = plan.initial_category
        row.LatestCategoryOfAbuse = plan.latest_category
        row.NumberOfPreviousCPP = String(plan.previous_plans_elsewhere + earlier)
        tables.ChildProtectionPlans.push(row)
        const dates = new Set((reviewsByPlan.get(plan.id) ?? []).map((review) => review.conference_date))
        for (const CPPreviewDate of [...dates].sort()) tables.Reviews.push({ ...ids, CPPID, CPPreviewDate })
      })
    })
  }
  return { year, tables, childIds }
}
