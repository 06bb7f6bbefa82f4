"""Indicators, emission limits and air-quality targets (values worked by hand from the text)."""

from __future__ import annotations

from lantian.airquality.periods import Period
from lantian.planning.extract.indicators import find_indicators
from lantian.planning.extract.limits import find_limits
from lantian.planning.extract.targets import find_targets
from lantian.planning.extract.text import normalise


def ind(text: str) -> list[tuple[str, str, float, str, str]]:
    n = normalise(text)
    return [
        (i.verb, i.object, i.value, i.unit, i.op) for i in find_indicators(n.text, 0, len(n.text))
    ]


def lim(text: str) -> list[tuple[str, str, float, str]]:
    n = normalise(text)
    return [(x.source, x.pollutant, x.value, x.unit) for x in find_limits(n.text, 0, len(n.text))]


def tg(text: str, period: Period, area: str = "石家庄市") -> list[tuple[object, ...]]:
    n = normalise(text)
    return [
        (t.metric, t.area, t.period, t.op, t.value, t.change)
        for t in find_targets(n.text, 0, len(n.text), area=area, period=period)
    ]


def test_verb_object_number_unit() -> None:
    # Shijiazhuang 2019, task 1
    assert ind("2019年底，压减水泥产能260万吨，退出炼铁产能48万吨，淘汰火电产能2.8万千瓦。") == [
        ("压减", "水泥产能", 260.0, "万吨", ">="),
        ("退出", "炼铁产能", 48.0, "万吨", ">="),
        ("淘汰", "火电产能", 2.8, "万千瓦", ">="),
    ]


def test_verb_number_unit_object_and_shared_verb_lists() -> None:
    assert ind("新增80辆城市公交，推广应用新能源汽车不低于4000辆（标准车）。") == [
        ("新增", "城市公交", 80.0, "辆", ">="),
        ("推广应用", "新能源汽车", 4000.0, "辆", ">="),
    ]
    assert ind("全市累计建成充电站53座，充电桩1760个。") == [
        ("累计建成", "充电站", 53.0, "座", ">="),
        ("累计建成", "充电桩", 1760.0, "个", ">="),
    ]
    assert ind("新增两万辆新能源出租车") == [("新增", "新能源出租车", 2.0, "万辆", ">=")]


def test_rates_and_caps() -> None:
    assert ind("全市城区道路机械化清扫率达到90%，河北省钢铁产能控制在2亿吨以内。") == [
        ("达到", "城区道路机械化清扫率", 90.0, "%", ">="),
        ("控制在", "河北省钢铁产能", 2.0, "亿吨", "<="),
    ]


def test_criteria_are_not_commitments() -> None:
    assert ind("淘汰炉膛直径3米以下燃料类煤气发生炉；全区10蒸吨/小时及以下燃煤锅炉全部拆除") == []
    assert ind("全面完成年销售汽油量大于5000吨的加油站油气回收") == []


def test_limits_paired_in_order_and_by_source() -> None:
    assert lim("颗粒物、二氧化硫、氮氧化物排放浓度分别不高于10、35、50毫克/立方米") == [
        ("", "PM", 10.0, "mg/m³"),
        ("", "SO2", 35.0, "mg/m³"),
        ("", "NOx", 50.0, "mg/m³"),
    ]
    # Shijiazhuang 2019, task 4, with <sup> and a source before the list
    text = (
        "除层燃炉供暖锅炉氮氧化物达到80mg/m<sup>3</su"
        "p>以外，其他烟尘、二氧化硫和氮氧化物分别达到10mg/m<"
        "sup>3</sup>、35mg/m<sup>3</sup>"
        "、50mg/m<sup>3</sup>。"
    )
    assert lim(text) == [
        ("层燃炉供暖锅炉", "NOx", 80.0, "mg/m³"),
        ("", "PM", 10.0, "mg/m³"),
        ("", "SO2", 35.0, "mg/m³"),
        ("", "NOx", 50.0, "mg/m³"),
    ]


def test_limits_with_listed_sources_and_an_inherited_pollutant() -> None:
    text = (
        "汽车修补漆全部使用VOCs含量不高于540克/升的涂料，其中，底色漆和面漆不高于420克/升。"
        "木器涂料、工业防腐涂料即用状态下的VOCs含量限值分别不高于600、550克/升。"
    )
    assert lim(text) == [
        ("汽车修补漆", "VOCs", 540.0, "g/L"),
        ("底色漆和面漆", "VOCs", 420.0, "g/L"),
        ("木器涂料", "VOCs", 600.0, "g/L"),
        ("工业防腐涂料", "VOCs", 550.0, "g/L"),
    ]


