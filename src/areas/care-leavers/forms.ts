import { NO_ERRORS, issueErrors } from '../../web/form-errors.js'
import type { Response } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import type { FormErrors } from '../../web/form-errors.js'
import { codeList, type CodeListName } from '../codes/code-lists.js'
import { childPageContext } from '../children/child-sections.js'
import { OUTCOME_LABELS } from './caseload-view.js'
import type { RuleIssue } from './rules.js'
import {
  CONTACT_METHODS,
  CONTACT_OUTCOMES,
  GOAL_STATUSES,
  LIFE_AREAS,
  OFFER_STATUSES,
  SUPPORT_OUTCOMES,
  SUPPORT_TYPES,
  WORK_KINDS,
  YOUNG_PERSON_VIEWS,
} from './schemas.js'
import {
  GOAL_STATUS_LABELS,
  LIFE_AREA_LABELS,
  METHOD_LABELS,
  OFFER_STATUS_LABELS,
  SUPPORT_OUTCOME_LABELS,
  SUPPORT_TYPE_LABELS,
  VIEW_LABELS,
  WORK_KIND_LABELS,
} from './record-view.js'

/**
 * The care-leaver forms as data: each form is a list of GOV.UK fields rendered by views/form.njk, so
 * every form has the same labels, hints, error summary and field errors.
 */

export type Values = Record<string, unknown>

export interface Option {
  value: string
  text: string
  hint?: string
}

export type Field =
  | { kind: 'date'; name: string; legend: string; hint?: string }
  | { kind: 'radios'; name: string; legend: string; hint?: string; options: Option[]; inline?: boolean }
  | { kind: 'select'; name: string; label: string; hint?: string; options: Option[] }
  | { kind: 'text'; name: string; label: string; hint?: string; width?: 'short' | 'long' }
  | { kind: 'textarea'; name: string; label: string; hint?: string }
  | { kind: 'hidden'; name: string }

export interface FormSpec {
  title: string
  intro?: string
  fields: Field[]
  submit: string
}

export const noErrors = NO_ERRORS

export function ruleErrors(issues: readonly RuleIssue[]): FormErrors {
  return issueErrors(issues)
}

const options = (labels: Record<string, string>, values: readonly string[]): Option[] =>
  values.map((value) => ({ value, text: labels[value] ?? value }))

const codeOptions = (list: CodeListName, exclude: string[] = []): Option[] =>
  codeList(list)
    .filter((code) => !exclude.includes(code.code))
    .map((code) => ({ value: code.code, text: code.label, hint: `Code ${code.code}` }))

/** Unsuitable-accommodation reasons as radio options (value and text only); a fresh array per form. */
const unsuitableReasonOptions = (): Option[] =>
  codeOptions('UNSUITABLE_ACCOMMODATION_REASON').map((option) => ({
    value: option.value,
    text: option.text,
  }))

const yesNo: Option[] = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
]

const str = (value: unknown) => (typeof value === 'string' ? value : '')

/** An edit form: it posts the version it opened (optimistic concurrency) with its fields. */
const editForm = (title: string, fields: Field[], submit = 'Save changes'): FormSpec => ({
  title,
  submit,
  fields: [{ kind: 'hidden', name: 'version' }, ...fields],
})

/** The fields of another form, by name, so a change form asks the same questions in the same words. */
const fieldsOf = (spec: FormSpec, ...names: string[]): Field[] =>
  names.flatMap((name) => spec.fields.filter((field) => field.name === name))

const endDateField = (legend: string): Field => ({
  kind: 'date',
  name: 'endDate',
  legend,
  hint: 'Leave blank if it is still going on',
})

/** Turns field specs into what the template's macros take, with the person's answers and errors. */
export function shapeFields(fields: readonly Field[], values: Values, errors: FormErrors) {
  return fields.map((field) => {
    const error = errors.errors[field.name]
    switch (field.kind) {
      case 'radios':
        return {
          ...field,
          error,
          items: field.options.map((option) => ({
            value: option.value,
            text: option.text,
            hint: option.hint === undefined ? undefined : { text: option.hint },
            checked: str(values[field.name]) === option.value,
          })),
        }
      case 'select':
        return {
          ...field,
          error,
          items: [
            { value: '', text: 'Choose one' },
            ...field.options.map((option) => ({
              value: option.value,
              text: option.hint === undefined ? option.text : `${option.text} (${option.hint})`,
              selected: str(values[field.name]) === option.value,
            })),
          ],
        }
      case 'date':
      case 'hidden':
      case 'text':
      case 'textarea':
        return { ...field, error, value: str(values[field.name]) }
    }
  })
}

