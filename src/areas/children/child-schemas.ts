import { z } from 'zod'
import { checkDateInput, dateInputFields, isoDate, todayInLondon } from '../../web/forms/date-input.js'
import { childDetailsProblems, normalisePostcode, parseLanguages, type ChildDetails } from './child-details.js'

/** One form value or several (checkboxes post the same name once per ticked box). */
const manyValues = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) =>
    (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter((code) => code !== ''),
  )

/**
 * The fields of the child's details form, shared by "Add a child" and "Change the child's details".
 * Choices are plain strings here and checked in checkChildDetails, so one submission shows every
 * problem at once (a refinement does not run while a field has failed its own schema).
 */
const childDetailsFields = {
  firstName: z
    .string()
    .trim()
    .min(1, 'Enter the child’s first name')
    .max(100, 'First name must be 100 characters or fewer'),
  lastName: z
    .string()
    .trim()
    .min(1, 'Enter the child’s last name')
    .max(100, 'Last name must be 100 characters or fewer'),
  preferredName: z.string().trim().max(100, 'Preferred name must be 100 characters or fewer').optional().default(''),
  born: z.string().optional().default(''),
  ...dateInputFields('dateOfBirth'),
  ...dateInputFields('expectedDateOfBirth'),
  sex: z.string().optional().default(''),
  ethnicity: z.string().optional().default(''),
  upnKnown: z.string().optional().default(''),
  upn: z
    .string()
    .trim()
    .max(20, 'Enter a UPN in the correct format, like A123456789012')
    .optional()
    .default('')
    .transform((value) => value.replace(/\s+/g, '').toUpperCase()),
  upnUnknownReason: z.string().optional().default(''),
  disabilities: manyValues,
  uasc: z.string().optional().default(''),
  homePostcode: z.string().trim().max(10, 'Enter a real postcode, like FY1 1AA').optional().default(''),
  languages: z.string().trim().max(600, 'Languages must be 600 characters or fewer').optional().default(''),
}

type ChildDetailsValues = z.infer<z.ZodObject<typeof childDetailsFields>>

/** The form's values as the service's ChildDetails (dates from the date inputs, postcode normalised). */
export function toChildDetails(values: ChildDetailsValues): ChildDetails {
  const born = values.born === 'yes'
  const record = values as unknown as Record<string, unknown>
  const postcode = values.homePostcode === '' ? null : (normalisePostcode(values.homePostcode) ?? values.homePostcode)
  return {
    firstName: values.firstName,
    lastName: values.lastName,
    preferredName: values.preferredName === '' ? null : values.preferredName,
    dateOfBirth: born ? (isoDate(record, 'dateOfBirth') ?? null) : null,
    expectedDateOfBirth: born ? null : (isoDate(record, 'expectedDateOfBirth') ?? null),
    sex: values.sex === 'M' || values.sex === 'F' ? values.sex : 'U',
    ethnicity: values.ethnicity,
    upn: values.upnKnown === 'yes' ? values.upn : null,
    upnUnknownReason: values.upnKnown === 'no' ? values.upnUnknownReason : null,
    disabilities: values.disabilities,
    uasc: values.uasc === 'yes',
    homePostcode: postcode,
    languages: parseLanguages(values.languages),
  }
}

/** The radios every details form must answer, with the message when one is not answered. */
const CHOICES: [keyof ChildDetailsValues, readonly string[], string][] = [
  ['born', ['yes', 'no'], 'Select whether the child has been born'],
  ['sex', ['M', 'F', 'U'], 'Select the child’s sex'],
  ['upnKnown', ['yes', 'no'], 'Select whether you know the child’s unique pupil number (UPN)'],
  ['uasc', ['yes', 'no'], 'Select whether the child is an unaccompanied asylum-seeking child'],
]

function checkChildDetails(values: ChildDetailsValues, context: z.RefinementCtx): void {
  const record = values as unknown as Record<string, unknown>
  const unanswered = new Set<string>()
  for (const [field, allowed, message] of CHOICES) {
    if (!allowed.includes(String(values[field]))) {
      unanswered.add(field)
      context.addIssue({ code: 'custom', message, path: [field] })
    }
  }
  let dateOk = false
  if (values.born === 'yes') {
    dateOk = checkDateInput(record, 'dateOfBirth', { label: 'date of birth', when: 'past' }, context) !== undefined
  } else if (values.born === 'no') {
    dateOk = checkDateInput(record, 'expectedDateOfBirth', { label: 'expected date of birth' }, context) !== undefined
  }
  if (values.upnKnown === 'yes' && values.upn === '') {
    context.addIssue({ code: 'custom', message: 'Enter the child’s UPN', path: ['upn'] })
  }
  const skip = (field: string) =>
    ((field === 'born' || field.endsWith('DateOfBirth')) && !dateOk) ||
    (field === 'sex' && unanswered.has('sex')) ||
    ((field === 'upn' || field === 'upnUnknownReason') &&
      (unanswered.has('upnKnown') || (values.upn === '' && field === 'upn')))
  const seen = new Set<string>()
  for (const problem of childDetailsProblems(toChildDetails(values), todayInLondon())) {
    if (skip(problem.field) || seen.has(problem.field)) continue
    seen.add(problem.field)
    context.addIssue({ code: 'custom', message: problem.message, path: [problem.field] })
  }
}

export const newChildSchema = z
  .object({
    ...childDetailsFields,
    laChildId: z
      .string()
      .trim()
      .optional()
      .default('')
      .refine((value) => value === '' || /^[A-Za-z0-9]{1,10}$/.test(value), {
        message: 'Child ID must be up to 10 letters and numbers, with no spaces',
      }),
    /** Only for users who belong to no team: which team the child is allocated to. */
    allocationTeam: z.string().optional().default(''),
    /** Ids of possible duplicates the user has seen and said are different children. */
    acknowledgedDuplicates: z.string().max(2000).optional().default(''),
    /** 'change' re-opens the form with the values from the check page. */
    intent: z.enum(['change']).optional(),
  })
  .strict()
  .superRefine(checkChildDetails)

export type NewChildValues = z.infer<typeof newChildSchema>

export const editChildSchema = z
  .object({
    ...childDetailsFields,
    version: z.coerce.number().int().positive(),
    /** "Save anyway, I will fix this later" when the change breaks a statutory return rule. */
    saveAnyway: z.literal('yes').optional(),
  })
  .strict()
  .superRefine(checkChildDetails)

export type EditChildValues = z.infer<typeof editChildSchema>

/** The ids in acknowledgedDuplicates. */
export function acknowledgedIds(values: { acknowledgedDuplicates: string }): number[] {
  return values.acknowledgedDuplicates
    .split(',')
    .map(Number)
    .filter((id) => Number.isSafeInteger(id) && id > 0)
}
