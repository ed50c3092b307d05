import db from '@adonisjs/lucid/services/db'
import { parse } from 'csv-parse/sync'
import { recordAudit } from '#platform/audit/record_audit'
import PersonGroup from '#catalogue/models/person_group'
import PersonGroupMember from '#catalogue/models/person_group_member'
import { CatalogueWorkflowError } from '#catalogue/errors'
import { isCalendarDate } from '#platform/calendar/calendar_dates'
import { personCodeHash, personalCodeError } from '#catalogue/support/person_code_hash'
import type { Actor } from '#catalogue/actor'

export interface RowProblem {
  /** Line in the file (the header is line 1). */
  line: number
  column: string
  reason: string
}

export interface UploadReport {
  accepted: number
  unchanged: number
  rejected: RowProblem[]
}

const HEADER = ['personal_code', 'valid_from', 'valid_to']

/**
 * Adds dated members to a list group from a CSV `personal_code,valid_from,
 * valid_to`. Every row is checked first; if any row is bad, nothing is
 * stored and the report lists each bad row by line and reason. Personal
 * codes are stored only as keyed hashes. Uploading the same file again
 * changes nothing.
 */
export default class UploadGroupMembers {
  async handle(input: { tenantId: number; groupId: number; csv: string; actor: Actor }) {
    const group = await PersonGroup.query()
      .where('tenant_id', input.tenantId)
      .where('id', input.groupId)
      .firstOrFail()
    if (group.kind !== 'list') throw new CatalogueWorkflowError('group_not_list', 'csv')

    let records: string[][]
    try {
      records = parse(input.csv.replace(/^\uFEFF/, ''), {
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true,
      })
    } catch {
      return { accepted: 0, unchanged: 0, rejected: [{ line: 1, column: '', reason: 'csv' }] }
    }
    const [header, ...rows] = records
    if (!header || HEADER.some((name, i) => header[i]?.toLowerCase() !== name)) {
      return { accepted: 0, unchanged: 0, rejected: [{ line: 1, column: '', reason: 'header' }] }
    }

    const rejected: RowProblem[] = []
    const members: { hash: string; from: string; to: string | null }[] = []
    const seen = new Set<string>()
    rows.forEach((row, index) => {
      const line = index + 2
      const [code = '', from = '', to = ''] = row
      const codeError = personalCodeError(code)
      if (codeError)
        return rejected.push({
          line,
          column: 'personal_code',
          reason: `personal_code_${codeError}`,
        })
      if (!isCalendarDate(from))
        return rejected.push({ line, column: 'valid_from', reason: 'date' })
      if (to && !isCalendarDate(to))
        return rejected.push({ line, column: 'valid_to', reason: 'date' })
      if (to && to < from) return rejected.push({ line, column: 'valid_to', reason: 'period' })
      const hash = personCodeHash(code)
      if (seen.has(`${hash}|${from}`))
        return rejected.push({ line, column: 'personal_code', reason: 'duplicate' })
      seen.add(`${hash}|${from}`)
      members.push({ hash, from, to: to || null })
    })
    if (rejected.length) return { accepted: 0, unchanged: 0, rejected }

    return db.transaction(async (trx) => {
      let accepted = 0
      let unchanged = 0
      for (const member of members) {
        const existing = await PersonGroupMember.query({ client: trx })
          .where('group_id', group.id)
          .where('person_code_hash', member.hash)
          .where('valid_from', member.from)
          .first()
        if (existing && existing.validTo === member.to) {
          unchanged++
          continue
        }
        if (existing) {
          existing.validTo = member.to
          await existing.save()
        } else {
          await PersonGroupMember.create(
            {
              tenantId: input.tenantId,
              groupId: group.id,
              personCodeHash: member.hash,
              validFrom: member.from,
              validTo: member.to,
            },
            { client: trx }
          )
        }
        accepted++
      }
      await recordAudit({
        action: 'catalogue.group.members_uploaded',
        tenantId: input.tenantId,
        actorUserId: input.actor.userId,
        actorLabel: input.actor.label,
        subjectType: 'person_group',
        subjectId: group.id,
        metadata: { accepted, unchanged },
        ctx: input.actor.ctx,
        trx,
      })
      return { accepted, unchanged, rejected: [] } as UploadReport
    })
  }
}
