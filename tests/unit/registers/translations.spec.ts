import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import type { RejectReason } from '#registers/import/row_validator'

const REASONS: RejectReason[] = [
  'header',
  'non_utf8',
  'unbalanced_quotes',
  'column_count',
  'required',
  'too_long',
  'personal_code_format',
  'bad_check_digit',
  'impossible_date',
  'invalid_date',
  'birth_date_mismatch',
  'period_order',
  'unknown_attribute',
  'value_not_allowed',
  'unknown_municipality',
  'identifier_type',
  'identifier_status',
  'duplicate_row',
  'previous_code_same',
  'file_not_allowed',
  'attribute_not_allowed',
  'unknown_person',
  'conflicting_row',
  'code_replaced',
]

function lookup(tree: any, path: string): unknown {
  return path.split('.').reduce((node, key) => (node === undefined ? undefined : node[key]), tree)
}

test.group('Registers translations', () => {
  test('label every reject reason in {$self}')
    .with(['lv', 'en'])
    .run(async ({ assert }, locale) => {
      const tree = JSON.parse(
        await readFile(
          new URL(`../../../resources/lang/${locale}/registers.json`, import.meta.url),
          'utf8'
        )
      )
      for (const reason of REASONS)
        assert.isString(lookup(tree, `import.reasons.${reason}`), reason)
    })
})
