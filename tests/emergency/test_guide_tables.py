"""The technical guide's tables loaded as versioned data (lantian.emergency.guide_tables).

Every refusal is asserted with its exact ``file:line: reason``; the fixtures are test data written
into a temporary folder (status UNCONFIRMED, source "test fixture"), never official values.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lantian.emergency import industries as ind_mod
from lantian.emergency.grades import Grade
from lantian.emergency.guide_tables import (
    INDUSTRIES_CSV,
    INDUSTRY_COLUMNS,
    MEASURE_COLUMNS,
    MEASURES_CSV,
    PACKAGED,
    GuideError,
    GuideTables,
    load_guide,
    monotonicity_problems,
    packaged_tables,
    stricter,
)
from lantian.emergency.levels import Level
from lantian.emergency.lines import Line, ReductionList
from lantian.emergency.measures import StopShareRule, fraction, parse_measure
from lantian.sample_data import SAMPLE_DIR

EXAMPLE = SAMPLE_DIR / "emergency" / "guide_example" / "manifest.toml"

KILN = 'test_kiln,测试窑炉,test kiln (fixture),no,no,"A,B,C,D",UNCONFIRMED,no,test,UNCONFIRMED,x'


def m(grade: str, level: str, measure: str, status: str = "UNCONFIRMED", code: str = "test_kiln"):  # type: ignore[no-untyped-def]
    return f"{code},{grade},{level},{measure},{status},test fixture"


def write_guide(
    folder: Path,
    industries: list[str] = (),  # type: ignore[assignment]
    measures: list[str] = (),  # type: ignore[assignment]
    *,
    guide: str = "",
    extra: str = "",
) -> Path:
    """A manifest (lines 1–4: [guide] name keyed_by keyed_on; then ``guide``; [tables]; ``extra``)
    and its two CSV files (heading on line 1, rows from line 2)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "industries.csv").write_text(
        "\n".join([",".join(INDUSTRY_COLUMNS), *industries]) + "\n", encoding="utf-8"
    )
    (folder / "measures.csv").write_text(
        "\n".join([",".join(MEASURE_COLUMNS), *measures]) + "\n", encoding="utf-8"
    )
    manifest = folder / "manifest.toml"
    manifest.write_text(
        "[guide]\n"
        'name = "测试版本 / test version"\n'
        'keyed_by = "test"\n'
        "keyed_on = 2026-12-01\n"
        f"{guide}"
        "[tables]\n"
        'industries = "industries.csv"\n'
        'measures = "measures.csv"\n'
        f"{extra}",
        encoding="utf-8",
    )
    return manifest


def refusals(manifest: Path) -> list[str]:
    with pytest.raises(GuideError) as info:
        load_guide(manifest)
    return [str(p) for p in info.value.problems]


@pytest.fixture(autouse=True)
def packaged_in_force():  # type: ignore[no-untyped-def]
    """Every test starts and ends with the packaged tables in force."""
    ind_mod.reset()
    yield
    ind_mod.reset()


# --- the packaged tables ----------------------------------------------------------------------


def test_the_packaged_tables_pass_their_own_rules_and_are_what_the_csv_files_hold() -> None:
    t = packaged_tables()
    assert t.versions == (PACKAGED,)
    with INDUSTRIES_CSV.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(t.industries) == len(rows) == 24
    assert sum(r["key_2020"] == "yes" for r in rows) == 20
    with MEASURES_CSV.open(encoding="utf-8") as f:
        mrows = list(csv.DictReader(f))
    assert len(t.measures) == len(mrows) == 12  # cement clinker A/B/C/D × yellow/orange/red
    assert [c for c in t.industries if t.has_table(c)] == ["cement_clinker"]
    assert monotonicity_problems(t.measures.values()) == []


