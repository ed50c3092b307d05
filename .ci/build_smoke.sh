#!/usr/bin/env bash
# Smoke test of the production build, as an operator runs it:
#   npm run build, then migrations and seeds with the built ace, then
#   `node build/bin/server.js` with NODE_ENV=production, the demo logins,
#   and the 404 answers of an unknown page (HTML) and an unknown API path (JSON);
#   then the demo population and 50 concurrent clients for 20 s (tests/load/run.ts).
#
# Usage: .ci/build_smoke.sh <database-url> [port]
#   or:  DATABASE_URL=postgres://… PORT=3391 .ci/build_smoke.sh
# The database must exist; its tables are migrated and seeded (idempotently).
# With REDIS_URL set, the server's jobs (the upload's import) run on BullMQ.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

DATABASE_URL="${1:-${DATABASE_URL:-}}"
PORT="${2:-${PORT:-3391}}"
if [ -z "$DATABASE_URL" ]; then
  echo "usage: $0 <database-url> [port]   (or set DATABASE_URL and PORT)" >&2
  exit 2
fi

# What start/env.ts requires, with production-like values. APP_URL (required in production)
# is plain http here, so cookies are not Secure and plain-http login works.
export DATABASE_URL PORT
export HOST="${HOST:-localhost}"
export APP_URL="${APP_URL:-http://localhost:$PORT}"
export LOG_LEVEL="${LOG_LEVEL:-info}"
export SESSION_DRIVER=database
export TZ=UTC
APP_KEY="${APP_KEY:-$(node -e "console.log(require('node:crypto').randomBytes(24).toString('base64url'))")}"
export APP_KEY

base="http://localhost:$PORT"
work=$(mktemp -d)
server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_server EXIT
fail() {
  echo "build smoke: $*" >&2
  echo "--- server log (last 50 lines) ---" >&2
  tail -50 "$work/server.log" >&2 || true
  exit 1
}

echo "==> npm run build"
npm run build

echo "==> migrations and seeds with the built ace"
NODE_ENV=production node build/ace.js migration:run --force
# The demo tenants and users seed only outside production (their seeders say
# so); the smoke test logs in as them, so the seed runs as development.
NODE_ENV=development node build/ace.js db:seed
NODE_ENV=development node build/ace.js demo:population --persons=20000 --out="$work/population"

echo "==> node build/bin/server.js (NODE_ENV=production, port $PORT)"
NODE_ENV=production node build/bin/server.js > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 60); do
  kill -0 "$server_pid" 2>/dev/null || fail "the server exited while starting"
  if curl -fsS -o /dev/null "$base/health/live" 2>/dev/null; then break; fi
  sleep 1
done
curl -fsS -o /dev/null "$base/health/live" || fail "$base/health/live did not answer within 60 s"

echo "==> demo logins"
node .ci/demo_smoke.mjs "$base" \
  || fail "a demo login failed"

echo "==> unknown routes answer 404"
read -r status type < <(curl -sS -o "$work/page.html" -w '%{http_code} %{content_type}\n' \
  -H 'Accept: text/html' "$base/no-such-page")
[ "$status" = 404 ] || fail "/no-such-page answered $status, not 404"
[[ "$type" == text/html* ]] || fail "/no-such-page answered $type, not HTML"
grep -qE '"component":"errors\\?/not_found"' "$work/page.html" \
  || fail "/no-such-page is not the Inertia 404 page"

read -r status type < <(curl -sS -o "$work/api.json" -w '%{http_code} %{content_type}\n' \
  -H 'Accept: text/html' "$base/api/v1/nope")
[ "$status" = 404 ] || fail "/api/v1/nope answered $status, not 404"
[[ "$type" == application/json* ]] || fail "/api/v1/nope answered $type, not JSON"
node -e '
  const body = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"))
  const [error] = body.errors ?? []
  if (error?.code !== "not_found" || typeof error.message !== "string") process.exit(1)
' "$work/api.json" || fail "/api/v1/nope is not { errors: [{ code: not_found, message }] }"

echo "==> 50 concurrent clients for 20 s"
DEMO_POPULATION_DIR="$work/population" node --import=@poppinss/ts-exec tests/load/run.ts "$base" 50 20 \
  || fail "the concurrency check failed"

echo "==> build smoke test passed"
