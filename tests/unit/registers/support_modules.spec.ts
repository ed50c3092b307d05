import { test } from '@japa/runner'
import {
  isValidRegistrationNumber,
  registrationNumberLastDigit,
} from '#platform/identifiers/registration_number'
import { Random } from '#registers/population/random'
import { addYears, dayFromIso, isoOf } from '#registers/population/calendar'
import { csvField } from '#registers/population/csv_writer'
import { ProgressBar } from '#registers/progress_bar'

test.group('Registration numbers', () => {
  test('accepts numbers whose weighted sum mod 11 is 3', ({ assert }) => {
    assert.isTrue(isValidRegistrationNumber('40003032949'))
    assert.isTrue(isValidRegistrationNumber('90000068680'))
  })

  test('rejects "{$self}"')
    .with(['40003032948', '4000303294', '400030329490', '4000303294a', ''])
    .run(({ assert }, value) => {
      assert.isFalse(isValidRegistrationNumber(value))
    })

  test('completes ten digits with the right last digit or none', ({ assert }) => {
    let none = 0
    for (let i = 0; i < 200; i++) {
      const ten = `9000${String(i * 4999).padStart(6, '0')}`
      const last = registrationNumberLastDigit(ten)
      if (last === null) none++
      else assert.isTrue(isValidRegistrationNumber(`${ten}${last}`))
    }
    assert.isAbove(none, 0)
  })
})

test.group('Seeded random numbers', () => {
  test('repeat for a seed and differ between seeds', ({ assert }) => {
    const a = new Random('s')
    const b = new Random('s')
    const c = new Random('t')
    const seqA = Array.from({ length: 20 }, () => a.next())
    assert.deepEqual(
      seqA,
      Array.from({ length: 20 }, () => b.next())
    )
    assert.notDeepEqual(
      seqA,
      Array.from({ length: 20 }, () => c.next())
    )
  })

  test('stay within bounds and spread evenly', ({ assert }) => {
    const random = new Random('bounds')
    const counts = new Array(10).fill(0)
    for (let i = 0; i < 20_000; i++) {
      const v = random.between(0, 9)
      counts[v]++
      const big = random.int(8_000_000_000)
      assert.isTrue(big >= 0 && big < 8_000_000_000 && Number.isInteger(big))
    }
    for (const count of counts) assert.isTrue(count > 1700 && count < 2300)
  })
})

test.group('Calendar days', () => {
  test('round-trips ISO dates and handles 29 February birthdays', ({ assert }) => {
    assert.equal(isoOf(dayFromIso('2000-02-29')), '2000-02-29')
    assert.equal(isoOf(addYears(dayFromIso('2000-02-29'), 1)), '2001-02-28')
    assert.equal(isoOf(addYears(dayFromIso('2000-02-29'), 4)), '2004-02-29')
    assert.throws(() => dayFromIso('2001-02-29'))
  })
})

test.group('CSV fields', () => {
  test('quotes only fields with commas, quotes or line breaks', ({ assert }) => {
    assert.equal(csvField('Bērziņš'), 'Bērziņš')
    assert.equal(csvField('a,b'), '"a,b"')
    assert.equal(csvField('say "hi"'), '"say ""hi"""')
    assert.equal(csvField('two\nlines'), '"two\nlines"')
  })
})

test.group('Progress bar', () => {
  test('renders percentage, count, rate and ETA', ({ assert }) => {
    const bar = new ProgressBar(1000, 'persons', { write: () => true }, 10)
    const line = bar.render(250, performance.now() + 1000)
    assert.match(line, /^persons \[█{3}░{7}\] {2}25% 250\/1,000 · \d+\/s · ETA \d+:\d{2}$/)
  })

  test('prints a line per tenth on a non-TTY stream', ({ assert }) => {
    const out: string[] = []
    const bar = new ProgressBar(100, 'rows', { write: (t) => out.push(t) > 0 })
    for (let i = 0; i <= 100; i++) bar.update(i)
    assert.lengthOf(out, 11)
  })
})
