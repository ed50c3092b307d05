import { registries } from '#platform/plugins/registry'
import { defaultAttributeCatalogue, type AttributeCatalogue } from '#registers/attribute_catalogue'

/**
 * The catalogue imports validate against: the registers' own catalogue (which knows the
 * precise checks, e.g. dated municipalities) plus every attribute a plugin declared in the
 * attribute registry that the registers' catalogue does not know yet, mapped to the closest
 * check.
 */
export function importCatalogue(): AttributeCatalogue {
  const catalogue = defaultAttributeCatalogue()
  for (const definition of registries.attributes.all()) {
    if (catalogue.has(definition.key)) continue
    const declaredBy = definition.owner
    switch (definition.type) {
      case 'enum':
        catalogue.add({
          key: definition.key,
          type: 'enum',
          values: definition.values ?? [],
          declaredBy,
        })
        break
      case 'boolean':
        catalogue.add({ key: definition.key, type: 'flag', declaredBy })
        break
      case 'integer':
        catalogue.add({
          key: definition.key,
          type: 'integer',
          min: definition.min,
          max: definition.max,
          declaredBy,
        })
        break
      default:
        catalogue.add({ key: definition.key, type: 'text', maxLength: 200, declaredBy })
    }
  }
  return catalogue
}

/** Attribute keys a data source may be registered for, sorted. */
export function registrableAttributes(): string[] {
  return importCatalogue().keys().sort()
}
