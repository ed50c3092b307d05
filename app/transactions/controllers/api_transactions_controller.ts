import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { apiI18n } from '#platform/api/render_api_error'
import { namespacedValidation } from '#platform/validation/namespaced_messages_provider'
import RecordTransactions, {
  type ItemOutcome,
  type TransactionInput,
} from '#transactions/actions/record_transactions'
import {
  transactionBatchValidator,
  transactionItemValidator,
  transactionItemsValidator,
} from '#transactions/validators/transactions'

interface ItemError {
  code: string
  field?: string
  message: string
}

type ItemAnswer =
  | { id: unknown; status: 'accepted'; flags: string[] }
  | { id: unknown; status: 'duplicate' }
  | { id: unknown; status: 'rejected'; errors: ItemError[] }

/** POST /api/v1/transactions — a provider's system sends the usage it recorded. */
export default class ApiTransactionsController {
  async store(ctx: HttpContext) {
    const client = ctx.apiClient!
    const i18n = apiI18n(ctx)
    const validation = namespacedValidation('transactions', i18n, {})
    const { transactions } = await ctx.request.validateUsing(transactionBatchValidator, validation)

    const answers: (ItemAnswer | undefined)[] = new Array(transactions.length)
    const valid: TransactionInput[] = []
    const positions: number[] = []
    try {
      const checked = await transactionItemsValidator.validate({ transactions }, validation)
      checked.transactions.forEach((item, i) => (valid.push(item), positions.push(i)))
    } catch (error) {
      if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
      // One bad item fails alone: tell which, and keep the others.
      for (const [i, raw] of transactions.entries()) {
        try {
          valid.push(await transactionItemValidator.validate(raw, validation))
          positions.push(i)
        } catch (itemError) {
          if (!(itemError instanceof vineErrors.E_VALIDATION_ERROR)) throw itemError
          const messages = itemError.messages as { field: string; message: string }[]
          answers[i] = {
            id: (raw as { id?: unknown } | null)?.id ?? null,
            status: 'rejected',
            errors: messages.map((m) => ({
              code: 'validation_failed',
              field: m.field,
              message: m.message,
            })),
          }
        }
      }
    }

    const outcomes = await new RecordTransactions().handle({
      client: { id: client.id, tenantId: client.tenantId! },
      transactions: valid,
    })
    const answer = (id: string, outcome: ItemOutcome): ItemAnswer => {
      if (outcome.status !== 'rejected') return { id, ...outcome }
      const message = i18n.t(`transactions.rejections.${outcome.code}`)
      return {
        id,
        status: 'rejected',
        errors: [{ code: outcome.code, field: outcome.field, message }],
      }
    }
    outcomes.forEach((outcome, i) => (answers[positions[i]] = answer(valid[i].id, outcome)))

    const count = (status: ItemAnswer['status']) =>
      answers.filter((a) => a!.status === status).length
    return ctx.response.ok({
      data: answers,
      meta: {
        accepted: count('accepted'),
        duplicate: count('duplicate'),
        rejected: count('rejected'),
      },
    })
  }
}
