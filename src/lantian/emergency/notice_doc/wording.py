"""The notice's text in Chinese and English: title, body (as headings and paragraphs), annex
titles and dates (Beijing time).

The wording of the dust, transport and work paragraphs is lantian's default text built from the
plans' sentences, not a city's plan: the office edits the document before it is published.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from lantian.emergency.forecast import POLLUTANT_LABEL, SHANGHAI
from lantian.emergency.levels import Level
from lantian.emergency.lifecycle import Kind as Action
from lantian.emergency.notice_doc.values import POLLUTANT_TEXT, Lang, WarningNotice

Block = tuple[str, str]  # (kind, text): "to" (addressees), "h1" (黑体 heading), "p" (body)


def _bj(t: datetime) -> datetime:
    return t.astimezone(SHANGHAI)


def when_zh(t: datetime) -> str:
    """``2019年1月11日0时`` (``…8时30分`` with minutes), Beijing time."""
    t = _bj(t)
    return f"{t.year}年{t.month}月{t.day}日{t.hour}时" + (f"{t.minute}分" if t.minute else "")


def day_zh(t: datetime) -> str:
    t = _bj(t)
    return f"{t.year}年{t.month}月{t.day}日"


def when_en(t: datetime) -> str:
    """``00:00 on 11 January 2019``, Beijing time."""
    t = _bj(t)
    return f"{t:%H:%M} on {day_en(t)}"


def day_en(t: datetime) -> str:
    t = _bj(t)
    return f"{t.day} {t:%B %Y}"


def _period_zh(start: datetime, end: datetime) -> str:
    """An episode's period: whole days as ``1月11日至1月14日``, else hours."""
    s, e = _bj(start), _bj(end)
    if s.hour == s.minute == e.hour == e.minute == 0:
        last = e - timedelta(days=1)
        return f"{s.year}年{s.month}月{s.day}日至{last.month}月{last.day}日"
    return f"{when_zh(s)}至{e.month}月{e.day}日{e.hour}时"


def _period_en(start: datetime, end: datetime) -> str:
    s, e = _bj(start), _bj(end)
    if s.hour == s.minute == e.hour == e.minute == 0:
        return f"{day_en(s)} to {day_en(e - timedelta(days=1))}"
    return f"{when_en(s)} to {when_en(e)}"


def _trigger_labels(labels: tuple[str, ...], lang: Lang) -> str:
    """Days as ``1月11日、1月12日``; hourly windows as their first and last end hour."""
    if not labels:
        return ""
    if all(len(x) == 10 for x in labels):
        days = [datetime.fromisoformat(x) for x in labels]
        if lang == "zh":
            return "、".join(f"{d.month}月{d.day}日" for d in days)
        return ", ".join(f"{d.day} {d:%B}" for d in days)
    first, last = datetime.fromisoformat(labels[0]), datetime.fromisoformat(labels[-1])
    if lang == "zh":
        return (
            f"以{first.month}月{first.day}日{first.hour}时至{last.month}月{last.day}日"
            f"{last.hour}时为结束时刻的{len(labels)}个滑动24小时窗口"
        )
    return (
        f"the {len(labels)} running 24-h windows ending {first:%d %B %H:%M} to {last:%d %B %H:%M}"
    )


def _primary(n: WarningNotice) -> str:
    return "、".join(POLLUTANT_LABEL.get(p, p) for p in n.primary)


def tonnes(v: float) -> str:
    return f"{v:.3f}"


_TITLE_ZH = {
    Action.ISSUE: "关于发布重污染天气{level}启动{response}应急响应的通知",
    Action.UPGRADE: "关于重污染天气预警升级为{level}启动{response}应急响应的通知",
    Action.DOWNGRADE: "关于重污染天气预警降级为{level}调整为{response}应急响应的通知",
}
_TITLE_EN = {
    Action.ISSUE: "Notice of a heavy-pollution {level} and a {response} emergency response",
    Action.UPGRADE: "Notice of the upgrade to a heavy-pollution {level} and a {response} "
    "emergency response",
    Action.DOWNGRADE: "Notice of the downgrade to a heavy-pollution {level} and a {response} "
    "emergency response",
}
_DECIDE_ZH = {
    Action.ISSUE: "发布重污染天气{level}",
    Action.UPGRADE: "将重污染天气预警升级为{level}",
    Action.DOWNGRADE: "将重污染天气预警降级为{level}",
}
_DECIDE_EN = {
    Action.ISSUE: "issue a heavy-pollution {level}",
    Action.UPGRADE: "upgrade the heavy-pollution warning to {level}",
    Action.DOWNGRADE: "downgrade the heavy-pollution warning to {level}",
}

