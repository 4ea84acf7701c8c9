import type { Rng } from './rng.js'

/**
 * Plainly invented names. Surnames join two whimsical halves ("Puddingthorpe", "Wobblecombe") and
 * forenames join made-up syllables ("Zendolin", "Marbrook"), so no generated record can be mistaken for
 * a real child, parent or member of staff.
 */
const SURNAME_FIRST = [
  'Pudding',
  'Wobble',
  'Crumpet',
  'Fizzle',
  'Marmalade',
  'Bumble',
  'Thistle',
  'Gobble',
  'Snicket',
  'Waffle',
  'Pickle',
  'Dumpling',
  'Muffin',
  'Noodle',
  'Sprocket',
  'Trifle',
  'Parsnip',
  'Crinkle',
  'Jumble',
  'Tinker',
  'Biscuit',
  'Doodle',
  'Fiddle',
  'Kettle',
  'Lollop',
  'Mizzle',
  'Nettle',
  'Puffin',
  'Quibble',
  'Rumble',
  'Scramble',
  'Tumble',
  'Umber',
  'Velvet',
  'Whistle',
  'Yodel',
  'Zigzag',
  'Bramble',
  'Custard',
  'Dandelion',
  'Flapjack',
  'Gingham',
  'Hobnob',
  'Jelly',
  'Kipper',
  'Lantern',
  'Marzipan',
  'Nutmeg',
  'Oddsock',
  'Pebble',
  'Rhubarb',
  'Sherbet',
  'Teacake',
  'Turnip',
  'Wiggle',
  'Buttons',
  'Candlewick',
  'Dribble',
  'Fumble',
  'Gumdrop',
] as const

const SURNAME_SECOND = [
  'thorpe',
  'combe',
  'bottom',
  'worth',
  'shaw',
  'field',
  'ington',
  'ridge',
  'wick',
  'ford',
  'by',
  'ham',
  'stow',
  'well',
  'holme',
  'moss',
  'dale',
  'bury',
  'hurst',
  'wood',
  'botham',
  'cliffe',
  'nook',
  'garth',
  'sworth',
  'pool',
  'hythe',
  'ley',
  'croft',
  'hollow',
] as const

const FORENAME_START = [
  'Zen',
  'Mar',
  'Bel',
  'Dar',
  'Fen',
  'Jor',
  'Kes',
  'Lun',
  'Nim',
  'Orr',
  'Pell',
  'Quin',
  'Ros',
  'Sal',
  'Tam',
  'Ull',
  'Vin',
  'Wren',
  'Yar',
  'Zel',
  'Bram',
  'Cor',
  'Dov',
  'Ell',
  'Fal',
  'Gil',
  'Hal',
  'Isk',
  'Jas',
  'Kal',
] as const

const FORENAME_END_F = [
  'ella',
  'ina',
  'wyn',
  'etta',
  'issa',
  'ora',
  'elle',
  'ia',
  'abel',
  'ette',
  'ida',
  'una',
] as const
const FORENAME_END_M = [
  'dric',
  'olin',
  'bert',
  'ox',
  'iel',
  'ander',
  'wick',
  'amon',
  'ius',
  'oric',
  'an',
  'ello',
] as const
const FORENAME_END_U = ['by', 'lin', 'ey', 'rin', 'den', 'o'] as const

export type NameSex = 'M' | 'F' | 'U'

export function surname(rng: Rng): string {
  return `${rng.pick(SURNAME_FIRST)}${rng.pick(SURNAME_SECOND)}`
}

export function forename(rng: Rng, sex: NameSex): string {
  const ending =
    sex === 'F' ? rng.pick(FORENAME_END_F) : sex === 'M' ? rng.pick(FORENAME_END_M) : rng.pick(FORENAME_END_U)
  return `${rng.pick(FORENAME_START)}${ending}`
}

/** A short preferred name for about one child in ten ("Zendolin" known as "Zen"). */
export function preferredName(rng: Rng, first: string): string | null {
  if (!rng.chance(0.1)) return null
  const short = first.slice(0, 3)
  return short === first ? null : short
}

/** Lower-case letters only, for e-mail addresses. */
export function emailPart(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, '')
}
