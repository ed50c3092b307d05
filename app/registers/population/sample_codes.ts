import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse'

export interface SampleCode {
  label: string
  personalCode: string
}

interface Fact {
  attribute: string
  value: string
  validFrom: string
  validTo: string
}

async function* rows(file: string): AsyncGenerator<string[]> {
  const parser = createReadStream(file).pipe(parse({ fromLine: 2 }))
  for await (const row of parser) yield row as string[]
}

/**
 * Personal codes of a generated population worth trying in the demo: a pupil living in Rīga,
 * a Honour Family parent and a person with a disability, each with the fact valid on `day`.
 */
export async function pickSampleCodes(dir: string, day: string): Promise<SampleCode[]> {
  const adults = new Set<string>()
  const adultBorn = `${Number(day.slice(0, 4)) - 18}${day.slice(4)}`
  for await (const [code, , , birthDate, deathDate] of rows(join(dir, 'persons.csv'))) {
    if (!deathDate && birthDate <= adultBorn) adults.add(code)
  }

  const facts = new Map<string, Fact[]>()
  for await (const [code, attribute, value, validFrom, validTo] of rows(join(dir, 'facts.csv'))) {
    if (validFrom > day || (validTo && validTo < day)) continue
    const list = facts.get(code) ?? []
    list.push({ attribute, value, validFrom, validTo })
    facts.set(code, list)
  }
  const has = (code: string, attribute: string, value?: string) =>
    (facts.get(code) ?? []).some((f) => f.attribute === attribute && (!value || f.value === value))

  const wanted: Array<[string, (code: string) => boolean]> = [
    [
      'Pupil in Rīga',
      (code) => has(code, 'education.grade') && has(code, 'residence.municipality', 'Rīga'),
    ],
    ['Honour Family parent', (code) => adults.has(code) && has(code, 'family.honour_card')],
    ['Person with a disability', (code) => adults.has(code) && has(code, 'disability.group')],
  ]
  const samples: SampleCode[] = []
  for (const [label, matches] of wanted) {
    for (const code of facts.keys()) {
      if (matches(code)) {
        samples.push({ label, personalCode: code })
        break
      }
    }
  }
  return samples
}
