import type { DefineComponent } from 'vue'

/**
 * Core pages live in resources/js/pages; a plugin's pages live in
 * plugins/<id>/ui/pages and are named "<id>/…" prefixed with "plugins/".
 */
const corePages = import.meta.glob<DefineComponent>('./pages/**/*.vue')
const pluginPages = import.meta.glob<DefineComponent>('../../plugins/*/ui/pages/**/*.vue')

export async function resolvePage(name: string): Promise<DefineComponent> {
  const pluginMatch = /^plugins\/([^/]+)\/(.+)$/.exec(name)
  const key = pluginMatch
    ? `../../plugins/${pluginMatch[1]}/ui/pages/${pluginMatch[2]}.vue`
    : `./pages/${name}.vue`
  const loader = pluginMatch ? pluginPages[key] : corePages[key]
  if (!loader) throw new Error(`Page not found: ${name}`)
  const module = (await loader()) as unknown as { default: DefineComponent }
  return module.default
}
