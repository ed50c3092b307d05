import type { BaseCommand } from '@adonisjs/core/ace'
import type { CommandMetaData } from '@adonisjs/core/types/ace'

/**
 * Ace loader for the registers context's commands (listed in adonisrc.ts `commands`).
 * Command classes import their heavy modules inside `run()`, so listing them stays cheap.
 */
const commands: Record<string, () => Promise<{ default: typeof BaseCommand }>> = {
  'population:generate': () => import('./population_generate.js'),
  'registers:import': () => import('./registers_import.js'),
  'registers:pull': () => import('./registers_pull.js'),
}

export async function getMetaData(): Promise<CommandMetaData[]> {
  return Promise.all(
    Object.values(commands).map(async (load) => {
      const { default: command } = await load()
      return command.serialize()
    })
  )
}

export async function getCommand(metaData: CommandMetaData): Promise<typeof BaseCommand | null> {
  const load = commands[metaData.commandName]
  if (!load) return null
  const { default: command } = await load()
  return command
}
