"""Readers, one module per source format; :func:`read_file` sniffs the format and dispatches.

Each reader collects its warnings as values (:data:`~lantian.airquality.errors.Notes`):
:func:`read_noted` returns them, which is safe in threads; :func:`read_file` issues them
through :mod:`warnings`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

from lantian.airquality.errors import IngestError, Notes, warn_all
from lantian.airquality.readers.beijing_multisite import read_beijing_multisite
from lantian.airquality.readers.canonical import read_canonical, write_canonical
from lantian.airquality.readers.city_daily import (
    read_aqistudy,
    read_aqistudy_noted,
    read_tianqihoubao,
    read_tianqihoubao_noted,
)
from lantian.airquality.readers.cnemc_long import read_cnemc_long
from lantian.airquality.readers.cnemc_wide import read_cnemc_wide, read_cnemc_wide_noted
from lantian.airquality.readers.textfile import read_header

#: A reader that appends its warnings to the list it is given.
NotedReader = Callable[[Path, Notes], pa.Table]


def _silent(reader: Callable[[Path], pa.Table]) -> NotedReader:
    """A reader that never warns, as a :data:`NotedReader`."""

    def noted(path: Path, notes: Notes) -> pa.Table:
        return reader(path)

    return noted


def _station_list(path: Path, notes: Notes) -> pa.Table:
    """The CNEMC station list (imported here: :mod:`lantian.airquality.stations` reads text
    through this package)."""
    from lantian.airquality.stations import read_station_list_noted

    return read_station_list_noted(path, notes)


#: Format name → reader. ``hourly`` formats give HOURLY_SCHEMA, ``city_daily`` CITY_DAILY_SCHEMA,
#: ``station_list`` STATION_SCHEMA.
READERS: dict[str, NotedReader] = {
    "station_list": _station_list,
    "cnemc_wide": read_cnemc_wide_noted,
    "cnemc_long": _silent(read_cnemc_long),
    "beijing_multisite": _silent(read_beijing_multisite),
    "canonical": _silent(read_canonical),
    "aqistudy": read_aqistudy_noted,
    "tianqihoubao": read_tianqihoubao_noted,
}

CITY_DAILY_FORMATS: frozenset[str] = frozenset({"aqistudy", "tianqihoubao"})
STATION_FORMATS: frozenset[str] = frozenset({"station_list"})


def sniff_format(path: str | Path) -> str:
    """The format name of ``path`` judged from its header line."""
    h = read_header(path)
    if h[:3] == ["date", "hour", "type"]:
        return "cnemc_wide"
    if h[:3] == ["date", "hour", "station_code"]:
        return "cnemc_long"
    if h[:2] == ["No", "year"] and "station" in h:
        return "beijing_multisite"
    if h[:5] == ["station_code", "time", "pollutant", "value", "unit"]:
        return "canonical"
    if h[:3] == ["city", "date", "AQI"]:
        return "aqistudy"
    if h[:3] == ["city", "city_pinyin", "source_row_index"]:
        return "tianqihoubao"
    if h[:1] == ["监测点编码"]:
        return "station_list"
    raise IngestError(path, 1, f"无法识别的文件格式，表头 {h[:5]} (unknown format)")


def read_file(path: str | Path, fmt: str | None = None) -> pa.Table:
    """Read any supported file; ``fmt`` one of ``READERS`` (sniffed from the header if None).

    Warnings are issued as :class:`~lantian.airquality.errors.IngestWarning`.
    """
    notes: Notes = []
    table = read_noted(path, fmt, notes)
    warn_all(notes)
    return table


def read_noted(path: str | Path, fmt: str | None, notes: Notes) -> pa.Table:
    """:func:`read_file` that appends its warnings to ``notes`` instead of issuing them."""
    path = Path(path)
    fmt = fmt or sniff_format(path)
    if fmt not in READERS:
        raise ValueError(f"unknown format {fmt!r}; known: {sorted(READERS)}")
    return READERS[fmt](path, notes)


__all__ = [
    "CITY_DAILY_FORMATS",
    "READERS",
    "STATION_FORMATS",
    "read_aqistudy",
    "read_beijing_multisite",
    "read_canonical",
    "read_cnemc_long",
    "read_cnemc_wide",
    "read_file",
    "read_noted",
    "read_tianqihoubao",
    "sniff_format",
    "write_canonical",
]
