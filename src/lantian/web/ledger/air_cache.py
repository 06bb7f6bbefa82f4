"""The engine work of the dispatch and the notices: done once per request, kept while the
measurement store is unchanged (``docs/ledger.md`` §Dispatch, "Engine work and its cache").

One :class:`AirData` per request reads the store's version once
(:meth:`lantian.airquality.store.MeasurementStore.version`, which also refuses a stale store),
opens a DuckDB connection only on the first cache miss, and keeps two kinds of result in Django's
cache (alias ``default``; without a ``CACHES`` setting that is each process's local memory) under
keys that hold the store's version:

- the week's ranking of areas (``Engine.rank``, as :func:`.dispatch.air_ranking` takes it);
- the period statistics (``Engine.period_stats``) of one period and source, asked for every area
  of the request's targets at once: one query per period and source instead of one per area.

A commit to the store (an ingest, ``lantian aq refresh``, a station upsert) changes the version,
so the next request computes afresh; entries of older versions are never read again and expire.
Nothing of the ledger (tasks, targets, areas) is cached: only what the store alone decides.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import polars as pl
from django.core.cache import cache

from lantian.airquality.engine import Engine
from lantian.airquality.engine_stats import EngineStats
from lantian.airquality.periods import Period
from lantian.airquality.store import MeasurementStore, StoreVersion
from lantian.web.dashboard.summary import RANK_BY, read_store, store_exists

#: Part of every key: raise it when the engine's statistics change meaning, so that a shared
#: cache (Redis, Memcached) does not serve results of an older release.
CACHE_VERSION = 1
#: How long an entry is kept. A key names the store's version, so an entry is never wrong; this
#: only bounds how long entries of replaced versions take memory.
CACHE_SECONDS = 24 * 3600


class AirData:
    """The measurement store at ``root`` for one request (see the module's docstring)."""

    def __init__(self, root: Path, version: StoreVersion) -> None:
        self.root = root
        self.version = version
        self._engine: Engine | None = None

    @classmethod
    def open(cls, root: Path) -> AirData | None:
        """The store at ``root`` (``None`` when there is none); a stale one raises
        :class:`lantian.airquality.store.StaleStoreError`."""
        if not store_exists(root):
            return None
        return cls(root, MeasurementStore(root).version())

    def engine(self) -> Engine:
        """The engine on one read-only connection, opened on first use."""
        if self._engine is None:
            con = read_store(self.root)
            assert con is not None  # the store existed when its version was read
            self._engine = Engine(con)
        return self._engine

    def key(self, *parts: Any) -> str:
        """A cache key of ``parts`` under this store and version (hashed: any backend)."""
        text = repr((CACHE_VERSION, str(self.root), self.version, *parts))
        return "lantian:air:" + hashlib.sha256(text.encode()).hexdigest()

    def ranking(self, period: Period) -> dict[str, int | None]:
        """``{area: rank}`` by composite index over ``period`` (数据不足: ``None``)."""
        key = self.key("rank", period.start, period.end, RANK_BY)
        found: dict[str, int | None] | None = cache.get(key)
        if found is None:
            frame = self.engine().rank(period, by=RANK_BY)
            found = {row["area"]: row["rank"] for row in frame.iter_rows(named=True)}
            cache.set(key, found, CACHE_SECONDS)
        return found

    def stats(self, areas: Iterable[str]) -> EngineStats:
        """A statistics adapter whose period statistics are asked for all of ``areas`` at once
        and kept in the cache (it memoises per request as every :class:`EngineStats` does)."""
        return EngineStats(PeriodStats(self, areas))


class PeriodStats:
    """``period_stats(period, areas, source)`` as :class:`EngineStats` calls it, served from the
    cache: one entry per period and source, ``(areas asked, their rows)``, read once per request.
    A miss queries every area of the batch not asked yet (``areas`` and the asked ones) in one
    engine query and stores the entry with them."""

    def __init__(self, air: AirData, areas: Iterable[str]) -> None:
        self.air = air
        self.areas = frozenset(areas)
        self._read: dict[str, tuple[frozenset[str], pl.DataFrame | None]] = {}

    def period_stats(
        self, period: Period, areas: list[str], source: str = "computed"
    ) -> pl.DataFrame:
        key = self.air.key("period_stats", period.start, period.end, source)
        if key not in self._read:
            self._read[key] = cache.get(key) or (frozenset(), None)
        asked, frame = self._read[key]
        missing = sorted((self.areas | set(areas)) - asked)
        if missing:
            new = self.air.engine().period_stats(period, areas=missing, source=source)
            frame = new if frame is None else pl.concat([frame, new])
            asked = asked | set(missing)
            self._read[key] = (asked, frame)
            cache.set(key, (asked, frame), CACHE_SECONDS)
        assert frame is not None
        return frame.filter(pl.col("area").is_in(areas))
