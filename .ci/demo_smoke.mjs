// CI smoke test of `npm run demo`: waits for the server, then signs in as
// every demo user the demo printed (the operator up to its TOTP challenge).
const base = process.argv[2] ?? 'http://localhost:3333'
/** Every login `npm run demo` prints (database/data/tenants.ts), unless some are named. */
const DEMO_USERS = [
  'operators@demo.atvieglo.lv',
  'atd.admin@demo.atvieglo.lv',
  'atd.benefits@demo.atvieglo.lv',
  'riga.admin@demo.atvieglo.lv',
  'riga.analyst@demo.atvieglo.lv',
  'sif.benefits@demo.atvieglo.lv',
  'rs.operator@demo.atvieglo.lv',
  'pv.operator@demo.atvieglo.lv',
  'muzejs.operator@demo.atvieglo.lv',
  'maxima.admin@demo.atvieglo.lv',
  'auditore@demo.atvieglo.lv',
]
const users = process.argv.length > 3 ? process.argv.slice(3) : DEMO_USERS

async function waitForServer() {
  for (let i = 0; i < 180; i++) {
    try {
      if ((await fetch(`${base}/login`)).status === 200) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  throw new Error('the demo server did not answer /login within 3 minutes')
}

async function login(email) {
  const jar = new Map()
  const keep = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const at = pair.indexOf('=')
      jar.set(pair.slice(0, at), pair.slice(at + 1))
    }
  }
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  let res = await fetch(`${base}/login`)
  keep(res)
  const csrf = /"csrfToken":"([^"]+)"/.exec(await res.text())?.[1]
  res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'cookie': cookie(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: 'Atvieglo-demo-2026', _csrf: csrf }),
  })
  const location = res.headers.get('location') ?? ''
  if (res.status !== 302 || !/\/(staff|operator|two-factor)/.test(location)) {
    throw new Error(`${email}: login answered ${res.status} → ${location}`)
  }
  console.log(`demo login ok: ${email} → ${location}`)
}

await waitForServer()
for (const email of users) await login(email)