@pytest.mark.parametrize("rule", list(StopShareRule))
def test_the_packaged_tables_are_monotone_by_hand(rule: StopShareRule) -> None:
    """Independently of the loader: r and the transport rank never fall from a higher grade to a
    lower one at one level, nor from a lower level to a higher one for one grade."""
    t = packaged_tables()
    for (code, g1, l1), d1 in t.measures.items():
        for (code2, g2, l2), d2 in t.measures.items():
            if code != code2:
                continue
            looser, tighter = d1.measure, d2.measure
            if (l1 is l2 and g1.rank > g2.rank) or (g1 is g2 and l1 < l2):
                assert fraction(looser, rule=rule) <= fraction(tighter, rule=rule)
                assert looser.transport.rank <= tighter.transport.rank


def test_stricter_compares_production_then_transport_under_both_readings() -> None:
    p = parse_measure
    assert stricter(p("停产"), p("限产20%")) is StopShareRule.LINE_STOPS
    assert stricter(p("限产20%"), p("停产")) is None
    assert stricter(p("无"), p("国四及以下重型货车停运")) is None
    assert (
        stricter(p("停止公路运输"), p("限产50%+国四及以下重型货车停运")) is StopShareRule.LINE_STOPS
    )
    # 停产50% is a stop under the default reading, 0.5 under the proportional one
    assert stricter(p("停产50%"), p("限产60%")) is StopShareRule.LINE_STOPS
    assert stricter(p("限产60%"), p("停产50%")) is StopShareRule.PROPORTIONAL
    # coking times: longer is stricter; not ordered against a percentage
    assert (
        stricter(p("出焦时间延长至48小时"), p("出焦时间延长至36小时")) is StopShareRule.LINE_STOPS
    )
    assert stricter(p("出焦时间延长至48小时"), p("停产")) is None
    assert stricter(p("停产"), p("出焦时间延长至48小时")) is StopShareRule.LINE_STOPS
    assert stricter(p("出焦时间延长至48小时"), p("限产20%")) is None
    assert stricter(p("限产20%"), p("出焦时间延长至48小时")) is None


# --- the example ------------------------------------------------------------------------------


def test_the_example_is_marked_illustrative_and_adds_one_industry() -> None:
    t = load_guide(EXAMPLE)
    assert t.version.illustrative
    assert "NOT an official guide" in t.version.name
    assert list(t.industries)[-1] == "example_kiln" and len(t.industries) == 25
    assert {d.status for d in t.table("example_kiln")} == {"example"}
    assert len(t.table("example_kiln")) == 12
    text = (EXAMPLE.parent / "README.md").read_text(encoding="utf-8")
    assert "NOT official values" in text and "非官方" in text
    assert "NOT OFFICIAL VALUES" in EXAMPLE.read_text(encoding="utf-8")


def test_loading_the_example_changes_the_check_of_a_line_of_its_industry() -> None:
    line = Line("X1-L1", "X1", "example_kiln", {"nox": 2.0}, grade=Grade.C)
    lst = ReductionList((line,))
    [problem] = lst.problems()  # packaged tables: the industry does not exist
    assert problem.reason.startswith("未知行业 / unknown industry 'example_kiln'")
    with ind_mod.tables_in_force(EXAMPLE):
        lst = ReductionList((line,))
        assert lst.problems() == []
        # the example's C row: orange 限产40% + truck ban → 2.0 t/d × 0.40 = 0.8 t/d
        assert lst.measure(line, Level.ORANGE) == parse_measure("限产40%+国四及以下重型货车停运")
        assert lst.reduction(line, Level.ORANGE)["nox"] == pytest.approx(0.8)
        assert lst.reduction(line, Level.RED)["nox"] == pytest.approx(2.0)  # 停产
        assert lst.reduction(line, Level.YELLOW)["nox"] == pytest.approx(0.4)  # 限产20%
    assert ind_mod.in_force() is packaged_tables()


# --- in force: set, reset, block ------------------------------------------------------------------


