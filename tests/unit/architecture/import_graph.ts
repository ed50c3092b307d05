import { readFile } from 'node:fs/promises'
import { glob } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import ts from 'typescript'

/** Every module specifier a source imports: static, type-only, re-exports and dynamic import(). */
export function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName)
}

/** Subpath aliases of package.json that name a context by another name. */
const ALIASES: Record<string, string> = { middleware: 'platform', providers: 'platform' }

/**
 * Where an import lands: a context of app/ ("registers"), "plugins", or null (a package,
 * config, start, database, tests, generated code).
 */
export function landingOf(fromFile: string, specifier: string): string | null {
  if (specifier.startsWith('#')) {
    const [alias, first] = specifier.slice(1).split('/')
    if (alias === 'app') return first ?? null
    if (alias === 'plugins') return 'plugins'
    if (ALIASES[alias]) return ALIASES[alias]
    return ['config', 'start', 'database', 'tests', 'generated'].includes(alias) ? null : alias
  }
  if (!specifier.startsWith('.')) return null
  const target = join(dirname(fromFile), specifier)
  const [top, context] = target.split('/')
  if (top === 'app') return context ?? null
  if (top === 'plugins') return 'plugins'
  return null
}

export interface ImportEdge {
  file: string
  specifier: string
  landing: string
}

/** The imports of every file matching the patterns (paths relative to `root`). */
export async function importEdges(root: string, patterns: string[]): Promise<ImportEdge[]> {
  const edges: ImportEdge[] = []
  for (const pattern of patterns) {
    for await (const file of glob(pattern, { cwd: root })) {
      const path = relative(root, join(root, file))
      const source = await readFile(join(root, path), 'utf8')
      for (const specifier of importsOf(source)) {
        const landing = landingOf(path, specifier)
        if (landing) edges.push({ file: path, specifier, landing })
      }
    }
  }
  return edges
}
