import { BaseTransformer } from '@adonisjs/core/transformers'
import type { InstalledPlugin } from '#tenancy/actions/toggle_tenant_plugin'

/** An installed plugin and whether one tenant has it enabled. */
export default class PluginStateTransformer extends BaseTransformer<
  InstalledPlugin & { enabled: boolean }
> {
  toObject() {
    return {
      id: this.resource.id,
      version: this.resource.version,
      nameLv: this.resource.names.lv,
      nameEn: this.resource.names.en,
      enabled: this.resource.enabled,
    }
  }
}
