import { codeLabel, type CodeListName } from '../codes/code-lists.js'
import { formatUkDate } from '../../web/nunjucks.js'
import type { EpisodeRecord } from './queries.js'

/**
 * Turns looked-after records into the rows of GOV.UK tables and summary lists. Codes are shown as
 * their plain-English label with the code after it, so the 903 code is never the only meaning.
 */

type Cell = { text: string } | { html: string }
type SummaryRow = { key: { text: string }; value: { text: string } }

/** 'Foster care with family or friends (U3)', or '' for no code. */
export function coded(list: CodeListName, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return ''
  return `${codeLabel(list, code) ?? 'Unknown code'} (${code})`
}

/** Where the placement is, in words: 'Out of borough, 23.4 miles from home'. */
export function locationText(insideBoundary: boolean | null, distanceMiles: number | null): string {
  const where =
    insideBoundary === true ? 'In borough' : insideBoundary === false ? 'Out of borough' : 'Location not known'
  const distance = distanceMiles === null ? 'distance not known' : `${distanceMiles.toFixed(1)} miles from home`
  return `${where}, ${distance}`
}

const date = (iso: string | null) => (iso === null ? '' : formatUkDate(iso))
const summaryRow = (key: string, value: string): SummaryRow => ({ key: { text: key }, value: { text: value } })

/** The 903 episode table: one row per episode, start date as the row header. */
export function episodeTableRows(episodes: readonly EpisodeRecord[]): Cell[][] {
  return episodes.map((episode) => [
    { text: date(episode.startDate) },
    { text: episode.endDate === null ? 'Current' : date(episode.endDate) },
    { text: coded('RNE', episode.reasonNewEpisode) },
    { text: coded('LS', episode.legalStatus) },
    { text: coded('PLACE', episode.placementType) },
    {
      text: episode.placementProvider === null ? 'Not applicable' : coded('PLACE_PROVIDER', episode.placementProvider),
    },
    {
      text:
        episode.insideBoundary === true
          ? 'In borough'
          : episode.insideBoundary === false
            ? 'Out of borough'
            : 'Not known',
    },
    { text: episode.distanceMiles === null ? 'Not known' : `${episode.distanceMiles.toFixed(1)} miles` },
    {
      text:
        episode.reasonEpisodeCeased === null
          ? ''
          : [coded('REC', episode.reasonEpisodeCeased), coded('REASON_PLACE_CHANGE', episode.reasonPlaceChange)]
              .filter((part) => part !== '')
              .join('. '),
    },
  ])
}

export interface PeriodView {
  caption: string
  rows: Cell[][]
}

/** Episodes grouped by their period of care, newest period first. */
export function periodViews(
  periods: readonly { id: number; start_date: string; end_date: string | null }[],
  episodes: readonly EpisodeRecord[],
): PeriodView[] {
  return [...periods].reverse().map((period) => ({
    caption:
      period.end_date === null
        ? `Period of care from ${date(period.start_date)} (current)`
        : `Period of care from ${date(period.start_date)} to ${date(period.end_date)}`,
    rows: episodeTableRows(episodes.filter((episode) => episode.periodOfCareId === period.id)),
  }))
}

/** The current placement, as a summary list. */
export function currentPlacementRows(episode: EpisodeRecord, periodStart: string | null): SummaryRow[] {
  return [
    summaryRow('Looked after since', date(periodStart ?? episode.startDate)),
    summaryRow('In this placement and legal status since', date(episode.startDate)),
    summaryRow('Legal status', coded('LS', episode.legalStatus)),
    summaryRow('Category of need', coded('CIN', episode.categoryOfNeed)),
    summaryRow('Placement type', coded('PLACE', episode.placementType)),
    summaryRow(
      'Placement provider',
      episode.placementProvider === null ? 'Not applicable' : coded('PLACE_PROVIDER', episode.placementProvider),
    ),
    summaryRow('Placement postcode', episode.placementPostcode ?? 'Not recorded'),
    summaryRow('Ofsted URN', episode.urn ?? 'Not recorded'),
    summaryRow('Where the placement is', locationText(episode.insideBoundary, episode.distanceMiles)),
  ]
}

