from __future__ import annotations

from pathlib import Path

import pytest

from lantian.airquality.periods import Period, parse_period
from lantian.sample_data import SAMPLE_DIR

DATA = Path(__file__).parent / "data"
#: The shared sample plans, once another helper has copied them under tests/ (skipped if not).
PLANS = SAMPLE_DIR / "plans"


@pytest.fixture
def year_2019() -> Period:
    return parse_period("2019")


@pytest.fixture
def season_2020() -> Period:
    return parse_period("2020-heating")
