import type { Request, Response } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { NotFoundError } from '../../web/errors.js'
import { codeRadioItems, codeSelectItems } from '../../web/forms/code-options.js'
import { datePartsFromIso, todayInLondon } from '../../web/forms/date-input.js'
import { formatUkDate } from '../../web/nunjucks.js'
import { collectionYearLabel, collectionYearOf, oc2Questions } from './outcome-rules.js'
import { childFacts, listAdoptionDecisions, listAdoptions, listMissingEpisodes, listOc2, listOc3 } from './queries.js'
import { lookedAfterHref, noErrors, numericParam, renderSection, type FormState, type Values } from './route-helpers.js'

/**
 * The forms of the simple looked-after records, each opened empty or on the saved record (with its
 * version), or shown again with the person's answers and the error messages.
 */

export type FormRenderer = (
  request: Request,
  response: Response,
  user: SignedInUser,
  childId: number,
  state?: FormState,
) => Promise<void>

export const str = (value: unknown) => (typeof value === 'string' ? value : '')
const yesNoValue = (value: boolean | null) => (value === true ? 'yes' : value === false ? 'no' : '')
const yesNoItems = (selected: unknown) => [
  { value: 'yes', text: 'Yes', checked: selected === 'yes' },
  { value: 'no', text: 'No', checked: selected === 'no' },
]

/**
 * The collection year a form is for: ?year= (or the posted year). Otherwise OC2, which is about the
 * 12 months to 31 March, opens on the last year that has ended; OC3, gathered around the young
 * person's birthday, on the year in progress.
 */
function yearOf(request: Request, state: FormState, form: 'oc2' | 'oc3'): number {
  const asked = Number(str(state.values?.['collectionYear']) || str(request.query['year']))
  if (Number.isInteger(asked) && asked >= 2000 && asked <= 2100) return asked
  const current = collectionYearOf(todayInLondon())
  return form === 'oc2' ? current - 1 : current
}

function yearChoices(childId: number, form: 'oc2' | 'oc3', year: number) {
  const current = collectionYearOf(todayInLondon())
  return [current, current - 1, current - 2, current - 3].map((candidate) => ({
    text: `${candidate - 1} to ${candidate}`,
    href: `${lookedAfterHref(childId, form)}?year=${candidate}`,
    current: candidate === year,
  }))
}

