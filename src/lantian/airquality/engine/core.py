"""``Engine``: runs the SQL built by the builder modules on a DuckDB connection."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, Literal

import polars as pl

from lantian.airquality.engine import compare_sql
from lantian.airquality.engine.aqi_sql import (
    IndexBuilder,
    aqi_expr,
    daily_indices,
    published_aqi_expr,
    summary_columns,
    versioned_indices,
)
from lantian.airquality.engine.city_sql import city_daily_concentrations, published_city_daily
from lantian.airquality.engine.daily_sql import daily_parts, station_daily_concentrations
from lantian.airquality.engine.dialect import DUCKDB, Dialect
from lantian.airquality.engine.hourly_sql import (
    INDEX_COLUMNS,
    PrescaledBuilder,
    copy_to_parquet_sql,
    hourly_aqi_sql,
)
from lantian.airquality.engine.options import EvaluationOptions, RealtimeProfile
from lantian.airquality.engine.period_sql import Validity, period_stats_sql, round_display
from lantian.airquality.engine.versions import AqiVersion, pick_versions
from lantian.airquality.periods import Period, parse_period
from lantian.standards import gb3095_2012, gb3095_2026, hj663_2013

Source = Literal["computed", "published"]
DAILY_CONC = ("so2", "no2", "co", "pm10", "pm25", "o3_1h", "o3_8h")


def composite_s_on(on: date) -> dict[str, Decimal]:
    """S_i of the composite index in force on ``on``: the 2018 rule's class II limits, taken
    from GB 3095-2026 (stage by date) from 2026-03-01 (standards_2026.md §3.7 default)."""
    if on < gb3095_2026.IN_FORCE_FROM:
        return dict(hj663_2013.COMPOSITE_S_2018)
    items = {"so2": "annual", "no2": "annual", "pm10": "annual", "pm25": "annual"}
    out = {p: gb3095_2026.limit(p, a, on=on) for p, a in items.items()}
    out["co"] = gb3095_2026.limit("co", "24h", on=on)
    out["o3"] = gb3095_2026.limit("o3", "8h", on=on)
    return out


#: MDA8 limit of the validity rule (HJ 663 §6.1.2): class II O3 8-h limit (unchanged in 2026).
MDA8_LIMIT = int(gb3095_2012.limit("o3", "8h"))
VALIDITY = Validity(
    hj663_2013.MIN_DAYS_ANNUAL, hj663_2013.MIN_DAYS_MONTH, hj663_2013.MIN_DAYS_FEBRUARY
)


def _period(p: Period | str) -> Period:
    return parse_period(p) if isinstance(p, str) else p


def _daily_inputs(v: AqiVersion) -> list[str]:
    """Concentration columns of the daily report of version ``v`` (HJ 633-2026: six)."""
    return ["so2", "no2", "co", "pm10", "pm25", *(["o3_1h"] if v.daily_o3_1h else []), "o3_8h"]


class Engine:
    """Air-quality statistics over a DuckDB connection holding ``hourly`` and ``stations``.

    Every method returns a :class:`polars.DataFrame`; dates are inclusive, Beijing time.
    """

    def __init__(
        self, con: Any, options: EvaluationOptions | None = None, dialect: Dialect = DUCKDB
    ) -> None:
        self.con = con
        self.options = options or EvaluationOptions()
        self.dialect = dialect
        self._has_station_daily: bool | None = None

    # --- plumbing ---------------------------------------------------------------------------
    def _run(self, sql: str, *, small: bool = False) -> pl.DataFrame:
        """Run ``sql``. ``small`` results (one row per area) go through ``execute``, which skips
        the client's own parse of the (long) statement text; large ones stream as a relation."""
        if small:
            with warnings.catch_warnings():
                # the "extra copy" DuckDB warns about is of a few hundred rows here
                warnings.filterwarnings("ignore", "Arrow output on a DB-API result")
                table = self.con.execute(sql).to_arrow_table()
            return pl.DataFrame(pl.from_arrow(table))
        df: pl.DataFrame = self.con.sql(sql).pl()
        return df

    @property
    def stored_daily(self) -> bool:
        """Whether station-daily parts are read from the relation ``station_daily``: option
        ``daily_source="store"`` and the connection has that relation (a store connection)."""
        if self.options.daily_source != "store":
            return False
        if self._has_station_daily is None:
            try:
                self.con.execute("SELECT station_code FROM station_daily LIMIT 0").fetchall()
                self._has_station_daily = True
            except Exception:  # no such relation (a connection without the store's table)
                self._has_station_daily = False
        return self._has_station_daily

    def _parts(self, start: date, end: date, stations: Sequence[str] | None) -> str:
        return daily_parts(self.dialect, start, end, stations, self.stored_daily)

    def _rnd(self, x: str, nd: int) -> str:
        return round_display(self.dialect, self.options, x, nd)

    @property
    def versions(self) -> tuple[AqiVersion, ...]:
        return pick_versions(self.options.aqi_version)

    def versions_between(self, start: date, end: date) -> tuple[AqiVersion, ...]:
        """The versions in force on some day of ``start`` … ``end`` (one version: no CASE on
        the date in the SQL)."""
        vs = self.versions
        keep = tuple(
            v
            for i, v in enumerate(vs)
            if (v.start is None or v.start <= end)
            and (i + 1 == len(vs) or (vs[i + 1].start or start) > start)
        )
        return keep or vs

    def _with_daily_aqi(self, conc_sql: str, keys: str | None, start: date, end: date) -> str:
        """Indices, AQI and the summary columns over a relation of daily concentrations, sorted
        by ``keys``; ``keys=None``: indices and AQI only, unsorted (inside period statistics)."""
        d, v, o = self.dialect, self.versions_between(start, end), self.options
        cols = {p: p for p in DAILY_CONC}
        scaled: dict[str, str] = {}  # each rounded concentration computed once per row

        def indices(b: IndexBuilder) -> dict[str, str]:
            return daily_indices(PrescaledBuilder(b.d, b.v, b.opts, scaled, measured=False), cols)

        idx = versioned_indices(d, v, o, "date", indices)
        ind = ", ".join(f"{e} AS {k}" for k, e in idx.items())
        pre = ", ".join(f"{e} AS {k}" for k, e in scaled.items())
        inner = f"SELECT *, {ind} FROM (SELECT *, {pre} FROM ({conc_sql}) c0) c"
        published = published_aqi_expr(d, v, o, "date", INDEX_COLUMNS, _daily_inputs)
        with_aqi = (
            f"SELECT *, {aqi_expr(d, INDEX_COLUMNS)} AS computed_aqi, {published} AS aqi "
            f"FROM ({inner}) i"
        )
        if keys is None:
            return with_aqi
        summ = summary_columns(d, v, "date", INDEX_COLUMNS)
        s = ", ".join(f"{e} AS {k}" for k, e in summ.items())
        return f"SELECT *, {s} FROM ({with_aqi}) a ORDER BY {keys}"

    # --- SQL builders (public so the Spark runner and the docs can show them) -------------------
    def hourly_aqi_sql(
        self,
        start: date,
        end: date,
        stations: Sequence[str] | None = None,
        profile: RealtimeProfile | None = None,
        *,
        ordered: bool = True,
    ) -> str:
        opts = self.options
        if profile is not None:
            opts = EvaluationOptions(**{**opts.__dict__, "realtime_profile": profile})
        versions = self.versions_between(start, end)
        return hourly_aqi_sql(self.dialect, versions, opts, start, end, stations, ordered=ordered)

    def hourly_aqi_to_parquet(
        self,
        path: str,
        start: date,
        end: date,
        stations: Sequence[str] | None = None,
        profile: RealtimeProfile | None = None,
    ) -> int:
        """Stream the hourly AQI of ``start``…``end`` to one Parquet file without holding the
        rows in memory (the way to compute a whole country's year); returns the row count."""
        sql = self.hourly_aqi_sql(start, end, stations, profile, ordered=False)
        self.con.execute(copy_to_parquet_sql(sql, path))
        quoted = path.replace("'", "''")
        ((count,),) = self.con.sql(f"SELECT count(*) FROM read_parquet('{quoted}')").fetchall()
        return int(count)

    def station_daily_sql(self, start: date, end: date, stations: Sequence[str] | None) -> str:
        parts = self._parts(start, end, stations)
        conc = station_daily_concentrations(self.dialect, self.options, parts, MDA8_LIMIT)
        return self._with_daily_aqi(conc, "station_code, date", start, end)

    def city_daily_sql(
        self, start: date, end: date, cities: Sequence[str] | None, source: Source = "computed"
    ) -> str:
        return self._city_daily_sql(start, end, cities, source, "area, date")

    def _city_daily_sql(
        self,
        start: date,
        end: date,
        areas: Sequence[str] | None,
        source: Source,
        keys: str | None,
    ) -> str:
        level = self.options.area_level
        if source == "published":
            if level != "city":
                raise ValueError(
                    f"发布的日报只有城市值 / published daily values exist for cities only, "
                    f"not at area_level {level!r}; use source='computed'"
                )
            conc = published_city_daily(areas, start, end, self.dialect)
            return self._with_daily_aqi(conc, keys, start, end)
        if source != "computed":
            raise ValueError(f"source must be 'computed' or 'published', not {source!r}")
        # at station level the filter names stations: read only their parts
        parts = self._parts(start, end, areas if level == "station" else None)
        conc = city_daily_concentrations(self.dialect, self.options, parts, areas, MDA8_LIMIT)
        return self._with_daily_aqi(conc, keys, start, end)

    def _area_daily_sql(self, period: Period, areas: Sequence[str] | None, source: Source) -> str:
        cd = self._city_daily_sql(period.start, period.end, areas, source, None)
        aqi = "COALESCE(pub_aqi, aqi)" if source == "published" else "aqi"
        dust = ""
        join = ""
        if self.options.dust_basis == "deduct":
            # dust flags are per city: an area takes those of its city
            dust = ", COALESCE(f.dust, FALSE) AS dust"
            join = "LEFT JOIN city_daily_flags f ON f.city = c.city AND f.date = c.date"
        return (
            f"SELECT c.area, c.date, c.so2, c.no2, c.co, c.o3_8h, c.pm10, c.pm25, "
            f"{aqi} AS aqi{dust} FROM ({cd}) c {join}"
        )

    def period_stats_sql(
        self, period: Period | str, areas: Sequence[str] | None = None, source: Source = "computed"
    ) -> str:
        p = _period(period)
        weights = hj663_2013.WEIGHTS[self.options.composite_weights]
        return period_stats_sql(
            self.dialect,
            self.options,
            p,
            self._area_daily_sql(p, areas, source),
            composite_s_on(p.end),
            weights,
            VALIDITY,
        )

    # --- API --------------------------------------------------------------------------------
    def hourly_aqi(
        self,
        start: date,
        end: date,
        stations: Sequence[str] | None = None,
        profile: RealtimeProfile | None = None,
    ) -> pl.DataFrame:
        """Per station-hour: 1-h values, sliding means, IAQIs, AQI, level, category, primary."""
        return self._run(self.hourly_aqi_sql(start, end, stations, profile))

    def station_daily(
        self, start: date, end: date, stations: Sequence[str] | None = None
    ) -> pl.DataFrame:
        """Per station-day: 24-h means, O3 max 1 h, MDA8, valid counts, daily AQI and class."""
        return self._run(self.station_daily_sql(start, end, stations))

    def city_daily(
        self,
        start: date,
        end: date,
        cities: Sequence[str] | None = None,
        source: Source = "computed",
    ) -> pl.DataFrame:
        """Per area-day at ``options.area_level`` (default: city): ``area`` (and the area's
        ``city``), concentrations, n_stations, daily AQI from them, class, primary; ``cities``
        filters on the level's key."""
        return self._run(self.city_daily_sql(start, end, cities, source))

    def period_stats(
        self, period: Period | str, areas: Sequence[str] | None = None, source: Source = "computed"
    ) -> pl.DataFrame:
        """Per area: period statistics, indices, day counts, validity (evaluation.md §5–§9)."""
        return self._run(self.period_stats_sql(period, areas, source), small=True)

    def yoy(
        self, period: Period | str, areas: Sequence[str] | None = None, source: Source = "computed"
    ) -> pl.DataFrame:
        """同比 against ``period.previous_year()`` (evaluation.md §10)."""
        p = _period(period)
        cur = self.period_stats_sql(p, areas, source)
        prev = self.period_stats_sql(p.previous_year(), areas, source)
        return self._run(compare_sql.yoy_sql(cur, prev, self._rnd), small=True)

    def rank(
        self,
        period: Period | str,
        by: str = "composite",
        areas: Sequence[str] | None = None,
        improvement: bool = False,
        source: Source = "computed",
        include_insufficient: bool = False,
    ) -> pl.DataFrame:
        """Ranking of areas (ties equal, 1, 2, 2, 4); insufficient data: listed, not ranked
        (``include_insufficient=True`` ranks them too, marked 数据不足 in ``validity``)."""
        p = _period(period)
        cur = self.period_stats_sql(p, areas, source)
        if improvement:
            prev = self.period_stats_sql(p.previous_year(), areas, source)
            sql = compare_sql.rank_improvement_sql(
                compare_sql.yoy_sql(cur, prev, self._rnd), by, include_insufficient
            )
        else:
            sql = compare_sql.rank_sql(cur, by, self.options.rank_on_display, include_insufficient)
        return self._run(sql, small=True)
