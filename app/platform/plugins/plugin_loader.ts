import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import semver from 'semver'
import type { Router } from '@adonisjs/core/http'
import type { MiddlewareFn, ParsedNamedMiddleware } from '@adonisjs/core/types/http'
import {
  ATTRIBUTE_TYPES,
  PLUGIN_ID_PATTERN,
  STRING_FORMATS,
  type PluginManifest,
} from '#platform/plugins/define_plugin'
import type { Registries } from '#platform/plugins/registry'
import { mountAttributesPage } from '#platform/plugins/attributes_page'

export class PluginLoadError extends Error {
  constructor(pluginId: string, reason: string) {
    super(`Plugin "${pluginId}" cannot be loaded: ${reason}`)
    this.name = 'PluginLoadError'
  }
}

export interface LoadedPlugin {
  manifest: PluginManifest
  /** The plugin folder relative to the app root, e.g. `plugins/education`. */
  directory: string
}

export type ManifestImporter = (id: string) => Promise<{ default: PluginManifest }>

const importFromPluginsFolder: ManifestImporter = (id) => import(`#plugins/${id}/plugin`)

export interface LoadPluginsOptions {
  /** The ids listed in config/plugins.ts, nothing else is ever loaded. */
  ids: readonly string[]
  /** Core's own version (package.json "version"). */
  coreVersion: string
  registries: Registries
  importManifest?: ManifestImporter
  /** When given, the plugin's pages and lv/en translation files are checked on disk. */
  appRoot?: string
  /**
   * The Vite manifest of the built assets (absolute path). A production build
   * carries no .vue sources: a page counts as present when the manifest lists it.
   */
  viteManifest?: string
}

/**
 * Imports each enabled plugin's manifest, checks it against core and its
 * dependencies, and fills the registries (dependencies first). Any problem
 * stops the boot with a message naming the plugin: a half-loaded plugin
 * would fail later in a far less obvious place.
 */
export async function loadPlugins(options: LoadPluginsOptions): Promise<LoadedPlugin[]> {
  const importManifest = options.importManifest ?? importFromPluginsFolder
  const manifests = new Map<string, PluginManifest>()

  for (const id of options.ids) {
    if (!PLUGIN_ID_PATTERN.test(id)) throw new PluginLoadError(id, 'invalid plugin id')
    if (manifests.has(id)) throw new PluginLoadError(id, 'listed twice in config/plugins.ts')
    const { default: manifest } = await importManifest(id)
    if (manifest?.id !== id) {
      throw new PluginLoadError(id, `its manifest declares id "${manifest?.id}"`)
    }
    manifests.set(id, manifest)
  }

  let builtPages: Set<string> | undefined
  for (const manifest of manifests.values()) {
    checkVersions(manifest, options.coreVersion)
    checkDependencies(manifest, manifests)
    checkContributions(manifest)
    if (options.appRoot) {
      builtPages ??= readBuiltSources(options.viteManifest)
      checkFiles(manifest, options.appRoot, builtPages)
    }
  }

  const ordered = dependencyOrder(manifests)
  for (const manifest of ordered) register(manifest, options.registries)
  return ordered.map((manifest) => ({ manifest, directory: `plugins/${manifest.id}` }))
}

function checkVersions(manifest: PluginManifest, coreVersion: string) {
  if (!semver.valid(manifest.version)) {
    throw new PluginLoadError(manifest.id, `version "${manifest.version}" is not semver`)
  }
  if (!semver.validRange(manifest.coreRange)) {
    throw new PluginLoadError(
      manifest.id,
      `coreRange "${manifest.coreRange}" is not a semver range`
    )
  }
  if (!semver.satisfies(coreVersion, manifest.coreRange, { includePrerelease: true })) {
    throw new PluginLoadError(
      manifest.id,
      `it supports core ${manifest.coreRange}, this is core ${coreVersion}`
    )
  }
}