/** The form renderers of the record routes. */
export function recordForms(db: Db) {
  const reviewForm: FormRenderer = async (_request, response, user, childId, state = {}) => {
    const values = state.values ?? {}
    await renderSection(db, response, user, childId, 'review', 'Record a looked-after review', {
      ...(state.errors ?? noErrors),
      values,
      participationItems: codeRadioItems('REVIEW_CODE', str(values['participationCode'])),
      action: lookedAfterHref(childId, 'reviews'),
    })
  }

  const missingForm: FormRenderer = async (_request, response, user, childId, state = {}) => {
    const values = state.values ?? {}
    await renderSection(db, response, user, childId, 'missing', 'Record a missing or away episode', {
      ...(state.errors ?? noErrors),
      values,
      typeItems: codeRadioItems('MISSING', str(values['missingType'])),
      action: lookedAfterHref(childId, 'missing'),
    })
  }

  const returnForm: FormRenderer = async (request, response, user, childId, state = {}) => {
    const missingId = numericParam(request, 'missingId')
    const episode = (await listMissingEpisodes(db, user.councilId, childId)).find((row) => row.id === missingId)
    if (episode === undefined) throw new NotFoundError()
    const values = state.values ?? {
      version: String(episode.version),
      ...datePartsFromIso('endDate', episode.end_date),
      ...datePartsFromIso('returnInterviewOfferedDate', episode.return_interview_offered_date),
      returnInterviewAccepted: yesNoValue(episode.return_interview_accepted),
    }
    await renderSection(db, response, user, childId, 'missing-return', 'Record their return', {
      ...(state.errors ?? noErrors),
      values,
      episodeStart: formatUkDate(episode.start_date),
      acceptedItems: yesNoItems(values['returnInterviewAccepted']),
      action: lookedAfterHref(childId, 'missing', missingId, 'return'),
    })
  }

  const decisionForm: FormRenderer = async (_request, response, user, childId, state = {}) => {
    await renderSection(db, response, user, childId, 'adoption-decision', 'Record the decision to place for adoption', {
      ...(state.errors ?? noErrors),
      values: state.values ?? {},
      action: lookedAfterHref(childId, 'adoption', 'decision'),
    })
  }

  const reversalForm: FormRenderer = async (request, response, user, childId, state = {}) => {
    const decisionId = numericParam(request, 'decisionId')
    const decision = (await listAdoptionDecisions(db, user.councilId, childId)).find((row) => row.id === decisionId)
    if (decision === undefined) throw new NotFoundError()
    const values = state.values ?? {
      version: String(decision.version),
      ...datePartsFromIso('ceasedDate', decision.ceased_date),
      ceasedReason: decision.ceased_reason ?? '',
    }
    await renderSection(
      db,
      response,
      user,
      childId,
      'decision-reversal',
      'Record that the adoption decision was reversed',
      {
        ...(state.errors ?? noErrors),
        values,
        decisionDate: formatUkDate(decision.decision_date),
        reasonItems: codeRadioItems('REASON_PLACED_CEASED', str(values['ceasedReason'])),
        action: lookedAfterHref(childId, 'adoption', 'decision', decisionId, 'reversal'),
      },
    )
  }

  const matchForm: FormRenderer = async (_request, response, user, childId, state = {}) => {
    const decision = (await listAdoptionDecisions(db, user.councilId, childId)).find((row) => row.ceased_date === null)
    const existing = decision
      ? (await listAdoptions(db, user.councilId, childId)).find((row) => row.adoption_decision_id === decision.id)
      : undefined
    const values: Values = state.values ?? {
      version: existing ? String(existing.version) : '',
      ...datePartsFromIso('matchedDate', existing?.matched_date),
      adoptedByFosterCarer: yesNoValue(existing?.adopted_by_foster_carer ?? null),
      numberOfAdopters: existing?.number_of_adopters ? String(existing.number_of_adopters) : '',
      adopterSex: existing?.adopter_sex ?? '',
      adopterLegalStatus: existing?.adopter_legal_status ?? '',
    }
    await renderSection(db, response, user, childId, 'adoption-match', 'Record matching with adopters', {
      ...(state.errors ?? noErrors),
      values,
      decisionDate: decision ? formatUkDate(decision.decision_date) : null,
      fosterCarerItems: yesNoItems(values['adoptedByFosterCarer']),
      numberItems: codeRadioItems('NB_ADOPTR', str(values['numberOfAdopters'])),
      sexItems: codeRadioItems('SEX_ADOPTR', str(values['adopterSex'])),
      legalStatusItems: codeRadioItems('LS_ADOPTR', str(values['adopterLegalStatus'])),
      action: lookedAfterHref(childId, 'adoption', 'match'),
    })
  }

  const oc2Form: FormRenderer = async (request, response, user, childId, state = {}) => {
    const year = yearOf(request, state, 'oc2')
    const child = await childFacts(db, user.councilId, childId)
    const existing = (await listOc2(db, user.councilId, childId)).find((row) => row.collection_year === year)
    const values: Values = state.values ?? {
      collectionYear: String(year),
      version: existing ? String(existing.version) : '',
      sdqScore: existing?.sdq_score === null || existing === undefined ? '' : String(existing.sdq_score),
      sdqReason: existing?.sdq_reason ?? '',
      convicted: yesNoValue(existing?.convicted ?? null),
      healthCheck: yesNoValue(existing?.health_check ?? null),
      immunisations: yesNoValue(existing?.immunisations ?? null),
      teethCheck: yesNoValue(existing?.teeth_check ?? null),
      healthAssessment: yesNoValue(existing?.health_assessment ?? null),
      substanceMisuse: yesNoValue(existing?.substance_misuse ?? null),
      interventionReceived: yesNoValue(existing?.intervention_received ?? null),
      interventionOffered: yesNoValue(existing?.intervention_offered ?? null),
    }
    const flag = (name: string) => yesNoItems(values[name])
    await renderSection(db, response, user, childId, 'oc2', 'Record OC2 outcomes', {
      ...(state.errors ?? noErrors),
      values,
      yearLabel: collectionYearLabel(year),
      years: yearChoices(childId, 'oc2', year),
      questions: child.dateOfBirth === null ? null : oc2Questions(child.dateOfBirth, year),
      sdqReasonItems: codeSelectItems('SDQ_REASON', str(values['sdqReason'])),
      items: Object.fromEntries(
        [
          'convicted',
          'healthCheck',
          'immunisations',
          'teethCheck',
          'healthAssessment',
          'substanceMisuse',
          'interventionReceived',
          'interventionOffered',
        ].map((name) => [name, flag(name)]),
      ),
      action: lookedAfterHref(childId, 'oc2'),
    })
  }

  const oc3Form: FormRenderer = async (request, response, user, childId, state = {}) => {
    const year = yearOf(request, state, 'oc3')
    const existing = (await listOc3(db, user.councilId, childId)).find((row) => row.collection_year === year)
    const values: Values = state.values ?? {
      collectionYear: String(year),
      version: existing ? String(existing.version) : '',
      inTouch: existing?.in_touch ?? '',
      activity: existing?.activity ?? '',
      accommodation: existing?.accommodation ?? '',
    }
    await renderSection(db, response, user, childId, 'oc3', 'Record care leaver outcomes (OC3)', {
      ...(state.errors ?? noErrors),
      values,
      yearLabel: collectionYearLabel(year),
      years: yearChoices(childId, 'oc3', year),
      inTouchItems: codeRadioItems('IN_TOUCH', str(values['inTouch'])),
      activityItems: codeRadioItems('ACTIV', str(values['activity'])),
      accommodationItems: codeRadioItems('ACCOM', str(values['accommodation'])),
      action: lookedAfterHref(childId, 'oc3'),
    })
  }

  return { reviewForm, missingForm, returnForm, decisionForm, reversalForm, matchForm, oc2Form, oc3Form }
}
