/*
|--------------------------------------------------------------------------
| Plugin manifest
|--------------------------------------------------------------------------
|
| plugins/<id>/plugin.ts default-exports definePlugin({ … }); the contract
| is docs/architecture.md, "Plugins". The manifest stays import-light:
| static parts (id, version, attributes, navigation, permissions…) are
| plain data, and everything heavy (controllers, providers, connectors,
| report builders) is a lazy import, so config files and tools can read a
| manifest without booting the app.
|
*/
import type { Router } from '@adonisjs/core/http'
import type { ApplicationService } from '@adonisjs/core/types'
import type { SchemaTypes } from '@vinejs/vine/types'
import type { Role } from '#platform/access/roles'

/** Lowercase letters and digits, words joined by single dashes: `education`, `social-care`. */
export const PLUGIN_ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/

export type Locale = 'lv' | 'en'
/** Text in both supported languages, for data read outside a request (catalogues, CSV tools). */
export type Labels = Record<Locale, string>

type LazyModule<T> = () => Promise<{ default: T }>

export const ATTRIBUTE_TYPES = ['enum', 'boolean', 'string', 'integer', 'date'] as const
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number]

/**
 * What a `string` value must be beyond its pattern: `municipality` an official municipality
 * name from the dated list, valid over the fact's whole period; `registration_number` a valid
 * 11-digit registration number (check digit included).
 */
export const STRING_FORMATS = ['municipality', 'registration_number'] as const
export type StringFormat = (typeof STRING_FORMATS)[number]

/** A register attribute (docs/contracts.md, "Attribute catalogue"): a namespaced fact. */
export interface AttributeDefinition {
  /** Namespaced key, e.g. `disability.group`. */
  key: string
  type: AttributeType
  labels: Labels
  /** Allowed values of an `enum` attribute. */
  values?: readonly string[]
  /** Labels of enum values, when the raw value is not self-explanatory. */
  valueLabels?: Record<string, Labels>
  /** Bounds of an `integer` attribute. */
  min?: number
  max?: number
  /** Pattern a `string` attribute must match. */
  pattern?: RegExp
  /** Value format of a `string` attribute. */
  format?: StringFormat
  /** Longest value of a `string` attribute (register imports default to 200). */
  maxLength?: number
  description?: Labels
}

export interface NavigationItem {
  /** Translation key of the menu label. */
  label: string
  /** Full route name, `<id>.…`. */
  route: string
  /** Permission needed to see the item. */
  permission?: string
}

export interface PermissionDefinition {
  /** `<id>.<resource>.<action>` */
  key: string
  /** Translation key describing the permission. */
  label: string
  /** Roles that hold the permission inside a tenant that enabled the plugin. */
  roles: readonly Role[]
}

/** An extra field of the unified benefit form, validated with VineJS. */
export interface BenefitFieldDefinition {
  key: string
  label: string
  input: 'text' | 'number' | 'checkbox' | 'select' | 'date'
  options?: readonly string[]
  schema: SchemaTypes
}

/** A function the eligibility rules may call, e.g. `education.is_pupil(person)`. */
export interface RuleFunctionDefinition {
  key: string
  description: Labels
  params: readonly AttributeType[]
  returns: AttributeType
  implementation: (...args: any[]) => unknown
}

export interface ReportDefinition {
  key: string
  label: string
  handler: LazyModule<unknown>
}

/** A PDF statement built with pdfkit. */
export interface StatementDefinition {
  key: string
  label: string
  builder: LazyModule<unknown>
}

/** A connection to an outside system (a register, a card issuer…). */
export interface ConnectorDefinition {
  key: string
  label: string
  handler: LazyModule<unknown>
}

/** Lifecycle hooks of a plugin, same shape as an AdonisJS provider. */
export interface PluginProvider {
  register?(): void | Promise<void>
  boot?(): void | Promise<void>
  start?(): void | Promise<void>
  ready?(): void | Promise<void>
  shutdown?(): void | Promise<void>
}
export type PluginProviderClass = new (app: ApplicationService) => PluginProvider

export interface PluginManifest {
  /** Also the prefix of the plugin's routes, route names, tables, permissions and translations. */
  id: string
  version: string
  name: Labels
  description?: Labels
  /** Semver range of core versions (package.json "version") the plugin works with. */
  coreRange: string
  /** Other plugins this one needs, with their version ranges: `{ welfare: '^1.0.0' }`. */
  dependsOn?: Record<string, string>
  provider?: LazyModule<PluginProviderClass>
  /** Registered inside a group mounted at `/<id>`, names prefixed `<id>.`. */
  routes?: (router: Router) => void
  /** Folders relative to the plugin folder. */
  database?: { migrations?: string[]; seeders?: string[] }
  attributes?: AttributeDefinition[]
  connectors?: ConnectorDefinition[]
  benefitFields?: BenefitFieldDefinition[]
  ruleFunctions?: RuleFunctionDefinition[]
  reports?: ReportDefinition[]
  statements?: StatementDefinition[]
  permissions?: PermissionDefinition[]
  navigation?: NavigationItem[]
  /** Translations folder relative to the plugin folder (default `resources/lang`), file `<id>.json`. */
  i18n?: { path?: string }
  /** Inertia pages under ui/pages, rendered as `plugins/<id>/<name>`. */
  pages?: string[]
  /**
   * Core's page of the plugin's register attributes, at `/<id>` (route `<id>.index`), for the
   * roles holding `permission` (one of the plugin's own). Its heading and lead are the
   * translations `<id>.title` and `<id>.lead`.
   */
  attributesPage?: { permission: string }
  /** Per-tenant settings, validated when the plugin is enabled for a tenant. */
  settings?: SchemaTypes
}

export function definePlugin<const T extends PluginManifest>(manifest: T): T {
  return manifest
}
