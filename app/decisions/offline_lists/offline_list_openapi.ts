import type { OpenApiFragment } from '#platform/api/openapi/registry'
import { bearer, errorResponses, jsonResponse, ref } from '#platform/api/openapi/helpers'

const keyId = { type: 'string', description: 'First 16 hex digits of SHA-256 of the key' }

/** GET /api/v1/offline-list and its keys (docs/contracts.md, "Offline lists"). */
export const offlineListOpenApi: OpenApiFragment = {
  tags: [
    {
      name: 'Offline lists',
      description:
        "The provider's signed list for validators without a connection: keyed identifier hash → benefit, priority and period.",
    },
  ],
  schemas: {
    SignedOfflineList: {
      type: 'object',
      required: ['payload', 'signature', 'public_keys'],
      properties: {
        payload: {
          type: 'string',
          description:
            'The list as JSON text (OfflineListPayload); the signature covers exactly its UTF-8 bytes',
        },
        signature: {
          type: 'object',
          required: ['algorithm', 'key_id', 'value'],
          properties: {
            algorithm: { type: 'string', enum: ['Ed25519'] },
            key_id: keyId,
            value: { type: 'string', description: 'Base64 Ed25519 signature of the payload' },
          },
        },
        public_keys: {
          type: 'array',
          items: ref('OfflineListPublicKey'),
          description: 'Informative: verify with keys fetched from /offline-list/keys',
        },
      },
    },
    OfflineListPayload: {
      type: 'object',
      description: 'What `payload` holds',
      properties: {
        format: { type: 'string', enum: ['atvieglo-offline-list/1'] },
        provider: { type: 'string', description: "The provider's registration number" },
        kind: { type: 'string', enum: ['full', 'delta'] },
        since: { type: ['integer', 'null'] },
        sequence: { type: 'integer', description: 'The `since` of the next delta' },
        generated_at: { type: 'string', format: 'date-time' },
        hash: {
          type: 'object',
          properties: {
            algorithm: { type: 'string', enum: ['HMAC-SHA256'] },
            input: { type: 'string', enum: ['type:value'] },
            key_id: keyId,
          },
        },
        entries: { type: 'array', items: ref('OfflineListEntry') },
        removed: {
          type: 'array',
          description: 'Delta only: keys (hash, grantor, benefit, valid_from) to delete',
          items: ref('OfflineListEntry'),
        },
      },
    },
    OfflineListEntry: {
      type: 'object',
      properties: {
        hash: { type: 'string', description: 'Hex HMAC-SHA256 of `type:value` under the list key' },
        grantor: { type: 'string', description: "The grantor's registration number" },
        benefit: { type: 'string', description: 'Benefit code (unique per grantor)' },
        priority: {
          type: 'integer',
          description: 'When several entries hold on a day, apply the highest priority',
        },
        valid_from: { type: 'string', format: 'date' },
        valid_until: {
          type: ['string', 'null'],
          format: 'date',
          description: 'Last day; null: open',
        },
      },
    },
    OfflineListPublicKey: {
      type: 'object',
      properties: {
        key_id: keyId,
        status: { type: 'string', enum: ['current', 'retired'] },
        algorithm: { type: 'string', enum: ['Ed25519'] },
        public_key: { type: 'string', description: 'Base64 SPKI DER' },
      },
    },
  },
  paths: {
    '/offline-list': {
      get: {
        tags: ['Offline lists'],
        summary: "This provider's signed offline list, full or a delta",
        operationId: 'getOfflineList',
        parameters: [
          {
            name: 'since',
            in: 'query',
            required: false,
            description: 'The `sequence` of the list the validator holds; absent: the full list',
            schema: { type: 'integer', minimum: 0 },
          },
        ],
        ...bearer('offline-list:read'),
        responses: {
          '200': jsonResponse('The signed list', {
            type: 'object',
            properties: { data: ref('SignedOfflineList') },
          }),
          ...errorResponses(401, 403, 422, 429),
        },
      },
    },
    '/offline-list/hash-key': {
      get: {
        tags: ['Offline lists'],
        summary: 'The key validators hash card values with (secret: keep it on the validators)',
        operationId: 'getOfflineListHashKey',
        ...bearer('offline-list:read'),
        responses: {
          '200': jsonResponse('The key', {
            type: 'object',
            properties: {
              data: {
                type: 'object',
                properties: {
                  algorithm: { type: 'string', enum: ['HMAC-SHA256'] },
                  input: { type: 'string', enum: ['type:value'] },
                  key_id: keyId,
                  key: { type: 'string', description: 'Base64 of the 32-byte key' },
                },
              },
            },
          }),
          ...errorResponses(401, 403, 429),
        },
      },
    },
    '/offline-list/keys': {
      get: {
        tags: ['Offline lists'],
        summary: 'The public keys offline lists are signed with (current and retired)',
        operationId: 'getOfflineListKeys',
        responses: {
          '200': jsonResponse('The keys', {
            type: 'object',
            properties: { data: { type: 'array', items: ref('OfflineListPublicKey') } },
          }),
        },
      },
    },
  },
}
