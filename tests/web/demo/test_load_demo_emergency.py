"""``lantian web load_demo`` and the emergency response: the synthetic city list as 石家庄市's
(counts from data/sample/emergency/synthetic_city_list.csv: 400 enterprises and 5 non-industrial
sources, 685 lines, 1 218 measure cells filled), all marked synthetic; the demo ``enterprise`` user
acts for 合成企业0001; a second run writes nothing."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from lantian.web.audit.models import AuditEntry
from lantian.web.emergency.models import (
    Enterprise,
    EnterpriseUser,
    LineMeasure,
    ListImport,
    ProductionLine,
)

pytestmark = pytest.mark.django_db


def _load(settings: Any) -> str:
    settings.DEVELOPMENT = True
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_the_synthetic_list_is_shijiazhuangs_and_the_enterprise_user_is_linked(
    settings: Any,
) -> None:
    out = _load(settings)
    assert "新建 / created 405 Enterprise" in out and "新建 / created 685 ProductionLine" in out
    assert Enterprise.objects.count() == 405
    assert set(Enterprise.objects.values_list("area__name", "synthetic").distinct()) == {
        ("石家庄市", True)
    }
    assert ProductionLine.objects.filter(active=True).count() == 685
    assert LineMeasure.objects.filter(active=True).count() == 1218
    imported = ListImport.objects.get()
    assert (imported.file_name, imported.imported_by, imported.unit) == (
        "synthetic_city_list.csv",
        None,
        "t/a",
    )
    link = EnterpriseUser.objects.select_related("user", "enterprise").get()
    assert (link.user.username, link.enterprise.list_id, link.enterprise.name) == (
        "enterprise",
        "E0001",
        "合成企业0001",
    )


def test_a_second_run_writes_nothing_and_a_moved_link_is_restored(settings: Any) -> None:
    _load(settings)
    entries = AuditEntry.objects.count()
    assert "nothing changed" in _load(settings)
    assert AuditEntry.objects.count() == entries and ListImport.objects.count() == 1
    EnterpriseUser.objects.update(enterprise=Enterprise.objects.get(list_id="E0002"))
    out = _load(settings)
    assert "更新 / updated 1 EnterpriseUser" in out
    assert EnterpriseUser.objects.get().enterprise.list_id == "E0001"
    last = AuditEntry.objects.order_by("-seq").first()
    assert last is not None and (last.object_type, last.actor_name) == (
        "emergency.enterpriseuser",
        "system",
    )
