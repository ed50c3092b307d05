import type { ApplicationService } from '@adonisjs/core/types'
import { runWithoutTenant } from '#platform/database/tenant_scope'
import { preferConnectionsOfSameScope } from '#platform/database/scope_affinity'

/**
 * Every HTTP request starts in no tenant's scope (its exception handler included), whatever
 * the code that started the server ran in; the tenant and API middleware then enter the
 * tenant the request acts for (tenant_scope.ts).
 */
export default class TenantScopeProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    preferConnectionsOfSameScope()
  }

  async start() {
    if (!['web', 'test'].includes(this.app.getEnvironment())) return
    const server = await this.app.container.make('server')
    const handle = server.handle.bind(server)
    server.handle = (req, res) => runWithoutTenant(() => handle(req, res))
  }
}
