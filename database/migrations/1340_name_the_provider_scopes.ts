import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The point-of-use scopes get their final names (`decisions` → `decisions:write`,
 * `transactions` → `transactions:write`), and only service providers' clients keep them.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      UPDATE api_clients c SET scopes = COALESCE((
        SELECT jsonb_agg(CASE s WHEN 'decisions' THEN 'decisions:write'
                                WHEN 'transactions' THEN 'transactions:write' ELSE s END)
          FROM jsonb_array_elements_text(c.scopes) AS s
         WHERE s NOT IN ('decisions', 'transactions')
            OR EXISTS (SELECT 1 FROM tenants t WHERE t.id = c.tenant_id AND t.kind = 'service_provider')
      ), '[]'::jsonb)
      WHERE jsonb_exists_any(c.scopes, array['decisions', 'transactions'])`)
  }

  async down() {
    this.schema.raw(`
      UPDATE api_clients c SET scopes = (
        SELECT jsonb_agg(CASE s WHEN 'decisions:write' THEN 'decisions'
                                WHEN 'transactions:write' THEN 'transactions' ELSE s END)
          FROM jsonb_array_elements_text(c.scopes) AS s
         WHERE s NOT IN ('offline-list:read', 'services:read'))
      WHERE jsonb_exists_any(c.scopes, array['decisions:write', 'transactions:write', 'offline-list:read', 'services:read'])`)
  }
}
