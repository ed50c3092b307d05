import { test } from '@japa/runner'
import type { PluginManifest } from '#platform/plugins/define_plugin'
import { loadPlugins } from '#platform/plugins/plugin_loader'
import { createRegistries, registries } from '#platform/plugins/registry'
import { AttributeCatalogue } from '#registers/attribute_catalogue'
import { importCatalogue } from '#registers/import/import_catalogue'
import { validateRows } from '#registers/import/row_validator'

const labels = { lv: 'x', en: 'x' }

const demo: PluginManifest = {
  id: 'demo',
  version: '1.0.0',
  name: labels,
  coreRange: '^0.1.0',
  attributes: [
    { key: 'demo.school', type: 'string', format: 'registration_number', labels },
    { key: 'demo.home', type: 'string', format: 'municipality', labels },
    { key: 'demo.card', type: 'string', pattern: /^[A-Z]{2}\d+$/, maxLength: 6, labels },
  ],
}

/** The catalogue an app with only the demo plugin enabled would build. */
async function demoCatalogue() {
  const demoRegistries = createRegistries()
  await loadPlugins({
    ids: ['demo'],
    coreVersion: '0.1.0',
    registries: demoRegistries,
    importManifest: async () => ({ default: demo }),
  })
  return importCatalogue(demoRegistries.attributes.all())
}

async function factIssues(catalogue: AttributeCatalogue, rows: string[]) {
  const text = `personal_code,attribute,value,valid_from,valid_to\n${rows.join('\n')}\n`
  const issues: { line: number; reason: string }[] = []
  for await (const result of validateRows('facts', [text], catalogue)) {
    if (!result.ok) issues.push({ line: result.issue.line, reason: result.issue.reason })
  }
  return issues
}

test.group('Import catalogue', () => {
  test('holds exactly the attributes of the registry, with their owners', ({ assert }) => {
    const catalogue = importCatalogue()
    assert.sameMembers(
      catalogue.keys(),
      registries.attributes.all().map((attribute) => attribute.key)
    )
    assert.equal(catalogue.get('residence.municipality')?.owner, 'core')
    assert.equal(catalogue.get('education.school')?.owner, 'education')
    assert.equal(catalogue.get('family.honour_card')?.owner, 'welfare')
  })

  test('validates the format, pattern and length a plugin declares', async ({ assert }) => {
    const catalogue = await demoCatalogue()
    const issues = await factIssues(catalogue, [
      '161175-19997,demo.school,40003619950,2022-01-01,',
      '161175-19997,demo.school,40003619951,2022-01-01,',
      '161175-19997,demo.home,Rīga,2022-01-01,',
      '161175-19997,demo.home,Varakļānu novads,2024-01-01,',
      '161175-19997,demo.card,GG123,2022-01-01,',
      '161175-19997,demo.card,gg123,2022-01-01,',
      '161175-19997,demo.card,GG12345,2022-01-01,',
    ])
    assert.deepEqual(issues, [
      { line: 3, reason: 'value_not_allowed' },
      { line: 5, reason: 'unknown_municipality' },
      { line: 7, reason: 'value_not_allowed' },
      { line: 8, reason: 'value_not_allowed' },
    ])
  })

  test('a worker thread rebuilds the same catalogue from a structured clone of its attributes', async ({
    assert,
  }) => {
    const catalogue = await demoCatalogue()
    const rebuilt = new AttributeCatalogue(structuredClone(catalogue.attributes()))
    assert.deepEqual(rebuilt.keys(), catalogue.keys())
    for (const [key, value] of [
      ['demo.card', 'GG123'],
      ['demo.card', 'gg123'],
      ['demo.school', '40003619951'],
      ['residence.municipality', 'Rīga'],
    ]) {
      assert.equal(
        rebuilt.checkValue(key, value, '2022-01-01', null),
        catalogue.checkValue(key, value, '2022-01-01', null),
        `${key} ${value}`
      )
    }
  })
})
