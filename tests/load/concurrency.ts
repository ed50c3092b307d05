/**
 * Concurrent users against a running demo installation (`npm run demo`, embedded or on
 * DATABASE_URL): staff who log in and browse the portal, grantor systems that take tokens and
 * read entitlements, a register that pushes changes, and an operator upload that runs an
 * import meanwhile. Every answer is checked: no error, no hang, and no answer carrying another
 * client's data (each staff page must name its own user and tenant; each grantor answer must
 * equal the answer that client got alone before the load began).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { authenticator } from 'otplib'

export const DEMO_PASSWORD = 'Atvieglo-demo-2026'
const DEMO_TOTP_SECRET = 'CNLCIHSMHVFUSOCOMZVSEEQKP5RRKZKG'
const OPERATOR = 'operators@demo.atvieglo.lv'
const REQUEST_TIMEOUT_MS = 10_000

/** Demo staff with the tenant their pages must name. */
const STAFF: Array<{ email: string; tenant: string; grantor: boolean }> = [
  {
    email: 'riga.admin@demo.atvieglo.lv',
    tenant: 'Rīgas valstspilsētas pašvaldība',
    grantor: true,
  },
  { email: 'atd.admin@demo.atvieglo.lv', tenant: 'Autotransporta direkcija', grantor: true },
  { email: 'maxima.admin@demo.atvieglo.lv', tenant: 'SIA Maxima Latvija', grantor: true },
  {
    email: 'riga.analyst@demo.atvieglo.lv',
    tenant: 'Rīgas valstspilsētas pašvaldība',
    grantor: false,
  },
  {
    email: 'sif.benefits@demo.atvieglo.lv',
    tenant: 'Sabiedrības integrācijas fonds',
    grantor: false,
  },
  { email: 'rs.operator@demo.atvieglo.lv', tenant: 'Rīgas satiksme', grantor: false },
]

export interface LoadOptions {
  baseUrl: string
  clients: number
  seconds: number
  /** The demo population's file set: persons to read, and the files the operator uploads. */
  populationDir: string
  /** Only grantor reads (the benchmark's measured mix). */
  readsOnly?: boolean
}

export interface Stat {
  requests: number
  errors: number
  p50: number
  p99: number
  max: number
}

export interface LoadReport {
  byKind: Record<string, Stat>
  total: Stat
  failures: string[]
  mixed: number
  importStatus: string | null
}

class Recorder {
  readonly samples = new Map<string, number[]>()
  readonly errors = new Map<string, number>()
  readonly failures: string[] = []
  mixed = 0

  ok(kind: string, ms: number) {
    const list = this.samples.get(kind) ?? []
    list.push(ms)
    this.samples.set(kind, list)
  }

  fail(kind: string, ms: number, what: string) {
    this.ok(kind, ms)
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1)
    if (this.failures.length < 30) this.failures.push(`${kind}: ${what}`)
  }

  crossed(kind: string, what: string) {
    this.mixed++
    this.fail(kind, 0, `ANOTHER CLIENT'S DATA: ${what}`)
  }
}

/** Latency percentiles of a list of durations in ms. */
export function stat(samples: number[], errors: number): Stat {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0
  return { requests: sorted.length, errors, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 }
}

/** The Inertia page object of a server-rendered page (null when the answer is none). */
function inertiaPage(html: string): any {
  const json = /<script data-page="app" type="application\/json">([\s\S]*?)<\/script>/.exec(html)
  return json ? JSON.parse(json[1]) : null
}

/** A browser-like session: a cookie jar and the CSRF token of the last page. */
class Session {
  #jar = new Map<string, string>()
  csrf = ''

  constructor(private baseUrl: string) {}

