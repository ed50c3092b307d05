import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { PLUGIN_ID_PATTERN } from '#platform/plugins/define_plugin'

export class ScaffoldError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ScaffoldError'
  }
}

export interface ScaffoldPluginInput {
  id: string
  /** The app root; the plugin is written to `<root>/plugins/<id>`. */
  root: string
  /** Core's version: the new plugin supports `^<coreVersion>`. */
  coreVersion: string
}

/**
 * Writes a working plugin skeleton: manifest (with core's attributes page at
 * `/<id>`), provider, lv/en translations and a CHANGELOG. Returns the created
 * files relative to the root.
 */
export async function scaffoldPlugin(input: ScaffoldPluginInput) {
  if (!PLUGIN_ID_PATTERN.test(input.id)) {
    throw new ScaffoldError(
      `Invalid plugin id "${input.id}": use lowercase letters a–z, digits and single dashes, starting with a letter`
    )
  }
  const directory = join(input.root, 'plugins', input.id)
  if (existsSync(directory)) {
    throw new ScaffoldError(`plugins/${input.id} already exists; choose another id`)
  }

  const names = {
    id: input.id,
    pascal: input.id
      .split('-')
      .map((word) => word[0].toUpperCase() + word.slice(1))
      .join(''),
    coreRange: `^${input.coreVersion}`,
  }
  const files = templates(names)
  for (const [path, content] of Object.entries(files)) {
    const target = join(directory, path)
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, content)
  }
  return Object.keys(files).map((path) => `plugins/${input.id}/${path}`)
}

interface Names {
  id: string
  pascal: string
  coreRange: string
}

function templates({ id, pascal, coreRange }: Names): Record<string, string> {
  const permission = `${id}.attributes.view`
  return {
    'plugin.ts': `import { definePlugin } from '#platform/plugins/define_plugin'

export default definePlugin({
  id: '${id}',
  version: '0.1.0',
  name: { lv: '${pascal}', en: '${pascal}' },
  coreRange: '${coreRange}',
  dependsOn: {},
  provider: () => import('./provider.js'),
  database: { migrations: [], seeders: [] },
  attributes: [],
  permissions: [
    {
      key: '${permission}',
      label: '${id}.permissions.attributes_view',
      roles: ['tenant_admin', 'benefit_manager', 'analyst', 'auditor'],
    },
  ],
  navigation: [
    {
      label: '${id}.nav.index',
      route: '${id}.index',
      permission: '${permission}',
    },
  ],
  attributesPage: { permission: '${permission}' },
})
`,
    'provider.ts': `import type { ApplicationService } from '@adonisjs/core/types'

/** Lifecycle hooks of the ${id} plugin, run by core's plugins provider. */
export default class ${pascal}Provider {
  constructor(protected app: ApplicationService) {}

  async boot() {}

  async shutdown() {}
}
`,
    [`resources/lang/lv/${id}.json`]: langTemplate(pascal, 'lv'),
    [`resources/lang/en/${id}.json`]: langTemplate(pascal, 'en'),
    'CHANGELOG.md': `# Changelog — ${id}

## 0.1.0

- Plugin created with \`node ace make:plugin ${id}\`.
`,
  }
}

function langTemplate(pascal: string, locale: 'lv' | 'en') {
  const text =
    locale === 'lv'
      ? {
          name: pascal,
          title: pascal,
          lead: 'Šī spraudņa reģistru atribūti.',
          nav: { index: pascal },
          permissions: { attributes_view: 'Skatīt spraudņa atribūtus' },
        }
      : {
          name: pascal,
          title: pascal,
          lead: 'The register attributes of this plugin.',
          nav: { index: pascal },
          permissions: { attributes_view: 'View the plugin’s attributes' },
        }
  return `${JSON.stringify(text, null, 2)}\n`
}
