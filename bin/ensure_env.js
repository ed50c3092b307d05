/*
| Creates .env from .env.example when it is missing and fills in a fresh APP_KEY, so a fresh
| clone runs `npm run demo` and `npm run bench` without a manual setup step; upgrades a setting
| an older .env may hold.
*/
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'

const envFile = new URL('../.env', import.meta.url)
const exampleFile = new URL('../.env.example', import.meta.url)

/** @param {(message: string) => void} say */
export async function ensureEnvFile(say) {
  if (!existsSync(envFile)) {
    const example = await readFile(exampleFile, 'utf8')
    await writeFile(envFile, example)
    say('created .env from .env.example')
  }
  let contents = await readFile(envFile, 'utf8')
  // Sessions moved to the server (SECURITY.md): a .env made before keeps working.
  if (/^SESSION_DRIVER=cookie\s*$/m.test(contents)) {
    contents = contents.replace(/^SESSION_DRIVER=cookie\s*$/m, 'SESSION_DRIVER=database')
    await writeFile(envFile, contents)
    say(
      'SESSION_DRIVER=cookie in .env is now SESSION_DRIVER=database (sessions live on the server)'
    )
  }
  if (/^APP_KEY=\S+/m.test(contents)) return
  // 32 URL-safe characters, like `node ace generate:key`.
  const key = randomBytes(24).toString('base64url')
  const updated = /^APP_KEY=.*$/m.test(contents)
    ? contents.replace(/^APP_KEY=.*$/m, `APP_KEY=${key}`)
    : `${contents.trimEnd()}\nAPP_KEY=${key}\n`
  await writeFile(envFile, updated)
  say('generated a fresh APP_KEY in .env')
}
