"""The ``lantian`` command line.

``lantian aq …`` ingests measurement files and prints air-quality statistics without the web
server; ``lantian demo`` loads the real 2019 sample data and prints the Shijiazhuang 2019
evaluation against the targets of its plan. Human tables by default, ``--format csv|json`` for
machines. Bad input exits with status 2 and ``file:line: reason`` on standard error.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import polars as pl
import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn
from rich.table import Table

from lantian.emergency.cli_list import list_app
from lantian.emergency.cli_notice import notice_app
from lantian.emergency.cli_verify import verify_app
from lantian.emergency.cli_warn import warn_app
from lantian.planning.cli_extract import plan_app
from lantian.sample_data import SAMPLE_DIR, SAMPLE_TARGETS

app = typer.Typer(
    help="蓝天 lantian — 大气污染防治攻坚行动平台 / air-pollution prevention office platform.",
    no_args_is_help=True,
    add_completion=False,
)
aq = typer.Typer(
    help="空气质量核算 / air-quality accounting: ingest, daily values, statistics, targets.",
    no_args_is_help=True,
)
app.add_typer(aq, name="aq")
warn_app.add_typer(verify_app, name="verify")
warn_app.add_typer(notice_app, name="notice")
app.add_typer(warn_app, name="warn")
app.add_typer(list_app, name="list")
app.add_typer(plan_app, name="plan")


def _add_platform_commands() -> None:
    """``lantian audit …`` and ``lantian web …`` when the platform (the ``web`` extra) is
    installed."""
    try:
        from lantian.web.audit.cli import app as audit_app
    except ImportError:  # pragma: no cover - installed without the web extra
        return
    app.add_typer(audit_app, name="audit")

    @app.command(
        "web",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
        add_help_option=False,
    )
    def web_cmd(ctx: typer.Context) -> None:
        """平台管理命令 / the platform's management commands: migrate, runserver, check, …"""
        from lantian.web.manage import main as manage

        manage(ctx.args or ["help"])


_add_platform_commands()

# Wide tables stay readable when piped (rich would fold them at 80 columns).
out = Console(width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 200)


EXIT_BAD_INPUT = 2


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def default_data_dir() -> Path:
    """``$LANTIAN_DATA_DIR`` or ``./var`` — where the embedded store lives."""
    return Path(os.environ.get("LANTIAN_DATA_DIR", "var"))


StoreOpt = Annotated[
    Path | None,
    typer.Option(
        "--store", help="测量数据库目录 / measurement store directory [$LANTIAN_DATA_DIR/store]"
    ),
]
CityOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--city",
        help="城市 / city (repeatable); --level district|station: district or station code",
    ),
]


class AreaLevel(StrEnum):
    city = "city"
    district = "district"
    station = "station"


