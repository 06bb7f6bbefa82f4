"""Warning notice rules (预警通知) and 约谈 candidates."""

from __future__ import annotations

import pytest

from lantian.planning.notices import (
    BOTTOM_RANKING,
    INTERVIEW,
    bottom_of_ranking,
    bottom_ranking_notices,
    interview_candidates,
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
    assert "interview" in got[0].reason_en


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
