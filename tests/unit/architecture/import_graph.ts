import { glob, readFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import ts from 'typescript'

/**
 * One module specifier in a source. `computed` marks a dynamic import whose path is built at run
 * time (`import(\`#plugins/${id}/plugin\`)`): only its leading static text is known.
 */
export interface ImportRef {
  specifier: string
  computed: boolean
}

/**
 * Every module a TypeScript source imports: `import … from`, `import type`, `export … from`,
 * `import x = require(…)`, `typeof import(…)` and dynamic `import(…)`. Parsed with the compiler,
 * so an import written in a string, a template or a comment is not one.
 */
export function importsOf(source: string): ImportRef[] {
  const file = ts.createSourceFile('source.ts', source, ts.ScriptTarget.Latest, false)
  const found: ImportRef[] = []
  const literal = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) found.push({ specifier: node.text, computed: false })
  }
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      literal(node.moduleSpecifier)
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    ) {
      literal(node.moduleReference.expression)
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      literal(node.argument.literal)
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments
      if (argument && ts.isStringLiteralLike(argument)) literal(argument)
      else if (argument && ts.isTemplateExpression(argument)) {
        found.push({ specifier: argument.head.text, computed: true })
      } else found.push({ specifier: '', computed: true })
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

/** The imports of a Vue single-file component: those of each of its `<script>` blocks. */
export function vueImportsOf(source: string): ImportRef[] {
  const scripts = source.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)
  return [...scripts].flatMap((match) => importsOf(match[1]))
}

/** Subpath imports of package.json (`#platform/*` → `./app/platform/*.js`), the aliases code uses. */
export type Aliases = Record<string, string>

export function packageAliases(root: string): Aliases {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).imports
}

/**
 * Where a file lives: its context (`registers` for `app/registers/…`), `plugins/<id>`, or its top
 * folder (`config`, `start`, `database`, `tests`…).
 */
export function placeOf(path: string): string {
  const [top, second] = normalize(path).split('/')
  if (top === 'app') return second?.includes('.') ? 'app' : second
  if (top === 'plugins') return `plugins/${second}`
  return top
}

/**
 * Where an import lands: a context of app/ (`entitlements`), a plugin (`plugins/welfare`), or null
 * for a package or a folder outside app/ and plugins/ (config, start, database, generated code).
 * A computed import whose static text stops before the context or plugin is named lands on
 * `app/*` or `plugins/*`, one of a variable on `*`: something chosen at run time.
 */
export function landingOf(fromFile: string, ref: ImportRef, aliases: Aliases): string | null {
  if (ref.computed && ref.specifier === '') return '*'
  const path = targetOf(fromFile, ref.specifier, aliases)
  if (path === null) return null
  const segments = path.split('/')
  // The text after a computed import's last slash is only the start of a name.
  if (ref.computed) segments.pop()
  const [top, name] = segments
  if (top !== 'app' && top !== 'plugins') return null
  if (!name) return `${top}/*`
  return top === 'app' ? name : `plugins/${name}`
}

/** The repository path an import names (extension as written), or null for a package. */
export function targetOf(fromFile: string, specifier: string, aliases: Aliases): string | null {
  if (specifier.startsWith('.')) return normalize(join(dirname(fromFile), specifier))
  if (!specifier.startsWith('#')) return null
  for (const [pattern, target] of Object.entries(aliases)) {
    const prefix = pattern.replace(/\*$/, '')
    if (pattern.endsWith('*') && specifier.startsWith(prefix)) {
      return normalize(target.replace('*', specifier.slice(prefix.length)))
    }
    if (pattern === specifier) return normalize(target)
  }
  return null
}

export interface ImportEdge {
  /** The importing file, relative to the app root. */
  file: string
  specifier: string
  computed: boolean
  /** The path it names, relative to the app root (`app/eligibility/main.js`). */
  target: string
  /** See landingOf: a context, `plugins/<id>`, `app/*`, `plugins/*` or `*`. */
  landing: string
}

/** The imports of every .ts and .vue file under the given folders, that land in app/ or plugins/. */
export async function importEdges(root: string, folders: string[]): Promise<ImportEdge[]> {
  const aliases = packageAliases(root)
  const edges: ImportEdge[] = []
  for (const file of await sourceFiles(root, folders)) {
    const source = await readFile(join(root, file), 'utf8')
    const refs = file.endsWith('.vue') ? vueImportsOf(source) : importsOf(source)
    for (const ref of refs) {
      const landing = landingOf(file, ref, aliases)
      if (!landing) continue
      const target = targetOf(file, ref.specifier, aliases) ?? ''
      edges.push({ file, specifier: ref.specifier, computed: ref.computed, target, landing })
    }
  }
  return edges
}

/** The .ts and .vue files under the folders, relative to `root`, sorted. */
export async function sourceFiles(root: string, folders: string[]): Promise<string[]> {
  const files: string[] = []
  for (const folder of folders) {
    for await (const file of glob(`${folder}/**/*.{ts,vue}`, { cwd: root })) {
      files.push(normalize(file))
    }
  }
  return files.sort()
}
