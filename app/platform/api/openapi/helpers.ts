import type { OpenApiObject } from '#platform/api/openapi/registry'
import type { ApiScope } from '#platform/api/scopes'

/** `$ref` to a schema in components. */
export const ref = (schema: string) => ({ $ref: `#/components/schemas/${schema}` })

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request',
  401: 'Missing, invalid or expired access token',
  403: 'The token lacks a required scope',
  404: 'Not found (or not visible to this client)',
  422: 'Invalid input: one error per field',
  429: 'Over the rate limit; retry after the Retry-After seconds',
}

/** The standard error responses of an operation, e.g. `errorResponses(401, 403, 422)`. */
export function errorResponses(...statuses: number[]): Record<string, OpenApiObject> {
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: ERROR_DESCRIPTIONS[status] ?? 'Error',
        ...(status === 429
          ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds' } } }
          : {}),
        content: { 'application/json': { schema: ref('Errors') } },
      },
    ])
  )
}

/** Security requirement of a bearer-protected operation needing these scopes. */
export function bearer(...scopes: ApiScope[]) {
  return {
    security: [{ clientCredentials: scopes }],
    ...(scopes.length ? { 'x-required-scopes': scopes } : {}),
  }
}

/** A JSON request body with this schema. */
export function jsonBody(schema: OpenApiObject, required = true) {
  return { required, content: { 'application/json': { schema } } }
}

/** A 200 JSON response with this schema. */
export function jsonResponse(description: string, schema: OpenApiObject) {
  return { description, content: { 'application/json': { schema } } }
}
