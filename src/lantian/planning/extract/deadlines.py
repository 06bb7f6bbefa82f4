"""Deadlines of a task (完成时限) as ISO dates.

Read on the normalised text of one task, with the plan's period (``Period``) to supply a
missing year. Forms and the date each gives (docs/plan_extraction_rules.md, "Deadlines"):

=========================================  ==================================================
``2019年8月31日前``, ``6月1日起``             that day (起: the day the measure must be in force)
``2019年6月底前``, ``10月底前``, ``9月末``    the month's last day
``2019年6月前``                              the month's last day (前 after a time point
                                             includes it, as in ``D日前``)
``自2020年9月起``                            the month's first day
``2019年底``, ``年底前``, ``年内``            31 December (of the year written, else the plan's)
``上半年``, ``2019年一季度末``               the half-year's or quarter's last day
``秋冬季期间``, ``采暖季期间``, ``冬防期间``  the autumn-winter season's last day (31 March):
                                             an open period gives its last day, text kept
``2019年采暖季前``                           the day before the season starts (30 September)
``2019年，…``, ``到2019年…`` (annual plans)   31 December of the plan's year
``每周``, ``每月``, ``每季度``, ``每半年``,     recurring weekly / monthly / quarterly /
``每年``; ``月考核``, ``年度考核``, ``年度检测`` semiannual / yearly, dated the plan period's
                                             last day (a periodic review: 考核, 检测, 通报 …)
=========================================  ==================================================

The written markers before a time point (到, 于, 自, 截至) are part of the deadline's text
(``到2019年底``, ``自2020年9月起``). Every occurrence is its own deadline, even when two carry
the same date (docs/plan_labelling.md §5).

The season is the one of :func:`lantian.airquality.periods.parse_period` (``2019-heating``:
1 October 2019 – 31 March 2020). A month without a year takes the year in which that month
falls inside the plan's period (or the year written earlier in the same sentence). Dates more
than three months before the plan's period are history, not deadlines, and are left out.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from lantian.airquality.periods import Period, parse_period

__all__ = ["DeadlineMatch", "find_deadlines", "season"]

#: How far before the plan's period a date may lie and still be a deadline.
HISTORY_SLACK = timedelta(days=92)

_Y = r"(?:(?P<y>\d{4})年)"
#: A marker written before a time point, kept in the deadline's text (到2019年底).
_PRE = r"(?:(?<![\d年月日])(?:截至|截止|到|于|自|在))?"
#: Periodic reviews named by their period (月考核, 年度考核, 年度检测): recurring duties.
_REVIEWS = r"考核|检测|通报|调度|评估|排名|督查|检查"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "recurring",
        re.compile(
            r"每(?P<r>周|星期|月|季度|季|半年|年度|年)(?![度节初底末])"
            r"(?P<tail>\d{1,2}[日号](?:前|之前)?)?"
        ),
    ),
    (
        "review",
        re.compile(rf"(?<![\d年月每本上下今])(?P<r>月|季度|半年|年度)(?:{_REVIEWS})"),
    ),
    (
        "day",
        re.compile(
            _PRE
            + _Y
            + r"?(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号](?P<suf>之前|以前|前|起|开始)?(?![-—~至])"
        ),
    ),
    (
        "month",
        re.compile(
            _PRE + _Y + r"?(?P<m>\d{1,2})月份?(?P<part>底|末|中旬|上旬|下旬|中)?"
            r"(?P<suf>之前|以前|前|起|开始|内)?"
        ),
    ),
    ("year_end", re.compile(_PRE + _Y + r"(?P<part>年底|年末|底|末)(?P<suf>之前|以前|前)?")),
    (
        "year_part",
        re.compile(
            _PRE + _Y + r"?(?P<part>上半年|下半年|第?[一二三四]季度|前三季度)(?P<suf>末|底|前|内)?"
        ),
    ),
    (
        "season",
        re.compile(
            _PRE + _Y + r"?(?:冬季|今冬)?(?P<s>秋冬季|采暖季|供暖季|采暖期|供暖期|冬防)"
            r"(?P<suf>期间|期内|前|内|间|期)?"
        ),
    ),
    (
        "this_year",
        re.compile(r"(?<![\d年])(?:到|于)?(?:今年|本年度?)?(?P<part>年内|年底前|年底|年末)"),
    ),
    (
        "bare_year",
        re.compile(
            r"(?<![\d较比与同自从至\-—~])(?:到|于)?(?P<y>\d{4})年"
            r"(?![\d月底末内度上下前后春夏秋冬以同起期第一二三四《的份初中采供冬秋\-—~至])"
        ),
    ),
]
_PARTS = {
    "上半年": (6, 30),
    "下半年": (12, 31),
    "一季度": (3, 31),
    "二季度": (6, 30),
    "三季度": (9, 30),
    "四季度": (12, 31),
    "前三季度": (9, 30),
}
RECURRING = {
    "周": "weekly",
    "星期": "weekly",
    "月": "monthly",
    "季度": "quarterly",
    "季": "quarterly",
    "半年": "semiannual",
    "年": "yearly",
    "年度": "yearly",
}


@dataclass(frozen=True)
class DeadlineMatch:
    date: date
    text: str
    recurring: str | None
    start: int  # normalised offsets
    end: int


def season(year: int) -> Period:
    """The autumn-winter / heating season that begins in ``year``."""
    return parse_period(f"{year}-heating")


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _year_for(month: int, period: Period | None, sentence_year: int | None) -> int | None:
    if sentence_year is not None:
        return sentence_year
    if period is None:
        return None
    for y in range(period.start.year, period.end.year + 1):
        if period.start <= date(y, month, 1) <= period.end or (
            period.start <= _month_end(y, month) <= period.end
        ):
            return y
    return period.start.year


def _plan_year(period: Period | None) -> int | None:
    """The year of 年底/年内 without a year: the year whose 31 December falls in the period."""
    if period is None:
        return None
    for y in range(period.start.year, period.end.year + 1):
        if period.start <= date(y, 12, 31) <= period.end:
            return y
    return period.end.year


def _season_for(year: int | None, period: Period | None) -> Period | None:
    if year is not None:
        return season(year)
    return season(period.start.year) if period is not None else None


def _date_of(kind: str, m: re.Match[str], period: Period | None, sy: int | None) -> date | None:
    g = m.groupdict()
    year = int(g["y"]) if g.get("y") else None
    if kind == "day":
        if year is None and not g["suf"]:
            return None
        month, day = int(g["m"]), int(g["d"])
        y = year or _year_for(month, period, sy)
        if y is None or not 1 <= month <= 12:
            return None
        try:
            return date(y, month, day)
        except ValueError:
            return None
    if kind == "month":
        month = int(g["m"])
        if not 1 <= month <= 12 or not (g["part"] or g["suf"]):
            return None
        y = year or _year_for(month, period, sy)
        if y is None:
            return None
        part, suf = g["part"], g["suf"]
        if part in ("底", "末", "下旬") or suf == "内":
            return _month_end(y, month)
        if part == "上旬":
            return date(y, month, 10)
        if part in ("中旬", "中"):
            return date(y, month, 20 if part == "中旬" else 15)
        if suf in ("起", "开始"):
            return date(y, month, 1)
        return _month_end(y, month)  # "6月前": by June, the month included
    if kind == "year_end":
        return date(year, 12, 31) if year else None
    if kind == "year_part":
        part = g["part"].lstrip("第")
        if year is None and part not in ("上半年", "下半年") and not g["suf"]:
            return None
        y = year or _plan_year(period)
        if y is None:
            return None
        mm, dd = _PARTS[part]
        return date(y, mm, dd)
    if kind == "season":
        suf = g["suf"]
        if year is None and suf in (None, "", "期"):
            return None
        s = _season_for(year, period)
        if s is None:
            return None
        return s.start - timedelta(days=1) if suf == "前" else s.end
    if kind == "this_year":
        y = _plan_year(period)
        return date(y, 12, 31) if y else None
    if kind == "bare_year":
        if period is None or not period.is_calendar_year or year != period.start.year:
            return None
        return date(year, 12, 31)
    return None


def find_deadlines(text: str, start: int, end: int, period: Period | None) -> list[DeadlineMatch]:
    """Deadlines in normalised ``text[start:end]``, every occurrence, in text order."""
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            found.append((m.start(), -(m.end() - m.start()), kind, m))
    found.sort(key=lambda f: (f[0], f[1]))
    taken_until = start
    out: list[DeadlineMatch] = []
    for s, _, kind, m in found:
        if s < taken_until:
            continue
        sentence_start = max(text.rfind("。", start, s), text.rfind("\n", start, s), start - 1) + 1
        sy = _sentence_year(text, sentence_start, s)
        recurring: str | None = None
        if kind in ("recurring", "review"):
            recurring = RECURRING[m.group("r")]
            when = period.end if period is not None else None
        else:
            if _in_title(text, sentence_start, s):
                continue
            when = _date_of(kind, m, period, sy)
        if when is None:
            continue
        taken_until = m.end()
        if period is not None and when < period.start - HISTORY_SLACK:
            continue
        out.append(DeadlineMatch(when, m.group(0), recurring, m.start(), m.end()))
    return out


def _sentence_year(text: str, sentence_start: int, at: int) -> int | None:
    years = re.findall(r"(\d{4})年", text[sentence_start:at])
    return int(years[-1]) if years else None


def _in_title(text: str, sentence_start: int, at: int) -> bool:
    """Inside 《…》 (the name of a document or standard)."""
    before = text[sentence_start:at]
    return before.count("《") > before.count("》")
