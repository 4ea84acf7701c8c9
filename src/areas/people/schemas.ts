import { z } from 'zod'
import { checkDateInput, dateInputFields, isoDate } from '../../web/forms/date-input.js'
import { isValidCode } from '../codes/code-lists.js'
import { normalisePostcode } from '../children/child-details.js'

const YES_NO = ['yes', 'no']

/** Sibling relationships, for linking a brother or sister who has their own record. */
export const SIBLING_RELATIONSHIPS = ['sibling', 'half_sibling', 'step_sibling'] as const

const manyValues = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) =>
    (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter((item) => item !== ''),
  )

/**
 * Adding a person related to the child: someone new, or someone already recorded for one of the
 * child's brothers and sisters (existingPersonId). Choices are plain strings checked in the refinement,
 * so one submission shows every problem.
 */
export const personSchema = z
  .object({
    existingPersonId: z.string().optional().default(''),
    firstName: z.string().trim().max(100, 'First name must be 100 characters or fewer').optional().default(''),
    lastName: z.string().trim().max(100, 'Last name must be 100 characters or fewer').optional().default(''),
    ...dateInputFields('dateOfBirth'),
    relationship: z.string().optional().default(''),
    parentalResponsibility: z.string().optional().default(''),
    livesWithChild: z.string().optional().default(''),
    contactRestricted: z.string().optional().default(''),
    phone: z.string().trim().max(30, 'Phone number must be 30 characters or fewer').optional().default(''),
    address: z.string().trim().max(300, 'Address must be 300 characters or fewer').optional().default(''),
    postcode: z.string().trim().max(10, 'Enter a real postcode, like FY1 1AA').optional().default(''),
    addressConfidential: z.string().optional().default(''),
    note: z.string().trim().max(1000, 'Note must be 1000 characters or fewer').optional().default(''),
  })
  .strict()
  .superRefine((values, context) => {
    const issue = (field: string, message: string) => context.addIssue({ code: 'custom', message, path: [field] })
    const existing = values.existingPersonId !== ''
    if (!existing) {
      if (values.firstName === '') issue('firstName', 'Enter the person’s first name')
      if (values.lastName === '') issue('lastName', 'Enter the person’s last name')
      checkDateInput(values, 'dateOfBirth', { label: 'date of birth', required: false, when: 'past' }, context)
      if (values.postcode !== '' && normalisePostcode(values.postcode) === undefined) {
        issue('postcode', 'Enter a real postcode, like FY1 1AA')
      }
    }
    if (!isValidCode('RELATIONSHIP', values.relationship))
      issue('relationship', 'Select how the person is related to the child')
    if (!YES_NO.includes(values.parentalResponsibility)) {
      issue('parentalResponsibility', 'Select whether the person has parental responsibility for the child')
    }
    if (!YES_NO.includes(values.livesWithChild))
      issue('livesWithChild', 'Select whether the child lives with this person')
    if (!YES_NO.includes(values.contactRestricted)) {
      issue('contactRestricted', 'Select whether the child’s contact with this person is restricted')
    }
    if (values.contactRestricted === 'yes' && values.note === '') {
      issue('note', 'Enter how contact is restricted, for example supervised contact only')
    }
  })

export type PersonValues = z.infer<typeof personSchema>

export interface NewRelatedPerson {
  existingPersonId: number | null
  firstName: string
  lastName: string
  dateOfBirth: string | null
  relationship: string
  parentalResponsibility: boolean
  livesWithChild: boolean
  contactRestricted: boolean
  phone: string | null
  address: string | null
  postcode: string | null
  addressConfidential: boolean
  note: string | null
}

export function toRelatedPerson(values: PersonValues): NewRelatedPerson {
  const orNull = (text: string) => (text === '' ? null : text)
  return {
    existingPersonId: values.existingPersonId === '' ? null : Number(values.existingPersonId),
    firstName: values.firstName,
    lastName: values.lastName,
    dateOfBirth: isoDate(values, 'dateOfBirth') ?? null,
    relationship: values.relationship,
    parentalResponsibility: values.parentalResponsibility === 'yes',
    livesWithChild: values.livesWithChild === 'yes',
    contactRestricted: values.contactRestricted === 'yes',
    phone: orNull(values.phone),
    address: orNull(values.address),
    postcode: values.postcode === '' ? null : (normalisePostcode(values.postcode) ?? null),
    addressConfidential: values.addressConfidential === 'yes',
    note: orNull(values.note),
  }
}

