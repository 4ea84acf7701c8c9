import { z } from 'zod'
import { checkDateInput, dateInputFields, isoDate } from '../../web/forms/date-input.js'
import { isValidCode, type CodeListName } from '../codes/code-lists.js'

/**
 * One strict schema per care-leaver form. Fields arrive as strings and are checked together in one
 * superRefine, so the error summary lists every problem at once; rules that need the record (dates
 * against birthdays, a goal's date and measure) are the services' (rules.ts, pathway-service.ts).
 */

type Context = z.RefinementCtx
type Values = Record<string, unknown>

const choice = z.string().max(40).optional().default('')
const text = (max: number) => z.string().max(max, `Must be ${max} characters or fewer`).optional().default('')
const version = z.coerce.number({ error: 'This form is out of date: open it again' }).int().positive()
export const checkAnswersFields = { confirm: z.enum(['yes']).optional(), change: z.enum(['yes']).optional() }

const issue = (context: Context, field: string, message: string) =>
  context.addIssue({ code: 'custom', message, path: [field] })
const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '')
const orNull = (value: string) => (value.trim() === '' ? null : value.trim())

function requireCode(context: Context, values: Values, field: string, list: CodeListName, message: string) {
  if (!isValidCode(list, str(values[field]))) issue(context, field, message)
}
function requireOneOf(context: Context, values: Values, field: string, allowed: readonly string[], message: string) {
  if (!allowed.includes(str(values[field]))) issue(context, field, message)
}
const date = (values: Values, name: string) => isoDate(values, name) as string
const optionalDate = (values: Values, name: string) => isoDate(values, name) ?? null

export const CONTACT_METHODS = [
  'face_to_face',
  'phone',
  'video_call',
  'text_message',
  'email',
  'social_media',
  'letter',
  'other',
] as const
export const CONTACT_OUTCOMES = ['yes', 'no', 'refused', 'returned_home', 'died', 'no_longer_requires'] as const
export const YOUNG_PERSON_VIEWS = ['suitable', 'not_suitable', 'not_asked', 'declined_to_say'] as const
export const WORK_KINDS = [
  'job',
  'apprenticeship',
  'work_placement',
  'work_experience',
  'traineeship',
  'internship',
] as const
export const OFFER_STATUSES = [
  'offered',
  'accepted',
  'declined',
  'started',
  'completed',
  'left_early',
  'withdrawn',
] as const
export const GOAL_STATUSES = ['open', 'achieved', 'partly_achieved', 'not_achieved', 'no_longer_needed'] as const
export const LIFE_AREAS = [
  'accommodation',
  'education_employment_training',
  'health',
  'finance',
  'relationships',
  'identity',
  'practical_skills',
] as const
export const SUPPORT_TYPES = [
  'personal_adviser_support',
  'financial',
  'accommodation',
  'education_training',
  'employment',
  'health_wellbeing',
  'other',
] as const
export const SUPPORT_OUTCOMES = ['agreed', 'partly_agreed', 'declined', 'withdrawn'] as const

export const contactSchema = z
  .object({ ...dateInputFields('contactDate'), method: choice, outcome: choice, note: text(2000) })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'contactDate', { label: 'the date of the contact', when: 'past' }, context)
    requireOneOf(context, values, 'method', CONTACT_METHODS, 'Select how you got in touch')
    requireOneOf(context, values, 'outcome', CONTACT_OUTCOMES, 'Select whether you were in touch with them')
  })
  .transform((values) => ({
    contactDate: date(values, 'contactDate'),
    method: values.method as (typeof CONTACT_METHODS)[number],
    outcome: values.outcome as (typeof CONTACT_OUTCOMES)[number],
    note: orNull(values.note),
  }))

