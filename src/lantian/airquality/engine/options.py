"""Evaluation options: every rule the sources leave open is an explicit, documented field.

Defaults reproduce published figures where the data allow a check (docs/statistics.md gives the
evidence for each). Spec references: aqi.md (AQI), evaluation.md (validity, city values, period
statistics), standards_2026.md §5 (version parameters).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lantian.standards.rounding import Rounding

RealtimeProfile = Literal["HJ633_2012", "CNEMC_2014", "CNEMC_PUBLISHED"]
CityO3Method = Literal["city_hourly_first", "station_mda8_first"]
CompositeWeights = Literal["2018", "weighted-3-2-2"]
DustBasis = Literal["keep", "deduct"]
DailySource = Literal["store", "hourly"]
AreaLevel = Literal["city", "district", "station"]

REALTIME_PROFILES: tuple[RealtimeProfile, ...] = ("HJ633_2012", "CNEMC_2014", "CNEMC_PUBLISHED")
#: Area levels and the ``stations`` column that keys the area (city_sql.evaluation_stations).
AREA_KEYS: dict[AreaLevel, str] = {
    "city": "city",
    "district": "district",
    "station": "station_code",
}


@dataclass(frozen=True)
class EvaluationOptions:
    """Switches of the statistics engine.

    Attributes (UNCONFIRMED items of the spec are marked ⚑):

    aqi_version: ``None`` = the HJ 633 version in force on each date (2012 before 2026-03-01,
        2026 from then on); or a fixed version name known to ``lantian.standards``.
    realtime_profile: ⚑ hourly AQI profile of HJ 633-2012 (aqi.md §5); ``CNEMC_PUBLISHED``
        matches the national feed's ``aqi`` column. HJ 633-2026 has a single profile.
    daily_min_hours: valid hourly values a 24-hour mean needs (GB 3095 表4: 20).
    sliding_24h_min_hours: ⚑ valid values a 24-hour *sliding* mean needs in the real-time
        profile ``HJ633_2012`` (not stated; the daily rule by analogy).
    o3_8h_min_hours: valid values an 8-hour mean needs (GB 3095 表4: 6).
    mda8_min_windows: valid 8-hour means (of the 17 ending 08:00…24:00) a MDA8 needs (HJ 663: 14).
    mda8_valid_if_exceeds: ⚑ a MDA8 from fewer windows is still valid when it exceeds the MDA8
        limit (HJ 663 §6.1.2 as recalled).
    o3_1h_min_hours: ⚑ valid hours the daily maximum 1-hour O3 needs (not stated; default 20,
        like the 24-hour means, so a day with a few hours does not give a daily maximum).
    city_o3_method: ⚑ ``city_hourly_first`` = city hourly means → 8-h sliding → MDA8 (and the
        city O3 1-h maximum from the city hourly means); ``station_mda8_first`` = mean of the
        station MDA8s (and of the station 1-h maxima).
    include_background: ⚑ count background/control stations (对照点) in city values.
    city_station_types: station types of the city evaluation network (``NULL`` type counts as
        national).
    min_city_stations: ⚑ valid station values a city value needs.
    round_input: round concentrations to the reporting precision (GB/T 8170) before the IAQI
        (aqi.md §2 default; HJ 633-2026 4.2.2 makes it the rule).
    rounding: ⚑ rounding rule of display values (evaluation.md §6).
    monthly_validity: ⚑ apply ≥ 27 valid days per month (February ≥ 25) to every month a period
        covers (for a year this is GB 3095 表4; for shorter periods HJ 663 as recalled).
    dust_basis: ⚑ ``keep`` all days; ``deduct``: PM10, PM2.5 and the composite index without
        days flagged ``dust`` in the optional relation ``city_daily_flags`` (evaluation.md §8);
        day counts and the good-day ratio keep dust days.
    composite_weights: ⚑ ``2018`` (环办监测〔2018〕19号, all weights 1) or ``weighted-3-2-2``.
    rank_on_display: ⚑ rank on the displayed (rounded) value, so values shown equal rank equal.
    withhold_incomplete_aqi: apply HJ 633-2026 5.3.1 where that version is in force: with an
        indicator missing, the AQI of the others stands only when it is > 100, else it is NA
        (NULL; the maximum of the available indices stays in ``computed_aqi``). The 5.3.2
        exception (a pollutant outside the monitoring programme, cleared by three years of data)
        needs programme data lantian does not hold yet, so it is not applied.
    daily_source: ``store`` = station-daily parts from the relation ``station_daily`` (the
        store's materialised table, kept current on ingest) when the connection has it, else
        from the hours; ``hourly`` = always recompute them from ``hourly``. Same results.
    area_level: what an area is in city daily values, period statistics, 同比 and rankings.
        ``city`` = the station's ``city``; ``district`` = the station's ``district`` (区/县;
        stations without a district are left out; district names are taken as unique in the
        store); ``station`` = every evaluation station is its own area (key ``station_code``;
        its daily values are the station daily values, ``min_city_stations`` does not apply).
        At every level the same rules make the area value (evaluation stations, background
        excluded unless ``include_background``, O3 by ``city_o3_method``), and the
        ``cities=``/``areas=`` filters select on the level's key.
    """

    aqi_version: str | None = None
    realtime_profile: RealtimeProfile = "CNEMC_PUBLISHED"
    daily_min_hours: int = 20
    sliding_24h_min_hours: int = 20
    o3_8h_min_hours: int = 6
    mda8_min_windows: int = 14
    mda8_valid_if_exceeds: bool = True
    o3_1h_min_hours: int = 20
    city_o3_method: CityO3Method = "city_hourly_first"
    include_background: bool = False
    city_station_types: tuple[str, ...] = ("national",)
    min_city_stations: int = 1
    round_input: bool = True
    rounding: Rounding = "GB/T 8170"
    monthly_validity: bool = True
    dust_basis: DustBasis = "keep"
    composite_weights: CompositeWeights = "2018"
    rank_on_display: bool = True
    withhold_incomplete_aqi: bool = True
    daily_source: DailySource = "store"
    area_level: AreaLevel = "city"

    def __post_init__(self) -> None:
        if self.realtime_profile not in REALTIME_PROFILES:
            raise ValueError(
                f"未知的实时报方案 / unknown realtime_profile {self.realtime_profile!r}; "
                f"known: {', '.join(REALTIME_PROFILES)}"
            )
        if self.city_o3_method not in ("city_hourly_first", "station_mda8_first"):
            raise ValueError(f"unknown city_o3_method {self.city_o3_method!r}")
        if self.composite_weights not in ("2018", "weighted-3-2-2"):
            raise ValueError(f"unknown composite_weights {self.composite_weights!r}")
        if self.daily_source not in ("store", "hourly"):
            raise ValueError(f"unknown daily_source {self.daily_source!r}; known: store, hourly")
        if self.area_level not in AREA_KEYS:
            raise ValueError(
                f"未知的地区层级 / unknown area_level {self.area_level!r}; "
                f"known: {', '.join(AREA_KEYS)}"
            )
        if self.dust_basis not in ("keep", "deduct"):
            raise ValueError(f"unknown dust_basis {self.dust_basis!r}")
        if not 1 <= self.daily_min_hours <= 24 or not 1 <= self.o3_8h_min_hours <= 8:
            raise ValueError("minimum hour counts must lie in 1…24 (daily) and 1…8 (8-hour)")
        if not 1 <= self.mda8_min_windows <= 17:
            raise ValueError("mda8_min_windows must lie in 1…17")
