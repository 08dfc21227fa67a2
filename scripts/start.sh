#!/usr/bin/env bash
# `npm start`: install when needed, build, then run the whole system (scripts/start.ts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -d node_modules ]]; then
  echo "▶ npm ci (first run)"
  npm ci --no-audit --no-fund
fi

echo "▶ Building (tsc -p tsconfig.build.json)"
npx tsc -p tsconfig.build.json

exec node dist/scripts/start.js "$@"