export async function renderForm(
  db: Db,
  response: Response,
  user: SignedInUser,
  childId: number,
  spec: FormSpec,
  state: { action: string; values?: Values; errors?: FormErrors; extra?: Record<string, unknown> },
): Promise<void> {
  const page = await childPageContext(db, user.councilId, childId, 'care-leaver')
  const values = state.values ?? {}
  const errors = state.errors ?? noErrors
  response.render('care-leavers/views/form.njk', {
    ...page,
    ...errors,
    title: spec.title,
    intro: spec.intro,
    submit: spec.submit,
    action: state.action,
    values,
    fields: shapeFields(spec.fields, values, errors),
    backHref: `/children/${childId}/care-leaver`,
    ...state.extra,
  })
}

export const CONTACT_FORM: FormSpec = {
  title: 'Record a keeping-in-touch contact',
  submit: 'Save contact',
  fields: [
    { kind: 'date', name: 'contactDate', legend: 'Date of the contact' },
    {
      kind: 'radios',
      name: 'method',
      legend: 'How did you get in touch?',
      options: options(METHOD_LABELS, CONTACT_METHODS),
    },
    {
      kind: 'radios',
      name: 'outcome',
      legend: 'Were you in touch with them?',
      hint: 'In touch means you spoke with them or heard back from them, not only that you tried',
      options: options(
        {
          ...OUTCOME_LABELS,
          yes: 'Yes, in touch',
          no: 'No, could not get in touch',
          refused: 'They refused contact',
          returned_home: 'They have gone home to their parents for 6 months or more',
          died: 'They have died',
          no_longer_requires: 'They no longer want or need support',
        },
        CONTACT_OUTCOMES,
      ),
    },
    { kind: 'textarea', name: 'note', label: 'Notes (optional)' },
  ],
}

export const ACCOMMODATION_FORM: FormSpec = {
  title: 'Record where they live now',
  intro: 'This ends their current accommodation on the day they moved in here.',
  submit: 'Save accommodation',
  fields: [
    { kind: 'date', name: 'startDate', legend: 'Date they moved in' },
    { kind: 'select', name: 'accommodationType', label: 'Kind of accommodation', options: codeOptions('ACCOM_TYPE') },
    {
      kind: 'radios',
      name: 'suitable',
      legend: 'In your judgement, is it suitable?',
      hint: 'Custody and no fixed abode are always not suitable',
      options: yesNo,
      inline: true,
    },
    {
      kind: 'radios',
      name: 'unsuitableReason',
      legend: 'If it is not suitable, why not?',
      options: unsuitableReasonOptions(),
    },
    {
      kind: 'radios',
      name: 'youngPersonView',
      legend: 'What do they think of it?',
      hint: 'Their own view, separate from yours',
      options: options(VIEW_LABELS, YOUNG_PERSON_VIEWS),
    },
    { kind: 'textarea', name: 'youngPersonComment', label: 'What they said (optional)' },
    { kind: 'text', name: 'postcode', label: 'Postcode (optional)', width: 'short' },
  ],
}

export const ACCOMMODATION_EDIT_FORM: FormSpec = editForm('Change the accommodation record', [
  { kind: 'radios', name: 'suitable', legend: 'In your judgement, is it suitable?', options: yesNo, inline: true },
  ...fieldsOf(ACCOMMODATION_FORM, 'unsuitableReason'),
  {
    kind: 'radios',
    name: 'youngPersonView',
    legend: 'What do they think of it?',
    options: options(VIEW_LABELS, YOUNG_PERSON_VIEWS),
  },
  {
    kind: 'date',
    name: 'endDate',
    legend: 'Date they moved out (if they have)',
    hint: 'Leave blank if they still live there',
  },
])

export const ACTIVITY_FORM: FormSpec = {
  title: 'Record education, employment or training',
  intro: 'This ends what they were doing before on the day this started.',
  submit: 'Save',
  fields: [
    { kind: 'date', name: 'startDate', legend: 'Date this started' },
    { kind: 'radios', name: 'activityCode', legend: 'What are they doing?', options: codeOptions('ACTIV', ['0']) },
    { kind: 'text', name: 'providerName', label: 'College, university or employer (optional)' },
  ],
}

