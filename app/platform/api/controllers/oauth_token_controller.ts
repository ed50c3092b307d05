import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import { ApiError } from '#platform/api/api_error'
import { apiI18n } from '#platform/api/render_api_error'
import { authenticateClient } from '#platform/api/authenticate_client'
import { issueAccessToken } from '#platform/api/access_tokens'
import type { ApiScope } from '#platform/api/scopes'

/** Limits of the token endpoint (per minute); tests may lower them. */
export const tokenEndpointLimits = {
  /** Token requests per client id. */
  perClient: 30,
  /** Token requests per IP address. */
  perIp: 600,
  /** Failed client authentications per IP address, then blocked for 15 minutes. */
  failuresPerIp: 20,
}

type OAuthErrorCode =
  'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope'

/** RFC 6749 §5.2 error, with our `errors` array alongside for uniform clients. */
class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: OAuthErrorCode
  ) {
    super(error)
  }
}

function basicCredentials(ctx: HttpContext) {
  const header = ctx.request.header('authorization') ?? ''
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header)
  if (!match) return null
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return null
  // RFC 6749 §2.3.1: both parts are form-urlencoded before encoding.
  const unform = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '))
  try {
    return { id: unform(decoded.slice(0, colon)), secret: unform(decoded.slice(colon + 1)) }
  } catch {
    return null
  }
}

function stringField(value: unknown) {
  return typeof value === 'string' && value.length > 0 ? value : null
}

/**
 * POST /api/v1/oauth/token: the OAuth 2.0 client credentials grant (RFC 6749 §4.4).
 */
export default class OAuthTokenController {
  async store(ctx: HttpContext) {
    const { request, response } = ctx
    response.header('Cache-Control', 'no-store')
    response.header('Pragma', 'no-cache')
    const ipKey = `oauth:ip:${request.ip()}`

    const perIp = await limiter
      .use({ requests: tokenEndpointLimits.perIp, duration: '1 minute' })
      .increment(ipKey)
    if (perIp.consumed > perIp.limit) throw ApiError.tooManyRequests(perIp.availableIn)
    const failures = limiter.use({
      requests: tokenEndpointLimits.failuresPerIp,
      duration: '1 minute',
      blockDuration: '15 minutes',
    })
    if (await failures.isBlocked(`${ipKey}:failed`)) {
      throw ApiError.tooManyRequests(await failures.availableIn(`${ipKey}:failed`))
    }

    try {
      const body = request.all()
      const basic = basicCredentials(ctx)
      const formId = stringField(body.client_id)
      const formSecret = stringField(body.client_secret)
      // RFC 6749 §2.3: a client must not use more than one authentication method.
      if (basic && formSecret) throw new OAuthError(400, 'invalid_request')

      const grantType = stringField(body.grant_type)
      if (!grantType) throw new OAuthError(400, 'invalid_request')
      if (grantType !== 'client_credentials') throw new OAuthError(400, 'unsupported_grant_type')

      const clientId = basic?.id ?? formId
      const secret = basic?.secret ?? formSecret
      if (!clientId || !secret) throw new OAuthError(401, 'invalid_client')

      const perClient = await limiter
        .use({ requests: tokenEndpointLimits.perClient, duration: '1 minute' })
        .increment(`oauth:client:${clientId}`)
      if (perClient.consumed > perClient.limit) {
        throw ApiError.tooManyRequests(perClient.availableIn)
      }

      const client = await authenticateClient(clientId, secret)
      if (!client) {
        const failed = await failures.increment(`${ipKey}:failed`)
        if (failed.consumed >= failed.limit) await failures.block(`${ipKey}:failed`, '15 minutes')
        throw new OAuthError(401, 'invalid_client')
      }

      const requested = stringField(body.scope)?.split(' ').filter(Boolean) ?? null
      const scopes = (requested ?? client.scopes) as ApiScope[]
      if (scopes.some((scope) => !client.scopes.includes(scope))) {
        throw new OAuthError(400, 'invalid_scope')
      }

      const { token, expiresIn } = await issueAccessToken(client, [...new Set(scopes)])
      return response.json({
        access_token: token,
        token_type: 'Bearer',
        expires_in: expiresIn,
        scope: [...new Set(scopes)].join(' '),
      })
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error
      const description = apiI18n(ctx).t(`api.oauth.${error.error}`)
      if (error.status === 401) {
        response.header('WWW-Authenticate', 'Basic realm="atvieglo", charset="UTF-8"')
      }
      return response.status(error.status).json({
        error: error.error,
        error_description: description,
        errors: [{ code: error.error, message: description }],
      })
    }
  }
}
