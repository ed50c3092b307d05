import http from 'node:http'
import { authenticator } from 'otplib'

export type WebResponse = {
  status: number
  location: string
  page: any
  body: string
  setCookies: string[]
}

/**
 * A browser driven as an attacker would: raw cookies that can be copied to
 * another client, real HTTP to the test server, and (on Linux, where all of
 * 127.0.0.0/8 is loopback) a chosen source address to play another machine.
 */
export class WebClient {
  #jar = new Map<string, string>()
  csrf = ''

  constructor(
    private options: { localAddress?: string; headers?: () => Record<string, string> } = {}
  ) {}

  /** Another client that starts with a copy of this one's cookies (a stolen cookie). */
  copy(options = this.options) {
    const thief = new WebClient(options)
    for (const [name, value] of this.#jar) thief.#jar.set(name, value)
    thief.csrf = this.csrf
    return thief
  }

  cookie(name: string) {
    return this.#jar.get(name)
  }

  /** GETs a page; keeps the CSRF token of an Inertia page. */
  async get(path: string) {
    const response = await this.request('GET', path)
    if (response.page?.props?.csrfToken) this.csrf = response.page.props.csrfToken
    return response
  }

  /** Where a GET ends: `page` when it is shown, `→ /path` when redirected, else the status. */
  async reach(path: string) {
    const response = await this.get(path)
    if (response.status === 200) return 'page'
    return response.location ? `→ ${response.location}` : String(response.status)
  }

  /** Submits a form as the page would, with the CSRF token of the last page. */
  send(method: 'POST' | 'PUT' | 'DELETE', path: string, fields: Record<string, string> = {}) {
    const body = new URLSearchParams({ ...fields, _csrf: this.csrf }).toString()
    return this.request(method, path, body, { 'x-csrf-token': this.csrf })
  }

  /** Password login (and the TOTP step when a secret is given); answers where it landed. */
  async login(email: string, password: string, totpSecret?: string) {
    await this.get('/login')
    let response = await this.send('POST', '/login', { email, password })
    if (totpSecret && response.location.includes('/two-factor/challenge')) {
      await this.get('/two-factor/challenge')
      response = await this.send('POST', '/two-factor/challenge', {
        code: authenticator.generate(totpSecret),
      })
    }
    return response
  }

  request(
    method: string,
    path: string,
    body?: string,
    extraHeaders: Record<string, string> = {}
  ): Promise<WebResponse> {
    const headers: Record<string, string> = { ...this.options.headers?.(), ...extraHeaders }
    if (this.#jar.size) {
      headers.cookie = [...this.#jar].map(([name, value]) => `${name}=${value}`).join('; ')
    }
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      headers['content-length'] = String(Buffer.byteLength(body))
    }

    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: process.env.HOST,
          port: process.env.PORT,
          method,
          path,
          headers,
          localAddress: this.options.localAddress,
        },
        (response) => {
          let text = ''
          response.setEncoding('utf8')
          response.on('data', (chunk) => (text += chunk))
          response.on('end', () => {
            const setCookies = response.headers['set-cookie'] ?? []
            this.#keep(setCookies)
            resolve({
              status: response.statusCode ?? 0,
              location: response.headers.location ?? '',
              page: inertiaPage(text),
              body: text,
              setCookies,
            })
          })
        }
      )
      request.on('error', reject)
      request.end(body)
    })
  }

  #keep(setCookies: string[]) {
    for (const setCookie of setCookies) {
      const [pair, ...attributes] = setCookie.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at).trim()
      const cleared = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))
      if (cleared) this.#jar.delete(name)
      else this.#jar.set(name, pair.slice(at + 1))
    }
  }
}

function inertiaPage(html: string): any {
  const json = /<script data-page="app" type="application\/json">([\s\S]*?)<\/script>/.exec(html)
  return json ? JSON.parse(json[1]) : null
}