function checkDependencies(manifest: PluginManifest, manifests: Map<string, PluginManifest>) {
  for (const [dependencyId, range] of Object.entries(manifest.dependsOn ?? {})) {
    const dependency = manifests.get(dependencyId)
    if (!dependency) {
      throw new PluginLoadError(
        manifest.id,
        `it depends on plugin "${dependencyId}", which is not enabled in config/plugins.ts`
      )
    }
    if (!semver.satisfies(dependency.version, range, { includePrerelease: true })) {
      throw new PluginLoadError(
        manifest.id,
        `it needs ${dependencyId} ${range}, the installed ${dependencyId} is ${dependency.version}`
      )
    }
  }
}

function checkContributions(manifest: PluginManifest) {
  const prefix = `${manifest.id}.`
  const owned: [string, { key?: string; route?: string }[] | undefined, 'key' | 'route'][] = [
    ['permission', manifest.permissions, 'key'],
    ['navigation route', manifest.navigation, 'route'],
    ['benefit field', manifest.benefitFields, 'key'],
    ['rule function', manifest.ruleFunctions, 'key'],
    ['report', manifest.reports, 'key'],
    ['statement', manifest.statements, 'key'],
    ['connector', manifest.connectors, 'key'],
  ]
  const pagePermission = manifest.attributesPage?.permission
  if (
    pagePermission !== undefined &&
    !manifest.permissions?.some((p) => p.key === pagePermission)
  ) {
    throw new PluginLoadError(
      manifest.id,
      `its attributes page needs permission "${pagePermission}", which it does not declare`
    )
  }
  for (const [what, entries, field] of owned) {
    for (const entry of entries ?? []) {
      if (!entry[field]?.startsWith(prefix)) {
        throw new PluginLoadError(
          manifest.id,
          `${what} "${entry[field]}" must start with "${prefix}"`
        )
      }
    }
  }

  // Attributes are namespaced by domain, not by plugin id (docs/contracts.md, "Attribute
  // catalogue").
  for (const attribute of manifest.attributes ?? []) {
    if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/.test(attribute.key)) {
      throw new PluginLoadError(manifest.id, `attribute key "${attribute.key}" is not namespaced`)
    }
    if (!ATTRIBUTE_TYPES.includes(attribute.type)) {
      throw new PluginLoadError(manifest.id, `attribute "${attribute.key}" has an unknown type`)
    }
    if (attribute.type === 'enum' && !attribute.values?.length) {
      throw new PluginLoadError(manifest.id, `enum attribute "${attribute.key}" lists no values`)
    }
    const stringOnly = attribute.format ?? attribute.maxLength ?? attribute.pattern
    if (attribute.type !== 'string' && stringOnly !== undefined) {
      throw new PluginLoadError(
        manifest.id,
        `attribute "${attribute.key}" is not a string but declares a format, maxLength or pattern`
      )
    }
    if (attribute.format !== undefined && !STRING_FORMATS.includes(attribute.format)) {
      throw new PluginLoadError(manifest.id, `attribute "${attribute.key}" has an unknown format`)
    }
  }
}

/** Source paths (`plugins/<id>/ui/pages/<page>.vue`, …) the Vite build bundled. */
function readBuiltSources(viteManifest: string | undefined): Set<string> {
  if (!viteManifest || !existsSync(viteManifest)) return new Set()
  const entries = JSON.parse(readFileSync(viteManifest, 'utf8')) as Record<string, { src?: string }>
  return new Set(Object.entries(entries).map(([key, entry]) => entry.src ?? key))
}

