"""The plan itself: title, issuing body, document number, issue date, period, area.

Read from the front matter (the text before the first outline number), without relying on
line breaks:

- **document number** (发文字号): ``石政发〔2019〕3号``, ``中原政 〔2017〕2号``, with 〔〕, [], 【】
  or （） around the year; the first one outside 《》 and not cited in a parenthesis, written
  back with 〔〕;
- **title**: ``关于印发《X》的通知`` or ``关于印发X的通知`` gives X; else the first name ending
  in 方案/计划/规划/意见/办法/细则 (a leading 附件 dropped);
- **issuer**: a red-header ``X人民政府文件``, else a body (…人民政府, …办公室, …委员会 …) signed
  just before a date;
- **issue date**: the first full date (2019年6月26日, also 二〇一九年六月二十六日) of the front
  matter that is not a deadline (…前, …起);
- **period**: from the title — ``2019年`` → the year, ``2020-2021年秋冬季`` → the season
  (``2020-heating``), ``2018-2020年`` → the years; else the issue year;
- **area**: the title's words before its year (石家庄市, 中原区), else the issuer less 人民政府.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from lantian.airquality.periods import Period, parse_period
from lantian.planning.extract.numerals import cn_to_int

__all__ = ["MetaMatch", "PlanMatch", "find_plan_meta"]


@dataclass(frozen=True)
class MetaMatch:
    value: str
    start: int  # normalised offsets
    end: int


@dataclass(frozen=True)
class PlanMatch:
    title: MetaMatch | None
    issuer: MetaMatch | None
    document_number: MetaMatch | None
    issued_on: MetaMatch | None
    period: Period | None
    period_at: tuple[int, int] | None
    area: MetaMatch | None


_DOCNO = re.compile(
    r"(?P<p>[\u4e00-\u9fff]{1,12})[〔\[【（](?P<y>(?:19|20)\d{2})[〕\]】）](?P<n>\d{1,4})号"
)
_DOCNO_CUT = ("文件", "通知", "政府", "办公室", "》", "号")
_TITLE_NOTICE = (
    re.compile(r"关于印发《(?P<t>[^》\n]{4,80})》的(?:通知|函)"),
    re.compile(r"关于印发(?P<t>[^《》。，；\n]{4,80}?)的(?:通知|函)"),
)
_PLAN_WORDS = (
    r"(?:实施方案|工作方案|行动方案|方案|行动计划|工作计划|计划|规划|实施意见|意见|办法|细则)"
)
_TITLE_PLAIN = re.compile(
    r"(?:^|(?<=[\n。：》）]))(?:附件\d*)?(?P<t>[^。，；：\n《》]{4,80}?" + _PLAN_WORDS + r")"
)
_ISSUER = (
    r"[\u4e00-\u9fff]{2,20}?(?:人民政府办公厅|人民政府办公室|人民政府|政府办公室|办公厅|"
    r"领导小组办公室|指挥部办公室|委员会|指挥部)"
)
_ISSUER_HEADER = re.compile(r"^(?P<i>" + _ISSUER + r")文件")
_CN_DAY = r"[\d一二三四五六七八九十]{1,3}"
_DATE = rf"(?P<y>\d{{4}}|[〇○零一二三四五六七八九]{{4}})年(?P<m>{_CN_DAY})月(?P<d>{_CN_DAY})日"
_ISSUER_SIGNED = re.compile(r"(?:^|(?<=[\n。；：）》]))(?P<i>" + _ISSUER + r")(?=" + _DATE + ")")
_DATE_RE = re.compile(_DATE + r"(?!前|起|之前|以前|开始)")
_TITLE_PERIOD = (
    (
        "season",
        re.compile(r"(?P<y>\d{4})(?:[-—~至](?P<y2>\d{4}))?年(?:度)?(?:秋冬季|冬春季|采暖季)"),
    ),
    ("years", re.compile(r"（?(?P<y>\d{4})[-—~至](?P<y2>\d{4})年）?")),
    ("year", re.compile(r"(?P<y>\d{4})年(?:度)?")),
)


def _date(m: re.Match[str]) -> date | None:
    try:
        y, mo, d = (cn_to_int(m.group(k)) for k in ("y", "m", "d"))
        return date(y, mo, d)
    except ValueError:
        return None


def find_plan_meta(text: str, front_end: int) -> PlanMatch:
    """The plan's metadata from normalised ``text`` (front matter = ``text[:front_end]``)."""
    front = text[:front_end]
    docno = _document_number(front)
    title = _title(front)
    issuer: MetaMatch | None = None
    header = _ISSUER_HEADER.match(front)
    if header:
        issuer = MetaMatch(header.group("i"), header.start("i"), header.end("i"))
    else:
        signed = _ISSUER_SIGNED.search(front)
        if signed:
            issuer = MetaMatch(signed.group("i"), signed.start("i"), signed.end("i"))
    issued: MetaMatch | None = None
    for m in _DATE_RE.finditer(front):
        d = _date(m)
        if d is not None:
            issued = MetaMatch(d.isoformat(), m.start(), m.end())
            break
    period, period_at = _period(title, issued)
    area = _area(title, issuer)
    return PlanMatch(title, issuer, docno, issued, period, period_at, area)


def _document_number(front: str) -> MetaMatch | None:
    for m in _DOCNO.finditer(front):
        before = front[: m.start()]
        if before.count("《") > before.count("》"):
            continue
        if before.endswith("（") or before.endswith("("):
            continue
        prefix = m.group("p")
        cut = max((prefix.rfind(w) + len(w) for w in _DOCNO_CUT if w in prefix), default=0)
        prefix = prefix[cut:][-8:]
        if not prefix:
            continue
        start = m.start("p") + (len(m.group("p")) - len(prefix))
        value = f"{prefix}〔{m.group('y')}〕{int(m.group('n'))}号"
        return MetaMatch(value, start, m.end())
    return None


def _title(front: str) -> MetaMatch | None:
    for pattern in _TITLE_NOTICE:
        m = pattern.search(front)
        if m:
            before = front[: m.start()]
            if before.count("《") > before.count("》"):
                continue
            return MetaMatch(m.group("t"), m.start("t"), m.end("t"))
    m = _TITLE_PLAIN.search(front)
    if m:
        return MetaMatch(m.group("t"), m.start("t"), m.end("t"))
    return None


def _period(
    title: MetaMatch | None, issued: MetaMatch | None
) -> tuple[Period | None, tuple[int, int] | None]:
    if title is not None:
        for kind, pattern in _TITLE_PERIOD:
            m = pattern.search(title.value)
            if not m:
                continue
            y = int(m.group("y"))
            at = (title.start + m.start(), title.start + m.end())
            if kind == "season":
                return parse_period(f"{y}-heating"), at
            if kind == "years":
                y2 = int(m.group("y2"))
                if y2 < y:
                    continue
                return Period(date(y, 1, 1), date(y2, 12, 31)), at
            return parse_period(str(y)), at
    if issued is not None:
        return parse_period(issued.value[:4]), (issued.start, issued.start + 4)
    return None, None


def _area(title: MetaMatch | None, issuer: MetaMatch | None) -> MetaMatch | None:
    if title is not None:
        m = re.match(r"(?P<a>[^\d]{2,40}?)(?:\d{4})", title.value)
        if m:
            a = m.group("a").rstrip("（(")
            if a:
                return MetaMatch(a, title.start, title.start + len(a))
    if issuer is not None:
        m = re.match(r"(?P<a>.+?)(?:人民政府|政府)", issuer.value)
        if m:
            return MetaMatch(m.group("a"), issuer.start, issuer.start + len(m.group("a")))
    return None
