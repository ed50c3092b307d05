import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildOldPersonalCode, personalCodeCheckDigit } from '#registers/personal_code'
import { MUNICIPALITIES_2021 } from '#registers/municipalities'
import { registrationNumberLastDigit } from '#platform/identifiers/registration_number'
import { Random, cumulative } from '#registers/population/random'
import { CsvWriter, csvField } from '#registers/population/csv_writer'
import {
  addYears,
  dateOf,
  dayFromIso,
  dayOf,
  isoOf,
  monthOf,
  yearOf,
} from '#registers/population/calendar'
import * as names from '#registers/population/names'

/**
 * Synthetic population of Latvia in the register exchange format (docs/contracts.md,
 * "Register exchange files").
 *
 * Everything is drawn from one seeded PRNG in a fixed order, so a seed and an `asOf` date give
 * the same bytes on every run. `asOf` defaults to a fixed date (not today) for the same reason.
 * Output is streamed person by person; memory holds only the school pools and the sets that keep
 * personal codes unique (a few MiB at 1.9 M persons).
 */
export const DEFAULT_AS_OF = '2026-09-01'

export const PERSONS_HEADER = 'personal_code,given_names,surname,birth_date,death_date'
export const FACTS_HEADER = 'personal_code,attribute,value,valid_from,valid_to'
export const IDENTIFIERS_HEADER = 'personal_code,type,value,issuer,valid_from,valid_to,status'
export const PLANTED_HEADER = 'file,line,column,kind'

export const BAD_ROW_KINDS = [
  'bad_check_digit',
  'impossible_date',
  'unknown_attribute',
  'value_not_allowed',
  'valid_to_before_valid_from',
  'unknown_municipality',
  'duplicate_row',
  'wrong_column_count',
  'unbalanced_quotes',
  'non_utf8',
] as const
export type BadRowKind = (typeof BAD_ROW_KINDS)[number]

export interface PlantedBadRow {
  file: 'persons.csv' | 'facts.csv' | 'identifiers.csv'
  line: number
  column: string
  kind: BadRowKind
}

export interface GenerateOptions {
  persons: number
  seed: string
  outDir: string
  asOf?: string
  badRows?: number
  onProgress?: (done: number, total: number) => void
}

export interface GenerateSummary {
  persons: number
  facts: number
  identifiers: number
  plantedBadRows: PlantedBadRow[]
}

/**
 * Weights of five-year age bands (0–4 … 80–84, 85+) for persons drawn one by one, after Latvia
 * 2024 (~15 % aged 0–14, ~22 % aged 65+). The children bands are lower than the census shares
 * because large families (about 6 % of persons, mostly children) add theirs on top.
 */
const AGE_BANDS = [
  3.7, 4.6, 4.8, 5.2, 4.4, 5.2, 6.6, 7.0, 6.8, 6.6, 6.5, 7.0, 7.2, 6.4, 5.6, 3.9, 3.3, 2.8,
]
const FAMILY_UNIT_SHARE = 0.012
const NEW_CODE_SWITCH_SHARE = 0.025
const MOVE_SHARE = 0.06
const GROUP_WEIGHTS = cumulative([12, 48, 40])
const GROUPS = ['I', 'II', 'III'] as const

const NEW_CODE_FROM = dayOf(2017, 7, 1)
const REFORM_DAY = dayOf(2021, 7, 1)
const VARAKLANI_END = dayOf(2025, 6, 30)
const REPRESSED_BORN_BY = dayOf(1956, 12, 31)

const UNIVERSITY_CITIES: Record<string, number> = {
  'riga': 25,
  'daugavpils': 2,
  'jelgava': 1,
  'liepaja': 1,
  'rezekne': 1,
  'ventspils': 1,
  'valmieras-novads': 1,
}

interface SchoolPools {
  preschool: string[][]
  general: string[][]
  vocational: string[][]
  universities: string[]
  universityWeights: Float64Array
}

interface FamilyCard {
  number: string
  memberNo: number
  validFrom: number
  validTo: number
}

interface PersonSpec {
  female: boolean
  birth: number
  municipality: number
  russian: boolean
  surname?: readonly [string, string]
  card?: FamilyCard
  forceStudent?: boolean
  inFamily?: boolean
}