export const WORK_OFFER_FORM: FormSpec = {
  title: 'Record a work opportunity offered',
  intro: 'For example, a ring-fenced council job, an apprenticeship or a work placement.',
  submit: 'Save',
  fields: [
    {
      kind: 'text',
      name: 'title',
      label: 'Job or placement',
      hint: 'For example, Apprentice gardener, Parks department',
    },
    {
      kind: 'radios',
      name: 'kind',
      legend: 'What kind of opportunity is it?',
      options: options(WORK_KIND_LABELS, WORK_KINDS),
    },
    { kind: 'radios', name: 'ringFenced', legend: 'Is it ring-fenced for care leavers?', options: yesNo, inline: true },
    { kind: 'text', name: 'department', label: 'Council department or employer (optional)' },
    { kind: 'date', name: 'offeredDate', legend: 'Date it was offered' },
    { kind: 'radios', name: 'status', legend: 'What happened?', options: options(OFFER_STATUS_LABELS, OFFER_STATUSES) },
    {
      kind: 'date',
      name: 'startDate',
      legend: 'Date they started (if they did)',
      hint: 'Leave blank if they have not started',
    },
  ],
}

export const ACTIVITY_EDIT_FORM: FormSpec = editForm('Change the education, employment or training record', [
  ...fieldsOf(ACTIVITY_FORM, 'startDate'),
  endDateField('Date this ended (if it has)'),
  ...fieldsOf(ACTIVITY_FORM, 'activityCode', 'providerName'),
])

export const WORK_OFFER_EDIT_FORM: FormSpec = editForm('Change what happened to the work opportunity', [
  ...fieldsOf(WORK_OFFER_FORM, 'offeredDate', 'status', 'startDate'),
  endDateField('Date it ended (if it has)'),
])

export const NEEDS_ASSESSMENT_FORM: FormSpec = {
  title: 'Record a pathway needs assessment',
  submit: 'Save',
  fields: [
    { kind: 'date', name: 'startDate', legend: 'Date the assessment started' },
    {
      kind: 'date',
      name: 'completedDate',
      legend: 'Date it was completed (if it has been)',
      hint: 'Leave blank if it is still going on',
    },
    { kind: 'textarea', name: 'summary', label: 'What the assessment found (optional)' },
  ],
}

export const PLAN_FORM: FormSpec = {
  title: 'Record a pathway plan',
  intro: 'A new plan replaces their current one. Add its goals after saving.',
  submit: 'Save plan',
  fields: [
    { kind: 'date', name: 'planDate', legend: 'Date of the plan' },
    { kind: 'textarea', name: 'summary', label: 'Summary of the plan (optional)' },
    { kind: 'textarea', name: 'youngPersonView', label: 'What they said about the plan (optional)' },
  ],
}

export const GOAL_FORM: FormSpec = {
  title: 'Add a goal to the pathway plan',
  intro:
    'Every goal says what, by when, who helps and how we will know. A goal without a date or a measure cannot be saved.',
  submit: 'Add goal',
  fields: [
    {
      kind: 'radios',
      name: 'lifeArea',
      legend: 'Which part of their life is it about?',
      options: options(LIFE_AREA_LABELS, LIFE_AREAS),
    },
    {
      kind: 'textarea',
      name: 'what',
      label: 'What is the goal?',
      hint: 'In their words where you can, for example, Move into my own flat',
    },
    { kind: 'date', name: 'byWhen', legend: 'By when?' },
    {
      kind: 'text',
      name: 'whoHelps',
      label: 'Who will help?',
      hint: 'For example, Personal adviser and housing officer',
    },
    {
      kind: 'textarea',
      name: 'measure',
      label: 'How will we know it has been achieved?',
      hint: 'For example, They have signed a tenancy agreement',
    },
  ],
}

export const GOAL_PROGRESS_FORM: FormSpec = editForm('Update a pathway plan goal', [
  {
    kind: 'radios',
    name: 'status',
    legend: 'How is the goal going?',
    options: options(GOAL_STATUS_LABELS, GOAL_STATUSES),
  },
  {
    kind: 'date',
    name: 'achievedDate',
    legend: 'Date it was achieved (if it was)',
    hint: 'Leave blank unless it was achieved or partly achieved',
  },
  ...fieldsOf(GOAL_FORM, 'byWhen'),
  { kind: 'textarea', name: 'measure', label: 'How will we know it has been achieved?' },
])

