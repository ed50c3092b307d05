import type pg from 'pg'
import env from '#start/env'
import type { FileKind, RejectReason } from '#registers/import/row_validator'
import type { FileSummary } from '#registers/import/file_set'
import type { ImportMode } from '#registers/import/import_file_set'

/**
 * The set-based half of an import: staging tables in, one transaction out. Every statement
 * works on whole tables (INSERT … SELECT, UPDATE … FROM, anti-joins), never row by row.
 *
 * A stored row is unchanged when person + attribute + value + valid_from + valid_to + source
 * match (facts) or source + type + value + person + issuer + period + status match
 * (identifiers); only new or different rows are written, and each write appends one
 * `change_log` row in the same statement, so re-importing a file set changes and logs nothing.
 */
export interface StagingNames {
  persons: string
  facts: string
  identifiers: string
  held: string
  rejects: string
  newPersons: string
  factsDiff: string
  identifiersDiff: string
}

export const STAGING_COLUMNS: Record<FileKind, readonly string[]> = {
  persons: [
    'line',
    'code_hash',
    'code_encrypted',
    'format',
    'previous_hash',
    'previous_encrypted',
    'previous_format',
    'given_names',
    'surname',
    'birth_date',
    'death_date',
  ],
  facts: ['line', 'code_hash', 'attribute', 'value', 'valid_from', 'valid_to'],
  identifiers: [
    'line',
    'code_hash',
    'type',
    'value_hash',
    'list_hash',
    'value_hint',
    'issuer',
    'valid_from',
    'valid_to',
    'status',
  ],
}

export function stagingNames(importId: number): StagingNames {
  const prefix = `register_import_${importId}`
  return {
    persons: `${prefix}_persons`,
    facts: `${prefix}_facts`,
    identifiers: `${prefix}_identifiers`,
    held: `${prefix}_held`,
    rejects: `${prefix}_rejects`,
    newPersons: `${prefix}_new_persons`,
    factsDiff: `${prefix}_facts_diff`,
    identifiersDiff: `${prefix}_identifiers_diff`,
  }
}

/**
 * Staging for the loaded rows: UNLOGGED tables, as the files load concurrently over several
 * connections (a TEMP table is seen by its own session only) and need no WAL. Tables left by a
 * crashed import are dropped by the next one (`dropStaleStaging`).
 */
export async function createStagingTables(client: pg.ClientBase, n: StagingNames) {
  const kind = 'UNLOGGED'
  await client.query(`
    CREATE ${kind} TABLE ${n.persons} (
      line integer NOT NULL, code_hash text NOT NULL, code_encrypted text NOT NULL,
      format text NOT NULL, previous_hash text, previous_encrypted text, previous_format text,
      given_names text NOT NULL, surname text NOT NULL, birth_date date NOT NULL, death_date date);
    CREATE ${kind} TABLE ${n.facts} (
      line integer NOT NULL, code_hash text NOT NULL, attribute text NOT NULL,
      value text NOT NULL, valid_from date NOT NULL, valid_to date);
    CREATE ${kind} TABLE ${n.identifiers} (
      line integer NOT NULL, code_hash text NOT NULL, type text NOT NULL,
      value_hash text NOT NULL, list_hash text NOT NULL, value_hint text NOT NULL, issuer text NOT NULL,
      valid_from date NOT NULL, valid_to date, status text NOT NULL);
    CREATE ${kind} TABLE ${n.held} (file text NOT NULL, code_hash text NOT NULL);
  `)
}

export async function dropStagingTables(client: pg.ClientBase, n: StagingNames) {
  await client.query(
    `DROP TABLE IF EXISTS ${n.persons}, ${n.facts}, ${n.identifiers}, ${n.held}, ${n.rejects}, ${n.newPersons}, ${n.factsDiff}, ${n.identifiersDiff}`
  )
}

/**
 * Drops the UNLOGGED staging tables of imports that are no longer running (the recovery job
 * marks an import whose worker died as failed, see recover_dead_imports.ts).
 */