def test_use_guide_reset_and_a_block_choose_the_tables_in_force() -> None:
    assert "example_kiln" not in ind_mod.industries()
    loaded = ind_mod.use_guide(EXAMPLE)
    assert ind_mod.in_force() is loaded
    assert ind_mod.industry("示例窑炉（虚构，格式示例）").code == "example_kiln"
    with ind_mod.tables_in_force(None) as t:
        assert t is packaged_tables() and "example_kiln" not in ind_mod.industries()
    assert ind_mod.in_force() is loaded  # the previous choice comes back
    ind_mod.reset()
    assert ind_mod.in_force() is packaged_tables()


def test_a_refused_guide_leaves_the_tables_in_force_unchanged(tmp_path: Path) -> None:
    loaded = ind_mod.use_guide(EXAMPLE)
    bad = write_guide(tmp_path, [KILN], [m("B", "yellow", "限产")])
    with pytest.raises(GuideError):
        ind_mod.use_guide(bad)
    assert ind_mod.in_force() is loaded


def test_a_set_with_one_bad_row_is_refused_whole(tmp_path: Path) -> None:
    manifest = write_guide(
        tmp_path, [KILN], [m("B", "yellow", "限产10%"), m("C", "yellow", "限产")]
    )
    assert len(refusals(manifest)) == 1
    with pytest.raises(GuideError):
        ind_mod.use_guide(manifest)
    assert "test_kiln" not in ind_mod.industries()


# --- refusals, each with its file, line and reason ----------------------------------------------


def test_a_grade_the_industry_scale_does_not_have(tmp_path: Path) -> None:
    row = KILN.replace('"A,B,C,D"', '"A,B,C"')
    manifest = write_guide(tmp_path, [row], [m("A", "red", "自主减排"), m("D", "red", "停产")])
    assert refusals(manifest) == [
        f"{tmp_path}/measures.csv:3: grade: 测试窑炉的等级只有 A,B,C，没有 D / grade D is not on "
        "the test kiln (fixture) scale"
    ]


def test_an_unparsable_measure(tmp_path: Path) -> None:
    manifest = write_guide(tmp_path, [KILN], [m("B", "red", "停产"), m("C", "red", "限产")])
    assert refusals(manifest) == [
        f"{tmp_path}/measures.csv:3: measure: 无法识别的措施 / unknown measure '限产'; 可用 / "
        "known: 停产, 停产x%, 限产x%, 自主减排, 无, 出焦时间延长至h小时, 估算削减x%, "
        "国四及以下重型货车停运, 停止公路运输"
    ]


def test_a_higher_grade_stricter_than_a_lower_one_at_the_same_level(tmp_path: Path) -> None:
    # B orange stops, C orange only limits 40 %: C is weaker than B — not monotone
    manifest = write_guide(
        tmp_path, [KILN], [m("B", "orange", "停产"), m("C", "orange", "限产40%")]
    )
    assert refusals(manifest) == [
        f"{tmp_path}/measures.csv:3: B级橙色预警措施「停产」严于C级的「限产40%」(第 2 行)："
        "同一预警级别，较高等级的措施不能更严 / grade B orange is stricter than grade C "
        "(line 2): a higher grade never takes stricter measures at the same level"
    ]


def test_a_higher_grade_stricter_only_under_the_proportional_reading(tmp_path: Path) -> None:
    manifest = write_guide(
        tmp_path, [KILN], [m("B", "yellow", "限产60%"), m("C", "yellow", "停产50%")]
    )
    assert refusals(manifest) == [
        f"{tmp_path}/measures.csv:3: B级黄色预警措施「限产60%」严于C级的「停产50%」(第 2 行)："
        "同一预警级别，较高等级的措施不能更严（按「停产x%按比例计」的读法 / under the proportional "
        "reading of 停产x%） / grade B yellow is stricter than grade C (line 2): a higher grade "
        "never takes stricter measures at the same level"
    ]


