import { createReadStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import i18nManager from '@adonisjs/i18n/services/main'
import { CsvWriter, csvField } from '#registers/population/csv_writer'
import type { FileKind, RowIssue } from '#registers/import/row_validator'
import { FILE_KINDS } from '#registers/import/file_set'

const HEADER = 'file,line,column,reason,description'

/**
 * The error report of one import: `file,line,column,reason,description`, one line per rejected
 * row, the description in the import's locale.
 *
 * Files load concurrently: while they load, each writes its issues to a part of its own
 * (`<report>.<file>.part`); `assemble` joins the parts in file order into the report, to which
 * the apply phase then appends its rejects.
 */
export class ImportErrorReport {
  readonly path: string
  #parts = new Map<FileKind, CsvWriter>()
  #report: CsvWriter | null = null
  #closed = false
  #i18n

  constructor(path: string, locale?: string) {
    this.path = path
    this.#i18n = i18nManager.locale(locale ?? i18nManager.defaultLocale)
  }

  async prepare() {
    await mkdir(dirname(this.path), { recursive: true })
  }

  async write(kind: FileKind, issue: RowIssue) {
    let writer = this.#report
    if (!writer) {
      writer = this.#parts.get(kind) ?? null
      if (!writer) {
        writer = new CsvWriter(this.#partPath(kind), '')
        this.#parts.set(kind, writer)
      }
    }
    writer.line(this.#line(kind, issue))
    await writer.maybeFlush()
  }

  /** Joins the loading phase's parts into the report, in file order. */
  async assemble() {
    const report = new CsvWriter(this.path, HEADER)
    this.#report = report
    for (const kind of FILE_KINDS) {
      const part = this.#parts.get(kind)
      if (!part) continue
      this.#parts.delete(kind)
      await part.close()
      let carry = ''
      // The part starts with the empty header line CsvWriter always writes.
      let skipFirst = true
      for await (const chunk of createReadStream(this.#partPath(kind), { encoding: 'utf8' })) {
        let text = carry + (chunk as string)
        if (skipFirst) {
          text = text.slice(1)
          skipFirst = false
        }
        const last = text.lastIndexOf('\n')
        if (last === -1) {
          carry = text
          continue
        }
        report.line(text.slice(0, last))
        carry = text.slice(last + 1)
        await report.maybeFlush()
      }
      if (carry) report.line(carry)
      await rm(this.#partPath(kind), { force: true })
    }
  }

  async close() {
    await this.#report!.close()
    this.#closed = true
  }

  /** After a failure: closes what is open and removes the parts; the report written so far stays. */
  async abandon() {
    if (!this.#closed) await this.#report?.close().catch(() => {})
    for (const [kind, part] of this.#parts) {
      await part.close().catch(() => {})
      await rm(this.#partPath(kind), { force: true })
    }
    this.#parts.clear()
  }

  #partPath(kind: FileKind) {
    return `${this.path}.${kind}.part`
  }

  #line(kind: FileKind, issue: RowIssue) {
    return [
      kind,
      String(issue.line),
      issue.column ?? '',
      issue.reason,
      csvField(this.#describe(issue)),
    ].join(',')
  }

  #describe(issue: RowIssue) {
    const detail = issue.detail && `registers.import.details.${issue.detail.key}`
    if (detail && this.#i18n.hasMessage(detail)) return this.#i18n.t(detail, issue.detail!.values)
    const key = `registers.import.reasons.${issue.reason}`
    return this.#i18n.hasMessage(key) ? this.#i18n.t(key) : issue.reason
  }
}
