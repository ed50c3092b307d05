import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import PersonGroup from '#catalogue/models/person_group'
import PersonGroupMember from '#catalogue/models/person_group_member'
import { personCodeHash } from '#catalogue/support/person_code_hash'
import { makeMember, makeTenant } from '#tests/support/tenancy_fixtures'
import { JSON_HEADERS } from './fixtures.js'

async function listGroup(client: any, user: any, key = 'welfare_staff') {
  const response = await client
    .post('/staff/catalogue/groups')
    .json({ key, nameLv: 'Labklājības darbinieki', nameEn: 'Welfare staff', kind: 'list' })
    .loginAs(user)
    .withCsrfToken()
    .redirects(0)
  response.assertStatus(302)
  return PersonGroup.findByOrFail('key', key)
}

const GOOD = [
  'personal_code,valid_from,valid_to',
  '161175-19997,2026-01-01,',
  '32123412345,2026-01-01,2026-12-31',
].join('\n')

test.group('Catalogue: person groups', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a manager creates a list group and uploads dated members stored as keyed hashes', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'benefit_manager')
    const created = await listGroup(client, user)
    assert.equal(created.tenantId, tenant.id)

    const upload = await client
      .post(`/staff/catalogue/groups/${created.id}/members`)
      .json({ csv: GOOD })
      .headers(JSON_HEADERS)
      .loginAs(user)
      .withCsrfToken()
    upload.assertStatus(200)
    upload.assertBodyContains({ accepted: 2, unchanged: 0, rejected: [] })
    const members = await PersonGroupMember.query().where('group_id', created.id).orderBy('id')
    assert.deepEqual(
      members.map((m) => [m.personCodeHash, m.validFrom, m.validTo]),
      [
        [personCodeHash('161175-19997'), '2026-01-01', null],
        [personCodeHash('321234-12345'), '2026-01-01', '2026-12-31'],
      ]
    )
    assert.notInclude(JSON.stringify(members.map((m) => m.serialize())), '161175')

    const again = await client
      .post(`/staff/catalogue/groups/${created.id}/members`)
      .json({ csv: GOOD })
      .headers(JSON_HEADERS)
      .loginAs(user)
      .withCsrfToken()
    again.assertBodyContains({ accepted: 0, unchanged: 2 })
  })

  test('an upload with bad rows stores nothing and reports each line and reason', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'benefit_manager')
    const created = await listGroup(client, user)
    const csv = [
      'personal_code,valid_from,valid_to',
      '161175-19997,2026-01-01,',
      '161175-19998,2026-01-01,',
      '310299-12345,2026-01-01,',
      'abc,2026-01-01,',
      '32123412345,2026-13-01,',
      '32123412346,2026-05-01,2026-04-01',
    ].join('\n')
    const response = await client
      .post(`/staff/catalogue/groups/${created.id}/members`)
      .json({ csv })
      .headers(JSON_HEADERS)
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(422)
    assert.deepEqual(response.body().rejected, [
      { line: 3, column: 'personal_code', reason: 'personal_code_check_digit' },
      { line: 4, column: 'personal_code', reason: 'personal_code_date' },
      { line: 5, column: 'personal_code', reason: 'personal_code_format' },
      { line: 6, column: 'valid_from', reason: 'date' },
      { line: 7, column: 'valid_to', reason: 'period' },
    ])
    assert.lengthOf(await PersonGroupMember.query().where('group_id', created.id), 0)
  })

  test('the upload report reaches the group page after a form upload', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'tenant_admin')
    const created = await listGroup(client, user)
    const response = await client
      .post(`/staff/catalogue/groups/${created.id}/members`)
      .form({ csv: 'wrong,header\n1,2' })
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
    response.assertInertiaComponent('catalogue/group_show')
    assert.deepEqual(response.inertiaProps.report.rejected, [
      { line: 1, column: '', reason: 'header' },
    ])
  })

  test('a rule-based group with an unknown name in its rule is refused', async ({ client }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'benefit_manager')
    const response = await client
      .post('/staff/catalogue/groups')
      .json({
        key: 'riga_pupils',
        nameLv: 'Skolēni',
        nameEn: 'Pupils',
        kind: 'rule',
        rule: 'pupil == true',
      })
      .headers(JSON_HEADERS)
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ field: 'rule' }] })
  })

  test('a rule-based group with a valid rule is created and usable in benefit rules', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'benefit_manager')
    const response = await client
      .post('/staff/catalogue/groups')
      .json({
        key: 'riga_pupils',
        nameLv: 'Rīgas skolēni',
        nameEn: 'Riga pupils',
        kind: 'rule',
        rule: 'municipality == "Rīga" && fact("education.grade") >= 1',
      })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const page = await client.get('/staff/catalogue/benefits/new').loginAs(user).withInertia()
    assert.deepInclude(page.inertiaProps.options.groups, {
      key: 'riga_pupils',
      name: 'Rīgas skolēni',
    })
  })

  test('an analyst may not create groups or upload members', async ({ client }) => {
    const tenant = await makeTenant()
    const { user: manager } = await makeMember(tenant, 'benefit_manager')
    const { user: analyst } = await makeMember(tenant, 'analyst')
    const created = await listGroup(client, manager)
    const create = await client
      .post('/staff/catalogue/groups')
      .json({ key: 'x', nameLv: 'Xx', nameEn: 'Xx', kind: 'list' })
      .headers(JSON_HEADERS)
      .loginAs(analyst)
      .withCsrfToken()
    create.assertStatus(403)
    const upload = await client
      .post(`/staff/catalogue/groups/${created.id}/members`)
      .json({ csv: GOOD })
      .headers(JSON_HEADERS)
      .loginAs(analyst)
      .withCsrfToken()
    upload.assertStatus(403)
  })

  test("another tenant's group is a 404", async ({ client }) => {
    const tenant = await makeTenant()
    const other = await makeTenant()
    const { user } = await makeMember(tenant, 'benefit_manager')
    const { user: stranger } = await makeMember(other, 'benefit_manager')
    const created = await listGroup(client, user)
    const show = await client.get(`/staff/catalogue/groups/${created.id}`).loginAs(stranger)
    show.assertStatus(404)
    const upload = await client
      .post(`/staff/catalogue/groups/${created.id}/members`)
      .json({ csv: GOOD })
      .headers(JSON_HEADERS)
      .loginAs(stranger)
      .withCsrfToken()
    upload.assertStatus(404)
  })
})
