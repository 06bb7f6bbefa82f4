"""Every row the emergency services write has its audit entry: a whole scenario is run through
them, then each row of each emergency model is looked up in the log."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lantian.web.audit.log import verify_log
from lantian.web.audit.models import AuditEntry
from lantian.web.audit.snapshot import object_type
from lantian.web.emergency import calendar_import, changes, forecasting, response
from lantian.web.emergency import models as m
from tests.web.emergency.conftest import Emergency, issue_orange, upload
from tests.web.ledger.factories import at

pytestmark = pytest.mark.django_db

#: Every model the services write (``EnterpriseUser`` is linked by the demo, audited there).
MODELS = (
    m.Forecast,
    m.LocalRule,
    m.RegionalDirective,
    m.Warning,
    m.WarningEvent,
    m.Enterprise,
    m.ProductionLine,
    m.LineMeasure,
    m.MeasureChange,
    m.StaggeredPeriod,
    m.StaggerChange,
    m.ListImport,
    m.InspectionDraw,
    m.Inspection,
    m.NoticeReceipt,
    m.CalendarImport,
)
RULE = """name = "石家庄市本地从严（合成）"
city = "石家庄市"
effective_from = 2019-01-01
[levels]
yellow = "AQI>200 24h"
"""


def test_every_row_written_has_its_create_entry(emergency: Emergency, tmp_path: Path) -> None:
    office, inspector = emergency.user("office"), emergency.user("inspector")
    rule = tmp_path / "rule.toml"
    rule.write_text(RULE, encoding="utf-8")
    forecasting.upload_local_rule(office, emergency.city, upload(rule))
    forecasting.record_directive(
        office,
        emergency.city,
        {
            "issuer": "区域中心（合成）",
            "level": "yellow",
            "start": at("2019-09-07", 0),
            "end": at("2019-09-09", 0),
        },
    )
    warning = issue_orange(emergency)
    draw = response.draw(inspector, warning, 2, seed=1)
    e = m.Enterprise.objects.get(pk=draw.drawn[0]["enterprise"])
    response.record_inspection(inspector, warning, {"enterprise": e, "compliant": True})
    kiln = m.ProductionLine.objects.get(line_id="E0001-L2")
    me = emergency.user("enterprise")
    measure = changes.propose_measure(
        me, kiln, {"level": "red", "measure": "停产+停止公路运输", "reason": "x"}
    )
    calendar = tmp_path / "错峰日历.csv"
    calendar.write_text(
        "企业编号,生产线编号,开始日期,结束日期,措施\nE0001,E0001-L3,2019-11-15,2020-03-15,限产30%\n",
        encoding="utf-8",
    )
    calendar_import.import_calendar(office, emergency.city, upload(calendar))
    stagger = changes.propose_stagger(
        me,
        kiln,
        {
            "action": "add",
            "start": date(2019, 11, 15),
            "end": date(2020, 3, 15),
            "kind": "stop",
            "reason": "x",
        },
    )
    changes.decide(office, "measure", measure.pk, {"decision": "approved"})
    changes.decide(office, "staggered", stagger.pk, {"decision": "approved"})

    for model in MODELS:
        ids = {str(pk) for pk in model.objects.values_list("pk", flat=True)}
        assert ids, model.__name__
        created = set(
            AuditEntry.objects.filter(object_type=object_type(model), action="create").values_list(
                "object_id", flat=True
            )
        )
        assert ids <= created, model.__name__
    decided = AuditEntry.objects.filter(
        action__in=("decide_measure_change", "decide_staggered_change")
    ).count()
    assert decided == 2
    assert verify_log().ok
