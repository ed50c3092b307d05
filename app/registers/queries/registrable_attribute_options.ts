import { registries } from '#platform/plugins/registry'
import { registrableAttributes } from '#registers/import/import_catalogue'

/** The attributes a data source may be registered for, labelled as their declaration labels them. */
export function registrableAttributeOptions(locale: string) {
  const lang = locale === 'en' ? 'en' : 'lv'
  return registrableAttributes().map((key) => ({
    key,
    label: registries.attributes.get(key)!.labels[lang],
  }))
}
