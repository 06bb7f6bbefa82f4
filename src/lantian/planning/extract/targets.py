"""Air-quality targets of a plan: metric, area, period, bound, value, change.

Read from the parts whose heading names the targets (工作目标, 主要目标 …) and from the tasks
(a task may set, e.g., a dustfall cap); never from the preamble, which recounts past results.
Within a part, sentences are read clause by clause (，；) carrying the context forward:

- the **period** last written (``2019年`` → ``2019``; ``2020年10-12月`` → ``2020-Q4``;
  ``2018年10月1日-12月31日`` → ``2018-Q4``; ``2020-2021年秋冬季`` → ``2020-heating``), else the
  plan's period;
- the **area** written before the metric (``京津冀及周边地区PM2.5…``), where 全市/全区 means
  the plan's area and 各城市 keeps the area before it;
- the **metric** (:data:`METRIC_WORDS`), kept for a clause that gives only a value
  (``…64.5微克/立方米以下，较去年同期下降26.1%以上`` → two targets).

A value needs a bound word (控制在, 不高于, 达到, 以下 …). ``较…下降N%`` is a change target
(``change: true``, value −N, ``<=``); ``达到`` bounds a concentration, index or heavy-pollution
days from above and a good-day ratio or count from below.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from lantian.airquality.periods import Period, parse_period
from lantian.airquality.targets import METRICS
from lantian.planning.extract.quantities import AT_LEAST, AT_MOST, NUM, to_number

__all__ = ["METRIC_WORDS", "TargetMatch", "find_targets", "period_name"]

#: Written metric → metric (the engine's names plus ``dustfall``), longest first.
METRIC_WORDS: tuple[tuple[str, str], ...] = (
    ("细颗粒物（PM2.5）", "pm25"),
    ("可吸入颗粒物（PM10）", "pm10"),
    ("PM2.5", "pm25"),
    ("细颗粒物", "pm25"),
    ("PM10", "pm10"),
    ("可吸入颗粒物", "pm10"),
    ("空气质量综合指数", "composite"),
    ("综合指数", "composite"),
    ("优良天数比率", "good_ratio"),
    ("优良天数比例", "good_ratio"),
    ("优良天数占比", "good_ratio"),
    ("优良率", "good_ratio"),
    ("优良天数", "good_days"),
    ("重度及以上污染天数", "heavy_days"),
    ("重污染天数", "heavy_days"),
    ("重度污染天数", "heavy_days"),
    ("二氧化硫", "so2"),
    ("二氧化氮", "no2"),
    ("一氧化碳", "co"),
    ("臭氧", "o3"),
    ("降尘量", "dustfall"),
    ("降尘", "dustfall"),
)
DUSTFALL_UNIT = "t/(km²·月)"
_METRIC_RE = re.compile("|".join(re.escape(w) for w, _ in METRIC_WORDS))
_METRIC_OF = dict(METRIC_WORDS)
_LOWER_IS_BETTER = {"mean", "percentile", "index", "count"}

_Y = r"(?<![较比同自从与\d])(?P<y>\d{4})年"
_PERIODS: list[tuple[str, re.Pattern[str]]] = [
    (
        "days",
        re.compile(
            _Y + r"(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日[-—~至到](?:(?P<y2>\d{4})年)?"
            r"(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日"
        ),
    ),
    ("months", re.compile(_Y + r"(?P<m1>\d{1,2})月?[-—~至到](?P<m2>\d{1,2})月")),
    ("heating", re.compile(r"(?P<y>\d{4})(?:[-—~至](?:\d{4}))?年(?:秋冬季|采暖季)")),
    ("half", re.compile(_Y + r"(?P<h>上半年|下半年)")),
    ("month", re.compile(_Y + r"(?P<m1>\d{1,2})月(?!\d|底|末|前)")),
    ("year", re.compile(_Y + r"(?![\d月])")),
]
_CHANGE = re.compile(
    rf"较(?:去年同期|上年同期|上年|去年|同期|\d{{4}}年(?:同期)?)(?:平均)?"
    rf"(?P<dir>下降|降低|减少|上升|增加|提高|增长)(?P<num>{NUM})%(?P<b2>以上|以下|以内|左右)?"
)
_ABSOLUTE = re.compile(
    rf"(?P<verb>控制在|达到|不高于|不超过|不得高于|不得超过|低于|不低于|不少于|保持在|降至|降到|"
    rf"下降到|小于|力争达到|高于)?(?P<num>{NUM})(?P<unit>微克/立方米|µg/m3|ug/m3|%|天|"
    rf"吨/月·平方公里|吨/平方公里·月|吨/（平方公里·月）|t/（km2·月）)?(?P<b2>以下|以内|以上|左右)?"
)


@dataclass(frozen=True)
class TargetMatch:
    metric: str
    area: str
    period: str
    op: str
    value: float
    change: bool
    unit: str
    text: str
    start: int  # normalised offsets of the clause
    end: int


def period_name(p: Period) -> str:
    """The shortest name :func:`lantian.airquality.periods.parse_period` reads back as ``p``."""
    s, e = p.start, p.end
    last = calendar.monthrange(e.year, e.month)[1]
    if s.day == 1 and e.day == last:
        if s.year == e.year:
            if (s.month, e.month) == (1, 12):
                return str(s.year)
            if s.month == e.month:
                return f"{s.year}-{s.month:02d}"
            if s.month % 3 == 1 and e.month == s.month + 2:
                return f"{s.year}-Q{(s.month + 2) // 3}"
            if (s.month, e.month) in ((1, 6), (7, 12)):
                return f"{s.year}-H{1 if s.month == 1 else 2}"
        if (s.month, e.month, e.year) == (10, 3, s.year + 1):
            return f"{s.year}-heating"
    return f"{s.isoformat()}..{e.isoformat()}"


def _period_of(kind: str, m: re.Match[str]) -> Period | None:
    y = int(m.group("y"))
    try:
        if kind == "days":
            y2 = int(m.group("y2")) if m.group("y2") else y
            return Period(
                date(y, int(m.group("m1")), int(m.group("d1"))),
                date(y2, int(m.group("m2")), int(m.group("d2"))),
            )
        if kind in ("months", "month"):
            m1 = int(m.group("m1"))
            m2 = int(m.group("m2")) if kind == "months" else m1
            return Period(date(y, m1, 1), date(y, m2, calendar.monthrange(y, m2)[1]))
        if kind == "heating":
            return parse_period(f"{y}-heating")
        if kind == "half":
            return parse_period(f"{y}-H{1 if m.group('h') == '上半年' else 2}")
        return parse_period(str(y))
    except ValueError:
        return None


def _find_period(text: str) -> tuple[Period, int] | None:
    """The first period written in ``text`` and where it ends."""
    best: tuple[int, int, Period] | None = None
    for kind, pattern in _PERIODS:
        m = pattern.search(text)
        if m is None:
            continue
        p = _period_of(kind, m)
        if p is not None and (best is None or m.start() < best[0]):
            best = (m.start(), m.end(), p)
    return (best[2], best[1]) if best else None


def _unit(metric: str) -> str:
    return DUSTFALL_UNIT if metric == "dustfall" else METRICS[metric][2]


def _absolute_op(metric: str, verb: str | None, b2: str | None) -> str | None:
    words = [w for w in (verb, b2) if w]
    if not words:
        return None
    for w in reversed(words):
        if w in AT_MOST or w in ("左右", "保持在", "下降到"):
            return "<="
        if w in AT_LEAST:
            return ">="
    kind = "count" if metric == "dustfall" else METRICS[metric][3]
    return "<=" if kind in _LOWER_IS_BETTER else ">="


def find_targets(
    text: str, start: int, end: int, *, area: str, period: Period | None
) -> list[TargetMatch]:
    """Targets in normalised ``text[start:end]`` (one part of the plan)."""
    out: list[TargetMatch] = []
    plan_period = period
    for sm in re.finditer(r"(?:[^。\n]|(?<=[；，、])\n)+", text[start:end]):
        s0 = start + sm.start()
        cur_period = plan_period
        cur_area = area
        metric: str | None = None
        for cm in re.finditer(r"[^，；\n]+", sm.group(0)):
            clause = cm.group(0)
            found = _find_period(clause)
            if found is not None:
                cur_period = found[0]
            pieces = list(_METRIC_RE.finditer(clause))
            spans = [(p.start(), p.group(0)) for p in pieces] or [(0, "")]
            for k, (at, word) in enumerate(spans):
                if word:
                    metric = _METRIC_OF[word]
                    cur_area = _area_before(clause[:at], found, cur_area, area)
                if metric is None:
                    continue
                seg_start = at + len(word)
                seg_end = spans[k + 1][0] if k + 1 < len(spans) else len(clause)
                seg = clause[seg_start:seg_end]
                out += _values(
                    metric, seg, cur_area, cur_period, text, s0, s0 + len(sm.group(0).rstrip())
                )
    return out


def _area_before(before: str, found: tuple[Period, int] | None, current: str, plan: str) -> str:
    if found is not None:
        before = _PERIODS_STRIP.sub("", before)
    before = re.sub(r"(?:平均|的|年均|全年|各城市|各地|各区县|各县市区)+$", "", before)
    before = before.strip("，、 ")
    if not before:
        return current
    if re.match(r"^(?:全市|全区|全县|全省|本市|本区|我市|我区)", before):
        return plan
    if re.match(r"^各", before) or len(before) > 20:
        return current
    return before


_PERIODS_STRIP = re.compile(
    r"^.*?\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?(?:[-—~至到](?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?)?|"
    r"秋冬季|采暖季|上半年|下半年)?"
)


def _values(
    metric: str,
    seg: str,
    area: str,
    period: Period | None,
    text: str,
    c0: int,
    c1: int,
) -> list[TargetMatch]:
    out: list[TargetMatch] = []
    pname = period_name(period) if period is not None else ""
    for m in _CHANGE.finditer(seg):
        value = to_number(m.group("num"))
        up = m.group("dir") in ("上升", "增加", "提高", "增长")
        out.append(
            TargetMatch(
                metric,
                area,
                pname,
                ">=" if up else "<=",
                value if up else -value,
                True,
                "%",
                text[c0:c1],
                c0,
                c1,
            )
        )
    rest = _CHANGE.sub(lambda m: "#" * len(m.group(0)), seg)
    for m in _ABSOLUTE.finditer(rest):
        op = _absolute_op(metric, m.group("verb"), m.group("b2"))
        if op is None:
            continue
        unit = m.group("unit") or ""
        if not _unit_fits(metric, unit):
            continue
        out.append(
            TargetMatch(
                metric,
                area,
                pname,
                op,
                to_number(m.group("num")),
                False,
                _unit(metric),
                text[c0:c1],
                c0,
                c1,
            )
        )
    return out


def _unit_fits(metric: str, unit: str) -> bool:
    if metric in ("pm25", "pm10", "so2", "no2", "o3"):
        return unit in ("微克/立方米", "µg/m3", "ug/m3")
    if metric == "good_ratio":
        return unit == "%"
    if metric in ("good_days", "heavy_days"):
        return unit == "天"
    if metric == "dustfall":
        return unit.startswith(("吨", "t/"))
    if metric == "composite":
        return unit == ""
    return bool(unit)