def test_a_lower_level_stricter_than_a_higher_one_for_the_same_grade(tmp_path: Path) -> None:
    manifest = write_guide(
        tmp_path,
        [KILN],
        [m("B", "yellow", "限产30%+国四及以下重型货车停运"), m("B", "orange", "限产10%")],
    )
    assert refusals(manifest) == [
        f"{tmp_path}/measures.csv:3: B级黄色预警措施「限产30%+国四及以下重型货车停运」"
        "严于橙色预警的"
        "「限产10%」(第 2 行)：同一等级，较低预警级别的措施不能更严 / grade B: yellow is "
        "stricter than orange (line 2): a lower level never takes stricter measures for the same "
        "grade"
    ]


def test_a_loaded_row_that_breaks_the_order_of_a_packaged_table_cites_the_packaged_row(
    tmp_path: Path,
) -> None:
    manifest = write_guide(
        tmp_path,
        [],
        [m("B", "blue", "停产", code="cement_clinker")],
    )
    problems = refusals(manifest)
    # blue is below yellow, whose packaged B measure is the truck ban only (measures_default.csv:5)
    assert problems[0] == (
        f"{tmp_path}/measures.csv:2: B级蓝色预警措施「停产」严于黄色预警的"
        f"「国四及以下重型货车停运」({MEASURES_CSV}:5)：同一等级，较低预警级别的措施不能更严 / "
        f"grade B: blue is stricter than yellow ({MEASURES_CSV}:5): a lower level never takes "
        "stricter measures for the same grade"
    )
    # and against orange (line 6: 限产20% removes less than 停产); not against red (line 7:
    # 停产 + truck ban is no weaker); no other grade has a blue row
    assert len(problems) == 2
    assert problems[1].startswith(
        f"{tmp_path}/measures.csv:2: B级蓝色预警措施「停产」严于橙色预警的"
        "「限产20%+国四及以下重型货车停运」"
        f"({MEASURES_CSV}:6)"
    )


def test_duplicate_rows(tmp_path: Path) -> None:
    manifest = write_guide(
        tmp_path,
        [KILN, KILN.replace("测试窑炉", "测试窑炉二")],
        [m("B", "red", "停产"), m("B", "red", "停产")],
    )
    assert refusals(manifest) == [
        f"{tmp_path}/industries.csv:3: 行业 test_kiln 重复（第 2 行）/ duplicate industry "
        "test_kiln (line 2)",
        f"{tmp_path}/measures.csv:3: test_kiln B red 重复（第 2 行）/ duplicate row (line 2)",
    ]


def test_a_packaged_industry_redefined_with_another_name(tmp_path: Path) -> None:
    row = 'cement_clinker,水泥,cement clinker,yes,no,"A,B,C,D",confirmed,no,§2.1,confirmed,x'
    manifest = write_guide(tmp_path, [row])
    assert refusals(manifest) == [
        f"{tmp_path}/industries.csv:2: 行业 cement_clinker 已定义为「水泥熟料」(cement clinker)，"
        "不能改名为「水泥」(cement clinker) / industry cement_clinker cannot be redefined with "
        "another name"
    ]


def test_a_packaged_industry_s_name_under_another_code(tmp_path: Path) -> None:
    row = "cement,水泥熟料,cement,yes,no,,UNCONFIRMED,no,,UNCONFIRMED,x"
    manifest = write_guide(tmp_path, [row])
    assert refusals(manifest) == [
        f"{tmp_path}/industries.csv:2: 名称「水泥熟料」已是行业 cement_clinker 的名称 / "
        "the name is that of industry cement_clinker; use its code"
    ]


def test_bad_cells_of_an_industry_row_are_all_named(tmp_path: Path) -> None:
    row = 'Test-Kiln,测试窑炉,test kiln,maybe,no,"A,E",guess,no,,UNCONFIRMED,x'
    manifest = write_guide(tmp_path, [row])
    assert refusals(manifest) == [
        f"{tmp_path}/industries.csv:2: code: 行业代码须为小写字母、数字和下划线 / code must be "
        "lower-case letters, digits and _: 'Test-Kiln'",
        f"{tmp_path}/industries.csv:2: key_2020: 须为 yes 或 no / must be yes or no, not 'maybe'",
        f"{tmp_path}/industries.csv:2: scale: 未知绩效等级 / unknown grade 'E'; 可用 / known: "
        "A+, A, B, B-, C, D, 引领性, 非引领性",
        f"{tmp_path}/industries.csv:2: scale_status: 未知状态 / unknown status 'guess'; 可用 / "
        "known: confirmed, UNCONFIRMED, n/a, example",
    ]


