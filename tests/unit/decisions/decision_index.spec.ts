import { test } from '@japa/runner'
import { DecisionIndex } from '#decisions/index/decision_index'
import { CatalogueSnapshot, type CatalogueRows } from '#decisions/index/catalogue_snapshot'
import { OPEN, dayNumber } from '#decisions/index/days'
import { momentOf } from '#decisions/index/moment'

const version = (id: number, overrides: Partial<CatalogueRows['versions'][number]> = {}) => ({
  id,
  benefitId: id,
  from: dayNumber('2020-01-01'),
  to: OPEN,
  nameLv: `b${id}`,
  nameEn: `b${id}`,
  form: 'percent' as const,
  value: 10,
  priority: 100,
  serviceCodes: [],
  weekdays: [],
  timeWindows: [],
  specificDates: [],
  ...overrides,
})

function indexWith(versions: CatalogueRows['versions'], contractTo = OPEN) {
  const index = new DecisionIndex()
  index.catalogue = new CatalogueSnapshot(
    {
      benefits: versions.map((v) => ({
        id: v.benefitId,
        code: `b${v.benefitId}`,
        grantorTenantId: 1,
        grantorName: 'Grantor',
      })),
      versions,
      services: [
        {
          id: 1,
          providerTenantId: 2,
          code: 'bus',
          nameLv: 'bus',
          nameEn: 'bus',
          sector: 'transport',
          basePriceCents: 200,
        },
      ],
      contracts: [
        {
          grantorTenantId: 1,
          providerTenantId: 2,
          from: dayNumber('2020-01-01'),
          to: contractTo,
          benefitIds: versions.map((v) => v.benefitId),
          serviceIds: [1],
        },
      ],
    },
    index.slots
  )
  index.identifiers.set(0xdeadbeef, 7, 42, 0, OPEN)
  index.entitlements.replace(
    42,
    versions.map((v) => ({ benefit: index.slots.slotOf(v.benefitId), from: 0, to: OPEN }))
  )
  const service = index.catalogue.service(2, 'bus')!
  return (at: string, price = 200) =>
    index.choose(0xdeadbeef, 7, service, momentOf(new Date(at)), price)?.benefit.code ?? null
}

test.group('Decision index: the choice of one benefit', () => {
  test('the highest priority wins, then the lowest price for the resident', ({ assert }) => {
    const ask = indexWith([
      version(1, { value: 50 }),
      version(2, { value: 20, priority: 150 }),
      version(3, { form: 'fixed_price', value: 50, priority: 150 }),
    ])
    assert.equal(ask('2026-03-02T08:00:00Z'), 'b3')
    // At a full price of 40 cents, 20 % off (32) beats a fixed 50 (40).
    assert.equal(ask('2026-03-02T08:00:00Z', 40), 'b2')
  })

  test('weekdays, dates and time windows are read in Riga time', ({ assert }) => {
    const ask = indexWith([
      version(1, { weekdays: [1] }),
      version(2, { specificDates: ['11-18'], priority: 300 }),
      version(3, { timeWindows: [{ from: '09:00', to: '10:00' }], priority: 200 }),
    ])
    assert.equal(ask('2026-03-02T08:00:00Z'), 'b1') // Monday, 10:00 in Riga
    assert.equal(ask('2026-03-02T07:30:00Z'), 'b3') // Monday, 09:30 in Riga
    assert.equal(ask('2026-11-17T22:30:00Z'), 'b2') // 18 November, 00:30 in Riga
    assert.isNull(ask('2026-03-03T08:00:00Z')) // Tuesday
  })

  test('nothing applies outside the contract or for an unknown identifier', ({ assert }) => {
    const ask = indexWith([version(1)], dayNumber('2025-12-31'))
    assert.isNull(ask('2026-03-02T08:00:00Z'))
    assert.equal(ask('2025-03-02T08:00:00Z'), 'b1')
  })
})