export async function dropStaleStaging(client: pg.ClientBase) {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
     WHERE c.relkind = 'r' AND c.relpersistence = 'u' AND s.nspname = current_schema()
       AND c.relname ~ '^register_import_[0-9]+_[a-z_]+$'
       AND NOT EXISTS (SELECT 1 FROM register_imports i WHERE i.status = 'running'
         AND i.id = substring(c.relname FROM '^register_import_([0-9]+)_')::bigint)`
  )
  for (const { name } of rows) await client.query(`DROP TABLE IF EXISTS ${name}`)
}

export interface RejectRow {
  file: FileKind
  line: number
  column: string | null
  reason: RejectReason
}

export interface ApplyInput {
  names: StagingNames
  importId: number
  dataSourceId: number
  mode: ImportMode
  batchDate: string
  summaries: Partial<Record<FileKind, FileSummary>>
  onStep?: (step: string) => void | Promise<void>
  writeRejects: (rows: RejectRow[]) => Promise<void>
  /** Last statement inside the transaction (marks the import finished). */
  finish: (client: pg.ClientBase) => Promise<void>
}

// Imports write one at a time: two batches creating the same new person must not race.
const APPLY_LOCK = 7_340_101

function timed(client: pg.ClientBase): pg.ClientBase {
  if (!env.get('REGISTERS_IMPORT_TIMING')) return client
  const query = client.query.bind(client) as any
  return Object.assign(Object.create(client), {
    query: async (...parameters: any[]) => {
      const started = performance.now()
      const result = await query(...parameters)
      const sql = String(parameters[0]).replace(/\s+/g, ' ').slice(0, 90)
      process.stderr.write(`\n[${(performance.now() - started).toFixed(0)} ms] ${sql}`)
      return result
    },
  })
}

export async function applyBatch(rawClient: pg.ClientBase, input: ApplyInput) {
  const client = timed(rawClient)
  const { names: n, summaries } = input
  let changeLogEntries = 0
  const step = async (name: string) => {
    await input.onStep?.(name)
  }
  await client.query('BEGIN')
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [APPLY_LOCK])
    // Sorts and hashes of millions of staged rows stay in memory; only for this transaction.
    await client.query(`SET LOCAL work_mem = '256MB'`)
    // Fresh statistics, here and after each bulk write: with a stale "empty table" estimate the
    // planner picks nested loops that rescan millions of rows per staged row.
    await client.query('ANALYZE persons, person_code_history, facts, person_identifiers')
    await client.query(
      `CREATE TEMP TABLE ${n.rejects} (file text NOT NULL, line integer NOT NULL, col text, reason text NOT NULL)`
    )
    const ctx: StepContext = { client, input, log: (entries) => (changeLogEntries += entries) }
    if (summaries.persons) {
      await applyPersons(ctx, summaries.persons)
      await step('persons')
    }
    if (summaries.facts) {
      await applyFacts(ctx, summaries.facts)
      await step('facts')
    }
    if (summaries.identifiers) {
      await applyIdentifiers(ctx, summaries.identifiers)
      await step('identifiers')
    }
    await flushRejects(ctx)
    await input.finish(client)
    await step('finish')
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
  return { changeLogEntries }
}

/**
 * Runs a bulk insert into `table` without its unique constraints, secondary indexes and foreign
 * keys when the table is empty (the first, national load), rebuilding them right after in the
 * same transaction: one sort per index and one anti-join per foreign key instead of a random
 * index page and a row-level key check (which also locks the person's row) per inserted row.
 * Integrity is the same at commit — re-adding a constraint checks every row, and a violation
 * rolls the batch back like a failing insert would. The price is an ACCESS EXCLUSIVE lock on
 * the table (and on the referenced tables) until commit, which is why it is kept to empty
 * tables: nobody reads facts that do not exist yet. Constraints other tables depend on stay.
 */
async function bulkInsert<T>(
  client: pg.ClientBase,
  table: string,
  insert: (empty: boolean) => Promise<T>,
  empty?: boolean
) {
  if (!(empty ?? (await isEmpty(client, table)))) return insert(false)
  // Only the tables' owner may drop and rebuild their indexes: the app's own role (a portal
  // upload) loads into the indexed table; `node ace registers:import` runs as the owner.
  if (!(await ownsTable(client, table))) return insert(true)
  const { rows: constraints } = await client.query<{ name: string; definition: string }>(
    `SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS definition
     FROM pg_constraint c
     WHERE c.conrelid = $1::regclass
       AND (c.contype = 'f'
            OR (c.contype = 'u' AND NOT EXISTS (
                  SELECT 1 FROM pg_constraint f
                  WHERE f.contype = 'f' AND f.confrelid = c.conrelid AND f.conindid = c.conindid)))
     ORDER BY c.contype DESC, c.conname`,
    [table]
  )
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass AND NOT i.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)
     ORDER BY c.relname`,
    [table]
  )
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`
  for (const constraint of constraints) {
    await client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${quote(constraint.name)}`)
  }
  for (const index of indexes) await client.query(`DROP INDEX ${quote(index.name)}`)
  const result = await insert(true)
  await client.query(`SET LOCAL maintenance_work_mem = '512MB'`)
  for (const index of indexes) await client.query(index.definition)
  for (const constraint of constraints) {
    await client.query(
      `ALTER TABLE ${table} ADD CONSTRAINT ${quote(constraint.name)} ${constraint.definition}`
    )
  }
  return result
}

