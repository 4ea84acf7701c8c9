import { sql, type RawBuilder } from 'kysely'
import { careLeaverOutcomesSql } from '../../care-leavers/outcomes-sql.js'
import type { IndicatorDefinition } from './types.js'

/**
 * The six DfE care-leaver measures share one cohort: careLeaverOutcomesSql (src/areas/care-leavers),
 * the same rows as the 903 OC3 table. Young people whose 17th or 18th (or 19th, 20th or 21st) birthday
 * falls in the period, with what was recorded from 3 months before to 1 month after it. As the DfE
 * does, those who died or who went home to their parents for 6 months or more are left out
 * (in_dfe_cohort), and everyone else is in the denominator: a young person not in touch, or whose
 * accommodation or activity is not known, counts as not suitable, not in EET and not in touch.
 *
 * The `reason` dimension names the part each young person is in, so a figure can be explained by its
 * parts: suitable, or the unsuitable-accommodation reason (UNSUITABLE_ACCOMMODATION_REASON, or
 * not_in_touch / accommodation_not_known); the 903 ACTIV code (the NEET code G4, G5, G6, or 0 when not
 * known); the 903 IN_TOUCH code.
 */
export type CareLeaverBand = '17-18' | '19-21'
export type CareLeaverMeasure = 'suitable_accommodation' | 'education_employment_training' | 'in_touch'

const MEASURE_SQL: Record<CareLeaverMeasure, { inNumerator: RawBuilder<boolean>; reason: RawBuilder<string> }> = {
  suitable_accommodation: {
    inNumerator: sql`o.accommodation_suitable`,
    reason: sql`case when o.accommodation_suitable then 'suitable' else o.unsuitable_reason end`,
  },
  education_employment_training: {
    inNumerator: sql`o.in_education_employment_training`,
    reason: sql`o.activ`,
  },
  in_touch: {
    inNumerator: sql`o.in_touch = 'YES'`,
    reason: sql`o.in_touch`,
  },
}

const BAND_WORDS: Record<CareLeaverBand, string> = {
  '17-18': 'whose 17th or 18th birthday fell in the period',
  '19-21': 'whose 19th, 20th or 21st birthday fell in the period',
}

export interface CareLeaverIndicatorSpec {
  id: string
  name: string
  description: string
  numerator: string
  band: CareLeaverBand
  measure: CareLeaverMeasure
  dfeTable: string
  source: string
}

export function careLeaverIndicator(spec: CareLeaverIndicatorSpec): IndicatorDefinition {
  const measure = MEASURE_SQL[spec.measure]
  return {
    id: spec.id,
    name: spec.name,
    description: spec.description,
    numerator: spec.numerator,
    denominator: `All care leavers ${BAND_WORDS[spec.band]}, including those not in touch or with nothing recorded`,
    cohort:
      `Care leavers (looked after 13 weeks or more after their 14th birthday, some of it after their 16th) ${BAND_WORDS[spec.band]}; ` +
      'excluding short breaks, those who died and those who went home for 6 months or more; values recorded from 3 ' +
      'months before to 1 month after the birthday',
    periodType: 'year_to_31_march',
    polarity: 'higher_better',
    unit: 'percent',
    aggregation: 'share',
    area: 'care_leavers',
    dfeTable: spec.dfeTable,
    source: spec.source,
    dimensions: ['reason'],
    additiveByMonth: true,
    cohortSql: ({ councilId }) => sql`
      select o.period_end, o.child_id, o.child_id::text as subject_id, ${measure.inNumerator} as in_numerator,
        true as in_denominator, null::numeric as value, ${measure.reason} as reason
      from (${careLeaverOutcomesSql({ councilId })}) o
      where o.in_dfe_cohort and o.age_band = ${sql.lit(spec.band)}`,
  }
}
