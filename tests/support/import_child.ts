/*
| A register import in a process of its own, for tests that kill it (`kill -9`) mid-way:
|   node --import=@poppinss/ts-exec tests/support/import_child.ts <importId> <loading|apply>
| It runs the queued import `<importId>` as the import job would, and prints `HOLDING` and
| waits forever once it is mid-way: `loading` after the first half of persons.csv was sent to
| its worker, `apply` inside the apply transaction, after the persons were written.
*/
import 'reflect-metadata'
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { Ignitor } from '@adonisjs/core'

const APP_ROOT = new URL('../../', import.meta.url)
const importer = (filePath: string) =>
  filePath.startsWith('./') || filePath.startsWith('../')
    ? import(new URL(filePath, APP_ROOT).href)
    : import(filePath)

const [importId, holdAt] = process.argv.slice(2)
const app = new Ignitor(APP_ROOT, { importer }).createApp('console')
app.booting(async () => {
  await import('#start/env')
})
await app.init()
await app.boot()
await app.start(async () => {})

const { default: RegisterImport } = await import('#registers/models/register_import')
const { getDataSource } = await import('#registers/queries/data_sources')
const { importFileSet } = await import('#registers/import/import_file_set')
const { fileSetFromDirectory } = await import('#registers/import/file_set')
const queued = await RegisterImport.findOrFail(Number(importId))
const uploadDir = queued.uploadDir!

const hold = async (): Promise<never> => {
  process.stdout.write('HOLDING\n')
  return new Promise<never>(() => {})
}

const files = await fileSetFromDirectory(uploadDir)
if (holdAt === 'loading') {
  const path = join(uploadDir, 'persons.csv')
  files.persons = async function* () {
    const file = await open(path)
    const { size } = await file.stat()
    const half = Buffer.alloc(Math.floor(size / 2))
    await file.read(half, 0, half.length, 0)
    await file.close()
    yield half
    // Give the worker time to validate and COPY the half, then hang mid-file.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    await hold()
  }
}
await importFileSet(files, {
  source: await getDataSource(queued.dataSourceId),
  mode: queued.mode,
  importId: Number(importId),
  origin: 'portal',
  onStep: holdAt === 'apply' ? (step) => (step === 'persons' ? hold() : undefined) : undefined,
})
