import { readFileSync } from 'node:fs'
import type { Labels, Locale } from '#platform/plugins/define_plugin'
import type { RuleType } from './types.js'

/*
 * Rule errors are checked outside of a request (at save time, from the API,
 * from the command line), so they carry both languages. The texts live in
 * resources/lang/{lv,en}/rules.json like every other translation.
 */

type Messages = { [key: string]: string | Messages }

const LOCALES: Locale[] = ['lv', 'en']
let loaded: Record<Locale, Messages> | undefined

function catalogue() {
  if (!loaded) {
    loaded = {} as Record<Locale, Messages>
    for (const locale of LOCALES) {
      const file = new URL(`../../resources/lang/${locale}/rules.json`, import.meta.url)
      loaded[locale] = JSON.parse(readFileSync(file, 'utf8'))
    }
  }
  return loaded
}

function lookup(messages: Messages, key: string): string {
  let node: string | Messages | undefined = messages
  for (const part of key.split('.')) {
    node = typeof node === 'object' ? node[part] : undefined
  }
  return typeof node === 'string' ? node : key
}

export type MessageParam = string | number | Labels

/** The text of `rules.<key>` in both languages, with `{name}` placeholders filled. */
export function rulesMessage(key: string, params: Record<string, MessageParam> = {}): Labels {
  const texts = catalogue()
  const result = {} as Labels
  for (const locale of LOCALES) {
    result[locale] = lookup(texts[locale], key).replace(/\{(\w+)\}/g, (whole, name: string) => {
      const param = params[name]
      if (param === undefined) return whole
      return typeof param === 'object' ? param[locale] : String(param)
    })
  }
  return result
}

/** A type's name for people, in both languages. */
export function typeLabel(type: RuleType): Labels {
  return rulesMessage(`types.${type.kind}`)
}
