"""Grading schemes as data, their options, and local stricter rules (warnings.md §2, §3 step 5):
a looser local rule is refused with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from lantian.emergency.levels import Level
from lantian.emergency.schemes import (
    SCHEMES,
    Clause,
    GradingOptions,
    LocalRule,
    LocalRuleError,
    UnknownSchemeError,
    check_stricter,
    get_scheme,
    parse_alternative,
    read_local_rule,
    rule_zh,
)

REPO = Path(__file__).resolve().parents[2]
SAMPLE_RULE = REPO / "data" / "sample" / "emergency" / "forecasts" / "local_rule_synthetic.toml"


def conditions(scheme: str, options: GradingOptions | None = None) -> dict[str, list[str]]:
    rules = get_scheme(scheme).rules_for(options or GradingOptions())
    return {r.level.value: [" & ".join(map(str, a)) for a in r.any_of] for r in rules}


def test_the_2017_scheme_has_four_levels() -> None:
    # warnings.md §2, 2017 table
    assert conditions("2017") == {
        "red": ["AQI>200 96h & AQI>300 48h", "AQI>=500 24h"],
        "orange": ["AQI>200 72h & AQI>300 24h"],
        "yellow": ["AQI>200 48h"],
        "blue": ["AQI>200 24h"],
    }


def test_the_2018_scheme_drops_blue_and_can_drop_the_orange_300_clause() -> None:
    assert list(conditions("2018")) == ["red", "orange", "yellow"]
    assert conditions("2018")["orange"] == ["AQI>200 72h & AQI>300 24h"]
    off = conditions("2018", GradingOptions(orange_needs_300=False))
    assert off["orange"] == ["AQI>200 72h"]
    assert off["red"] == conditions("2018")["red"]  # red keeps its AQI>300 clause
    assert "blue" in conditions("2018", GradingOptions(blue=True))


def test_the_2024_scheme_keeps_the_2018_thresholds_and_says_so() -> None:
    assert conditions("2024") == conditions("2018")
    s = SCHEMES["2024"]
    assert s.below_yellow and not SCHEMES["2018"].below_yellow
    assert "UNCONFIRMED" in s.notes[0].zh and "2018 values" in s.notes[0].en


def test_the_2017_orange_300_clause_cannot_be_switched_off() -> None:
    with pytest.raises(ValueError, match="only be switched off for: 2018, 2024"):
        get_scheme("2017").rules_for(GradingOptions(orange_needs_300=False))


def test_an_unknown_scheme_lists_the_known_ones() -> None:
    with pytest.raises(UnknownSchemeError, match="known: 2017, 2018, 2024"):
        get_scheme("2019")


def test_rule_text_reads_like_the_plans() -> None:
    orange = get_scheme("2018").rule(Level.ORANGE)
    assert orange is not None
    assert rule_zh(Level.ORANGE, orange.any_of[0]) == "AQI>200 持续72小时且AQI>300 达24小时 → 橙色"


def test_options_validate() -> None:
    with pytest.raises(ValueError, match="lift_hours must be positive"):
        GradingOptions(lift_hours=0)


# --------------------------------------------------------------------------- local rules


def test_conditions_parse_in_both_languages() -> None:
    assert parse_alternative("AQI>200 72h & AQI>300 24h") == (Clause(200, 72), Clause(300, 24))
    assert parse_alternative("AQI>200 持续48小时且AQI≥500 达24小时") == (
        Clause(200, 48),
        Clause(500, 24, inclusive=True),
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("AQI>150 48h", "a threshold must be above the heavy-pollution line AQI>200"),
        ("AQI>200 12h", "a duration is at least 24 h, one 24-hour window"),
        ("PM2.5>150 48h", "a condition reads 'AQI>200 48h', joined by &"),
    ],
)
def test_bad_conditions_are_refused(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason.replace("(", r"\(")):
        parse_alternative(text)


def test_the_sample_local_rule() -> None:
    rule = read_local_rule(SAMPLE_RULE)
    assert rule.city == "示例市" and rule.base == "2018"
    assert (rule.lead_time_hours, rule.lift_hours) == (72, 48)
    national = get_scheme("2018").rules_for(GradingOptions())
    merged = {r.level: [" & ".join(map(str, a)) for a in r.any_of] for r in rule.rules(national)}
    assert merged[Level.YELLOW] == ["AQI>200 24h"]
    assert merged[Level.RED] == ["AQI>200 72h & AQI>300 48h", "AQI>=500 24h"]
    assert Level.BLUE not in merged


def write_rule(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "rule.toml"
    p.write_text('name = "某市"\neffective_from = 2019-10-01\n' + body, encoding="utf-8")
    return p


def test_a_looser_local_rule_is_refused_with_the_reason(tmp_path: Path) -> None:
    p = write_rule(tmp_path, '[levels]\nyellow = "AQI>200 72h"\n')
    with pytest.raises(LocalRuleError) as info:
        read_local_rule(p)
    assert str(info.value) == (
        f"{p}:levels.yellow: 本地黄色条件（AQI>200 持续72小时）宽于国家条件（AQI>200 持续48小时）："
        "本地规则只能从严 (local yellow condition (AQI>200 for 72 h) is looser than the national "
        "one (AQI>200 for 48 h): a local rule may only be stricter)"
    )


def test_a_higher_threshold_is_looser_too(tmp_path: Path) -> None:
    p = write_rule(tmp_path, '[levels]\norange = "AQI>200 72h & AQI>350 24h"\n')
    with pytest.raises(LocalRuleError, match=r"levels\.orange"):
        read_local_rule(p)


def test_a_shorter_lifting_condition_is_looser(tmp_path: Path) -> None:
    p = write_rule(tmp_path, "lift_hours = 24\n")
    with pytest.raises(LocalRuleError, match="local lifting condition 24 h is shorter"):
        read_local_rule(p)


def test_a_lower_threshold_or_a_shorter_duration_is_accepted(tmp_path: Path) -> None:
    p = write_rule(
        tmp_path,
        'blue = true\n[levels]\norange = "AQI>200 72h & AQI>250 24h"\nred = ["AQI>200 96h & '
        'AQI>300 24h", "AQI>=450 24h"]\n',
    )
    rule = read_local_rule(p)
    national = get_scheme("2018").rules_for(GradingOptions())
    assert [r.level for r in rule.rules(national)] == [
        Level.RED,
        Level.ORANGE,
        Level.YELLOW,
        Level.BLUE,
    ]


def test_a_stricter_rule_for_one_option_can_be_looser_for_another(tmp_path: Path) -> None:
    # the sample's orange (48 h and AQI>300 24 h) is stricter than 2018 with the >300 clause,
    # but looser than orange without it (72 h alone): checked against the options in use
    rule = read_local_rule(SAMPLE_RULE)
    off = GradingOptions(orange_needs_300=False)
    problems = check_stricter(rule, get_scheme("2018").rules_for(off), off)
    assert [key for key, _ in problems] == ["levels.orange"]


def test_dropping_blue_from_the_2017_scheme_is_looser() -> None:
    from datetime import date

    rule = LocalRule("某市", "", date(2019, 1, 1), base="2017", blue=False)
    opts = GradingOptions()
    problems = check_stricter(rule, get_scheme("2017").rules_for(opts), opts)
    assert [key for key, _ in problems] == ["blue"]


@pytest.mark.parametrize(
    ("body", "where", "reason"),
    [
        ('[levels]\npurple = "AQI>200 24h"\n', "levels.purple", "unknown warning level"),
        ('[levels]\nyellow = "AQI>200"\n', "levels.yellow[0]", "a condition reads"),
        ('base = "2019"\n', "base", "unknown grading scheme '2019'"),
        ("lead_time_hours = 12\n", "lead_time_hours", "at least 24"),
        ("effective_until = 2019-01-01\n", "effective_until", "before effective_from"),
        ("colour = 1\n", "colour", "unknown key 'colour'"),
    ],
)
def test_local_rule_file_refusals(tmp_path: Path, body: str, where: str, reason: str) -> None:
    p = write_rule(tmp_path, body)
    with pytest.raises(LocalRuleError) as info:
        read_local_rule(p)
    assert str(info.value).startswith(f"{p}:{where}: ")
    assert reason in str(info.value)


def test_a_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    p = write_rule(tmp_path, "lift_hours = = 3\n")
    with pytest.raises(LocalRuleError) as info:
        read_local_rule(p)
    assert str(info.value).startswith(f"{p}:3: TOML 语法错误")
