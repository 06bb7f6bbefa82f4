"""Value checks applied to every measurement before it reaches the store.

Suspect values are kept and marked in the ``<pollutant>_qc`` column with a short reason code;
nothing is dropped. Row-level defects that make a file unreadable (truncated rows, conflicting
duplicate station columns) refuse the whole file with an ``IngestError``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polars as pl

from lantian.airquality.errors import IngestError
from lantian.airquality.schema import POLLUTANTS, PUBLISHED, QC_SUFFIX

#: Values used by data loggers and exports as "no data" markers, not measurements.
SENTINELS: tuple[float, ...] = (-999.0, -9999.0, -99.0, 999.0, 9999.0, 99999.0)

#: Largest physically plausible hourly concentration per pollutant [µg/m³; CO mg/m³].
#: Set at (or above) the top of HJ 633-2012 表1 for the 1-hour means (SO2 800 is the 1-h
#: table's top, but 24-h tables run to 2620; NO2 3840; CO 150 mg/m³; O3 1200) and, for
#: particulate matter, above the strongest sand-storm hours recorded by the network.
MAX_PLAUSIBLE: dict[str, float] = {
    "so2": 2620.0,
    "no2": 3840.0,
    "co": 150.0,
    "o3": 1200.0,
    "pm10": 9000.0,
    "pm25": 3000.0,
}

#: CO at or above this [mg/m³] is almost surely reported in µg/m³ (ambient CO is 0.1–10 mg/m³,
#: i.e. 100–10 000 µg/m³; the HJ 633 1-h table stops at 150 mg/m³ but hourly values above 50
#: have not been observed in the national network).
CO_UNIT_SUSPECT: float = 50.0

#: Reason codes written into ``<pollutant>_qc`` (English code; Chinese meaning for reports).
QC_CODES: dict[str, str] = {
    "non_numeric": "非数值文本 (non-numeric text)",
    "sentinel": "缺测标记值 (sentinel value)",
    "negative": "负值 (negative value)",
    "co_unit": "CO 单位疑为 µg/m³ (CO looks like µg/m³)",
    "magnitude": "超出可能范围 (impossible magnitude)",
}


def qc_reason(pollutant: str, num: pl.Expr, non_numeric: pl.Expr) -> pl.Expr:
    """The ``<pollutant>_qc`` reason code of one value (NULL when it passes every check).

    ``num`` is the value as a number (NULL when absent or not a number), ``non_numeric`` True
    where the source held text that is not a finite number. Checks in order: ``non_numeric``,
    ``sentinel`` (:data:`SENTINELS`), ``negative``, ``co_unit`` (CO ≥ :data:`CO_UNIT_SUSPECT`
    [mg/m³]), ``magnitude`` (above :data:`MAX_PLAUSIBLE` [µg/m³; CO mg/m³]).
    """
    qc = (
        pl.when(non_numeric)
        .then(pl.lit("non_numeric"))
        .when(num.is_in(list(SENTINELS)))
        .then(pl.lit("sentinel"))
        .when(num < 0)
        .then(pl.lit("negative"))
    )
    if pollutant == "co":
        qc = qc.when(num >= CO_UNIT_SUSPECT).then(pl.lit("co_unit"))
    return qc.when(num > MAX_PLAUSIBLE[pollutant]).then(pl.lit("magnitude")).otherwise(None)


def as_number(text: pl.Expr) -> pl.Expr:
    """Text (or numbers) → Float64: whitespace stripped; empty, non-numeric, NaN, ±inf → NULL."""
    num = text.cast(pl.String).str.strip_chars().cast(pl.Float64, strict=False)
    return pl.when(num.is_finite()).then(num)


def flag_values(raw: pl.DataFrame) -> pl.DataFrame:
    """Turn raw text columns into numbers plus ``<pollutant>_qc`` reason codes.

    ``raw`` holds each pollutant (``POLLUTANTS``) and published column (``PUBLISHED``) present as
    text (or numbers). Pollutant values are converted to Float64 (:func:`as_number`) and checked
    by :func:`qc_reason`: text that is not a finite number → ``non_numeric`` (value NULL, it
    cannot be kept as a number), then sentinel, negative, CO unit, magnitude (value kept).
    Published columns are converted only (non-numeric → NULL). Missing columns are added as NULL.
    """
    exprs: list[pl.Expr] = []
    for p in POLLUTANTS:
        if p not in raw.columns:
            exprs += [
                pl.lit(None, pl.Float64).alias(p),
                pl.lit(None, pl.String).alias(p + QC_SUFFIX),
            ]
            continue
        num = as_number(pl.col(p))
        text = pl.col(p).cast(pl.String).str.strip_chars()
        non_numeric = text.is_not_null() & (text != "") & num.is_null()
        exprs += [num.alias(p), qc_reason(p, num, non_numeric).alias(p + QC_SUFFIX)]
    for p in PUBLISHED:
        if p in raw.columns:
            exprs.append(as_number(pl.col(p)).alias(p))
        else:
            exprs.append(pl.lit(None, pl.Float64).alias(p))
    keep = [c for c in raw.columns if c not in POLLUTANTS and c not in PUBLISHED]
    return raw.select(*[pl.col(c) for c in keep], *exprs)


def flag_numbers(df: pl.DataFrame, non_numeric: dict[str, pl.Series]) -> pl.DataFrame:
    """:func:`flag_values` for columns a reader already converted to Float64.

    ``df`` holds every pollutant and published column as Float64 (NULL where absent or not a
    number); ``non_numeric[p]`` is True where the source text of pollutant ``p`` was not a
    finite number. Adds the ``<pollutant>_qc`` columns with :func:`qc_reason`.
    """
    flags = [
        qc_reason(p, pl.col(p), pl.lit(non_numeric[p])).alias(p + QC_SUFFIX) for p in POLLUTANTS
    ]
    return df.with_columns(flags)


def check_field_counts(path: str | Path, lines: Sequence[str], expected: int) -> None:
    """Refuse the file if any data line has a different number of fields than the header.

    ``lines`` are the physical lines without line ends, header first (line 1). Fields are
    comma-separated without quoting (true of every source lantian reads).
    """
    for i, line in enumerate(lines[1:], start=2):
        n = line.count(",") + 1
        if n != expected and line.strip():
            if n < expected:
                reason = (
                    f"行被截断：{n}/{expected} 个字段 (truncated row: {n} of {expected} fields)"
                )
            else:
                reason = f"字段过多：{n}/{expected} 个字段 (too many fields: {n} of {expected})"
            raise IngestError(path, i, reason)


def check_duplicate_columns(
    path: str | Path, header: Sequence[str], rows: pl.DataFrame
) -> tuple[list[int], list[tuple[str, int]]]:
    """Find station columns named twice.

    ``rows`` holds (at least) the columns of repeated names, as text named ``c<j>`` for header
    position ``j``; row ``k`` is line ``k + 2``. Identical duplicates collapse (their later
    positions are returned for dropping, with the code and count for a warning); differing
    duplicates refuse the file at the first line that differs.
    """
    seen: dict[str, int] = {}
    drop: list[int] = []
    collapsed: list[tuple[str, int]] = []
    for j, name in enumerate(header):
        if name not in seen:
            seen[name] = j
            continue
        first = seen[name]
        a, b = rows[f"c{first}"], rows[f"c{j}"]
        differ = ~(a.eq_missing(b))
        if differ.any():
            k = int(differ.arg_true()[0])
            raise IngestError(
                path,
                k + 2,
                f"站点 {name} 重复出现且数值不同：{a[k]!r} ≠ {b[k]!r} "
                f"(station column {name} appears twice with different values)",
            )
        drop.append(j)
        collapsed.append((name, j))
    return drop, collapsed
