#!/usr/bin/env bash
# Installs and starts what `npm start` and `npm test` need on a fresh machine:
# Node packages, Java and Maven (for the Kafka jars), poppler-utils (the PDF report
# test opens the PDF with pdftotext/pdfinfo), a PostgreSQL at 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[serviceloop]\033[0m %s\n' "$*"; }

apt_install() {
  if command -v apt-get >/dev/null 2>&1; then
    say "Installing $* with apt-get"
    if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq >/dev/null; export APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    say "Please install: $*"; exit 1
  fi
}

command -v java >/dev/null 2>&1 || apt_install openjdk-17-jre-headless
command -v mvn >/dev/null 2>&1 || apt_install maven
{ command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1; } || apt_install poppler-utils

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing Node packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

pg_up() { node -e "
  const { Client } = require('pg');
  const c = new Client({ connectionString: process.env.PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres', connectionTimeoutMillis: 2000 });
  c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));"; }

if ! pg_up; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && ls /etc/postgresql >/dev/null 2>&1; then
    say "Starting the machine's PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
    for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  fi
fi
if ! pg_up; then
  say "PostgreSQL does not answer at 127.0.0.1:5432 (user postgres, trust auth). Start it and try again."
  exit 1
fi
