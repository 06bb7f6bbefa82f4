"""Print a PostgreSQL URL for the platform's second test run, or exit 1 if no server answers.

``LANTIAN_TEST_PG_URL`` overrides the default local server (trust auth, user postgres).
"""

import os
import sys

import psycopg

url = os.environ.get("LANTIAN_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
try:
    psycopg.connect(url, connect_timeout=3).close()
except psycopg.Error as exc:
    print(f"PostgreSQL not reachable at {url}: {exc}", file=sys.stderr)
    sys.exit(1)
print(url)
