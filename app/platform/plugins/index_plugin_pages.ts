/**
 * Assembler init hook: types plugin pages (plugins/<id>/ui/pages/<name>.vue)
 * as Inertia pages named `plugins/<id>/<name>`, next to the core pages that
 * @adonisjs/inertia's indexPages hook types.
 */
export function indexPluginPages() {
  return {
    run(_: unknown, __: unknown, indexGenerator: any) {
      indexGenerator.add('pluginPages', {
        source: 'plugins',
        glob: ['**/ui/pages/**/*.vue'],
        output: '.adonisjs/server/plugin_pages.d.ts',
        as(vfs: any, buffer: any, _config: unknown, helpers: any) {
          const files: Record<string, string> = vfs.asList()
          buffer.writeLine(`import '@adonisjs/inertia/types'`)
          buffer.writeLine(
            `import type { VNodeProps, AllowedComponentProps, ComponentInstance } from 'vue'`
          )
          buffer.writeLine(
            `type ExtractProps<T> = Omit<ComponentInstance<T>['$props'], keyof VNodeProps | keyof AllowedComponentProps>`
          )
          buffer.write(`declare module '@adonisjs/inertia/types' {`).indent()
          buffer.write(`export interface InertiaPages {`).indent()
          for (const [key, file] of Object.entries(files)) {
            const match = /^([^/]+)\/ui\/pages\/(.+)$/.exec(key)
            if (!match) continue
            buffer.write(
              `'plugins/${match[1]}/${match[2]}': ExtractProps<(typeof import('${helpers.toImportPath(file)}'))['default']>`
            )
          }
          buffer.dedent().write(`}`)
          buffer.dedent().write(`}`)
        },
      })
    },
  }
}
