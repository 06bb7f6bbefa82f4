"""The breakpoint tables of one HJ 633 version, and the lookups both versions share.

Each version module (``hj633_2012``, ``hj633_2026``) keeps its own tables beside the clauses
that define them and wraps them in one :class:`IndexTables`; the rules that differ between the
versions (substitutes above 800 in 2012, caps in 2026, the report contents) stay in the modules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from lantian.standards.aqi_result import IAQI
from lantian.standards.iaqi_formula import (
    IntArray,
    Segment,
    Table,
    index_array,
    index_of,
    scaled_segments_of,
    segments_of,
)
from lantian.standards.indicators import POLLUTANT_OF, check_indicator
from lantian.standards.rounding import Number, Rounding


@dataclass(frozen=True)
class IndexTables:
    """``breakpoints`` per table column, the column each indicator is indexed on
    (``table_of``: 1-hour PM uses the daily column) and the reporting ``precision`` per
    pollutant [decimals]."""

    breakpoints: Mapping[str, Table]
    table_of: Mapping[str, str]
    precision: Mapping[str, int]

    def lookup(self, indicator: str) -> tuple[Table, int]:
        """(table, decimals) of ``indicator``; an unknown name lists the known ones."""
        check_indicator(indicator, tuple(self.table_of))
        return (
            self.breakpoints[self.table_of[indicator]],
            self.precision[POLLUTANT_OF[indicator]],
        )

    def segments(self, indicator: str) -> tuple[Segment, ...]:
        """Pieces of ``indicator`` as (bp_lo, bp_hi, iaqi_lo, iaqi_hi) [µg/m³; CO mg/m³]."""
        return segments_of(self.lookup(indicator)[0])

    def scaled_segments(self, indicator: str) -> tuple[Segment, ...]:
        """Segments with concentrations × 10**precision (CO in 0.1 mg/m³), for integer engines."""
        table, ndigits = self.lookup(indicator)
        return scaled_segments_of(table, ndigits)

    def index(
        self, indicator: str, c: Number | None, *, round_input: bool, rounding: Rounding
    ) -> IAQI:
        """Formula (1) with the ceiling, before any version's rule above the table."""
        table, ndigits = self.lookup(indicator)
        return index_of(indicator, c, table, ndigits, round_input=round_input, rounding=rounding)

    def index_array(
        self,
        indicator: str,
        values: npt.ArrayLike,
        *,
        round_input: bool,
        rounding: Rounding,
        missing: IntArray | None = None,
    ) -> tuple[IntArray, npt.NDArray[np.bool_]]:
        """:meth:`index` over a column: (indices with ``-1`` for none, beyond-table mask);
        ``missing``, when given, counts the missing or invalid values."""
        table, ndigits = self.lookup(indicator)
        return index_array(
            values, table, ndigits, round_input=round_input, rounding=rounding, missing=missing
        )
