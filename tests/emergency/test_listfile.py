"""The list file (docs/emergency_list.md): round trips and every refusal as file:line: reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from lantian.emergency.grades import Category, Grade
from lantian.emergency.levels import Level
from lantian.emergency.lines import Capacity, Line
from lantian.emergency.listfile import (
    COLUMNS,
    ListFileError,
    read_city_emissions,
    read_list,
    read_list_file,
    write_list,
)
from lantian.emergency.measures import parse_measure
from lantian.emergency.reduction import DailyBasis

HEAD = (
    "enterprise_id,enterprise,industry,grade,category,line_id,line,"
    "nox_t_a,so2_t_a,yellow,orange,red"
)


def csv_file(tmp_path: Path, *rows: str, head: str = HEAD) -> Path:
    path = tmp_path / "list.csv"
    path.write_text("\n".join([head, *rows]) + "\n", encoding="utf-8")
    return path


def refusal(path: Path) -> ListFileError:
    with pytest.raises(ListFileError) as info:
        read_list(path)
    return info.value


LINES = [
    Line(
        "E1-L1",
        "E1",
        "cement_clinker",
        {"nox": 4.3, "so2": 0.2},
        name="熟料线1#",
        enterprise="合成企业A",
        grade=Grade.B,
        capacity=Capacity(5000, 4800, 4300, "t/d"),
        own={Level.ORANGE: parse_measure("限产30%+国四及以下重型货车停运")},
    ),
    Line(
        "E2-L1",
        "E2",
        "coking",
        {"nox": 2.0, "vocs": 0.5},
        grade=Grade.C,
        normal_coking_h=24,
        own={lv: parse_measure("出焦时间延长至36小时") for lv in (Level.YELLOW, Level.RED)},
        note="焦炉炭化室高度 5.5 m",
    ),
    Line("H1-L1", "H1", "heating_boiler", {"so2": 1.5}, category=Category.GUARANTEED),
    Line("O1-L1", "O1", "other", {"pm": 0.1}, category=Category.SMALL_MICRO, synthetic=True),
]


def same(a: Line, b: Line) -> None:
    assert (a.line_id, a.enterprise_id, a.industry, a.grade, a.category, a.capacity) == (
        b.line_id,
        b.enterprise_id,
        b.industry,
        b.grade,
        b.category,
        b.capacity,
    )
    assert (a.own, a.normal_coking_h, a.note, a.synthetic, a.name) == (
        b.own,
        b.normal_coking_h,
        b.note,
        b.synthetic,
        b.name,
    )
    assert a.emissions.keys() == b.emissions.keys()
    for p, v in a.emissions.items():
        assert b.emissions[p] == pytest.approx(v)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_written_list_reads_back_the_same(tmp_path: Path, suffix: str) -> None:
    path = write_list(LINES, tmp_path / f"list{suffix}")
    got = read_list(path)
    assert len(got.lines) == len(LINES)
    for a, b in zip(LINES, got.lines, strict=True):
        same(a, b)
    assert got.lines[0].row == 2 and got.lines[3].row == 5


def test_the_written_heading_is_chinese_and_annual(tmp_path: Path) -> None:
    path = write_list(LINES[:1], tmp_path / "l.csv")
    head, row = path.read_text(encoding="utf-8-sig").splitlines()
    assert head.startswith("企业编号,企业名称,类别,行业,绩效等级,生产线编号")
    assert "NOx(吨/年)" in head and "橙色预警措施" in head
    # 4.3 t/d × 365 = 1 569.5 t/a; blank cells are the industry default
    assert ",1569.5," in row and ",,限产30%+国四及以下重型货车停运," in row


def test_annual_emissions_become_daily_with_the_chosen_basis(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "E1,,水泥熟料,B,,E1-L1,,1569.5,73,,,")
    assert read_list(path).lines[0].emissions == pytest.approx({"nox": 4.3, "so2": 0.2})
    season = DailyBasis(days=151, share=0.4, name="heating season")
    # 1 569.5 × 0.4 / 151
    assert read_list(path, season).lines[0].emission("nox") == pytest.approx(4.15762, rel=1e-5)


def test_daily_emission_columns_are_taken_as_they_are(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path, "E1,水泥熟料,B,E1-L1,4.3", head="企业编号,行业,绩效等级,生产线编号,NOx(吨/日)"
    )
    lf = read_list_file(path)
    assert lf.unit == "t/d" and lf.lines[0].emissions == {"nox": 4.3}


def test_unknown_industry_is_refused_with_file_and_line(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "E1,,水泥熟料,B,,E1-L1,,10,1,,,", "E2,,造纸,B,,E2-L1,,10,1,,,")
    e = refusal(path)
    assert e.line == 3
    assert str(e).startswith(f"{path}:3: 未知行业 / unknown industry '造纸'")


def test_every_bad_row_is_reported_at_once(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "E1,,水泥熟料,B,,E1-L1,,ten,1,,,",
        "E2,,铸造,E,,E2-L1,,1,1,,,",
        "E3,,铸造,C,,E3-L1,,1,1,限产,,",
        ",,铸造,C,,E4-L1,,1,1,,,",
        "E5,,铸造,C,大型,E5-L1,,1,1,,,",
    )
    e = refusal(path)
    assert [line for line, _ in e.problems] == [2, 3, 4, 5, 6]
    text = str(e)
    assert f"{path}:2: NOx(吨/年) 不是数字 / not a number: 'ten'" in text
    assert f"{path}:3: 未知绩效等级 / unknown grade 'E'" in text
    assert f"{path}:4: 黄色预警措施: 无法识别的措施 / unknown measure '限产'" in text
    assert f"{path}:5: 企业编号 (enterprise_id) 为空 / is empty" in text
    assert f"{path}:6: 未知类别 / unknown category '大型'" in text


def test_a_weaker_own_measure_is_refused_naming_line_level_and_pollutant(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "E1,,水泥熟料,B,,E1-L1,,1569.5,,,限产10%+国四及以下重型货车停运,",
    )
    e = refusal(path)
    assert e.line == 2
    assert "E1-L1" in e.reason and "橙色预警" in e.reason and "nox" in e.reason
    assert "弱于行业默认「限产20%+国四及以下重型货车停运」" in e.reason


def test_stop_or_limit_on_guaranteed_or_heating_lines_is_refused(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "H1,,居民供暖锅炉,,保障类,H1-L1,,10,5,,,限产50%",
        "G1,,水泥熟料,,保障类,G1-L1,,10,5,停产,,",
    )
    e = refusal(path)
    assert [line for line, _ in e.problems] == [2, 3]
    assert "H1-L1 属保障类，不应采取停限产措施，红色预警措施「限产50%」被拒绝" in str(e)


def test_heading_problems_are_line_one(tmp_path: Path) -> None:
    e = refusal(csv_file(tmp_path, "E1,x", head="enterprise_id,colour"))
    reasons = [r for _, r in e.problems]
    assert all(line == 1 for line, _ in e.problems)
    assert reasons[0] == "未知列 / unknown column 'colour'"
    assert reasons[1].startswith("缺少必需列 / missing columns: industry (行业), line_id")
    assert reasons[2].startswith("没有排放量列")
    mixed = refusal(
        csv_file(
            tmp_path,
            "E1,水泥熟料,B,E1-L1,1,1",
            head="企业编号,行业,绩效等级,生产线编号,so2_t_a,nox_t_d",
        )
    )
    assert "both annual and daily" in str(mixed)


def test_empty_files_and_missing_files_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "e.csv"
    empty.write_text("", encoding="utf-8")
    assert "empty file" in str(refusal(empty))
    assert "the list has no line" in str(refusal(csv_file(tmp_path)))
    assert "cannot read" in str(refusal(tmp_path / "missing.csv"))


def test_an_excel_refusal_names_the_sheet_row(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([COLUMNS[c] for c in ("enterprise_id", "industry", "grade", "line_id", "nox_t_a")])
    ws.append(["E1", "水泥熟料", "B", "E1-L1", 100])
    ws.append(["E2", "水泥熟料", "B", "E2-L1", -3])
    path = tmp_path / "l.xlsx"
    wb.save(path)
    e = refusal(path)
    assert e.line == 3 and "cannot be negative" in e.reason


def test_city_emissions_file(tmp_path: Path) -> None:
    good = tmp_path / "city.csv"
    good.write_text(
        "污染物,吨/年\n二氧化硫,800\nnox,15000\n颗粒物,5000\nVOCs,1000\n", encoding="utf-8"
    )
    assert read_city_emissions(good) == (
        {"so2": 800.0, "nox": 15000.0, "pm": 5000.0, "vocs": 1000.0},
        "t/a",
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("pollutant,t_a\nso2,800\nnox,-1\nco,3\n", encoding="utf-8")
    with pytest.raises(ListFileError) as info:
        read_city_emissions(bad)
    assert [line for line, _ in info.value.problems] == [3, 4]
    short = tmp_path / "short.csv"
    short.write_text("pollutant,t_d\nso2,8\n", encoding="utf-8")
    with pytest.raises(ListFileError, match="missing: nox, pm, vocs"):
        read_city_emissions(short)


def test_a_duplicate_line_id_is_reported_at_its_second_row(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "E1,,铸造,C,,L1,,1,1,,,",
        "E2,,铸造,C,,L2,,1,1,,,",
        "E3,,铸造,C,,L1,,1,1,,,",
    )
    e = refusal(path)
    assert e.problems == [(4, "生产线编号重复 / duplicate line id 'L1'")]


def test_a_file_that_is_not_a_workbook_or_not_utf8_is_refused_with_its_line(
    tmp_path: Path,
) -> None:
    """A text file named .xlsx (once a BadZipFile traceback) and a GBK-saved CSV: refused,
    naming the file and, for the CSV, the line of the first byte that is not UTF-8."""
    fake = tmp_path / "list.xlsx"
    fake.write_text("企业编号,行业\n", encoding="utf-8")
    assert str(refusal(fake)) == (
        f"{fake}: 无法读取 / cannot read: 不是可读取的 Excel 工作簿 (.xlsx) / not a readable "
        ".xlsx workbook: File is not a zip file"
    )
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(f"{HEAD}\nE1,企业,水泥熟料,B,,E1-L1,窑,1,1,,,\n".encode("gbk"))
    assert str(refusal(gbk)) == f"{gbk}:2: 无法读取 / cannot read: 不是 UTF-8 编码 (not UTF-8 text)"


def test_a_row_with_more_values_than_columns_is_refused(tmp_path: Path) -> None:
    """An unquoted thousands separator shifts every later cell: the row is refused, not read
    with its values in the wrong columns; a quoted one is read."""
    path = csv_file(
        tmp_path,
        "E1,企业,水泥熟料,B,,E1-L1,窑,1,200,1,限产20%,停产,停产",
        'E1,企业,水泥熟料,B,,E1-L2,窑,"1,200",1,限产20%,停产,停产',
    )
    assert str(refusal(path)) == (
        f"{path}:2: 有 13 个字段，表头只有 12 列（含逗号的值须加引号）/ 13 fields but 12 "
        "columns in the heading (quote a value that contains a comma)"
    )
    city = tmp_path / "city.csv"
    city.write_text("pollutant,t_a\nso2,28,760\nnox,1\npm,1\nvocs,1\n", encoding="utf-8")
    with pytest.raises(ListFileError) as info:
        read_city_emissions(city)
    assert str(info.value).startswith(f"{city}:2: 有 3 个字段，表头只有 2 列")
    city.write_text('pollutant,t_a\nso2,"28,760"\nnox,1\npm,1\nvocs,1\n', encoding="utf-8")
    assert read_city_emissions(city) == ({"so2": 28760, "nox": 1, "pm": 1, "vocs": 1}, "t/a")
