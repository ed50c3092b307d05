import { API_SCOPES } from '#platform/api/scopes'
import { ACCESS_TOKEN_TTL_SECONDS } from '#platform/api/access_tokens'
import type { OpenApiFragment } from '#platform/api/openapi/registry'
import { bearer, errorResponses, jsonResponse, ref } from '#platform/api/openapi/helpers'

const SCOPE_DESCRIPTIONS: Record<(typeof API_SCOPES)[number], string> = {
  'catalogue:read': "Read the tenant's benefits and services",
  'catalogue:write': 'Create, update, submit and publish benefit drafts',
  'entitlements:read': "Read and explain the grantor's entitlements of a person",
  'registers:write': "Deliver a data source's register changes",
  'services:read': "Read the provider's services",
  'decisions:write': 'Ask which benefit applies at the point of use',
  'offline-list:read': "Download the provider's signed offline list",
  'transactions:write': 'Send usage transactions',
}

const oauthError = {
  content: { 'application/json': { schema: ref('OAuthError') } },
}

/** What the API platform itself describes: authentication, errors and /me. */
export const coreFragment: OpenApiFragment = {
  tags: [{ name: 'Authentication', description: 'OAuth 2.0 client credentials' }],
  securitySchemes: {
    clientCredentials: {
      type: 'oauth2',
      description:
        'Access tokens are JWTs valid for 15 minutes; ask for a new one when it expires. ' +
        'A revoked client or a rotated secret stops its tokens within seconds.',
      flows: {
        clientCredentials: {
          tokenUrl: '/api/v1/oauth/token',
          scopes: SCOPE_DESCRIPTIONS,
        },
      },
    },
    clientBasic: {
      type: 'http',
      scheme: 'basic',
      description: 'client_id and client_secret as the user name and password (RFC 6749 §2.3.1)',
    },
  },
  schemas: {
    Error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', examples: ['validation_failed', 'unauthorized', 'not_found'] },
        message: { type: 'string', description: 'Human-readable, in the Accept-Language' },
        field: { type: 'string', description: 'The input field at fault, for 422' },
      },
    },
    Errors: {
      type: 'object',
      required: ['errors'],
      properties: {
        errors: { type: 'array', items: ref('Error') },
        request_id: { type: 'string' },
      },
    },
    OAuthError: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'string',
          enum: ['invalid_request', 'invalid_client', 'unsupported_grant_type', 'invalid_scope'],
        },
        error_description: { type: 'string' },
        errors: { type: 'array', items: ref('Error') },
      },
    },
    TokenRequest: {
      type: 'object',
      required: ['grant_type'],
      properties: {
        grant_type: { type: 'string', const: 'client_credentials' },
        client_id: { type: 'string', description: 'Unless sent by HTTP Basic authentication' },
        client_secret: { type: 'string', description: 'Unless sent by HTTP Basic authentication' },
        scope: {
          type: 'string',
          description: "Space-separated subset of the client's scopes; all of them by default",
        },
      },
    },
    TokenResponse: {
      type: 'object',
      required: ['access_token', 'token_type', 'expires_in', 'scope'],
      properties: {
        access_token: { type: 'string' },
        token_type: { type: 'string', const: 'Bearer' },
        expires_in: { type: 'integer', examples: [ACCESS_TOKEN_TTL_SECONDS] },
        scope: { type: 'string', examples: ['catalogue:read entitlements:read'] },
      },
    },
    Me: {
      type: 'object',
      properties: {
        data: {
          type: 'object',
          properties: {
            client_id: { type: 'string' },
            name: { type: 'string' },
            owner: {
              type: 'object',
              properties: {
                type: { type: 'string', enum: ['tenant', 'data_source'] },
                id: { type: 'integer' },
              },
            },
            tenant_id: { type: ['integer', 'null'] },
            scopes: { type: 'array', items: { type: 'string', enum: [...API_SCOPES] } },
          },
        },
      },
    },
  },
  paths: {
    '/oauth/token': {
      post: {
        operationId: 'issueToken',
        tags: ['Authentication'],
        summary: 'Exchange client credentials for an access token',
        description:
          'OAuth 2.0 client credentials grant (RFC 6749 §4.4). Send the client id and secret ' +
          'by HTTP Basic authentication or as form fields, not both. Limited per client id and ' +
          'per IP address; repeated failures block the address for 15 minutes.',
        security: [{}, { clientBasic: [] }],
        requestBody: {
          required: true,
          content: { 'application/x-www-form-urlencoded': { schema: ref('TokenRequest') } },
        },
        responses: {
          '200': jsonResponse('An access token', ref('TokenResponse')),
          '400': {
            description: 'invalid_request, unsupported_grant_type or invalid_scope',
            ...oauthError,
          },
          '401': { description: 'invalid_client', ...oauthError },
          ...errorResponses(429),
        },
      },
    },
    '/me': {
      get: {
        operationId: 'getMe',
        tags: ['Authentication'],
        summary: 'The client the access token belongs to',
        ...bearer(),
        responses: {
          '200': jsonResponse('The client, its owner and the token scopes', ref('Me')),
          ...errorResponses(401, 429),
        },
      },
    },
  },
}
