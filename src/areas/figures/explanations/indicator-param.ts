import type { Request } from 'express'
import { NotFoundError } from '../../../web/errors.js'
import { indicatorById } from '../indicators/registry.js'
import type { IndicatorDefinition, Polarity, Unit } from '../indicators/types.js'

/** The indicator named by the :indicatorId parameter, or a 404. */
export function indicatorParam(request: Request): IndicatorDefinition {
  const id = request.params['indicatorId']
  const indicator = typeof id === 'string' ? indicatorById(id) : undefined
  if (indicator === undefined) throw new NotFoundError('There is no indicator with that ID')
  return indicator
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A real calendar date in yyyy-mm-dd, or undefined. */
export function validIsoDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const match = ISO_DATE.exec(value)
  if (match === null) return undefined
  const date = new Date(`${value}T12:00:00Z`)
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? undefined : value
}

/** The ?period_end= of a figure page, or a 404 (a link without one is broken, not a user error). */
export function periodEndParam(request: Request): string {
  const periodEnd = validIsoDate(request.query['period_end'])
  if (periodEnd === undefined) throw new NotFoundError('The link to this figure has no period: go back to the figure')
  return periodEnd
}

export const POLARITY_HINTS: Record<Polarity, string> = {
  higher_better: 'Higher is better: the figure is on target at or above the target.',
  lower_better: 'Lower is better: the figure is on target at or below the target.',
  lower_better_within_range:
    'Lower is better, within a range: on target at or below the target and no more than the amber tolerance below it.',
  context: 'This figure is for context, not for hitting: it is shown without a status against any target.',
}

export const UNIT_SUFFIXES: Record<Unit, string | undefined> = {
  percent: '%',
  per_10000: 'per 10,000',
  count: undefined,
  ratio: undefined,
  score: undefined,
  days: 'days',
}
