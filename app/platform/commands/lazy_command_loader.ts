import type { BaseCommand } from '@adonisjs/core/ace'
import type { CommandMetaData } from '@adonisjs/core/types/ace'

export type CommandImports = Record<string, () => Promise<{ default: typeof BaseCommand }>>

/**
 * An ace command loader for one context's commands (listed in adonisrc.ts `commands`):
 * `export const { getMetaData, getCommand } = lazyCommandLoader({ name: () => import(…) })`.
 * Command classes import their heavy modules inside `run()`, so listing them stays cheap.
 */
export function lazyCommandLoader(commands: CommandImports) {
  return {
    async getMetaData(): Promise<CommandMetaData[]> {
      return Promise.all(
        Object.values(commands).map(async (load) => {
          const { default: command } = await load()
          return command.serialize()
        })
      )
    },
    async getCommand(metaData: CommandMetaData): Promise<typeof BaseCommand | null> {
      const load = commands[metaData.commandName]
      if (!load) return null
      const { default: command } = await load()
      return command
    },
  }
}
