"""Warning notice rules (预警通知) and 约谈 candidates."""

from __future__ import annotations

from datetime import date

import pytest

from lantian.airquality.periods import parse_period
from lantian.planning.notices import (
    BOTTOM_RANKING,
    INTERVIEW,
    ChangeCheck,
    bottom_of_ranking,
    bottom_ranking_notices,
    change_percent,
    interview_candidates,
    interview_notices,
    judged_period,
    period_names,
)


def test_bottom_three_with_ties_at_the_boundary() -> None:
    ranking = {"长安区": 1, "桥西区": 2, "新华区": 3, "裕华区": 3, "藁城区": 5, "鹿泉区": None}
    # Fewer than 3 ranked areas are strictly worse: the two 3s (1 worse) and 5 (none).
    assert bottom_of_ranking(ranking) == {"新华区", "裕华区", "藁城区"}
    assert bottom_of_ranking(ranking, n=1) == {"藁城区"}
    ties = {"a": 1, "b": 2, "c": 2, "d": 2}
    assert bottom_of_ranking(ties, n=2) == {"b", "c", "d"}


def test_bottom_three_two_weeks_running() -> None:
    w35 = {"长安区": 1, "桥西区": 2, "新华区": 3, "裕华区": 4, "藁城区": 5, "鹿泉区": 6}
    w36 = {"长安区": 4, "桥西区": 2, "新华区": 1, "裕华区": 5, "藁城区": 3, "鹿泉区": 6}
    notices = bottom_ranking_notices([("2019-W35", w35), ("2019-W36", w36)])
    # Bottom three: W35 裕华区 藁城区 鹿泉区; W36 长安区 裕华区 鹿泉区.
    assert [n.recipient for n in notices] == ["裕华区", "鹿泉区"]
    assert notices[0].rule == BOTTOM_RANKING
    assert notices[0].reason_zh == "裕华区空气质量排名连续2周处于后3位（2019-W35、2019-W36）"
    assert "bottom 3" in notices[0].reason("en")
    # One week alone is not enough.
    assert bottom_ranking_notices([("2019-W36", w36)]) == []


def test_interview_candidates_follow_the_monthly_improvement_target() -> None:
    # PM2.5 change against the same month of 2018 [%]; target −7 % (石政发〔2019〕3号).
    changes = {"长安区": -12.0, "桥西区": -7.0, "新华区": -3.4, "裕华区": 5.1, "藁城区": None}
    got = interview_candidates(changes, -7.0, "2019年8月")
    assert [n.recipient for n in got] == ["新华区", "裕华区"]  # -7.0 exactly meets the target
    assert got[0].rule == INTERVIEW
    assert got[0].reason_zh == (
        "新华区2019年8月PM2.5平均浓度同比变化-3.4%，未达到-7.0%的改善目标，建议约谈属地主要负责同志"
    )
    assert got[0].reason_en == (
        "新华区, 2019年8月: PM2.5 mean changed -3.4% year on year, short of the -7.0% target; "
        "its leaders are candidates for an interview (约谈)"
    )
    assert got[0].refs == ("2019年8月",)


def test_interview_targets_per_area() -> None:
    got = interview_candidates({"长安区": -5.0, "桥西区": -5.0}, {"长安区": -4.0}, "2019年8月")
    assert got == []  # 长安区 met its −4 %; 桥西区 has no target and is not judged
    got = interview_candidates({"长安区": -5.0}, {"长安区": -6.0}, "2019年8月")
    assert [n.recipient for n in got] == ["长安区"]


@pytest.mark.parametrize("weeks", [2, 3])
def test_bottom_ranking_run_length_is_a_parameter(weeks: int) -> None:
    r = {"a": 1, "b": 2}
    rankings = [(f"W{i}", r) for i in range(weeks)]
    notices = bottom_ranking_notices(rankings, n=1, weeks=weeks)
    assert [n.recipient for n in notices] == ["b"]
    assert bottom_ranking_notices(rankings[:-1], n=1, weeks=weeks) == []


