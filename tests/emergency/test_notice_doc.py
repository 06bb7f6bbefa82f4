"""The warning notice (Word): assembled from the core values of a synthetic slice, written as a
.docx and read back with python-docx.

The slice: enterprises E0001 (cement C + lime B), E0002 (printing C), E0003 (brick C), E0012
(保障类 residential heating: no measure), E0018 (brick A: 自主减排) and source N01 (trucks) of
data/sample/emergency/synthetic_city_list.csv, against a slice city of SO2 800, NOx 15 000,
PM 5 000, VOCs 1 000 t/a (÷ 365). The forecast: 示例市 issued 2019-01-09 16:00 (170, 210-240,
250, 310, 280, 180, 150) → orange; issued 2019-01-08 16:00 (…, 180-220, 230, 260, 190) → yellow.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from lantian.emergency.decision import Decision, decide
from lantian.emergency.forecast import SHANGHAI, read_forecasts
from lantian.emergency.levels import POLLUTANTS, Level
from lantian.emergency.lifecycle import WarningRecord, assess, issue, lift, upgrade
from lantian.emergency.lines import ReductionList
from lantian.emergency.listfile import read_list
from lantian.emergency.notice_doc import (
    WarningNotice,
    blocks,
    notice_from,
    write_notice,
)
from lantian.emergency.reduction import DailyBasis, check_list
from lantian.sample_data import SAMPLE_DIR

FORECASTS = read_forecasts(SAMPLE_DIR / "emergency" / "forecasts" / "forecasts_synthetic.csv")
SLICE_IDS = {"E0001", "E0002", "E0003", "E0012", "E0018", "N01"}
SLICE = ReductionList(
    tuple(
        ln
        for ln in read_list(SAMPLE_DIR / "emergency" / "synthetic_city_list.csv").lines
        if ln.enterprise_id in SLICE_IDS
    )
)
CITY = DailyBasis().daily_all({"so2": 800, "nox": 15000, "pm": 5000, "vocs": 1000})
D = 365.0
ISSUER = "示例市重污染天气应急指挥部办公室"
NUMBER = "示例重污办〔2019〕3号"
ISSUED = datetime(2019, 1, 9, 17, tzinfo=SHANGHAI)
#: The slice's industrial lines with a measure, in list order (E0012 has none).
LINES = [
    "E0001-L1",
    "E0001-L2",
    "E0001-L3",
    "E0002-L1",
    "E0002-L2",
    "E0003-L1",
    "E0003-L2",
    "E0018-L1",
]


def issued(decision: Decision, at: datetime = ISSUED) -> WarningRecord:
    level = decision.level
    assert level is not None and decision.start is not None
    record = WarningRecord.open("示例市", assess(at, "值班员", level, forecast=decision.forecast))
    return record.apply(issue(at, "值班员", level, decision.start, approver="副市长"))


def orange() -> tuple[Decision, WarningNotice]:
    decision = decide(FORECASTS[1])
    assert decision.level is Level.ORANGE
    n = notice_from(
        decision,
        issued(decision),
        SLICE,
        city_daily=CITY,
        issuer=ISSUER,
        document_number=NUMBER,
        contact="张三 0000-12345678",
    )
    return decision, n


def written(n: WarningNotice, lang: str = "zh") -> DocxDocument:
    buf = io.BytesIO()
    write_notice(n, buf, lang=lang)
    buf.seek(0)
    return Document(buf)


def text_of(doc: DocxDocument) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def line_ids(table_rows: list[list[str]], col: int) -> list[str]:
    """``熟料生产线1#（E0001-L1）`` → ``E0001-L1``."""
    return [r[col].rsplit("（", 1)[-1].rstrip("）") for r in table_rows]


def cells(doc: DocxDocument, i: int) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in doc.tables[i].rows]


# --------------------------------------------------------------------------- assembling


def test_the_notice_lists_the_lines_with_a_measure_at_the_level() -> None:
    _, n = orange()
    assert n.level is Level.ORANGE and n.response == "II级"
    assert [r.line_id for r in n.rows] == LINES
    assert n.enterprises == ("E0001", "E0002", "E0003", "E0018")
    assert [r.line_id for r in n.sources] == ["N01"]
    measures = {r.line_id: r.measure_zh for r in n.rows}
    assert measures["E0001-L1"] == "停产+国四及以下重型货车停运"  # cement C, national table
    assert measures["E0001-L2"] == "限产20%+国四及以下重型货车停运"  # its own (一厂一策)
    assert measures["E0002-L1"] == "停产50%（以生产线计）"
    assert measures["E0018-L1"] == "自主减排"  # grade A
    # E0001-L1 stops: its whole SO2 49.2 and NOx 1667.4 t/a; L2 limits 20 % of SO2 29.5 t/a
    by = {r.line_id: r.reductions for r in n.rows}
    assert by["E0001-L1"]["so2"] == pytest.approx(49.2 / D)
    assert by["E0001-L1"]["nox"] == pytest.approx(1667.4 / D)
    assert by["E0001-L2"]["so2"] == pytest.approx(5.9 / D)
    assert all(v == 0 for v in by["E0018-L1"].values())
    assert [r.line_id for r in n.transport] == ["E0001-L1", "E0001-L2", "E0001-L3"]
    assert n.transport_enterprises == ("E0001",)


