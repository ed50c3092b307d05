import { test } from '@japa/runner'
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import { childProcessEnv } from '#tests/support/child_process_env'
import { generatePopulation } from '#registers/population/generate_population'
import { countRows, emptyRegisters, makeSource } from './import_support.js'

const PERSONS = 25_000

/** `node ace registers:import …` as an operator runs it, in its own process. */
async function aceImport(dir: string, source: string) {
  const env = await childProcessEnv()
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['ace', 'registers:import', dir, '--source', source, '--mode', 'snapshot', '--json'],
      { cwd: app.makePath(), env, stdio: ['ignore', 'pipe', 'pipe'] }
    )
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.once('error', reject)
    child.once('exit', (code) => resolve({ code, output }))
  })
}

test.group('registers:import on the command line', (group) => {
  let filesDir: string
  group.setup(async () => {
    filesDir = await mkdtemp(join(tmpdir(), 'atvieglo-command-'))
    await generatePopulation({ persons: PERSONS, seed: 'command', outDir: filesDir })
    return () => rm(filesDir, { recursive: true, force: true })
  })
  group.each.setup(async () => {
    await emptyRegisters()
    return () => emptyRegisters()
  })
  group.each.timeout(180_000)

  // Three files load at once, each on its own connection, while progress is saved on yet
  // another: the command's connection pool must hold them all (it once waited forever).
  test('imports a file set large enough to report progress while all files load', async ({
    assert,
  }) => {
    await makeSource({ code: 'cli' })
    const { code, output } = await aceImport(filesDir, 'cli')
    assert.equal(code, 0, output.slice(-2000))
    assert.equal(await countRows('persons'), PERSONS)
    assert.isAbove(await countRows('facts'), PERSONS)
    const summary = JSON.parse(output.split('\n').find((line) => line.startsWith('{'))!)
    assert.equal(summary.status, 'succeeded')
    assert.equal(summary.rejected, 0)
  })
})
