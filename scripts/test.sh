#!/usr/bin/env bash
# The whole test suite: lint, type-check the core, every test on SQLite, then the platform's tests
# again on PostgreSQL when a server answers (skipped, saying so, where none does).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
.venv/bin/ruff format --check src tests bench scripts
.venv/bin/ruff check src tests bench scripts
.venv/bin/mypy
if [ -d src/lantian/web ]; then
  # CI fails on a model change without its migration (a throw-away development data dir)
  LANTIAN_ENV=development LANTIAN_DATA_DIR="$(mktemp -d)" \
    .venv/bin/python -m lantian.web.manage makemigrations --check --dry-run
fi
.venv/bin/python -m pytest -n 2 "$@"
if [ -d tests/web ]; then
  if pg_url="$(.venv/bin/python scripts/pg_url.py)"; then
    echo "== platform tests on PostgreSQL ($pg_url)"
    DATABASE_URL="$pg_url" .venv/bin/python -m pytest -n 2 tests/web
  else
    echo "== PostgreSQL not reachable: the PostgreSQL run of the platform tests is skipped"
  fi
fi
