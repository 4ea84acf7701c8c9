import { careLeaverIndicator } from './care-leaver-measure.js'

export const cl1718Suitable = careLeaverIndicator({
  id: 'cl_17_18_suitable_pct',
  name: 'Care leavers aged 17 or 18 in suitable accommodation',
  description:
    'Of the care leavers who turned 17 or 18 in the year, the share living in accommodation their personal adviser judged suitable around their birthday.',
  numerator:
    'Care leavers in the cohort whose accommodation around the birthday was recorded as suitable (903 ACCOM ending 1)',
  band: '17-18',
  measure: 'suitable_accommodation',
  dfeTable: 'CLA care leavers: accommodation (17 to 18)',
  source:
    "DfE 'Children looked after in England including adoptions' care leavers tables (accommodation suitability); reference/kpis.json cl_17_18_suitable_pct",
})