  async request(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers)
    if (this.#jar.size)
      headers.set('cookie', [...this.#jar].map(([k, v]) => `${k}=${v}`).join('; '))
    const response = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const at = pair.indexOf('=')
      this.#jar.set(pair.slice(0, at), pair.slice(at + 1))
    }
    return response
  }

  /** GETs an Inertia page and returns its page object. */
  async page(path: string): Promise<{ status: number; page: any }> {
    const response = await this.request(path)
    const page = inertiaPage(await response.text())
    if (page?.props?.csrfToken) this.csrf = page.props.csrfToken
    return { status: response.status, page }
  }

  form(path: string, fields: Record<string, string | string[]>) {
    const body = new URLSearchParams()
    for (const [key, value] of Object.entries({ ...fields, _csrf: this.csrf })) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v)
    }
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    })
  }

  async login(email: string) {
    await this.page('/login')
    const response = await this.form('/login', { email, password: DEMO_PASSWORD })
    const location = response.headers.get('location') ?? ''
    if (response.status !== 302 || location.includes('/login')) {
      throw new Error(`${email}: login answered ${response.status} → ${location}`)
    }
    if (location.includes('two-factor')) {
      await this.page(location)
      const totp = await this.form('/two-factor/challenge', {
        code: authenticator.generate(DEMO_TOTP_SECRET),
      })
      if (totp.status !== 302) throw new Error(`${email}: TOTP answered ${totp.status}`)
    }
  }
}

interface ApiClientSecret {
  clientId: string
  secret: string
}

async function createApiClient(
  session: Session,
  path: string,
  scopes: string[]
): Promise<ApiClientSecret> {
  const response = await session.form(path, {
    'name': `Load test ${Date.now()}`,
    'scopes[]': scopes,
    'rateLimitPerMinute': '100000',
  })
  const props = inertiaPage(await response.text())?.props
  if (!props?.secret)
    throw new Error(`creating an API client at ${path} answered ${response.status}`)
  return { clientId: props.client.clientId, secret: props.secret }
}