/** Unique numbers that look random: (counter × a + b) mod m is a bijection when gcd(a, m) = 1. */
class NumberSeries {
  #counter = 0
  constructor(
    private modulus: number,
    private multiplier: number,
    private offset: number,
    private width: number
  ) {}

  next(): string {
    const value = (this.#counter++ * this.multiplier + this.offset) % this.modulus
    return String(value).padStart(this.width, '0')
  }
}

class PopulationGenerator {
  readonly rng: Random
  readonly asOf: number
  readonly schoolYear: number
  readonly municipalityWeights: Float64Array
  readonly pools: SchoolPools
  readonly varaklani = MUNICIPALITIES_2021.findIndex((m) => m.code === 'varaklanu-novads')
  readonly madona = MUNICIPALITIES_2021.findIndex((m) => m.code === 'madonas-novads')
  readonly riga = MUNICIPALITIES_2021.findIndex((m) => m.code === 'riga')
  readonly daugavpils = MUNICIPALITIES_2021.findIndex((m) => m.code === 'daugavpils')
  readonly ageWeights = cumulative(AGE_BANDS)

  readonly oldCodeMinDay: number
  readonly oldCodes: Uint8Array
  readonly newCodes = new Set<number>()

  readonly eid: NumberSeries
  readonly etalons: NumberSeries
  readonly pupilCards: NumberSeries
  readonly honourCards: NumberSeries

  facts = 0
  identifiers = 0
  lastFactLine = ''

  constructor(
    seed: string,
    asOf: string,
    private personsOut: CsvWriter,
    private factsOut: CsvWriter,
    private identifiersOut: CsvWriter
  ) {
    this.rng = new Random(seed)
    this.asOf = dayFromIso(asOf)
    this.schoolYear = monthOf(this.asOf) >= 9 ? yearOf(this.asOf) : yearOf(this.asOf) - 1
    this.municipalityWeights = cumulative(MUNICIPALITIES_2021.map((m) => m.population))
    this.oldCodeMinDay = addYears(this.asOf, -106)
    this.oldCodes = new Uint8Array(Math.ceil(((NEW_CODE_FROM - this.oldCodeMinDay) * 1000) / 8))
    this.eid = new NumberSeries(10_000_000, 7_654_321, this.rng.int(10_000_000), 7)
    this.etalons = new NumberSeries(1_000_000_000, 123_456_791, this.rng.int(1e9), 9)
    this.pupilCards = new NumberSeries(100_000_000, 76_543_211, this.rng.int(1e8), 8)
    this.honourCards = new NumberSeries(10_000_000, 3_141_593, this.rng.int(1e7), 7)
    this.pools = this.#schoolPools()
  }

  #schoolPools(): SchoolPools {
    const used = new Set<string>()
    const registrationNumber = () => {
      for (;;) {
        const ten = `9000${String(this.rng.int(1_000_000)).padStart(6, '0')}`
        const last = registrationNumberLastDigit(ten)
        const candidate = `${ten}${last}`
        if (last !== null && !used.has(candidate)) {
          used.add(candidate)
          return candidate
        }
      }
    }
    const many = (count: number) => Array.from({ length: count }, registrationNumber)
    const pools: SchoolPools = {
      preschool: [],
      general: [],
      vocational: [],
      universities: [],
      universityWeights: new Float64Array(0),
    }
    for (const m of MUNICIPALITIES_2021) {
      pools.preschool.push(many(Math.max(1, Math.round(m.population / 3000))))
      pools.general.push(many(Math.max(1, Math.round(m.population / 3400))))
      pools.vocational.push(
        many(m.population >= 20_000 ? Math.round(m.population / 40_000) || 1 : 0)
      )
    }
    const weights: number[] = []
    for (const [code, count] of Object.entries(UNIVERSITY_CITIES)) {
      for (let i = 0; i < count; i++) {
        pools.universities.push(registrationNumber())
        weights.push(code === 'riga' ? 3 : 1)
      }
    }
    pools.universityWeights = cumulative(weights)
    return pools
  }

