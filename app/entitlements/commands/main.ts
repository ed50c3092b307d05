import { lazyCommandLoader } from '#platform/commands/lazy_command_loader'

/** The eligibility context's ace commands. */
export const { getMetaData, getCommand } = lazyCommandLoader({
  'entitlements:evaluate': () => import('./entitlements_evaluate.js'),
  'entitlements:follow': () => import('./entitlements_follow.js'),
})
