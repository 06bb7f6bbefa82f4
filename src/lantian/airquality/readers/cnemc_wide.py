"""CNEMC daily wide files ``china_sites_YYYYMMDD.csv``: one row per (hour, type), one column per
station. Pivoted to one row per station-hour.

Time: ``date`` + ``hour`` is the hour-ending label in Beijing time (hour 0 of day D is the mean
over 23:00–24:00 of D−1), so ``ts = date + hour h`` (schema.py).

O3 columns: in the 2019 files ``O3`` is the current 1-hour value, ``O3_24h`` its running
24-hour maximum, ``O3_8h`` the current 8-hour mean and ``O3_8h_24h`` its running maximum (checked
on 2019-06-01: ``O3 <= O3_24h`` always and ``O3_24h`` steps up exactly to ``O3`` when a new
maximum is reached). The swap described in spec/aqi.md §5 concerns later feeds, not these files.

The pivot is array reshaping, not a relational pivot: the station block is converted to numbers
once (one cast per column), scattered into a ``type × station × hour`` cube by each row's
(type, hour), and the station-hours with at least one non-empty cell are kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow as pa

from lantian.airquality.errors import IngestError, IngestWarning, Notes, warn_all
from lantian.airquality.readers.hourly import finish_hourly
from lantian.airquality.readers.textfile import read_text
from lantian.airquality.schema import POLLUTANTS
from lantian.airquality.validation import (
    check_duplicate_columns,
    check_field_counts,
    flag_numbers,
)

#: Source ``type`` value → canonical column (docs/nomenclature.md).
TYPE_MAP: dict[str, str] = {
    "AQI": "pub_aqi",
    "PM2.5": "pm25",
    "PM2.5_24h": "pub_pm25_24h",
    "PM10": "pm10",
    "PM10_24h": "pub_pm10_24h",
    "SO2": "so2",
    "SO2_24h": "pub_so2_24h",
    "NO2": "no2",
    "NO2_24h": "pub_no2_24h",
    "O3": "o3",
    "O3_24h": "pub_o3_24h",
    "O3_8h": "pub_o3_8h",
    "O3_8h_24h": "pub_o3_8h_24h",
    "CO": "co",
    "CO_24h": "pub_co_24h",
}

INDEX_COLUMNS: tuple[str, ...] = ("date", "hour", "type")

_NAME_DATE = re.compile(r"(\d{8})")
_DATE = re.compile(r"[0-9]{8}")
_HOUR = re.compile(r"[+-]?[0-9]+")
_TYPE_INDEX: dict[str, int] = {t: k for k, t in enumerate(TYPE_MAP)}


def read_cnemc_wide(path: str | Path) -> pa.Table:
    """Read one ``china_sites_YYYYMMDD.csv(.gz)`` file into ``HOURLY_SCHEMA``.

    Refuses the file (:class:`IngestError`) on a truncated row, a station column repeated with
    different values, an unknown type, a repeated (hour, type) row or an unparseable date or
    hour. Warns (:class:`IngestWarning`) on identical repeated columns (collapsed), a file name
    whose date differs from the dates inside, and partial days.
    """
    notes: Notes = []
    table = read_cnemc_wide_noted(path, notes)
    warn_all(notes)
    return table


def read_cnemc_wide_noted(path: str | Path, notes: Notes) -> pa.Table:
    """:func:`read_cnemc_wide` that appends its warnings to ``notes`` instead of issuing them."""
    path = Path(path)
    lines = read_text(path).splitlines()
    if not lines:
        raise IngestError(path, 1, "空文件 (empty file)")
    header = lines[0].split(",")
    if tuple(header[:3]) != INDEX_COLUMNS:
        raise IngestError(path, 1, "表头不是 date,hour,type,… (header is not date,hour,type,…)")
    check_field_counts(path, lines, len(header))
    body = _data_lines(path, lines)
    n_rows, n_fields = len(body), len(header)
    # Every cell of the file as one text column, row-major (field j of row r at r*n_fields + j):
    # one vectorised split instead of a 1,700-column frame.
    cells = pl.Series(body).str.split(",").explode()
    drop, collapsed = check_duplicate_columns(path, header, _repeated_columns(header, cells))
    for code, j in collapsed:
        notes.append(
            IngestWarning(
                path,
                1,
                f"站点 {code} 出现两次（第 {j + 1} 列），数值相同，已合并 "
                f"(station {code} appears twice, column {j + 1}; identical values collapsed)",
            )
        )
    index = [line.split(",", 3) for line in body]
    dates, hours, types = ([row[k] for row in index] for k in range(3))
    row_ts, row_type = _check_index(path, dates, hours, types)
    _note_partial_day(path, dates, hours, notes)

    # Stations in code order (the store's sort order), identical duplicates dropped.
    dropped = set(drop)
    kept = sorted((header[j], j) for j in range(3, n_fields) if j not in dropped)
    codes = [code for code, _ in kept]
    fields = np.array([j for _, j in kept], np.intp)
    num, filled = _numbers(cells, n_fields, fields)
    finite = np.isfinite(num)
    num[~finite] = np.nan

    hours_sorted = sorted(set(row_ts))
    hour_of = {t: k for k, t in enumerate(hours_sorted)}
    ki = np.array(row_type, np.intp)
    ti = np.fromiter((hour_of[t] for t in row_ts), np.intp, n_rows)
    shape = (len(TYPE_MAP), len(codes), len(hours_sorted))
    value = np.full(shape, np.nan)
    value[ki, :, ti] = num
    present = np.zeros(shape, np.bool_)
    present[ki, :, ti] = filled
    bad = np.zeros(shape, np.bool_)
    bad[ki, :, ti] = filled & ~finite

    # Station-hours with at least one non-empty cell, station-major (sorted by code, then ts).
    keep = np.flatnonzero(present.any(axis=0).reshape(-1))
    n_hours = len(hours_sorted)
    at_hour = pl.Series(keep % n_hours)
    first_line: dict[datetime, int] = {}
    for i, t in enumerate(row_ts, start=2):
        first_line.setdefault(t, i)
    columns = {
        "station_code": pl.Series(codes, dtype=pl.String).gather(pl.Series(keep // n_hours)),
        "ts": pl.Series(hours_sorted, dtype=pl.Datetime("us")).gather(at_hour),
        "source": pl.Series(
            [f"{path.name}:{first_line[t]}" for t in hours_sorted], dtype=pl.String
        ).gather(at_hour),
    }
    flat = value.reshape(len(TYPE_MAP), -1)[:, keep]
    for k, name in enumerate(TYPE_MAP.values()):
        columns[name] = pl.Series(name, flat[k], nan_to_null=True)
    bad_flat = bad.reshape(len(TYPE_MAP), -1)
    canonical = {c: _TYPE_INDEX[t] for t, c in TYPE_MAP.items()}
    non_numeric = {p: pl.Series(bad_flat[canonical[p], keep]) for p in POLLUTANTS}
    return finish_hourly(flag_numbers(pl.DataFrame(columns), non_numeric))


def _data_lines(path: Path, lines: Sequence[str]) -> list[str]:
    """The data lines (line 2 on), trailing blank lines dropped; refuses a blank line inside."""
    body = list(lines[1:])
    while body and not body[-1].strip():
        body.pop()
    if not body:
        raise IngestError(path, 2, "没有数据行 (no data rows)")
    for i, line in enumerate(body):
        if not line.strip():
            raise IngestError(path, i + 2, "日期或小时无法解析 (unparseable date or hour)")
    return body


def _repeated_columns(header: Sequence[str], cells: pl.Series) -> pl.DataFrame:
    """The columns whose name appears more than once, as ``c<j>`` text (empty → NULL)."""
    n_fields = len(header)
    n_rows = len(cells) // n_fields
    counts: dict[str, int] = {}
    for name in header:
        counts[name] = counts.get(name, 0) + 1
    rows = np.arange(n_rows) * n_fields
    columns = {
        f"c{j}": cells.gather(pl.Series(rows + j))
        for j, name in enumerate(header)
        if counts[name] > 1
    }
    frame = pl.DataFrame(columns)
    return frame.select(pl.when(pl.all() != "").then(pl.all()))


def _numbers(cells: pl.Series, n_fields: int, fields: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The cells of columns ``fields`` as floats (NaN when empty or not a number), rows × fields,
    and whether each cell holds any text.

    Surrounding whitespace does not count: cells that fail the plain cast are stripped and
    converted again (rare, so the common path parses each cell once).
    """
    shape = (len(cells) // n_fields, n_fields)
    num = cells.cast(pl.Float64, strict=False).to_numpy().reshape(shape)[:, fields]
    filled = (cells.str.len_bytes() > 0).to_numpy().reshape(shape)[:, fields]
    retry = np.flatnonzero(filled & np.isnan(num))
    if retry.size:
        rows, cols = np.divmod(retry, len(fields))
        again = cells.gather(pl.Series(rows * n_fields + fields[cols])).str.strip_chars()
        num[rows, cols] = again.cast(pl.Float64, strict=False).to_numpy()
        filled[rows, cols] = (again.str.len_bytes() > 0).to_numpy()
    return num, filled


def _check_index(
    path: Path,
    dates: Sequence[str | None],
    hours: Sequence[str | None],
    types: Sequence[str | None],
) -> tuple[list[datetime], list[int]]:
    """Each row's hour-ending time and type (index in :data:`TYPE_MAP`).

    Refuses unknown types, repeated (hour, type) rows and unparseable dates or hours, each at
    its line (data row ``i`` is line ``i + 2``).
    """
    for i, t in enumerate(types):
        if t is not None and t not in TYPE_MAP:
            raise IngestError(path, i + 2, f"未知的监测项目 {t!r} (unknown type)")
    seen: set[tuple[str | None, str | None, str | None]] = set()
    for i, key in enumerate(zip(dates, hours, types, strict=True)):
        if key in seen:
            raise IngestError(
                path, i + 2, "同一小时同一项目重复出现 (the same hour and type appear twice)"
            )
        seen.add(key)
    parsed: dict[tuple[str | None, str | None], datetime | None] = {}
    row_ts: list[datetime] = []
    for i, (d, h) in enumerate(zip(dates, hours, strict=True)):
        if (d, h) not in parsed:
            parsed[d, h] = _hour_ending(d, h)
        ts = parsed[d, h]
        if ts is None:
            raise IngestError(path, i + 2, "日期或小时无法解析 (unparseable date or hour)")
        row_ts.append(ts)
    row_type: list[int] = []
    slots: set[tuple[datetime, int]] = set()
    for i, (ts, t) in enumerate(zip(row_ts, types, strict=True)):
        if t is None:
            raise IngestError(path, i + 2, "缺少监测项目 (missing type)")
        k = _TYPE_INDEX[t]
        if (ts, k) in slots:  # e.g. hour 24 of one date and hour 0 of the next
            raise IngestError(
                path, i + 2, "同一小时同一项目重复出现 (the same hour and type appear twice)"
            )
        slots.add((ts, k))
        row_type.append(k)
    return row_ts, row_type


def _hour_ending(date: str | None, hour: str | None) -> datetime | None:
    """``date`` (YYYYMMDD) + ``hour`` hours, or None when either does not parse."""
    if date is None or hour is None or not _DATE.fullmatch(date) or not _HOUR.fullmatch(hour):
        return None
    try:
        day = datetime.strptime(date, "%Y%m%d")
    except ValueError:
        return None
    return day + timedelta(hours=int(hour))


def _note_partial_day(
    path: Path, dates: Sequence[str | None], hours: Sequence[str | None], notes: Notes
) -> None:
    m = _NAME_DATE.search(path.name)
    inside = sorted({d for d in dates if d is not None})
    if m and inside and inside != [m.group(1)]:
        notes.append(
            IngestWarning(
                path,
                2,
                f"文件名日期 {m.group(1)} 与内容日期 {','.join(inside)} 不符 "
                "(file name date differs from the dates inside)",
            )
        )
    labels = sorted({int(h) for h in hours if h is not None})
    if len(labels) < 24:
        shown = ",".join(str(h) for h in labels)
        notes.append(
            IngestWarning(
                path,
                None,
                f"部分日：仅有 {len(labels)}/24 个小时（{shown}） "
                f"(partial day: only {len(labels)} of 24 hours: {shown})",
            )
        )
