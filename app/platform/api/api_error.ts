import { Exception } from '@adonisjs/core/exceptions'

export interface ApiErrorItem {
  code: string
  message: string
  field?: string
}

/**
 * An error an /api endpoint answers on purpose. The message is a translation
 * key in resources/lang/<locale>/api.json, rendered by render_api_error.ts.
 */
export class ApiError extends Exception {
  constructor(
    status: number,
    readonly apiCode: string,
    readonly messageKey: string,
    readonly headers: Record<string, string> = {},
    readonly data: Record<string, unknown> = {}
  ) {
    super(messageKey, { status, code: `E_API_${apiCode.toUpperCase()}` })
  }

  static unauthorized(messageKey = 'api.errors.unauthorized') {
    return new ApiError(401, 'unauthorized', messageKey, {
      'WWW-Authenticate': 'Bearer realm="atvieglo"',
    })
  }

  static forbidden(messageKey = 'api.errors.forbidden', data: Record<string, unknown> = {}) {
    return new ApiError(403, 'forbidden', messageKey, {}, data)
  }

  static tooManyRequests(retryAfterSeconds: number) {
    return new ApiError(
      429,
      'too_many_requests',
      'api.errors.too_many_requests',
      { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
      { seconds: Math.max(1, Math.ceil(retryAfterSeconds)) }
    )
  }
}
