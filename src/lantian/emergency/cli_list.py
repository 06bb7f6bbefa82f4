"""``lantian list …``: check an emergency reduction-list file (应急减排清单) from the command line.

``lantian list check FILE --city-emissions CITY.csv`` prints, for each warning level and
pollutant, the reduction the list achieves against the required share of the city's daily
emission, every shortfall with the lines that would close it, and the lines without a measure.
``lantian list industries`` prints the industries in force, their grade scale and whether a
default measure table exists. ``--guide MANIFEST.toml`` puts an office's tables keyed in from the
technical guide in force for the command (:mod:`lantian.emergency.guide_tables`). A refused file
exits with status 2 and ``file:line: reason`` on standard error. ``lantian.cli`` registers
:data:`list_app` as ``lantian list``.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from lantian.emergency.grades import ANY_SCALE
from lantian.emergency.guide_tables import (
    KEY_INDUSTRIES_2020,
    GuideError,
    GuideTables,
    GuideVersion,
    load_guide,
)
from lantian.emergency.industries import tables_in_force
from lantian.emergency.levels import POLLUTANTS, Level
from lantian.emergency.listfile import ListFileError, read_city_emissions, read_list
from lantian.emergency.measures import StopShareRule
from lantian.emergency.reduction import CHECK_LEVELS, DailyBasis, ListCheck, check_list
from lantian.emergency.synthetic import (
    N_ENTERPRISES,
    SEED,
    generate_city,
    write_calendar_sample,
    write_sample,
)

EXIT_BAD_INPUT = 2
EXIT_SHORTFALL = 1

list_app = typer.Typer(
    help="应急减排清单 / emergency reduction list: check a list file against the required cuts.",
    no_args_is_help=True,
    add_completion=False,
)


class Fmt(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class LevelChoice(StrEnum):
    blue = "blue"
    yellow = "yellow"
    orange = "orange"
    red = "red"


NAMES = {"so2": "SO2", "nox": "NOx", "pm": "颗粒物 PM", "vocs": "VOCs"}

GuideOption = Annotated[
    Path | None,
    typer.Option(
        "--guide",
        help="指南表清单说明 / guide-tables manifest (TOML) to put in force: extends the "
        "packaged industries and default measures",
    ),
]


def _err() -> Console:
    return Console(stderr=True, width=None if sys.stderr.isatty() else 200)


def _fail(message: str) -> typer.Exit:
    _err().print(message, markup=False, highlight=False)
    return typer.Exit(EXIT_BAD_INPUT)


def _guide(path: Path | None) -> GuideTables | None:
    """The tables of ``--guide`` (None: the packaged ones); a refused set exits 2."""
    if path is None:
        return None
    try:
        return load_guide(path)
    except GuideError as e:
        raise _fail(str(e)) from e


def _city(path: Path | None, given: dict[str, float | None], basis: DailyBasis) -> dict[str, float]:
    if path is not None and any(v is not None for v in given.values()):
        raise _fail("--city-emissions 与 --so2/--nox/--pm/--vocs 只能用一种 / use one or the other")
    if path is not None:
        values, unit = read_city_emissions(path)
        return basis.daily_all(values) if unit == "t/a" else values
    missing = [p for p, v in given.items() if v is None]
    if missing:
        raise _fail(
            "需要全市排放量 / city emissions needed: --city-emissions FILE, or all of "
            "--so2 --nox --pm --vocs [t/a]; missing: " + ", ".join(f"--{p}" for p in missing)
        )
    bad = [p for p, v in given.items() if v is not None and not v > 0]
    if bad:
        raise _fail(f"全市排放量须为正 / city emissions must be positive: {', '.join(bad)}")
    return basis.daily_all({p: float(v) for p, v in given.items() if v is not None})


def result_records(res: ListCheck) -> list[dict[str, Any]]:
    """One record per level × pollutant (the JSON and CSV output)."""
    out = []
    for r in res.results:
        out.append(
            {
                "level": r.level.value,
                "pollutant": r.pollutant,
                "city_t_d": round(r.city, 4),
                "ratio": r.ratio,
                "required_t_d": round(r.required, 4),
                "achieved_t_d": round(r.achieved, 4),
                "achieved_ratio": round(r.achieved_ratio, 4),
                "passes": r.passes,
                "shortfall_t_d": round(r.shortfall, 4),
                "closable": r.closable,
                "remaining_t_d": round(r.remaining, 4),
                "closers": [
                    {
                        "line_id": c.line_id,
                        "line": c.label,
                        "current": c.current.zh if c.current is not None else None,
                        "proposed": c.proposed.zh,
                        "extra_t_d": round(c.extra, 4),
                    }
                    for c in r.closers
                ],
            }
        )
    return out


def _json(res: ListCheck) -> str:
    doc = {
        "basis": {
            "name": res.basis.name,
            "days": res.basis.days,
            "share": res.basis.share,
        },
        "passes": res.passes,
        "results": result_records(res),
        "without_measure": {
            lv.value: [ln.line_id for ln in lines] for lv, lines in res.without_measure.items()
        },
        "exempt": [ln.line_id for ln in res.exempt],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _csv(res: ListCheck) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    keys = [
        "level",
        "pollutant",
        "city_t_d",
        "required_t_d",
        "achieved_t_d",
        "passes",
        "shortfall_t_d",
        "closable",
        "closers",
    ]
    w.writerow(keys)
    for rec in result_records(res):
        rec["closers"] = ";".join(c["line_id"] for c in rec["closers"])
        w.writerow([rec[k] for k in keys])
    return buf.getvalue()


def _table(res: ListCheck, show: int) -> None:
    out = Console(width=None if sys.stdout.isatty() else 200)
    b = res.basis
    out.print(
        f"日排放基数 / daily basis: 年排放 × {b.share} ÷ {b.days:g} 天 ({b.name})", highlight=False
    )
    t = Table(title="应急减排清单核算 / reduction-list check")
    for h in (
        "预警级别 level",
        "污染物 pollutant",
        "全市 city t/d",
        "要求 required t/d",
        "清单 achieved t/d",
        "比例 achieved %",
        "结果 result",
    ):
        t.add_column(h)
    for r in res.results:
        verdict = "达标 pass" if r.passes else f"缺口 shortfall {r.shortfall:.3f} t/d"
        t.add_row(
            f"{r.level.zh} {r.level.value}",
            NAMES.get(r.pollutant, r.pollutant),
            f"{r.city:.3f}",
            f"{r.required:.3f}",
            f"{r.achieved:.3f}",
            f"{100 * r.achieved_ratio:.1f} / {100 * r.ratio:.0f}",
            verdict,
        )
    out.print(t)
    for r in res.shortfalls:
        out.print(
            f"\n{r.level.zh} {NAMES.get(r.pollutant, r.pollutant)} 缺口 / shortfall "
            f"{r.shortfall:.3f} t/d — 可补足的生产线 / lines that would close it:",
            highlight=False,
        )
        for c in r.closers:
            current = c.current.zh if c.current is not None else "无措施"
            out.print(
                f"  {c.label}: {current} → {c.proposed.zh}  +{c.extra:.3f} t/d",
                highlight=False,
                markup=False,
            )
        if not r.closable:
            out.print(
                f"  清单内生产线不足以补足，尚差 / the list's lines cannot close it; "
                f"{r.remaining:.3f} t/d remain",
                highlight=False,
            )
    for lv, lines in res.without_measure.items():
        if not lines:
            continue
        shown = ", ".join(ln.line_id for ln in lines[:show])
        more = f" … (+{len(lines) - show})" if len(lines) > show else ""
        out.print(
            f"\n{lv.zh}无减排措施的生产线 / lines without a measure at {lv.value}: "
            f"{len(lines)}: {shown}{more}",
            highlight=False,
            markup=False,
        )


@list_app.command("check")
def check_cmd(
    file: Annotated[Path, typer.Argument(help="清单文件 / list file (.csv or .xlsx)")],
    city_emissions: Annotated[
        Path | None,
        typer.Option("--city-emissions", help="全市排放清单 / city inventory file (pollutant,t_a)"),
    ] = None,
    so2: Annotated[float | None, typer.Option(help="全市SO2 / city SO2 [t/a]")] = None,
    nox: Annotated[float | None, typer.Option(help="全市NOx / city NOx [t/a]")] = None,
    pm: Annotated[float | None, typer.Option(help="全市颗粒物 / city PM [t/a]")] = None,
    vocs: Annotated[float | None, typer.Option(help="全市VOCs / city VOCs [t/a]")] = None,
    level: Annotated[
        LevelChoice | None,
        typer.Option(
            "--level", help="只核算一个级别 / one level only (default yellow, orange, red)"
        ),
    ] = None,
    fmt: Annotated[
        Fmt, typer.Option("--format", "-f", help="输出格式 / output format")
    ] = Fmt.table,
    days: Annotated[
        float, typer.Option(help="年→日: 天数 / annual→daily: days of the period")
    ] = 365.0,
    share: Annotated[
        float,
        typer.Option(help="年→日: 该时段占全年排放的份额 / share of the annual emission in it"),
    ] = 1.0,
    stop_share: Annotated[
        StopShareRule,
        typer.Option(help="停产x%（以生产线计）的读法 / reading of 'stop x % per line'"),
    ] = StopShareRule.LINE_STOPS,
    show: Annotated[int, typer.Option(help="表格中列出的无措施生产线数 / lines listed")] = 20,
    fail_on_shortfall: Annotated[
        bool, typer.Option(help="有缺口时退出码为1 / exit 1 when a shortfall remains")
    ] = False,
    guide: GuideOption = None,
) -> None:
    """核算清单 / check a list: achieved vs required reduction per level and pollutant."""
    if not file.exists():
        raise _fail(f"{file}: 文件不存在 / file not found")
    tables = _guide(guide)
    try:
        basis = DailyBasis(days=days, share=share)
    except ValueError as e:
        raise _fail(str(e)) from e
    with tables_in_force(tables):
        try:
            city = _city(city_emissions, {"so2": so2, "nox": nox, "pm": pm, "vocs": vocs}, basis)
            lst = read_list(file, basis=basis, rule=stop_share)
        except ListFileError as e:
            raise _fail(str(e)) from e
        levels = (Level(level.value),) if level is not None else CHECK_LEVELS
        res = check_list(lst, {p: city[p] for p in POLLUTANTS}, levels, basis)
        if tables is not None:
            _err().print(_version_line(tables.version), markup=False, highlight=False)
        if fmt is Fmt.json:
            sys.stdout.write(_json(res))
        elif fmt is Fmt.csv:
            sys.stdout.write(_csv(res))
        else:
            _table(res, show)
    if fail_on_shortfall and not res.passes:
        raise typer.Exit(EXIT_SHORTFALL)


@list_app.command("synthetic")
def synthetic_cmd(
    out_dir: Annotated[Path, typer.Argument(help="输出目录 / output directory")],
    n: Annotated[int, typer.Option(help="企业数 / enterprises")] = N_ENTERPRISES,
    seed: Annotated[int, typer.Option(help="随机种子 / seed")] = SEED,
    guide: GuideOption = None,
) -> None:
    """生成合成城市清单与错峰日历 / write the synthetic city's list (CSV, XLSX, city emissions)
    and its staggered-production calendar."""
    if n < 1:
        raise _fail("--n 须为正 / must be positive")
    with tables_in_force(_guide(guide)):
        city = generate_city(n, seed)
        for p in write_sample(out_dir, city):
            typer.echo(str(p))
        typer.echo(str(write_calendar_sample(out_dir, city)))


def _version_line(v: GuideVersion) -> str:
    """One line naming a version of the tables (and saying so when it is not official)."""
    text = f"指南表 / guide tables: {v.name} — {v.keyed_by}, {v.keyed_on}"
    if v.illustrative:
        text += " — 示例数据，非官方 / ILLUSTRATIVE EXAMPLE, NOT OFFICIAL VALUES"
    return text


def _scale(tables: GuideTables, code: str) -> list[str] | None:
    """The industry's scale, None where any grade is accepted."""
    scale = tables.industries[code].scale
    return None if scale == ANY_SCALE else [g.value for g in scale]