@pytest.mark.parametrize(
    ("on", "every", "label", "start", "end"),
    [
        ("2019-09-06", "month", "2019-08", "2019-08-01", "2019-08-31"),
        ("2019-09-01", "month", "2019-08", "2019-08-01", "2019-08-31"),
        ("2019-08-31", "month", "2019-07", "2019-07-01", "2019-07-31"),  # August not over yet
        ("2019-01-07", "month", "2018-12", "2018-12-01", "2018-12-31"),
        ("2020-03-02", "month", "2020-02", "2020-02-01", "2020-02-29"),
        ("2019-09-06", "quarter", "2019-Q2", "2019-04-01", "2019-06-30"),
        ("2019-10-01", "quarter", "2019-Q3", "2019-07-01", "2019-09-30"),
        ("2019-02-15", "quarter", "2018-Q4", "2018-10-01", "2018-12-31"),
    ],
)
def test_the_judged_period_is_the_last_full_one(
    on: str, every: str, label: str, start: str, end: str
) -> None:
    p = judged_period(date.fromisoformat(on), every)  # type: ignore[arg-type]
    assert (p.label, p.start.isoformat(), p.end.isoformat()) == (label, start, end)
    assert p == parse_period(label)  # the same span parse_period names so


def test_the_default_granularity_is_the_month_and_others_are_refused() -> None:
    assert judged_period(date(2019, 9, 6)).label == "2019-08"
    with pytest.raises(ValueError, match="month or quarter"):
        judged_period(date(2019, 9, 6), "week")  # type: ignore[arg-type]


def test_period_names() -> None:
    assert period_names(parse_period("2019-08")) == ("2019年8月", "2019-08")
    assert period_names(parse_period("2019-Q3")) == ("2019年第3季度", "2019 Q3")
    assert period_names(parse_period("2019")) == ("2019", "2019")


def test_change_percent_on_display_values() -> None:
    # evaluation.md §11 E5: PM2.5 48 against 52 → −7.7 %; E3: composite 5.07 against 5.50 → −7.8 %.
    assert change_percent(48, 52) == -7.7
    assert change_percent(5.07, 5.50) == -7.8
    assert change_percent(118, 93) == 26.9  # 石家庄 Feb 2019 / Feb 2018 (test_dispatch_demo.py)
    # An exact half, computed exactly: (40.1 − 40) / 40 = 0.25 % → GB/T 8170 to the even digit
    # 0.2, half-up 0.3 (in binary floats it is 0.25000000000000355, which rounds to 0.3).
    assert change_percent(40.1, 40) == 0.2
    assert change_percent(40.1, 40, rounding="half-up") == 0.3
    assert change_percent(None, 40) is None
    assert change_percent(40, None) is None
    assert change_percent(40, 0) is None


def test_change_check_direction() -> None:
    decline = ChangeCheck("长安区", "PM2.5平均浓度", "PM2.5 mean", -6.9, -7.0)
    assert decline.short is True
    assert ChangeCheck("长安区", "x", "x", -7.0, -7.0).short is False
    # An increase target (good-day ratio up by at least 5 %): below +5 falls short.
    assert ChangeCheck("长安区", "x", "x", 4.9, 5.0, ">=").short is True
    assert ChangeCheck("长安区", "x", "x", 5.0, 5.0, ">=").short is False
    assert ChangeCheck("长安区", "x", "x", None, 5.0, ">=").short is None


def test_one_notice_per_area_citing_every_missed_target() -> None:
    checks = [
        ChangeCheck("石家庄市", "PM2.5平均浓度", "PM2.5 mean", 26.9, -7.0),
        ChangeCheck("长安区", "PM2.5平均浓度", "PM2.5 mean", -12.0, -7.0),
        ChangeCheck("石家庄市", "综合指数", "composite index", 15.6, -9.0),
        ChangeCheck("长安区", "综合指数", "composite index", None, -9.0),
    ]
    (notice,) = interview_notices(checks, "2019年2月", "2019-02", "2019-02")
    assert (notice.rule, notice.recipient, notice.refs) == (INTERVIEW, "石家庄市", ("2019-02",))
    assert notice.reason_zh == (
        "石家庄市2019年2月PM2.5平均浓度同比变化+26.9%，未达到-7.0%的改善目标；"
        "综合指数同比变化+15.6%，未达到-9.0%的改善目标，建议约谈属地主要负责同志"
    )
    assert notice.reason_en == (
        "石家庄市, 2019-02: PM2.5 mean changed +26.9% year on year, short of the -7.0% target; "
        "composite index changed +15.6% year on year, short of the -9.0% target; "
        "its leaders are candidates for an interview (约谈)"
    )
