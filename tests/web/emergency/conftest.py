"""The emergency response on the personas' organisation (``tests/web/conftest.py``).

``small_list.csv`` is rows of ``data/sample/emergency/synthetic_city_list.csv``: enterprises
E0001 (cement C + two lime kilns B with own measures), E0002 and E0003 (C), E0005 (小微: one line
without any measure, two that stop at orange), E0012 (保障类 heating boilers: no measure), E0018
(brick A: 自主减排) and the non-industrial source N01 (diesel trucks, 估算削减), imported as
石家庄市's list with ``small_city.csv``. "Now" is pinned to 2019-09-06 10:00 (Beijing time), the day
the sample forecast ``shijiazhuang_orange_synthetic.csv`` is issued (07:00).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from lantian.sample_data import SAMPLE_DIR
from tests.web.conftest import Personas
from tests.web.ledger.factories import at

DATA = Path(__file__).parent / "data"
SMALL_LIST = DATA / "small_list.csv"
SMALL_CITY = DATA / "small_city.csv"
SYNTHETIC_LIST = SAMPLE_DIR / "emergency" / "synthetic_city_list.csv"
SYNTHETIC_CITY = SAMPLE_DIR / "emergency" / "synthetic_city_list.city_emissions.csv"
ORANGE_FORECAST = SAMPLE_DIR / "emergency" / "forecasts" / "shijiazhuang_orange_synthetic.csv"
NOW = at("2019-09-06", 10)


@dataclass
class Emergency:
    personas: Personas
    city: Any
    enterprise: Any  # E0001, linked to the enterprise persona

    def user(self, name: str) -> Any:
        return self.personas.users[name]


def upload(path: Path, name: str | None = None) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name or path.name, path.read_bytes())


def import_small_list(city: Any) -> Any:
    from lantian.web.emergency.listing import import_list_files

    return import_list_files(None, city, SMALL_LIST, SMALL_LIST.name, SMALL_CITY, SMALL_CITY.name)


def link(user: Any, enterprise: Any) -> Any:
    from lantian.web.emergency.models import EnterpriseUser

    return EnterpriseUser.objects.create(user=user, enterprise=enterprise, linked_at=NOW)


def pin_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    from lantian.web.ledger import clock

    monkeypatch.setattr(clock, "now", lambda: NOW)


def make_emergency(personas: Personas) -> Emergency:
    from lantian.web.emergency.models import Enterprise

    city = personas.areas["city"]
    import_small_list(city)
    e0001 = Enterprise.objects.get(area=city, list_id="E0001")
    link(personas.users["enterprise"], e0001)
    return Emergency(personas, city, e0001)


@pytest.fixture
def emergency(personas: Personas, monkeypatch: pytest.MonkeyPatch) -> Emergency:
    pin_clock(monkeypatch)
    return make_emergency(personas)


def issue_orange(em: Emergency) -> Any:
    """The sample forecast uploaded, assessed (orange) and issued from 2019-09-08 00:00."""
    from lantian.web.emergency import desk, forecasting

    office = em.user("office")
    (forecast,) = forecasting.import_forecasts(office, upload(ORANGE_FORECAST)).created
    event = desk.assess(office, forecast)
    desk.act(
        office,
        event.warning,
        {
            "kind": "issue",
            "approver": "副指挥长 王某（合成）",
            "level": "orange",
            "measures_start": at("2019-09-08", 0),
            "expected_end": at("2019-09-12", 0),
        },
    )
    event.warning.refresh_from_db()
    return event.warning


MATRIX_LIST = DATA / "matrix_list.csv"


def matrix_objects(personas: Personas) -> dict[str, int]:
    """The objects the permission matrix's emergency URLs name (``tests/web/test_matrix.py``):
    the orange warning issued from the sample forecast on a two-enterprise list (E0001, linked
    to the ``enterprise`` persona; E0002, another enterprise), and a pending measure change and
    staggering change of E0001. "Now" is pinned while they are made."""
    from unittest import mock

    from lantian.web.emergency import changes, desk, forecasting, listing
    from lantian.web.emergency.models import Enterprise, NoticeReceipt, ProductionLine
    from lantian.web.ledger import clock

    with mock.patch.object(clock, "now", lambda: NOW):
        city = personas.areas["city"]
        listing.import_list_files(
            None, city, MATRIX_LIST, MATRIX_LIST.name, SMALL_CITY, SMALL_CITY.name
        )
        own = Enterprise.objects.get(list_id="E0001")
        link(personas.users["enterprise"], own)
        office = personas.users["office"]
        (forecast,) = forecasting.import_forecasts(office, upload(ORANGE_FORECAST)).created
        warning = desk.assess(office, forecast).warning
        desk.act(
            office,
            warning,
            {
                "kind": "issue",
                "approver": "王某",
                "level": "orange",
                "measures_start": at("2019-09-08", 0),
            },
        )
        line = ProductionLine.objects.get(line_id="E0001-L2")
        user = personas.users["enterprise"]
        measure = changes.propose_measure(
            user, line, {"level": "red", "measure": "停产+国四及以下重型货车停运", "reason": "从严"}
        )
        stagger = changes.propose_stagger(
            user,
            line,
            {
                "action": "add",
                "start": at("2019-11-15").date(),
                "end": at("2020-03-15").date(),
                "kind": "stop",
                "reason": "采暖季",
            },
        )
    return {
        "em_forecast": forecast.pk,
        "em_warning": warning.pk,
        "em_enterprise": own.pk,
        "em_other": Enterprise.objects.get(list_id="E0002").pk,
        "em_measure_change": measure.pk,
        "em_stagger_change": stagger.pk,
        "em_notice": NoticeReceipt.objects.get(enterprise=own).pk,
        "em_other_notice": NoticeReceipt.objects.get(enterprise__list_id="E0002").pk,
    }
