"""The few SQL functions whose spelling differs between engines.

Every statistic of the engine is SQL text built once by the builder modules; anything that is not
plain standard SQL (window functions, CASE, GROUP BY, CAST to DECIMAL/DATE) goes through a
:class:`Dialect`. ``DUCKDB`` is used now; ``SPARK`` is written so the same builders produce Spark
SQL (it is not yet tested against a Spark session).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Dialect:
    """SQL spellings of one engine: a few function names and templates, no logic."""

    name: str
    round_even_fn: str  # GB/T 8170 rounding of a number
    hour_index_tpl: str  # whole hours since the epoch, ``{ts}`` substituted
    idiv_tpl: str  # integer quotient, ``{a}`` and ``{b}`` substituted
    percentile_tpl: str  # linear-interpolation percentile, ``{x}`` and ``{p}`` substituted
    string_agg_tpl: str  # sorted joined list, ``{x}`` and ``{sep}`` substituted
    has_enum: bool  # label columns may be cast to an ENUM type

    # --- literals -------------------------------------------------------------------------
    def date(self, d: date) -> str:
        return f"CAST('{d.isoformat()}' AS DATE)"

    def timestamp(self, t: datetime) -> str:
        return f"CAST('{t.isoformat(sep=' ')}' AS TIMESTAMP)"

    # --- time -----------------------------------------------------------------------------
    def day_of_hour(self, ts: str) -> str:
        """Calendar day an end-of-hour timestamp belongs to: ``date(ts - 1 h)``."""
        return f"CAST({ts} - INTERVAL 1 HOUR AS DATE)"

    def hour_index(self, ts: str) -> str:
        """Whole hours since 1970-01-01 00:00 (ordering key for RANGE window frames)."""
        return self.hour_index_tpl.format(ts=ts)

    def hour_of_day(self, ts: str) -> str:
        """Position 1…24 of an end-of-hour value in its day (00:00 of D+1 → 24)."""
        return f"(hour({ts} - INTERVAL 1 HOUR) + 1)"

    def month_key(self, d: str) -> str:
        """``year*100 + month`` of a date expression."""
        return f"(year({d}) * 100 + month({d}))"

    # --- arithmetic -----------------------------------------------------------------------
    def idiv(self, a: str, b: str) -> str:
        """Integer quotient (floor for the non-negative operands used here)."""
        return self.idiv_tpl.format(a=a, b=b)

    def exact(self, x: str) -> str:
        """A measured value as an exact decimal (6 places): removes binary-float noise such as
        2.0499999… before any rounding rule is applied."""
        return f"CAST({x} AS DECIMAL(18, 6))"

    def round_half_even(self, x: str, ndigits: int) -> str:
        """GB/T 8170 (四舍六入五成双) on the exact decimal value of ``x``."""
        return f"{self.round_even_fn}({self.exact(x)}, {ndigits})"

    def round_half_up(self, x: str, ndigits: int) -> str:
        """Half away from zero on the exact decimal value of ``x`` (DECIMAL ``round``)."""
        return f"round({self.exact(x)}, {ndigits})"

    def greatest(self, items: list[str]) -> str:
        """Largest non-NULL item (NULL only when all are NULL; both engines skip NULLs)."""
        return f"greatest({', '.join(items)})"

    # --- aggregates -----------------------------------------------------------------------
    def percentile(self, x: str, p: float) -> str:
        """HJ 663 附录A percentile (linear interpolation between order statistics, as
        PERCENTILE.INC); ``x`` is aggregated as an exact decimal."""
        return self.percentile_tpl.format(x=self.exact(x), p=p)

    def string_agg(self, x: str, sep: str) -> str:
        """Sorted, separator-joined list of the non-NULL values of ``x``."""
        return self.string_agg_tpl.format(x=x, sep=sep)


DUCKDB = Dialect(
    name="duckdb",
    round_even_fn="round_even",
    hour_index_tpl="CAST(epoch({ts}) // 3600 AS BIGINT)",
    idiv_tpl="(({a}) // ({b}))",
    percentile_tpl="quantile_cont({x}, {p})",
    string_agg_tpl="string_agg({x}, '{sep}' ORDER BY {x})",
    has_enum=True,
)
SPARK = Dialect(
    name="spark",
    round_even_fn="bround",
    hour_index_tpl="CAST(unix_timestamp({ts}) / 3600 AS BIGINT)",
    idiv_tpl="(({a}) div ({b}))",
    percentile_tpl="percentile({x}, {p})",
    string_agg_tpl="array_join(array_sort(collect_list({x})), '{sep}')",
    has_enum=False,
)
DIALECTS: dict[str, Dialect] = {"duckdb": DUCKDB, "spark": SPARK}
