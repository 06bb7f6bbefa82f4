"""Quantitative commitments of a task (量化指标): verb, object, number, unit, bound.

Shapes read on one task's normalised text (docs/plan_extraction_rules.md, docs/plan_labelling.md
§6):

- verb, object, number, unit — ``压减水泥产能260万吨``, ``推广应用新能源汽车不低于4000辆``;
- verb, number, unit, object — ``新增80辆城市公交``, ``完成8家企业搬迁改造``; a list that
  shares the verb continues it: ``累计建成充电站53座，充电桩1760个``, ``10套…和1套…``; a
  quantity in brackets right after one is a second measure of the same work
  (``完成61处（面积4172亩）…``); a range gives its lower end (``至少树立1-2家`` → 1);
- object, bound, number, unit — rates, caps and requirements: ``机械化清扫率达到90%``,
  ``钢铁产能控制在2亿吨以内``, ``围挡高度不得低于1.8米``, ``抽查数量不低于…数量的80%``;
- a share that does the work — ``50%以上具备条件的重型柴油车安装远程在线监控``;
- frequencies with a count — ``每月清洗、维护1次``, ``每半年开展一次…监测``;
- lead times and time limits — ``提前至少3天发布预警信息`` (``>=``), ``于开工前三天报…备案``
  (``>=``), ``于24小时内及时清运完毕`` (``<=``);
- a total broken down by area after 其中 — ``完成散煤替代709万户。其中，河北省337万户、…``:
  each part is an indicator of the total's work naming its area (``散煤替代（河北省）``).

Not commitments: a number that delimits the scope (an object naming a dimension or a
comparison — ``炉膛直径3米以下``, ``大于5000吨的`` — unless a requirement bound such as 不得低于
sets it: ``围挡高度不得低于1.8米``; a bound followed by 的 qualifies a noun and is scope), a count
that totals the list before it (``…等6个行业``), a unit followed by ``/`` (a rate:
``35蒸吨/小时``), and air-quality levels (浓度, 天数, 优良 … are targets, :mod:`.targets`).
``op`` is ``>=`` unless a bound word says ``<=`` (以下, 以内, 不超过, 控制在 …); 左右 is ``=``.
The verb is ``""`` when the clause states only a level with a bound word (不低于80%).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lantian.planning.extract.quantities import NUM, bound_op, to_number

__all__ = ["IndicatorMatch", "find_indicators"]

VERBS = (
    "累计建成|推广应用|压减|淘汰|退出|化解|新增|增加|完成|推广|建成|建设|削减|减少|关停|取缔|"
    "整治|改造|替代|安装|更新|更换|修复|抽查|布设|培育|树立|创建|打造|发放|种植|造林|清理|拆除|"
    "搬迁|压降|减煤|检查|满足|具备|开展|新建"
)
UNITS = (
    "万千瓦时|万千瓦|千瓦|亿吨|万吨标准煤|万吨标煤|万吨|吨标准煤|吨|万户|户|万辆次|辆次|万辆|辆|万台|"
    "台|套|座|个|家|处|条|根|蒸吨|万亩|亩|万平方米|平方米|平方公里|公里|万立方米|立方米|艘|项|"
    "轮|次(?!性)|天|小时|米"
)
#: Units of time: a count of them is a lead time or a time limit, read by its own shapes only.
_TIME_UNITS = ("天", "小时", "日", "个工作日")
#: Bound words that state a level, not an action: the verb of such a clause is "".
_BOUND_ONLY = ("不低于", "不少于", "不高于", "不超过", "不得高于", "不得低于", "不得超过", "不大于")
RATE_VERBS = (
    "提高到|提升到|提高至|控制在|降低到|降至|不低于|不少于|不高于|不超过|不得高于|不得低于|"
    "不得超过|不大于|达到"
)
_AREA = r"[^\d，。；：、（）\s]{1,8}?(?:省|市|自治区|区|县|地区|平原|镇|乡|街道)"
_DIMENSIONS = re.compile(r"(?:高度|直径|半径|长度|宽度|距离|寿命)$")
#: A quantity that delimits what is counted, inside an object: "35蒸吨/小时以下燃煤锅炉".
_SCOPE = r"\d+(?:\.\d+)?[^\d，。；：、（）\s]{1,6}?(?:及以上|以上|及以下|以下)"
_BOUND1 = r"(?P<b1>不少于|不低于|不超过|超过|至少|达到|约|近)?"
_BOUND2 = r"(?P<b2>及以上|以上|以下|以内|左右)?"
_RANGE = rf"(?:[-—~至到](?P<hi>{NUM}))?"
_OBJ_TAIL = r"(?P<tail>(?:(?![和及与]\d)[^\d，。；：、（）《》\n]){0,20})"

_VERB_FIRST = re.compile(
    rf"(?P<verb>{VERBS})(?P<obj>(?:[^\d，。；：（）“”《》\n]|{_SCOPE}){{0,24}}?){_BOUND1}"
    rf"(?P<num>{NUM}){_RANGE}(?P<unit>{UNITS})(?![/／\w]*/){_BOUND2}{_OBJ_TAIL}"
)
_CONTINUE = re.compile(
    rf"(?:[，、]|和|及)(?P<obj>[^\d，。；：（）“”《》\n]{{0,12}}?){_BOUND1}"
    rf"(?P<num>{NUM}){_RANGE}(?P<unit>{UNITS})(?![/／]){_BOUND2}{_OBJ_TAIL}"
)
#: A second measure of the same work in brackets: "61处（面积4172亩）".
_BRACKETED = re.compile(rf"（(?P<obj>[^\d（）]{{0,6}}?)(?P<num>{NUM})(?P<unit>{UNITS})）")
_RATE = re.compile(
    rf"(?P<obj>[^\d，。；：、（）“”《》\n]{{2,25}}?)(?:要|应|均|原则上|平均|力争|基本)?"
    rf"(?P<verb>{RATE_VERBS})(?P<of>[^\d，。；：、（）\n]{{1,20}}?的(?=(?:{NUM})%))?"
    rf"(?P<num>{NUM})(?P<unit>%|{UNITS})(?![/／]){_BOUND2}"
)
_SHARE = re.compile(
    rf"(?<![\d.下降低少长高加])(?P<num>{NUM})%(?P<b2>及以上|以上)?的?"
    rf"(?P<obj>[^\d，。；：、（）\n]{{2,20}}?)(?P<verb>{VERBS})(?P<tail>[^\d，。；：（）\n]{{0,20}})"
)
_TIMES = r"\d+|[一二两三四五六七八九十]{1,3}"
_FREQUENCY = re.compile(
    rf"每(?P<per>周|月|季度|季|半年|年)(?P<verb>[^\d，。；：\n]{{1,12}}?)(?P<num>{_TIMES})次(?!性)"
    r"(?P<tail>[^\d，。；：（）\n]{0,20})"
)
_LEAD = re.compile(
    rf"提前(?P<b1>至少|不少于)?(?P<num>{_TIMES})(?P<unit>个工作日|天|小时|日)"
    r"(?P<tail>[^\d，。；：（）\n]{0,20})"
)
_BEFORE_EVENT = re.compile(
    rf"(?:于|在)(?P<event>[^\d，。；：（）\n]{{1,8}}?)前(?P<num>{_TIMES})(?P<unit>个工作日|天|小时|日)"
    r"(?P<tail>[^\d，。；：（）\n]{0,20})"
)
_WITHIN = re.compile(
    rf"(?:于|在)(?P<num>{_TIMES})(?P<unit>个工作日|天|小时|日)(?:之内|以内|内)"
    r"(?P<tail>[^\d，。；：（）\n]{0,20})"
)
_BREAKDOWN = re.compile(r"其中[，：]?")
_PART = re.compile(
    rf"(?P<area>{_AREA})(?P<verb>{RATE_VERBS}|{VERBS})?(?P<num>{NUM})(?P<unit>{UNITS})"
    rf"(?![/／]){_BOUND2}"
)
#: Air-quality levels are targets (docs/plan_labelling.md §8), not indicators.
_AIR_QUALITY = re.compile(r"浓度|天数|优良|PM2\.5|PM10|降尘|综合指数|空气质量")
#: A monitoring facility named after what it measures is counted, not a level
#: ("空气质量微型监测站120个").
_MONITOR = re.compile(r"(?:监测|检测|观测)[^，。；]{0,6}(?:站|点|点位|设备|仪|系统|网络)$")
#: An emission-standard class delimits vehicles or engines like a size does ("国三及以下").
_STANDARD_CLASS = r"国[一二三四五六ⅠⅡⅢⅣⅤⅥ\d]+(?:及以上|及以下|以上|以下)"
_CRITERION = re.compile(r"大于|小于|高于|低于|超过|以上|以下|及以下|不足")
#: An object ending so makes the number a threshold of scope ("年销售汽油量大于5000吨的").
_THRESHOLD = re.compile(r"(?:大于|小于|高于|低于|超过|不足|达)$")
_LEADING = r"^(?:年|其中|全市|全区|全县|到|力争|确保|基本)+"


@dataclass(frozen=True)
class IndicatorMatch:
    verb: str
    object: str
    value: float
    unit: str
    op: str
    text: str
    start: int  # normalised offsets
    end: int


def _object(before: str, tail: str) -> tuple[str, bool]:
    """The object and whether it came from after the number."""
    obj = re.sub(_LEADING, "", before.strip("、，和及 "))
    if not obj or re.fullmatch(VERBS, obj):
        return tail.strip("、，和及 "), True
    return obj, False


def _op(*words: str | None) -> str:
    """``>=``, ``<=``, or ``=`` for 左右 (docs/plan_labelling.md §6)."""
    return "=" if words and words[-1] == "左右" else bound_op(*words)


class _Found:
    """Indicators found so far and the text they occupy (a number is read once)."""

    def __init__(self) -> None:
        self.items: list[IndicatorMatch] = []
        self.taken: list[tuple[int, int]] = []

    def free(self, a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in self.taken)

    def add(self, item: IndicatorMatch, a: int | None = None, b: int | None = None) -> None:
        self.items.append(item)
        self.taken.append((item.start if a is None else a, item.end if b is None else b))


def find_indicators(text: str, start: int, end: int) -> list[IndicatorMatch]:
    """Quantitative commitments in normalised ``text[start:end]`` in text order."""
    found = _Found()
    _frequencies(text, start, end, found)
    _lead_times(text, start, end, found)
    _verb_first(text, start, end, found)
    _rates(text, start, end, found)
    _shares(text, start, end, found)
    _breakdowns(text, start, end, found)
    found.items.sort(key=lambda i: i.start)
    return found.items


def _frequencies(text: str, start: int, end: int, found: _Found) -> None:
    for m in _FREQUENCY.finditer(text, start, end):
        verb, target = m.group("verb"), ""
        action = re.search(rf"(?:{VERBS})$", verb)
        if action and action.start() > 0:  # "对在用锅炉开展", "在城区组织开展"
            if verb.startswith("对"):
                target = verb[1 : action.start()]
            verb = action.group(0)
        tail = m.group("tail").strip()
        if tail:
            obj = target + tail
        else:  # the object is what the clause before 每 names: "…安装油烟净化设施并每月…"
            clause = re.split(r"[，。；：\n]", text[start : m.start()])[-1]
            obj = re.sub(rf"^.*?(?:{VERBS})", "", re.sub(r"[并且及和]$", "", clause))
        found.add(
            IndicatorMatch(
                verb=verb,
                object=f"{obj}（每{m.group('per')}）",
                value=to_number(m.group("num")),
                unit="次",
                op=">=",
                text=text[m.start() : m.end("tail") if tail else m.end("num") + 1],
                start=m.start(),
                end=m.end("tail") if tail else m.end("num") + 1,
            )
        )


def _lead_times(text: str, start: int, end: int, found: _Found) -> None:
    shapes = ((_LEAD, ">="), (_BEFORE_EVENT, ">="), (_WITHIN, "<="))
    for pattern, op in shapes:
        for m in pattern.finditer(text, start, end):
            if not found.free(m.start(), m.end("unit")):
                continue
            tail = m.group("tail").strip()
            groups = m.groupdict()
            qualifier = f"（{groups['event']}前）" if groups.get("event") else ""
            found.add(
                IndicatorMatch(
                    verb="提前" if pattern is _LEAD else "",
                    object=tail + qualifier,
                    value=to_number(m.group("num")),
                    unit=m.group("unit"),
                    op=op,
                    text=text[m.start() : m.end()],
                    start=m.start(),
                    end=m.end(),
                )
            )


def _verb_first(text: str, start: int, end: int, found: _Found) -> None:
    for m in _VERB_FIRST.finditer(text, start, end):
        if not found.free(m.start(), m.end("unit")) or _not_commitment(m):
            continue
        verb = m.group("verb")
        pos = _add(found, verb, m, text, m.start())
        pos = _bracketed(found, verb, text, pos, end)
        while True:
            c = _CONTINUE.match(text, pos, end)
            if not c or re.search(VERBS, c.group("obj")) or _not_commitment(c):
                break
            # a clause with its own bound word states a level: no verb of its own
            pos = _add(found, "" if c.group("b1") else verb, c, text, pos + 1)
            pos = _bracketed(found, verb, text, pos, end)


def _bracketed(found: _Found, verb: str, text: str, pos: int, end: int) -> int:
    """A second measure in brackets right after an indicator: "61处（面积4172亩）"."""
    prev = found.items[-1]
    b = _BRACKETED.match(text, found.taken[-1][1], end)
    if not b or b.group("unit") in _TIME_UNITS:
        return pos
    found.add(
        IndicatorMatch(
            verb=verb,
            object=_measure(prev.object, b.group("obj")),
            value=to_number(b.group("num")),
            unit=b.group("unit"),
            op=prev.op,
            text=prev.text,
            start=prev.start,
            end=prev.end,
        ),
        b.start(),
        b.end(),
    )
    return max(pos, b.end())


def _measure(obj: str, measure: str) -> str:
    """The object of a second measure: "…修复绿化任务" + "面积" → "…修复绿化面积"."""
    if not measure:
        return obj
    return re.sub(r"(?:任务|工作|工程|项目)$", "", obj) + measure


def _rates(text: str, start: int, end: int, found: _Found) -> None:
    for m in _RATE.finditer(text, start, end):
        a = m.start("verb")
        b = m.end("b2") if m.group("b2") else m.end("unit")
        verb = m.group("verb")
        obj = m.group("obj")
        if not found.free(a, b) or _CRITERION.search(obj) or _air_quality(obj):
            continue
        if m.group("unit") in _TIME_UNITS:
            continue
        if _DIMENSIONS.search(obj) and not (verb in _BOUND_ONLY and text[b : b + 1] != "的"):
            continue  # a dimension is scope, unless a requirement bound sets it
        obj = re.sub(_LEADING, "", obj)
        of = m.group("of")
        if of:  # "抽查数量不低于当地注册柴油货车数量的80%": a share of something
            obj = f"{obj}占{of[:-1]}"
        found.add(
            IndicatorMatch(
                verb="" if verb in _BOUND_ONLY else verb,
                object=obj,
                value=to_number(m.group("num")),
                unit=m.group("unit"),
                op=_op(verb, m.group("b2")),
                text=text[m.start("obj") : b],
                start=m.start("obj"),
                end=b,
            ),
            a,
            b,
        )


def _shares(text: str, start: int, end: int, found: _Found) -> None:
    """ "50%以上具备条件的重型柴油车安装远程在线监控": the share that does the work."""
    for m in _SHARE.finditer(text, start, end):
        if not found.free(m.start(), m.end("num") + 1) or _air_quality(m.group("obj")):
            continue
        tail = m.group("tail").strip("、，和及 ")
        subject = re.sub(r"^(?:具备条件|符合条件)?的?", "", m.group("obj"))
        found.add(
            IndicatorMatch(
                verb=m.group("verb"),
                object=f"{tail}（{m.group('obj')}）" if tail else subject,
                value=to_number(m.group("num")),
                unit="%",
                op=">=",
                text=text[m.start() : m.end()],
                start=m.start(),
                end=m.end(),
            )
        )


def _breakdowns(text: str, start: int, end: int, found: _Found) -> None:
    """Parts of a total by area after 其中: each names its area and takes the total's work."""
    for k in _BREAKDOWN.finditer(text, start, end):
        totals = [i for i in found.items if i.end <= k.start() and _same_sentence(text, i, k)]
        if not totals:
            continue
        total = totals[-1]
        pos = k.end()
        while True:
            p = _PART.match(text, pos, end)
            if not p:
                break
            a, b = p.start("num"), p.end("unit")
            found.items = [
                i for i in found.items if not (i.start < b and i.end > a and i is not total)
            ]
            found.taken = [(s, e) for s, e in found.taken if not (s < b and e > a)]
            verb = p.group("verb")
            base = _without_area(total.object)
            found.add(
                IndicatorMatch(
                    verb=total.verb if not verb or verb in _BOUND_ONLY else verb,
                    object=f"{base}（{p.group('area')}）",
                    value=to_number(p.group("num")),
                    unit=p.group("unit"),
                    op=_op(verb, p.group("b2")) if verb or p.group("b2") else total.op,
                    text=text[p.start() : p.end()],
                    start=p.start(),
                    end=p.end(),
                )
            )
            pos = p.end()
            if pos < end and text[pos] in "、，；":
                pos += 1
            else:
                break


