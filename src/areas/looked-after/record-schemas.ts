import { z } from 'zod'
import { checkDateInput, dateInputFields, isoDate } from '../../web/forms/date-input.js'
import type { CodeListName } from '../codes/code-lists.js'
import { choice, issue, optionalVersion, orNull, requireCode, shortText, str, version, yesNo } from './form-fields.js'

/** The schemas of the looked-after record forms: reviews, missing episodes, adoption, OC2 and OC3. */

// ------------------------------------------------------------------------------ reviews and missing

export const reviewSchema = z
  .object({ ...dateInputFields('reviewDate'), participationCode: choice })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'reviewDate', { label: 'the date of the review', when: 'past' }, context)
    requireCode(context, values, 'participationCode', 'REVIEW_CODE', 'Select how they took part in the review')
  })
  .transform((values) => ({
    reviewDate: isoDate(values, 'reviewDate') as string,
    participationCode: values.participationCode,
  }))

export const missingSchema = z
  .object({ missingType: choice, ...dateInputFields('startDate'), ...dateInputFields('endDate') })
  .strict()
  .superRefine((values, context) => {
    requireCode(
      context,
      values,
      'missingType',
      'MISSING',
      'Select whether they were missing or away without permission',
    )
    checkDateInput(values, 'startDate', { label: 'the date they went missing or away', when: 'past' }, context)
    const label = 'the date they came back'
    checkDateInput(values, 'endDate', { label, when: 'past', required: false }, context)
  })
  .transform((values) => ({
    missingType: values.missingType as 'M' | 'A',
    startDate: isoDate(values, 'startDate') as string,
    endDate: isoDate(values, 'endDate') ?? null,
  }))

export const missingReturnSchema = z
  .object({
    version,
    ...dateInputFields('endDate'),
    ...dateInputFields('returnInterviewOfferedDate'),
    returnInterviewAccepted: choice,
  })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'endDate', { label: 'the date they came back', when: 'past' }, context)
    const offered = 'the date the return home interview was offered'
    checkDateInput(values, 'returnInterviewOfferedDate', { label: offered, when: 'past', required: false }, context)
    if (!['', 'yes', 'no'].includes(values.returnInterviewAccepted)) {
      issue(context, 'returnInterviewAccepted', 'Select whether they accepted the interview')
    }
  })
  .transform((values) => ({
    version: values.version,
    endDate: isoDate(values, 'endDate') as string,
    returnInterviewOfferedDate: isoDate(values, 'returnInterviewOfferedDate') ?? null,
    returnInterviewAccepted: yesNo(values.returnInterviewAccepted),
  }))

// ------------------------------------------------------------------------------ adoption

export const adoptionDecisionSchema = z
  .object({ ...dateInputFields('decisionDate') })
  .strict()
  .superRefine((values, context) => {
    const label = 'the date of the decision that they should be placed for adoption'
    checkDateInput(values, 'decisionDate', { label, when: 'past' }, context)
  })
  .transform((values) => ({ decisionDate: isoDate(values, 'decisionDate') as string }))

export const decisionReversalSchema = z
  .object({ version, ...dateInputFields('ceasedDate'), ceasedReason: choice })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'ceasedDate', { label: 'the date of the reversal', when: 'past' }, context)
    requireCode(
      context,
      values,
      'ceasedReason',
      'REASON_PLACED_CEASED',
      'Select why they should no longer be placed for adoption',
    )
  })
  .transform((values) => ({
    version: values.version,
    ceasedDate: isoDate(values, 'ceasedDate') as string,
    ceasedReason: values.ceasedReason,
  }))

