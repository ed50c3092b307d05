import { test } from '@japa/runner'
import { checkRule, compileRule, type RuleFunctionDefinition } from '#eligibility/main'
import { context, person } from '#tests/unit/eligibility/fixtures'

function errorsOf(source: string, ctx = context) {
  const result = checkRule(source, ctx)
  if (result.ok) throw new Error(`expected "${source}" to fail`)
  return result.errors
}

function only(source: string) {
  const errors = errorsOf(source)
  if (errors.length !== 1) throw new Error(`expected one error, got ${JSON.stringify(errors)}`)
  return errors[0]
}

test.group('Rule checker: errors', () => {
  test('a typo in a name points at it and suggests the right one', ({ assert }) => {
    const error = only('agee >= 65')
    assert.include(error, { line: 1, column: 1, code: 'unknown_name' })
    assert.equal(error.message.en, 'Unknown name “agee”. Did you mean “age”?')
    assert.equal(error.message.lv, 'Nezināms nosaukums “agee”. Vai domājāt “age”?')
  })

  test('an unknown attribute on a later line points at the attribute name', ({ assert }) => {
    const error = only('age >= 65 &&\n  fact("disability.grup") == "I"')
    assert.include(error, { line: 2, column: 8, code: 'unknown_attribute' })
    assert.include(error.message.en, 'Did you mean “disability.group”?')
  })

  test('an attribute written without fact() suggests fact()', ({ assert }) => {
    const error = only('disability.group == "I"')
    assert.include(error, { line: 1, column: 1, code: 'unknown_name' })
    assert.include(error.message.en, '“fact("disability.group")”')
  })

  test('comparing age with text is a type error at the text', ({ assert }) => {
    const error = only('age >= "65"')
    assert.include(error, { line: 1, column: 8, code: 'type_mismatch' })
    assert.equal(error.message.en, 'Expected a whole number here, but this is text.')
  })

  test('a value an enum attribute does not allow is refused', ({ assert }) => {
    const error = only('fact("disability.group") == "IV"')
    assert.include(error, { line: 1, column: 29, code: 'value_not_allowed' })
    assert.include(error.message.en, 'Allowed: "I", "II", "III"')
    assert.include(only('fact("disability.group") in ["I", "V"]'), {
      column: 35,
      code: 'value_not_allowed',
    })
  })

  test('a number outside an attribute range is refused', ({ assert }) => {
    assert.include(only('fact("education.grade") == 13'), {
      column: 28,
      code: 'value_out_of_range',
    })
  })

  test('an unknown person group is refused with a suggestion', ({ assert }) => {
    const error = only('age < 20 && in_group("riga_pupil")')
    assert.include(error, { line: 1, column: 22, code: 'unknown_group' })
    assert.include(error.message.en, 'Did you mean “riga_pupils”?')
  })

  test('an unknown identifier type is refused', ({ assert }) => {
    assert.include(only('has_identifier("passport")'), {
      column: 16,
      code: 'unknown_identifier_type',
    })
  })

  test('a function called with the wrong number of arguments is refused', ({ assert }) => {
    const error = only('age > 1 && holds("status.orphan", 1)')
    assert.include(error, { line: 1, column: 12, code: 'wrong_arity' })
    assert.equal(error.message.en, '“holds” takes 1 argument(s), but 2 were given.')
  })

  test('an unknown function is refused where it is called', ({ assert }) => {
    const error = only('age >= 65 &&\n  municipality == "Rīga" &&\n  is_senior(1)')
    assert.include(error, { line: 3, column: 3, code: 'unknown_function' })
  })

  test('a rule that does not answer yes or no is refused', ({ assert }) => {
    const error = only('fact("education.grade")')
    assert.include(error, { line: 1, column: 1, code: 'non_boolean_result' })
    assert.include(error.message.en, 'a whole number')
  })

  test('names in built-in functions must be fixed text', ({ assert }) => {
    assert.include(only('fact(municipality) == "x"'), { column: 6, code: 'literal_required' })
  })

  test('ordering text is refused', ({ assert }) => {
    assert.include(only('municipality < "M"'), { column: 14, code: 'not_comparable' })
  })

  test('arithmetic, macros, maps and decimals are refused as unsupported', ({ assert }) => {
    for (const source of [
      'age + 1 > 3',
      '[1, 2].exists(x, x > 1)',
      '{"a": 1} == {"a": 1}',
      'age > 6.5',
    ]) {
      assert.equal(errorsOf(source)[0].code, 'unsupported_expression', source)
    }
  })

  test('syntax errors are reported where the mistake is', ({ assert }) => {
    assert.include(only('municipality == "Rīga'), {
      line: 1,
      column: 17,
      code: 'unterminated_string',
    })
    assert.include(only('age >= 65 && (holds("status.orphan")'), {
      column: 14,
      code: 'unclosed_bracket',
    })
    assert.include(only('age >= 65 &&\n  '), { line: 1, column: 13, code: 'unexpected_end' })
    assert.include(only('age >= 65 ; true'), { column: 11, code: 'unexpected_character' })
    assert.include(only('age >= 65 holds("status.orphan")'), { column: 11, code: 'syntax_error' })
    assert.include(only('   '), { code: 'empty_rule' })
  })

  test('columns count characters, not bytes', ({ assert }) => {
    assert.include(only('municipality == "Ķekava" && agee > 1'), { column: 29 })
  })

  test('every error found is reported, in order', ({ assert }) => {
    const errors = errorsOf('agee >= 65 && in_group("nope") && fact("x.y") == 1')
    assert.deepEqual(
      errors.map((error) => [error.column, error.code]),
      [
        [1, 'unknown_name'],
        [24, 'unknown_group'],
        [40, 'unknown_attribute'],
      ]
    )
  })
})