#: Dust control by level: lantian's default wording from the plans' dust sentences (施工扬尘
#: "六个百分之百", 渣土车密闭运输, 道路机械化清扫); the city's plan text replaces it.
_DUST: dict[bool, tuple[str, str]] = {
    False: (
        "各类施工工地严格落实“六个百分之百”扬尘防治要求，增加洒水降尘频次；城市道路增加机械化清扫和"
        "洒水保洁频次（冰冻期除外）；渣土、砂石等散装物料运输车辆严格密闭运输。",
        "Construction sites apply the six dust-control rules in full (cover, wash, pave, wet "
        "work, sealed transport, enclosure) and spray water more often; city roads are swept "
        "and washed more often (except in freezing weather); trucks carrying spoil, sand and "
        "other bulk material travel sealed.",
    ),
    True: (
        "各类施工工地停止土石方作业、建筑拆除、室外喷涂粉刷等产生扬尘的施工环节，严格落实“六个百分之百”"
        "扬尘防治要求；渣土、砂石等散装物料运输车辆停止上路行驶（保障民生和应急抢险的除外）；"
        "城市道路增加机械化清扫和洒水保洁频次（冰冻期除外）。",
        "Construction sites stop earthworks, demolition, outdoor spraying and other dusty work "
        "and apply the six dust-control rules in full; trucks carrying spoil, sand and other "
        "bulk material stay off the roads (except for livelihood and emergency work); city roads "
        "are swept and washed more often (except in freezing weather).",
    ),
}


def _orange_up(level: Level) -> bool:
    return level >= Level.ORANGE


def blocks(n: WarningNotice, lang: Lang = "zh") -> list[Block]:
    """The notice's text from the addressees to the contact, as headings and paragraphs."""
    return _blocks_zh(n) if lang == "zh" else _blocks_en(n)


def title(n: WarningNotice, lang: Lang = "zh") -> str:
    if lang == "zh":
        return _TITLE_ZH[n.action].format(level=n.level.zh, response=n.response)
    return _TITLE_EN[n.action].format(level=n.level.en, response=response_en(n.response))


def response_en(response: str) -> str:
    """``II级`` → ``Level II``."""
    return f"Level {response.removesuffix('级')}"


def annex_titles(n: WarningNotice, lang: Lang = "zh") -> tuple[str, str, str]:
    if lang == "zh":
        return (
            f"应急减排企业名单及{n.level.zh}减排措施",
            f"{n.level.zh}应急减排量核算表",
            "运输管控企业名单",
        )
    return (
        f"Enterprises and their measures at the {n.level.en}",
        f"Reductions at the {n.level.en}: achieved against required",
        "Enterprises under transport restrictions",
    )


def _reason_zh(n: WarningNotice) -> str:
    parts = [f"根据{when_zh(n.forecast_issued)}空气质量预报"]
    if n.episode_start is not None and n.episode_end is not None and n.aqi_low is not None:
        parts.append(
            f"，预计{_period_zh(n.episode_start, n.episode_end)}我市将出现一次重污染天气过程，"
            f"AQI日均值{n.aqi_low}～{n.aqi_high}"
        )
        if n.primary:
            parts.append(f"，首要污染物为{_primary(n)}")
        if n.observed_zh:
            parts.append(f"，{n.observed_zh}")
    parts.append(f"。依据{n.basis_zh}（{n.rule_zh}")
    if n.trigger:
        parts.append(f"；触发时段：{_trigger_labels(n.trigger, 'zh')}")
    decide = _DECIDE_ZH[n.action].format(level=n.level.zh)
    parts.append(
        f"），经研究，决定于{when_zh(n.issued_at)}{decide}，自{when_zh(n.measures_start)}起"
        f"启动{n.response}应急响应"
    )
    if n.expected_end is None:
        parts.append("，解除时间另行通知。")
    else:
        parts.append(f"，预计持续至{when_zh(n.expected_end)}，解除时间以解除通知为准。")
    parts.append("现将有关事项通知如下：")
    return "".join(parts)