export const accommodationSchema = z
  .object({
    ...dateInputFields('startDate'),
    accommodationType: choice,
    suitable: choice,
    unsuitableReason: choice,
    youngPersonView: choice,
    youngPersonComment: text(1000),
    postcode: text(10),
  })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'startDate', { label: 'the date they moved in', when: 'past' }, context)
    requireCode(context, values, 'accommodationType', 'ACCOM_TYPE', 'Select the kind of accommodation')
    requireOneOf(context, values, 'suitable', ['yes', 'no'], 'Select whether the accommodation is suitable')
    if (values.unsuitableReason !== '')
      requireCode(
        context,
        values,
        'unsuitableReason',
        'UNSUITABLE_ACCOMMODATION_REASON',
        'Select a reason from the list',
      )
    requireOneOf(context, values, 'youngPersonView', ['', ...YOUNG_PERSON_VIEWS], 'Select what they think of it')
    if (values.postcode.trim() !== '' && !/^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$/.test(values.postcode.trim()))
      issue(context, 'postcode', 'Enter a real postcode, like FY1 1AA')
  })
  .transform((values) => ({
    startDate: date(values, 'startDate'),
    accommodationType: values.accommodationType,
    suitable: values.suitable === 'yes',
    unsuitableReason: orNull(values.unsuitableReason),
    youngPersonView: orNull(values.youngPersonView) as (typeof YOUNG_PERSON_VIEWS)[number] | null,
    youngPersonComment: orNull(values.youngPersonComment),
    postcode: orNull(values.postcode)?.toUpperCase() ?? null,
  }))

export const accommodationEditSchema = z
  .object({
    version,
    suitable: choice,
    unsuitableReason: choice,
    youngPersonView: choice,
    ...dateInputFields('endDate'),
  })
  .strict()
  .superRefine((values, context) => {
    requireOneOf(context, values, 'suitable', ['yes', 'no'], 'Select whether the accommodation is suitable')
    if (values.unsuitableReason !== '')
      requireCode(
        context,
        values,
        'unsuitableReason',
        'UNSUITABLE_ACCOMMODATION_REASON',
        'Select a reason from the list',
      )
    requireOneOf(context, values, 'youngPersonView', ['', ...YOUNG_PERSON_VIEWS], 'Select what they think of it')
    checkDateInput(values, 'endDate', { label: 'the date they moved out', when: 'past', required: false }, context)
  })
  .transform((values) => ({
    version: values.version,
    suitable: values.suitable === 'yes',
    unsuitableReason: orNull(values.unsuitableReason),
    youngPersonView: orNull(values.youngPersonView) as (typeof YOUNG_PERSON_VIEWS)[number] | null,
    endDate: optionalDate(values, 'endDate'),
  }))

const activityFields = { ...dateInputFields('startDate'), activityCode: choice, providerName: text(200) }

function checkActivity(values: Values, context: Context) {
  checkDateInput(values, 'startDate', { label: 'the date this started', when: 'past' }, context)
  if (str(values['activityCode']) === '0' || !isValidCode('ACTIV', str(values['activityCode'])))
    issue(context, 'activityCode', 'Select what they are doing')
}

const activityValues = (values: Values) => ({
  startDate: date(values, 'startDate'),
  activityCode: str(values['activityCode']),
  providerName: orNull(str(values['providerName'])),
})

export const activitySchema = z.object(activityFields).strict().superRefine(checkActivity).transform(activityValues)

/** An end date a form may leave blank: not in the future (the service checks it is not before the start). */
const optionalEndDate = (name: string, label: string) => ({
  check: (values: Values, context: Context) =>
    checkDateInput(values, name, { label, when: 'past', required: false }, context),
  value: (values: Values) => optionalDate(values, name),
})

const activityEnd = optionalEndDate('endDate', 'the date this ended')

export const activityEditSchema = z
  .object({ version, ...activityFields, ...dateInputFields('endDate') })
  .strict()
  .superRefine((values, context) => {
    checkActivity(values, context)
    activityEnd.check(values, context)
  })
  .transform((values) => ({ version: values.version, ...activityValues(values), endDate: activityEnd.value(values) }))

/** The offer's own answers (the opportunity's title and kind are shared by every offer of it). */
const offerFields = { ...dateInputFields('offeredDate'), status: choice, ...dateInputFields('startDate') }

function checkOffer(values: Values, context: Context) {
  checkDateInput(values, 'offeredDate', { label: 'the date it was offered', when: 'past' }, context)
  requireOneOf(context, values, 'status', OFFER_STATUSES, 'Select what happened')
  checkDateInput(values, 'startDate', { label: 'the date they started', when: 'past', required: false }, context)
}

const offerValues = (values: Values) => ({
  offeredDate: date(values, 'offeredDate'),
  status: str(values['status']) as (typeof OFFER_STATUSES)[number],
  startDate: optionalDate(values, 'startDate'),
})

