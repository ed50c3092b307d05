import type {
  AttributeDefinition,
  BenefitFieldDefinition,
  ConnectorDefinition,
  NavigationItem,
  PermissionDefinition,
  ReportDefinition,
  RuleFunctionDefinition,
  StatementDefinition,
} from '#platform/plugins/define_plugin'

/** The owner of core contributions. */
export const CORE_OWNER = 'core'

export class DuplicateRegistrationError extends Error {
  constructor(registry: string, key: string, owner: string, existingOwner: string) {
    super(
      `${registry} "${key}" is already registered by ${existingOwner}; ${owner} cannot register it again`
    )
    this.name = 'DuplicateRegistrationError'
  }
}

export class FrozenRegistryError extends Error {
  constructor(registry: string, key: string) {
    super(`${registry} registry is frozen after boot; cannot add "${key}"`)
    this.name = 'FrozenRegistryError'
  }
}

export type Registered<T> = T & { owner: string }

/**
 * A named extension point: plugins add entries during boot, then the
 * registry is frozen and only read. Keys are unique across core and all
 * plugins, so two plugins can never silently overwrite each other.
 */
export class Registry<T> {
  #entries = new Map<string, Registered<T>>()
  #frozen = false

  constructor(readonly name: string) {}

  add(key: string, entry: T, owner: string) {
    if (this.#frozen) throw new FrozenRegistryError(this.name, key)
    const existing = this.#entries.get(key)
    if (existing) throw new DuplicateRegistrationError(this.name, key, owner, existing.owner)
    this.#entries.set(key, { ...entry, owner })
    return this
  }

  get(key: string) {
    return this.#entries.get(key)
  }

  has(key: string) {
    return this.#entries.has(key)
  }

  all() {
    return [...this.#entries.values()]
  }

  ownedBy(owner: string) {
    return this.all().filter((entry) => entry.owner === owner)
  }

  freeze() {
    this.#frozen = true
    return this
  }

  get isFrozen() {
    return this.#frozen
  }
}

/** Attributes core itself declares (docs/contracts.md, "Attribute catalogue"). */
export const coreAttributes: AttributeDefinition[] = [
  {
    key: 'residence.municipality',
    type: 'string',
    format: 'municipality',
    labels: { lv: 'Deklarētā dzīvesvieta (pašvaldība)', en: 'Declared residence (municipality)' },
    description: {
      lv: 'Oficiālais pašvaldības nosaukums no datētā pašvaldību saraksta, piemēram, “Rīga”.',
      en: 'Official municipality name from the dated municipality list, e.g. “Rīga”.',
    },
  },
]

export function createRegistries() {
  const registries = {
    attributes: new Registry<AttributeDefinition>('Attribute'),
    navigation: new Registry<NavigationItem>('Navigation item'),
    permissions: new Registry<PermissionDefinition>('Permission'),
    benefitFields: new Registry<BenefitFieldDefinition>('Benefit field'),
    ruleFunctions: new Registry<RuleFunctionDefinition>('Rule function'),
    reports: new Registry<ReportDefinition>('Report'),
    statements: new Registry<StatementDefinition>('Statement'),
    connectors: new Registry<ConnectorDefinition>('Connector'),
  }
  for (const attribute of coreAttributes) {
    registries.attributes.add(attribute.key, attribute, CORE_OWNER)
  }
  return registries
}

export type Registries = ReturnType<typeof createRegistries>

export function freezeRegistries(registries: Registries) {
  for (const registry of Object.values(registries)) registry.freeze()
}

/** The application's registries, filled by the plugin loader at boot. */
export const registries: Registries = createRegistries()
