/**
 * The application's own database role: it logs in, owns no table, may not bypass row-level
 * security, and is granted only what the app does (see the 1300 migration). The tables'
 * owner (DATABASE_URL's user) runs migrations, seeders and admin commands.
 */
export const DEFAULT_APP_ROLE = 'atvieglo_app'

/**
 * The commands that run as the tables' owner: schema changes, seeds, audit verification, and
 * the operator's register import (a first load into an empty register drops and rebuilds the
 * register tables' indexes, which only their owner may do).
 */
const OWNER_COMMANDS = /^(migration:|db:|schema:|audit:verify$|registers:import$)/

let aceCommand: string | undefined

/** bin/console.ts hands over its arguments before ace consumes them. */
export function rememberAceCommand(args: string[]) {
  aceCommand = args.find((arg) => !arg.startsWith('-'))
}

/** True in a `node ace <command>` process whose command runs as the owner. */
export function runsAsOwner(command: string | undefined = aceCommand): boolean {
  return command !== undefined && OWNER_COMMANDS.test(command)
}

/** `url` with its user and password replaced (a role of the same server and database). */
export function urlForRole(url: string, user: string, password: string | undefined): string {
  const parsed = new URL(url)
  parsed.username = encodeURIComponent(user)
  parsed.password = password ? encodeURIComponent(password) : ''
  return parsed.toString()
}

export function roleOfUrl(url: string): string {
  return decodeURIComponent(new URL(url).username)
}

function literal(value: string) {
  return `'${value.replaceAll("'", "''")}'`
}

function identifier(value: string) {
  return `"${value.replaceAll('"', '""')}"`
}

/**
 * Creates the app role when missing (roles are cluster-wide: several databases of one
 * cluster, such as parallel test runs, may race to create it), sets its password when one is
 * given, and refuses a role that could bypass the wall.
 */
export function ensureAppRoleSql(role: string, password?: string): string {
  const setPassword = password
    ? `ALTER ROLE ${identifier(role)} PASSWORD ${literal(password)};`
    : ''
  return `
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${literal(role)}) THEN
        BEGIN
          CREATE ROLE ${identifier(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT
            NOREPLICATION NOBYPASSRLS;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
      END IF;
      ${setPassword}
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${literal(role)}
                 AND (rolsuper OR rolbypassrls)) THEN
        RAISE EXCEPTION 'the app role % must be neither superuser nor BYPASSRLS', ${literal(role)};
      END IF;
    END
    $$;
  `
}