export const adoptionMatchSchema = z
  .object({
    version: optionalVersion,
    ...dateInputFields('matchedDate'),
    adoptedByFosterCarer: choice,
    numberOfAdopters: choice,
    adopterSex: choice,
    adopterLegalStatus: choice,
  })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'matchedDate', { label: 'the date they were matched with adopters', when: 'past' }, context)
    const optionalCode = (field: 'adopterSex' | 'adopterLegalStatus', list: CodeListName, message: string) => {
      if (values[field] !== '') requireCode(context, values, field, list, message)
    }
    if (!['', 'yes', 'no'].includes(values.adoptedByFosterCarer)) {
      issue(context, 'adoptedByFosterCarer', 'Select whether their foster carers are adopting them')
    }
    if (!['', '1', '2'].includes(values.numberOfAdopters))
      issue(context, 'numberOfAdopters', 'Select one or two adopters')
    optionalCode('adopterSex', 'SEX_ADOPTR', 'Select the sex of the adopters')
    optionalCode('adopterLegalStatus', 'LS_ADOPTR', 'Select the legal status of the adopters')
  })
  .transform((values) => ({
    version: values.version === '' ? null : Number(values.version),
    matchedDate: isoDate(values, 'matchedDate') as string,
    adoptedByFosterCarer: yesNo(values.adoptedByFosterCarer),
    numberOfAdopters: values.numberOfAdopters === '' ? null : (Number(values.numberOfAdopters) as 1 | 2),
    adopterSex: orNull(values.adopterSex),
    adopterLegalStatus: orNull(values.adopterLegalStatus),
  }))

// ------------------------------------------------------------------------------ outcomes

const collectionYear = z.coerce.number().int().min(2000).max(2100)

const OC2_FLAGS = [
  'convicted',
  'healthCheck',
  'immunisations',
  'teethCheck',
  'healthAssessment',
  'substanceMisuse',
  'interventionReceived',
  'interventionOffered',
] as const

export const oc2Schema = z
  .object({
    collectionYear,
    version: optionalVersion,
    sdqScore: shortText(10),
    sdqReason: choice,
    convicted: choice,
    healthCheck: choice,
    immunisations: choice,
    teethCheck: choice,
    healthAssessment: choice,
    substanceMisuse: choice,
    interventionReceived: choice,
    interventionOffered: choice,
  })
  .strict()
  .superRefine((values, context) => {
    const score = str(values.sdqScore).trim()
    if (score !== '' && (!/^\d{1,2}$/.test(score) || Number(score) > 40)) {
      issue(context, 'sdqScore', 'The SDQ score must be a whole number from 0 to 40')
    }
    if (values.sdqReason !== '')
      requireCode(context, values, 'sdqReason', 'SDQ_REASON', 'Select the reason there is no SDQ score')
    for (const flag of OC2_FLAGS) {
      if (!['', 'yes', 'no'].includes(values[flag])) issue(context, flag, 'Select yes or no')
    }
  })
  .transform((values) => {
    const score = str(values.sdqScore).trim()
    return {
      collectionYear: values.collectionYear,
      version: values.version === '' ? null : Number(values.version),
      sdqScore: score === '' ? null : Number(score),
      sdqReason: orNull(values.sdqReason),
      convicted: yesNo(values.convicted),
      healthCheck: yesNo(values.healthCheck),
      immunisations: yesNo(values.immunisations),
      teethCheck: yesNo(values.teethCheck),
      healthAssessment: yesNo(values.healthAssessment),
      substanceMisuse: yesNo(values.substanceMisuse),
      interventionReceived: yesNo(values.interventionReceived),
      interventionOffered: yesNo(values.interventionOffered),
    }
  })

export const oc3Schema = z
  .object({ collectionYear, version: optionalVersion, inTouch: choice, activity: choice, accommodation: choice })
  .strict()
  .superRefine((values, context) => {
    requireCode(context, values, 'inTouch', 'IN_TOUCH', 'Select whether the council is in touch with them')
    requireCode(context, values, 'activity', 'ACTIV', 'Select what they are doing')
    requireCode(context, values, 'accommodation', 'ACCOM', 'Select where they live')
  })
  .transform((values) => ({
    collectionYear: values.collectionYear,
    version: values.version === '' ? null : Number(values.version),
    inTouch: values.inTouch,
    activity: values.activity,
    accommodation: values.accommodation,
  }))
