import { careLeaverIndicator } from './care-leaver-measure.js'

export const cl1921Eet = careLeaverIndicator({
  id: 'cl_19_21_eet_pct',
  name: 'Care leavers aged 19 to 21 in education, employment or training',
  description:
    'Of the care leavers who turned 19, 20 or 21 in the year, the share in education, employment or training around their birthday.',
  numerator:
    'Care leavers in the cohort in education, employment or training around the birthday (903 ACTIV F1, P1, F2, P2, F4, P4, F5, P5)',
  band: '19-21',
  measure: 'education_employment_training',
  dfeTable: 'CLA care leavers: activity (19 to 21)',
  source:
    "DfE 'Children looked after in England including adoptions' care leavers tables (activity); reference/kpis.json cl_19_21_eet_pct",
})
