"""``lantian warn notice …``: the warning notice (预警通知, Word) from a forecast and a list file.

``lantian warn notice --forecast F.csv --list LIST.csv --city-emissions CITY.csv --out notice.docx``
decides the warning level of the forecast (as ``lantian warn evaluate``), records the issue in a
warning record (研判 → 发布, :mod:`lantian.emergency.lifecycle`), and writes the notice with the
list's measures at that level (:mod:`lantian.emergency.notice_doc`). Bad input exits 2 with
``file:line: reason`` on standard error; a forecast that meets no level exits 1 and writes
nothing. ``lantian.cli`` registers :data:`notice_app` under ``lantian warn`` as ``notice``.
Format: ``docs/emergency_notice.md``.
"""

from __future__ import annotations

import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from lantian.emergency.decision import Decision, decide
from lantian.emergency.forecast import Forecast, parse_time, read_forecasts
from lantian.emergency.levels import POLLUTANTS
from lantian.emergency.lifecycle import TransitionError, WarningRecord, assess, issue
from lantian.emergency.listfile import ListFileError, read_city_emissions, read_list
from lantian.emergency.measures import StopShareRule
from lantian.emergency.notice_doc import WarningNotice, notice_from, write_notice
from lantian.emergency.reduction import DailyBasis
from lantian.emergency.schemes import DEFAULT_SCHEME, SCHEMES, GradingOptions, read_local_rule

EXIT_NO_WARNING = 1
EXIT_BAD_INPUT = 2

notice_app = typer.Typer(
    help="预警通知 / warning notice: a Word document from a forecast and the reduction list.",
    add_completion=False,
)


class LangChoice(StrEnum):
    zh = "zh"
    en = "en"