def industry_records(tables: GuideTables) -> list[dict[str, Any]]:
    """One record per industry in force (the JSON and CSV output of ``list industries``)."""
    out = []
    for ind in tables.industries.values():
        rows = tables.table(ind.code)
        out.append(
            {
                "code": ind.code,
                "name_zh": ind.zh,
                "name_en": ind.en,
                "key_2020": ind.key,
                "exempt": ind.exempt,
                "scale": _scale(tables, ind.code),
                "scale_status": ind.scale_status,
                "default_table": bool(rows),
                "measure_rows": len(rows),
                "measure_status": "/".join(sorted({d.status for d in rows})),
                "status": ind.status,
                "source": "; ".join(sorted({d.source for d in rows})) or ind.spec,
                "origin": "/".join(dict.fromkeys([ind.origin, *(d.origin for d in rows)])),
            }
        )
    return out


def coverage(tables: GuideTables) -> dict[str, Any]:
    """How far the tables in force cover the 39 key industries of the 2020 guide."""
    key = [i.code for i in tables.industries.values() if i.key]
    with_table = [c for c in tables.industries if tables.has_table(c)]
    return {
        "key_total": KEY_INDUSTRIES_2020,
        "key_listed": len(key),
        "key_not_listed": max(0, KEY_INDUSTRIES_2020 - len(key)),
        "with_table": with_table,
        "key_without_table": [c for c in key if c not in with_table],
    }


