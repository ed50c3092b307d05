import proxyAddr from 'proxy-addr'

/**
 * The `trustProxy` of config/app.ts from a comma-separated list of addresses,
 * CIDRs or proxy-addr names (`loopback`, `linklocal`, `uniquelocal`). Empty or
 * unset trusts no one: the client address is the socket's, and an
 * X-Forwarded-For header changes nothing. An invalid entry stops the boot.
 */
export function trustedProxies(
  list: string | undefined
): (address: string, hop: number) => boolean {
  const entries = (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  if (entries.length === 0) return () => false
  return proxyAddr.compile(entries)
}
