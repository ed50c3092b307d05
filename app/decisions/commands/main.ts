import { lazyCommandLoader } from '#platform/commands/lazy_command_loader'

/** The decisions context's ace commands. */
export const { getMetaData, getCommand } = lazyCommandLoader({
  'offline-list:verify': () => import('./offline_list_verify.js'),
  'offline-list:refresh': () => import('./offline_list_refresh.js'),
  'offline-list:rotate-key': () => import('./offline_list_rotate_key.js'),
})