export function reviewRows(
  reviews: readonly { review_date: string; participation_code: string; chair_name: string | null }[],
) {
  return reviews.map((review) => [
    { text: date(review.review_date) },
    { text: coded('REVIEW_CODE', review.participation_code) },
    { text: review.chair_name ?? 'Not recorded' },
  ])
}

export function missingRows(
  rows: readonly {
    missing_type: string
    start_date: string
    end_date: string | null
    return_interview_offered_date: string | null
    return_interview_accepted: boolean | null
  }[],
) {
  return rows.map((row) => [
    { text: date(row.start_date) },
    { text: coded('MISSING', row.missing_type) },
    { text: row.end_date === null ? 'Not back yet' : date(row.end_date) },
    {
      text:
        row.return_interview_offered_date === null
          ? 'Not recorded'
          : `Offered ${date(row.return_interview_offered_date)}${
              row.return_interview_accepted === null ? '' : row.return_interview_accepted ? ', accepted' : ', declined'
            }`,
    },
  ])
}

const yesNoText = (value: boolean | null) => (value === null ? 'Not applicable' : value ? 'Yes' : 'No')

export function oc2Rows(
  outcomes: readonly {
    collection_year: number
    sdq_score: number | null
    sdq_reason: string | null
    convicted: boolean | null
    health_check: boolean | null
    immunisations: boolean | null
    teeth_check: boolean | null
    health_assessment: boolean | null
    substance_misuse: boolean | null
  }[],
) {
  return outcomes.map((row) => [
    { text: `${row.collection_year - 1} to ${row.collection_year}` },
    {
      text:
        row.sdq_score !== null
          ? String(row.sdq_score)
          : row.sdq_reason !== null
            ? coded('SDQ_REASON', row.sdq_reason)
            : 'Not applicable',
    },
    { text: yesNoText(row.health_assessment) },
    { text: yesNoText(row.immunisations) },
    { text: yesNoText(row.teeth_check) },
    { text: yesNoText(row.convicted) },
    { text: yesNoText(row.substance_misuse) },
  ])
}

export function oc3Rows(
  outcomes: readonly {
    collection_year: number
    age_at_birthday: number | null
    in_touch: string
    activity: string
    accommodation: string
  }[],
) {
  return outcomes.map((row) => [
    { text: `${row.collection_year - 1} to ${row.collection_year}` },
    { text: row.age_at_birthday === null ? '' : String(row.age_at_birthday) },
    { text: coded('IN_TOUCH', row.in_touch) },
    { text: coded('ACTIV', row.activity) },
    { text: coded('ACCOM', row.accommodation) },
  ])
}

/** Adoption milestones: the decision, matching, placement and adoption, each with its date. */
export function adoptionRows(
  decision: { decision_date: string; ceased_date: string | null; ceased_reason: string | null } | undefined,
  adoption: { matched_date: string | null } | undefined,
  placedOn: string | null,
  adoptedOn: string | null,
): SummaryRow[] {
  if (decision === undefined) return []
  const rows = [summaryRow('Decision that they should be placed for adoption', date(decision.decision_date))]
  if (decision.ceased_date !== null) {
    rows.push(
      summaryRow(
        'Decision reversed',
        `${date(decision.ceased_date)}: ${coded('REASON_PLACED_CEASED', decision.ceased_reason)}`,
      ),
    )
  }
  rows.push(summaryRow('Matched with adopters', adoption?.matched_date ? date(adoption.matched_date) : 'Not yet'))
  rows.push(summaryRow('Placed for adoption', placedOn === null ? 'Not yet' : date(placedOn)))
  rows.push(summaryRow('Adopted', adoptedOn === null ? 'Not yet' : date(adoptedOn)))
  return rows
}
