"""``lantian warn …``: heavy-pollution warning levels from forecast files, without the web server.

``lantian warn evaluate FILE`` prints, for each forecast in a CSV or JSON file
(``docs/emergency_forecasts.md``), the warning level, the rule that fired, the forecast days or
hours that triggered it and the episode, in Chinese with English. ``lantian warn schemes``
lists the grading schemes. Bad input exits with status 2 and ``file:line: reason`` on standard
error. The rules: ``docs/emergency_warnings.md``.
"""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from lantian.emergency.decision import BASIS_TEXT, Decision, decide
from lantian.emergency.episodes import Window
from lantian.emergency.forecast import HOUR, RangeReading, read_forecasts
from lantian.emergency.levels import Level
from lantian.emergency.schemes import (
    DEFAULT_SCHEME,
    SCHEMES,
    GradingOptions,
    LocalRule,
    LocalRuleError,
    alternative_en,
    alternative_zh,
    get_scheme,
    read_local_rule,
)

warn_app = typer.Typer(
    help="重污染天气预警 / heavy-pollution warnings: levels from AQI forecasts.",
    no_args_is_help=True,
)

EXIT_BAD_INPUT = 2

out = Console(width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 200)


class WarnFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _refuse(message: str) -> typer.Exit:
    # soft_wrap: a ``file:line: reason`` stays one line when stderr is piped or logged
    err.print(f"[red]{escape(message)}[/red]", soft_wrap=True)
    return typer.Exit(EXIT_BAD_INPUT)


@warn_app.command("evaluate")
def evaluate_cmd(
    file: Annotated[Path, typer.Argument(help="预报文件 / forecast file (.csv or .json)")],
    scheme: Annotated[
        str, typer.Option(help=f"分级方案 / grading scheme: {', '.join(SCHEMES)}")
    ] = DEFAULT_SCHEME,
    local: Annotated[
        Path | None,
        typer.Option("--local", help="本地从严规则 / local stricter rule (TOML)"),
    ] = None,
    orange_needs_300: Annotated[
        bool,
        typer.Option(
            "--orange-needs-300/--no-orange-needs-300",
            help="橙色须 AQI>300 达24小时 / orange also needs AQI>300 for 24 h (UNCONFIRMED)",
        ),
    ] = True,
    blue: Annotated[
        bool | None,
        typer.Option("--blue/--no-blue", help="蓝色预警 / blue level [scheme default]"),
    ] = None,
    lift_hours: Annotated[
        int, typer.Option(help="解除条件小时数 / lifting condition, hours below yellow")
    ] = GradingOptions.lift_hours,
    lift_exclusive: Annotated[
        bool,
        typer.Option(
            "--lift-exclusive",
            help="恰好满解除小时数不算解除 / exactly lift-hours does not lift (UNCONFIRMED)",
        ),
    ] = False,
    range_reading: Annotated[
        RangeReading,
        typer.Option("--range", help="范围值取哪一端 / which end of a range is graded"),
    ] = RangeReading.UPPER,
    fmt: Annotated[
        WarnFormat, typer.Option("--format", "-f", help="输出格式 / output format")
    ] = WarnFormat.table,
) -> None:
    """预报研判 / the warning level of each forecast in FILE (level, rule, days, episode)."""
    if not file.exists():
        raise _refuse(f"{file}: 文件不存在 (file not found)")
    try:
        forecasts = read_forecasts(file)
        rule: LocalRule | None = read_local_rule(local) if local is not None else None
        options = GradingOptions(
            orange_needs_300=orange_needs_300,
            lift_hours=lift_hours,
            lift_inclusive=not lift_exclusive,
            blue=blue,
            range_reading=range_reading,
        )
        decisions = [decide(f, scheme, options, local=rule) for f in forecasts]
    except ValueError as exc:  # ForecastError, LocalRuleError, UnknownSchemeError, bad options
        raise _refuse(str(exc)) from exc
    if fmt is WarnFormat.json:
        sys.stdout.write(
            json.dumps([d.to_dict() for d in decisions], ensure_ascii=False, indent=1) + "\n"
        )
    elif fmt is WarnFormat.csv:
        _write_csv(decisions)
    else:
        _print_table(decisions, scheme)


def trigger_text(d: Decision) -> str:
    """Days as a list; hourly windows as runs ``first…last (n h)``."""
    if d.grade is None or not d.grade.trigger:
        return ""
    ws = d.grade.trigger
    if not ws[0].hourly:
        return ", ".join(w.label for w in ws)
    groups: list[list[Window]] = []
    for w in ws:
        if groups and w.end - groups[-1][-1].end == HOUR:
            groups[-1].append(w)
        else:
            groups.append([w])
    return ", ".join(f"{g[0].label}…{g[-1].label} ({len(g)} h)" for g in groups)


