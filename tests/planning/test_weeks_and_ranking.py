"""ISO weeks and the competition ranking used by the dispatch."""

from __future__ import annotations

from datetime import date

import pytest

from lantian.planning.ranking import competition_rank
from lantian.planning.weeks import IsoWeek, weeks_between


def test_iso_week_of_a_date_and_its_days() -> None:
    w = IsoWeek.of(date(2019, 9, 6))  # a Friday
    assert w == IsoWeek(2019, 36)
    assert str(w) == "2019-W36"
    assert w.monday == date(2019, 9, 2)
    assert w.sunday == date(2019, 9, 8)
    assert w.day(5) == date(2019, 9, 6)


def test_iso_week_crosses_the_year_boundary() -> None:
    # 2019-12-30 (Monday) belongs to 2020-W01; 2021-01-03 (Sunday) to 2020-W53.
    assert IsoWeek.of(date(2019, 12, 30)) == IsoWeek(2020, 1)
    assert IsoWeek.of(date(2021, 1, 3)) == IsoWeek(2020, 53)
    assert IsoWeek(2020, 1).shift(-1) == IsoWeek(2019, 52)
    assert weeks_between(IsoWeek(2019, 52), IsoWeek(2020, 2)) == [
        IsoWeek(2019, 52),
        IsoWeek(2020, 1),
        IsoWeek(2020, 2),
    ]


def test_iso_week_refuses_a_week_that_does_not_exist() -> None:
    with pytest.raises(ValueError, match="2019-W53"):
        IsoWeek(2019, 53)  # 2019 has 52 ISO weeks
    with pytest.raises(ValueError, match="2019-W36"):
        IsoWeek.parse("2019/36")
    assert IsoWeek.parse("2019-W36") == IsoWeek(2019, 36)


def test_competition_ranking_ties_share_a_rank_and_skip_the_next() -> None:
    ranked = competition_rank(
        [("a", 3), ("b", 1), ("c", 3), ("d", 5), ("e", 1)], key=lambda x: x[1]
    )
    assert [(r, name) for r, (name, _) in ranked] == [
        (1, "b"),
        (1, "e"),
        (3, "a"),
        (3, "c"),
        (5, "d"),
    ]


def test_competition_ranking_of_nothing_is_empty() -> None:
    assert competition_rank([], key=lambda x: x) == []


def test_the_planning_core_does_not_import_django() -> None:
    import subprocess
    import sys

    code = (
        "import sys, lantian.planning.dispatch, lantian.planning.notices, lantian.planning.excel; "
        "sys.exit(1 if any(m.split('.')[0] == 'django' for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