async function ownsTable(client: pg.ClientBase, table: string) {
  const { rows } = await client.query<{ owns: boolean }>(
    `SELECT pg_has_role(relowner, 'USAGE') AS owns FROM pg_class WHERE oid = $1::regclass`,
    [table]
  )
  return rows[0]?.owns === true
}

async function isEmpty(client: pg.ClientBase, table: string) {
  const { rows } = await client.query<{ empty: boolean }>(
    `SELECT NOT EXISTS (SELECT 1 FROM ${table}) AS empty`
  )
  return rows[0]?.empty === true
}

interface StepContext {
  client: pg.ClientBase
  input: ApplyInput
  log: (count: number) => void
}

/**
 * The keys that occur on more than one line of `table`, with the first such line. Only the
 * first line of a key is applied (`rn` = 1, see firstLineFlag); the later ones are refused as
 * conflicting. A hash aggregate: numbering every row with a window function would sort millions
 * of wide rows by random 64-character hashes to find the few repeated keys. (Facts keep the
 * window: their key starts with the person's id, which sorts cheaply.)
 */
function laterLines(table: string, key: string[]) {
  const columns = key.join(', ')
  return `SELECT ${columns}, min(line) AS first_line FROM ${table}
          WHERE ${key.map((column) => `${column} IS NOT NULL`).join(' AND ')}
          GROUP BY ${columns} HAVING count(*) > 1`
}

/** 1 for a row that is the first (or only) line of its key, 2 for a later one (`d` = laterLines). */
function firstLineFlag(row: string) {
  return `CASE WHEN d.first_line IS NULL OR d.first_line = ${row}.line THEN 1 ELSE 2 END`
}

/** Every change is appended to the log in the statement that makes it. */
const LOGGED = `INSERT INTO change_log (person_id, entity, action, attribute, entity_id, data_source_id, import_id, created_at)`

/** The person a staged row names: by the current code, else by a code the person has left. */
const PERSON_ID = 'coalesce(p.id, h.person_id)'
function personOf(row: string) {
  return `LEFT JOIN persons p ON p.code_hash = ${row}.code_hash
          LEFT JOIN person_code_history h ON p.id IS NULL AND h.code_hash = ${row}.code_hash`
}

/**
 * Refuses the diff table's rows of unknown persons and the later lines of a repeated key
 * (`rn` > 1, the `conflictColumn` named); answers how many rows are left to apply.
 */
async function rejectUnusable(
  ctx: StepContext,
  file: FileKind,
  diffTable: string,
  conflictColumn: string
) {
  const unknown = await rejectWhere(
    ctx,
    file,
    'personal_code',
    'unknown_person',
    `SELECT line FROM ${diffTable} WHERE person_id IS NULL`
  )
  const conflicting = await rejectWhere(
    ctx,
    file,
    conflictColumn,
    'conflicting_row',
    `SELECT line FROM ${diffTable} WHERE person_id IS NOT NULL AND rn > 1`
  )
  const rows = await count(ctx.client, `SELECT count(*) AS n FROM ${diffTable}`)
  return rows - unknown - conflicting
}

async function count(client: pg.ClientBase, sql: string, values: unknown[] = []) {
  const { rows } = await client.query<{ n: string }>(sql, values)
  return Number(rows[0]?.n ?? 0)
}