def test_the_totals_are_the_list_checks_numbers_worked_by_hand() -> None:
    """Orange, in t/a (÷ 365): SO2 49.2 + 5.9 + 5.1 + 61 + 20 = 141.2 of 160; NOx
    1667.4 + 13.62 + 13.46 + 34.4 + 19.2 + 900 = 2648.08 of 3000; PM 199.4 + 4.78 + 2.14 + 0.3
    + 0.2 + 14.8 + 23.9 + 40 = 285.52 of 1000; VOCs 30.3 + 4.7 + 60 = 95 of 200
    (test_reduction.py works SO2, NOx and VOCs the same way)."""
    _, n = orange()
    check = check_list(SLICE, CITY, (Level.ORANGE,))
    hand = {"so2": (141.2, 160), "nox": (2648.08, 3000), "pm": (285.52, 1000), "vocs": (95, 200)}
    for p in POLLUTANTS:
        t = n.total(p)
        assert t.achieved == check.result(Level.ORANGE, p).achieved
        assert t.required == check.result(Level.ORANGE, p).required
        assert t.achieved == pytest.approx(hand[p][0] / D)
        assert t.required == pytest.approx(hand[p][1] / D)
        assert not t.passes
        # the annex's rows add up to the total
        assert sum(r.reductions[p] for r in (*n.rows, *n.sources)) == pytest.approx(t.achieved)


def test_health_advice_follows_the_peak_aqi_of_the_episode() -> None:
    _, n = orange()  # peak 310: 严重污染
    assert n.health_zh == "儿童、老年人和病人应当留在室内，避免体力消耗，一般人群应避免户外活动"
    yellow = decide(FORECASTS[0])  # peak 260: 重度污染
    ny = notice_from(yellow, issued(yellow), SLICE, city_daily=CITY, issuer=ISSUER)
    assert ny.health_zh.startswith("儿童、老年人和心脏病、肺病患者应停留在室内")


def test_the_notice_refuses_a_record_not_in_force_or_not_matching() -> None:
    decision = decide(FORECASTS[1])
    assessed = WarningRecord.open("示例市", assess(ISSUED, "值班员", Level.ORANGE))
    with pytest.raises(ValueError, match="not in force"):
        notice_from(decision, assessed, SLICE, city_daily=CITY, issuer=ISSUER)
    record = issued(decision)
    lifted = record.apply(lift(datetime(2019, 1, 16, tzinfo=SHANGHAI), "值班员", approver="副市长"))
    with pytest.raises(ValueError, match="not in force"):
        notice_from(decision, lifted, SLICE, city_daily=CITY, issuer=ISSUER)
    with pytest.raises(ValueError, match="not the record's orange"):
        notice_from(decision, record, SLICE, Level.RED, city_daily=CITY, issuer=ISSUER)
    other = WarningRecord.open("别的市", assess(ISSUED, "x", Level.ORANGE)).apply(
        issue(ISSUED, "x", Level.ORANGE, ISSUED, approver="y")
    )
    with pytest.raises(ValueError, match="the decision is for 示例市"):
        notice_from(decision, other, SLICE, city_daily=CITY, issuer=ISSUER)
    with pytest.raises(ValueError, match="issuer"):
        notice_from(decision, record, SLICE, city_daily=CITY, issuer=" ")


def test_an_hourly_forecast_names_its_windows_and_drops_zero_durations() -> None:
    f = read_forecasts(SAMPLE_DIR / "emergency" / "forecasts" / "forecasts_synthetic.json")[5]
    decision = decide(f)  # example F: one merged episode, D200 85 h → yellow
    assert decision.level is Level.YELLOW
    record = WarningRecord.open(f.city, assess(f.issued, "x", Level.YELLOW)).apply(
        issue(f.issued, "x", Level.YELLOW, f.issued, approver="y")
    )
    n = notice_from(decision, record, SLICE, city_daily=CITY, issuer=ISSUER)
    reason = blocks(n)[1][1]
    assert "AQI>200 共85小时。" in reason and "AQI>300" not in reason
    assert "以12月1日11时至12月4日0时为结束时刻的50个滑动24小时窗口" in reason


