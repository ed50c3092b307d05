import { distance } from 'fastest-levenshtein'
import {
  LIST_2009_END,
  LIST_2009_START,
  LIST_2021_START,
  NOVADI_2009,
  NOVADI_2021,
  REPUBLIC_CITIES_2009,
  STATE_CITIES_2021,
  type ListRow,
} from '#registers/municipality_lists'

/**
 * Latvian municipalities as dated reference data (sources in municipality_lists.ts): the 118
 * units of 2009-07-01 (119 from 2011-01-03, when Mērsraga novads was split off), the 43 of the
 * 2021-07-01 reform (7 state cities and 36 novadi) and 42 from 2025-07-01, when Varakļānu
 * novads joined Madonas novads. Names are the official Latvian names as written in register
 * exchange files (`Rīga`, `Ķekavas novads`), in Unicode NFC.
 *
 * `code` is our own stable ASCII key (the CSP ATVK codes can be added beside it); a unit of the
 * 2009 division has the suffix `-2009`. `population` is an APPROXIMATE resident count of the
 * units in force today around the start of 2024, rounded, from memory of the CSP figures; it
 * is only used as a weight by the synthetic population generator and must not be cited as a
 * statistic (null for units that ended).
 */
export type MunicipalityKind = 'state_city' | 'municipality'

export interface Municipality {
  code: string
  nameLv: string
  nameEn: string
  /** `state_city`: a republic city (2009–2021) or a state city (from 2021). */
  kind: MunicipalityKind
  validFrom: string
  validTo: string | null
  /** Code of the unit that took over the territory when this one ended. */
  successor: string | null
  population: number | null
}

export const REFORM_DATE = LIST_2021_START
/** The first day of the earliest list: see `isMunicipalityValidDuring` for facts before it. */
export const EARLIEST_LIST_START = LIST_2009_START

const POPULATION_2024: Record<string, number> = {
  'daugavpils': 78_000,
  'jelgava': 54_000,
  'jurmala': 50_000,
  'liepaja': 67_000,
  'rezekne': 26_000,
  'riga': 605_000,
  'ventspils': 32_000,
  'aizkraukles-novads': 30_000,
  'aluksnes-novads': 13_500,
  'augsdaugavas-novads': 24_000,
  'adazu-novads': 20_000,
  'balvu-novads': 18_500,
  'bauskas-novads': 40_000,
  'cesu-novads': 41_000,
  'dienvidkurzemes-novads': 33_000,
  'dobeles-novads': 29_000,
  'gulbenes-novads': 19_000,
  'jelgavas-novads': 32_000,
  'jekabpils-novads': 40_000,
  'kraslavas-novads': 21_000,
  'kuldigas-novads': 29_000,
  'kekavas-novads': 30_000,
  'limbazu-novads': 31_000,
  'livanu-novads': 10_500,
  'ludzas-novads': 22_000,
  'madonas-novads': 31_000,
  'marupes-novads': 37_000,
  'ogres-novads': 56_000,
  'olaines-novads': 20_000,
  'preilu-novads': 17_500,
  'rezeknes-novads': 26_000,
  'ropazu-novads': 32_000,
  'salaspils-novads': 23_000,
  'saldus-novads': 28_000,
  'saulkrastu-novads': 9_500,
  'siguldas-novads': 32_000,
  'smiltenes-novads': 19_000,
  'talsu-novads': 38_000,
  'tukuma-novads': 42_000,
  'valkas-novads': 8_000,
  'valmieras-novads': 52_000,
  'varaklanu-novads': 3_000,
  'ventspils-novads': 11_000,
}

/** `Ķekavas novads` → `kekavas-novads`. */
function slug(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, '-')
}

function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number)
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10)
}

function build(): Municipality[] {
  const units: Municipality[] = []
  const add = (
    rows: readonly ListRow[],
    kind: MunicipalityKind,
    suffix: string,
    from: string,
    to: string | null
  ) => {
    for (const [nameLv, nameEn, successor, period] of rows) {
      const code = slug(nameLv) + suffix
      units.push({
        code,
        nameLv,
        nameEn,
        kind,
        validFrom: period?.from ?? from,
        validTo: period?.to ?? to,
        successor: successor ? slug(successor) : null,
        population: POPULATION_2024[code] ?? null,
      })
    }
  }
  add(REPUBLIC_CITIES_2009, 'state_city', '-2009', LIST_2009_START, LIST_2009_END)
  add(NOVADI_2009, 'municipality', '-2009', LIST_2009_START, LIST_2009_END)
  add(STATE_CITIES_2021, 'state_city', '', LIST_2021_START, null)
  add(NOVADI_2021, 'municipality', '', LIST_2021_START, null)
  const codes = new Set(units.map((m) => m.code))
  for (const m of units) {
    if (m.successor && !codes.has(m.successor)) {
      throw new Error(`Municipality ${m.code}: unknown successor ${m.successor}`)
    }
    if (!m.successor && m.validTo) throw new Error(`Municipality ${m.code} ends without successor`)
  }
  return units
}

export const MUNICIPALITIES: readonly Municipality[] = Object.freeze(
  build().map((m) => Object.freeze(m))
)

const BY_CODE = new Map(MUNICIPALITIES.map((m) => [m.code, m]))

/** The units of the 2021 reform (the 43, Varakļānu novads included): what the generator draws. */
export const MUNICIPALITIES_2021 = Object.freeze(
  MUNICIPALITIES.filter((m) => m.validFrom === LIST_2021_START)
) as ReadonlyArray<Municipality & { population: number }>