LevelOpt = Annotated[
    AreaLevel,
    typer.Option(
        "--level",
        help="地区层级 / area level: city 城市 | district 区县 (stations without one left out) "
        "| station 点位",
    ),
]
SourceOpt = Annotated[
    str,
    typer.Option(
        help="computed (站点小时数据 station hours) | published (发布的城市日报 city daily)"
    ),
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式 / output format")]


def _store_path(store: Path | None) -> Path:
    return store if store is not None else default_data_dir() / "store"


def _open_engine(store: Path | None, level: AreaLevel = AreaLevel.city) -> Any:
    from lantian.airquality.engine import Engine, EvaluationOptions
    from lantian.airquality.store import MeasurementStore

    path = _store_path(store)
    if not path.exists():
        err.print(
            f"[red]没有测量数据库 / no measurement store at {path}[/red]\n"
            "先运行 / first run: lantian aq ingest FILE… (或 / or: lantian demo)"
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    con = MeasurementStore(path).connect()
    if level is AreaLevel.district:
        ((n,),) = con.sql("SELECT count(*) FROM stations WHERE district IS NOT NULL").fetchall()
        if n == 0:
            err.print(
                "[yellow]点位登记中没有区县 / no station in the registry has a district: "
                "import a station list with a 区县 (district) column first[/yellow]"
            )
    return Engine(con, EvaluationOptions(area_level=level.value))


def _check_level_source(level: AreaLevel, source: str) -> None:
    """Published daily values are city values: refuse them at another level, saying what to do."""
    if source == "published" and level is not AreaLevel.city:
        err.print(
            f"[red]发布的日报只有城市值 / published daily values exist for cities only, "
            f"not at --level {level.value}[/red]\n用 / use: --source computed"
        )
        raise typer.Exit(EXIT_BAD_INPUT)


#: Columns a person reads, with their headings (CSV and JSON keep every column).
View = list[tuple[str, str]]

#: English for the Chinese headings (``--lang en`` or ``LANTIAN_LANG=en``).
HEADINGS_EN: dict[str, str] = {
    "地区": "area",
    "时段": "period",
    "综合指数": "composite index",
    "首要污染物": "main pollutant",
    "有效天数": "valid days",
    "优良天数": "good days",
    "优良比例%": "good-day ratio %",
    "重污染天数": "heavy-pollution days",
    "有效性": "validity",
    "数据不足月份": "months with insufficient data",
    "排名": "rank",
    "排名值": "rank value",
    "变化": "change",
    "同期": "same period last year",
    "优良比例": "good-day ratio",
    "城市": "city",
    "点位": "station",
    "日期": "date",
    "类别": "category",
    "点位数": "stations",
    "标准": "standard",
    "年份": "years",
    "有效年数": "valid years",
    "目标": "target",
    "目标值": "bound",
    "当前值": "value",
    "去年同期": "last year",
    "去年来源": "last-year source",
    "已过天数": "days elapsed",
    "剩余时段需达到": "required for the rest",
    "说明": "note",
    "状态": "status",
}
_LANG = {"lang": os.environ.get("LANTIAN_LANG", "zh")}


def heading(zh: str) -> str:
    """A column heading in the chosen language (``去年 / 变化`` suffixes included)."""
    if _LANG["lang"] != "en":
        return zh
    for suffix, en in ((" 去年", " last year"), (" 变化", " change")):
        if zh.endswith(suffix):
            return heading(zh[: -len(suffix)]) + en
    return HEADINGS_EN.get(zh, zh)


@app.callback()
def main_options(
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="表头语言 / heading language: zh (默认) | en [$LANTIAN_LANG]"),
    ] = None,
) -> None:
    """蓝天 lantian — 大气污染防治攻坚行动平台 / air-pollution prevention office platform."""
    chosen = lang or os.environ.get("LANTIAN_LANG", "zh")
    if chosen not in ("zh", "en"):
        err.print(f"[red]--lang 只能是 zh 或 en / --lang must be zh or en, got {chosen!r}[/red]")
        raise typer.Exit(EXIT_BAD_INPUT)
    _LANG["lang"] = chosen


#: The six evaluation statistics and the composite index, as displayed (rounded).
EVALUATION_VIEW: View = [
    ("pm25_display", "PM2.5"),
    ("pm10_display", "PM10"),
    ("so2_display", "SO2"),
    ("no2_display", "NO2"),
    ("co_p95_display", "CO-95per"),
    ("o3_8h_p90_display", "O3-8h-90per"),
    ("composite_display", "综合指数"),
]
STATS_VIEW: View = [
    ("area", "地区"),
    ("period", "时段"),
    *EVALUATION_VIEW,
    ("main_pollutant", "首要污染物"),
    ("valid_days", "有效天数"),
    ("good_days", "优良天数"),
    ("good_ratio_display", "优良比例%"),
    ("heavy_pollution_days", "重污染天数"),
    ("validity", "有效性"),
    ("insufficient_months", "数据不足月份"),
]
RANK_VIEW: View = [("rank", "排名"), ("rank_value", "排名值"), *STATS_VIEW]
YOY_VIEW: View = [
    ("area", "地区"),
    ("period", "时段"),
    ("previous_period", "同期"),
    *[
        (f"{s}{suffix}", f"{label}{zh}")
        for s, label in (
            ("pm25", "PM2.5"),
            ("pm10", "PM10"),
            ("composite", "综合指数"),
            ("good_ratio", "优良比例"),
        )
        for suffix, zh in (("", ""), ("_prev", " 去年"), ("_change", " 变化"))
    ],
    ("heavy_pollution_days", "重污染天数"),
    ("heavy_pollution_days_change", "重污染天数 变化"),
]
DAILY_VIEW: View = [
    ("city", "城市"),
    ("station_code", "点位"),
    ("date", "日期"),
    ("aqi", "AQI"),
    ("category", "类别"),
    ("primary_pollutant", "首要污染物"),
    ("pm25", "PM2.5"),
    ("pm10", "PM10"),
    ("so2", "SO2"),
    ("no2", "NO2"),
    ("co", "CO"),
    ("o3_8h", "O3-8h"),
    ("n_stations", "点位数"),
    ("aqi_version", "标准"),
]


