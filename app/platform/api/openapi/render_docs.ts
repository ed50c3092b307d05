import { createHash } from 'node:crypto'
import type { I18n } from '@adonisjs/i18n'
import type { OpenApiObject } from '#platform/api/openapi/registry'

/**
 * A readable, self-contained HTML rendering of the OpenAPI document for
 * /api/docs: no scripts and no CDN, just operations, parameters and schemas.
 */
type Schema = Record<string, any>

const DOCS_STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#0b0c0c;max-width:60rem;margin:0 auto;padding:1rem 1.5rem 4rem;line-height:1.5}
h1{font-size:2rem;margin-bottom:.25rem}h2{border-bottom:2px solid #0b0c0c;margin-top:2.5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{text-align:left;border-bottom:1px solid #b1b4b6;padding:.4rem .5rem;vertical-align:top}
code{font-family:ui-monospace,Consolas,monospace;background:#f3f2f1;padding:0 .2rem}
.op{border-left:4px solid #1d70b8;padding-left:1rem;margin:1.5rem 0}.method{font-weight:700;padding:.1rem .4rem;color:#fff;background:#1d70b8}
.method-post{background:#00703c}.method-delete{background:#d4351c}.method-put,.method-patch{background:#f47738;color:#0b0c0c}
.req{font-size:.8rem;color:#d4351c}a{color:#1d70b8}a:focus{outline:3px solid #fd0;background:#fd0;color:#0b0c0c}
`

/** The page's policy: its one <style> element, by hash; nothing else loads. */
export const DOCS_CSP = [
  `default-src 'none'`,
  `style-src 'sha256-${createHash('sha256').update(DOCS_STYLE).digest('base64')}'`,
  `frame-ancestors 'none'`,
  `base-uri 'none'`,
  `form-action 'none'`,
].join('; ')
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

const escape = (value: unknown) =>
  String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')

const anchor = (value: string) => value.replace(/[^A-Za-z0-9_-]+/g, '-')

function typeOf(schema: Schema | undefined): string {
  if (!schema) return ''
  if (schema.$ref) {
    const name = String(schema.$ref).split('/').pop()!
    return `<a href="#schema-${anchor(name)}">${escape(name)}</a>`
  }
  if (schema.type === 'array') return `${typeOf(schema.items)}[]`
  if (schema.const !== undefined) return `<code>${escape(JSON.stringify(schema.const))}</code>`
  if (schema.enum) return schema.enum.map((v: unknown) => `<code>${escape(v)}</code>`).join(' | ')
  for (const key of ['oneOf', 'anyOf'] as const)
    if (schema[key]) return schema[key].map((s: Schema) => typeOf(s)).join(' | ')
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any')
  return escape(schema.format ? `${type} (${schema.format})` : type)
}

function propertiesTable(schema: Schema, i18n: I18n) {
  const properties = Object.entries((schema.properties ?? {}) as Record<string, Schema>)
  if (properties.length === 0) return `<p>${typeOf(schema)}</p>`
  const required = new Set<string>(schema.required ?? [])
  const rows = properties
    .map(
      ([name, property]) =>
        `<tr><td><code>${escape(name)}</code>${required.has(name) ? ` <span class="req">${escape(i18n.t('api.docs.required'))}</span>` : ''}</td><td>${typeOf(property)}</td><td>${escape(property.description ?? '')}</td></tr>`
    )
    .join('')
  return `<table><thead><tr><th>${escape(i18n.t('api.docs.field'))}</th><th>${escape(i18n.t('api.docs.type'))}</th><th>${escape(i18n.t('api.docs.description'))}</th></tr></thead><tbody>${rows}</tbody></table>`
}

function operationHtml(method: string, path: string, op: Schema, i18n: I18n) {
  const parts: string[] = []
  const id = anchor(op.operationId ?? `${method}-${path}`)
  parts.push(
    `<section class="op" id="op-${id}"><h3><span class="method method-${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>`
  )
  if (op.summary) parts.push(`<p><strong>${escape(op.summary)}</strong></p>`)
  if (op.description) parts.push(`<p>${escape(op.description)}</p>`)
  const scopes: string[] = (op.security ?? []).flatMap((s: Record<string, string[]>) =>
    Object.values(s).flat()
  )
  const needsToken = (op.security ?? []).some((s: Schema) => 'clientCredentials' in s)
  if (needsToken) {
    parts.push(
      `<p>${escape(i18n.t('api.docs.auth_bearer'))}${scopes.length ? ` ${escape(i18n.t('api.docs.scopes'))}: ${scopes.map((s) => `<code>${escape(s)}</code>`).join(', ')}` : ''}</p>`
    )
  }
  if (op.parameters?.length) {
    const rows = (op.parameters as Schema[])
      .map(
        (p) =>
          `<tr><td><code>${escape(p.name)}</code>${p.required ? ` <span class="req">${escape(i18n.t('api.docs.required'))}</span>` : ''}</td><td>${escape(p.in)}</td><td>${typeOf(p.schema)}</td><td>${escape(p.description ?? '')}</td></tr>`
      )
      .join('')
    parts.push(
      `<h4>${escape(i18n.t('api.docs.parameters'))}</h4><table><thead><tr><th>${escape(i18n.t('api.docs.name'))}</th><th>${escape(i18n.t('api.docs.in'))}</th><th>${escape(i18n.t('api.docs.type'))}</th><th>${escape(i18n.t('api.docs.description'))}</th></tr></thead><tbody>${rows}</tbody></table>`
    )
  }
  if (op.requestBody?.content) {
    const bodies = Object.entries(op.requestBody.content as Record<string, Schema>)
      .map(([type, media]) => `<li><code>${escape(type)}</code>: ${typeOf(media.schema)}</li>`)
      .join('')
    parts.push(`<h4>${escape(i18n.t('api.docs.request_body'))}</h4><ul>${bodies}</ul>`)
  }
  const responses = Object.entries((op.responses ?? {}) as Record<string, Schema>)
    .map(([status, response]) => {
      const media = Object.values((response.content ?? {}) as Record<string, Schema>)[0]
      return `<tr><td>${escape(status)}</td><td>${escape(response.description ?? '')}</td><td>${media ? typeOf(media.schema) : ''}</td></tr>`
    })
    .join('')
  parts.push(
    `<h4>${escape(i18n.t('api.docs.responses'))}</h4><table><thead><tr><th>${escape(i18n.t('api.docs.status'))}</th><th>${escape(i18n.t('api.docs.description'))}</th><th>${escape(i18n.t('api.docs.body'))}</th></tr></thead><tbody>${responses}</tbody></table></section>`
  )
  return parts.join('\n')
}

export function renderApiDocs(document: OpenApiObject, i18n: I18n) {
  const info = document.info as { title: string; version: string; description: string }
  const servers = document.servers as { url: string }[]
  const paths = document.paths as Record<string, Record<string, Schema>>
  const components = document.components as { schemas: Record<string, Schema> }
  const tags = (document.tags as { name: string; description?: string }[]).map((t) => t.name)

  const operations: { tag: string; html: string; title: string; id: string }[] = []
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method]
      if (!op) continue
      const tag = op.tags?.[0] ?? 'Other'
      if (!tags.includes(tag)) tags.push(tag)
      operations.push({
        tag,
        id: anchor(op.operationId ?? `${method}-${path}`),
        title: `${method.toUpperCase()} ${path}`,
        html: operationHtml(method, path, op, i18n),
      })
    }
  }

  const toc = tags
    .filter((tag) => operations.some((o) => o.tag === tag))
    .map(
      (tag) =>
        `<li>${escape(tag)}<ul>${operations
          .filter((o) => o.tag === tag)
          .map((o) => `<li><a href="#op-${o.id}">${escape(o.title)}</a></li>`)
          .join('')}</ul></li>`
    )
    .join('')
  const sections = tags
    .filter((tag) => operations.some((o) => o.tag === tag))
    .map(
      (tag) =>
        `<h2>${escape(tag)}</h2>${operations
          .filter((o) => o.tag === tag)
          .map((o) => o.html)
          .join('\n')}`
    )
    .join('\n')
  const schemas = Object.entries(components.schemas ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([name, schema]) =>
        `<section id="schema-${anchor(name)}"><h3>${escape(name)}</h3>${schema.description ? `<p>${escape(schema.description)}</p>` : ''}${propertiesTable(schema, i18n)}</section>`
    )
    .join('\n')

  return `<!doctype html>
<html lang="${escape(i18n.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(info.title)} ${escape(info.version)}</title>
<style>${DOCS_STYLE}</style>
</head>
<body>
<main id="main-content">
<h1>${escape(info.title)}</h1>
<p>${escape(i18n.t('api.docs.version'))} ${escape(info.version)} · ${escape(i18n.t('api.docs.base_url'))} <code>${escape(servers[0]?.url ?? '')}</code> · <a href="${escape(servers[0]?.url ?? '')}/openapi.json">openapi.json</a></p>
<p>${escape(info.description)}</p>
<nav aria-label="${escape(i18n.t('api.docs.contents'))}"><h2>${escape(i18n.t('api.docs.contents'))}</h2><ul>${toc}</ul></nav>
${sections}
<h2>${escape(i18n.t('api.docs.schemas'))}</h2>
${schemas}
</main>
</body>
</html>`
}
