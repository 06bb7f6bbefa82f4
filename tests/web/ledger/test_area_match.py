"""The engine's area names joined to ledger areas: the exact name, else name + 市, 区, 县 in that
order; among areas of one name the lowest code (``lantian.web.ledger.area_match``)."""

from __future__ import annotations

from typing import Any

import pytest

from lantian.web.ledger.area_match import candidate_names, engine_name, match_name


def test_candidate_names_in_order() -> None:
    assert candidate_names("石家庄") == ["石家庄", "石家庄市", "石家庄区", "石家庄县"]


def test_exact_name_first_then_suffixes_in_order() -> None:
    names = ["长安区", "长安", "新华区", "新华市", "正定县"]
    assert match_name("长安", names) == "长安"  # exact beats 长安区
    assert match_name("新华", names) == "新华市"  # 市 before 区
    assert match_name("正定", names) == "正定县"
    assert match_name("石家庄市", ["石家庄市"]) == "石家庄市"
    assert match_name("鹿泉", names) is None
    assert match_name("长", names) is None  # a suffix is one of 市/区/县, never "安区"


def test_the_engine_name_of_a_ledger_area_drops_its_suffix() -> None:
    assert engine_name("石家庄市") == "石家庄"
    assert engine_name(" 长安区 ") == "长安"
    assert engine_name("正定县") == "正定"
    assert engine_name("石家庄") == "石家庄"  # no suffix
    assert engine_name("矿区") == "矿区"  # two characters keep theirs
    assert engine_name("雄安新区管委会") == "雄安新区管委会"  # 会 is no suffix
    for name in ("石家庄市", "长安区", "正定县"):  # read forwards again
        assert match_name(engine_name(name), [name]) == name


@pytest.mark.django_db
def test_ledger_areas_by_the_rule(personas: Any) -> None:
    from lantian.web.ledger.area_match import area_matcher, ledger_names, match_area
    from lantian.web.org.models import Area
    from lantian.web.org.roles import AreaLevel

    city = personas.areas["city"]
    # Two areas named 裕华区: the lower code wins.
    Area.objects.create(name="裕华区", code="130108", level=AreaLevel.DISTRICT, parent=city)
    low = Area.objects.create(name="裕华区", code="130107", level=AreaLevel.DISTRICT, parent=city)
    match = area_matcher()
    assert match("石家庄") == city
    assert match("长安") == personas.areas["changan"]
    assert match("桥西区") == personas.areas["qiaoxi"]
    assert match("裕华") == low
    assert match("北京") is None
    assert [match_area(n) for n in ("石家庄", "裕华", "北京")] == [city, low, None]
    assert ledger_names(["石家庄", "北京"]) == {"石家庄": "石家庄市", "北京": "北京"}