def emit(frame: pl.DataFrame, fmt: OutputFormat, title: str = "", view: View | None = None) -> None:
    """Print a frame as a table (the ``view`` columns, if given), CSV or JSON (all columns)."""
    if fmt is OutputFormat.table and view is not None:
        cols = [(c, h) for c, h in view if c in frame.columns]
        frame = frame.select([pl.col(c).alias(heading(h)) for c, h in cols])
    if fmt is OutputFormat.csv:
        sys.stdout.write(frame.write_csv())
    elif fmt is OutputFormat.json:
        sys.stdout.write(json.dumps(frame.to_dicts(), ensure_ascii=False, default=str, indent=1))
        sys.stdout.write("\n")
    else:
        table = Table(title=title or None, show_lines=False)
        for col in frame.columns:
            table.add_column(col, overflow="fold")
        for row in frame.iter_rows():
            table.add_row(*["" if v is None else _fmt(v) for v in row])
        out.print(table)


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.6g}"
    return str(v)


def _parse_date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        err.print(f"[red]日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD: {text!r}[/red]")
        raise typer.Exit(EXIT_BAD_INPUT) from exc


def _parse_period(text: str) -> Any:
    from lantian.airquality.periods import parse_period

    try:
        return parse_period(text)
    except ValueError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(EXIT_BAD_INPUT) from exc


# --------------------------------------------------------------------------- aq ingest


@aq.command("ingest")
def ingest_cmd(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="文件 / files (CNEMC, Beijing multi-site, city daily, canonical CSV, station list)"
        ),
    ],
    store: StoreOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """导入测量文件 / ingest files: each is taken whole or refused (file:line: reason)."""
    from lantian.airquality.ingest import ingest_paths
    from lantian.airquality.store import MeasurementStore

    missing = [p for p in paths if not p.exists()]
    if missing:
        for p in missing:
            err.print(f"[red]{p}: 文件不存在 / file not found[/red]")
        raise typer.Exit(EXIT_BAD_INPUT)
    ms = MeasurementStore(_store_path(store))
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("导入 / ingesting", total=len(paths))

        def step(done: int, total: int, outcome: Any) -> None:
            name = outcome.path.name
            bar.update(task, completed=done, total=total, description=f"导入 / ingesting {name}")

        outcomes = ingest_paths(ms, paths, progress=step)
    rows = [_outcome_row(o) for o in outcomes]
    emit(pl.DataFrame(rows), fmt, "导入结果 / ingest outcome")
    for o in outcomes:
        for w in getattr(o, "warnings", None) or []:
            err.print(f"[yellow]{w}[/yellow]")
    refused = [o for o in outcomes if getattr(o, "error", None) is not None]
    for o in refused:
        err.print(f"[red]{o.error}[/red]")
    if refused:
        raise typer.Exit(EXIT_BAD_INPUT)


def _outcome_row(o: Any) -> dict[str, Any]:
    report = getattr(o, "report", None)
    row: dict[str, Any] = {
        "file": Path(str(getattr(o, "path", ""))).name,
        "status": "refused" if getattr(o, "error", None) is not None else "accepted",
    }
    for key in ("inserted", "corrected", "unchanged", "flagged"):
        row[key] = getattr(report, key, None) if report is not None else None
    warnings = getattr(o, "warnings", None) or getattr(report, "warnings", None) or []
    row["warnings"] = len(warnings)
    return row