  /** Whole years of age at a day. */
  age(birth: number, at: number): number {
    const years = yearOf(at) - yearOf(birth)
    const before = monthOf(at) * 100 + dateOf(at) < monthOf(birth) * 100 + dateOf(birth)
    return before ? years - 1 : years
  }

  /** A birth day for someone aged exactly `years` on the as-of date. */
  birthForAge(years: number): number {
    const earliest = addYears(this.asOf, -(years + 1)) + 1
    const latest = addYears(this.asOf, -years)
    return this.rng.between(earliest, latest)
  }

  randomAge(): number {
    const band = this.rng.weighted(this.ageWeights)
    if (band < AGE_BANDS.length - 1) return band * 5 + this.rng.int(5)
    return 85 + Math.min(19, Math.floor(-Math.log(1 - this.rng.float()) * 5))
  }

  personalCode(birth: number): string {
    if (birth >= NEW_CODE_FROM || this.rng.chance(NEW_CODE_SWITCH_SHARE)) {
      for (;;) {
        const value = 32_000_000_000 + this.rng.int(8_000_000_000)
        if (this.newCodes.has(value)) continue
        this.newCodes.add(value)
        const digits = String(value)
        return `${digits.slice(0, 6)}-${digits.slice(6)}`
      }
    }
    const base = (birth - this.oldCodeMinDay) * 1000
    let serial = this.rng.int(1000)
    for (let tries = 0; ; tries++) {
      const bit = base + serial
      if ((this.oldCodes[bit >> 3] & (1 << (bit & 7))) === 0) {
        this.oldCodes[bit >> 3] |= 1 << (bit & 7)
        return buildOldPersonalCode(yearOf(birth), monthOf(birth), dateOf(birth), serial)
      }
      serial = tries < 20 ? this.rng.int(1000) : (serial + 1) % 1000
      if (tries > 1020) throw new Error(`No free personal code on ${isoOf(birth)}`)
    }
  }

  schoolYearStart(year: number) {
    return dayOf(year, 9, 1)
  }

  schoolYearEnd(year: number) {
    return dayOf(year + 1, 8, 31)
  }

  async person(spec: PersonSpec) {
    const rng = this.rng
    const age = this.age(spec.birth, this.asOf)
    let death: number | null = null
    if (!spec.inFamily) {
      const p = age >= 80 ? 0.08 : age >= 65 ? 0.03 : 0.003
      if (rng.chance(p)) death = Math.max(spec.birth, this.asOf - rng.between(1, 3 * 365))
    }
    const code = this.personalCode(spec.birth)
    const birthYear = yearOf(spec.birth)
    const given = spec.russian
      ? rng.pick(spec.female ? names.FEMALE_RUSSIAN : names.MALE_RUSSIAN)
      : birthYear >= 1990
        ? rng.pick(spec.female ? names.FEMALE_YOUNGER : names.MALE_YOUNGER)
        : rng.pick(spec.female ? names.FEMALE_OLDER : names.MALE_OLDER)
    const surnamePair =
      spec.surname ?? rng.pick(spec.russian ? names.RUSSIAN_SURNAMES : names.LATVIAN_SURNAMES)
    const surname = spec.female ? surnamePair[1] : surnamePair[0]
    this.personsOut.line(
      `${code},${csvField(given)},${csvField(surname)},${isoOf(spec.birth)},${death === null ? '' : isoOf(death)}`
    )

    const fact = (attribute: string, value: string, from: number, to: number | null) => {
      if (death !== null) {
        if (from > death) return
        if (to === null || to > death) to = death
      }
      if (to !== null && to < from) return
      const line = `${code},${attribute},${value},${isoOf(from)},${to === null ? '' : isoOf(to)}`
      this.factsOut.line(line)
      this.lastFactLine = line
      this.facts++
    }

    this.#residence(spec, fact)
    if (age >= 65) fact('pension.old_age', 'true', addYears(spec.birth, 65), null)
    this.#disability(spec.birth, age, fact)
    if (spec.birth <= REPRESSED_BORN_BY && rng.chance(0.025)) {
      fact('status.repressed', 'true', rng.between(dayOf(1995, 1, 1), dayOf(2005, 12, 31)), null)
    }
    if (age < 24 && rng.chance(0.01)) {
      fact(
        'status.orphan',
        'true',
        rng.between(spec.birth, this.asOf),
        addYears(spec.birth, 24) - 1
      )
    }
    const pupilGrade = this.#education(spec, age, fact)
    if (spec.card) {
      fact('family.honour_card', spec.card.number, spec.card.validFrom, spec.card.validTo)
    }
    this.#identifiers(code, spec, age, death, pupilGrade)
  }

