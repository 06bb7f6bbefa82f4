"""``lantian warn verify …``: forecast verification (预报准确率) and the replay of a year, from the
measurement store, without the web server.

``replay --city 石家庄 --year 2019 [--forecast perfect|persistence]`` replays the year day by day
and prints the warnings an office would have issued, how they cover the heavy-pollution days the
engine counts, and — for persistence — its scores against the perfect replay and by lead time.
``score FORECASTS_FILE --city 石家庄`` verifies a forecast file (``docs/emergency_forecasts.md``)
against the observed daily AQI by lead time, with persistence as the baseline. Definitions:
``docs/emergency_verification.md``. Bad input exits with status 2 and the reason on standard
error. The lead registers :data:`verify_app` under ``lantian warn`` (this module does not import
``lantian.cli``).
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from lantian.emergency.forecast import SHANGHAI, read_forecasts
from lantian.emergency.replay import (
    KIND_TEXT,
    ForecastKind,
    HeavyDayMatch,
    Replay,
    against,
    match_heavy_days,
    replay,
    verify_replay,
)
from lantian.emergency.schemes import DEFAULT_SCHEME, SCHEMES, GradingOptions, Note, get_scheme
from lantian.emergency.verification import (
    Contingency,
    LeadScores,
    Rate,
    Verification,
    event_label,
    observed_daily,
    verify,
)
from lantian.emergency.warning_verdict import CONTEXT_DAYS

if TYPE_CHECKING:
    from lantian.airquality.engine import Engine

verify_app = typer.Typer(
    help="预报检验 / forecast verification: scores by lead time, and the replay of a year.",
    no_args_is_help=True,
    add_completion=False,
)

EXIT_BAD_INPUT = 2


class Fmt(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _out() -> Console:
    return Console(width=None if sys.stdout.isatty() else 200)


def _refuse(message: str) -> typer.Exit:
    # soft_wrap: a ``file:line: reason`` stays one line when stderr is piped or logged
    Console(stderr=True, width=None if sys.stderr.isatty() else 200).print(
        message, markup=False, highlight=False, soft_wrap=True
    )
    return typer.Exit(EXIT_BAD_INPUT)


StoreOpt = Annotated[
    Path | None,
    typer.Option(
        "--store", help="测量数据库目录 / measurement store directory [$LANTIAN_DATA_DIR/store]"
    ),
]
SchemeOpt = Annotated[str, typer.Option(help=f"分级方案 / grading scheme: {', '.join(SCHEMES)}")]
Orange300Opt = Annotated[
    bool,
    typer.Option(
        "--orange-needs-300/--no-orange-needs-300",
        help="橙色须 AQI>300 达24小时 / orange also needs AQI>300 for 24 h (UNCONFIRMED)",
    ),
]
FmtOpt = Annotated[Fmt, typer.Option("--format", "-f", help="输出格式 / output format")]


def _engine(store: Path | None) -> Engine:
    from lantian.airquality.engine import Engine
    from lantian.airquality.store import MeasurementStore

    path = store or Path(os.environ.get("LANTIAN_DATA_DIR", "var")) / "store"
    if not path.exists():
        raise _refuse(
            f"没有测量数据库 / no measurement store at {path}\n"
            "先运行 / first run: lantian aq ingest FILE… (或 / or: lantian demo)"
        )
    return Engine(MeasurementStore(path).connect())


def _options(scheme: str, orange_needs_300: bool) -> GradingOptions:
    try:
        options = GradingOptions(orange_needs_300=orange_needs_300)
        get_scheme(scheme).rules_for(options)
    except ValueError as exc:  # unknown scheme, switch not available in it
        raise _refuse(str(exc)) from exc
    return options


def _no_data(city: str, first: date, last: date) -> typer.Exit:
    return _refuse(
        f"测量数据库中没有 {city} 在 {first}–{last} 的日 AQI "
        f"(no daily AQI for {city} from {first} to {last} in the store; check the city name "
        "with: lantian aq daily --city …)"
    )


# --------------------------------------------------------------------------- replay


@verify_app.command("replay")
def replay_cmd(
    city: Annotated[str, typer.Option("--city", help="城市 / city")],
    # the range the replay's dates can reach (it forecasts from the day before the year)
    year: Annotated[int, typer.Option("--year", min=2, max=9998, help="年份 / year")],
    forecast: Annotated[
        ForecastKind,
        typer.Option("--forecast", help="预报 / forecast: perfect 实测值 | persistence 持续性"),
    ] = ForecastKind.PERFECT,
    scheme: SchemeOpt = DEFAULT_SCHEME,
    orange_needs_300: Orange300Opt = True,
    store: StoreOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """逐日回放 / replay a year day by day: the warnings issued, the heavy days they cover."""
    options = _options(scheme, orange_needs_300)
    first, last = date(year, 1, 1), date(year, 12, 31)
    engine = _engine(store)
    observed = observed_daily(engine, city, first, last)
    if not observed:
        raise _no_data(city, first, last)
    stats = engine.period_stats(str(year), [city])
    engine_heavy = int(stats["heavy_pollution_days"][0]) if stats.height else None
    result = replay(city, observed, first, last, forecast, scheme, options)
    match = match_heavy_days(result, observed)
    baseline: tuple[Contingency, ...] = ()
    scores: Verification | None = None
    if forecast is ForecastKind.PERSISTENCE:
        perfect = replay(city, observed, first, last, ForecastKind.PERFECT, scheme, options)
        baseline = against(perfect, result)
        scores = verify_replay(result, observed)
    if fmt is Fmt.json:
        doc = {
            "replay": result.to_dict(),
            "engine_heavy_days": engine_heavy,
            "heavy_days": match.to_dict(),
            "against_perfect": [c.to_dict() for c in baseline] if scores is not None else None,
            "verification": scores.to_dict() if scores is not None else None,
        }
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    elif fmt is Fmt.csv:
        _replay_csv(result)
    else:
        _replay_table(result, match, engine_heavy, baseline, scores)


REPLAY_CSV = (
    "level",
    "level_zh",
    "start",
    "end",
    "days",
    "issued",
    "lead_days",
    "changes",
    "lifted",
)


def _changes_text(changes: Sequence[dict[str, Any]]) -> str:
    return "; ".join(f"{c['on']} {c['level']}" for c in changes)


def _replay_csv(result: Replay) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(REPLAY_CSV)
    for ep in result.episodes:
        row = ep.to_dict()
        row["changes"] = _changes_text(row["changes"])
        writer.writerow(["" if row[k] is None else row[k] for k in REPLAY_CSV])


def _replay_table(
    result: Replay,
    match: HeavyDayMatch,
    engine_heavy: int | None,
    baseline: Sequence[Contingency],
    scores: Verification | None,
) -> None:
    out = _out()
    zh, en = KIND_TEXT[result.kind]
    sch = get_scheme(result.scheme)
    table = Table(
        title=f"回放 / replay — {result.city} {result.first}–{result.last}，{zh} / {en}，"
        f"{sch.name_zh} / {sch.name_en}"
    )
    for heading in (
        "级别 level",
        "首日 first day",
        "末日 last day",
        "天数 days",
        "发布 issued",
        "提前 lead (d)",
        "级别变化 changes",
        "解除 lifted",
    ):
        table.add_column(heading)
    for ep in result.episodes:
        table.add_row(
            f"{ep.level.zh} {ep.level.en}",
            ep.start.isoformat(),
            ep.end.isoformat(),
            str(len(ep.days)),
            ep.issued.isoformat(),
            str(ep.lead_days),
            "; ".join(f"{c.on} {c.level.zh[:2]}" for c in ep.changes),
            ep.lifted.isoformat() if ep.lifted else "—",
        )
    out.print(table)
    counts = "，".join(f"{lv.zh} {n}" for lv, n in result.count_by_level().items())
    out.print(escape(f"预警过程 / warnings by level: {counts}"))
    if result.no_forecast:
        out.print(
            escape(
                f"无预报的日子 / days without a forecast: {len(result.no_forecast)} "
                f"({', '.join(d.isoformat() for d in result.no_forecast)})"
            )
        )
    heavy = len(match.heavy_days)
    engine_text = "—" if engine_heavy is None else str(engine_heavy)
    out.print(
        escape(
            f"重污染天数 / heavy-pollution days (AQI>200): 引擎 engine {engine_text}，"
            f"观测 observed {heavy}，预警覆盖 inside a warning {len(match.covered)}，"
            f"未覆盖 not covered {len(match.uncovered)}"
        )
    )
    for n in match.uncovered:
        out.print(escape(f"  未覆盖 not covered {n.day}: {_note(n.reason)}"))
    for n in match.warned_not_heavy:
        out.print(escape(f"  预警日非重污染 warned, not heavy {n.day}: {_note(n.reason)}"))
    verdict = "一致 ✓ matches" if match.matches else "不一致 ✗ does not match"
    out.print(
        escape(
            f"核对 / check (every warning starts and ends on a heavy day, every run of ≥ 2 heavy "
            f"days lies inside a warning): {verdict}"
        )
    )
    if baseline:
        out.print(
            _events_table("对照完美回放（逐日）/ against the perfect replay, day by day", baseline)
        )
    if scores is not None:
        _print_scores(out, scores, baseline=False)


# --------------------------------------------------------------------------- score


@verify_app.command("score")
def score_cmd(
    file: Annotated[Path, typer.Argument(help="预报文件 / forecast file (.csv or .json)")],
    city: Annotated[str, typer.Option("--city", help="城市 / city")],
    scheme: SchemeOpt = DEFAULT_SCHEME,
    orange_needs_300: Orange300Opt = True,
    store: StoreOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """预报检验 / verify the forecasts of CITY in FILE against the observed daily AQI."""
    options = _options(scheme, orange_needs_300)
    if not file.exists():
        raise _refuse(f"{file}: 文件不存在 (file not found)")
    try:
        forecasts = [f for f in read_forecasts(file) if f.city == city]
    except ValueError as exc:  # ForecastError: file:line: reason
        raise _refuse(str(exc)) from exc
    if not forecasts:
        raise _refuse(f"{file}: 文件中没有 {city} 的预报 (no forecast for {city} in the file)")
    issue_days = [f.issued.astimezone(SHANGHAI).date() for f in forecasts]
    days = [d.day for f in forecasts for d in f.days] + issue_days
    # a margin either side: the observed episodes around the forecast days are graded whole
    margin = timedelta(days=CONTEXT_DAYS)
    first, last = min(days) - margin, max(days) + margin
    engine = _engine(store)
    observed = observed_daily(engine, city, first, last)
    if not observed:
        raise _no_data(city, first, last)
    result = verify(forecasts, observed, scheme, options)
    if fmt is Fmt.json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n")
    elif fmt is Fmt.csv:
        _score_csv(result)
    else:
        _print_scores(_out(), result, baseline=True)


SCORE_CSV = (
    "source",
    "lead",
    "measure",
    "hits",
    "misses",
    "false_alarms",
    "correct_negatives",
    "n",
    "rate",
    "pod",
    "far",
    "ts",
    "undefined",
)
RATES = (
    ("exact_level", "exact"),
    ("within_range", "within_range"),
    ("within_one_level", "within_one"),
    ("primary_pollutant", "primary"),
)


def score_rows(result: Verification) -> list[dict[str, Any]]:
    """The CSV rows: one per source × lead × measure."""
    rows: list[dict[str, Any]] = []
    for source, table in (("forecast", result.forecast), ("persistence", result.persistence)):
        for r in table:
            lead = "all" if r.lead is None else r.lead
            for name, attr in RATES:
                rate: Rate = getattr(r, attr)
                ratio = rate.ratio
                rows.append(
                    {
                        "source": source,
                        "lead": lead,
                        "measure": name,
                        "hits": rate.hits,
                        "n": rate.n,
                        "rate": ratio.value,
                        "undefined": ratio.reason.en if ratio.reason else None,
                    }
                )
            for c in r.events:
                reasons = [x.reason.en for x in (c.pod, c.far, c.ts) if x.reason]
                rows.append(
                    {
                        "source": source,
                        "lead": lead,
                        "measure": c.event,
                        "hits": c.hits,
                        "misses": c.misses,
                        "false_alarms": c.false_alarms,
                        "correct_negatives": c.correct_negatives,
                        "n": c.n,
                        "pod": c.pod.value,
                        "far": c.far.value,
                        "ts": c.ts.value,
                        "undefined": "; ".join(reasons) or None,
                    }
                )
    return rows


def _score_csv(result: Verification) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(SCORE_CSV)
    for row in score_rows(result):
        writer.writerow(["" if row.get(k) is None else _csv_value(row[k]) for k in SCORE_CSV])


def _csv_value(value: Any) -> Any:
    return round(value, 4) if isinstance(value, float) else value


def _note(note: Note) -> str:
    return note.zh if note.zh == note.en else str(note)


def _lead_text(lead: int | None) -> str:
    return "全部 all" if lead is None else str(lead)


def _rate_text(rate: Rate) -> str:
    return f"{rate.hits}/{rate.n} {rate.ratio.text()}"


def _levels_table(title: str, rows: Sequence[LeadScores]) -> Table:
    table = Table(title=title)
    for heading in (
        "时效 lead (d)",
        "样本 n",
        "级别准确 exact level",
        "范围内 within range",
        "±1级 within one level",
        "首要污染物 primary",
    ):
        table.add_column(heading)
    for r in rows:
        table.add_row(
            _lead_text(r.lead),
            str(r.n),
            _rate_text(r.exact),
            _rate_text(r.within_range),
            _rate_text(r.within_one),
            _rate_text(r.primary),
        )
    return table


def _events_table(
    title: str, events: Sequence[Contingency], leads: Sequence[int | None] | None = None
) -> Table:
    table = Table(title=title)
    if leads is not None:
        table.add_column("时效 lead (d)")
    for heading in (
        "事件 event",
        "命中 hits",
        "漏报 misses",
        "空报 false alarms",
        "正确否定 correct negatives",
        "POD",
        "FAR",
        "TS",
    ):
        table.add_column(heading)
    for i, c in enumerate(events):
        zh, en = event_label(c.event)
        cells = [
            escape(f"{zh} {en}" if zh != en else zh),
            str(c.hits),
            str(c.misses),
            str(c.false_alarms),
            str(c.correct_negatives),
            c.pod.text(),
            c.far.text(),
            c.ts.text(),
        ]
        if leads is not None:
            cells.insert(0, _lead_text(leads[i]))
        table.add_row(*cells)
    return table


def _print_scores(out: Console, result: Verification, baseline: bool) -> None:
    sources = [("预报 forecast", result.forecast)]
    if baseline:
        sources.append(("持续性 persistence", result.persistence))
    out.print(
        escape(
            f"预报检验 / verification — {result.city}，{result.forecasts} 份预报 forecasts，"
            f"{len(result.pairs)} 个预报日 forecast days，方案 scheme {result.scheme}"
        )
    )
    for name, rows in sources:
        out.print(_levels_table(f"{name}：级别与首要污染物 / levels and primary pollutant", rows))
        events = [c for r in rows for c in r.events]
        leads = [r.lead for r in rows for _ in r.events]
        out.print(_events_table(f"{name}：事件 / events", events, leads))
    out.print(
        "— = 无定义 undefined: POD 无观测事件 (no observed event); FAR 无预报事件 (no forecast "
        "event); TS 预报与观测均无事件 (no event at all); 比率 rate 无样本 (no pair)",
        markup=False,
    )
    for note, count in result.excluded:
        out.print(escape(f"未计入 / left out: {count} — {_note(note)}"))
