/**
 * Latvian municipalities as dated reference data.
 *
 * The administrative-territorial reform of 2021-07-01 created 43 municipalities: 7 state cities
 * (valstspilsētas) and 36 municipalities (novadi). From 2025-07-01 Varakļānu novads is part of
 * Madonas novads, leaving 42. Names are the official Latvian names as written in register
 * exchange files (`Rīga`, `Ķekavas novads`).
 *
 * `code` is our own stable ASCII key (the CSP ATVK codes can be added beside it).
 * `population` is an APPROXIMATE resident count around the start of 2024, rounded, from memory of
 * the CSP figures; it is only used as a weight by the synthetic population generator and must not
 * be cited as a statistic.
 */
export type MunicipalityKind = 'state_city' | 'municipality'

export interface Municipality {
  code: string
  nameLv: string
  nameEn: string
  kind: MunicipalityKind
  validFrom: string
  validTo: string | null
  population: number
}

export const REFORM_DATE = '2021-07-01'

const STATE_CITIES: Array<[string, string, string, number]> = [
  ['daugavpils', 'Daugavpils', 'Daugavpils', 78_000],
  ['jelgava', 'Jelgava', 'Jelgava', 54_000],
  ['jurmala', 'Jūrmala', 'Jūrmala', 50_000],
  ['liepaja', 'Liepāja', 'Liepāja', 67_000],
  ['rezekne', 'Rēzekne', 'Rēzekne', 26_000],
  ['riga', 'Rīga', 'Riga', 605_000],
  ['ventspils', 'Ventspils', 'Ventspils', 32_000],
]

const NOVADI: Array<[string, string, string, number]> = [
  ['aizkraukles-novads', 'Aizkraukles novads', 'Aizkraukle Municipality', 30_000],
  ['aluksnes-novads', 'Alūksnes novads', 'Alūksne Municipality', 13_500],
  ['augsdaugavas-novads', 'Augšdaugavas novads', 'Augšdaugava Municipality', 24_000],
  ['adazu-novads', 'Ādažu novads', 'Ādaži Municipality', 20_000],
  ['balvu-novads', 'Balvu novads', 'Balvi Municipality', 18_500],
  ['bauskas-novads', 'Bauskas novads', 'Bauska Municipality', 40_000],
  ['cesu-novads', 'Cēsu novads', 'Cēsis Municipality', 41_000],
  ['dienvidkurzemes-novads', 'Dienvidkurzemes novads', 'South Kurzeme Municipality', 33_000],
  ['dobeles-novads', 'Dobeles novads', 'Dobele Municipality', 29_000],
  ['gulbenes-novads', 'Gulbenes novads', 'Gulbene Municipality', 19_000],
  ['jelgavas-novads', 'Jelgavas novads', 'Jelgava Municipality', 32_000],
  ['jekabpils-novads', 'Jēkabpils novads', 'Jēkabpils Municipality', 40_000],
  ['kraslavas-novads', 'Krāslavas novads', 'Krāslava Municipality', 21_000],
  ['kuldigas-novads', 'Kuldīgas novads', 'Kuldīga Municipality', 29_000],
  ['kekavas-novads', 'Ķekavas novads', 'Ķekava Municipality', 30_000],
  ['limbazu-novads', 'Limbažu novads', 'Limbaži Municipality', 31_000],
  ['livanu-novads', 'Līvānu novads', 'Līvāni Municipality', 10_500],
  ['ludzas-novads', 'Ludzas novads', 'Ludza Municipality', 22_000],
  ['madonas-novads', 'Madonas novads', 'Madona Municipality', 31_000],
  ['marupes-novads', 'Mārupes novads', 'Mārupe Municipality', 37_000],
  ['ogres-novads', 'Ogres novads', 'Ogre Municipality', 56_000],
  ['olaines-novads', 'Olaines novads', 'Olaine Municipality', 20_000],
  ['preilu-novads', 'Preiļu novads', 'Preiļi Municipality', 17_500],
  ['rezeknes-novads', 'Rēzeknes novads', 'Rēzekne Municipality', 26_000],
  ['ropazu-novads', 'Ropažu novads', 'Ropaži Municipality', 32_000],
  ['salaspils-novads', 'Salaspils novads', 'Salaspils Municipality', 23_000],
  ['saldus-novads', 'Saldus novads', 'Saldus Municipality', 28_000],
  ['saulkrastu-novads', 'Saulkrastu novads', 'Saulkrasti Municipality', 9_500],
  ['siguldas-novads', 'Siguldas novads', 'Sigulda Municipality', 32_000],
  ['smiltenes-novads', 'Smiltenes novads', 'Smiltene Municipality', 19_000],
  ['talsu-novads', 'Talsu novads', 'Talsi Municipality', 38_000],
  ['tukuma-novads', 'Tukuma novads', 'Tukums Municipality', 42_000],
  ['valkas-novads', 'Valkas novads', 'Valka Municipality', 8_000],
  ['valmieras-novads', 'Valmieras novads', 'Valmiera Municipality', 52_000],
  ['varaklanu-novads', 'Varakļānu novads', 'Varakļāni Municipality', 3_000],
  ['ventspils-novads', 'Ventspils novads', 'Ventspils Municipality', 11_000],
]

/** Varakļānu novads joined Madonas novads on 2025-07-01. */
const VALID_TO: Record<string, string> = { 'varaklanu-novads': '2025-06-30' }

export const MUNICIPALITIES: readonly Municipality[] = Object.freeze(
  [
    ...STATE_CITIES.map((row) => [...row, 'state_city'] as const),
    ...NOVADI.map((row) => [...row, 'municipality'] as const),
  ].map(([code, nameLv, nameEn, population, kind]) =>
    Object.freeze({
      code,
      nameLv,
      nameEn,
      kind,
      validFrom: REFORM_DATE,
      validTo: VALID_TO[code] ?? null,
      population,
    })
  )
)

const BY_NAME = new Map(MUNICIPALITIES.map((m) => [m.nameLv, m]))

/** Whether a municipality's period contains the date (`YYYY-MM-DD`, inclusive bounds). */
export function municipalityValidOn(municipality: Municipality, date: string): boolean {
  return (
    municipality.validFrom <= date &&
    (municipality.validTo === null || date <= municipality.validTo)
  )
}

export function municipalitiesValidOn(date: string): Municipality[] {
  return MUNICIPALITIES.filter((m) => municipalityValidOn(m, date))
}

export function findMunicipality(nameLv: string): Municipality | undefined {
  return BY_NAME.get(nameLv)
}

export function isMunicipalityValidOn(nameLv: string, date: string): boolean {
  const municipality = BY_NAME.get(nameLv)
  return municipality !== undefined && municipalityValidOn(municipality, date)
}

/**
 * Whether the municipality existed for the whole period [from, to] (to null = open-ended), as a
 * `residence.municipality` fact requires.
 */
export function isMunicipalityValidDuring(nameLv: string, from: string, to: string | null) {
  const municipality = BY_NAME.get(nameLv)
  if (!municipality || municipality.validFrom > from) return false
  if (municipality.validTo === null) return true
  return to !== null && to <= municipality.validTo
}