function checkFiles(manifest: PluginManifest, appRoot: string, builtPages: Set<string>) {
  const directory = join(appRoot, 'plugins', manifest.id)
  for (const page of manifest.pages ?? []) {
    const source = `plugins/${manifest.id}/ui/pages/${page}.vue`
    if (!existsSync(join(appRoot, source)) && !builtPages.has(source)) {
      throw new PluginLoadError(
        manifest.id,
        `page "${page}" has no ui/pages/${page}.vue, nor is it in the built assets`
      )
    }
  }

  const langDirectory = join(directory, manifest.i18n?.path ?? 'resources/lang')
  const keysByLocale = ['lv', 'en'].map((locale) => {
    const file = join(langDirectory, locale, `${manifest.id}.json`)
    if (!existsSync(file)) {
      throw new PluginLoadError(manifest.id, `translations missing: ${locale}/${manifest.id}.json`)
    }
    return flattenKeys(JSON.parse(readFileSync(file, 'utf8')))
  })
  const [lv, en] = keysByLocale
  const missing = [...lv.filter((k) => !en.includes(k)), ...en.filter((k) => !lv.includes(k))]
  if (missing.length) {
    throw new PluginLoadError(manifest.id, `keys not translated in both lv and en: ${missing}`)
  }
  const untitled = ['title', 'lead'].filter((key) => !lv.includes(key))
  if (manifest.attributesPage && untitled.length) {
    throw new PluginLoadError(manifest.id, `its attributes page needs the translations ${untitled}`)
  }
}

function flattenKeys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix]
  return Object.entries(value).flatMap(([key, child]) =>
    flattenKeys(child, prefix ? `${prefix}.${key}` : key)
  )
}

function dependencyOrder(manifests: Map<string, PluginManifest>) {
  const ordered: PluginManifest[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (manifest: PluginManifest, path: string[]) => {
    if (state.get(manifest.id) === 'done') return
    if (state.get(manifest.id) === 'visiting') {
      throw new PluginLoadError(
        manifest.id,
        `circular dependency ${[...path, manifest.id].join(' → ')}`
      )
    }
    state.set(manifest.id, 'visiting')
    for (const dependencyId of Object.keys(manifest.dependsOn ?? {})) {
      visit(manifests.get(dependencyId)!, [...path, manifest.id])
    }
    state.set(manifest.id, 'done')
    ordered.push(manifest)
  }
  for (const manifest of manifests.values()) visit(manifest, [])
  return ordered
}

function register(manifest: PluginManifest, registries: Registries) {
  const owner = manifest.id
  for (const entry of manifest.attributes ?? []) registries.attributes.add(entry.key, entry, owner)
  for (const entry of manifest.permissions ?? [])
    registries.permissions.add(entry.key, entry, owner)
  for (const entry of manifest.navigation ?? [])
    registries.navigation.add(entry.route, entry, owner)
  for (const entry of manifest.benefitFields ?? []) {
    registries.benefitFields.add(entry.key, entry, owner)
  }
  for (const entry of manifest.ruleFunctions ?? []) {
    registries.ruleFunctions.add(entry.key, entry, owner)
  }
  for (const entry of manifest.reports ?? []) registries.reports.add(entry.key, entry, owner)
  for (const entry of manifest.statements ?? []) registries.statements.add(entry.key, entry, owner)
  for (const entry of manifest.connectors ?? []) registries.connectors.add(entry.key, entry, owner)
}

type RouteMiddleware = MiddlewareFn | ParsedNamedMiddleware

/**
 * Mounts each plugin's routes, and core's attributes page when it asks for one, at `/<id>`,
 * names prefixed `<id>.`, behind the middleware `stackFor(id)` returns (web stack, auth,
 * tenant, plugin enabled).
 */
export function mountPluginRoutes(
  plugins: LoadedPlugin[],
  router: Router,
  stackFor: (pluginId: string) => RouteMiddleware[]
) {
  for (const { manifest } of plugins) {
    if (!manifest.routes && !manifest.attributesPage) continue
    router
      .group(() => {
        mountAttributesPage(router, manifest)
        manifest.routes?.(router)
      })
      .prefix(`/${manifest.id}`)
      .as(manifest.id)
      .use(stackFor(manifest.id))
  }
}

/** Migration folders of the plugins, relative to the app root, for Lucid's config. */
export function pluginMigrationPaths(plugins: LoadedPlugin[]) {
  return plugins.flatMap(({ manifest, directory }) =>
    (manifest.database?.migrations ?? []).map((path) => `./${directory}/${path}`)
  )
}

export function pluginSeederPaths(plugins: LoadedPlugin[]) {
  return plugins.flatMap(({ manifest, directory }) =>
    (manifest.database?.seeders ?? []).map((path) => `./${directory}/${path}`)
  )
}