def test_a_wrong_heading_and_a_short_row(tmp_path: Path) -> None:
    manifest = write_guide(tmp_path, [KILN], [m("B", "red", "停产")])
    (tmp_path / "measures.csv").write_text(
        "industry,grade,level,measures,status,source\n", encoding="utf-8"
    )
    (tmp_path / "industries.csv").write_text(
        ",".join(INDUSTRY_COLUMNS) + "\n" + "test_kiln,测试窑炉\n", encoding="utf-8"
    )
    assert refusals(manifest) == [
        f"{tmp_path}/industries.csv:2: 有 2 个字段，应为 11 / 2 fields, expected 11",
        f"{tmp_path}/measures.csv:1: 缺少列 / missing columns: measure; 未知列 / unknown "
        "columns: measures (应为 / expected: industry,grade,level,measure,status,source)",
    ]


def test_a_table_saved_in_gbk_is_refused_at_its_line(tmp_path: Path) -> None:
    """The tables are read as the list file is (lantian.airquality.readers.tables): a non-UTF-8
    byte is named with its line."""
    manifest = write_guide(tmp_path, [KILN], [m("B", "red", "停产")])
    measures = tmp_path / "measures.csv"
    measures.write_bytes(measures.read_text(encoding="utf-8").encode("gbk"))
    assert refusals(manifest) == [
        f"{tmp_path}/measures.csv:2: 无法读取 / cannot read: 不是 UTF-8 编码 (not UTF-8 text)"
    ]


def test_exempt_and_non_industrial_rows_and_estimates(tmp_path: Path) -> None:
    manifest = write_guide(
        tmp_path,
        [KILN],
        [
            m("B", "red", "限产20%", code="heating_boiler"),
            m("B", "red", "估算削减10%", code="non_industrial"),
            m("B", "red", "估算削减10%"),
        ],
    )
    assert refusals(manifest) == [
        f"{tmp_path}/measures.csv:2: measure: 居民供暖锅炉不应采取停限产措施 / residential "
        "heating boilers is exempt from stop/limit, not 「限产20%」",
        f"{tmp_path}/measures.csv:3: industry: 非工业源没有默认措施（各自填写估算削减）/ "
        "non-industrial sources have no default measure",
        f"{tmp_path}/measures.csv:4: measure: 估算削减只用于非工业源 / 估算削减 is for "
        "non-industrial sources only",
    ]


def test_example_status_only_in_an_illustrative_set(tmp_path: Path) -> None:
    manifest = write_guide(tmp_path / "a", [KILN], [m("A", "red", "自主减排", status="example")])
    assert refusals(manifest) == [
        f"{tmp_path}/a/measures.csv:2: 状态 example 只用于示例数据（illustrative = true）/ status "
        "example is only for an illustrative set"
    ]
    manifest = write_guide(
        tmp_path / "b", [KILN], [m("A", "red", "自主减排")], guide="illustrative = true\n"
    )
    assert refusals(manifest) == [
        f"{tmp_path}/b/industries.csv:2: 示例数据（illustrative = true）的状态须为 example / rows "
        "of an illustrative set have status example, not 'UNCONFIRMED'",
        f"{tmp_path}/b/measures.csv:2: 示例数据（illustrative = true）的状态须为 example / rows "
        "of an illustrative set have status example, not 'UNCONFIRMED'",
    ]