def _err() -> Console:
    return Console(stderr=True, width=None if sys.stderr.isatty() else 200)


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    _err().print(message, markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(code)


def _time(text: str | None, option: str) -> datetime | None:
    if text is None:
        return None
    try:
        return parse_time(text)
    except ValueError as e:
        raise _fail(f"{option}: {e}") from e


def choose_forecast(
    forecasts: tuple[Forecast, ...], city: str | None, issued: datetime | None
) -> Forecast:
    """The forecast the notice relies on: the city's (the only city when the file has one),
    issued at ``issued`` or else the latest. Raises ValueError naming what to give."""
    cities = list(dict.fromkeys(f.city for f in forecasts))
    if city is None:
        if len(cities) > 1:
            raise ValueError(
                f"文件含多个城市，请用 --city 指定 / the file has several cities, give --city: "
                f"{', '.join(cities)}"
            )
        city = cities[0]
    mine = [f for f in forecasts if f.city == city]
    if not mine:
        raise ValueError(
            f"文件中没有城市 {city} 的预报 / no forecast for {city}; cities: {', '.join(cities)}"
        )
    if issued is None:
        return max(mine, key=lambda f: f.issued)
    for f in mine:
        if f.issued == issued:
            return f
    known = ", ".join(f.issued.isoformat(timespec="minutes") for f in mine)
    raise ValueError(
        f"没有 {issued.isoformat(timespec='minutes')} 发布的预报 / no forecast issued then; "
        f"issue times: {known}"
    )


def issued_record(
    decision: Decision,
    *,
    issued_at: datetime,
    by: str,
    approver: str,
    measures_start: datetime | None,
    expected_end: datetime | None,
) -> WarningRecord:
    """The warning record of a notice made from the command line: 研判 then 发布 at
    ``issued_at``; the measures start at ``measures_start``, by default at the start of the
    episode (or at the issue time when the episode has already begun)."""
    level = decision.level
    assert level is not None
    start = measures_start
    if start is None:
        start = decision.start if decision.start is not None else issued_at
        start = max(start, issued_at)
    record = WarningRecord.open(
        decision.forecast.city,
        assess(issued_at, by, level, forecast=decision.forecast, reason=decision.rule.zh),
    )
    return record.apply(
        issue(
            issued_at,
            by,
            level,
            start,
            approver=approver,
            expected_end=expected_end,
            forecast=decision.forecast,
        )
    )


@notice_app.callback(invoke_without_command=True)
def notice_cmd(
    forecast: Annotated[
        Path, typer.Option("--forecast", help="预报文件 / forecast file (.csv or .json)")
    ],
    list_file: Annotated[Path, typer.Option("--list", help="清单文件 / list file (.csv, .xlsx)")],
    city_emissions: Annotated[
        Path,
        typer.Option("--city-emissions", help="全市排放清单 / city inventory (pollutant,t_a)"),
    ],
    out: Annotated[Path, typer.Option("--out", help="输出 / the .docx to write")],
    issued_at: Annotated[
        str | None,
        typer.Option("--issued-at", help="发布时间 / issue time [the forecast's issue time]"),
    ] = None,
    lang: Annotated[LangChoice, typer.Option(help="语言 / language")] = LangChoice.zh,
    city: Annotated[str | None, typer.Option(help="城市 / city [the only one in the file]")] = None,
    forecast_issued: Annotated[
        str | None,
        typer.Option("--forecast-issued", help="用哪次预报 / which forecast [the latest]"),
    ] = None,
    measures_start: Annotated[
        str | None,
        typer.Option(
            "--measures-start", help="响应开始时间 / start of the measures [episode start]"
        ),
    ] = None,
    expected_end: Annotated[
        str | None,
        typer.Option("--expected-end", help="预计结束时间 / expected end [另行通知]"),
    ] = None,
    issuer: Annotated[
        str | None,
        typer.Option(help="发布机构 / issuer [<city>重污染天气应急指挥部办公室]"),
    ] = None,
    doc_number: Annotated[str, typer.Option("--doc-number", help="文号 / document number")] = "",
    contact: Annotated[str, typer.Option(help="联系人及电话 / contact")] = "",
    approver: Annotated[
        str | None, typer.Option(help="审签人 / approver recorded [the issuer]")
    ] = None,
    scheme: Annotated[
        str, typer.Option(help=f"分级方案 / grading scheme: {', '.join(SCHEMES)}")
    ] = DEFAULT_SCHEME,
    local: Annotated[
        Path | None, typer.Option("--local", help="本地从严规则 / local stricter rule (TOML)")
    ] = None,
    orange_needs_300: Annotated[
        bool,
        typer.Option(
            "--orange-needs-300/--no-orange-needs-300",
            help="橙色须 AQI>300 达24小时 / orange also needs AQI>300 for 24 h (UNCONFIRMED)",
        ),
    ] = True,
    days: Annotated[float, typer.Option(help="年→日: 天数 / annual→daily: days")] = 365.0,
    share: Annotated[float, typer.Option(help="年→日: 份额 / share of the annual emission")] = 1.0,
    stop_share: Annotated[
        StopShareRule,
        typer.Option(help="停产x%（以生产线计）的读法 / reading of 'stop x % per line'"),
    ] = StopShareRule.LINE_STOPS,
) -> None:
    """预警通知 / write the warning notice (.docx) for the level the forecast meets."""
    for path in (forecast, list_file, city_emissions, local):
        if path is not None and not path.exists():
            raise _fail(f"{path}: 文件不存在 / file not found")
    if not out.parent.exists():
        raise _fail(f"{out.parent}: 目录不存在 / directory not found")
    wanted = _time(forecast_issued, "--forecast-issued")
    at_given = _time(issued_at, "--issued-at")
    start = _time(measures_start, "--measures-start")
    end = _time(expected_end, "--expected-end")
    try:
        basis = DailyBasis(days=days, share=share)
        rule = read_local_rule(local) if local is not None else None
        chosen = choose_forecast(read_forecasts(forecast), city, wanted)
        decision = decide(
            chosen, scheme, GradingOptions(orange_needs_300=orange_needs_300), local=rule
        )
        lst = read_list(list_file, basis=basis, rule=stop_share)
        values, unit = read_city_emissions(city_emissions)
    except (ValueError, ListFileError) as e:  # ForecastError, LocalRuleError, …
        raise _fail(str(e)) from e
    if decision.level is None:
        raise _fail(
            f"{chosen.id}: {decision.rule.zh}，未生成通知 / {decision.rule.en}: no notice written",
            EXIT_NO_WARNING,
        )
    city_daily = basis.daily_all(values) if unit == "t/a" else values
    at = at_given or chosen.issued
    body = (issuer or f"{chosen.city}重污染天气应急指挥部办公室").strip()
    try:
        record = issued_record(
            decision,
            issued_at=at,
            by=body,
            approver=approver or body,
            measures_start=start,
            expected_end=end,
        )
        notice = notice_from(
            decision,
            record,
            lst,
            city_daily={p: city_daily[p] for p in POLLUTANTS},
            issuer=body,
            document_number=doc_number,
            contact=contact,
        )
    except (TransitionError, ValueError) as e:
        raise _fail(str(e)) from e
    write_notice(notice, out, lang=lang.value)
    _summary(notice, record, decision, out)


def _summary(notice: WarningNotice, record: WarningRecord, decision: Decision, out: Path) -> None:
    console = Console(width=None if sys.stdout.isatty() else 200)
    console.print(
        f"已生成 / written: {out} — {notice.level.zh} {notice.response}应急响应 "
        f"({notice.level.en}); 企业 enterprises {len(notice.enterprises)}, "
        f"生产线 lines {len(notice.rows)}, 运输管控 transport-restricted "
        f"{len(notice.transport_enterprises)}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    short = [t.pollutant for t in notice.totals if not t.passes]
    if short:
        console.print(
            f"减排比例未达标 / below the required reduction: {', '.join(short)}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    lead = record.lead_time(decision.lead_time_hours)
    if lead is not None:
        verdict = "达到 met" if lead.met else "不足 below the requirement"
        console.print(
            f"提前量 / lead time {lead.hours:g} h (要求 required ≥ "
            f"{lead.required.total_seconds() / 3600:g} h): {verdict}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
