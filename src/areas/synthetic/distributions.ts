/**
 * The shares the synthetic council is drawn from, as data. Every code is from the DfE's CIN census or
 * SSDA903 code lists (reference/specs/); the weights are modelled on published national and Blackpool
 * figures, not copied from any real child's record.
 */
export type Weights<T extends string = string> = readonly (readonly [T, number])[]

/** CIN ReferralSource: the police are the largest single source, as in Blackpool's committee reports. */
export const REFERRAL_SOURCE: Weights = [
  ['6', 34],
  ['2A', 15],
  ['3A', 3],
  ['3B', 3],
  ['3C', 1],
  ['3D', 2],
  ['3E', 3],
  ['3F', 2],
  ['5A', 3],
  ['5B', 2],
  ['5C', 3],
  ['5D', 5],
  ['1A', 5],
  ['1B', 1],
  ['1C', 1],
  ['1D', 1],
  ['2B', 2],
  ['4', 2],
  ['7', 3],
  ['8', 5],
  ['9', 2],
  ['10', 1],
]

export const PRE_BIRTH_REFERRAL_SOURCE: Weights = [
  ['3B', 20],
  ['3D', 40],
  ['3F', 25],
  ['6', 10],
  ['5A', 5],
]

export const DISABILITY_REFERRAL_SOURCE: Weights = [
  ['3A', 25],
  ['3D', 25],
  ['3F', 15],
  ['2A', 20],
  ['2B', 10],
  ['1A', 5],
]

/** CIN PrimaryNeedCode for a referral that goes on to further action (N2 is the disabled children's route). */
export const PRIMARY_NEED: Weights = [
  ['N1', 56],
  ['N3', 4],
  ['N4', 12],
  ['N5', 18],
  ['N6', 5],
  ['N7', 1],
  ['N8', 4],
]

/** Assessment factors found at the end of a child and family assessment. */
export const ASSESSMENT_FACTORS: Weights = [
  ['3A', 22],
  ['3B', 18],
  ['4B', 20],
  ['16A', 14],
  ['2B', 10],
  ['1B', 8],
  ['17A', 10],
  ['4A', 9],
  ['5B', 3],
  ['6B', 2],
  ['18C', 4],
  ['19C', 2],
  ['15A', 5],
  ['10A', 4],
  ['11A', 3],
  ['24A', 3],
  ['14A', 3],
  ['13A', 1],
  ['7A', 1],
  ['20', 3],
]

/** Factors that mostly apply to adolescents. */
export const ADOLESCENT_FACTORS = new Set(['4A', '15A', '10A', '11A', '24A', '14A', '13A', '1A', '2A'])

export const CP_CATEGORY: Weights<'NEG' | 'PHY' | 'SAB' | 'EMO' | 'MUL'> = [
  ['NEG', 48],
  ['EMO', 36],
  ['PHY', 8],
  ['SAB', 4],
  ['MUL', 4],
]

export const ETHNICITY: Weights = [
  ['WBRI', 86],
  ['WOTH', 3],
  ['WIRI', 0.5],
  ['WIRT', 0.3],
  ['WROM', 0.3],
  ['MWBC', 1.6],
  ['MWBA', 0.6],
  ['MWAS', 1.6],
  ['MOTH', 2],
  ['AIND', 0.4],
  ['APKN', 0.4],
  ['ABAN', 0.3],
  ['AOTH', 0.5],
  ['BCRB', 0.2],
  ['BAFR', 0.6],
  ['BOTH', 0.2],
  ['CHNE', 0.2],
  ['OOTH', 0.5],
  ['REFU', 0.1],
  ['NOBT', 0.7],
]

export const UASC_ETHNICITY: Weights = [
  ['BAFR', 35],
  ['AOTH', 25],
  ['OOTH', 25],
  ['BOTH', 5],
  ['MOTH', 5],
  ['NOBT', 5],
]

export const UASC_LANGUAGE: Weights = [
  ['Tigrinya', 25],
  ['Arabic', 25],
  ['Kurdish', 20],
  ['Dari', 10],
  ['Pashto', 10],
  ['Amharic', 5],
  ['Vietnamese', 5],
]

