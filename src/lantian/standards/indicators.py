"""Names of the AQI indicators (指标) and the labels CNEMC publishes for them.

An indicator is a pollutant with an averaging period: ``pm25_24h`` is the PM2.5 daily (24-hour)
mean, ``pm25_1h`` its 1-hour mean (indexed on the daily column), ``o3_8h`` the 8-hour mean (the
MDA8 in a daily report), ``o3_1h`` the 1-hour mean (the daily maximum in a 2012 daily report).
Pollutant names are those of the store (``lantian.airquality.schema.POLLUTANTS``).
"""

from __future__ import annotations

#: Every indicator name, in the order reports list them.
INDICATORS: tuple[str, ...] = (
    "so2_24h",
    "so2_1h",
    "no2_24h",
    "no2_1h",
    "co_24h",
    "co_1h",
    "o3_1h",
    "o3_8h",
    "pm10_24h",
    "pm10_1h",
    "pm25_24h",
    "pm25_1h",
)

#: Pollutant of each indicator.
POLLUTANT_OF: dict[str, str] = {name: name.rsplit("_", 1)[0] for name in INDICATORS}

#: Primary-pollutant labels of the CNEMC feeds (Chinese). The 8-hour O3 label of daily data is
#: UNCONFIRMED (aqi.md §3); ``臭氧8小时`` is used.
LABEL_ZH: dict[str, str] = {
    "so2": "二氧化硫",
    "no2": "二氧化氮",
    "co": "一氧化碳",
    "o3_1h": "臭氧1小时",
    "o3_8h": "臭氧8小时",
    "pm10": "颗粒物(PM10)",
    "pm25": "细颗粒物(PM2.5)",
}

LABEL_EN: dict[str, str] = {
    "so2": "SO2",
    "no2": "NO2",
    "co": "CO",
    "o3_1h": "O3 1-hour",
    "o3_8h": "O3 8-hour",
    "pm10": "PM10",
    "pm25": "PM2.5",
}


def label_zh(indicator: str) -> str:
    """CNEMC label of an indicator as primary pollutant (``细颗粒物(PM2.5)``, ``臭氧1小时``)."""
    return LABEL_ZH[indicator] if indicator in LABEL_ZH else LABEL_ZH[POLLUTANT_OF[indicator]]


def label_en(indicator: str) -> str:
    """English label of an indicator as primary pollutant."""
    return LABEL_EN[indicator] if indicator in LABEL_EN else LABEL_EN[POLLUTANT_OF[indicator]]


def check_indicator(indicator: str, known: tuple[str, ...]) -> None:
    """Raise ``ValueError`` naming the known indicators if ``indicator`` is not one of them."""
    if indicator not in known:
        raise ValueError(f"unknown indicator {indicator!r}; known: {', '.join(known)}")
