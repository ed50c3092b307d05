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
 * Writes a working plugin skeleton: manifest, provider, routes, a
 * controller, one page, lv/en translations, a functional test and a
 * CHANGELOG. Returns the created files relative to the root.
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
    snake: input.id.replaceAll('-', '_'),
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
  snake: string
  pascal: string
  coreRange: string
}

function templates({ id, snake, pascal, coreRange }: Names): Record<string, string> {
  const permission = `${id}.attributes.view`
  return {
    'plugin.ts': `import { definePlugin } from '#platform/plugins/define_plugin'
import routes from './routes.js'

export default definePlugin({
  id: '${id}',
  version: '0.1.0',
  name: { lv: '${pascal}', en: '${pascal}' },
  coreRange: '${coreRange}',
  dependsOn: {},
  provider: () => import('./provider.js'),
  routes,
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
  pages: ['index'],
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
    'routes.ts': `import type { Router } from '@adonisjs/core/http'

const ${pascal}Controller = () => import('./app/controllers/${snake}_controller.js')

/** Mounted by core at /${id}, names prefixed "${id}.", behind auth, tenant and plugin-enabled checks. */
export default function ${snake}Routes(router: Router) {
  router.get('/', [${pascal}Controller, 'index']).as('index')
}
`,
    [`app/controllers/${snake}_controller.ts`]: `import type { HttpContext } from '@adonisjs/core/http'
import { registries } from '#platform/plugins/registry'
import { usePluginPermission } from '#platform/plugins/permissions'
import AttributeTransformer from '#platform/plugins/transformers/attribute_transformer'

export default class ${pascal}Controller {
  async index({ bouncer, inertia, tenantContext }: HttpContext) {
    await bouncer.authorize(usePluginPermission, tenantContext!, '${permission}')
    return inertia.render('plugins/${id}/index', {
      attributes: AttributeTransformer.transform(registries.attributes.ownedBy('${id}')),
    })
  }
}
`,
    'ui/pages/index.vue': pageTemplate(id),
    [`resources/lang/lv/${id}.json`]: langTemplate(pascal, 'lv'),
    [`resources/lang/en/${id}.json`]: langTemplate(pascal, 'en'),
    [`tests/functional/${snake}_page.spec.ts`]: `import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createStaffMember } from '#tests/support/plugin_test_helpers'

test.group('${id} plugin page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a tenant that enabled ${id} sees its page', async ({ client }) => {
    const { user } = await createStaffMember({ plugins: ['${id}'] })
    const response = await client.get('/${id}').loginAs(user).withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('plugins/${id}/index')
  })

  test('a tenant without ${id} gets 404', async ({ client }) => {
    const { user } = await createStaffMember({ plugins: [] })
    const response = await client.get('/${id}').loginAs(user)
    response.assertStatus(404)
  })
})
`,
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

/** The attribute page every bundled plugin starts from. */
export function pageTemplate(id: string) {
  return `<script setup lang="ts">
import { Head } from '@inertiajs/vue3'
import StaffLayout from '~/layouts/staff_layout.vue'
import AttributeTable from '~/components/attribute_table.vue'
import type { Data } from '~/generated/data'
import { useI18n } from '~/composables/use_i18n'

defineProps<{ attributes: Data.Platform.Plugins.Attribute[] }>()
const { t } = useI18n()
</script>

<template>
  <Head :title="t('${id}.title')" />
  <StaffLayout>
    <h1 class="gov-heading-l">{{ t('${id}.title') }}</h1>
    <p>{{ t('${id}.lead') }}</p>

    <AttributeTable :attributes="attributes" />
  </StaffLayout>
</template>
`
}
