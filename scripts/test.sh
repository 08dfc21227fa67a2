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

# One test file at a time (the integration suites share one broker and this machine's cores), in a
# worker that jest replaces once it holds more than workerIdleMemoryLimit (jest.config.js): jest's ESM
# module registries are not freed between files, so one process running all of them in band grew past
# 1.5 GB of heap and spent the last part of the run collecting garbage.
NODE_OPTIONS="--experimental-vm-modules --no-warnings=ExperimentalWarning" npx jest --maxWorkers=1 "$@"
echo "[serviceloop] npm test took $(( $(date +%s) - started )) s"
