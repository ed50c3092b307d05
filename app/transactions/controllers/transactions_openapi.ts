import type { OpenApiFragment } from '#platform/api/openapi/registry'
import { bearer, errorResponses, jsonBody, jsonResponse, ref } from '#platform/api/openapi/helpers'
import { IDENTIFIER_TYPES } from '#platform/identifiers/identifier_types'
import { TRANSACTION_FLAGS } from '#transactions/transaction_flags'
import { MAX_TRANSACTIONS_PER_CALL } from '#transactions/validators/transactions'

const externalId = (description: string) => ({
  type: 'string',
  minLength: 1,
  maxLength: 100,
  pattern: '^[\\x21-\\x7e]+$',
  description,
})

/** POST /api/v1/transactions (docs/contracts.md, "Providers' systems"). */
export const transactionsOpenApi: OpenApiFragment = {
  tags: [
    {
      name: 'Transactions',
      description:
        "A service provider's system sends the usage it recorded. Each transaction is stored once per (API client, id), checked against the entitlements valid at its time and flagged; an accepted one is committed before the answer.",
    },
  ],
  schemas: {
    UsageTransaction: {
      type: 'object',
      required: ['id', 'service', 'at', 'full_price_cents', 'charged_price_cents'],
      properties: {
        id: externalId(
          "The provider's idempotency key: a resend with the same id (by the same API client) answers duplicate and stores nothing"
        ),
        decision_id: {
          type: 'string',
          description:
            'The decision_id of POST /decisions, when one was asked: the benefit it named is what the transaction is checked against',
        },
        identifier: {
          type: 'object',
          required: ['type', 'value'],
          description:
            'The identification means presented; without a decision, the entitlements of its holder on the day are what the transaction is checked against. Stored only as a keyed hash.',
          properties: {
            type: { type: 'string', enum: [...IDENTIFIER_TYPES] },
            value: { type: 'string', maxLength: 200 },
          },
        },
        service: { type: 'string', description: "Code of one of the provider's services" },
        at: {
          type: 'string',
          format: 'date-time',
          description:
            'When the service was used (ISO 8601 with seconds and an offset); at most a day ahead of the platform clock',
          examples: ['2026-03-01T08:15:00+02:00'],
        },
        full_price_cents: { type: 'integer', minimum: 0 },
        charged_price_cents: { type: 'integer', minimum: 0 },
        benefit_code: {
          type: 'string',
          description: "The benefit applied (default: the decision's)",
        },
        place: { type: 'string', maxLength: 200, description: 'Stop, station or shop' },
        corrects: externalId(
          'For a correction or reversal: the id of the original transaction (sent earlier by the same API client, or earlier in this batch). A correction replaces the original for settlement; a reversal cancels it. The original is never changed.'
        ),
        kind: {
          type: 'string',
          enum: ['usage', 'correction', 'reversal'],
          description: 'Default: correction when corrects is given, usage otherwise',
        },
      },
    },
    TransactionBatch: {
      type: 'object',
      required: ['transactions'],
      properties: {
        transactions: {
          type: 'array',
          minItems: 1,
          maxItems: MAX_TRANSACTIONS_PER_CALL,
          items: ref('UsageTransaction'),
        },
      },
    },
    TransactionOutcome: {
      type: 'object',
      required: ['id', 'status'],
      properties: {
        id: { type: ['string', 'null'] },
        status: { type: 'string', enum: ['accepted', 'duplicate', 'rejected'] },
        flags: {
          type: 'array',
          description:
            'Accepted only. no_entitlement: a discount without a matching entitlement valid on the day; other_benefit: the person holds another benefit than the one applied; price_mismatch: the charged price differs from what the benefit gives (±1 cent); late_arrival: received more than 7 days after it happened',
          items: { type: 'string', enum: [...TRANSACTION_FLAGS] },
        },
        errors: {
          type: 'array',
          description:
            'Rejected only: why (validation_failed per field, unknown_service, invalid_decision, decision_other_service, unknown_original, missing_original, usage_cannot_correct, invalid_time, in_future). A rejected transaction is not stored: fix and resend it with the same id.',
          items: ref('Error'),
        },
      },
    },
    TransactionResults: {
      type: 'object',
      properties: {
        data: {
          type: 'array',
          description: 'One outcome per transaction sent, in the same order',
          items: ref('TransactionOutcome'),
        },
        meta: {
          type: 'object',
          properties: {
            accepted: { type: 'integer' },
            duplicate: { type: 'integer' },
            rejected: { type: 'integer' },
          },
        },
      },
    },
  },
  paths: {
    '/transactions': {
      post: {
        tags: ['Transactions'],
        summary: 'Send a batch of usage transactions (up to 10 000)',
        operationId: 'recordTransactions',
        ...bearer('transactions:write'),
        requestBody: jsonBody(ref('TransactionBatch')),
        responses: {
          '200': jsonResponse('The outcome of each transaction', ref('TransactionResults')),
          ...errorResponses(400, 401, 403, 413, 422, 429),
        },
      },
    },
  },
}