export const siblingLinkSchema = z
  .object({
    sibling: z
      .string()
      .trim()
      .min(1, 'Enter the child ID of the brother or sister')
      .max(20, 'Enter a child ID of 10 letters or numbers or fewer'),
    relationship: z.enum(SIBLING_RELATIONSHIPS, { error: 'Select how the children are related' }),
  })
  .strict()

export const siblingGroupSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Enter a name for the sibling group, for example the family’s surname')
      .max(100, 'Name must be 100 characters or fewer'),
    members: manyValues,
  })
  .strict()

export const groupMembersSchema = z
  .object({
    members: manyValues,
    sibling: z.string().trim().max(20, 'Enter a child ID of 10 letters or numbers or fewer').optional().default(''),
  })
  .strict()
  .refine((values) => values.members.length > 0 || values.sibling !== '', {
    message: 'Select a brother or sister, or enter a child’s ID',
    path: ['members'],
  })

/** Changing a person recorded for the child and how they are related: the same questions as adding one. */
export const personChangeSchema = z
  .object({
    personVersion: z.coerce.number().int().positive(),
    relationshipVersion: z.coerce.number().int().positive(),
    firstName: z.string().trim().max(100, 'First name must be 100 characters or fewer'),
    lastName: z.string().trim().max(100, 'Last name must be 100 characters or fewer'),
    ...dateInputFields('dateOfBirth'),
    relationship: z.string().optional().default(''),
    parentalResponsibility: z.string().optional().default(''),
    livesWithChild: z.string().optional().default(''),
    contactRestricted: z.string().optional().default(''),
    phone: z.string().trim().max(30, 'Phone number must be 30 characters or fewer').optional().default(''),
    address: z.string().trim().max(300, 'Address must be 300 characters or fewer').optional().default(''),
    postcode: z.string().trim().max(10, 'Enter a real postcode, like FY1 1AA').optional().default(''),
    addressConfidential: z.string().optional().default(''),
    note: z.string().trim().max(1000, 'Note must be 1000 characters or fewer').optional().default(''),
  })
  .strict()
  .superRefine((values, context) => {
    const { personVersion: _person, relationshipVersion: _relationship, ...answers } = values
    personSchema
      .safeParse({ ...answers, existingPersonId: '' })
      .error?.issues.forEach((issue) => context.addIssue({ code: 'custom', message: issue.message, path: issue.path }))
  })

export type PersonChangeValues = z.infer<typeof personChangeSchema>

export interface PersonChange extends Omit<NewRelatedPerson, 'existingPersonId'> {
  personVersion: number
  relationshipVersion: number
}

export function toPersonChange(values: PersonChangeValues): PersonChange {
  const { existingPersonId: _unused, ...person } = toRelatedPerson({ ...values, existingPersonId: '' })
  return { ...person, personVersion: values.personVersion, relationshipVersion: values.relationshipVersion }
}

/** Ending a relationship: the day it ended and why, so the page keeps it as history. */
export const relationshipEndSchema = z
  .object({
    version: z.coerce.number().int().positive(),
    ...dateInputFields('endDate'),
    reason: z
      .string()
      .trim()
      .min(1, 'Enter why the relationship has ended, for example the person has died or moved away')
      .max(500, 'Reason must be 500 characters or fewer'),
  })
  .strict()
  .superRefine((values, context) => {
    checkDateInput(values, 'endDate', { label: 'date the relationship ended', required: true, when: 'past' }, context)
  })

/** Taking a child out of a sibling group. */
export const siblingGroupRemovalSchema = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1, 'Enter why the child is leaving the group, for example they were added by mistake')
      .max(500, 'Reason must be 500 characters or fewer'),
  })
  .strict()
