import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import MunicipalitiesSeeder from '#database/seeders/municipalities_seeder'

test.group('Municipalities seeder', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('seeds the dated list and can run again without duplicates', async ({ assert }) => {
    await new MunicipalitiesSeeder(db.connection()).run()
    await new MunicipalitiesSeeder(db.connection()).run()
    const [{ count }] = await db.from('municipalities').count('* as count')
    assert.equal(Number(count), 162)
    const in2015 = await db
      .from('municipalities')
      .where('valid_from', '<=', '2015-01-01')
      .where((q) => q.whereNull('valid_to').orWhere('valid_to', '>=', '2015-01-01'))
    assert.lengthOf(in2015, 119)
    const current = await db
      .from('municipalities')
      .where('valid_from', '<=', '2025-07-01')
      .where((q) => q.whereNull('valid_to').orWhere('valid_to', '>=', '2025-07-01'))
    assert.lengthOf(current, 42)
    const riga = await db.from('municipalities').where('code', 'riga').firstOrFail()
    assert.equal(riga.name_lv, 'Rīga')
    assert.equal(riga.kind, 'state_city')
    const sala = await db.from('municipalities').where('code', 'salas-novads-2009').firstOrFail()
    assert.equal(sala.name_lv, 'Salas novads')
    assert.isNull(sala.population_approx)
  })
})
