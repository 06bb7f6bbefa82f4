"""Deadlines normalised to dates (hand-worked from the rules in deadlines.py)."""

from __future__ import annotations

from datetime import date

from lantian.airquality.periods import Period
from lantian.planning.extract.deadlines import find_deadlines
from lantian.planning.extract.text import normalise


def dl(text: str, period: Period) -> list[tuple[str, str | None, str]]:
    n = normalise(text)
    return [
        (d.date.isoformat(), d.recurring, n.source(d.start, d.end))
        for d in find_deadlines(n.text, 0, len(n.text), period)
    ]


def test_explicit_dates_months_and_year_ends(year_2019: Period) -> None:
    text = (
        "2019年8月底前，完成超低排放改造；2019年6月1日起，加装监控；2019年底，压减水泥产能；"
        "2019年6月前，划定区域；年底前完成涉异味排放工序废气收集。"
    )
    assert dl(text, year_2019) == [
        ("2019-08-31", None, "2019年8月底前"),
        ("2019-06-01", None, "2019年6月1日起"),
        ("2019-12-31", None, "2019年底"),
        ("2019-06-30", None, "2019年6月前"),  # by June, June included (labelling §5, §9.4)
        ("2019-12-31", None, "年底前"),  # every occurrence counts, even with the same date
    ]


def test_month_without_a_year_takes_the_plans_year(year_2019: Period) -> None:
    assert dl("6月底前完成高炉煤气精脱硫改造", year_2019) == [("2019-06-30", None, "6月底前")]


def test_month_in_a_season_plan_takes_the_year_it_falls_in(season_2020: Period) -> None:
    text = "12月底前完成排查；3月底前取消旁路；1月中旬前报送。"
    assert [d[0] for d in dl(text, season_2020)] == ["2020-12-31", "2021-03-31", "2021-01-20"]


def test_seasons_half_years_and_open_periods(year_2019: Period) -> None:
    text = "秋冬季期间，开展抽查；2019年采暖季前完成改造；上半年完成摸底；冬防期间停止审批。"
    assert dl(text, year_2019) == [
        ("2020-03-31", None, "秋冬季期间"),
        ("2019-09-30", None, "2019年采暖季前"),
        ("2019-06-30", None, "上半年"),
        ("2020-03-31", None, "冬防期间"),  # the same season end, its own occurrence
    ]


def test_recurring_duties_are_dated_the_period_end(season_2020: Period) -> None:
    text = "生态环境部每月通报各地空气质量；每季度下发预警通知函；每周调度一次；每月24日前上报。"
    assert dl(text, season_2020) == [
        ("2021-03-31", "monthly", "每月"),
        ("2021-03-31", "quarterly", "每季度"),
        ("2021-03-31", "weekly", "每周"),
        ("2021-03-31", "monthly", "每月24日前"),
    ]


def test_half_yearly_yearly_and_periodic_reviews(year_2019: Period) -> None:
    text = (
        "各汽车维修单位应每半年开展一次监测；每年更新清单；实行月考核通报制度；实施年度考核；"
        "开展年度检测；本年度考核结果；2019年度目标。"
    )
    assert dl(text, year_2019) == [
        ("2019-12-31", "semiannual", "每半年"),
        ("2019-12-31", "yearly", "每年"),
        ("2019-12-31", "monthly", "月考核"),
        ("2019-12-31", "yearly", "年度考核"),
        ("2019-12-31", "yearly", "年度检测"),
    ]  # 本年度考核 names one review, 2019年度 a year: neither recurs


def test_a_bare_year_is_a_deadline_only_in_an_annual_plan(
    year_2019: Period, season_2020: Period
) -> None:
    assert dl("2019年，全市秸秆综合利用率达到97%", year_2019) == [("2019-12-31", None, "2019年")]
    assert dl("到2019年，满足全年日均3天用气需求", year_2019) == [("2019-12-31", None, "到2019年")]
    assert dl("2020年新改造尚未得到一个采暖季运行检验的", season_2020) == []
    # a comparison, a range, a cited standard are no deadlines
    assert dl("较2019年下降7%；（2018—2019年）；按照2019年《炼焦化学工业标准》", year_2019) == []


def test_history_before_the_plan_is_not_a_deadline(season_2020: Period) -> None:
    text = "根据2019年一季度和四季度污染水平；2020年一季度空气质量；自2020年9月起开展巡查。"
    assert dl(text, season_2020) == [("2020-09-01", None, "自2020年9月起")]


def test_ranges_of_months_are_periods_not_deadlines(season_2020: Period) -> None:
    assert dl("2020年10-12月，PM2.5平均浓度控制在63微克/立方米以内", season_2020) == []


def test_no_period_and_no_year_gives_nothing() -> None:
    n = normalise("10月底前完成")
    assert find_deadlines(n.text, 0, len(n.text), None) == []
    assert date(2019, 1, 1)  # keep the import honest
