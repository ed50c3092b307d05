import vine from '@vinejs/vine'

/**
 * The envelope of a pushed batch. The rows themselves are validated one by one by the register
 * import (so one bad row is reported with its index and never fails the batch).
 */
export const pushChangesValidator = vine.create({
  mode: vine.enum(['delta', 'snapshot'] as const),
  persons: vine.array(vine.any()).optional(),
  facts: vine.array(vine.any()).optional(),
  batch_date: vine
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
})