export const PLAN_AUTHORISATION_FORM: FormSpec = {
  title: 'Authorise the pathway plan',
  intro: 'You will be asked to check before it is recorded. Every goal must say by when and how we will know.',
  submit: 'Continue',
  fields: [
    { kind: 'hidden', name: 'version' },
    { kind: 'date', name: 'authorisedDate', legend: 'Date you authorised the plan' },
  ],
}

export const REVIEW_FORM: FormSpec = {
  title: 'Record a pathway plan review',
  submit: 'Save review',
  fields: [
    { kind: 'date', name: 'reviewDate', legend: 'Date of the review' },
    {
      kind: 'radios',
      name: 'youngPersonAttended',
      legend: 'Did they take part in the review?',
      options: yesNo,
      inline: true,
    },
    { kind: 'textarea', name: 'summary', label: 'What was agreed (optional)' },
  ],
}

export const STAYING_FORM: FormSpec = {
  title: 'Record a Staying Put or Staying Close arrangement',
  submit: 'Save arrangement',
  fields: [
    {
      kind: 'radios',
      name: 'arrangementType',
      legend: 'Which arrangement?',
      options: [
        {
          value: 'staying_put',
          text: 'Staying Put',
          hint: 'Staying with their former foster carers after 18, up to 21',
        },
        {
          value: 'staying_close',
          text: 'Staying Close',
          hint: 'Living near the children’s home they left, with its support',
        },
      ],
    },
    { kind: 'date', name: 'startDate', legend: 'Date it started' },
    { kind: 'date', name: 'endDate', legend: 'Date it ended (if it has)', hint: 'Leave blank if it is still going on' },
    { kind: 'text', name: 'weeklyPayment', label: 'Weekly payment to the carer, in pounds (optional)', width: 'short' },
    { kind: 'textarea', name: 'endReason', label: 'Why it ended (optional)' },
  ],
}

export const STAYING_EDIT_FORM: FormSpec = editForm(
  'Change or end the Staying Put or Staying Close arrangement',
  STAYING_FORM.fields,
)

export const SUPPORT_REQUEST_FORM: FormSpec = {
  title: 'Record a request for support (21 to 25)',
  intro: 'Care leavers aged 21 to 25 can ask for personal adviser support at any time.',
  submit: 'Save request',
  fields: [
    { kind: 'date', name: 'requestedDate', legend: 'Date they asked' },
    {
      kind: 'radios',
      name: 'requestType',
      legend: 'What did they ask for?',
      options: options(SUPPORT_TYPE_LABELS, SUPPORT_TYPES),
    },
    { kind: 'textarea', name: 'detail', label: 'What they need (optional)' },
  ],
}

export const SUPPORT_RESPONSE_FORM: FormSpec = {
  title: 'Record the response to a request for support',
  intro: 'You will be asked to check your answers: a response cannot be changed once recorded.',
  submit: 'Continue',
  fields: [
    { kind: 'hidden', name: 'version' },
    {
      kind: 'radios',
      name: 'outcome',
      legend: 'What was the response?',
      options: options(SUPPORT_OUTCOME_LABELS, SUPPORT_OUTCOMES),
    },
    { kind: 'textarea', name: 'response', label: 'What was offered or why it was declined (optional)' },
    { kind: 'date', name: 'respondedDate', legend: 'Date of the response' },
  ],
}

export const RESPONSIBLE_AUTHORITY_FORM: FormSpec = {
  title: 'Record that another council is responsible for them',
  intro:
    'For a young person who left another council’s care and lives here. They stay visible to the service but are not counted in this council’s figures.',
  submit: 'Save',
  fields: [
    { kind: 'text', name: 'laName', label: 'Responsible council' },
    {
      kind: 'text',
      name: 'laCode',
      label: 'Its DfE local authority number',
      hint: '3 digits, for example 888 for Lancashire',
      width: 'short',
    },
    { kind: 'text', name: 'contactName', label: 'Contact at that council (optional)' },
    { kind: 'text', name: 'contactEmail', label: 'Their email address (optional)' },
    { kind: 'date', name: 'startDate', legend: 'Date they started living here' },
  ],
}

export const RESPONSIBLE_AUTHORITY_END_FORM: FormSpec = {
  title: 'End the record that another council is responsible for them',
  intro:
    'For example, when they moved away from the area, or this council became responsible for them. You will be asked to check before it is recorded.',
  submit: 'Continue',
  fields: [
    { kind: 'hidden', name: 'version' },
    { kind: 'date', name: 'endDate', legend: 'Date it ended' },
  ],
}
