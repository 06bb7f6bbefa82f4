"""The notice as plain values (:class:`WarningNotice`, its rows; its totals are the list check's
:class:`~lantian.emergency.reduction.PollutantCheck`), the languages it is
written in and the default texts it starts from (addressees, pollutant names).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from lantian.emergency.levels import POLLUTANT_NAMES, Level
from lantian.emergency.lifecycle import Kind as Action
from lantian.emergency.reduction import PollutantCheck

Lang = Literal["zh", "en"]
LANGS: tuple[str, ...] = ("zh", "en")

#: Pollutant names in the notice (the list's four pollutants).
POLLUTANT_TEXT: dict[str, tuple[str, str]] = POLLUTANT_NAMES

#: Default addressees (主送机关).
RECIPIENTS_ZH = "各县（市、区）人民政府，市重污染天气应急指挥部各成员单位，各有关企业："
RECIPIENTS_EN = (
    "To the county and district governments, the member units of the city's heavy-pollution "
    "emergency command and the enterprises concerned:"
)


@dataclass(frozen=True)
class NoticeRow:
    """One line of the list in the notice: its measure and reduction [t/d] at the level."""

    enterprise_id: str
    enterprise: str
    line_id: str
    line: str
    industry_zh: str
    industry_en: str
    grade: str  # performance grade (A, B, 引领性 …) or the list category (保障类 …); "" when none
    measure_zh: str
    measure_en: str
    transport_zh: str  # "" when the measure has no transport part
    transport_en: str
    reductions: Mapping[str, float]  # pollutant → t/d
    synthetic: bool = False


@dataclass(frozen=True)
class WarningNotice:
    """Everything the notice says, as plain values (times aware, Beijing time when shown).

    ``action``: issue, upgrade or downgrade. ``trigger``: the labels of the forecast windows that
    triggered the rule (days ``2019-01-11`` or end hours ``2019-01-11T08:00``). ``aqi_low`` /
    ``aqi_high``: the forecast AQI range over the episode (None without an episode, e.g. a
    regional directive). ``expected_end`` None: "解除时间另行通知". ``rows``: industrial lines
    with a measure; ``sources``: non-industrial sources with a measure; ``transport``: the rows
    with a transport restriction.
    """

    issuer: str
    document_number: str
    city: str
    level: Level
    response: str
    action: Action
    basis_zh: str
    basis_en: str
    rule_zh: str
    rule_en: str
    observed_zh: str
    observed_en: str
    trigger: tuple[str, ...]
    forecast_issued: datetime
    episode_start: datetime | None
    episode_end: datetime | None
    aqi_low: int | None
    aqi_high: int | None
    primary: tuple[str, ...]
    issued_at: datetime
    measures_start: datetime
    expected_end: datetime | None
    rows: tuple[NoticeRow, ...]
    sources: tuple[NoticeRow, ...]
    totals: tuple[PollutantCheck, ...]  # check_list at the level, per pollutant
    transport: tuple[NoticeRow, ...]
    health_zh: str
    health_en: str
    contact: str = ""
    recipients_zh: str = RECIPIENTS_ZH
    recipients_en: str = RECIPIENTS_EN

    @property
    def enterprises(self) -> tuple[str, ...]:
        """Enterprise ids of :attr:`rows`, in order of first appearance."""
        return tuple(dict.fromkeys(r.enterprise_id for r in self.rows))

    @property
    def transport_enterprises(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.enterprise_id for r in self.transport))

    @property
    def synthetic(self) -> bool:
        return any(r.synthetic for r in (*self.rows, *self.sources))

    def total(self, pollutant: str) -> PollutantCheck:
        for t in self.totals:
            if t.pollutant == pollutant:
                return t
        raise KeyError(pollutant)
