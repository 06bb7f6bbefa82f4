"""The national air-quality standards as pure, versioned functions and tables.

One module per standard (``hj633_2012``, ``hj633_2026``, ``gb3095_2012``, ``gb3095_2026``,
``hj663_2013``, ``hj663_2026``); :mod:`versions` picks the one in force on a date. No I/O, no
Django, no database: numbers in, numbers out, with exact decimal arithmetic.
"""

from lantian.standards import (
    gb3095_2012,
    gb3095_2026,
    hj633_2012,
    hj633_2026,
    hj663_2013,
    hj663_2026,
)
from lantian.standards.aqi_result import IAQI, AQIResult, Colour, Level
from lantian.standards.exceptional_events import EVENT_BASES, EventBasis
from lantian.standards.iaqi_formula import NO_IAQI, AQIArrays, Segment
from lantian.standards.rounding import (
    Rounding,
    round_half_even,
    round_half_up,
    round_to,
    to_decimal,
    to_fraction,
)
from lantian.standards.versions import (
    LimitSet,
    UnknownStandardError,
    aqi_standard,
    evaluation_standard,
    limits_standard,
    period_date,
    standard_set,
)

__all__ = [
    "EVENT_BASES",
    "IAQI",
    "NO_IAQI",
    "AQIArrays",
    "AQIResult",
    "Colour",
    "EventBasis",
    "Level",
    "LimitSet",
    "Rounding",
    "Segment",
    "UnknownStandardError",
    "aqi_standard",
    "evaluation_standard",
    "gb3095_2012",
    "gb3095_2026",
    "hj633_2012",
    "hj633_2026",
    "hj663_2013",
    "hj663_2026",
    "limits_standard",
    "period_date",
    "round_half_even",
    "round_half_up",
    "round_to",
    "standard_set",
    "to_decimal",
    "to_fraction",
]
