/**
 * The OpenAPI 3.1 description of /api/v1, assembled from fragments: each
 * context (or plugin) adds the paths and schemas of its endpoints next to its
 * routes, and GET /api/v1/openapi.json serves the merged document.
 */
import { errorResponses } from '#platform/api/openapi/helpers'

export type OpenApiObject = Record<string, unknown>

export interface OpenApiFragment {
  /** Keys are paths under the server URL, e.g. `/oauth/token`. */
  paths?: Record<string, Record<string, OpenApiObject>>
  schemas?: Record<string, OpenApiObject>
  securitySchemes?: Record<string, OpenApiObject>
  tags?: { name: string; description?: string }[]
}

export class DuplicateOpenApiEntryError extends Error {
  constructor(kind: string, key: string, owner: string, existing: string) {
    super(`OpenAPI ${kind} "${key}" is already described by ${existing}; ${owner} cannot add it`)
    this.name = 'DuplicateOpenApiEntryError'
  }
}

export class OpenApiRegistry {
  #fragments = new Map<string, OpenApiFragment>()

  constructor(readonly info: { title: string; version: string; description: string }) {}

  /** Adds an owner's fragment. An operation or schema may be described once only. */
  add(owner: string, fragment: OpenApiFragment) {
    const operations = new Map<string, string>()
    const named = new Map<string, string>()
    for (const [other, existing] of this.#fragments) {
      for (const [path, item] of Object.entries(existing.paths ?? {}))
        for (const method of Object.keys(item)) operations.set(`${method} ${path}`, other)
      for (const kind of ['schemas', 'securitySchemes'] as const)
        for (const key of Object.keys(existing[kind] ?? {})) named.set(`${kind}:${key}`, other)
    }
    for (const [path, item] of Object.entries(fragment.paths ?? {}))
      for (const method of Object.keys(item)) {
        const existing = operations.get(`${method} ${path}`)
        if (existing)
          throw new DuplicateOpenApiEntryError('operation', `${method} ${path}`, owner, existing)
      }
    for (const kind of ['schemas', 'securitySchemes'] as const)
      for (const key of Object.keys(fragment[kind] ?? {})) {
        const existing = named.get(`${kind}:${key}`)
        if (existing) throw new DuplicateOpenApiEntryError(kind, key, owner, existing)
      }
    const previous = this.#fragments.get(owner) ?? {}
    this.#fragments.set(owner, {
      paths: { ...previous.paths, ...fragment.paths },
      schemas: { ...previous.schemas, ...fragment.schemas },
      securitySchemes: { ...previous.securitySchemes, ...fragment.securitySchemes },
      tags: [...(previous.tags ?? []), ...(fragment.tags ?? [])],
    })
    return this
  }

  /** The merged OpenAPI 3.1 document, paths sorted. */
  document(serverUrl = '/api/v1'): OpenApiObject {
    const paths: Record<string, Record<string, OpenApiObject>> = {}
    const schemas: Record<string, OpenApiObject> = {}
    const securitySchemes: Record<string, OpenApiObject> = {}
    const tags: { name: string; description?: string }[] = []
    for (const fragment of this.#fragments.values()) {
      for (const [path, item] of Object.entries(fragment.paths ?? {}))
        paths[path] = { ...paths[path], ...item }
      Object.assign(schemas, fragment.schemas)
      Object.assign(securitySchemes, fragment.securitySchemes)
      for (const tag of fragment.tags ?? [])
        if (!tags.some((t) => t.name === tag.name)) tags.push(tag)
    }
    const sortedPaths = Object.fromEntries(
      Object.keys(paths)
        .sort()
        .map((path) => [
          path,
          Object.fromEntries(
            Object.entries(paths[path]).map(([method, operation]) => [
              method,
              withSharedResponses(method, operation),
            ])
          ),
        ])
    )
    return {
      openapi: '3.1.0',
      info: this.info,
      servers: [{ url: serverUrl }],
      tags,
      paths: sortedPaths,
      components: { schemas, securitySchemes },
    }
  }
}

/**
 * Adds the statuses an operation answers through shared middleware rather than its own
 * code, unless its fragment describes them: 400 for a malformed JSON body of any write
 * (body parser), 401 and 429 behind a bearer token (apiAuth and the client's rate limit),
 * 403 when the token needs scopes.
 */
function withSharedResponses(method: string, operation: OpenApiObject): OpenApiObject {
  const statuses: number[] = []
  if (['post', 'put', 'patch'].includes(method)) statuses.push(400)
  const security = (operation.security ?? []) as Record<string, unknown>[]
  if (security.some((requirement) => 'clientCredentials' in requirement)) statuses.push(401, 429)
  if ((operation['x-required-scopes'] as unknown[] | undefined)?.length) statuses.push(403)
  const responses = (operation.responses ?? {}) as Record<string, OpenApiObject>
  const all = { ...errorResponses(...statuses), ...responses }
  const sorted = Object.keys(all)
    .sort()
    .map((status) => [status, all[status]])
  return { ...operation, responses: Object.fromEntries(sorted) }
}

export const openApi = new OpenApiRegistry({
  title: 'Atvieglo API',
  version: '1.0.0',
  description:
    'Machine-to-machine API of Atvieglo. Authenticate with OAuth 2.0 client credentials ' +
    '(POST /oauth/token) and send the access token as `Authorization: Bearer <token>`. ' +
    'Errors are `{ errors: [ { code, message, field? } ] }` with the HTTP status: 401 without ' +
    "a valid token, 403 outside the client's scopes, 404 for records the client may not see, " +
    '400 for a malformed JSON body, 422 for invalid input (one item per field), 429 over the ' +
    'rate limit (see Retry-After). Send `Accept-Language: en` for English messages (Latvian by ' +
    'default). Successful answers wrap a list or an object in `{ data: … }`, except where an ' +
    'external contract fixes the shape: POST /oauth/token answers the RFC 6749 token response, ' +
    'POST /registers/{source}/changes answers `{ accepted, unchanged, rejected, import_id }`.',
})
