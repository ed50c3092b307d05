import { test } from '@japa/runner'
import { checkRule } from '#eligibility/rule_language/check_rule'
import { fromApi, toApi } from '#catalogue/controllers/api/api_context'

const env = {
  attributes: [
    { key: 'disability.group' },
    { key: 'status.orphan' },
    { key: 'residence.municipality' },
  ],
  groups: ['riga_pupils'],
  identifierTypes: ['etalons'],
}

test.group('Rule checker (syntax and names)', () => {
  test('accepts the surface syntax of the rule language', ({ assert }) => {
    for (const rule of [
      'age >= 65 && municipality == "Rīga"',
      'fact("disability.group") in ["I", "II"]',
      'holds("status.orphan") && age < 24',
      'in_group("riga_pupils") || has_identifier("etalons")',
      '["I", "II"].exists(g, fact("disability.group") == g)',
    ]) {
      const result = checkRule(rule, env)
      assert.isTrue(result.ok, `${rule}: ${result.ok ? '' : JSON.stringify(result.errors)}`)
    }
  })

  test('reports a syntax error with its line and column', ({ assert }) => {
    const result = checkRule('age >= 65 &&\n  municipality ==', env)
    assert.isFalse(result.ok)
    if (!result.ok) {
      assert.equal(result.errors[0].code, 'syntax')
      assert.equal(result.errors[0].line, 2)
      assert.isAbove(result.errors[0].column, 1)
      assert.isString(result.errors[0].message.lv)
    }
  })

  test('reports unknown names, attributes, groups and identifier types where they are', ({
    assert,
  }) => {
    const result = checkRule(
      'agge >= 65 ||\nfact("disability.grop") == "I" || in_group("x") || has_identifier("card")',
      env
    )
    assert.isFalse(result.ok)
    if (!result.ok) {
      assert.deepEqual(
        result.errors.map((e) => [e.code, e.line, e.column]),
        [
          ['unknown_identifier', 1, 1],
          ['unknown_attribute', 2, 6],
          ['unknown_group', 2, 44],
          ['unknown_identifier_type', 2, 67],
        ]
      )
    }
  })
})

test.group('Catalogue API payloads', () => {
  test('snake_case in, camelCase to the validators, and back; plugin field keys untouched', ({
    assert,
  }) => {
    const body = {
      name_lv: 'A',
      scenarios: [{ persons: [{ birth_date: '2000-01-01' }] }],
      extra: { 'loyalty.terms_url': 'x' },
    }
    const inner = fromApi(body)
    assert.deepEqual(inner, {
      nameLv: 'A',
      scenarios: [{ persons: [{ birthDate: '2000-01-01' }] }],
      extra: { 'loyalty.terms_url': 'x' },
    })
    assert.deepEqual(toApi(inner), body)
  })
})