def test_manifest_problems_name_their_line(tmp_path: Path) -> None:
    manifest = write_guide(tmp_path, [KILN], guide='colour = "blue"\n', extra="[extra]\n")
    text = manifest.read_text(encoding="utf-8").replace('keyed_by = "test"\n', "")
    manifest.write_text(text.replace('measures = "measures.csv"', 'measures = "nope.csv"'))
    # [guide] 1, name 2, keyed_on 3, colour 4, [tables] 5, industries 6, measures 7, [extra] 8
    assert refusals(manifest) == [
        f"{manifest}:8: 未知项 / unknown entry [extra]; 可用 / known: [guide], [tables], "
        "[[override]]",
        f"{manifest}:4: [guide] 未知项 / unknown key 'colour'; 可用 / known: name, keyed_by, "
        "keyed_on, issued, title, illustrative, note",
        f"{manifest}:1: [guide] keyed_by: 必填 / required",
        f"{manifest}:7: [tables] measures: 文件不存在 / file not found: {tmp_path}/nope.csv",
    ]


def test_a_manifest_that_is_not_toml(tmp_path: Path) -> None:
    manifest = write_guide(tmp_path, [KILN])
    manifest.write_text('[guide]\nname = "x\n', encoding="utf-8")
    [problem] = refusals(manifest)
    assert problem.startswith(f"{manifest}:2: TOML 格式错误 / not valid TOML: ")


# --- extend, replace, override ----------------------------------------------------------------


def test_extend_with_a_new_industry_and_a_table_for_an_industry_without_one(
    tmp_path: Path,
) -> None:
    # coking: packaged without a table and with an UNCONFIRMED (empty) scale — both may be set
    coking = 'coking,焦化,coking,yes,yes,"A,B,C,D",UNCONFIRMED,no,test,confirmed,x'
    manifest = write_guide(
        tmp_path,
        [KILN, coking],
        [m("C", "red", "出焦时间延长至48小时", code="coking"), m("D", "red", "停产")],
    )
    t = load_guide(manifest)
    assert list(t.industries)[:3] == ["steel_long", "steel_short", "coking"]  # keeps its place
    assert t.industries["coking"].scale == (Grade.A, Grade.B, Grade.C, Grade.D)
    assert t.industries["coking"].origin == "测试版本 / test version"
    assert t.measure("coking", Grade.C, Level.RED) == parse_measure("出焦时间延长至48小时")
    assert t.measure("test_kiln", Grade.D, Level.RED) == parse_measure("停产")
    # the packaged cement table is untouched, and nothing was overridden
    assert t.measure("cement_clinker", Grade.B, Level.ORANGE) == parse_measure(
        "限产20%+国四及以下重型货车停运"
    )
    assert t.overrides == ()
    assert [v.name for v in t.versions] == [PACKAGED.name, "测试版本 / test version"]


def test_an_unconfirmed_row_is_replaced_without_an_override(tmp_path: Path) -> None:
    first = load_guide(write_guide(tmp_path / "1", [KILN], [m("C", "red", "限产50%")]))
    second = write_guide(tmp_path / "2", [], [m("C", "red", "停产", status="confirmed")])
    t = load_guide(second, base=first)
    assert t.measure("test_kiln", Grade.C, Level.RED) == parse_measure("停产")
    assert t.measures[("test_kiln", Grade.C, Level.RED)].status == "confirmed"
    assert t.overrides == ()


def test_a_confirmed_measure_is_replaced_only_with_an_override_and_its_reason(
    tmp_path: Path,
) -> None:
    row = m("B", "orange", "停产+国四及以下重型货车停运", code="cement_clinker")
    manifest = write_guide(tmp_path / "a", [], [row])
    assert refusals(manifest) == [
        f"{tmp_path}/a/measures.csv:2: 替换行业 cement_clinker 已确认的数据（B orange: "
        "限产20%+国四及以下重型货车停运 → 停产+国四及以下重型货车停运）需要在清单说明中写 "
        "[[override]] 及理由 / replacing confirmed data of cement_clinker (B orange: "
        "限产20%+国四及以下重型货车停运 → 停产+国四及以下重型货车停运) needs an [[override]] "
        "with a reason in the manifest"
    ]
    override = '[[override]]\nindustry = "cement_clinker"\nreason = "test: the text says so"\n'
    t = load_guide(write_guide(tmp_path / "b", [], [row], extra=override))
    assert t.measure("cement_clinker", Grade.B, Level.ORANGE) == parse_measure(
        "停产+国四及以下重型货车停运"
    )
    [ov] = t.overrides
    assert (ov.industry, ov.reason) == ("cement_clinker", "test: the text says so")
    assert ov.replaced == (
        "B orange: 限产20%+国四及以下重型货车停运 → 停产+国四及以下重型货车停运",
    )


