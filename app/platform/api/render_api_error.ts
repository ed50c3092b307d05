import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import type { I18n } from '@adonisjs/i18n'
import { ApiError, type ApiErrorItem } from '#platform/api/api_error'

/** Paths answered with JSON errors whatever the Accept header says. */
export function isApiRequest(ctx: HttpContext) {
  const url = ctx.request.url()
  return url === '/api' || url.startsWith('/api/')
}

/** Machines ask in their Accept-Language; Latvian otherwise. */
export function apiI18n(ctx: HttpContext): I18n {
  const languages = ctx.request.languages()
  const locale = i18nManager.getSupportedLocaleFor(languages) ?? i18nManager.defaultLocale
  return i18nManager.locale(locale)
}

const CODES_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'too_many_requests',
}

function statusOf(error: unknown) {
  const status = (error as { status?: unknown })?.status
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500
}

/**
 * The one error shape of the machine API: `{ errors: [{ code, message, field? }] }`
 * with the right status. Never an HTML page, never a stack trace.
 */
export function renderApiError(error: unknown, ctx: HttpContext, options: { debug: boolean }) {
  const i18n = apiI18n(ctx)
  const status = statusOf(error)
  const response = ctx.response
  let items: ApiErrorItem[]

  if (error instanceof ApiError) {
    for (const [name, value] of Object.entries(error.headers)) response.header(name, value)
    items = [{ code: error.apiCode, message: i18n.t(error.messageKey, error.data) }]
  } else if (status === 422 && Array.isArray((error as { messages?: unknown }).messages)) {
    const messages = (error as { messages: { field: string; message: string; rule: string }[] })
      .messages
    items = messages.map((m) => ({ code: 'validation_failed', field: m.field, message: m.message }))
  } else if (status === 429) {
    const seconds = Number(
      (error as { response?: { availableIn?: number } }).response?.availableIn ?? 60
    )
    response.header('Retry-After', String(Math.max(1, Math.ceil(seconds))))
    items = [
      {
        code: 'too_many_requests',
        message: i18n.t('api.errors.too_many_requests', { seconds: Math.max(1, seconds) }),
      },
    ]
  } else if (status >= 500) {
    const detail =
      options.debug && error instanceof Error ? error.message : i18n.t('api.errors.server_error')
    items = [{ code: 'server_error', message: detail }]
  } else {
    const code = CODES_BY_STATUS[status] ?? 'error'
    const key = `api.errors.${code}`
    items = [{ code, message: i18n.hasMessage(key) ? i18n.t(key) : i18n.t('api.errors.error') }]
  }

  if (status === 401 && !response.getHeader('WWW-Authenticate')) {
    response.header('WWW-Authenticate', 'Bearer realm="atvieglo"')
  }
  const body: { errors: ApiErrorItem[]; request_id?: string } = { errors: items }
  const requestId = ctx.request.id()
  if (requestId) body.request_id = requestId
  response.status(status).json(body)
}
