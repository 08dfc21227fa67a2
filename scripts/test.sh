#!/usr/bin/env bash
# `npm test`: installs what is missing, builds, then runs every unit and
# integration test against a real Kafka (started by the harness on its own
# port and data folder) and the machine's PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

bash scripts/ensure-prerequisites.sh
bash scripts/kafka.sh fetch

echo "[serviceloop] Type-checking and building"
npx tsc -p tsconfig.json
npx tsc -p tsconfig.build.json

# Databases of test suites that died before cleaning up.
node -e "
  const { Client } = require('pg');
  const c = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  (async () => {
    await c.connect();
    const { rows } = await c.query(\"SELECT datname FROM pg_database WHERE datname LIKE 'sltest\\_%'\");
    for (const { datname } of rows) await c.query('DROP DATABASE IF EXISTS \"' + datname + '\" WITH (FORCE)');
    await c.end();
  })().catch((e) => { console.error(e.message); process.exit(1); });"

NODE_OPTIONS="--experimental-vm-modules --no-warnings=ExperimentalWarning" npx jest --runInBand "$@"
echo "[serviceloop] npm test took $(( $(date +%s) - started )) s"
