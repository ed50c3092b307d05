/**
 * Rule evaluation benchmark: the real benefits of docs/real-benefits.md written in the rule
 * language, over synthetic persons, evaluated by
 *   (a) our compiled functions (date folded in, and date passed at run time),
 *   (b) @marcbachmann/cel-js, the fastest CEL interpreter, and
 *   (c) the @bufbuild/cel interpreter,
 * with the same rules as plain CEL over per-person activations (each person's facts resolved on
 * the date). The target compares the compiled rule set with the fastest interpreter from the same
 * person records (activations built inside the interpreter's timing, as the compiled functions
 * resolve facts inside theirs); the bare figure, activations prepared before timing, is reported
 * too. Also the time-exact evaluation over a two-year window.
 *
 *   node --import=@poppinss/ts-exec tests/bench/rules.ts [--persons 1900000] [--seed 7]
 */
import { pathToFileURL } from 'node:url'
import { celEnv, parse as bufParse, plan as bufPlan } from '@bufbuild/cel'
import { Environment } from '@marcbachmann/cel-js'
import { coreAttributes } from '#platform/plugins/registry'
import type { AttributeDefinition } from '#platform/plugins/define_plugin'
import { addDays } from '#platform/calendar/calendar_dates'
import {
  type CheckedRule,
  type CompiledRule,
  type FactPeriod,
  type Period,
  type PersonFacts,
  checkRule,
  compileRule,
  compileRuleSet,
  evaluatePeriods,
  evaluateSetPeriods,
  plainSnapshot,
  toPlainCel,
  isAliveOn,
} from '#eligibility/main'

export interface BenchResult {
  name: string
  figures: Record<string, string>
  target?: { ok: boolean; text: string }
}

const label = (text: string) => ({ lv: text, en: text })

/** Attributes the real benefits need that no plugin declares yet (the owning plugin will). */
const benchAttributes: AttributeDefinition[] = [
  { key: 'status.resistance_participant', type: 'boolean', labels: label('NPK participant') },
  { key: 'status.refugee', type: 'boolean', labels: label('Ukrainian civilian') },
]

/** The list groups the bench rules name (the entitlement bench creates them for its grantor). */
export const BENCH_GROUPS = [
  'registered_companions',
  'riga_family_support',
  'riga_welfare_staff',
  'riga_teachers',
  'riga_schools_pupils',
  'riga_pupils',
]

const IN_EDUCATION = '["basic", "secondary", "vocational", "higher"]'

