import { lazyCommandLoader } from '#platform/commands/lazy_command_loader'

/** The registers context's ace commands. */
export const { getMetaData, getCommand } = lazyCommandLoader({
  'demo:population': () => import('./demo_population.js'),
  'population:generate': () => import('./population_generate.js'),
  'registers:import': () => import('./registers_import.js'),
  'registers:pull': () => import('./registers_pull.js'),
})
