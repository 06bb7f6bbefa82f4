"""Readers, one module per source format; :func:`read_file` sniffs the format and dispatches."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

from lantian.airquality.errors import IngestError
from lantian.airquality.readers.beijing_multisite import read_beijing_multisite
from lantian.airquality.readers.canonical import read_canonical, write_canonical
from lantian.airquality.readers.city_daily import read_aqistudy, read_tianqihoubao
from lantian.airquality.readers.cnemc_long import read_cnemc_long
from lantian.airquality.readers.cnemc_wide import read_cnemc_wide
from lantian.airquality.readers.textfile import read_header

#: Format name → reader. ``hourly`` formats give HOURLY_SCHEMA, ``city_daily`` CITY_DAILY_SCHEMA.
READERS: dict[str, Callable[[Path], pa.Table]] = {
    "cnemc_wide": read_cnemc_wide,
    "cnemc_long": read_cnemc_long,
    "beijing_multisite": read_beijing_multisite,
    "canonical": read_canonical,
    "aqistudy": read_aqistudy,
    "tianqihoubao": read_tianqihoubao,
}

CITY_DAILY_FORMATS: frozenset[str] = frozenset({"aqistudy", "tianqihoubao"})


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
    raise IngestError(path, 1, f"无法识别的文件格式，表头 {h[:5]} (unknown format)")


def read_file(path: str | Path, fmt: str | None = None) -> pa.Table:
    """Read any supported file; ``fmt`` one of ``READERS`` (sniffed from the header if None)."""
    path = Path(path)
    fmt = fmt or sniff_format(path)
    if fmt not in READERS:
        raise ValueError(f"unknown format {fmt!r}; known: {sorted(READERS)}")
    return READERS[fmt](path)


__all__ = [
    "CITY_DAILY_FORMATS",
    "READERS",
    "read_aqistudy",
    "read_beijing_multisite",
    "read_canonical",
    "read_cnemc_long",
    "read_cnemc_wide",
    "read_file",
    "read_tianqihoubao",
    "sniff_format",
    "write_canonical",
]