/**
 * The days a name is in force. Units that follow one another under the same name (Rīga,
 * Ķekavas novads, Jēkabpils novads across 2021-07-01) count as one continuous unit; a name in
 * force on the first day of the earliest list also covers every day before it (the population
 * register carries residence facts from long before 2009 under today's names).
 */
interface Span {
  from: string
  to: string | null
  /** The unit in force at the span's end. */
  last: Municipality
  first: Municipality
}

const OPEN_PAST = '0000-01-01'

const SPANS = new Map<string, Span[]>()
for (const m of [...MUNICIPALITIES].sort((a, b) => a.validFrom.localeCompare(b.validFrom))) {
  const spans = SPANS.get(m.nameLv) ?? []
  const previous = spans.at(-1)
  if (previous && previous.to !== null && addDays(previous.to, 1) === m.validFrom) {
    previous.to = m.validTo
    previous.last = m
  } else {
    spans.push({
      from: m.validFrom === LIST_2009_START ? OPEN_PAST : m.validFrom,
      to: m.validTo,
      last: m,
      first: m,
    })
  }
  SPANS.set(m.nameLv, spans)
}

/** Whether a municipality's period contains the date (`YYYY-MM-DD`, inclusive bounds). */
export function municipalityValidOn(municipality: Municipality, date: string): boolean {
  return (
    municipality.validFrom <= date &&
    (municipality.validTo === null || date <= municipality.validTo)
  )
}

/** The units of the official list in force on the date (none before 2009-07-01). */
export function municipalitiesValidOn(date: string): Municipality[] {
  return MUNICIPALITIES.filter((m) => municipalityValidOn(m, date))
}

/**
 * The NFC form of a name: what is compared and stored. Exchange files may carry decomposed
 * letters (`K` + combining cedilla), which look the same but would never match.
 */
export function normalizeMunicipalityName(name: string): string {
  return SPANS.has(name) ? name : name.normalize('NFC')
}

/** The latest unit under this (official, NFC) name. */
export function findMunicipality(nameLv: string): Municipality | undefined {
  return SPANS.get(normalizeMunicipalityName(nameLv))?.at(-1)?.last
}

export function isMunicipalityValidOn(nameLv: string, date: string): boolean {
  return isMunicipalityValidDuring(nameLv, date, date)
}

/**
 * Whether the name is in force for the whole period [from, to] (to null = open-ended), as a
 * `residence.municipality` fact requires: same-name units across a reform are one unit, and a
 * name of the earliest list is in force before it too (see `SPANS`), so "Rīga from 2000-01-01"
 * holds and "Augšdaugavas novads from 2000-01-01" does not.
 */
export function isMunicipalityValidDuring(nameLv: string, from: string, to: string | null) {
  return municipalityProblem(nameLv, from, to) === null
}

export type MunicipalityProblem =
  | { kind: 'unknown'; name: string; suggestion: string | null }
  /** In force only from `from`, later than the fact starts; `predecessors` ended the day before. */
  | { kind: 'not_yet'; name: string; from: string; predecessors: string[] }
  /** Not in force from `day` (within the fact's period); `successor` took over its territory. */
  | { kind: 'ended'; name: string; day: string; successor: string | null }

/** Why the name is not in force for the whole period, or null when it is. */
export function municipalityProblem(
  nameLv: string,
  from: string,
  to: string | null
): MunicipalityProblem | null {
  const name = normalizeMunicipalityName(nameLv)
  const spans = SPANS.get(name)
  if (!spans) return { kind: 'unknown', name, suggestion: suggestMunicipality(name, from, to) }
  const span = spans.find((s) => s.to === null || from <= s.to)
  if (!span || span.from > from) {
    const start = span?.first ?? spans[0].first
    const predecessors = MUNICIPALITIES.filter(
      (m) => m.successor === start.code && m.validTo === addDays(start.validFrom, -1)
    )
    return {
      kind: 'not_yet',
      name,
      from: start.validFrom,
      predecessors: predecessors.map((m) => m.nameLv),
    }
  }
  if (span.to === null || (to !== null && to <= span.to)) return null
  const successor = span.last.successor ? BY_CODE.get(span.last.successor)! : null
  return { kind: 'ended', name, day: addDays(span.to, 1), successor: successor?.nameLv ?? null }
}

/** Case-, diacritics- and spacing-insensitive form, for suggestions. */
function fold(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim()
}

/**
 * The official name nearest to an unknown one among the names in force over the whole period
 * (or, failing that, on its first day): one that differs only in case, diacritics or spacing
 * (`Riga` → `Rīga`), else the closest by edit distance if close enough (at most a third of the
 * name's length, at least 2).
 */
export function suggestMunicipality(name: string, from: string, to: string | null) {
  const names = [...SPANS.keys()]
  return (
    nearest(
      fold(name),
      names.filter((candidate) => isMunicipalityValidDuring(candidate, from, to))
    ) ??
    nearest(
      fold(name),
      names.filter((candidate) => isMunicipalityValidOn(candidate, from))
    )
  )
}

function nearest(folded: string, candidates: string[]): string | null {
  const same = candidates.find((candidate) => fold(candidate) === folded)
  if (same) return same
  let best: string | null = null
  let bestDistance = Math.max(2, Math.floor(folded.length / 3)) + 1
  for (const candidate of candidates) {
    const d = distance(folded, fold(candidate))
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}
