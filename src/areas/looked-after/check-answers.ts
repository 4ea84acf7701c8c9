import { formatUkDate } from '../../web/nunjucks.js'
import type { EpisodePreview } from './episode-store.js'
import type { PlacementDetails } from './placement-rules.js'
import type { EpisodeRecord } from './queries.js'
import { coded, locationText } from './view-rows.js'

/**
 * The summary lists of the check-your-answers pages: what was entered, and what Harbour will work
 * out and store with it (the 903 reason for new episode, distance and whether in borough).
 */

export interface SummaryRow {
  key: { text: string }
  value: { text: string }
}

const row = (key: string, value: string): SummaryRow => ({ key: { text: key }, value: { text: value } })

function urnText(urn: string | null): string {
  if (urn === null) return 'None'
  return urn === 'XXXXXXX' ? 'XXXXXXX (the placement has no URN)' : urn
}

function placementRows(details: PlacementDetails, preview: EpisodePreview): SummaryRow[] {
  return [
    row('Placement type', coded('PLACE', details.placementType)),
    row(
      'Placement provider',
      details.placementProvider === null ? 'Not applicable' : coded('PLACE_PROVIDER', details.placementProvider),
    ),
    row('Placement postcode', details.placementPostcode ?? 'None'),
    row('Ofsted URN', urnText(details.urn)),
    row('Child’s home postcode', preview.homePostcode ?? 'Not recorded'),
    row(
      'Where the placement is',
      preview.geographyNote !== null &&
        preview.geography.distanceMiles === null &&
        preview.geography.insideBoundary === null
        ? preview.geographyNote
        : locationText(preview.geography.insideBoundary, preview.geography.distanceMiles) +
            (preview.geographyNote === null ? '' : ` (${preview.geographyNote})`),
    ),
  ]
}

export function startCheckRows(
  input: PlacementDetails & { startDate: string; legalStatus: string; categoryOfNeed: string },
  preview: EpisodePreview,
): SummaryRow[] {
  return [
    row('Date they became looked after', formatUkDate(input.startDate)),
    row('Legal status', coded('LS', input.legalStatus)),
    row('Category of need', coded('CIN', input.categoryOfNeed)),
    ...placementRows(input, preview),
    row('Reason for new episode (worked out)', coded('RNE', preview.reasonNewEpisode)),
  ]
}

export function placementChangeCheckRows(
  input: PlacementDetails & { moveDate: string; sameCarers: boolean; newLegalStatus: string | null },
  preview: EpisodePreview,
  current: EpisodeRecord | undefined,
): SummaryRow[] {
  return [
    row('Date of the move', formatUkDate(input.moveDate)),
    row('Staying with the same carers', input.sameCarers ? 'Yes' : 'No'),
    row(
      'Legal status',
      input.newLegalStatus === null
        ? `No change: ${coded('LS', current?.legalStatus)}`
        : `Changes to ${coded('LS', input.newLegalStatus)}`,
    ),
    ...placementRows(input, preview),
    row(
      'Reason for the change of placement',
      preview.reasonPlaceChange === null
        ? 'Not needed: a move to or from a temporary placement'
        : coded('REASON_PLACE_CHANGE', preview.reasonPlaceChange),
    ),
    row('Reason for new episode (worked out)', coded('RNE', preview.reasonNewEpisode)),
    row(
      'Current episode',
      current === undefined
        ? ''
        : `Started ${formatUkDate(current.startDate)}; ends on ${formatUkDate(input.moveDate)} (code X1)`,
    ),
  ]
}

export function legalStatusCheckRows(
  input: { changeDate: string; legalStatus: string },
  current: EpisodeRecord | undefined,
): SummaryRow[] {
  return [
    row('Date the legal status changed', formatUkDate(input.changeDate)),
    row('Legal status before', coded('LS', current?.legalStatus)),
    row('New legal status', coded('LS', input.legalStatus)),
    row('Placement', current === undefined ? '' : `No change: ${coded('PLACE', current.placementType)}`),
    row('Reason for new episode (worked out)', coded('RNE', 'L')),
  ]
}

export function endCheckRows(
  input: { endDate: string; reasonEnded: string },
  current: EpisodeRecord | undefined,
  periodStart: string | null,
): SummaryRow[] {
  return [
    row('Date they stopped being looked after', formatUkDate(input.endDate)),
    row('Why they stopped being looked after', coded('REC', input.reasonEnded)),
    row(
      'Period of care',
      periodStart === null ? '' : `From ${formatUkDate(periodStart)} to ${formatUkDate(input.endDate)}`,
    ),
    row('Last placement', current === undefined ? '' : coded('PLACE', current.placementType)),
  ]
}