/** CIN Disability codes, for the disabled children's service. */
export const DISABILITY: Weights = [
  ['LD', 30],
  ['AUT', 30],
  ['COMM', 15],
  ['BEH', 10],
  ['MOB', 8],
  ['PC', 4],
  ['HAND', 3],
  ['HEAR', 3],
  ['VIS', 3],
  ['CON', 3],
  ['INC', 2],
  ['DDA', 4],
]

/** Age at first referral, by band (the anchor child of a family); pre-birth referrals are separate. */
export const REFERRAL_AGE_BAND: Weights<'0' | '1-4' | '5-9' | '10-15' | '16-17'> = [
  ['0', 9],
  ['1-4', 20],
  ['5-9', 24],
  ['10-15', 34],
  ['16-17', 13],
]

export const SIBLING_GROUP_SIZE: Weights<'1' | '2' | '3' | '4' | '5' | '6'> = [
  ['1', 52],
  ['2', 25],
  ['3', 13],
  ['4', 6],
  ['5', 3],
  ['6', 1],
]

/** 903 REASON_PLACE_CHANGE for a placement move (recorded on the episode that ended). */
export const PLACEMENT_CHANGE_REASON: Weights = [
  ['CARPL', 38],
  ['CREQB', 14],
  ['CREQO', 11],
  ['CHILD', 8],
  ['LAREQ', 7],
  ['STAND', 4],
  ['ALLEG', 3],
  ['CLOSE', 3],
  ['APPRR', 2],
  ['OTHER', 10],
]

/** 903 REC when a young person leaves care at 18. */
export const REC_AT_18: Weights = [
  ['E17', 25],
  ['E5', 38],
  ['E6', 8],
  ['E13', 10],
  ['E8', 9],
  ['E7', 4],
  ['E9', 2],
]

export const REC_RETURN_HOME: Weights = [
  ['E4A', 72],
  ['E4B', 10],
  ['E13', 12],
  ['E41', 6],
]

export const REC_SPECIAL_GUARDIANSHIP: Weights = [
  ['E45', 30],
  ['E46', 15],
  ['E47', 45],
  ['E48', 10],
]

/** SW_REASON for a change of worker within the same team (903 SWEpisodes). */
export const WORKER_CHANGE_REASON: Weights = [
  ['LEFTRL', 40],
  ['MANAGE', 20],
  ['ORGRST', 10],
  ['ABSENC', 12],
  ['CHCHAN', 5],
  ['PCCHAN', 5],
  ['OTHERS', 8],
]

/** Care leaver accommodation (903 ACCOM) when it changes; codes ending 1 are suitable, 2 not. */
export const CARE_LEAVER_ACCOMMODATION: Weights = [
  ['U1', 30],
  ['D1', 14],
  ['T1', 9],
  ['B1', 14],
  ['E1', 5],
  ['K1', 5],
  ['Y1', 3],
  ['C1', 1],
  ['X2', 1.2],
  ['S2', 0.5],
  ['B2', 0.5],
  ['V2', 0.5],
  ['U2', 0.8],
  ['W2', 0.3],
  ['D2', 0.5],
  ['R2', 0.2],
]

export const ACCOMMODATION_ON_LEAVING: Record<string, Weights> = {
  E17: [['Z1', 1]],
  E5: [
    ['D1', 52],
    ['E1', 20],
    ['T1', 25],
    ['D2', 3],
  ],
  E6: [
    ['U1', 70],
    ['K1', 20],
    ['U2', 10],
  ],
  E13: [
    ['B1', 92],
    ['B2', 8],
  ],
  E7: [['C1', 1]],
  E9: [['X2', 1]],
  E8: [
    ['Y1', 40],
    ['U1', 30],
    ['B1', 20],
    ['S2', 5],
  ],
}

export const ACTIVITY_EET: Weights = [
  ['F1', 8],
  ['P1', 2],
  ['F2', 24],
  ['P2', 5],
  ['F4', 8],
  ['P4', 2],
  ['F5', 15],
  ['P5', 10],
]

export const ACTIVITY_NEET: Weights = [
  ['G5', 65],
  ['G4', 20],
  ['G6', 15],
]

export const NOT_IN_TOUCH: Weights = [
  ['NO', 45],
  ['REFU', 35],
  ['NREQ', 10],
  ['RHOM', 10],
]
