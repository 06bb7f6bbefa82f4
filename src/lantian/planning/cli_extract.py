"""``lantian plan extract FILE``: propose a ledger from a plan's text (issue #5).

``--format json`` prints the extraction (docs/plan_extraction.md); ``table`` (the default) the
plan, its targets, tasks and units for a person to read. ``--units units.csv`` (or .xlsx;
columns ``name,short_name,aliases``) is the unit registry names are matched against; without it
every unit is proposed as new. A file that cannot be read exits with status 2 and
``file[:line]: reason`` on standard error. ``lantian.cli`` mounts :data:`plan_app` as ``plan``.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from lantian.planning.extract import DocumentError, extract_file, read_registry
from lantian.planning.extract.items import Extraction
from lantian.planning.extract.registry import RegistryError, RegistryUnit

EXIT_BAD_INPUT = 2
ROLE_TEXT = {"lead": "牵头", "cooperating": "配合", "responsible": "责任"}

plan_app = typer.Typer(
    help="行动方案 / action plans: extract a draft ledger from a plan's text.",
    no_args_is_help=True,
    add_completion=False,
)


class Fmt(StrEnum):
    table = "table"
    json = "json"


def _fail(message: str) -> typer.Exit:
    Console(stderr=True, width=None if sys.stderr.isatty() else 200).print(
        message, markup=False, highlight=False
    )
    return typer.Exit(EXIT_BAD_INPUT)


@plan_app.command("extract")
def extract_cmd(
    file: Annotated[Path, typer.Argument(help="方案文件 / plan file: .txt, .docx, .pdf")],
    fmt: Annotated[
        Fmt, typer.Option("--format", help="输出格式 / output: table | json")
    ] = Fmt.table,
    units: Annotated[
        Path | None,
        typer.Option(
            "--units",
            help="单位名录 CSV/.xlsx / unit registry CSV or .xlsx (name,short_name,aliases)",
        ),
    ] = None,
) -> None:
    """从方案文本提取台账草稿 / propose plan, targets, tasks and units from a plan's text."""
    registry: list[RegistryUnit] = []
    try:
        if units is not None:
            registry = read_registry(units)
        result = extract_file(file, registry)
    except (DocumentError, RegistryError) as exc:
        raise _fail(str(exc)) from exc
    if fmt is Fmt.json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    _print_tables(result)


def _print_tables(result: Extraction) -> None:
    out = Console(width=None if sys.stdout.isatty() else 200)
    plan = result.plan
    meta = Table(title="方案 / plan", show_header=False)
    for label, value in (
        ("标题 title", plan.title.value if plan.title else ""),
        ("发文机关 issuer", plan.issuer.value if plan.issuer else ""),
        ("文号 number", plan.document_number.value if plan.document_number else ""),
        ("印发日期 issued", plan.issued_on.value if plan.issued_on else ""),
        (
            "时段 period",
            f"{plan.period.start}..{plan.period.end}" if plan.period else "",
        ),
        ("地区 area", plan.area.value if plan.area else ""),
    ):
        meta.add_row(label, value or "—")
    out.print(meta)

    targets = Table(title=f"目标 / targets ({len(result.targets)})")
    for col in ("指标 metric", "地区 area", "时段 period", "目标 bound", "原文 text"):
        targets.add_column(col)
    for t in result.targets:
        bound = f"{t.op} {t.value:g}{'%' if t.change else ' ' + t.unit}".rstrip()
        targets.add_row(t.metric, t.area, t.period, bound + (" (同比)" if t.change else ""), t.text)
    out.print(targets)

    tasks = Table(title=f"任务 / tasks ({len(result.tasks)})")
    for col in ("序号", "任务 heading", "单位 units", "时限 deadlines", "指标 indicators"):
        tasks.add_column(col)
    for task in result.tasks:
        tasks.add_row(
            task.number,
            task.heading or task.text[:30],
            "、".join(f"{u.name}({ROLE_TEXT[u.role]})" for u in task.units),
            "\n".join(
                f"{d.date}" + (f" {d.recurring}" if d.recurring else "") for d in task.deadlines
            ),
            "\n".join(f"{i.verb}{i.object} {i.value:g}{i.unit}" for i in task.indicators),
        )
    out.print(tasks)

    units = Table(title=f"单位 / units ({len(result.units)})")
    for col in ("名称 name", "名录 registry", "状态 status"):
        units.add_column(col)
    for u in result.units:
        units.add_row(u.name, u.registry or "—", "已有 known" if u.known else "新增 new")
    out.print(units)


@plan_app.callback()
def _plan() -> None:
    """行动方案 / action plans."""
