"""Fixtures of the plan-draft tests: the personas' organisation with a few more units of
石家庄 (the registry the extractor matches against), a pinned clock, and uploads of the three
sample plans (``data/sample/plans``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from lantian.sample_data import SAMPLE_DIR
from tests.web.conftest import Personas
from tests.web.ledger.factories import at

PLANS = SAMPLE_DIR / "plans"
SHIJIAZHUANG = PLANS / "shijiazhuang_2019.txt"
ZHENGZHOU = PLANS / "zhengzhou_zhongyuan_2017.txt"
JINGJINJI = PLANS / "jingjinji_fenwei_2020-2021_autumn_winter_draft.txt"
SAMPLE_PLANS = (SHIJIAZHUANG, ZHENGZHOU, JINGJINJI)
NOW = at("2019-07-01", 9)


def upload(path: Path, name: str | None = None, data: bytes | None = None) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name or path.name, path.read_bytes() if data is None else data)


@dataclass
class Org:
    personas: Personas
    ndrc: Any  # 石家庄市发展和改革委员会 (市发改委)

    @property
    def office(self) -> Any:
        return self.personas.users["office"]

    def unit(self, name: str) -> Any:
        return self.personas.units[name]


@pytest.fixture
def org(personas: Personas, monkeypatch: pytest.MonkeyPatch) -> Org:
    """The personas, 市发改委 in the unit directory, and "now" pinned to 2019-07-01 09:00."""
    from lantian.web.ledger import clock
    from lantian.web.org.models import Unit

    monkeypatch.setattr(clock, "now", lambda: NOW)
    ndrc = Unit.objects.create(
        name="石家庄市发展和改革委员会", short_name="市发改委", area=personas.areas["city"]
    )
    return Org(personas=personas, ndrc=ndrc)


def make_draft(org: Org, path: Path = SHIJIAZHUANG) -> Any:
    from lantian.web.drafts.services import create_draft

    return create_draft(org.office, upload(path))


def tick_create(org: Org, draft: Any) -> Any:
    """The review with "create" ticked for every unit name the directory does not hold."""
    from lantian.web.drafts.services import update_review

    review = draft.reviewed
    for entry in review["units"]:
        if entry["unit"] is None and not entry["areas"]:
            entry["create"] = True
    return update_review(org.office, draft, review)


def task_of(review: dict[str, Any], number: str) -> dict[str, Any]:
    return next(t for t in review["tasks"] if t["number"] == number)
