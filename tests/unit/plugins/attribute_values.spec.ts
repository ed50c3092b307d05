import { test } from '@japa/runner'
import { attributeValueError } from '#platform/plugins/attribute_values'

const labels = { lv: 'x', en: 'x' }

test.group('Attribute values', () => {
  test('an enum accepts only its declared values', ({ assert }) => {
    const attribute = {
      key: 'disability.group',
      type: 'enum' as const,
      values: ['I', 'II', 'III'],
      labels,
    }
    assert.isNull(attributeValueError(attribute, 'II'))
    assert.equal(attributeValueError(attribute, 'IV'), 'must be one of I, II, III')
  })

  test('an integer respects its bounds', ({ assert }) => {
    const attribute = { key: 'education.grade', type: 'integer' as const, min: 1, max: 12, labels }
    assert.isNull(attributeValueError(attribute, '12'))
    assert.equal(attributeValueError(attribute, '13'), 'must be at most 12')
    assert.equal(attributeValueError(attribute, '0'), 'must be at least 1')
    assert.equal(attributeValueError(attribute, '1.5'), 'must be a whole number')
  })

  test('booleans, dates and strings are checked', ({ assert }) => {
    assert.isNull(attributeValueError({ key: 'a.b', type: 'boolean', labels }, 'true'))
    assert.isNotNull(attributeValueError({ key: 'a.b', type: 'boolean', labels }, 'yes'))
    assert.isNull(attributeValueError({ key: 'a.b', type: 'date', labels }, '2024-02-29'))
    assert.isNotNull(attributeValueError({ key: 'a.b', type: 'date', labels }, '2023-02-29'))
    assert.isNotNull(attributeValueError({ key: 'a.b', type: 'string', labels }, ' '))
  })
})
