"""Django settings of the test suite (``DJANGO_SETTINGS_MODULE`` in pyproject.toml).

The platform's production settings, with a test-only secret key, the test client's host and a
throw-away data directory; SQLite by default, PostgreSQL when ``DATABASE_URL`` is set, e.g.
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pytest tests/web``. Tests outside
``tests/web`` do not use Django.
"""

import os
import tempfile

os.environ.setdefault("LANTIAN_ENV", "production")
os.environ.setdefault("LANTIAN_SECRET_KEY", "tests-only-secret-key-" + "x" * 40)
os.environ.setdefault("LANTIAN_ALLOWED_HOSTS", "testserver,localhost")
os.environ.setdefault("LANTIAN_DATA_DIR", tempfile.mkdtemp(prefix="lantian-web-tests-"))

from lantian.web.settings import *  # noqa: F403