/** The real benefits (docs/real-benefits.md), numbered as there. */
export const BENCH_RULES: { name: string; rule: string }[] = [
  {
    name: '1 pre-school children',
    rule: `age < 8 && !(fact("education.level") in ${IN_EDUCATION})`,
  },
  { name: '2 disability group I', rule: 'fact("disability.group") == "I"' },
  { name: '3 disability group II', rule: 'fact("disability.group") == "II"' },
  { name: '4 children with a disability', rule: 'age < 18 && holds("disability.child")' },
  {
    name: '5 accompanying person',
    rule: 'in_group("registered_companions") && age >= 18',
  },
  { name: '6 orphans under 24', rule: 'holds("status.orphan") && age < 24' },
  { name: '7 repressed persons', rule: 'holds("status.repressed")' },
  { name: '8 NPK participants', rule: 'holds("status.resistance_participant")' },
  {
    name: '9 Honour Family adults',
    rule: `holds("family.honour_card") && !(age < 24 && fact("education.level") in ${IN_EDUCATION})`,
  },
  {
    name: '10 Honour Family pupils, students',
    rule: `holds("family.honour_card") && age < 24 && fact("education.level") in ${IN_EDUCATION}`,
  },
  { name: '11 Honour Family season ticket', rule: 'holds("family.honour_card")' },
  {
    name: '12 Honour Family holidays',
    rule: 'holds("family.honour_card") && has_identifier("eid")',
  },
  {
    name: '13 Honour Family card (declared in Latvia)',
    rule: 'holds("family.honour_card") && holds("residence.municipality")',
  },
  {
    name: '14 state museums',
    rule: 'holds("family.honour_card") && has_identifier("honour_card")',
  },
  { name: '15 merchant discounts', rule: 'holds("family.honour_card") && age >= 18' },
  {
    name: '16 state categories in Riga',
    rule: 'municipality == "Rīga" && (fact("disability.group") in ["I", "II"] || (age < 18 && holds("disability.child")) || (holds("status.orphan") && age < 24))',
  },
  {
    name: '17 Riga pupils',
    rule: 'fact("education.level") in ["basic", "secondary"] && fact("education.grade") >= 1 && fact("education.grade") <= 12 && (municipality == "Rīga" || in_group("riga_schools_pupils"))',
  },
  {
    name: '18 Riga seniors',
    rule: 'municipality == "Rīga" && (age >= 65 || holds("pension.old_age"))',
  },
  {
    name: '18b Riga seniors (2009: over 75)',
    rule: 'municipality == "Rīga" && age > 75',
  },
  {
    name: '19 Riga repressed persons',
    rule: 'municipality == "Rīga" && holds("status.repressed")',
  },
  { name: '20 NPK in Riga (any residence)', rule: 'holds("status.resistance_participant")' },
  {
    name: '20b NPK in Riga (before Dec 2025)',
    rule: 'holds("status.resistance_participant") && municipality == "Rīga"',
  },
  {
    name: '21 Riga disability group III',
    rule: 'municipality == "Rīga" && fact("disability.group") == "III"',
  },
  {
    name: '22 Riga large-family parents',
    rule: 'in_group("riga_family_support") && age >= 18',
  },
  {
    name: '23 Riga students',
    rule: 'fact("education.level") == "higher" && municipality == "Rīga"',
  },
  {
    name: '24 Riga teachers and welfare staff',
    rule: 'in_group("riga_welfare_staff") || in_group("riga_teachers")',
  },
  { name: '25 free-travel days', rule: 'true' },
  { name: '26 Ukrainian civilians', rule: 'holds("status.refugee")' },
  {
    name: '27 Burtnieki pupils and seniors',
    rule: 'municipality == "Valmieras novads" && (fact("education.level") in ["basic", "secondary"] || holds("pension.old_age"))',
  },
  {
    name: '28 free lunch grades 1-4',
    rule: 'fact("education.level") == "basic" && fact("education.grade") >= 1 && fact("education.grade") <= 4',
  },
  {
    name: '29 Kuldiga free lunch',
    rule: 'municipality == "Kuldīgas novads" && ((fact("education.grade") >= 5 && fact("education.grade") <= 12) || (age >= 5 && age <= 6))',
  },
  {
    name: '30 Kekava meal subsidy',
    rule: 'municipality == "Ķekavas novads" && holds("family.honour_card") && ((age >= 5 && age <= 6) || (fact("education.grade") >= 5 && fact("education.grade") <= 9))',
  },
  { name: '31 family state benefit (scope example)', rule: 'age < 18' },
  {
    name: '32 Riga pupils with a pupil card',
    rule: 'in_group("riga_pupils") && has_identifier("pupil_card")',
  },
  {
    name: '33 Honour Family children',
    rule: 'holds("family.honour_card") && age < 18',
  },
]

/** Catalogue: core attributes, the enabled plugins' attributes, and the bench's own. */
export async function benchCatalogue(): Promise<AttributeDefinition[]> {
  const { default: pluginsConfig } = await import('#config/plugins')
  const attributes = [...coreAttributes]
  for (const id of pluginsConfig.enabled) {
    const { default: manifest } = await import(`#plugins/${id}/plugin`)
    attributes.push(...(manifest.attributes ?? []))
  }
  return [...attributes, ...benchAttributes]
}

/** A small fast deterministic generator (mulberry32). */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const MUNICIPALITIES = [
  ['Rīga', 0.32],
  ['Daugavpils', 0.04],
  ['Liepāja', 0.035],
  ['Jelgava', 0.03],
  ['Jūrmala', 0.025],
  ['Ķekavas novads', 0.015],
  ['Kuldīgas novads', 0.012],
  ['Valmieras novads', 0.025],
  ['Ogres novads', 0.03],
  ['Madonas novads', 0.013],
] as const