async function rejectWhere(
  ctx: StepContext,
  file: FileKind,
  column: string,
  reason: RejectReason,
  selectLines: string,
  values: unknown[] = [],
  selectsOwnColumns = false
) {
  const columns = selectsOwnColumns ? 'line, col, reason' : `line, '${column}', '${reason}'`
  const { rowCount } = await ctx.client.query(
    `INSERT INTO ${ctx.input.names.rejects} (file, line, col, reason)
     SELECT '${file}', ${columns} FROM (${selectLines}) AS rejected`,
    values
  )
  const rejected = rowCount ?? 0
  ctx.input.summaries[file]!.rejected += rejected
  return rejected
}

async function applyPersons(ctx: StepContext, summary: FileSummary) {
  const { client, input } = ctx
  const n = input.names
  const staged = await count(client, `SELECT count(*) AS n FROM ${n.persons}`)

  // Within the batch a code (or a previous code) may appear once: later lines are refused. A
  // code the person has already left behind cannot come back as a person of its own.
  const rejected = await rejectWhere(
    ctx,
    'persons',
    'personal_code',
    'conflicting_row',
    `SELECT DISTINCT ON (line) line, col, reason FROM (
       SELECT s.line, 'personal_code' AS col, 'conflicting_row' AS reason, 1 AS priority
       FROM ${n.persons} s JOIN (${laterLines(n.persons, ['code_hash'])}) AS d
         ON d.code_hash = s.code_hash AND s.line > d.first_line
       UNION ALL
       SELECT line, 'previous_personal_code', 'conflicting_row', 2 FROM (
         SELECT line, row_number() OVER (PARTITION BY previous_hash ORDER BY line) AS rn
         FROM ${n.persons} WHERE previous_hash IS NOT NULL
       ) AS b WHERE rn > 1
       UNION ALL
       SELECT s.line, 'personal_code', 'code_replaced', 3
       FROM ${n.persons} s JOIN person_code_history h ON h.code_hash = s.code_hash
     ) AS all_rejects ORDER BY line, priority`,
    [],
    true
  )
  if (rejected > 0) {
    await client.query(
      `DELETE FROM ${n.persons} s USING ${n.rejects} r WHERE r.file = 'persons' AND r.line = s.line`
    )
  }
  // Into an empty table (the first, national load) every staged person is new: nothing to
  // compare, switch or update.
  const wasEmpty = await isEmpty(client, 'persons')
  const unchanged = wasEmpty
    ? 0
    : await count(
        client,
        `SELECT count(*) AS n FROM ${n.persons} s JOIN persons p ON p.code_hash = s.code_hash
         WHERE (p.given_names, p.surname, p.birth_date, p.death_date)
               IS NOT DISTINCT FROM (s.given_names, s.surname, s.birth_date, s.death_date)`
      )

  if (!wasEmpty) await switchCodes(ctx)

  // Chosen before inserting: a NOT EXISTS against the table being filled would rescan it. Rows
  // go in in the order of each table's unique index (here and below): the index then fills
  // page by page instead of touching a random page per row (the cost of random 64-character
  // hashes), while the ids stay a plain sequence.
  if (!wasEmpty) {
    await client.query(
      `CREATE TEMP TABLE ${n.newPersons} AS
       SELECT s.* FROM ${n.persons} s
       WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.code_hash = s.code_hash)`
    )
  }
  // Into an empty table its code index is rebuilt afterwards (see bulkInsert): no order needed.
  const created = await bulkInsert(
    client,
    'persons',
    (empty) =>
      client.query(
        `WITH added AS (
       INSERT INTO persons (code_hash, code_encrypted, given_names, surname, birth_date, death_date, created_at, updated_at)
       SELECT code_hash, code_encrypted, given_names, surname, birth_date, death_date, now(), now()
       FROM ${wasEmpty ? n.persons : n.newPersons} ${empty ? '' : 'ORDER BY code_hash'}
       RETURNING id
     )
     ${LOGGED}
     SELECT id, 'person', 'created', NULL, NULL, $1::integer, $2::bigint, now() FROM added`,
        [input.dataSourceId, input.importId]
      ),
    wasEmpty
  )
  ctx.log(created.rowCount ?? 0)
  await client.query('ANALYZE persons')

  // A person delivered with a new code for the first time, together with the old one.
  await client.query(
    `INSERT INTO person_code_history (person_id, code_hash, code_encrypted, format, valid_to, created_at)
     SELECT p.id, s.previous_hash, s.previous_encrypted, coalesce(s.previous_format, 'old'), $1::date - 1, now()
     FROM ${n.persons} s JOIN persons p ON p.code_hash = s.code_hash
     WHERE s.previous_hash IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM person_code_history h WHERE h.code_hash = s.previous_hash)
       AND NOT EXISTS (SELECT 1 FROM persons q WHERE q.code_hash = s.previous_hash)`,
    [input.batchDate]
  )

  if (!wasEmpty) {
    const updated = await client.query(
      `WITH changed AS (
         UPDATE persons p SET given_names = s.given_names, surname = s.surname,
           birth_date = s.birth_date, death_date = s.death_date, updated_at = now()
         FROM ${n.persons} s
         WHERE p.code_hash = s.code_hash
           AND (p.given_names, p.surname, p.birth_date, p.death_date)
               IS DISTINCT FROM (s.given_names, s.surname, s.birth_date, s.death_date)
         RETURNING p.id
       )
       ${LOGGED}
       SELECT id, 'person', 'updated', NULL, NULL, $1::integer, $2::bigint, now() FROM changed`,
      [input.dataSourceId, input.importId]
    )
    ctx.log(updated.rowCount ?? 0)
  }

  summary.unchanged = unchanged
  summary.accepted = staged - rejected - unchanged
  summary.created = created.rowCount ?? 0
  summary.updated = summary.accepted - summary.created
}