# --------------------------------------------------------------------------- the .docx


def test_the_docx_says_level_number_reason_and_start_in_official_chinese() -> None:
    _, n = orange()
    doc = written(n)
    text = text_of(doc)
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == ISSUER  # 红头
    assert paragraphs[1] == NUMBER
    assert "关于发布重污染天气橙色预警启动II级应急响应的通知" in paragraphs
    assert (
        "根据2019年1月9日16时空气质量预报，预计2019年1月11日至1月14日我市将出现一次重污染天气过程，"
        "AQI日均值210～310，首要污染物为PM2.5，AQI>200 共96小时，AQI>300 最长24小时。"
    ) in text
    assert "触发时段：1月11日、1月12日、1月13日、1月14日" in text
    assert (
        "决定于2019年1月9日17时发布重污染天气橙色预警，自2019年1月11日0时起启动II级应急响应，"
        "解除时间另行通知。"
    ) in text
    assert "列入应急减排清单的4家企业8条生产线（见附件1）" in text
    assert "橙色及以上预警期间，重点用车企业不允许国四及以下重型载货车辆" in text
    assert "附件3所列1家企业按清单落实运输管控措施" in text
    assert "挥发性有机物缺口0.288吨/日" in text  # (200 − 95) / 365
    assert "（联系人及电话：张三 0000-12345678）" in text
    assert paragraphs.count("2019年1月9日") == 1  # the date under the signature
    assert "附件1" in paragraphs and "应急减排企业名单及橙色预警减排措施" in paragraphs


def test_the_annex_tables_hold_the_rows_and_the_totals() -> None:
    _, n = orange()
    doc = written(n)
    assert len(doc.tables) == 4  # industrial lines, non-industrial sources, totals, transport
    lines = cells(doc, 0)
    assert lines[0][:6] == [
        "序号",
        "企业名称",
        "生产线（编号）",
        "行业",
        "绩效等级/类别",
        "减排措施",
    ]
    assert line_ids(lines[1:], 2) == LINES
    first = lines[1]
    # E0001-L1: SO2 49.2 / 365 = 0.1348, NOx 1667.4 / 365 = 4.5682, PM 199.4 / 365 = 0.5463
    assert first == [
        "1",
        "合成企业0001",
        "熟料生产线1#（E0001-L1）",
        "水泥熟料",
        "C",
        "停产+国四及以下重型货车停运",
        "0.135",
        "4.568",
        "0.546",
        "0.000",
    ]
    assert [r[0] for r in lines[1:]] == ["1", "1", "1", "2", "2", "3", "3", "4"]
    # the enterprise cells are merged down its lines
    trs = doc.tables[0]._tbl.tr_lst
    assert [trs[i].tc_lst[1].vMerge for i in (1, 2, 3, 8)] == [
        "restart",
        "continue",
        "continue",
        None,
    ]
    assert cells(doc, 1)[1][:3] == ["1", "重型柴油货车限行（N01）", "估算削减10%"]
    totals = cells(doc, 2)
    assert [r[0] for r in totals[1:]] == [
        "二氧化硫（SO2）",
        "氮氧化物（NOx）",
        "颗粒物（PM）",
        "挥发性有机物（VOCs）",
    ]
    # required 160, 3000, 1000, 200 t/a and achieved 141.2, 2648.08, 285.52, 95 t/a, ÷ 365
    assert [r[3] for r in totals[1:]] == ["0.438", "8.219", "2.740", "0.548"]
    assert [r[4] for r in totals[1:]] == ["0.387", "7.255", "0.782", "0.260"]
    assert [r[2] for r in totals[1:]] == ["20%"] * 4
    assert totals[1][6] == "缺口 0.052 吨/日"  # 18.8 / 365
    transport = cells(doc, 3)
    assert line_ids(transport[1:], 2) == ["E0001-L1", "E0001-L2", "E0001-L3"]
    assert {r[3] for r in transport[1:]} == {"国四及以下重型货车停运"}