def _versions(tables: GuideTables) -> list[dict[str, Any]]:
    return [
        {
            "name": v.name,
            "keyed_by": v.keyed_by,
            "keyed_on": v.keyed_on.isoformat() if v.keyed_on else None,
            "issued": v.issued.isoformat() if v.issued else None,
            "illustrative": v.illustrative,
            "manifest": str(v.manifest) if v.manifest else None,
        }
        for v in tables.versions
    ]


@list_app.command("industries")
def industries_cmd(
    guide: GuideOption = None,
    fmt: Annotated[
        Fmt, typer.Option("--format", "-f", help="输出格式 / output format")
    ] = Fmt.table,
) -> None:
    """在用的行业表 / the industries in force: grade scale, default measure table, status."""
    tables = _guide(guide)
    with tables_in_force(tables) as t:
        records, cov = industry_records(t), coverage(t)
        if fmt is Fmt.json:
            doc = {
                "versions": _versions(t),
                "overrides": [
                    {"industry": o.industry, "reason": o.reason, "replaced": list(o.replaced)}
                    for o in t.overrides
                ],
                "industries": records,
                "coverage": cov,
            }
            sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
        elif fmt is Fmt.csv:
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            keys = list(records[0]) if records else []
            w.writerow(keys)
            for rec in records:
                rec["scale"] = ",".join(rec["scale"]) if rec["scale"] else ""
                w.writerow(
                    ["yes" if v is True else "no" if v is False else v for v in rec.values()]
                )
            sys.stdout.write(buf.getvalue())
        else:
            _industries_table(t, records, cov)


