import { careLeaverIndicator } from './care-leaver-measure.js'

export const cl1921Suitable = careLeaverIndicator({
  id: 'cl_19_21_suitable_pct',
  name: 'Care leavers aged 19 to 21 in suitable accommodation',
  description:
    'Of the care leavers who turned 19, 20 or 21 in the year, the share living in accommodation their personal adviser judged suitable around their birthday.',
  numerator:
    'Care leavers in the cohort whose accommodation around the birthday was recorded as suitable (903 ACCOM ending 1)',
  band: '19-21',
  measure: 'suitable_accommodation',
  dfeTable: 'CLA care leavers: accommodation (19 to 21)',
  source:
    "DfE 'Children looked after in England including adoptions': care leavers by whether their accommodation is suitable; reference/kpis.json cl_19_21_suitable_pct",
})