/** Code switches: the stored person takes the new code; the old one moves to the history. */
async function switchCodes(ctx: StepContext) {
  const { client, input } = ctx
  const n = input.names
  const switched = await client.query(
    `WITH sw AS (
       SELECT p.id, p.code_hash AS old_hash, p.code_encrypted AS old_encrypted,
              coalesce(s.previous_format, 'old') AS old_format, s.code_hash, s.code_encrypted
       FROM ${n.persons} s JOIN persons p ON p.code_hash = s.previous_hash
       WHERE NOT EXISTS (SELECT 1 FROM persons q WHERE q.code_hash = s.code_hash)
     ), history AS (
       INSERT INTO person_code_history (person_id, code_hash, code_encrypted, format, valid_to, created_at)
       SELECT id, old_hash, old_encrypted, old_format, $3::date - 1, now() FROM sw
     ), moved AS (
       UPDATE persons p SET code_hash = sw.code_hash, code_encrypted = sw.code_encrypted, updated_at = now()
       FROM sw WHERE p.id = sw.id RETURNING p.id
     )
     ${LOGGED}
     SELECT id, 'person', 'code_changed', NULL, NULL, $1::integer, $2::bigint, now() FROM moved`,
    [input.dataSourceId, input.importId, input.batchDate]
  )
  ctx.log(switched.rowCount ?? 0)
}

