"""Forecast values and the CSV / JSON readers: the sample files, and every refusal with its exact
file, line (or JSON path) and reason (docs/emergency_forecasts.md)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from lantian.emergency.forecast import (
    SHANGHAI,
    AQIValue,
    DailyForecast,
    Forecast,
    ForecastError,
    HourlyForecast,
    RangeReading,
    parse_category,
    parse_pollutants,
    read_forecasts,
)

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "sample" / "emergency" / "forecasts"
HEADER = "city,issued,date,aqi,primary,category\n"
ISSUED = datetime(2019, 1, 10, 16, tzinfo=SHANGHAI)


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def refusal(path: Path) -> str:
    with pytest.raises(ForecastError) as info:
        read_forecasts(path)
    return str(info.value)


# --------------------------------------------------------------------------- values


def test_a_range_is_graded_on_the_chosen_end() -> None:
    v = AQIValue(181, 220)
    assert (v.read(), v.read(RangeReading.LOWER), v.read(RangeReading.MID)) == (220, 181, 201)
    assert str(v) == "181-220" and str(AQIValue.exact(215)) == "215"
    with pytest.raises(ValueError, match="low ≤ high"):
        AQIValue(220, 180)


def test_pollutant_and_category_names() -> None:
    assert parse_pollutants("PM2.5/PM10") == ("pm25", "pm10")
    assert parse_pollutants("细颗粒物(PM2.5)、臭氧8小时") == ("pm25", "o3")
    assert parse_pollutants("") == ()
    assert parse_category("中度污染-重度污染") == (4, 5)
    assert parse_category("严重污染") == (6, 6)
    assert parse_category("") is None


def test_a_forecast_is_identified_by_city_and_issue_time() -> None:
    days = (DailyForecast(date(2019, 1, 11), AQIValue.exact(215)),)
    a = Forecast("石家庄", ISSUED, days)
    b = Forecast("石家庄", ISSUED, days, source="again")
    assert a.id == b.id and str(a.id) == "石家庄 2019-01-10T16:00+08:00"


def test_the_constructor_refuses_what_the_readers_refuse() -> None:
    day = DailyForecast(date(2019, 1, 9), AQIValue.exact(215))
    with pytest.raises(ValueError, match="is before the issue day 2019-01-10"):
        Forecast("石家庄", ISSUED, (day,))
    with pytest.raises(ValueError, match="no daily or hourly value"):
        Forecast("石家庄", ISSUED)
    eight = tuple(
        DailyForecast(date(2019, 1, 11) + timedelta(days=i), AQIValue.exact(100)) for i in range(8)
    )
    with pytest.raises(ValueError, match="at most 7 days"):
        Forecast("石家庄", ISSUED, eight)


# --------------------------------------------------------------------------- the sample files


def test_the_sample_csv_holds_five_forecasts() -> None:
    fcs = read_forecasts(SAMPLES / "forecasts_synthetic.csv")
    assert [f.issued.day for f in fcs] == [8, 9, 10, 14, 20]
    first = fcs[0]
    assert first.city == "示例市" and first.issued == datetime(2019, 1, 8, 16, tzinfo=SHANGHAI)
    assert len(first.days) == 7 and first.hours == ()
    third = first.days[2]
    assert third == DailyForecast(date(2019, 1, 11), AQIValue(180, 220), ("pm25",), (4, 5))
    assert first.days[6].primary == ("pm25", "pm10")
    assert fcs[3].days[3].primary == ()  # an empty primary pollutant (AQI 80, 良)


def test_the_sample_json_says_the_same_and_adds_hourly_values() -> None:
    csv_fcs = read_forecasts(SAMPLES / "forecasts_synthetic.csv")
    json_fcs = read_forecasts(SAMPLES / "forecasts_synthetic.json")
    assert json_fcs[:5] == csv_fcs
    hourly = json_fcs[5]
    assert len(hourly.hours) == 72 and len(hourly.days) == 4
    assert hourly.hours[0] == HourlyForecast(
        datetime(2019, 12, 1, 11, tzinfo=SHANGHAI), AQIValue.exact(230)
    )
    assert hourly.hours[-1].end == datetime(2019, 12, 4, 10, tzinfo=SHANGHAI)


def test_times_without_offset_are_beijing_time_and_offsets_are_converted(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "f.csv",
        HEADER + "石家庄,2019-01-10 16:00,2019-01-11,215,,\n"
        "石家庄,2019-01-10T08:00Z,2019-01-12,230,,\n",
    )
    (fc,) = read_forecasts(p)  # both rows: the same forecast, 16:00 Beijing time
    assert fc.issued == ISSUED and fc.issued.tzinfo is SHANGHAI
    assert [d.day.day for d in fc.days] == [11, 12]


def test_chinese_headings_are_accepted(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "f.csv",
        "城市,发布时间,日期,AQI,首要污染物\n石家庄,2019-01-10T16:00,2019-01-11,215,PM2.5\n",
    )
    (fc,) = read_forecasts(p)
    assert fc.days[0].primary == ("pm25",)


# --------------------------------------------------------------------------- CSV refusals


@pytest.mark.parametrize(
    ("rows", "line", "reason"),
    [
        (
            ["石家庄,2019-01-10T16:00,2019-01-11,abc,,"],
            2,
            "AQI 应为整数或范围如 180-220：'abc' "
            "(AQI must be an integer or a range such as 180-220, got 'abc')",
        ),
        (
            [
                "石家庄,2019-01-10T16:00,2019-01-11,215,,",
                "石家庄,2019-01-10T16:00,2019-01-12,520,,",
            ],
            3,
            "AQI 应在 0–500 之间且下限不大于上限：520 (AQI must lie in 0–500 with low ≤ high: 520)",
        ),
        (
            ["石家庄,2019-01-10T16:00,2019-01-09,215,,"],
            2,
            "预报日 2019-01-09 早于发布日 2019-01-10 "
            "(forecast day 2019-01-09 is before the issue day 2019-01-10)",
        ),
        (
            [
                "石家庄,2019-01-10T16:00,2019-01-11,215,,",
                "石家庄,2019-01-10T16:00,2019-01-12,230,,",
                "石家庄,2019-01-10T16:00,2019-01-12,240,,",
            ],
            4,
            "预报日 2019-01-12 重复 (forecast day 2019-01-12 given twice)",
        ),
        (
            [
                "石家庄,2019-01-10T16:00,2019-01-11,215,,",
                "石家庄,2019-01-10T16:00,2019-01-13,230,,",
            ],
            3,
            "预报日不连续：2019-01-11 之后应为 2019-01-12，实为 2019-01-13 (forecast days must be "
            "consecutive: 2019-01-12 expected after 2019-01-11, got 2019-01-13)",
        ),
        (
            [f"石家庄,2019-01-10T16:00,2019-01-{d:02d},100,," for d in range(11, 19)],
            9,
            "预报最多 7 天，第 8 天 2019-01-18 超出 "
            "(a forecast covers at most 7 days; day 8, 2019-01-18, is beyond)",
        ),
        (
            ["石家庄,2019-01-10T16:00,2019-01-11,215,PM1,"],
            2,
            "未知的首要污染物 'PM1' (unknown primary pollutant 'PM1'; "
            "expected PM2.5, PM10, O3, SO2, NO2, CO)",
        ),
        (
            ["石家庄,2019-01-10,2019-01-11,215,,"],
            2,
            "时间应为 YYYY-MM-DDTHH:MM[+08:00]：'2019-01-10' "
            "(time must be YYYY-MM-DDTHH:MM[+08:00], got '2019-01-10')",
        ),
        (
            [",2019-01-10T16:00,2019-01-11,215,,"],
            2,
            "城市为空 (empty city)",
        ),
        (
            ["石家庄,2019-01-10T16:00,2019-01-11,215,,,extra"],
            2,
            "字段过多：7/6 (too many fields: 7 for 6 columns)",
        ),
    ],
)
def test_a_bad_csv_line_refuses_the_whole_file(
    tmp_path: Path, rows: list[str], line: int, reason: str
) -> None:
    good = "石家庄,2019-01-09T16:00,2019-01-10,150,,\n"  # a good forecast first: not kept either
    p = write(tmp_path, "bad.csv", HEADER.replace("\n", "") + "\n" + "\n".join(rows) + "\n")
    assert refusal(p) == f"{p}:{line}: {reason}"
    p2 = write(tmp_path, "bad2.csv", HEADER + good + "\n".join(rows) + "\n")
    assert refusal(p2).startswith(f"{p2}:{line + 1}: ")


def test_csv_header_refusals(tmp_path: Path) -> None:
    p = write(tmp_path, "h1.csv", "city,issued,aqi\n石家庄,2019-01-10T16:00,215\n")
    assert refusal(p) == f"{p}:1: 缺少列：date | window_end (missing columns: date | window_end)"
    p = write(tmp_path, "h2.csv", "city,issued,date,aqi,wind\n")
    assert refusal(p) == (
        f"{p}:1: 未知列 'wind' (unknown column 'wind'; known: city, issued, date, window_end, "
        "aqi, primary, category, source)"
    )
    p = write(tmp_path, "h3.csv", "")
    assert refusal(p) == f"{p}:1: 文件为空 (empty file)"
    p = write(tmp_path, "h4.csv", "city,issued,date,aqi\n")
    assert refusal(p) == f"{p}: 文件中没有预报 (no forecast in the file)"


def test_a_row_gives_a_day_or_an_hour_never_both(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "both.csv",
        "city,issued,date,window_end,aqi\n石家庄,2019-01-10T16:00,2019-01-11,2019-01-11T01:00,215\n",
    )
    assert refusal(p) == (
        f"{p}:2: 每行应填 date（日值）或 window_end（小时值）之一 "
        "(each row gives either date, a daily value, or window_end, an hourly value)"
    )


def test_hourly_values_must_be_on_the_hour_and_consecutive(tmp_path: Path) -> None:
    head = "city,issued,window_end,aqi\n"
    p = write(tmp_path, "h.csv", head + "石家庄,2019-01-10T16:00,2019-01-10T17:30,215\n")
    assert refusal(p) == (
        f"{p}:2: 小时值的时间应为整点：2019-01-10T17:30:00+08:00 "
        "(an hourly value must be stamped on the hour: 2019-01-10T17:30:00+08:00)"
    )
    p = write(
        tmp_path,
        "h2.csv",
        head + "石家庄,2019-01-10T16:00,2019-01-10T17:00,215\n"
        "石家庄,2019-01-10T16:00,2019-01-10T19:00,215\n",
    )
    assert refusal(p) == (
        f"{p}:3: 小时值不连续或重复：应为 2019-01-10T18:00+08:00，实为 2019-01-10T19:00+08:00 "
        "(hourly values must be consecutive: 2019-01-10T18:00+08:00 expected, got "
        "2019-01-10T19:00+08:00)"
    )


def test_hourly_and_daily_values_may_not_leave_a_hole(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "hole.csv",
        "city,issued,date,window_end,aqi\n"
        "石家庄,2019-01-10T16:00,,2019-01-10T17:00,215\n"
        "石家庄,2019-01-10T16:00,2019-01-13,,230\n",
    )
    assert refusal(p) == (
        f"{p}:2: 小时值与日值之间有时间空档 (hourly and daily values leave a gap in time)"
    )


# --------------------------------------------------------------------------- JSON refusals


def test_json_refusals_name_the_path(tmp_path: Path) -> None:
    day = '{"date": "2019-01-11", "aqi": 215}'
    ok = f'{{"city": "石家庄", "issued": "2019-01-10T16:00", "days": [{day}]}}'
    cases = [
        (
            f'{{"forecasts": [{ok}, {{"city": "石家庄", "issued": "2019-01-11T16:00", '
            '"days": [{"date": "2019-01-12", "aqi": "2x0"}]}]}',
            "$.forecasts[1].days[0].aqi",
            "AQI 应为整数或范围如 180-220：'2x0' "
            "(AQI must be an integer or a range such as 180-220, got '2x0')",
        ),
        (
            f'{{"forecasts": [{ok}, {ok}]}}',
            "$.forecasts[1]",
            "同一城市同一发布时间的预报重复（首见于 $.forecasts[0]）"
            "(the same city and issue time appear twice; first at $.forecasts[0])",
        ),
        (
            '[{"city": "石家庄", "issued": "2019-01-10T16:00", "days": [{"date": "2019-01-11", '
            '"aqi": 215, "wind": 3}]}]',
            "$[0].days[0].wind",
            "未知字段 'wind' (unknown field 'wind'; known: aqi, category, date, primary)",
        ),
        (
            '{"city": "石家庄", "days": []}',
            "$.issued",
            "缺少 issued (missing issued)",
        ),
        (
            '{"city": "石家庄", "issued": "2019-01-10T16:00", "days": [{"date": "2019-01-11", '
            '"aqi": true}]}',
            "$.days[0].aqi",
            "AQI 应为整数或范围 (AQI must be an integer or a range, got True)",
        ),
    ]
    for i, (text, pointer, reason) in enumerate(cases):
        p = write(tmp_path, f"bad{i}.json", text)
        assert refusal(p) == f"{p}:{pointer}: {reason}"


def test_a_json_syntax_error_names_the_line(tmp_path: Path) -> None:
    p = write(tmp_path, "syntax.json", '{"forecasts": [\n  {"city": "石家庄",\n  }\n]}')
    assert refusal(p) == (
        f"{p}:3: JSON 语法错误：Expecting property name enclosed in double quotes "
        "(JSON syntax error: Expecting property name enclosed in double quotes)"
    )


def test_other_file_types_are_refused(tmp_path: Path) -> None:
    p = write(tmp_path, "f.xlsx", "")
    assert (
        refusal(p) == f"{p}: 不支持的文件类型 '.xlsx'，应为 .csv 或 .json (unsupported file type)"
    )
