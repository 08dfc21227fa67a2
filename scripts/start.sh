#!/usr/bin/env bash
# `npm start`: install what is missing, build, then run the whole system with demo data (scripts/start.ts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/ensure-prerequisites.sh
echo "▶ Building (tsc -p tsconfig.build.json)"
npx tsc -p tsconfig.build.json

exec node dist/scripts/start.js "$@"