export const workOfferSchema = z
  .object({ title: text(200), kind: choice, ringFenced: choice, department: text(200), ...offerFields })
  .strict()
  .superRefine((values, context) => {
    if (values.title.trim() === '') issue(context, 'title', 'Enter the job or placement')
    requireOneOf(context, values, 'kind', WORK_KINDS, 'Select what kind of opportunity it is')
    requireOneOf(context, values, 'ringFenced', ['yes', 'no'], 'Select whether it is ring-fenced for care leavers')
    checkOffer(values, context)
  })
  .transform((values) => ({
    title: values.title.trim(),
    kind: values.kind as (typeof WORK_KINDS)[number],
    ringFenced: values.ringFenced === 'yes',
    department: orNull(values.department),
    ...offerValues(values),
  }))

const offerEnd = optionalEndDate('endDate', 'the date it ended')

export const workOfferEditSchema = z
  .object({ version, ...offerFields, ...dateInputFields('endDate') })
  .strict()
  .superRefine((values, context) => {
    checkOffer(values, context)
    offerEnd.check(values, context)
  })
  .transform((values) => ({ version: values.version, ...offerValues(values), endDate: offerEnd.value(values) }))

export const needsAssessmentSchema = z
  .object({ ...dateInputFields('startDate'), ...dateInputFields('completedDate'), summary: text(4000) })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'startDate', { label: 'the date the assessment started', when: 'past' }, context)
    const label = 'the date it was completed'
    checkDateInput(values, 'completedDate', { label, when: 'past', required: false }, context)
  })
  .transform((values) => ({
    startDate: date(values, 'startDate'),
    completedDate: optionalDate(values, 'completedDate'),
    summary: orNull(values.summary),
  }))

export const pathwayPlanSchema = z
  .object({ ...dateInputFields('planDate'), summary: text(4000), youngPersonView: text(4000) })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'planDate', { label: 'the date of the plan', when: 'past' }, context)
  })
  .transform((values) => ({
    planDate: date(values, 'planDate'),
    summary: orNull(values.summary),
    youngPersonView: orNull(values.youngPersonView),
  }))

/** The date and measure are optional here on purpose: the service refuses a goal without them, with its own words. */
export const goalSchema = z
  .object({ lifeArea: choice, what: text(500), ...dateInputFields('byWhen'), whoHelps: text(300), measure: text(500) })
  .strict()
  .superRefine((values, context) => {
    requireOneOf(context, values, 'lifeArea', ['', ...LIFE_AREAS], 'Select a part of their life from the list')
    if (values.what.trim() === '') issue(context, 'what', 'Enter what the goal is')
    checkDateInput(values, 'byWhen', { label: 'the date by when', required: false }, context)
  })
  .transform((values) => ({
    lifeArea: orNull(values.lifeArea),
    what: values.what.trim(),
    byWhen: optionalDate(values, 'byWhen'),
    whoHelps: orNull(values.whoHelps),
    measure: orNull(values.measure),
  }))

export const goalProgressSchema = z
  .object({
    version,
    status: choice,
    ...dateInputFields('achievedDate'),
    ...dateInputFields('byWhen'),
    measure: text(500),
  })
  .strict()
  .superRefine((values, context) => {
    requireOneOf(context, values, 'status', GOAL_STATUSES, 'Select how the goal is going')
    checkDateInput(
      values,
      'achievedDate',
      { label: 'the date it was achieved', when: 'past', required: false },
      context,
    )
    checkDateInput(values, 'byWhen', { label: 'the date by when', required: false }, context)
  })
  .transform((values) => ({
    version: values.version,
    status: values.status as (typeof GOAL_STATUSES)[number],
    achievedDate: optionalDate(values, 'achievedDate'),
    byWhen: optionalDate(values, 'byWhen'),
    measure: orNull(values.measure),
  }))

export const reviewSchema = z
  .object({ ...dateInputFields('reviewDate'), youngPersonAttended: choice, summary: text(4000) })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'reviewDate', { label: 'the date of the review', when: 'past' }, context)
    requireOneOf(context, values, 'youngPersonAttended', ['yes', 'no'], 'Select whether they took part in the review')
  })
  .transform((values) => ({
    reviewDate: date(values, 'reviewDate'),
    youngPersonAttended: values.youngPersonAttended === 'yes',
    summary: orNull(values.summary),
  }))

const stayingFields = {
  arrangementType: choice,
  ...dateInputFields('startDate'),
  ...dateInputFields('endDate'),
  weeklyPayment: text(12),
  endReason: text(500),
}