def episode_text(d: Decision) -> str:
    if d.start is None or d.end is None:
        return ""
    text = f"{d.start:%Y-%m-%d %H:%M} – {d.end:%Y-%m-%d %H:%M}"
    if d.grade is not None:
        text += f" (D200 {d.grade.episode.d200} h)"
    return text


def level_text(d: Decision) -> str:
    if d.level is None:
        return "无预警 no warning"
    return f"{d.level.zh} {d.level.en}"


def _print_table(decisions: list[Decision], scheme: str) -> None:
    sch = get_scheme(scheme)
    table = Table(title=f"预警研判 / warning assessment — {sch.name_zh} / {sch.name_en}")
    for heading in (
        "城市 city",
        "发布时间 issued",
        "预警级别 level",
        "依据 basis",
        "触发规则 rule",
        "触发时段 triggered by",
        "过程 episode",
    ):
        table.add_column(heading, overflow="fold")
    for d in decisions:
        zh, en = BASIS_TEXT[d.basis]
        table.add_row(
            escape(d.forecast.city),
            f"{d.forecast.issued:%Y-%m-%d %H:%M}",
            level_text(d),
            f"{zh} {en}",
            escape(f"{d.rule.zh}\n{d.rule.en}"),
            escape(trigger_text(d)),
            episode_text(d),
        )
    out.print(table)
    for d in decisions:
        for note in d.notes:
            out.print(escape(f"{d.forecast}: {note}"))


CSV_FIELDS = (
    "city",
    "issued",
    "level",
    "level_zh",
    "basis",
    "rule_zh",
    "rule_en",
    "trigger",
    "start",
    "end",
    "d200_hours",
    "national_level",
    "local_rule",
    "notes_zh",
    "notes_en",
)


def _write_csv(decisions: list[Decision]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for d in decisions:
        row = d.to_dict()
        row["trigger"] = ";".join(d.trigger)
        row["notes_zh"] = " | ".join(n.zh for n in d.notes)
        row["notes_en"] = " | ".join(n.en for n in d.notes)
        writer.writerow(["" if row[k] is None else row[k] for k in CSV_FIELDS])


@warn_app.command("schemes")
def schemes_cmd(
    local: Annotated[
        Path | None,
        typer.Option("--local", help="同时列出本地从严规则 / also list a local stricter rule"),
    ] = None,
) -> None:
    """分级方案 / the grading schemes: the condition of each level, and what is UNCONFIRMED."""
    rule: LocalRule | None = None
    if local is not None:
        try:
            rule = read_local_rule(local)
        except LocalRuleError as exc:
            raise _refuse(str(exc)) from exc
    for sch in SCHEMES.values():
        mark = "（默认 default）" if sch.key == DEFAULT_SCHEME else ""
        table = Table(title=f"{sch.key}{mark} {sch.name_zh} / {sch.name_en}")
        table.add_column("级别 level")
        table.add_column("条件 condition", overflow="fold")
        for r in sch.rules:
            off = (
                " (默认关闭 off by default)"
                if r.level is Level.BLUE and not sch.blue_default
                else ""
            )
            table.add_row(
                f"{r.level.zh} {r.level.en}{off}",
                escape(
                    " 或 ".join(alternative_zh(a) for a in r.any_of)
                    + "\n"
                    + " or ".join(alternative_en(a) for a in r.any_of)
                ),
            )
        out.print(table)
        out.print(escape(f"来源 source: {sch.source}"))
        for note in sch.notes:
            out.print(escape(f"- {note}"))
    if rule is not None:
        table = Table(title=f"本地规则 local rule: {rule.name} ({rule.city or '—'})")
        table.add_column("级别 level")
        table.add_column("条件 condition", overflow="fold")
        for r in rule.levels:
            table.add_row(
                f"{r.level.zh} {r.level.en}",
                escape(" 或 ".join(alternative_zh(a) for a in r.any_of)),
            )
        out.print(table)
        until = rule.effective_until or "—"
        out.print(
            escape(
                f"生效 in force: {rule.effective_from} – {until}; 基于 base: {rule.base}"
                + (f"; 提前量 lead time ≥ {rule.lead_time_hours} h" if rule.lead_time_hours else "")
                + (f"; 解除 lift {rule.lift_hours} h" if rule.lift_hours else "")
            )
        )
