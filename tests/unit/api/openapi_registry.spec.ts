import { test } from '@japa/runner'
import { DuplicateOpenApiEntryError, OpenApiRegistry } from '#platform/api/openapi/registry'

const info = { title: 'T', version: '1', description: 'd' }

test.group('OpenAPI registry', () => {
  test('merges the fragments of several contexts into one document', ({ assert }) => {
    const registry = new OpenApiRegistry(info)
      .add('platform', {
        paths: { '/me': { get: { operationId: 'getMe' } } },
        schemas: { Error: { type: 'object' } },
      })
      .add('catalogue', {
        paths: {
          '/benefits': { get: { operationId: 'listBenefits' } },
          '/me': { post: { operationId: 'postMe' } },
        },
        schemas: { Benefit: { type: 'object' } },
        tags: [{ name: 'Catalogue' }],
      })
    const doc = registry.document() as any
    assert.deepEqual(Object.keys(doc.paths), ['/benefits', '/me'])
    assert.deepEqual(Object.keys(doc.paths['/me']), ['get', 'post'])
    assert.properties(doc.components.schemas, ['Error', 'Benefit'])
    assert.deepEqual(doc.tags, [{ name: 'Catalogue' }])
  })

  test('refuses a second description of the same operation or schema', ({ assert }) => {
    const registry = new OpenApiRegistry(info).add('registers', {
      paths: { '/registers/{source}/changes': { post: {} } },
      schemas: { Change: {} },
    })
    assert.throws(
      () => registry.add('welfare', { paths: { '/registers/{source}/changes': { post: {} } } }),
      DuplicateOpenApiEntryError
    )
    assert.throws(() => registry.add('welfare', { schemas: { Change: {} } }), /registers/)
  })
})
