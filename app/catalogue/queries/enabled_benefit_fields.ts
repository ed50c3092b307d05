import { registries } from '#platform/plugins/registry'
import { listEnabledPlugins } from '#platform/plugins/queries/list_enabled_plugins'

/** The extra benefit-form fields of the plugins this tenant has enabled. */
export async function enabledBenefitFields(tenantId: number) {
  const plugins = await listEnabledPlugins(tenantId)
  const enabled = new Set(plugins.map((plugin) => plugin.id))
  return registries.benefitFields.all().filter((field) => enabled.has(field.owner))
}