  #residence(spec: PersonSpec, fact: FactSink) {
    const start = Math.max(spec.birth, REFORM_DAY)
    const segments: Array<[number, number, number | null]> = []
    if (!spec.inFamily && this.asOf - start > 90 && this.rng.chance(MOVE_SHARE)) {
      const move = this.rng.between(start + 30, this.asOf - 1)
      let next = this.rng.weighted(this.municipalityWeights)
      if (next === spec.municipality) next = this.riga === next ? this.madona : this.riga
      segments.push([spec.municipality, start, move - 1], [next, move, null])
    } else {
      segments.push([spec.municipality, start, null])
    }
    for (const [municipality, from, to] of segments) {
      if (municipality !== this.varaklani) {
        fact('residence.municipality', MUNICIPALITIES_2021[municipality].nameLv, from, to)
      } else if (from > VARAKLANI_END) {
        fact('residence.municipality', MUNICIPALITIES_2021[this.madona].nameLv, from, to)
      } else {
        const split = to === null || to > VARAKLANI_END
        fact('residence.municipality', 'Varakļānu novads', from, split ? VARAKLANI_END : to)
        if (split) fact('residence.municipality', 'Madonas novads', VARAKLANI_END + 1, to)
      }
    }
  }

  #disability(birth: number, age: number, fact: FactSink) {
    const rng = this.rng
    if (age < 18) {
      if (rng.chance(0.03)) {
        const from = rng.between(Math.min(birth + 60, this.asOf), this.asOf)
        fact('disability.child', 'true', from, addYears(birth, 18) - 1)
      }
      return
    }
    const p = age < 40 ? 0.055 : age < 55 ? 0.1 : age < 65 ? 0.17 : age < 75 ? 0.2 : 0.26
    if (!rng.chance(p)) return
    const group = GROUPS[rng.weighted(GROUP_WEIGHTS)]
    const from = rng.between(Math.max(addYears(birth, 18), this.asOf - 8 * 365), this.asOf)
    const open = age >= 60 || rng.chance(0.4)
    fact('disability.group', group, from, open ? null : this.asOf + rng.between(30, 1500))
  }

  /** Writes education facts; answers the current grade of a general-education pupil, or 0. */
  #education(spec: PersonSpec, age: number, fact: FactSink): number {
    const rng = this.rng
    const y = this.schoolYear
    const grade = y - yearOf(spec.birth) - 6
    const m = spec.municipality
    if (grade <= 0) {
      const eligible = spec.birth + 548
      if (eligible <= this.asOf && rng.chance(0.85)) {
        let enrolYear = yearOf(eligible)
        if (this.schoolYearStart(enrolYear) < eligible) enrolYear++
        const from = Math.min(this.schoolYearStart(Math.min(enrolYear, y)), this.asOf)
        const to = this.schoolYearEnd(yearOf(spec.birth) + 6)
        fact('education.level', 'preschool', Math.max(from, eligible), to)
        fact('education.school', rng.pick(this.pools.preschool[m]), Math.max(from, eligible), to)
      }
      return 0
    }
    const firstYear = y - grade + 1
    const grades = (current: number) => {
      fact('education.grade', String(current), this.schoolYearStart(y), this.schoolYearEnd(y))
      if (current >= 2) {
        fact(
          'education.grade',
          String(current - 1),
          this.schoolYearStart(y - 1),
          this.schoolYearEnd(y - 1)
        )
      }
    }
    if (grade <= 9) {
      if (!rng.chance(0.98)) return 0
      fact('education.level', 'basic', this.schoolYearStart(firstYear), null)
      fact(
        'education.school',
        rng.pick(this.pools.general[m]),
        this.schoolYearStart(firstYear),
        null
      )
      grades(grade)
      return grade
    }
    if (grade <= 12) {
      const u = rng.float()
      if (u >= 0.92) return 0
      const secondaryStart = this.schoolYearStart(firstYear + 9)
      fact('education.level', 'basic', this.schoolYearStart(firstYear), secondaryStart - 1)
      if (u < 0.62) {
        fact('education.level', 'secondary', secondaryStart, null)
        fact('education.school', rng.pick(this.pools.general[m]), secondaryStart, null)
        grades(grade)
        return grade
      }
      const vocational = this.pools.vocational[m].length
        ? this.pools.vocational[m]
        : this.pools.vocational[this.riga]
      fact('education.level', 'vocational', secondaryStart, null)
      fact('education.school', rng.pick(vocational), secondaryStart, null)
      return 0
    }
    const student =
      spec.forceStudent ||
      (age >= 19 && age <= 24 && rng.chance(0.7)) ||
      (age >= 25 && age <= 29 && rng.chance(0.08)) ||
      (age >= 30 && age <= 44 && rng.chance(0.02))
    if (student) {
      const from = this.schoolYearStart(y - rng.int(Math.min(4, Math.max(1, age - 18))))
      const university = this.pools.universities[rng.weighted(this.pools.universityWeights)]
      fact('education.level', 'higher', from, null)
      fact('education.school', university, from, null)
    }
    return 0
  }

  #identifiers(
    code: string,
    spec: PersonSpec,
    age: number,
    death: number | null,
    pupilGrade: number
  ) {
    const rng = this.rng
    const asOf = this.asOf
    const found: Array<[string, string, string, number, number | null]> = []
    const municipality = MUNICIPALITIES_2021[spec.municipality]
    if (spec.card) {
      const value = `GG${spec.card.number.slice(2)}-${String(spec.card.memberNo).padStart(2, '0')}`
      found.push(['honour_card', value, 'sif', spec.card.validFrom, spec.card.validTo])
    }
    if (pupilGrade > 0 && rng.chance(0.85)) {
      const from = Math.max(spec.birth, this.schoolYearStart(this.schoolYear - pupilGrade + 1))
      found.push(['pupil_card', `SK${this.pupilCards.next()}`, municipality.code, from, null])
    }
    if (age >= 15 && rng.chance(0.9)) {
      const from = Math.max(addYears(spec.birth, 15), asOf - rng.int(5 * 365))
      found.push(['eid', `PA${this.eid.next()}`, 'pmlp', from, addYears(from, 5) - 1])
    }
    if (age >= 7 && rng.chance(spec.municipality === this.riga ? 0.45 : 0.08)) {
      const from = Math.max(spec.birth, asOf - rng.int(6 * 365))
      const issuer = spec.municipality === this.riga ? 'rigas-satiksme' : 'atd'
      found.push(['etalons', `1${this.etalons.next()}`, issuer, from, null])
    }
    if (found.length === 0 || (age >= 16 && rng.chance(0.15))) {
      const hex = (rng.next().toString(16) + rng.next().toString(16) + rng.next().toString(16))
        .padEnd(24, '0')
        .slice(0, 24)
      const from = Math.max(spec.birth, asOf - rng.int(2 * 365))
      found.push(['app_qr', `QR${hex.toUpperCase()}`, 'atvieglo', from, null])
    }
    for (const [type, value, issuer, from, validTo] of found.slice(0, 3)) {
      let to = validTo
      let status = 'active'
      if (death !== null) {
        status = 'expired'
        if (to === null || to > death) to = Math.max(from, death)
      } else if (rng.chance(0.03)) {
        status = 'blocked'
        to = rng.between(from, Math.max(from, asOf))
      }
      this.identifiersOut.line(
        `${code},${type},${value},${issuer},${isoOf(from)},${to === null ? '' : isoOf(to)},${status}`
      )
      this.identifiers++
    }
  }

  single(): Promise<void> {
    const rng = this.rng
    const age = this.randomAge()
    const municipality = rng.weighted(this.municipalityWeights)
    return this.person({
      female: rng.chance(age >= 65 ? 0.62 : 0.5),
      birth: this.birthForAge(age),
      municipality,
      russian: rng.chance(
        municipality === this.daugavpils ? 0.5 : municipality === this.riga ? 0.35 : 0.15
      ),
    })
  }

  /** A large family: one or two parents and 3–5 children sharing a Goda ģimene card. */
  async family(maxMembers: number): Promise<number> {
    const rng = this.rng
    const children = [3, 3, 3, 3, 3, 3, 3, 4, 4, 5][rng.int(10)]
    const parents = rng.chance(0.85) ? 2 : 1
    const members = Math.min(maxMembers, parents + children)
    const municipality = rng.weighted(this.municipalityWeights)
    const russian = rng.chance(0.2)
    const surname = rng.pick(russian ? names.RUSSIAN_SURNAMES : names.LATVIAN_SURNAMES)
    const validFrom = rng.between(addYears(this.asOf, -3) + 1, this.asOf)
    const card = {
      number: `GG${this.honourCards.next()}`,
      validFrom,
      validTo: addYears(validFrom, 3) - 1,
    }
    const ages: number[] = [rng.between(5, 20)]
    for (let i = 1; i < children; i++) ages.push(Math.max(0, ages[i - 1] - rng.between(1, 4)))
    const motherAge = Math.min(55, ages[0] + rng.between(22, 34))
    const parentAges = parents === 2 ? [motherAge, motherAge + rng.between(-2, 5)] : [motherAge]
    let memberNo = 0
    const base = { municipality, russian, surname, inFamily: true }
    for (const [i, age] of parentAges.entries()) {
      if (memberNo >= members) break
      await this.person({
        ...base,
        female: i === 0,
        birth: this.birthForAge(age),
        card: { ...card, memberNo: ++memberNo },
      })
    }
    for (const age of ages) {
      if (memberNo >= members) break
      await this.person({
        ...base,
        female: rng.chance(0.49),
        birth: this.birthForAge(age),
        card: { ...card, memberNo: ++memberNo },
        forceStudent: age >= 19,
      })
    }
    return memberNo
  }
}