function pickMunicipality(r: number) {
  let sum = 0
  for (const [name, share] of MUNICIPALITIES) {
    sum += share
    if (r < sum) return name
  }
  return 'Siguldas novads'
}

/** Synthetic persons whose facts change around the evaluation date, as in a real register. */
export function syntheticPersons(count: number, seed: number, on: string): PersonFacts[] {
  const rnd = random(seed)
  const [year] = on.split('-').map(Number)
  const date = (y: number) => {
    const month = 1 + Math.floor(rnd() * 12)
    const day = 1 + Math.floor(rnd() * 28)
    return `${String(y).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  }
  const persons: PersonFacts[] = []
  for (let i = 0; i < count; i++) {
    const age = Math.floor(rnd() * 95)
    const birthDate = date(year - age)
    const facts = new Map<string, FactPeriod[]>()
    const groups = new Map<string, Period[]>()
    const identifiers = new Map<string, Period[]>()
    const add = (key: string, value: FactPeriod['value'], from: string, to: string | null) => {
      const list = facts.get(key) ?? []
      list.push({ value, from, to, source: 'bench' })
      facts.set(key, list)
    }
    const municipality = pickMunicipality(rnd())
    if (rnd() < 0.08) {
      // moved within the last year
      const moved = date(year - 1)
      add('residence.municipality', pickMunicipality(rnd()), birthDate, addDays(moved, -1))
      add('residence.municipality', municipality, moved, null)
    } else {
      add('residence.municipality', municipality, birthDate, null)
    }
    if (rnd() < 0.1) {
      const group = rnd() < 0.2 ? 'I' : rnd() < 0.6 ? 'II' : 'III'
      add('disability.group', group, date(year - 3), rnd() < 0.5 ? date(year + 1) : null)
    }
    if (age < 18 && rnd() < 0.03) add('disability.child', true, date(year - 2), null)
    if (age < 24 && rnd() < 0.01) add('status.orphan', true, birthDate, null)
    if (age > 70 && rnd() < 0.03) add('status.repressed', true, '1992-01-01', null)
    if (age > 50 && rnd() < 0.002) add('status.resistance_participant', true, '1996-01-01', null)
    if (rnd() < 0.01) add('status.refugee', true, '2022-03-01', '2026-06-30')
    if (rnd() < 0.06) add('family.honour_card', `GG${i}`, date(year - 1), date(year + 1))
    if (age >= 64 && rnd() < 0.9) add('pension.old_age', true, date(year - age + 64), null)
    if (age >= 7 && age <= 18) {
      const grade = Math.min(12, age - 6)
      const schoolYear = `${year}-09-01`
      add('education.level', grade <= 9 ? 'basic' : 'secondary', `${year - grade}-09-01`, null)
      add('education.grade', grade, `${year - 1}-09-01`, addDays(schoolYear, -1))
      if (grade < 12) add('education.grade', grade + 1, schoolYear, null)
    } else if (age >= 19 && age <= 24 && rnd() < 0.4) {
      add('education.level', 'higher', date(year - 1), date(year + 2))
    } else if (age < 7) {
      add('education.level', 'preschool', date(year - age + 1), null)
    }
    if (rnd() < 0.02) groups.set('registered_companions', [{ from: date(year - 1), to: null }])
    if (municipality === 'Rīga' && rnd() < 0.05) {
      groups.set('riga_family_support', [{ from: date(year - 2), to: date(year + 1) }])
    }
    if (age > 22 && age < 65 && rnd() < 0.01) {
      groups.set(rnd() < 0.5 ? 'riga_welfare_staff' : 'riga_teachers', [
        { from: date(year - 5), to: null },
      ])
    }
    if (age >= 7 && age <= 18 && municipality === 'Rīga') {
      groups.set('riga_pupils', [{ from: `${year - 1}-09-01`, to: null }])
    }
    if (age >= 7 && age <= 18 && rnd() < 0.1) {
      groups.set('riga_schools_pupils', [{ from: `${year - 1}-09-01`, to: null }])
    }
    if (age >= 15) identifiers.set('eid', [{ from: date(year - 5), to: date(year + 5) }])
    if (rnd() < 0.3) identifiers.set('etalons', [{ from: date(year - 3), to: null }])
    if (age >= 7 && age <= 18) identifiers.set('pupil_card', [{ from: date(year - 2), to: null }])
    if (facts.has('family.honour_card')) {
      identifiers.set('honour_card', [{ from: date(year - 1), to: null }])
    }
    const deathDate = age > 85 && rnd() < 0.05 ? date(year - 1) : null
    persons.push({ birthDate, deathDate, facts, groups, identifiers })
  }
  return persons
}

/** The best of a few runs: the machine is shared, so the fastest run is the least disturbed. */
function time<T>(work: () => T, runs = 3): { seconds: number; result: T } {
  let best = Number.POSITIVE_INFINITY
  let result!: T
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    result = work()
    best = Math.min(best, (performance.now() - started) / 1000)
  }
  return { seconds: best, result }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

export interface RulesBenchOptions {
  persons?: number
  seed?: number
  on?: string
  /** Persons the interpreters evaluate (they are measured in evaluations per second). */
  interpreterPersons?: number
  log?: (line: string) => void
}

/** Runs the benchmark and returns its figures (printed as a table when run directly). */
export async function runRulesBench(options: RulesBenchOptions = {}): Promise<BenchResult[]> {
  const count = options.persons ?? 200_000
  const seed = options.seed ?? 7
  const on = options.on ?? '2026-03-01'
  const log = options.log ?? (() => {})
  const attributes = await benchCatalogue()
  const context = { attributes, groups: BENCH_GROUPS }

  const checked: CheckedRule[] = BENCH_RULES.map(({ name, rule }) => {
    const result = checkRule(rule, context)
    if (!result.ok) {
      throw new Error(`Bench rule "${name}" does not check: ${result.errors[0].message.en}`)
    }
    return result
  })
  const compiled: CompiledRule[] = checked.map((rule) => compileRule(rule))
  const rules = checked.length

  log(`generating ${fmt(count)} persons…`)
  const persons = time(() => syntheticPersons(count, seed, on), 1)
  log(`generated in ${persons.seconds.toFixed(1)} s`)
  const people = persons.result

  // (a) compiled, date folded in
  const folded = compiled.map((rule) => rule.forDate(on))
  const runFolded = () => {
    let entitled = 0
    for (const rule of folded) {
      for (let i = 0; i < people.length; i++) if (rule(people[i])) entitled++
    }
    return entitled
  }
  runFolded() // warm-up
  const foldedRun = time(runFolded)
  const foldedRate = (rules * count) / foldedRun.seconds

  // (a) as a rule set: the rules of a full run share their lookups per person
  const ruleSet = compileRuleSet(checked)
  const setForDate = ruleSet.forDate(on)
  const out = new Uint8Array(rules)
  const runSet = () => {
    let entitled = 0
    for (const someone of people) {
      setForDate(someone, out)
      for (let r = 0; r < rules; r++) entitled += out[r]
    }
    return entitled
  }
  runSet()
  const setRun = time(runSet)
  const setRate = (rules * count) / setRun.seconds
  const setAgrees = setRun.result === foldedRun.result

  // (a') compiled, date passed at run time
  const anyDate = compiled.map((rule) => rule.evaluate)
  const runAnyDate = () => {
    let entitled = 0
    for (const rule of anyDate) {
      for (let i = 0; i < people.length; i++) if (rule(people[i], on)) entitled++
    }
    return entitled
  }
  runAnyDate()
  const anyDateRun = time(runAnyDate)
  const anyDateRate = (rules * count) / anyDateRun.seconds

  // Interpreters: plain CEL over snapshots prepared before timing.
  const sampleSize = Math.min(count, options.interpreterPersons ?? 50_000)
  const allAttributes = [...new Set(checked.flatMap((rule) => rule.references.attributes))]
  const sample = people.slice(0, sampleSize)
  // An interpreter evaluates a flat activation: each person's facts resolved on the date. The
  // compiled rules resolve them inside their own timing, so the end-to-end comparison (the
  // target) times the interpreter with its activations; the bare one hands them over for free.
  const activations = (group: PersonFacts[]) =>
    group.map((person) => ({
      dead: !isAliveOn(person, on),
      snapshot: plainSnapshot(allAttributes, person, on),
    }))
  const snapshots = activations(sample)
  const plainRules = checked.map(toPlainCel)

  const expected = compiled.map((rule) => {
    const forDate = rule.forDate(on)
    let entitled = 0
    for (const person of sample) if (forDate(person)) entitled++
    return entitled
  })

  const celJs = new Environment({ unlistedVariablesAreDyn: true })
  const celJsRules = plainRules.map((rule) => celJs.parse(rule))
  const runCelJs = (limit: number, prepared = snapshots) => {
    const counts: number[] = []
    for (const rule of celJsRules) {
      let entitled = 0
      for (let i = 0; i < limit; i++) {
        const { dead, snapshot } = prepared[i]
        if (!dead && rule(snapshot as unknown as Record<string, unknown>) === true) entitled++
      }
      counts.push(entitled)
    }
    return counts
  }
  runCelJs(Math.min(2_000, sampleSize))
  const celJsRun = time(() => runCelJs(sampleSize), 5)
  const celJsRate = (rules * sampleSize) / celJsRun.seconds
  const celJsEndToEnd = time(() => runCelJs(sampleSize, activations(sample)), 5)
  const celJsEndToEndRate = (rules * sampleSize) / celJsEndToEnd.seconds
  const celJsAgrees = celJsRun.result.every((n, index) => n === expected[index])

  const bufSize = Math.min(sampleSize, 10_000)
  const bufEnv = celEnv()
  const bufRules = plainRules.map((rule) => bufPlan(bufEnv, bufParse(rule)))
  const runBuf = (limit: number, prepared = snapshots) => {
    const counts: number[] = []
    for (const rule of bufRules) {
      let entitled = 0
      for (let i = 0; i < limit; i++) {
        const { dead, snapshot } = prepared[i]
        if (!dead && rule(snapshot as never) === true) entitled++
      }
      counts.push(entitled)
    }
    return counts
  }
  runBuf(Math.min(1_000, bufSize))
  const bufRun = time(() => runBuf(bufSize))
  const bufRate = (rules * bufSize) / bufRun.seconds
  const bufEndToEnd = time(() => runBuf(bufSize, activations(sample.slice(0, bufSize))))
  const bufEndToEndRate = (rules * bufSize) / bufEndToEnd.seconds
  const bufExpected = compiled.map((rule) => {
    const forDate = rule.forDate(on)
    return sample.slice(0, bufSize).filter((person) => forDate(person)).length
  })
  const bufAgrees = bufRun.result.every((n, index) => n === bufExpected[index])

  // The compiled rule set on exactly the persons the interpreters evaluated.
  const repeats = 10
  const runSetOnSample = () => {
    let entitled = 0
    for (let repeat = 0; repeat < repeats; repeat++) {
      for (const someone of sample) {
        setForDate(someone, out)
        for (let r = 0; r < rules; r++) entitled += out[r]
      }
    }
    return entitled
  }
  runSetOnSample()
  const sampleSetRun = time(runSetOnSample, 5)
  const sampleSetRate = (repeats * rules * sampleSize) / sampleSetRun.seconds

  // Time-exact periods over a two-year window.
  const window = { from: addDays(on, -365), to: addDays(on, 365) }
  const periodSize = Math.min(count, 100_000)
  const periodRun = time(() => {
    let periods = 0
    for (const rule of compiled) {
      for (let i = 0; i < periodSize; i++) {
        periods += evaluatePeriods(rule, people[i], window).length
      }
    }
    return periods
  }, 1)
  const periodRate = (rules * periodSize) / periodRun.seconds
  const setPeriodRun = time(() => {
    let periods = 0
    const scratch = new Uint8Array(rules)
    for (let i = 0; i < count; i++) {
      for (const list of evaluateSetPeriods(ruleSet, people[i], window, scratch)) {
        periods += list.length
      }
    }
    return periods
  })
  const setPeriodRate = (rules * count) / setPeriodRun.seconds
  let samplePeriods = 0
  for (let i = 0; i < periodSize; i++) {
    for (const list of evaluateSetPeriods(ruleSet, people[i], window)) samplePeriods += list.length
  }
  const periodsAgree = samplePeriods === periodRun.result

  const best = Math.max(foldedRate, setRate)
  const ratio = sampleSetRate / Math.max(celJsEndToEndRate, bufEndToEndRate)
  const bareRatio = sampleSetRate / Math.max(celJsRate, bufRate)
  return [
    {
      name: `rules: ${rules} real-benefit rules × ${fmt(count)} persons on ${on}`,
      figures: {
        'compiled, date folded in': `${fmt(foldedRate)} evaluations/s (${foldedRun.seconds.toFixed(2)} s, ${fmt(foldedRun.result)} entitled)`,
        'compiled rule set, date folded in': `${fmt(setRate)} evaluations/s (${setRun.seconds.toFixed(2)} s, ${setAgrees ? 'same answers' : 'DIFFERENT answers'})`,
        'compiled, date at run time': `${fmt(anyDateRate)} evaluations/s (${anyDateRun.seconds.toFixed(2)} s)`,
        '@marcbachmann/cel-js': `${fmt(celJsRate)} evaluations/s (${fmt(sampleSize)} persons, ${celJsRun.seconds.toFixed(2)} s, ${celJsAgrees ? 'same answers' : 'DIFFERENT answers'})`,
        '@bufbuild/cel interpreter': `${fmt(bufRate)} evaluations/s (${fmt(bufSize)} persons, ${bufRun.seconds.toFixed(2)} s, ${bufAgrees ? 'same answers' : 'DIFFERENT answers'})`,
        'compiled rule set, same persons': `${fmt(sampleSetRate)} evaluations/s (${fmt(sampleSize)} persons × ${repeats}, ${sampleSetRun.seconds.toFixed(2)} s)`,
        'cel-js with its activations': `${fmt(celJsEndToEndRate)} evaluations/s (${celJsEndToEnd.seconds.toFixed(2)} s; @bufbuild/cel ${fmt(bufEndToEndRate)})`,
        'compiled / fastest interpreter': `${ratio.toFixed(1)}× (same persons from the same records, same run)`,
        'compiled / bare interpreter': `${bareRatio.toFixed(1)}× (the interpreter handed its activations ready-made)`,
        'time-exact periods (±1 year)': `${fmt(periodRate)} person-rules/s (${fmt(periodSize)} persons, ${periodRun.seconds.toFixed(2)} s, ${fmt(periodRun.result)} periods)`,
        'time-exact periods, rule set': `${fmt(setPeriodRate)} person-rules/s (${fmt(count)} persons, ${setPeriodRun.seconds.toFixed(2)} s, ${fmt(setPeriodRun.result)} periods, ${periodsAgree ? 'same periods' : 'DIFFERENT periods'})`,
        [`projected ${fmt(1_900_000)} persons × ${rules} rules`]: `${((1_900_000 * rules) / best).toFixed(2)} s on one date, ${((1_900_000 * rules) / setPeriodRate).toFixed(1)} s time-exact`,
      },
      target: {
        ok: ratio >= 10 && celJsAgrees && bufAgrees && setAgrees && periodsAgree,
        text: 'compiled ≥ 10× the fastest interpreter, with the same answers',
      },
    },
  ]
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`)
  if (index !== -1) return process.argv[index + 1]
  const inline = process.argv.find((arg) => arg.startsWith(`--${name}=`))
  return inline?.slice(name.length + 3)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const persons = Number(argument('persons') ?? process.env.BENCH_PERSONS ?? 200_000)
  const seed = Number(argument('seed') ?? 7)
  const results = await runRulesBench({
    persons,
    seed,
    log: (line) => process.stdout.write(`${line}\n`),
  })
  let failed = false
  for (const result of results) {
    process.stdout.write(`\n${result.name}\n`)
    const width = Math.max(...Object.keys(result.figures).map((key) => key.length))
    for (const [key, value] of Object.entries(result.figures)) {
      process.stdout.write(`  ${key.padEnd(width)}  ${value}\n`)
    }
    if (result.target) {
      process.stdout.write(
        `  target: ${result.target.text}: ${result.target.ok ? 'met' : 'MISSED'}\n`
      )
      failed ||= !result.target.ok
    }
  }
  process.exitCode = failed ? 1 : 0
}