async function applyFacts(ctx: StepContext, summary: FileSummary) {
  const { client, input } = ctx
  const n = input.names
  const params = [input.dataSourceId, input.importId]
  await client.query(
    `CREATE TEMP TABLE ${n.factsDiff} AS
     SELECT m.*, f.id AS fact_id, f.valid_to AS stored_valid_to, f.retracted_at AS stored_retracted_at
     FROM (
       SELECT s.line, ${PERSON_ID} AS person_id, s.attribute, s.value, s.valid_from, s.valid_to,
              row_number() OVER (PARTITION BY ${PERSON_ID}, s.attribute, s.value, s.valid_from
                                 ORDER BY s.line) AS rn
       FROM ${n.facts} s ${personOf('s')}
     ) AS m
     LEFT JOIN facts f ON m.person_id IS NOT NULL AND m.rn = 1 AND f.person_id = m.person_id
       AND f.attribute = m.attribute AND f.value = m.value AND f.valid_from = m.valid_from
       AND f.data_source_id = $1`,
    [input.dataSourceId]
  )
  await client.query(`ANALYZE ${n.factsDiff}`)
  const usable = await rejectUnusable(ctx, 'facts', n.factsDiff, 'valid_to')

  const updated = await client.query(
    `WITH changed AS (
       UPDATE facts f SET valid_to = d.valid_to, retracted_at = NULL, import_id = $2, received_at = now()
       FROM ${n.factsDiff} d
       WHERE d.fact_id = f.id AND (d.stored_valid_to IS DISTINCT FROM d.valid_to OR d.stored_retracted_at IS NOT NULL)
       RETURNING f.id, f.person_id, f.attribute
     )
     ${LOGGED}
     SELECT person_id, 'fact', 'updated', attribute, id, $1::integer, $2::bigint, now() FROM changed`,
    params
  )
  const created = await bulkInsert(client, 'facts', () =>
    client.query(
      `WITH added AS (
       INSERT INTO facts (person_id, attribute, value, valid_from, valid_to, data_source_id, import_id, received_at)
       SELECT person_id, attribute, value, valid_from, valid_to, $1, $2, now()
       FROM ${n.factsDiff} WHERE person_id IS NOT NULL AND rn = 1 AND fact_id IS NULL
       ORDER BY person_id, attribute, value, valid_from
       RETURNING id, person_id, attribute
     )
     ${LOGGED}
     SELECT person_id, 'fact', 'created', attribute, id, $1::integer, $2::bigint, now() FROM added`,
      params
    )
  )
  summary.created = created.rowCount ?? 0
  summary.updated = updated.rowCount ?? 0
  summary.accepted = summary.created + summary.updated
  summary.unchanged = usable - summary.accepted
  ctx.log(summary.accepted)

  if (input.mode === 'snapshot') {
    await client.query('ANALYZE facts')
    // Facts of this source for the attributes in the batch that the batch no longer holds end
    // the day before the batch date; those that had not started yet are retracted. Facts that
    // already ended before the batch date are history and stay; persons with a rejected row
    // keep their facts until a clean batch.
    const ended = await client.query(
      `WITH attributes AS (SELECT DISTINCT attribute FROM ${n.facts}),
       held AS (
         SELECT DISTINCT ${PERSON_ID} AS person_id FROM ${n.held} x ${personOf('x')}
         WHERE x.file = 'facts'
       ),
       gone AS (
         SELECT f.id, f.valid_from FROM facts f
         WHERE f.data_source_id = $1 AND f.retracted_at IS NULL
           AND (f.valid_to IS NULL OR f.valid_to >= $3::date)
           AND f.attribute IN (SELECT attribute FROM attributes)
           AND f.import_id IS DISTINCT FROM $2::bigint
           AND NOT EXISTS (SELECT 1 FROM ${n.factsDiff} d WHERE d.fact_id = f.id)
           AND NOT EXISTS (SELECT 1 FROM held WHERE held.person_id = f.person_id)
       ),
       changed AS (
         UPDATE facts f SET
           valid_to = CASE WHEN gone.valid_from < $3::date THEN $3::date - 1 ELSE f.valid_to END,
           retracted_at = CASE WHEN gone.valid_from < $3::date THEN NULL ELSE now() END,
           import_id = $2
         FROM gone WHERE f.id = gone.id
         RETURNING f.id, f.person_id, f.attribute, f.retracted_at
       )
       ${LOGGED}
       SELECT person_id, 'fact', CASE WHEN retracted_at IS NULL THEN 'ended' ELSE 'retracted' END,
              attribute, id, $1::integer, $2::bigint, now() FROM changed`,
      [input.dataSourceId, input.importId, input.batchDate]
    )
    summary.ended = ended.rowCount ?? 0
    ctx.log(summary.ended)
  }
}