type FactSink = (attribute: string, value: string, from: number, to: number | null) => void

/** Writes persons.csv, facts.csv and identifiers.csv (and planted_bad_rows.csv when asked). */
export async function generatePopulation(options: GenerateOptions): Promise<GenerateSummary> {
  const total = options.persons
  const badRows = options.badRows ?? 0
  await mkdir(options.outDir, { recursive: true })
  const personsOut = new CsvWriter(join(options.outDir, 'persons.csv'), PERSONS_HEADER)
  const factsOut = new CsvWriter(join(options.outDir, 'facts.csv'), FACTS_HEADER)
  const identifiersOut = new CsvWriter(join(options.outDir, 'identifiers.csv'), IDENTIFIERS_HEADER)
  const generator = new PopulationGenerator(
    options.seed,
    options.asOf ?? DEFAULT_AS_OF,
    personsOut,
    factsOut,
    identifiersOut
  )
  const planter = new BadRowPlanter(generator, personsOut, factsOut, identifiersOut)
  const plantAfter = Array.from({ length: badRows }, (_, k) =>
    Math.floor(((k + 1) * total) / (badRows + 1))
  )

  let done = 0
  let nextReport = 5000
  while (done < total) {
    const remaining = total - done
    if (remaining >= 5 && generator.rng.chance(FAMILY_UNIT_SHARE)) {
      done += await generator.family(remaining)
    } else {
      await generator.single()
      done++
    }
    while (planter.planted.length < badRows && plantAfter[planter.planted.length] <= done) {
      await planter.plant(BAD_ROW_KINDS[planter.planted.length % BAD_ROW_KINDS.length])
    }
    if (done >= nextReport) {
      await Promise.all([
        personsOut.maybeFlush(),
        factsOut.maybeFlush(),
        identifiersOut.maybeFlush(),
      ])
      options.onProgress?.(done, total)
      nextReport = done + 5000
    }
  }
  while (planter.planted.length < badRows) {
    await planter.plant(BAD_ROW_KINDS[planter.planted.length % BAD_ROW_KINDS.length])
  }
  await Promise.all([personsOut.close(), factsOut.close(), identifiersOut.close()])
  if (badRows > 0) {
    const lines = planter.planted.map((r) => `${r.file},${r.line},${r.column},${r.kind}`)
    await writeFile(
      join(options.outDir, 'planted_bad_rows.csv'),
      [PLANTED_HEADER, ...lines].join('\n') + '\n'
    )
  }
  options.onProgress?.(total, total)
  return {
    persons: total,
    facts: generator.facts,
    identifiers: generator.identifiers,
    plantedBadRows: planter.planted,
  }
}