def test_ambient_pm_is_a_target_not_a_limit() -> None:
    assert lim("PM2.5平均浓度控制在63微克/立方米以内") == []


def test_annual_targets_with_change_and_absolute_values(year_2019: Period) -> None:
    # Shijiazhuang 2019, 二、工作目标
    text = (
        "2019年，全市PM2.5平均浓度较2018年下降7%、达到"
        "67微克/立方米，综合指数较2018年下降9%、达到6.85"
        "，优良天数比率达到44.7%。"
    )
    assert tg(text, year_2019) == [
        ("pm25", "石家庄市", "2019", "<=", -7.0, True),
        ("pm25", "石家庄市", "2019", "<=", 67.0, False),
        ("composite", "石家庄市", "2019", "<=", -9.0, True),
        ("composite", "石家庄市", "2019", "<=", 6.85, False),
        ("good_ratio", "石家庄市", "2019", ">=", 44.7, False),
    ]


def test_the_issue_example_gives_two_targets() -> None:
    text = (
        "2018 年 10 月 1 日-12 月 31 日，PM2."
        "5 浓度控制在 64.5 微克/立方米以下，较去年同期下降 "
        "26.1%以上。"
    )
    assert tg(text, _p("2018"), area="保定市") == [
        ("pm25", "保定市", "2018-Q4", "<=", 64.5, False),
        ("pm25", "保定市", "2018-Q4", "<=", -26.1, True),
    ]


def test_regional_targets_keep_period_and_area_across_clauses(season_2020: Period) -> None:
    text = (
        "2020 年 10-12 月，京津冀及周边地区 PM2.5平"
        "均浓度控制在 63\n\n微克/立方米以内，各城市重度及以上"
        "污染天数平均控制在 5天以内；\n\n"
        "汾渭平原 PM2.5平均浓度控制在 62 微克/立方米以内。"
        "2021 年 1-3 月，汾渭平原 PM2.5平均浓度均控制"
        "在\n\n90 微克/立方米以内。"
    )
    assert tg(text, season_2020, area="京津冀及周边地区、汾渭平原") == [
        ("pm25", "京津冀及周边地区", "2020-Q4", "<=", 63.0, False),
        ("heavy_days", "京津冀及周边地区", "2020-Q4", "<=", 5.0, False),
        ("pm25", "汾渭平原", "2020-Q4", "<=", 62.0, False),
        ("pm25", "汾渭平原", "2021-Q1", "<=", 90.0, False),
    ]


def test_dustfall_and_days(year_2019: Period) -> None:
    text = (
        "各城市平均降尘量不得高于 9 吨/月·平方公里；优良天数达到190天以上；PM2.5每档相差1个百分点。"
    )
    assert tg(text, year_2019, area="中原区") == [
        ("dustfall", "中原区", "2019", "<=", 9.0, False),
        ("good_days", "中原区", "2019", ">=", 190.0, False),
    ]


def test_half_year_targets_take_the_half_years_days(year_2019: Period) -> None:
    # 上半年 is 1 January – 30 June, 下半年 1 July – 31 December (parse_period "2019-H1"/"-H2");
    # they were once read as the whole year "2019" (上半年 built an impossible 31 June) and as
    # "2019-07-01..2019-12-30"
    assert tg("2019年上半年，全市PM2.5平均浓度控制在70微克/立方米以下。", year_2019) == [
        ("pm25", "石家庄市", "2019-H1", "<=", 70.0, False)
    ]
    assert tg("2019年下半年，全市PM2.5平均浓度控制在60微克/立方米以下。", year_2019) == [
        ("pm25", "石家庄市", "2019-H2", "<=", 60.0, False)
    ]


def _p(name: str) -> Period:
    from lantian.airquality.periods import parse_period

    return parse_period(name)


def test_monitoring_stations_and_emission_standard_classes_are_counted() -> None:
    # an air-quality word naming what a station measures is no air-quality level
    assert [x[2:4] for x in ind("年内新建大气环境质量自动监测站15个。")] == [(15.0, "个")]
    # 国四及以下 delimits the vehicles like a size does
    assert [x[:4] for x in ind("淘汰国四及以下排放标准重型柴油货车1200辆。")] == [
        ("淘汰", "国四及以下排放标准重型柴油货车", 1200.0, "辆")
    ]
    # still a level: 空气质量优良天数 is a target, not an indicator
    assert ind("空气质量优良天数达到260天。") == []
