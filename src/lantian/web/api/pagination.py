"""The API's pagination: ``?limit=&offset=``, with a bounded page.

Without a bound, ``?limit=`` beyond the database's integer range (e.g. ``2**63``) reached the SQL
query and answered 500 on SQLite (found by schemathesis); a larger ``limit`` now gives
:data:`MAX_LIMIT` rows.
"""

from __future__ import annotations

from rest_framework.pagination import LimitOffsetPagination

MAX_LIMIT = 1000


class Pagination(LimitOffsetPagination):
    max_limit = MAX_LIMIT
