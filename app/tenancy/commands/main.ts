/*
| Command loader for the app's own ace commands (listed in adonisrc.ts).
| Commands keep their heavy imports inside run(), so listing them is cheap.
*/
import { ListLoader } from '@adonisjs/core/ace'
import DemoTotp from '#tenancy/commands/demo_totp'

const loader = new ListLoader([DemoTotp])

export const getMetaData = () => loader.getMetaData()
export const getCommand: ListLoader<any>['getCommand'] = (metaData) => loader.getCommand(metaData)
