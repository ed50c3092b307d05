import type { AttributeDefinition } from '#platform/plugins/define_plugin'
import { registries, type Registered } from '#platform/plugins/registry'
import { AttributeCatalogue, type CatalogueAttribute } from '#registers/attribute_catalogue'

/**
 * The catalogue imports validate against: every attribute of the attribute registry (core's
 * and the enabled plugins'), with the checks its declaration carries.
 */
export function importCatalogue(
  attributes: readonly Registered<AttributeDefinition>[] = registries.attributes.all()
): AttributeCatalogue {
  return new AttributeCatalogue(attributes.map(catalogueAttribute))
}

/** Attribute keys a data source may be registered for, sorted. */
export function registrableAttributes(): string[] {
  return importCatalogue().keys().sort()
}

function catalogueAttribute(definition: Registered<AttributeDefinition>): CatalogueAttribute {
  const { key, type, owner, values, min, max, format, maxLength, pattern } = definition
  return {
    key,
    type,
    owner,
    values,
    min,
    max,
    format,
    maxLength,
    pattern,
  }
}

let shared: AttributeCatalogue | undefined

/** The import catalogue, built once per process (the registry is complete after boot). */
export function sharedImportCatalogue(): AttributeCatalogue {
  shared ??= importCatalogue()
  return shared
}
