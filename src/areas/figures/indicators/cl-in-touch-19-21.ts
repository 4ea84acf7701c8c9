import { careLeaverIndicator } from './care-leaver-measure.js'

export const clInTouch1921 = careLeaverIndicator({
  id: 'cl_in_touch_19_21_pct',
  name: 'Care leavers aged 19 to 21 the council is in touch with',
  description:
    'Of the care leavers who turned 19, 20 or 21 in the year, the share the council was in touch with around their birthday.',
  numerator: 'Care leavers in the cohort in touch around the birthday (903 IN_TOUCH YES)',
  band: '19-21',
  measure: 'in_touch',
  dfeTable: 'CLA care leavers: in touch (19 to 21)',
  source:
    "DfE 'Children looked after in England including adoptions' care leavers tables (in touch); reference/kpis.json cl_in_touch_pct",
})