def _same_sentence(text: str, item: IndicatorMatch, k: re.Match[str]) -> bool:
    """The total is in the sentence of 其中 or ends the sentence just before it."""
    between = text[item.end : k.start()]
    return "。" not in between.rstrip("。") and "\n" not in between and len(between) <= 40


def _without_area(obj: str) -> str:
    m = re.match(rf"{_AREA}(?=..)", obj)
    return obj[m.end() :] if m and not obj.startswith(("城市", "县城")) else obj


def _not_commitment(m: re.Match[str]) -> bool:
    obj = m.group("obj")
    without_scope = re.sub(_STANDARD_CLASS, "", re.sub(_SCOPE, "", obj))
    return bool(
        _DIMENSIONS.search(obj)
        or _THRESHOLD.search(obj)
        or _CRITERION.search(without_scope)
        or obj.endswith("等")  # "…等6个行业": the count totals the list
        or _air_quality(obj)
    )


def _air_quality(obj: str) -> bool:
    """The object is an air-quality level (a target), not a monitoring facility counted."""
    return bool(_AIR_QUALITY.search(obj)) and not _MONITOR.search(obj)


def _add(found: _Found, verb: str, m: re.Match[str], text: str, start: int) -> int:
    """Add the indicator of ``m``; return where the next item of a shared list may start."""
    tail, tail_end = m.group("tail"), m.end("tail")
    num_end = m.end("b2") if m.group("b2") else m.end("unit")
    bracket = _BRACKETED.match(text, num_end)
    if not tail.strip() and bracket:  # "完成61处（面积4172亩）责任主体…修复绿化任务"
        after = re.compile(_OBJ_TAIL).match(text, bracket.end())
        if after and after.group("tail").strip():
            tail, tail_end = after.group("tail"), after.end("tail")
    obj, from_tail = _object(m.group("obj"), tail)
    end = tail_end if from_tail else num_end
    found.add(
        IndicatorMatch(
            verb=verb,
            object=obj,
            value=to_number(m.group("num")),
            unit=m.group("unit"),
            op=_op(m.group("b1"), m.group("b2")),
            text=text[start:end],
            start=start,
            end=end,
        ),
        start,
        max(num_end, m.end("tail")),
    )
    return m.end("tail")
