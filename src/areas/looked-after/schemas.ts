import { z } from 'zod'
import { checkDateInput, dateInputFields, isoDate } from '../../web/forms/date-input.js'
import { isValidCode } from '../codes/code-lists.js'
import { normalisePostcode } from '../places/postcodes.js'
import {
  checkAnswersFields,
  checkYesNo,
  choice,
  issue,
  orNull,
  requireCode,
  shortText,
  str,
  version,
  type Context,
  type Values,
} from './form-fields.js'

/**
 * The schemas of the episode forms (start, change of placement, change of legal status, end). The
 * service then applies the 903 rules that need the saved record (overlaps, ages, the current episode).
 * The other looked-after forms are in record-schemas.ts.
 */

// ------------------------------------------------------------------------------ placement details

const placementFields = {
  placementType: choice,
  placementProvider: choice,
  placementPostcode: shortText(20),
  urn: shortText(20),
}

function checkPlacement(values: Values, context: Context) {
  requireCode(context, values, 'placementType', 'PLACE', 'Select the type of placement')
  const provider = str(values['placementProvider'])
  if (provider !== 'none' && !isValidCode('PLACE_PROVIDER', provider)) {
    issue(context, 'placementProvider', 'Select who provides the placement, or ‘Not applicable’')
  }
  const postcode = str(values['placementPostcode']).trim()
  if (postcode !== '' && normalisePostcode(postcode) === null) {
    issue(context, 'placementPostcode', 'Enter a real postcode, like FY1 1AA')
  }
}

function placementDetails(values: Values) {
  const provider = str(values['placementProvider'])
  const urn = str(values['urn']).trim().toUpperCase()
  return {
    placementType: str(values['placementType']),
    placementProvider: provider === 'none' ? null : provider,
    placementPostcode: normalisePostcode(str(values['placementPostcode'])),
    urn: orNull(urn),
  }
}

const openedEpisodeFields = { episodeId: z.coerce.number().int().positive(), episodeVersion: version }

// ------------------------------------------------------------------------------ episodes

export const startPeriodSchema = z
  .object({
    ...dateInputFields('startDate'),
    legalStatus: choice,
    categoryOfNeed: choice,
    ...placementFields,
    ...checkAnswersFields,
  })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'startDate', { label: 'the date they became looked after', when: 'past' }, context)
    requireCode(context, values, 'legalStatus', 'LS', 'Select the legal status')
    requireCode(context, values, 'categoryOfNeed', 'CIN', 'Select the category of need')
    checkPlacement(values, context)
  })
  .transform((values) => ({
    startDate: isoDate(values, 'startDate') as string,
    legalStatus: values.legalStatus,
    categoryOfNeed: values.categoryOfNeed,
    ...placementDetails(values),
    confirmed: values.confirm === 'yes',
    change: values.change === 'yes',
  }))

export const placementChangeSchema = z
  .object({
    ...openedEpisodeFields,
    ...dateInputFields('moveDate'),
    sameCarers: choice,
    newLegalStatus: choice,
    ...placementFields,
    reasonPlaceChange: choice,
    ...checkAnswersFields,
  })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'moveDate', { label: 'the date of the move', when: 'past' }, context)
    checkYesNo(context, values, 'sameCarers', 'Select whether they are staying with the same carers')
    if (values.newLegalStatus !== 'unchanged') {
      requireCode(context, values, 'newLegalStatus', 'LS', 'Select whether the legal status changes too')
    }
    checkPlacement(values, context)
    if (values.reasonPlaceChange !== '' && !isValidCode('REASON_PLACE_CHANGE', values.reasonPlaceChange)) {
      issue(context, 'reasonPlaceChange', 'Select the reason for the change of placement')
    }
  })
  .transform((values) => ({
    episodeId: values.episodeId,
    episodeVersion: values.episodeVersion,
    moveDate: isoDate(values, 'moveDate') as string,
    sameCarers: values.sameCarers === 'yes',
    newLegalStatus: values.newLegalStatus === 'unchanged' ? null : values.newLegalStatus,
    ...placementDetails(values),
    reasonPlaceChange: orNull(values.reasonPlaceChange),
    confirmed: values.confirm === 'yes',
    change: values.change === 'yes',
  }))

export const legalStatusChangeSchema = z
  .object({ ...openedEpisodeFields, ...dateInputFields('changeDate'), legalStatus: choice, ...checkAnswersFields })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'changeDate', { label: 'the date the legal status changed', when: 'past' }, context)
    requireCode(context, values, 'legalStatus', 'LS', 'Select the new legal status')
  })
  .transform((values) => ({
    episodeId: values.episodeId,
    episodeVersion: values.episodeVersion,
    changeDate: isoDate(values, 'changeDate') as string,
    legalStatus: values.legalStatus,
    confirmed: values.confirm === 'yes',
    change: values.change === 'yes',
  }))

export const endPeriodSchema = z
  .object({ ...openedEpisodeFields, ...dateInputFields('endDate'), reasonEnded: choice, ...checkAnswersFields })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'endDate', { label: 'the date they stopped being looked after', when: 'past' }, context)
    if (values.reasonEnded === 'X1' || !isValidCode('REC', values.reasonEnded)) {
      issue(context, 'reasonEnded', 'Select why they stopped being looked after')
    }
  })
  .transform((values) => ({
    episodeId: values.episodeId,
    episodeVersion: values.episodeVersion,
    endDate: isoDate(values, 'endDate') as string,
    reasonEnded: values.reasonEnded,
    confirmed: values.confirm === 'yes',
    change: values.change === 'yes',
  }))