def _reason_en(n: WarningNotice) -> str:
    parts = [f"The air-quality forecast issued at {when_en(n.forecast_issued)}"]
    if n.episode_start is not None and n.episode_end is not None and n.aqi_low is not None:
        parts.append(
            f" expects a heavy-pollution episode in {n.city} from "
            f"{_period_en(n.episode_start, n.episode_end)}, with daily AQI "
            f"{n.aqi_low}–{n.aqi_high}"
        )
        if n.primary:
            parts.append(
                f" and {', '.join(POLLUTANT_LABEL.get(p, p) for p in n.primary)} as "
                "the primary pollutant"
            )
        if n.observed_en:
            parts.append(f" ({n.observed_en})")
    parts.append(f". Under the {n.basis_en} ({n.rule_en}")
    if n.trigger:
        parts.append(f"; triggered by {_trigger_labels(n.trigger, 'en')}")
    decide = _DECIDE_EN[n.action].format(level=n.level.en)
    parts.append(
        f"), it has been decided to {decide} at {when_en(n.issued_at)} and to start a "
        f"{response_en(n.response)} emergency response from {when_en(n.measures_start)}"
    )
    if n.expected_end is None:
        parts.append("; the lifting will be announced separately.")
    else:
        parts.append(
            f", expected to last until {when_en(n.expected_end)}; the lifting notice decides "
            "the end."
        )
    parts.append(" The measures are as follows.")
    return "".join(parts)


def _totals_zh(n: WarningNotice) -> str:
    cut = "、".join(f"{POLLUTANT_TEXT[t.pollutant][0]}{tonnes(t.achieved)}吨" for t in n.totals)
    ratio = f"{100 * n.totals[0].ratio:.0f}%" if n.totals else ""
    short = [t for t in n.totals if not t.passes]
    text = f"按上述措施，清单合计每日削减{cut}（见附件2）。"
    if not short:
        return text + f"各项污染物均达到全市排放量{ratio}的减排比例要求。"
    gaps = "、".join(
        f"{POLLUTANT_TEXT[t.pollutant][0]}缺口{tonnes(t.shortfall)}吨/日" for t in short
    )
    return (
        text + f"未达到全市排放量{ratio}减排比例要求的：{gaps}，请各县（市、区）督促有关企业"
        "加严措施，确保减排比例落实到位。"
    )


def _totals_en(n: WarningNotice) -> str:
    cut = ", ".join(f"{POLLUTANT_TEXT[t.pollutant][1]} {tonnes(t.achieved)} t" for t in n.totals)
    ratio = f"{100 * n.totals[0].ratio:.0f} %" if n.totals else ""
    short = [t for t in n.totals if not t.passes]
    text = f"With these measures the list removes, per day, {cut} (Annex 2)."
    if not short:
        return text + f" Every pollutant reaches the required {ratio} of the city's emission."
    gaps = ", ".join(
        f"{POLLUTANT_TEXT[t.pollutant][1]} short by {tonnes(t.shortfall)} t/d" for t in short
    )
    return (
        text + f" Below the required {ratio} of the city's emission: {gaps}; the counties and "
        "districts are to have the enterprises concerned take stricter measures."
    )


