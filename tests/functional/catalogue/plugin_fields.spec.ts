import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import TenantPlugin from '#platform/plugins/models/tenant_plugin'
import CreateBenefit from '#catalogue/actions/create_benefit'
import { CatalogueValidationError } from '#catalogue/errors'
import { getFormOptions } from '#catalogue/queries/get_form_options'
import { makeMember, makeTenant } from '#tests/support/tenancy_fixtures'
import { draft, restoreEngine, useAgeEngine } from './fixtures.js'

async function grantor(plugins: string[]) {
  const tenant = await makeTenant({ name: `Novads ${plugins.join('+') || 'bez spraudņiem'}` })
  for (const pluginId of plugins)
    await TenantPlugin.create({ tenantId: tenant.id, pluginId, settings: {} })
  const { user } = await makeMember(tenant, 'benefit_manager')
  return { tenant, actor: { userId: user.id, label: user.email } }
}

async function fieldErrors(action: Promise<unknown>) {
  try {
    await action
    return []
  } catch (error) {
    if (!(error instanceof CatalogueValidationError)) throw error
    return error.fields.map((f) => [f.field, f.key])
  }
}

test.group('Catalogue: benefit-form fields contributed by plugins', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => useAgeEngine())
  group.each.teardown(() => restoreEngine())

  test('the form offers only the fields of the plugins the tenant enabled', async ({ assert }) => {
    const { tenant: withBoth } = await grantor(['education', 'loyalty'])
    const { tenant: without } = await grantor([])

    const options = await getFormOptions(withBoth.id, 'en')
    const keys = options.extraFields.map((f) => f.key)
    assert.includeMembers(keys, [
      'education.school_level',
      'loyalty.programme_terms_url',
      'loyalty.target_group',
    ])
    const schoolLevel = options.extraFields.find((f) => f.key === 'education.school_level')!
    assert.deepEqual(schoolLevel.options, [
      'preschool',
      'basic',
      'secondary',
      'vocational',
      'higher',
    ])
    const bare = await getFormOptions(without.id, 'lv')
    assert.isEmpty(bare.extraFields)
  })

  test('a draft keeps valid plugin fields and refuses invalid or foreign ones', async ({
    assert,
  }) => {
    const { tenant, actor } = await grantor(['education'])
    const { version } = await new CreateBenefit().handle({
      tenant,
      code: 'skolas.pusdienas',
      data: draft({ sector: 'education', extra: { 'education.school_level': 'basic' } }),
      actor,
    })
    assert.deepEqual(version.extra, { 'education.school_level': 'basic' })

    const invalid = await fieldErrors(
      new CreateBenefit().handle({
        tenant,
        code: 'skolas.nepareizi',
        data: draft({ extra: { 'education.school_level': 'university' } }),
        actor,
      })
    )
    assert.deepEqual(invalid, [['extra.education.school_level', 'invalid_extra']])

    const foreign = await fieldErrors(
      new CreateBenefit().handle({
        tenant,
        code: 'skolas.lojalitate',
        data: draft({ extra: { 'loyalty.target_group': 'Goda ģimene' } }),
        actor,
      })
    )
    assert.deepEqual(foreign, [['extra.loyalty.target_group', 'unknown_extra']])
  })
})
