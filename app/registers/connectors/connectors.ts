import { registries } from '#platform/plugins/registry'
import {
  isRegisterConnector,
  type RegisterConnector,
} from '#registers/connectors/register_connector'

export class UnknownConnectorError extends Error {
  constructor(key: string) {
    super(`No register connector "${key}" (known: ${connectorKeys().join(', ') || 'none'})`)
    this.name = 'UnknownConnectorError'
  }
}

/** Keys of the connectors the installed plugins declare. */
export function connectorKeys() {
  return registries.connectors.all().map((entry) => entry.key)
}

/** Loads a declared connector; its handler's default export must be a RegisterConnector. */
export async function loadConnector(key: string): Promise<RegisterConnector> {
  const entry = registries.connectors.get(key)
  if (!entry) throw new UnknownConnectorError(key)
  const { default: connector } = await entry.handler()
  if (!isRegisterConnector(connector) || connector.id !== key) {
    throw new Error(`Connector "${key}" does not export a RegisterConnector with id "${key}"`)
  }
  return connector
}