def test_a_confirmed_scale_is_replaced_only_with_an_override(tmp_path: Path) -> None:
    row = 'foundry,铸造,foundry,yes,yes,"A,B,B-,C,D",confirmed,no,test,confirmed,x'
    assert refusals(write_guide(tmp_path / "a", [row])) == [
        f"{tmp_path}/a/industries.csv:2: 替换行业 foundry 已确认的数据（scale A,B,C,D (confirmed) "
        "→ A,B,B-,C,D (confirmed)）需要在清单说明中写 [[override]] 及理由 / replacing confirmed "
        "data of foundry (scale A,B,C,D (confirmed) → A,B,B-,C,D (confirmed)) needs an "
        "[[override]] with a reason in the manifest"
    ]
    override = '[[override]]\nindustry = "foundry"\nreason = "test"\n'
    t = load_guide(write_guide(tmp_path / "b", [row], extra=override))
    assert Grade.B_MINUS in t.industries["foundry"].scale
    assert t.overrides[0].replaced == ("scale A,B,C,D (confirmed) → A,B,B-,C,D (confirmed)",)


def test_the_same_confirmed_row_keyed_again_needs_no_override(tmp_path: Path) -> None:
    row = m("B", "orange", "限产20%+国四及以下重型货车停运", "confirmed", code="cement_clinker")
    t = load_guide(write_guide(tmp_path, [], [row]))
    assert t.overrides == ()


def test_an_override_without_reason_or_that_replaces_nothing_is_refused(tmp_path: Path) -> None:
    extra = (
        '[[override]]\nindustry = "cement_clinker"\nreason = ""\n'
        '[[override]]\nindustry = "coking"\nreason = "nothing confirmed changes"\n'
        '[[override]]\nindustry = "no_such"\nreason = "r"\n'
    )
    manifest = write_guide(tmp_path, [KILN], extra=extra)
    # [[override]] headers on lines 8, 11, 14; the empty reason on line 10
    assert refusals(manifest) == [
        f"{manifest}:10: [[override]] cement_clinker: 须写明理由 / reason required",
        f"{manifest}:11: [[override]] coking: 没有替换任何已确认的数据，请删去 / replaces no "
        "confirmed row; remove it",
        f"{manifest}:14: [[override]] no_such: 不是已有行业 / not an industry of the tables it "
        "extends",
    ]


def test_a_changed_scale_must_still_fit_the_packaged_table(tmp_path: Path) -> None:
    row = 'cement_clinker,水泥熟料,cement clinker,yes,no,"A,B,C",confirmed,no,x,confirmed,x'
    override = '[[override]]\nindustry = "cement_clinker"\nreason = "test"\n'
    problems = refusals(write_guide(tmp_path, [row], extra=override))
    # the packaged D rows are lines 11–13 of measures_default.csv
    assert problems == [
        f"{MEASURES_CSV}:{n}: grade: 水泥熟料的新等级体系 A,B,C 没有 D / grade D is not on the "
        "industry's new scale"
        for n in (11, 12, 13)
    ]


def test_tables_can_be_passed_as_an_object(tmp_path: Path) -> None:
    t = load_guide(write_guide(tmp_path, [KILN], [m("D", "red", "停产")]))
    assert isinstance(t, GuideTables)
    assert t.industry("测试窑炉").code == "test_kiln"
    assert t.strictest_transport("cement_clinker", Level.RED).rank == 2  # D: 停止公路运输
    with pytest.raises(KeyError, match="unknown industry 'nothing'"):
        t.industry("nothing")
