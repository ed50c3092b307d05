import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import CreateBenefit from '#catalogue/actions/create_benefit'
import CreatePersonGroup from '#catalogue/actions/create_person_group'
import { makeMember, makeTenant } from '#tests/support/tenancy_fixtures'
import { draft } from './fixtures.js'

test.group('Catalogue pages render on the server', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  for (const [locale, texts] of [
    ['lv', ['Atvieglojumi', 'Nosaukumi un apraksti', 'Personu grupas', 'Pakalpojumi', 'Līgumi']],
    ['en', ['Benefits', 'Names and descriptions', 'Person groups', 'Services', 'Contracts']],
  ] as const) {
    test(`every catalogue page renders with a heading in ${locale}`, async ({ client, assert }) => {
      const tenant = await makeTenant({ name: 'Sigulda' })
      const { user } = await makeMember(tenant, 'tenant_admin')
      const actor = { userId: user.id, label: user.email }
      const { benefit, version } = await new CreateBenefit().handle({
        tenant,
        code: 'sigulda.seniors',
        data: draft(),
        actor,
      })
      const staffGroup = await new CreatePersonGroup().handle({
        tenantId: tenant.id,
        key: 'staff',
        nameLv: 'Darbinieki',
        nameEn: 'Staff',
        kind: 'list',
        actor,
      })
      const pages: [string, string][] = [
        ['/staff/catalogue/benefits', texts[0]],
        ['/staff/catalogue/benefits/new', texts[1]],
        [`/staff/catalogue/benefits/${benefit.id}`, 'sigulda.seniors'],
        [`/staff/catalogue/versions/${version.id}/edit`, texts[1]],
        ['/staff/catalogue/groups', texts[2]],
        [`/staff/catalogue/groups/${staffGroup.id}`, 'staff'],
        ['/staff/catalogue/services', texts[3]],
        ['/staff/catalogue/contracts', texts[4]],
      ]
      for (const [url, text] of pages) {
        const response = await client.get(url).withPlainCookie('locale', locale).loginAs(user)
        response.assertStatus(200)
        const html = response.text()
        assert.match(html, /<h1 class="gov-heading-l"/, url)
        assert.include(html, text, url)
      }
    })
  }
})