# --------------------------------------------------------------------------- aq stations


@aq.command("refresh")
def refresh_cmd(store: StoreOpt = None) -> None:
    """重新生成过期的站点日数据 / bring the station-daily table up to the hourly data.

    Needed only after an ingest stopped between its two commits; the web platform, which only
    reads the store, refuses a stale store and names this command.
    """
    from lantian.airquality.store import MeasurementStore

    path = _store_path(store)
    if not (path / "hourly").is_dir():
        err.print(f"[red]没有测量数据库 / no measurement store at {path}[/red]")
        raise typer.Exit(EXIT_BAD_INPUT)
    n = MeasurementStore(path).refresh_daily()
    out.print(f"重新生成 {n} 个站点日 / {n} station-days re-derived")


@aq.command("stations")
def stations_cmd(
    city: Annotated[str | None, typer.Option(help="城市 / city")] = None,
    store: StoreOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """监测点位 / the station registry."""
    from lantian.airquality.store import MeasurementStore

    path = _store_path(store)
    con = MeasurementStore(path).connect()
    sql = "SELECT * FROM stations"
    params: list[Any] = []
    if city:
        sql += " WHERE city = ?"
        params.append(city)
    frame = con.sql(sql + " ORDER BY station_code", params=params).pl()
    emit(frame, fmt, "监测点位 / stations")


# --------------------------------------------------------------------------- aq daily


@aq.command("daily")
def daily_cmd(
    city: CityOpt = None,
    start: Annotated[
        str | None, typer.Option("--from", help="起始日 / first day YYYY-MM-DD")
    ] = None,
    end: Annotated[str | None, typer.Option("--to", help="截止日 / last day YYYY-MM-DD")] = None,
    station: Annotated[
        list[str] | None, typer.Option("--station", help="点位代码 / station code: station values")
    ] = None,
    level: LevelOpt = AreaLevel.city,
    store: StoreOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """日均值与日AQI / daily values and daily AQI of areas at --level (or of stations with
    --station)."""
    eng = _open_engine(store, level)
    d0 = _parse_date(start) or date(2019, 1, 1)
    d1 = _parse_date(end) or d0
    if station:
        frame = eng.station_daily(d0, d1, stations=station)
    else:
        frame = eng.city_daily(d0, d1, cities=city)
    view = DAILY_VIEW if level is AreaLevel.city else [("area", "地区"), *DAILY_VIEW]
    emit(frame, fmt, "日报 / daily", view)


# --------------------------------------------------------------------------- aq stats


@aq.command("stats")
def stats_cmd(
    period: Annotated[
        str, typer.Option(help="时段 / period: 2019, 2019-Q1, 2019-03, 2019-heating, a..b")
    ],
    city: CityOpt = None,
    source: SourceOpt = "computed",
    yoy: Annotated[
        bool, typer.Option("--yoy", help="同比 / year-on-year against the same period last year")
    ] = False,
    level: LevelOpt = AreaLevel.city,
    store: StoreOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """时段统计 / period statistics: means, percentiles, 综合指数, day counts, 优良天数比例."""
    _check_level_source(level, source)
    eng = _open_engine(store, level)
    p = _parse_period(period)
    if yoy:
        frame = eng.yoy(p, areas=city, source=source)
        emit(frame, fmt, f"{p.label} 同比 / year on year", YOY_VIEW)
    else:
        frame = eng.period_stats(p, areas=city, source=source)
        emit(frame, fmt, f"{p.label} 统计 / statistics", STATS_VIEW)


# --------------------------------------------------------------------------- aq rank


@aq.command("rank")
def rank_cmd(
    period: Annotated[str, typer.Option(help="时段 / period")],
    by: Annotated[
        str, typer.Option(help="排名指标 / statistic: composite, pm25, good_ratio, …")
    ] = "composite",
    improvement: Annotated[
        bool, typer.Option("--improvement", help="按同比改善幅度 / by change vs last year")
    ] = False,
    city: CityOpt = None,
    include_insufficient: Annotated[
        bool,
        typer.Option("--all", help="数据不足的地区也参与排名 / rank areas with insufficient data"),
    ] = False,
    source: SourceOpt = "computed",
    level: LevelOpt = AreaLevel.city,
    store: StoreOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """排名 / rank areas by a statistic (ties rank equal; 数据不足 areas listed unranked)."""
    _check_level_source(level, source)
    eng = _open_engine(store, level)
    p = _parse_period(period)
    try:
        frame = eng.rank(
            p,
            by=by,
            areas=city,
            improvement=improvement,
            source=source,
            include_insufficient=include_insufficient,
        )
    except ValueError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    view = RANK_VIEW if not improvement else [("rank", "排名"), ("rank_value", "变化"), *YOY_VIEW]
    emit(frame, fmt, f"{p.label} 排名 / ranking by {by}", view)


# --------------------------------------------------------------------------- aq sliding


@aq.command("sliding")
def sliding_cmd(
    year: Annotated[int, typer.Option(help="末年 / last year of the window")],
    years: Annotated[int, typer.Option(help="窗口年数 / years in the window")] = 3,
    city: CityOpt = None,
    allow_invalid: Annotated[
        bool,
        typer.Option("--allow-invalid-years", help="仅用有效年份 / average the valid years only"),
    ] = False,
    source: SourceOpt = "computed",
    level: LevelOpt = AreaLevel.city,
    store: StoreOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """三年滑动平均 / sliding multi-year means (HJ 663-2026; formula UNCONFIRMED, see docs)."""
    from lantian.airquality.sliding import sliding_means

    _check_level_source(level, source)
    eng = _open_engine(store, level)
    frame = sliding_means(
        eng, year, city, years=years, require_all_years=not allow_invalid, source=source
    )
    view: View = [
        ("area", "地区"),
        ("window", "年份"),
        ("valid_years", "有效年数"),
        *EVALUATION_VIEW,
    ]
    emit(frame, fmt, f"{year - years + 1}–{year} 滑动平均 / sliding means", view)


# --------------------------------------------------------------------------- aq progress


@aq.command("progress")
def progress_cmd(
    targets: Annotated[Path, typer.Option(help="目标文件 / targets CSV (see docs/targets.md)")],
    as_of: Annotated[
        str | None, typer.Option("--date", help="截至日期 / as of YYYY-MM-DD [today]")
    ] = None,
    city: CityOpt = None,
    store: StoreOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """目标进度 / progress toward the plan's targets (以时保天、以天保月)."""
    from lantian.airquality.errors import IngestError
    from lantian.airquality.targets import read_targets

    try:
        tlist = read_targets(targets)
    except (IngestError, OSError) as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    if city:
        tlist = [t for t in tlist if t.area in city]
    eng = _open_engine(store)
    d = _parse_date(as_of) or date.today()
    emit(progress_frame(eng, tlist, d), fmt, f"目标进度 / progress as of {d}", PROGRESS_VIEW)


PROGRESS_VIEW: View = [
    ("area", "地区"),
    ("target", "目标"),
    ("period", "时段"),
    ("bound", "目标值"),
    ("value", "当前值"),
    ("last_year", "去年同期"),
    ("last_year_source", "去年来源"),
    ("days", "已过天数"),
    ("valid_days", "有效天数"),
    ("required_rest", "剩余时段需达到"),
    ("note", "说明"),
    ("status", "状态"),
]


def progress_frame(eng: Any, tlist: list[Any], as_of: date) -> pl.DataFrame:
    """One row per target: where it stands on ``as_of``."""
    from lantian.airquality.engine_stats import EngineStats
    from lantian.airquality.targets import METRICS, progress

    stats = EngineStats(eng)
    rows = []
    for t in tlist:
        pr = progress(stats, t, as_of)
        zh, _en, unit, _kind = METRICS[t.metric]
        shown = pr.details.get("display")
        rows.append(
            {
                "area": t.area,
                "target": t.label or f"{zh} {t.op} {t.bound}",
                "metric": t.metric,
                "period": t.period.label,
                "op": t.op,
                "bound": _round(pr.bound),
                "value": shown if shown is not None else _round(pr.value),
                "value_unrounded": pr.value,
                "unit": unit,
                "last_year": _round(pr.last_year),
                "last_year_source": _source_text(pr.details.get("last_year_source")),
                "days": f"{pr.days_elapsed}/{pr.days_total}",
                "valid_days": pr.valid_days,
                "required_rest": _round(pr.required),
                "note": pr.required_note,
                "status": f"{pr.status_zh} {pr.status_en}",
                "status_code": pr.status,
            }
        )
    return pl.DataFrame(rows)


#: Where a statistic came from: computed from station hours, or published city daily values.
SOURCE_TEXT: dict[str, tuple[str, str]] = {
    "computed": ("站点小时数据", "station hours"),
    "published": ("发布的城市日报", "published city daily"),
}


def _source_text(source: str | None) -> str | None:
    if source is None:
        return None
    zh, en = SOURCE_TEXT.get(source, (source, source))
    return en if _LANG["lang"] == "en" else zh


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 2)


# --------------------------------------------------------------------------- demo


@app.command("demo")
def demo_cmd(
    data_dir: Annotated[
        Path | None, typer.Option(help="数据目录 / data directory [$LANTIAN_DATA_DIR or ./var]")
    ] = None,
    as_of: Annotated[
        str, typer.Option("--date", help="进度截至日期 / progress as of")
    ] = "2019-12-31",
) -> None:
    """载入2019年示例数据，输出石家庄2019年评价 / load the sample, evaluate Shijiazhuang 2019."""
    from lantian.airquality.ingest import ingest_paths
    from lantian.airquality.store import MeasurementStore
    from lantian.airquality.targets import read_targets

    base = data_dir or default_data_dir()
    store_path = base / "store"
    files = [
        SAMPLE_DIR / "StationList-2020.01.01.csv",
        SAMPLE_DIR / "sites_2019_beijing_shijiazhuang_zhengzhou_hourly.csv.gz",
        SAMPLE_DIR / "tianqihoubao_3cities_daily_2013_2019.csv.gz",
    ]
    missing = [f for f in files if not f.exists()]
    if missing:
        err.print(f"[red]示例数据缺失 / sample data missing: {', '.join(map(str, missing))}[/red]")
        raise typer.Exit(EXIT_BAD_INPUT)
    ms = MeasurementStore(store_path)
    out.print(f"[bold]导入示例数据 / ingesting the sample data into {store_path}[/bold]")
    for o in ingest_paths(ms, files):
        row = _outcome_row(o)
        what = "stations" if o.fmt == "station_list" else "rows"
        out.print(f"  {row['file']}: {row['status']} (+{row['inserted']} {what})")
        for w in o.warnings:
            err.print(f"[yellow]{w}[/yellow]")
        if getattr(o, "error", None) is not None:
            err.print(f"[red]{o.error}[/red]")
            raise typer.Exit(EXIT_BAD_INPUT)
    from lantian.airquality.engine import Engine
    from lantian.airquality.periods import parse_period

    eng = Engine(ms.connect())
    p = parse_period("2019")
    cities = ["石家庄", "北京", "郑州"]
    emit(
        eng.period_stats(p, areas=cities),
        OutputFormat.table,
        "2019年空气质量 / air quality 2019 (computed from station hours)",
        STATS_VIEW,
    )
    emit(
        eng.rank(p, by="composite", areas=cities, include_insufficient=True),
        OutputFormat.table,
        "2019年综合指数排名 / composite-index ranking 2019 (数据不足 = source gaps, ranked anyway)",
        RANK_VIEW[:12],
    )
    tlist = read_targets(SAMPLE_TARGETS)
    d = _parse_date(as_of) or date(2019, 12, 31)
    emit(
        progress_frame(eng, tlist, d),
        OutputFormat.table,
        f"石家庄市2019年目标进度 / Shijiazhuang 2019 targets, as of {d}",
        PROGRESS_VIEW,
    )
    out.print(
        "再试 / try next: lantian aq progress --targets data/sample/targets_shijiazhuang_2019.csv "
        "--date 2019-06-30 ; lantian aq rank --period 2019-heating"
    )


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