def test_the_docx_is_a4_with_chinese_fonts() -> None:
    _, n = orange()
    doc = written(n)
    first = doc.sections[0]
    assert first.page_width is not None and first.page_height is not None
    assert (first.page_width.twips, first.page_height.twips) == (11906, 16838)  # A4
    assert first.orientation is WD_ORIENT.PORTRAIT
    assert all(s.orientation is WD_ORIENT.LANDSCAPE for s in doc.sections[1:])
    assert len(doc.sections) == 4  # the notice and its three annexes

    def east_asia(run_element: object) -> str | None:
        fonts = run_element.find(qn("w:rPr")).find(qn("w:rFonts"))  # type: ignore[attr-defined]
        return fonts.get(qn("w:eastAsia"))  # type: ignore[no-any-return]

    assert east_asia(doc.paragraphs[0].runs[0]._r) == "方正小标宋简体"  # 红头
    fonts = {p.text: east_asia(p.runs[0]._r) for p in doc.paragraphs[1:] if p.runs}
    assert fonts["关于发布重污染天气橙色预警启动II级应急响应的通知"] == "方正小标宋简体"
    assert fonts["一、工业企业减排措施"] == "黑体"
    assert fonts[NUMBER] == "仿宋"
    normal = doc.styles["Normal"].element.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "仿宋"
    cell_run = doc.tables[0].rows[1].cells[5].paragraphs[0].runs[0]._r
    assert east_asia(cell_run) == "宋体"
    # the heading row of the long table repeats on every page
    header = doc.tables[0].rows[0]._tr
    assert header.trPr.find(qn("w:tblHeader")) is not None


def test_the_english_variant() -> None:
    _, n = orange()
    doc = written(n, "en")
    text = text_of(doc)
    paragraphs = [p.text for p in doc.paragraphs]
    assert "Notice of a heavy-pollution orange warning and a Level II emergency response" in (
        paragraphs
    )
    assert f"No. {NUMBER}" in paragraphs
    assert (
        "it has been decided to issue a heavy-pollution orange warning at 17:00 on 9 January "
        "2019 and to start a Level II emergency response from 00:00 on 11 January 2019; the "
        "lifting will be announced separately."
    ) in text
    assert "with daily AQI 210–310 and PM2.5 as the primary pollutant" in text
    assert "The 4 enterprises (8 production lines) of the emergency reduction list" in text
    assert "9 January 2019" in paragraphs
    lines = cells(doc, 0)
    assert lines[0][5] == "Measure"
    assert lines[2][5] == "limit output by 20 % + no China IV-or-older heavy trucks"
    assert lines[8][5] == "own measures (自主减排)"
    assert cells(doc, 2)[4][6] == "short by 0.288 t/d"


def test_an_upgrade_with_an_expected_end_and_a_file_path(tmp_path: Path) -> None:
    yellow = decide(FORECASTS[0])
    record = issued(yellow, datetime(2019, 1, 8, 18, tzinfo=SHANGHAI))
    decision = decide(FORECASTS[1])
    assert decision.start is not None
    record = record.apply(
        upgrade(
            ISSUED,
            "值班员",
            Level.ORANGE,
            decision.start,
            approver="市长",
            expected_end=datetime(2019, 1, 15, tzinfo=SHANGHAI),
        )
    )
    n = notice_from(decision, record, SLICE, city_daily=CITY, issuer=ISSUER)
    path = tmp_path / "notice.docx"
    write_notice(n, path)
    doc = Document(str(path))
    text = text_of(doc)
    assert "关于重污染天气预警升级为橙色预警启动II级应急响应的通知" in text
    assert "决定于2019年1月9日17时将重污染天气预警升级为橙色预警" in text
    assert "预计持续至2019年1月15日0时，解除时间以解除通知为准。" in text
    assert doc.paragraphs[1].text == "（待编号）"  # no document number given


def test_a_yellow_notice_has_no_orange_truck_ban_and_lighter_dust_measures() -> None:
    decision = decide(FORECASTS[0])
    assert decision.level is Level.YELLOW
    n = notice_from(decision, issued(decision), SLICE, city_daily=CITY, issuer=ISSUER)
    # cement C at yellow: 停产50%+国四…; the lime lines 限产10 % carry no transport measure
    assert [r.line_id for r in n.transport] == ["E0001-L1"]
    assert n.rows[0].measure_zh == "停产50%（以生产线计）+国四及以下重型货车停运"
    text = text_of(written(n))
    assert "橙色及以上" not in text
    assert "附件3所列1家企业按清单落实运输管控措施" in text
    assert "增加洒水降尘频次" in text and "停止土石方作业" not in text
    # yellow SO2: 49.2 + 2.95 + 2.55 + 12.2 + 4.0 = 70.9 t/a of 80 (test_reduction.py)
    assert n.total("so2").achieved == pytest.approx(70.9 / D)


def test_an_unknown_language_is_refused() -> None:
    _, n = orange()
    with pytest.raises(ValueError, match="expected zh or en"):
        write_notice(n, io.BytesIO(), lang="fr")


@pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="no LibreOffice on this machine to render the .docx",
)
def test_the_notice_renders_to_png(tmp_path: Path) -> None:
    _, n = orange()
    path = tmp_path / "notice.docx"
    write_notice(n, path)
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office is not None
    subprocess.run(
        [office, "--headless", "--convert-to", "png", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    png = tmp_path / "notice.png"
    assert png.stat().st_size > 10_000
