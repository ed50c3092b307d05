import { test } from '@japa/runner'
import {
  DuplicateRegistrationError,
  FrozenRegistryError,
  Registry,
  createRegistries,
} from '#platform/plugins/registry'

test.group('Plugin registry', () => {
  test('keeps each entry with the plugin that added it', ({ assert }) => {
    const registry = new Registry<{ label: string }>('Report')
    registry.add('welfare.summary', { label: 'welfare.reports.summary' }, 'welfare')
    assert.deepEqual(registry.get('welfare.summary'), {
      label: 'welfare.reports.summary',
      owner: 'welfare',
    })
    assert.lengthOf(registry.ownedBy('welfare'), 1)
    assert.lengthOf(registry.ownedBy('health'), 0)
  })

  test('rejects a key another plugin already registered, naming both', ({ assert }) => {
    const registry = new Registry<{ label: string }>('Permission')
    registry.add('loyalty.points.view', { label: 'a' }, 'loyalty')
    assert.throws(
      () => registry.add('loyalty.points.view', { label: 'b' }, 'rogue'),
      'Permission "loyalty.points.view" is already registered by loyalty; rogue cannot register it again'
    )
    assert.equal(registry.get('loyalty.points.view')?.label, 'a')
  })

  test('refuses additions once frozen after boot', ({ assert }) => {
    const registry = new Registry<{ label: string }>('Navigation item')
    registry.add('education.index', { label: 'x' }, 'education').freeze()
    assert.isTrue(registry.isFrozen)
    assert.throws(() => registry.add('education.other', { label: 'y' }, 'education'))
    try {
      registry.add('education.other', { label: 'y' }, 'education')
    } catch (error) {
      assert.instanceOf(error, FrozenRegistryError)
    }
    assert.lengthOf(registry.all(), 1)
  })

  test('core declares residence.municipality, so no plugin can take it', ({ assert }) => {
    const registries = createRegistries()
    assert.equal(registries.attributes.get('residence.municipality')?.owner, 'core')
    assert.throws(
      () =>
        registries.attributes.add(
          'residence.municipality',
          { key: 'residence.municipality', type: 'string', labels: { lv: 'x', en: 'x' } },
          'welfare'
        ),
      DuplicateRegistrationError as any
    )
  })
})
