import type { Response } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { codeRadioItems } from '../../web/forms/code-options.js'
import { formatUkDate } from '../../web/nunjucks.js'
import { currentEpisode } from './episode-rules.js'
import { childFacts, listEpisodes, listPeriods, type EpisodeRecord } from './queries.js'
import { lookedAfterHref, noErrors, renderSection, type FormState, type Values } from './route-helpers.js'
import { coded, currentPlacementRows } from './view-rows.js'

/**
 * The episode forms (start, change of placement, change of legal status, end), opened on the
 * current episode or shown again with the person's answers and the error messages.
 */

const str = (value: unknown) => (typeof value === 'string' ? value : '')

const providerItems = (selected: string) => [
  ...codeRadioItems('PLACE_PROVIDER', selected),
  { divider: 'or' },
  {
    value: 'none',
    text: 'Not applicable',
    hint: { text: 'For a temporary placement (T0 to T4) or another placement (Z11 to Z14)' },
    checked: selected === 'none',
  },
]

/** Radio items for the placement fields shared by the start and placement-change forms. */
const placementItems = (values: Values) => ({
  placementTypeItems: codeRadioItems('PLACE', str(values['placementType'])),
  providerItems: providerItems(str(values['placementProvider'])),
})

/** The form renderers of the episode routes, and the current episode they work on. */
export function episodeForms(db: Db) {
  async function loadCurrent(councilId: number, childId: number) {
    const episodes = await listEpisodes(db, councilId, childId)
    const current = currentEpisode(episodes)
    const period = current && (await listPeriods(db, councilId, childId)).find((p) => p.id === current.periodOfCareId)
    return { episodes, current, periodStart: period?.start_date ?? null }
  }

  // ---------------------------------------------------------------------------- start
  async function startForm(response: Response, user: SignedInUser, childId: number, state: FormState = {}) {
    const child = await childFacts(db, user.councilId, childId)
    const { current } = await loadCurrent(user.councilId, childId)
    const values = state.values ?? {}
    await renderSection(db, response, user, childId, 'start', 'Record that they became looked after', {
      ...(state.errors ?? noErrors),
      values,
      current,
      currentSince: current ? formatUkDate(current.startDate) : null,
      homePostcode: child.homePostcode,
      legalStatusItems: codeRadioItems('LS', str(values['legalStatus'])),
      categoryItems: codeRadioItems('CIN', str(values['categoryOfNeed'])),
      ...placementItems(values),
      action: lookedAfterHref(childId, 'start'),
    })
  }

  // ---------------------------------------------------------------------------- placement change
  async function placementForm(response: Response, user: SignedInUser, childId: number, state: FormState = {}) {
    const { current } = await loadCurrent(user.councilId, childId)
    const values = state.values ?? (current ? openedOn(current) : {})
    const currentStatus = current?.legalStatus ?? ''
    await renderSection(db, response, user, childId, 'placement-change', 'Record a change of placement', {
      ...(state.errors ?? noErrors),
      values,
      current,
      currentRows: current ? currentPlacementRows(current, null) : [],
      legalStatusItems: [
        {
          value: 'unchanged',
          text: `No change: ${coded('LS', currentStatus)}`,
          checked: str(values['newLegalStatus']) === 'unchanged',
        },
        { divider: 'or' },
        ...codeRadioItems('LS', str(values['newLegalStatus']), { exclude: [currentStatus] }),
      ],
      reasonItems: codeRadioItems('REASON_PLACE_CHANGE', str(values['reasonPlaceChange'])),
      ...placementItems(values),
      action: lookedAfterHref(childId, 'placement-change'),
    })
  }

  // ---------------------------------------------------------------------------- legal status
  async function legalStatusForm(response: Response, user: SignedInUser, childId: number, state: FormState = {}) {
    const { current } = await loadCurrent(user.councilId, childId)
    const values = state.values ?? (current ? openedOn(current) : {})
    await renderSection(db, response, user, childId, 'legal-status', 'Record a change of legal status', {
      ...(state.errors ?? noErrors),
      values,
      current,
      currentStatus: current ? coded('LS', current.legalStatus) : '',
      currentSince: current ? formatUkDate(current.startDate) : '',
      legalStatusItems: codeRadioItems('LS', str(values['legalStatus']), {
        exclude: current ? [current.legalStatus] : [],
      }),
      action: lookedAfterHref(childId, 'legal-status'),
    })
  }

  // ---------------------------------------------------------------------------- end
  async function endForm(response: Response, user: SignedInUser, childId: number, state: FormState = {}) {
    const { current, periodStart } = await loadCurrent(user.councilId, childId)
    const values = state.values ?? (current ? openedOn(current) : {})
    await renderSection(db, response, user, childId, 'end', 'Record that they stopped being looked after', {
      ...(state.errors ?? noErrors),
      values,
      current,
      periodStart: periodStart ? formatUkDate(periodStart) : '',
      reasonItems: codeRadioItems('REC', str(values['reasonEnded']), { exclude: ['X1'] }),
      action: lookedAfterHref(childId, 'end'),
    })
  }

  return { loadCurrent, startForm, placementForm, legalStatusForm, endForm }
}

/** Hidden fields naming the episode a change form was opened on (its version guards against overwrites). */
function openedOn(current: EpisodeRecord): Values {
  return { episodeId: String(current.id), episodeVersion: String(current.version) }
}
