/**
 * The decision index in process (issue #12): a synthetic index of N identifiers (1.5 per
 * person, 1–3 entitlements each among 20 benefits, one provider's service covered by a
 * contract), then decisions for random identifiers (one in ten unknown) on one moment.
 * Reports decisions per second and the typed arrays' bytes per identifier (entitlements
 * included). No database: the index as the web node holds it once built.
 *
 *   node --import=@poppinss/ts-exec tests/bench/decisions.ts [--identifiers 1000000]
 */
import { pathToFileURL } from 'node:url'
import { DecisionIndex } from '#decisions/index/decision_index'
import { CatalogueSnapshot } from '#decisions/index/catalogue_snapshot'
import { OPEN, dayNumber } from '#decisions/index/days'
import { momentOf } from '#decisions/index/moment'
import type { BenchResult } from './population.js'

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

export async function benchDecisions(identifiers = 1_000_000): Promise<BenchResult[]> {
  const next = random(12)
  const u32 = () => Math.floor(next() * 4294967296) >>> 0
  const benefits = 20
  const persons = Math.ceil(identifiers / 1.5)
  const built = performance.now()
  const before = process.memoryUsage().arrayBuffers
  const index = new DecisionIndex({ identifiers, persons, entitlements: persons * 2 })
  const ids = Array.from({ length: benefits }, (_, i) => i + 1)
  index.catalogue = new CatalogueSnapshot(
    {
      benefits: ids.map((id) => ({ id, code: `b${id}`, grantorTenantId: 1, grantorName: 'G' })),
      versions: ids.map((id) => ({
        id,
        benefitId: id,
        from: dayNumber('2020-01-01'),
        to: OPEN,
        nameLv: `b${id}`,
        nameEn: `b${id}`,
        form: id % 3 === 0 ? 'free' : 'percent',
        value: 10 + id,
        priority: 100 + (id % 4) * 50,
        serviceCodes: id % 5 === 0 ? ['other'] : [],
        weekdays: id % 7 === 0 ? [1, 2, 3, 4, 5] : [],
        timeWindows: [],
        specificDates: id === 11 ? ['11-18'] : [],
      })),
      services: [
        {
          id: 1,
          providerTenantId: 2,
          code: 'bus',
          nameLv: 'bus',
          nameEn: 'bus',
          sector: 'transport',
          basePriceCents: 150,
        },
      ],
      contracts: [
        {
          grantorTenantId: 1,
          providerTenantId: 2,
          from: 0,
          to: OPEN,
          benefitIds: ids,
          serviceIds: [1],
        },
      ],
    },
    index.slots
  )
  const keys = new Uint32Array(identifiers * 2)
  for (let i = 0; i < identifiers; i++) {
    keys[2 * i] = u32()
    keys[2 * i + 1] = u32()
    index.identifiers.set(keys[2 * i], keys[2 * i + 1], 1 + (i % persons), 0, OPEN)
  }
  for (let person = 1; person <= persons; person++) {
    const count = 1 + Math.floor(next() * 3)
    index.entitlements.replace(
      person,
      Array.from({ length: count }, () => ({
        benefit: index.slots.slotOf(1 + Math.floor(next() * benefits)),
        from: dayNumber('2021-01-01'),
        to: next() < 0.2 ? dayNumber('2030-12-31') : OPEN,
      }))
    )
  }
  const buildMs = performance.now() - built
  const arrayBytes = process.memoryUsage().arrayBuffers - before

  // The asks: known identifiers in random order, one in ten unknown.
  const asks = 1 << 20
  const askHi = new Uint32Array(asks)
  const askLo = new Uint32Array(asks)
  for (let i = 0; i < asks; i++) {
    if (next() < 0.1) {
      askHi[i] = u32()
      askLo[i] = u32()
    } else {
      const k = Math.floor(next() * identifiers)
      askHi[i] = keys[2 * k]
      askLo[i] = keys[2 * k + 1]
    }
  }
  const service = index.catalogue.service(2, 'bus')!
  const moment = momentOf(new Date('2026-03-02T08:00:00Z'))
  let applied = 0
  const run = (count: number) => {
    for (let i = 0; i < count; i++) {
      const j = i & (asks - 1)
      if (index.choose(askHi[j], askLo[j], service, moment, 150)) applied++
    }
  }
  run(asks) // warm-up
  applied = 0
  const rounds = 5_000_000
  const started = performance.now()
  run(rounds)
  const seconds = (performance.now() - started) / 1000
  const perSecond = rounds / seconds
  const bytesPerIdentifier = index.bytes / identifiers
  return [
    {
      name: `Decision index in process (${identifiers.toLocaleString('en')} identifiers, ${persons.toLocaleString('en')} persons, ${index.entitlements.records.toLocaleString('en')} entitlements)`,
      figures: {
        'decisions/s': `${(perSecond / 1e6).toFixed(2)} M (${((100 * applied) / rounds).toFixed(0)} % with a benefit)`,
        'bytes/identifier': `${bytesPerIdentifier.toFixed(1)} (typed arrays; ${(arrayBytes / identifiers).toFixed(1)} by arrayBuffers growth)`,
        'build': `${(buildMs / 1000).toFixed(2)} s in memory (no database)`,
      },
      target: {
        ok: perSecond >= 2_000_000 && bytesPerIdentifier <= 100,
        text: '≥ 2 M decisions/s in process and ≤ 100 bytes per identifier',
      },
    },
  ]
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--identifiers')
  const results = await benchDecisions(at > 0 ? Number(process.argv[at + 1]) : 1_000_000)
  for (const result of results) {
    process.stdout.write(`${result.name}\n`)
    for (const [label, value] of Object.entries(result.figures)) {
      process.stdout.write(`  ${label.padEnd(18)} ${value}\n`)
    }
    if (result.target) {
      process.stdout.write(
        `  target: ${result.target.text} — ${result.target.ok ? 'met' : 'MISSED'}\n`
      )
    }
  }
}
