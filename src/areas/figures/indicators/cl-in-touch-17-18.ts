import { careLeaverIndicator } from './care-leaver-measure.js'

export const clInTouch1718 = careLeaverIndicator({
  id: 'cl_in_touch_17_18_pct',
  name: 'Care leavers aged 17 or 18 the council is in touch with',
  description:
    'Of the care leavers who turned 17 or 18 in the year, the share the council was in touch with around their birthday.',
  numerator: 'Care leavers in the cohort in touch around the birthday (903 IN_TOUCH YES)',
  band: '17-18',
  measure: 'in_touch',
  dfeTable: 'CLA care leavers: in touch (17 to 18)',
  source:
    "DfE 'Children looked after in England including adoptions' care leavers tables (in touch); reference/kpis.json cl_in_touch_pct",
})