test.group('Rule checker: accepted rules', () => {
  test('the examples of the language check and list what they read', ({ assert }) => {
    const examples = [
      'age >= 65 && municipality == "Rīga"',
      'fact("disability.group") in ["I", "II"]',
      'holds("status.orphan") && age < 24',
      'in_group("riga_pupils")',
      'has_identifier("etalons")',
      'fact("education.grade") >= 1 && fact("education.grade") <= 4',
      'fact("employment.since") <= date("2020-01-01")',
      'holds("disability.child") ? age < 18 : fact("disability.group") == "I"',
      '// seniors\nage >= 65',
    ]
    for (const source of examples) assert.isTrue(checkRule(source, context).ok, source)
    const result = checkRule(
      'age >= 65 && municipality == "Rīga" && in_group("riga_pupils") || has_identifier("eid")',
      context
    )
    assert.isTrue(result.ok)
    if (result.ok) {
      assert.deepEqual(result.references, {
        attributes: ['residence.municipality'],
        groups: ['riga_pupils'],
        identifiers: ['eid'],
        functions: [],
      })
    }
  })

  test('plugin functions are callable with their declared types', ({ assert }) => {
    const isPupilAt: RuleFunctionDefinition = {
      key: 'education.is_pupil_at',
      description: { lv: 'Skolēns skolā', en: 'Pupil at a school' },
      params: ['string'],
      returns: 'boolean',
      implementation: (school: unknown, ctx: { person: { facts: Map<string, unknown> } }) =>
        school === '4012900001' && ctx.person.facts.has('education.school'),
    }
    const ctx = { ...context, functions: [isPupilAt] }
    const result = checkRule('education.is_pupil_at("4012900001") && age < 20', ctx)
    assert.isTrue(result.ok)
    assert.include(errorsOf('education.is_pupil_at(1)', ctx)[0], { code: 'type_mismatch' })
    assert.include(errorsOf('education.is_pupil_at()', ctx)[0], { code: 'wrong_arity' })
    if (!result.ok) return
    const compiled = compileRule(result)
    const pupil = person({
      birthDate: '2012-01-01',
      facts: [{ attribute: 'education.school', value: '4012900001' }],
    })
    assert.isTrue(compiled.evaluate(pupil, '2026-01-01'))
    assert.isFalse(compiled.evaluate(person({ birthDate: '2012-01-01' }), '2026-01-01'))
  })
})

test.group('Rule checker: injection safety', () => {
  test('text that looks like code is only ever data', ({ assert }) => {
    const payload = '"); process.exit(1); ("'
    const result = checkRule(`municipality == ${JSON.stringify(payload)}`, context)
    assert.isTrue(result.ok)
    if (!result.ok) return
    const compiled = compileRule(result)
    assert.notInclude(compiled.code, 'process')
    assert.notInclude(compiled.code, 'Rīga')
    const resident = person({ facts: [{ attribute: 'residence.municipality', value: payload }] })
    assert.isTrue(compiled.evaluate(resident, '2026-01-01'))
    assert.isFalse(compiled.evaluate(person({}), '2026-01-01'))
  })

  test('prototype names are unknown attributes, groups and functions', ({ assert }) => {
    assert.equal(errorsOf('holds("__proto__")')[0].code, 'unknown_attribute')
    assert.equal(errorsOf('fact("constructor") == "x"')[0].code, 'unknown_attribute')
    assert.equal(errorsOf('in_group("__proto__")')[0].code, 'unknown_group')
    assert.equal(errorsOf('has_identifier("toString")')[0].code, 'unknown_identifier_type')
    assert.equal(errorsOf('constructor("x")')[0].code, 'unknown_function')
    assert.equal(errorsOf('__proto__')[0].code, 'unknown_name')
  })

  test('a __proto__ value compared as text stays text', ({ assert }) => {
    const result = checkRule(
      'municipality == "__proto__" || municipality != "constructor"',
      context
    )
    assert.isTrue(result.ok)
    if (!result.ok) return
    const compiled = compileRule(result)
    const resident = person({
      facts: [{ attribute: 'residence.municipality', value: '__proto__' }],
    })
    assert.isTrue(compiled.evaluate(resident, '2026-01-01'))
  })

  test('overlong and deeply nested rules are refused', ({ assert }) => {
    assert.equal(errorsOf(`age > 1 || ${'true || '.repeat(2000)}true`)[0].code, 'rule_too_long')
    const nested = `${'(true && '.repeat(150)}true${')'.repeat(150)}`
    assert.equal(errorsOf(nested)[0].code, 'too_deeply_nested')
  })
})