async function token(
  baseUrl: string,
  client: ApiClientSecret
): Promise<{ status: number; token?: string }> {
  const response = await fetch(`${baseUrl}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.secret,
    }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
  const body: any = await response.json().catch(() => null)
  return { status: response.status, token: body?.access_token }
}

async function getJson(baseUrl: string, path: string, bearer: string) {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
  return { status: response.status, text: await response.text() }
}

async function readCsvColumn(file: string, column: number, limit: number): Promise<string[]> {
  const text = await readFile(file, 'utf8')
  const lines = text.split('\n').slice(1, limit + 1)
  return lines.filter(Boolean).map((line) => line.split(',')[column])
}

async function timed<T>(
  recorder: Recorder,
  kind: string,
  work: () => Promise<T>,
  check: (value: T) => string | null
) {
  const started = performance.now()
  try {
    const value = await work()
    const problem = check(value)
    const ms = performance.now() - started
    if (problem) recorder.fail(kind, ms, problem)
    else recorder.ok(kind, ms)
  } catch (error) {
    recorder.fail(kind, performance.now() - started, (error as Error).message)
  }
}

interface Grantor {
  email: string
  /** One API client per loop of this grantor, as each system of a grantor has its own. */
  clients: ApiClientSecret[]
  /** personal code → the answer this grantor's system got alone, before the load. */
  expected: Map<string, string>
}

/** A system renews its token well before it expires; here twice a run, within the limits. */
const TOKEN_RENEWAL_MS = 10_000

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const { baseUrl } = options
  const recorder = new Recorder()
  const codes = await readCsvColumn(join(options.populationDir, 'persons.csv'), 0, 400)
  const readCodes = codes.slice(0, 300)
  const pushCodes = codes.slice(300)

  // Set-up, one client at a time: API clients made by the tenants' admins and the operator,
  // and each grantor's answers for the persons it will read, taken while nothing else runs.
  const grantors: Grantor[] = []
  const grantorStaff = STAFF.filter((s) => s.grantor)
  const grantorLoops = options.readsOnly ? options.clients : Math.ceil((options.clients - 1) / 2)
  for (const staff of grantorStaff) {
    const session = new Session(baseUrl)
    await session.login(staff.email)
    await session.page('/staff/api-clients')
    const clients: ApiClientSecret[] = []
    for (let i = 0; i < Math.ceil(grantorLoops / grantorStaff.length); i++) {
      clients.push(
        await createApiClient(session, '/staff/api-clients', [
          'entitlements:read',
          'catalogue:read',
        ])
      )
    }
    const { token: bearer } = await token(baseUrl, clients[0])
    if (!bearer) throw new Error(`${staff.email}: no token for the new API client`)
    const expected = new Map<string, string>()
    for (const code of readCodes) {
      const { status, text } = await getJson(
        baseUrl,
        `/api/v1/entitlements?personal_code=${code}&at=2026-12-01`,
        bearer
      )
      if (status !== 200) throw new Error(`${staff.email}: entitlements answered ${status}`)
      expected.set(code, text)
    }
    grantors.push({ email: staff.email, clients, expected })
  }

  const operator = new Session(baseUrl)
  let sourceId: number | null = null
  let pushClient: ApiClientSecret | null = null
  if (!options.readsOnly) {
    await operator.login(OPERATOR)
    const sources = await operator.page('/operator/registers/sources')
    sourceId = (sources.page?.props?.sources ?? []).find((s: any) => s.code === 'pmlp')?.id ?? null
    if (!sourceId)
      throw new Error('the demo data source "pmlp" is missing (is the demo population loaded?)')
    await operator.page(`/operator/registers/sources/${sourceId}`)
    pushClient = await createApiClient(
      operator,
      `/operator/registers/sources/${sourceId}/api-clients`,
      ['registers:write']
    )
  }

  const deadline = Date.now() + options.seconds * 1000
  const running = () => Date.now() < deadline

  const grantorLoop = async (index: number) => {
    const grantor = grantors[index % grantors.length]
    const client = grantor.clients[Math.floor(index / grantors.length) % grantor.clients.length]
    let bearer = ''
    let tokenAt = 0
    while (running()) {
      if (!bearer || (!options.readsOnly && Date.now() - tokenAt > TOKEN_RENEWAL_MS)) {
        await timed(
          recorder,
          'token',
          () => token(baseUrl, client),
          (r) => {
            if (r.status !== 200 || !r.token) return `status ${r.status}`
            bearer = r.token
            tokenAt = Date.now()
            return null
          }
        )
        if (!bearer) continue
      }
      const code = readCodes[Math.floor(Math.random() * readCodes.length)]
      await timed(
        recorder,
        'grantor read',
        () => getJson(baseUrl, `/api/v1/entitlements?personal_code=${code}&at=2026-12-01`, bearer),
        (r) => {
          if (r.status !== 200) return `status ${r.status}`
          if (r.text !== grantor.expected.get(code)) {
            recorder.crossed(
              'grantor read',
              `${grantor.email} asked for ${code} and got ${r.text.slice(0, 200)}`
            )
          }
          return null
        }
      )
    }
  }

  // What each staff member's pages answer when nobody else is on (a role may be refused some).
  const pagePaths = [
    '/staff',
    '/staff/catalogue/benefits',
    '/staff/entitlements',
    '/staff/api-clients',
  ]
  const expectedStatus = new Map<string, number>()
  if (!options.readsOnly) {
    for (const staff of STAFF) {
      const session = new Session(baseUrl)
      await session.login(staff.email)
      for (const path of pagePaths) {
        const { status } = await session.page(path)
        expectedStatus.set(`${staff.email} ${path}`, status)
      }
    }
  }

  const staffLoop = async (index: number) => {
    const staff = STAFF[index % STAFF.length]
    let session: Session | null = null
    let views = 0
    while (running()) {
      if (!session || views % 10 === 0) {
        const fresh = new Session(baseUrl)
        await timed(
          recorder,
          'staff login',
          () => fresh.login(staff.email),
          () => null
        )
        session = fresh
      }
      const path = pagePaths[views++ % pagePaths.length]
      await timed(
        recorder,
        'portal page',
        () => session!.page(path),
        ({ status, page }) => {
          const expected = expectedStatus.get(`${staff.email} ${path}`)
          if (status !== expected)
            return `${staff.email} ${path} answered ${status}, alone ${expected}`
          if (status !== 200) return null
          const email = page?.props?.user?.email
          const tenant = page?.props?.tenancy?.current?.name
          if (email !== staff.email || tenant !== staff.tenant) {
            recorder.crossed(
              'portal page',
              `${staff.email} (${staff.tenant}) got ${path} as ${email} (${tenant})`
            )
          }
          return null
        }
      )
    }
  }

  const pushLoop = async () => {
    let bearer = ''
    let round = 0
    while (running()) {
      if (!bearer) {
        await timed(
          recorder,
          'token',
          () => token(baseUrl, pushClient!),
          (r) => {
            bearer = r.token ?? ''
            return r.status === 200 ? null : `status ${r.status}`
          }
        )
        continue
      }
      const code = pushCodes[round++ % pushCodes.length]
      const facts = [
        {
          personal_code: code,
          attribute: 'status.repressed',
          value: 'true',
          valid_from: '2020-01-01',
          valid_to: round % 2 ? '2030-12-31' : null,
        },
      ]
      await timed(
        recorder,
        'register push',
        async () => {
          const response = await fetch(`${baseUrl}/api/v1/registers/pmlp/changes`, {
            method: 'POST',
            headers: { 'authorization': `Bearer ${bearer}`, 'content-type': 'application/json' },
            body: JSON.stringify({ mode: 'delta', persons: [], facts }),
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          })
          return { status: response.status, body: (await response.json().catch(() => null)) as any }
        },
        (r) =>
          r.status === 200 && r.body?.rejected?.length === 0
            ? null
            : `status ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`
      )
    }
  }

  const upload = async (): Promise<string | null> => {
    const form = new FormData()
    form.append('_csrf', operator.csrf)
    form.append('mode', 'delta')
    for (const kind of ['persons', 'facts', 'identifiers']) {
      const file = join(options.populationDir, `${kind}.csv`)
      form.append(kind, new Blob([await readFile(file)], { type: 'text/csv' }), `${kind}.csv`)
    }
    const response = await operator.request(`/operator/registers/sources/${sourceId}/imports`, {
      method: 'POST',
      body: form,
    })
    const location = response.headers.get('location') ?? ''
    if (response.status !== 302 || !/imports\/\d+/.test(location)) {
      recorder.fail('import upload', 0, `answered ${response.status} → ${location}`)
      return null
    }
    return location
  }

  const workers: Promise<void>[] = []
  const uploadStarted = options.readsOnly ? null : upload()
  const clients = options.readsOnly ? options.clients : options.clients - 1
  let grantorLoopsStarted = 0
  let staffLoopsStarted = 0
  for (let i = 0; i < clients; i++) {
    workers.push(
      options.readsOnly || i % 2 === 0
        ? grantorLoop(grantorLoopsStarted++)
        : staffLoop(staffLoopsStarted++)
    )
  }
  if (!options.readsOnly) workers.push(pushLoop())
  await Promise.all(workers)

  let importStatus: string | null = null
  const importPage = await uploadStarted
  if (importPage) {
    for (let i = 0; i < 120; i++) {
      const response = await operator.request(`${importPage}/progress`)
      const body: any = await response.json().catch(() => null)
      importStatus = body?.status ?? `HTTP ${response.status}`
      if (importStatus !== 'running' && importStatus !== 'queued') break
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
    if (importStatus !== 'succeeded')
      recorder.fail('import upload', 0, `the import ended ${importStatus}`)
  }

  const byKind: Record<string, Stat> = {}
  const all: number[] = []
  let errors = 0
  for (const [kind, samples] of recorder.samples) {
    byKind[kind] = stat(samples, recorder.errors.get(kind) ?? 0)
    all.push(...samples)
    errors += recorder.errors.get(kind) ?? 0
  }
  return {
    byKind,
    total: stat(all, errors),
    failures: recorder.failures,
    mixed: recorder.mixed,
    importStatus,
  }
}

export function formatReport(report: LoadReport): string {
  const rows = Object.entries(report.byKind).map(
    ([kind, s]) =>
      `  ${kind.padEnd(14)} ${String(s.requests).padStart(7)} requests ${String(s.errors).padStart(5)} errors  p50 ${s.p50.toFixed(1).padStart(7)} ms  p99 ${s.p99.toFixed(1).padStart(7)} ms  max ${s.max.toFixed(0).padStart(6)} ms`
  )
  const t = report.total
  return [
    ...rows,
    `  ${'all'.padEnd(14)} ${String(t.requests).padStart(7)} requests ${String(t.errors).padStart(5)} errors  p50 ${t.p50.toFixed(1).padStart(7)} ms  p99 ${t.p99.toFixed(1).padStart(7)} ms  max ${t.max.toFixed(0).padStart(6)} ms`,
    `  answers carrying another client's data: ${report.mixed}`,
    ...(report.importStatus ? [`  import uploaded during the load: ${report.importStatus}`] : []),
    ...report.failures.map((f) => `  ! ${f}`),
  ].join('\n')
}
