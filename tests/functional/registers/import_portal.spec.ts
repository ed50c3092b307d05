import { test } from '@japa/runner'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import queue from '#platform/services/queue'
import { generatePopulation } from '#registers/population/generate_population'
import { makeMember, makeOperator, makeTenant } from '#tests/support/tenancy_fixtures'
import {
  FACTS_HEADER,
  PERSONS_HEADER,
  countRows,
  emptyRegisters,
  makeSource,
  reportRows,
} from './import_support.js'

const JSON_HEADERS = { Accept: 'application/json' }

async function latestAudit(action: string) {
  return db.from('audit_logs').where('action', action).orderBy('id', 'desc').first()
}

test.group('Operator portal: data sources and imports', (group) => {
  group.each.setup(async () => {
    await emptyRegisters()
    return () => emptyRegisters()
  })

  test('an operator registers a data source with the attributes it may deliver', async ({
    client,
    assert,
  }) => {
    const operator = await makeOperator()
    const response = await client
      .post('/operator/registers/sources')
      .json({
        code: 'vdeavk',
        name: 'Invaliditātes lēmumi',
        allowedAttributes: ['disability.group', 'disability.child'],
        deliversPersons: false,
      })
      .withCsrfToken()
      .loginAs(operator)
      .redirects(0)
    response.assertStatus(302)
    const source = await db.from('data_sources').where('code', 'vdeavk').firstOrFail()
    assert.sameMembers(source.allowed_attributes, ['disability.group', 'disability.child'])
    assert.isFalse(source.delivers_persons)
    const audit = await latestAudit('registers.data_source.created')
    assert.equal(audit.subject_id, String(source.id))
    assert.equal(audit.actor_user_id, operator.id)

    const list = await client.get('/operator/registers/sources').loginAs(operator).withInertia()
    list.assertInertiaComponent('operator/registers/sources_index')
    assert.deepEqual(
      list.inertiaProps.sources.map((s: { code: string }) => s.code),
      ['vdeavk']
    )
    const page = await client.get(`/operator/registers/sources/${source.id}`).loginAs(operator)
    page.assertStatus(200)
    assert.include(page.text(), 'id="api-clients"')
  })

  test('a data source with an unknown attribute or a taken code is refused', async ({ client }) => {
    const operator = await makeOperator()
    await makeSource({ code: 'pmlp' })
    const response = await client
      .post('/operator/registers/sources')
      .json({ code: 'pmlp', name: 'X', allowedAttributes: ['residence.country'] })
      .headers(JSON_HEADERS)
      .withCsrfToken()
      .loginAs(operator)
    response.assertStatus(422)
    response.assertBodyContains({
      errors: [{ field: 'code' }, { field: 'allowedAttributes.0' }],
    })
  })

  test('an upload runs as a job and the import page shows its summary', async ({
    client,
    assert,
  }) => {
    const operator = await makeOperator()
    const source = await makeSource()
    const dir = await mkdtemp(join(tmpdir(), 'atvieglo-upload-'))
    try {
      await writeFile(
        join(dir, 'persons.csv'),
        `${PERSONS_HEADER}\n161175-19997,Jānis,Bērziņš,1975-11-16,\n`
      )
      await writeFile(
        join(dir, 'facts.csv'),
        `${FACTS_HEADER}\n161175-19997,disability.group,II,2023-01-01,\n161175-19997,disability.group,IV,2023-01-01,\n`
      )
      const response = await client
        .post(`/operator/registers/sources/${source.id}/imports`)
        .field('mode', 'delta')
        .file('persons', join(dir, 'persons.csv'))
        .file('facts', join(dir, 'facts.csv'))
        .withCsrfToken()
        .loginAs(operator)
        .redirects(0)
      response.assertStatus(302)
      const location = response.header('location')!
      assert.match(location, /^\/operator\/registers\/imports\/\d+$/)
      const uploaded = await db
        .from('register_imports')
        .where('id', Number(location.split('/').pop()))
        .firstOrFail()
      await queue.drain()
      // The clear-text upload is gone once the import has run.
      await assert.rejects(() => stat(uploaded.upload_dir))

      const progress = await client
        .get(`${location}/progress`)
        .loginAs(operator)
        .headers(JSON_HEADERS)
      progress.assertStatus(200)
      progress.assertBodyContains({
        status: 'succeeded',
        accepted: 2,
        rejected: 1,
        hasErrorReport: true,
      })
      assert.notProperty(progress.body(), 'errorReportPath')

      const page = await client.get(location).loginAs(operator).withInertia()
      page.assertInertiaComponent('operator/registers/import_show')
      assert.equal(page.inertiaProps.import.summary.facts.rejected, 1)

      const report = await client.get(`${location}/errors.csv`).loginAs(operator)
      report.assertStatus(200)
      assert.deepEqual(reportRows(report.text()), ['facts,3,value,value_not_allowed'])
      const audit = await latestAudit('registers.import.error_report_downloaded')
      assert.equal(audit.actor_user_id, operator.id)
      assert.exists(await latestAudit('registers.import.started'))
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  test('an upload without files or with a wrong mode is refused', async ({ client }) => {
    const operator = await makeOperator()
    const source = await makeSource()
    const empty = await client
      .post(`/operator/registers/sources/${source.id}/imports`)
      .field('mode', 'delta')
      .headers(JSON_HEADERS)
      .withCsrfToken()
      .loginAs(operator)
    empty.assertStatus(422)
    empty.assertBodyContains({ errors: [{ field: 'persons' }] })
    const mode = await client
      .post(`/operator/registers/sources/${source.id}/imports`)
      .field('mode', 'sometimes')
      .headers(JSON_HEADERS)
      .withCsrfToken()
      .loginAs(operator)
    mode.assertStatus(422)
    const unknown = await client
      .post('/operator/registers/sources/999999/imports')
      .field('mode', 'delta')
      .withCsrfToken()
      .loginAs(operator)
    unknown.assertStatus(404)
  })

  test('someone who is not an operator gets 404 everywhere, the error report included', async ({
    client,
  }) => {
    const operator = await makeOperator()
    const source = await makeSource()
    const [row] = await db
      .table('register_imports')
      .insert({
        data_source_id: source.id,
        mode: 'delta',
        status: 'succeeded',
        origin: 'cli',
        started_at: new Date(),
        error_report_path: '/etc/hostname',
      })
      .returning('id')
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'tenant_admin')
    for (const url of [
      '/operator/registers/sources',
      '/operator/registers/sources/create',
      `/operator/registers/sources/${source.id}`,
      '/operator/registers/imports',
      `/operator/registers/imports/${row.id}`,
      `/operator/registers/imports/${row.id}/progress`,
      `/operator/registers/imports/${row.id}/errors.csv`,
    ]) {
      const response = await client.get(url).loginAs(user)
      response.assertStatus(404)
    }
    const post = await client
      .post(`/operator/registers/sources/${source.id}/imports`)
      .field('mode', 'delta')
      .withCsrfToken()
      .loginAs(user)
    post.assertStatus(404)
    const guest = await client.get(`/operator/registers/imports/${row.id}/errors.csv`).redirects(0)
    guest.assertStatus(302)
    const missing = await client.get('/operator/registers/imports/999999').loginAs(operator)
    missing.assertStatus(404)
  })

  test('walkthrough: register a source, upload a population with bad rows, download the report, re-upload and nothing changes', async ({
    client,
    assert,
  }) => {
    const operator = await makeOperator()
    const createPage = await client
      .get('/operator/registers/sources/create')
      .loginAs(operator)
      .withInertia()
    const created = await client
      .post('/operator/registers/sources')
      .json({
        code: 'pmlp',
        name: 'Fizisko personu reģistrs',
        allowedAttributes: createPage.inertiaProps.attributes.map(
          (attribute: { key: string }) => attribute.key
        ),
        deliversPersons: true,
        deliversIdentifiers: true,
      })
      .withCsrfToken()
      .loginAs(operator)
      .redirects(0)
    created.assertStatus(302)
    const sourceUrl = created.header('location')!

    const dir = await mkdtemp(join(tmpdir(), 'atvieglo-walkthrough-'))
    try {
      const generated = await generatePopulation({
        persons: 2000,
        seed: 'walkthrough',
        outDir: dir,
        badRows: 10,
      })
      const upload = async () => {
        const response = await client
          .post(`${sourceUrl}/imports`)
          .field('mode', 'snapshot')
          .file('persons', join(dir, 'persons.csv'))
          .file('facts', join(dir, 'facts.csv'))
          .file('identifiers', join(dir, 'identifiers.csv'))
          .withCsrfToken()
          .loginAs(operator)
          .redirects(0)
        response.assertStatus(302)
        await queue.drain()
        const page = await client.get(response.header('location')!).loginAs(operator).withInertia()
        return page.inertiaProps.import
      }
      const total = generated.persons + generated.facts + generated.identifiers
      const first = await upload()
      assert.equal(first.status, 'succeeded')
      assert.equal(first.accepted, total)
      assert.equal(first.rejected, 10)
      assert.equal(first.unchanged, 0)

      const report = await client
        .get(`/operator/registers/imports/${first.id}/errors.csv`)
        .loginAs(operator)
      report.assertStatus(200)
      assert.lengthOf(reportRows(report.text()), 10)
      const plantedText = await readFile(join(dir, 'planted_bad_rows.csv'), 'utf8')
      const planted = plantedText.trim().split('\n').slice(1)
      assert.sameMembers(
        reportRows(report.text()).map((row) => row.split(',').slice(0, 2).join(',')),
        planted.map((row) => {
          const [file, line] = row.split(',')
          return `${file.replace('.csv', '')},${line}`
        })
      )
      const logged = await countRows('change_log')

      const second = await upload()
      assert.equal(second.status, 'succeeded')
      assert.equal(second.accepted, 0)
      assert.equal(second.unchanged, total)
      assert.equal(second.rejected, 10)
      assert.equal(await countRows('change_log'), logged)

      const history = await client.get(sourceUrl).loginAs(operator).withInertia()
      assert.deepEqual(
        history.inertiaProps.imports.map((i: { accepted: number }) => i.accepted),
        [0, total]
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