def _industries_table(
    tables: GuideTables, records: list[dict[str, Any]], cov: dict[str, Any]
) -> None:
    out = Console(width=None if sys.stdout.isatty() else 200)
    for v in tables.versions:
        out.print(_version_line(v), highlight=False, markup=False)
    for o in tables.overrides:
        out.print(
            f"覆盖 / override {o.industry}: {o.reason} — {'; '.join(o.replaced)}",
            highlight=False,
            markup=False,
        )
    t = Table(title="在用的行业表 / industries in force")
    for h in (
        "代码 code",
        "行业 industry",
        "重点 key",
        "等级体系 scale",
        "默认措施表 table",
        "状态 status",
        "来源 source",
        "版本 version",
    ):
        t.add_column(h)
    packaged = tables.versions[0].name
    for r in records:
        scale = ",".join(r["scale"]) if r["scale"] else "任意 any"
        t.add_row(
            r["code"],
            r["name_zh"],
            "是 yes" if r["key_2020"] else "",
            f"{scale} ({r['scale_status']})",
            f"有 yes ({r['measure_rows']})" if r["default_table"] else "无 no",
            r["measure_status"] or "—",
            r["source"],
            "内置 packaged" if r["origin"] == packaged else "载入 loaded",
        )
    out.print(t)
    out.print(
        f"重点行业 / key industries: {cov['key_listed']} / {cov['key_total']} 已列入 listed, "
        f"{cov['key_not_listed']} 未录入 not yet keyed in",
        highlight=False,
    )
    out.print(
        f"有默认措施表 / with a default measure table: {len(cov['with_table'])}: "
        + (", ".join(cov["with_table"]) or "—"),
        highlight=False,
        markup=False,
    )
    out.print(
        f"重点行业缺措施表 / key industries without a table: {len(cov['key_without_table'])}: "
        + (", ".join(cov["key_without_table"]) or "—"),
        highlight=False,
        markup=False,
    )
