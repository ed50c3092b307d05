import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import logger from '@adonisjs/core/services/logger'
import type { FactsChanged } from '#platform/events/domain_events'

/**
 * Tells whoever listens that a committed batch changed the registers. A failing listener never
 * fails the batch: the change log keeps the rows for the next pass.
 */
export async function announceFactsChanged(
  source: FactsChanged['source'],
  changeLogEntries: number
) {
  if (changeLogEntries <= 0) return
  try {
    const last = await db.from('change_log').max('id as id').first()
    const cursor = last?.id === null || last?.id === undefined ? null : String(last.id)
    await emitter.emit('registers:facts_changed', { source, changeLogEntries, cursor })
  } catch (error) {
    logger.warn({ err: error }, 'a listener of registers:facts_changed failed')
  }
}
