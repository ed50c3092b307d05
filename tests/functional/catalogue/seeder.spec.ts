import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import ReferenceTenantsSeeder from '#database/seeders/0200_reference_tenants_seeder'
import CatalogueSeeder from '#database/seeders/catalogue_seeder'
import { SEED_BENEFITS, SEED_CONTRACTS, SEED_SERVICES } from '#database/data/benefits'
import { ruleChecker } from '#catalogue/rules/rule_checker'
import { checkRule } from '#eligibility/main'
import { ruleEnvironment } from '#catalogue/rules/rule_environment'
import { scenarioInputs } from '#catalogue/support/version_content'

async function seed() {
  await new ReferenceTenantsSeeder(db.connection()).run()
  await new CatalogueSeeder(db.connection()).run()
}

const TABLES = [
  'benefits',
  'benefit_versions',
  'rule_scenarios',
  'person_groups',
  'services',
  'contracts',
  'contract_benefits',
  'contract_services',
  'audit_logs',
]

async function snapshot() {
  const result: Record<string, unknown> = {}
  for (const table of TABLES) result[table] = await db.from(table).orderBy('id')
  return result
}

test.group('Catalogue seeder', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => ruleChecker.restore())
  group.each.timeout(120000)

  test('seeds every benefit with a rule the checker accepts, and two scenarios or more', async ({
    assert,
  }) => {
    await seed()
    const benefits = await db.from('benefits').select('code')
    assert.sameMembers(
      benefits.map((b) => b.code),
      SEED_BENEFITS.map((b) => b.code)
    )
    for (const seedBenefit of SEED_BENEFITS) {
      for (const version of seedBenefit.versions) {
        assert.isAtLeast(version.scenarios!.length, 2, seedBenefit.code)
        const expectations = version.scenarios!.flatMap((s) => s.persons.map((p) => p.expected))
        assert.include(expectations, true, seedBenefit.code)
        assert.include(expectations, false, seedBenefit.code)
        assert.isTrue(Boolean(version.legalAct || version.programmeTerms), seedBenefit.code)
      }
    }
    assert.lengthOf(await db.from('services'), SEED_SERVICES.length)
    const contracts = await db.from('contracts').select('status')
    assert.lengthOf(contracts, SEED_CONTRACTS.length)
    assert.isTrue(contracts.every((c) => c.status === 'accepted'))
  })

  test('seeding twice changes nothing', async ({ assert }) => {
    await seed()
    const first = await snapshot()
    await seed()
    assert.deepEqual(await snapshot(), first)
  })

  test('with passing scenarios everything is published, and the 2018 version ends when today’s starts', async ({
    assert,
  }) => {
    ruleChecker.swap({
      run: (_source, scenarios) => ({
        passed: true,
        results: scenarios.flatMap((s) =>
          s.persons.map((p) => ({
            scenario: s.name,
            person: p.name,
            expected: p.expected,
            actual: p.expected,
            passed: true,
          }))
        ),
      }),
    })
    await seed()
    const statuses = await db.from('benefit_versions').distinct('status')
    assert.deepEqual(
      statuses.map((s) => s.status),
      ['published']
    )
    const family = await db
      .from('benefit_versions')
      .join('benefits', 'benefits.id', 'benefit_versions.benefit_id')
      .where('benefits.code', 'atd.honour_adults')
      .orderBy('version')
      .select('version', 'value', 'effective_to')
    assert.deepEqual(
      family.map((v) => [v.version, v.value]),
      [
        [1, 25],
        [2, 50],
      ]
    )
    assert.isNotNull(family[0].effective_to)
    assert.isNull(family[1].effective_to)
    const first = await snapshot()
    await seed()
    assert.deepEqual(await snapshot(), first)
  })

  test('versions left in review publish on a later run once their scenarios pass', async ({
    assert,
  }) => {
    ruleChecker.swap({ run: () => ({ passed: false, results: [] }) })
    await seed()
    const before = await db.from('benefit_versions').distinct('status')
    assert.deepEqual(
      before.map((s) => s.status),
      ['in_review']
    )
    ruleChecker.swap({ run: () => ({ passed: true, results: [] }) })
    await seed()
    const family = await db
      .from('benefit_versions')
      .join('benefits', 'benefits.id', 'benefit_versions.benefit_id')
      .where('benefits.code', 'atd.honour_adults')
      .orderBy('version')
      .select('status', 'effective_to')
    assert.deepEqual(
      family.map((v) => v.status),
      ['published', 'published']
    )
    assert.isNotNull(family[0].effective_to)
  })

  test('every seeded scenario passes under the eligibility engine', async ({ assert }) => {
    await seed()
    for (const seedBenefit of SEED_BENEFITS) {
      const row = await db
        .from('benefits')
        .where('code', seedBenefit.code)
        .select('tenant_id')
        .firstOrFail()
      const env = await ruleEnvironment(row.tenant_id)
      for (const version of seedBenefit.versions) {
        const check = checkRule(version.rule, env)
        assert.isTrue(check.ok, `${seedBenefit.code}: ${JSON.stringify(check)}`)
        const run = await ruleChecker.run(version.rule, scenarioInputs(version.scenarios), env)
        assert.isTrue(run.passed, `${seedBenefit.code}: ${JSON.stringify(run.results)}`)
      }
    }
  })
})