async function applyIdentifiers(ctx: StepContext, summary: FileSummary) {
  const { client, input } = ctx
  const n = input.names
  const params = [input.dataSourceId, input.importId]
  await client.query(
    `CREATE TEMP TABLE ${n.identifiersDiff} AS
     SELECT m.*, i.id AS identifier_id,
            (i.id IS NOT NULL AND i.retracted_at IS NULL AND i.person_id = m.person_id
             AND i.issuer = m.issuer AND i.valid_from = m.valid_from
             AND i.valid_to IS NOT DISTINCT FROM m.valid_to AND i.status = m.status
             AND i.list_hash IS NOT DISTINCT FROM m.list_hash) AS same
     FROM (
       SELECT s.*, ${PERSON_ID} AS person_id, ${firstLineFlag('s')} AS rn
       FROM ${n.identifiers} s ${personOf('s')}
       LEFT JOIN (${laterLines(n.identifiers, ['type', 'value_hash'])}) AS d
         ON d.type = s.type AND d.value_hash = s.value_hash
     ) AS m
     LEFT JOIN person_identifiers i ON m.rn = 1 AND i.data_source_id = $1
       AND i.type = m.type AND i.value_hash = m.value_hash`,
    [input.dataSourceId]
  )
  await client.query(`ANALYZE ${n.identifiersDiff}`)
  const usable = await rejectUnusable(ctx, 'identifiers', n.identifiersDiff, 'value')

  const updated = await client.query(
    `WITH changed AS (
       UPDATE person_identifiers i SET person_id = d.person_id, issuer = d.issuer, valid_from = d.valid_from,
         valid_to = d.valid_to, status = d.status, value_hint = d.value_hint, list_hash = d.list_hash,
         retracted_at = NULL,
         import_id = $2, received_at = now()
       FROM ${n.identifiersDiff} d
       WHERE d.identifier_id = i.id AND d.person_id IS NOT NULL AND NOT d.same
       RETURNING i.id, i.person_id
     )
     ${LOGGED}
     SELECT person_id, 'identifier', 'updated', NULL, id, $1::integer, $2::bigint, now() FROM changed`,
    params
  )
  const created = await bulkInsert(client, 'person_identifiers', (empty) =>
    client.query(
      `WITH added AS (
       INSERT INTO person_identifiers (person_id, type, value_hash, list_hash, value_hint, issuer,
         valid_from, valid_to, status, data_source_id, import_id, received_at)
       SELECT person_id, type, value_hash, list_hash, value_hint, issuer, valid_from, valid_to, status,
         $1, $2, now()
       FROM ${n.identifiersDiff} WHERE person_id IS NOT NULL AND rn = 1 AND identifier_id IS NULL
       -- Into an empty table without indexes: in person order, for change_log's person index.
       ORDER BY ${empty ? 'person_id' : 'type, value_hash'}
       RETURNING id, person_id
     )
     ${LOGGED}
     SELECT person_id, 'identifier', 'created', NULL, id, $1::integer, $2::bigint, now() FROM added`,
      params
    )
  )
  summary.created = created.rowCount ?? 0
  summary.updated = updated.rowCount ?? 0
  summary.accepted = summary.created + summary.updated
  summary.unchanged = usable - summary.accepted
  ctx.log(summary.accepted)

  if (input.mode === 'snapshot') {
    await client.query('ANALYZE person_identifiers')
    // Identifiers are not dated facts: one missing from a snapshot is retracted.
    const retracted = await client.query(
      `WITH held AS (
         SELECT DISTINCT ${PERSON_ID} AS person_id FROM ${n.held} x ${personOf('x')}
         WHERE x.file = 'identifiers'
       ),
       changed AS (
         UPDATE person_identifiers i SET retracted_at = now(), import_id = $2
         WHERE i.data_source_id = $1 AND i.retracted_at IS NULL
           AND i.import_id IS DISTINCT FROM $2::bigint
           AND NOT EXISTS (SELECT 1 FROM ${n.identifiersDiff} d WHERE d.identifier_id = i.id)
           AND NOT EXISTS (SELECT 1 FROM held WHERE held.person_id = i.person_id)
         RETURNING i.id, i.person_id
       )
       ${LOGGED}
       SELECT person_id, 'identifier', 'retracted', NULL, id, $1::integer, $2::bigint, now() FROM changed`,
      params
    )
    summary.ended = retracted.rowCount ?? 0
    ctx.log(summary.ended)
  }
}

/** Copies the rows refused inside the transaction to the error report, in pages. */
async function flushRejects(ctx: StepContext) {
  const n = ctx.input.names
  let after: [string, number] = ['', 0]
  for (;;) {
    const { rows } = await ctx.client.query<{
      file: FileKind
      line: number
      col: string | null
      reason: RejectReason
    }>(
      `SELECT file, line, col, reason FROM ${n.rejects}
       WHERE (file, line) > ($1, $2) ORDER BY file, line LIMIT 10000`,
      after
    )
    if (rows.length === 0) return
    await ctx.input.writeRejects(
      rows.map((row) => ({ file: row.file, line: row.line, column: row.col, reason: row.reason }))
    )
    const last = rows[rows.length - 1]
    after = [last.file, last.line]
  }
}