def _blocks_zh(n: WarningNotice) -> list[Block]:
    lv = n.level.zh
    out: list[Block] = [("to", n.recipients_zh), ("p", _reason_zh(n))]
    out.append(("h1", "一、工业企业减排措施"))
    out.append(
        (
            "p",
            f"列入应急减排清单的{len(n.enterprises)}家企业{len(n.rows)}条生产线（见附件1）须于"
            f"{when_zh(n.measures_start)}前落实{lv}减排措施，措施落实到具体生产线、生产环节、"
            "生产设施，确保可操作、可监测、可核查。绩效评级为A级和引领性的企业自主采取减排措施；"
            "保障类企业和居民供暖锅炉纳入清单但不采取停限产措施。",
        )
    )
    if n.sources:
        out.append(
            (
                "p",
                f"非工业源管控措施{len(n.sources)}项按清单估算削减比例落实（见附件1第二部分）。",
            )
        )
    if n.totals:
        out.append(("p", _totals_zh(n)))
    out.append(("h1", "二、运输管控措施"))
    k = len(n.transport_enterprises)
    if _orange_up(n.level):
        text = (
            "橙色及以上预警期间，重点用车企业不允许国四及以下重型载货车辆（含燃气）进出厂区"
            "（保证安全生产运行的除外）；对承担煤炭、矿石等大宗物料运输的柴油车辆实施应急运输响应。"
        )
        text += f"附件3所列{k}家企业按清单落实运输管控措施。" if k else ""
    else:
        text = (
            f"附件3所列{k}家企业按清单落实运输管控措施。" if k else "本级别清单中无运输管控措施。"
        )
    out.append(("p", text + "各重点用车单位通过门禁视频系统如实记录进出厂区车辆。"))
    out.append(("h1", "三、扬尘管控措施"))
    out.append(("p", _DUST[_orange_up(n.level)][0]))
    out.append(("h1", "四、健康防护提示"))
    out.append(
        (
            "p",
            f"{n.health_zh}。请公众关注空气质量预报和预警信息，做好健康防护，倡导绿色出行。",
        )
    )
    out.append(("h1", "五、工作要求"))
    out.append(
        (
            "p",
            "各县（市、区）人民政府、市直有关部门要按照职责分工，立即组织落实应急响应措施；"
            "加强督查检查，严查应急减排措施落实情况，预警期间每日报送措施落实情况。",
        )
    )
    return out


def _count_en(k: int, noun: str) -> str:
    return f"{k} {noun}" if k == 1 else f"{k} {noun}s"


def _blocks_en(n: WarningNotice) -> list[Block]:
    lv = n.level.en
    out: list[Block] = [("to", n.recipients_en), ("p", _reason_en(n))]
    out.append(("h1", "1. Industrial enterprises"))
    who = (
        f"The {_count_en(len(n.enterprises), 'enterprise')} "
        f"({_count_en(len(n.rows), 'production line')}) of the emergency reduction list"
    )
    out.append(
        (
            "p",
            f"{who} (Annex 1) take their {lv} measures by {when_en(n.measures_start)}, line by "
            "line, process by process and facility by facility, so that each can be operated, "
            "monitored and checked. Enterprises graded A or leading decide their own "
            "reductions; guaranteed enterprises and residential heating boilers stay on the "
            "list without stopping or limiting production.",
        )
    )
    if n.sources:
        out.append(
            (
                "p",
                f"Non-industrial sources ({len(n.sources)}) take the estimated shares of the "
                "list (Annex 1, part 2).",
            )
        )
    if n.totals:
        out.append(("p", _totals_en(n)))
    out.append(("h1", "2. Transport"))
    k = len(n.transport_enterprises)
    annex3 = f"The enterprises of Annex 3 ({k}) apply their transport measures."
    if _orange_up(n.level):
        text = (
            "At orange and above, no China IV-or-older heavy goods vehicle (gas-fuelled "
            "included) enters or leaves the premises of the enterprises with heavy transport "
            "(except for safe operation); diesel trucks carrying coal, ore and other bulk "
            "material follow the emergency transport response."
        )
        text += f" {annex3}" if k else ""
    else:
        text = annex3 if k else "No line of the list has a transport measure at this level."
    out.append(("p", text + " Enterprises with heavy transport record every vehicle at the gate."))
    out.append(("h1", "3. Dust"))
    out.append(("p", _DUST[_orange_up(n.level)][1]))
    out.append(("h1", "4. Health advice"))
    out.append(
        (
            "p",
            f"{n.health_en} Follow the air-quality forecasts and warnings, protect your health "
            "and travel green.",
        )
    )
    out.append(("h1", "5. Duties"))
    out.append(
        (
            "p",
            "The county and district governments and the city departments concerned put the "
            "response into effect at once within their duties, inspect the enterprises' "
            "measures and report on them every day while the warning is in force.",
        )
    )
    return out
