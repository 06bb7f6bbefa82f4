"""``lantian warn notice`` (the sub-app the lead registers in lantian.cli): a forecast, a list file
and the city inventory in, the notice (.docx) out; no warning exits 1, bad input exits 2 with
the reason. The slice of the synthetic city is the one of test_notice_doc.py."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from typer.testing import CliRunner

from lantian.emergency.cli_notice import notice_app
from lantian.emergency.listfile import read_list, write_list
from lantian.sample_data import SAMPLE_DIR

runner = CliRunner()
FORECAST = str(SAMPLE_DIR / "emergency" / "forecasts" / "forecasts_synthetic.csv")
SLICE_IDS = {"E0001", "E0002", "E0003", "E0012", "E0018", "N01"}


def files(tmp_path: Path) -> tuple[str, str]:
    """The slice as a list file, and the slice city (t/a)."""
    full = read_list(SAMPLE_DIR / "emergency" / "synthetic_city_list.csv")
    lst = write_list(
        [ln for ln in full.lines if ln.enterprise_id in SLICE_IDS], tmp_path / "slice.csv"
    )
    city = tmp_path / "city.csv"
    city.write_text("pollutant,t_a\nso2,800\nnox,15000\npm,5000\nvocs,1000\n", encoding="utf-8")
    return str(lst), str(city)


def run(tmp_path: Path, *extra: str):  # type: ignore[no-untyped-def]
    lst, city = files(tmp_path)
    args = ["--forecast", FORECAST, "--list", lst, "--city-emissions", city]
    return runner.invoke(notice_app, [*args, *extra])


def test_orange_notice_from_the_2019_01_09_forecast(tmp_path: Path) -> None:
    out = tmp_path / "notice.docx"
    r = run(
        tmp_path,
        "--out",
        str(out),
        "--forecast-issued",
        "2019-01-09T16:00",
        "--issued-at",
        "2019-01-09T18:00",
        "--doc-number",
        "示例重污办〔2019〕3号",
    )
    assert r.exit_code == 0, r.output
    assert "橙色预警 II级应急响应 (orange warning)" in r.output
    assert "企业 enterprises 4, 生产线 lines 8, 运输管控 transport-restricted 1" in r.output
    assert "below the required reduction: so2, nox, pm, vocs" in r.output
    # issued 2019-01-09 18:00, measures from the episode's start 2019-01-11 00:00
    assert "提前量 / lead time 30 h (要求 required ≥ 24 h): 达到 met" in r.output
    doc = Document(str(out))
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == "示例市重污染天气应急指挥部办公室"
    assert paragraphs[1] == "示例重污办〔2019〕3号"
    assert "关于发布重污染天气橙色预警启动II级应急响应的通知" in paragraphs
    text = "\n".join(paragraphs)
    assert (
        "决定于2019年1月9日18时发布重污染天气橙色预警，自2019年1月11日0时起启动II级应急响应" in text
    )
    ids = [row.cells[2].text for row in doc.tables[0].rows[1:]]
    assert [x.rsplit("（", 1)[-1].rstrip("）") for x in ids] == [
        "E0001-L1",
        "E0001-L2",
        "E0001-L3",
        "E0002-L1",
        "E0002-L2",
        "E0003-L1",
        "E0003-L2",
        "E0018-L1",
    ]
    assert [row.cells[4].text for row in doc.tables[2].rows[1:]] == [
        "0.387",
        "7.255",
        "0.782",
        "0.260",
    ]


def test_english_with_options_for_issuer_start_and_end(tmp_path: Path) -> None:
    out = tmp_path / "notice_en.docx"
    r = run(
        tmp_path,
        "--out",
        str(out),
        "--lang",
        "en",
        "--forecast-issued",
        "2019-01-09T16:00+08:00",
        "--issuer",
        "Example City Emergency Office",
        "--measures-start",
        "2019-01-10T12:00",
        "--expected-end",
        "2019-01-15T00:00",
    )
    assert r.exit_code == 0, r.output
    assert "lead time 20 h (要求 required ≥ 24 h): 不足 below the requirement" in r.output
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Example City Emergency Office" in text
    assert "No. (number to be assigned)" in text
    assert "a Level II emergency response from 12:00 on 10 January 2019" in text
    assert "expected to last until 00:00 on 15 January 2019" in text


def test_a_forecast_without_a_warning_writes_nothing_and_exits_one(tmp_path: Path) -> None:
    out = tmp_path / "notice.docx"
    r = run(tmp_path, "--out", str(out))  # the latest forecast, 2019-01-20: one day at 210
    assert r.exit_code == 1
    assert "示例市 2019-01-20T16:00+08:00: 未达黄色条件" in r.output
    assert "no notice written" in r.output
    assert not out.exists()


def test_measures_cannot_start_before_the_issue(tmp_path: Path) -> None:
    out = tmp_path / "notice.docx"
    r = run(
        tmp_path,
        "--out",
        str(out),
        "--forecast-issued",
        "2019-01-09T16:00",
        "--measures-start",
        "2019-01-09T12:00",
    )
    assert r.exit_code == 2
    assert "响应开始时间 2019-01-09T12:00+08:00 早于发布时间" in r.output
    assert not out.exists()


def test_bad_input_exits_two_with_the_reason(tmp_path: Path) -> None:
    out = str(tmp_path / "n.docx")
    r = run(tmp_path, "--out", out, "--forecast-issued", "2019-01-11T16:00")
    assert r.exit_code == 2
    assert "no forecast issued then; issue times: 2019-01-08T16:00+08:00" in r.output
    r = run(tmp_path, "--out", out, "--city", "别的市")
    assert r.exit_code == 2 and "no forecast for 别的市; cities: 示例市" in r.output
    r = run(tmp_path, "--out", str(tmp_path / "missing" / "n.docx"))
    assert r.exit_code == 2 and "目录不存在 / directory not found" in r.output
    r = run(tmp_path, "--out", out, "--issued-at", "2019-01-09")
    assert r.exit_code == 2 and "--issued-at: 时间应为" in r.output
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "企业编号,行业,生产线编号,NOx(吨/年),橙色预警措施\nE1,水泥熟料,E1-L1,10,限产\n",
        encoding="utf-8",
    )
    city = files(tmp_path)[1]
    args = ["--forecast", FORECAST, "--list", str(bad), "--city-emissions", city, "--out", out]
    r = runner.invoke(notice_app, args)
    assert r.exit_code == 2
    assert f"{bad}:2: 橙色预警措施: 无法识别的措施 / unknown measure '限产'" in r.output
    args[1] = str(tmp_path / "nope.csv")
    r = runner.invoke(notice_app, args)
    assert r.exit_code == 2 and "nope.csv: 文件不存在 / file not found" in r.output