function checkStaying(values: Values, context: Context) {
  requireOneOf(
    context,
    values,
    'arrangementType',
    ['staying_put', 'staying_close'],
    'Select Staying Put or Staying Close',
  )
  checkDateInput(values, 'startDate', { label: 'the date it started', when: 'past' }, context)
  checkDateInput(values, 'endDate', { label: 'the date it ended', when: 'past', required: false }, context)
  if (str(values['weeklyPayment']) !== '' && !/^£?\d{1,5}(\.\d{1,2})?$/.test(str(values['weeklyPayment'])))
    issue(context, 'weeklyPayment', 'Enter the weekly payment in pounds, like 250 or 250.50')
}

function stayingValues(values: Values) {
  const pounds = str(values['weeklyPayment']).replace('£', '')
  return {
    arrangementType: str(values['arrangementType']) as 'staying_put' | 'staying_close',
    startDate: date(values, 'startDate'),
    endDate: optionalDate(values, 'endDate'),
    weeklyPaymentPence: pounds === '' ? null : Math.round(Number(pounds) * 100),
    endReason: orNull(str(values['endReason'])),
  }
}

export const stayingSchema = z.object(stayingFields).strict().superRefine(checkStaying).transform(stayingValues)

export const stayingEditSchema = z
  .object({ version, ...stayingFields })
  .strict()
  .superRefine(checkStaying)
  .transform((values) => ({ version: values.version, ...stayingValues(values) }))

export const supportRequestSchema = z
  .object({ ...dateInputFields('requestedDate'), requestType: choice, detail: text(2000) })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'requestedDate', { label: 'the date they asked', when: 'past' }, context)
    requireOneOf(context, values, 'requestType', SUPPORT_TYPES, 'Select what they asked for')
  })
  .transform((values) => ({
    requestedDate: date(values, 'requestedDate'),
    requestType: values.requestType as (typeof SUPPORT_TYPES)[number],
    detail: orNull(values.detail),
  }))

export const supportResponseSchema = z
  .object({
    version,
    outcome: choice,
    response: text(2000),
    ...dateInputFields('respondedDate'),
    ...checkAnswersFields,
  })
  .strict()
  .superRefine((values, context) => {
    requireOneOf(context, values, 'outcome', SUPPORT_OUTCOMES, 'Select the response')
    checkDateInput(values, 'respondedDate', { label: 'the date of the response', when: 'past' }, context)
  })
  .transform((values) => ({
    version: values.version,
    outcome: values.outcome as (typeof SUPPORT_OUTCOMES)[number],
    response: orNull(values.response),
    respondedDate: date(values, 'respondedDate'),
    confirm: values.confirm === 'yes',
    change: values.change === 'yes',
  }))

export const responsibleAuthoritySchema = z
  .object({
    laCode: text(3),
    laName: text(200),
    contactName: text(200),
    contactEmail: text(200),
    ...dateInputFields('startDate'),
  })
  .strict()
  .superRefine((values, context) => {
    if (!/^\d{3}$/.test(values.laCode.trim()))
      issue(context, 'laCode', 'Enter the council’s 3-digit DfE number, like 888')
    if (values.laName.trim() === '') issue(context, 'laName', 'Enter the name of the responsible council')
    if (values.contactEmail.trim() !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.contactEmail.trim()))
      issue(context, 'contactEmail', 'Enter an email address in the correct format, like name@example.gov.uk')
    checkDateInput(values, 'startDate', { label: 'the date they started living here', when: 'past' }, context)
  })
  .transform((values) => ({
    laCode: values.laCode.trim(),
    laName: values.laName.trim(),
    contactName: orNull(values.contactName),
    contactEmail: orNull(values.contactEmail),
    startDate: date(values, 'startDate'),
  }))

/** A date confirmed on a check-your-answers page: the version the form opened, the date, and confirm or change. */
const checkedDateSchema = (name: string, label: string) =>
  z
    .object({ version, ...dateInputFields(name), ...checkAnswersFields })
    .strict()
    .superRefine((values, context) => {
      checkDateInput(values, name, { label, when: 'past' }, context)
    })
    .transform((values) => ({
      version: values.version,
      date: date(values, name),
      confirm: values.confirm === 'yes',
      change: values.change === 'yes',
    }))

export const responsibleAuthorityEndSchema = checkedDateSchema('endDate', 'the date it ended')

export const planAuthorisationSchema = checkedDateSchema('authorisedDate', 'the date you authorised the plan')