/** Adds rows that an importer must reject, and remembers where they are. */
class BadRowPlanter {
  planted: PlantedBadRow[] = []

  constructor(
    private generator: PopulationGenerator,
    private personsOut: CsvWriter,
    private factsOut: CsvWriter,
    private identifiersOut: CsvWriter
  ) {}

  /** The personal code of the last good person written (facts rows refer to it). */
  #lastCode(): string {
    return this.generator.lastFactLine.slice(0, this.generator.lastFactLine.indexOf(','))
  }

  async plant(kind: BadRowKind) {
    const g = this.generator
    const record = (file: PlantedBadRow['file'], out: CsvWriter, column: string) =>
      this.planted.push({ file, line: out.lines, column, kind })
    const birth = g.birthForAge(g.rng.between(20, 70))
    switch (kind) {
      case 'bad_check_digit': {
        const day = Math.min(birth, NEW_CODE_FROM - 1)
        const code = buildOldPersonalCode(yearOf(day), monthOf(day), dateOf(day), g.rng.int(1000))
        const wrong = code.slice(0, 11) + ((Number(code[11]) + 1) % 10)
        this.personsOut.line(`${wrong},Jānis,Bērziņš,${isoOf(day)},`)
        record('persons.csv', this.personsOut, 'personal_code')
        break
      }
      case 'impossible_date': {
        const yy = String(g.rng.between(10, 23))
        const ten = `3002${yy}2${String(g.rng.int(1000)).padStart(3, '0')}`
        const code = `${ten.slice(0, 6)}-${ten.slice(6)}${personalCodeCheckDigit(ten)}`
        this.personsOut.line(`${code},Anna,Kalniņa,20${yy}-02-30,`)
        record('persons.csv', this.personsOut, 'personal_code')
        break
      }
      case 'unknown_attribute':
        this.factsOut.line(`${this.#lastCode()},residence.country,LV,2022-01-01,`)
        record('facts.csv', this.factsOut, 'attribute')
        break
      case 'value_not_allowed':
        this.factsOut.line(`${this.#lastCode()},disability.group,IV,2022-01-01,`)
        record('facts.csv', this.factsOut, 'value')
        break
      case 'valid_to_before_valid_from':
        this.factsOut.line(`${this.#lastCode()},disability.group,II,2024-05-01,2024-04-30`)
        record('facts.csv', this.factsOut, 'valid_to')
        break
      case 'unknown_municipality':
        this.factsOut.line(`${this.#lastCode()},residence.municipality,Rīgas rajons,2022-01-01,`)
        record('facts.csv', this.factsOut, 'value')
        break
      case 'duplicate_row':
        this.factsOut.line(g.lastFactLine)
        record('facts.csv', this.factsOut, '')
        break
      case 'wrong_column_count':
        this.identifiersOut.line(`${this.#lastCode()},eid,PA0000000,pmlp,2024-01-01`)
        record('identifiers.csv', this.identifiersOut, '')
        break
      case 'unbalanced_quotes':
        this.personsOut.line(`${g.personalCode(birth)},Jā"nis,Bērziņš,${isoOf(birth)},`)
        record('persons.csv', this.personsOut, 'given_names')
        break
      case 'non_utf8': {
        const prefix = Buffer.from(`${g.personalCode(birth)},Jānis,B`, 'utf8')
        const latin1 = Buffer.from([0xe9, 0x72, 0x7a, 0x69, 0xf2, 0xb9]) // "érziò¹" in Latin-1
        const suffix = Buffer.from(`,${isoOf(birth)},`, 'utf8')
        await this.personsOut.rawLine(Buffer.concat([prefix, latin1, suffix]))
        record('persons.csv', this.personsOut, 'surname')
        break
      }
    }
  }
}
