/*
| Command loader for the app's own ace commands (listed in adonisrc.ts).
| Commands keep their heavy imports inside run(), so listing them is cheap.
*/
import { ListLoader } from '@adonisjs/core/ace'
import AuditCheckpointCommand from '#platform/commands/audit_checkpoint'
import AuditVerify from '#platform/commands/audit_verify'
import MakePlugin from '#platform/commands/make_plugin'
import QueueWork from '#platform/commands/queue_work'
import RetentionEnforce from '#platform/commands/retention_enforce'

const loader = new ListLoader([
  AuditCheckpointCommand,
  AuditVerify,
  MakePlugin,
  QueueWork,
  RetentionEnforce,
])

export const getMetaData = () => loader.getMetaData()
export const getCommand: ListLoader<any>['getCommand'] = (metaData) => loader.getCommand(metaData)
