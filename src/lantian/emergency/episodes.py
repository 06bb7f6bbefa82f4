"""Heavy-pollution episodes of a forecast (spec warnings.md §1, §3 steps 1–4).

A forecast becomes a series of 24-hour windows, each with one AQI: the running window ending at
each hour where hourly values are given, otherwise one window per calendar day (one value per
24-hour block). Hourly values come first; daily windows fill the days the hourly ones do not
reach (and those before them).

- A *run* is a maximal sequence of consecutive windows with AQI > 200.
- Its span is first window's start → last window's end: for hourly windows the run length in
  hours + 23 (§3 step 3), for daily ones 24 h per day.
- Runs whose gap is shorter than the lifting condition (below the yellow condition for
  ``lift_hours``; §4) are one *episode* (§3 step 4). The gap is the time the running AQI stays
  ≤ 200: the number of windows between the runs times their step (1 h or 24 h).
- D200 of an episode is the length of the union of its runs' spans (two 2-day runs one day apart
  make "4 days > 200", example F); the duration above a higher threshold (D300) is the longest
  span of consecutive windows above it within the episode (§3 step 3).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from lantian.emergency.forecast import SHANGHAI, Forecast, RangeReading

#: Heavy pollution (重污染): AQI > 200 (HJ 633 五级 and above).
HEAVY = 200
#: Lowest AQI of a window in an episode.
EPISODE_MIN_AQI = HEAVY + 1


@dataclass(frozen=True)
class Window:
    """A 24-hour window of the forecast and its graded AQI.

    ``label`` names it for people: the day (``2019-01-11``) or the end hour
    (``2019-01-11T08:00``). ``value`` keeps the forecast as given (a range stays a range).
    """

    start: datetime
    end: datetime
    aqi: int
    label: str
    value: str
    primary: tuple[str, ...] = ()
    hourly: bool = False


def windows(forecast: Forecast, reading: RangeReading = RangeReading.UPPER) -> tuple[Window, ...]:
    """The forecast's windows in time order (hourly where given, daily elsewhere)."""
    hourly = [
        Window(
            h.start,
            h.end,
            h.aqi.read(reading),
            h.end.astimezone(SHANGHAI).isoformat(timespec="minutes")[:16],
            str(h.aqi),
            h.primary,
            hourly=True,
        )
        for h in forecast.hours
    ]
    first = hourly[0].end if hourly else None
    last = hourly[-1].end if hourly else None
    daily = [
        Window(d.start, d.end, d.aqi.read(reading), d.day.isoformat(), str(d.aqi), d.primary)
        for d in forecast.days
        if first is None or last is None or d.end < first or d.end > last
    ]
    return tuple(sorted([*hourly, *daily], key=lambda w: w.end))


def runs(ws: Sequence[Window], min_aqi: int) -> list[tuple[int, int]]:
    """Index ranges ``(i, j)`` (inclusive) of the maximal runs of windows with AQI ≥ ``min_aqi``."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for k, w in enumerate(ws):
        if w.aqi >= min_aqi:
            if start is None:
                start = k
        elif start is not None:
            out.append((start, k - 1))
            start = None
    if start is not None:
        out.append((start, len(ws) - 1))
    return out


def span(ws: Sequence[Window], run: tuple[int, int]) -> timedelta:
    """First window's start → last window's end."""
    return ws[run[1]].end - ws[run[0]].start


def gap(ws: Sequence[Window], before: tuple[int, int], after: tuple[int, int]) -> timedelta:
    """How long the running AQI stays below between two runs: from the end of the last window
    of ``before`` to the end of the last window before ``after``."""
    return ws[after[0] - 1].end - ws[before[1]].end


def hours(delta: timedelta) -> int:
    return int(delta.total_seconds()) // 3600


@dataclass(frozen=True)
class Duration:
    """How long the AQI stays at or above ``min_aqi`` in an episode, and the windows that
    make it up."""

    min_aqi: int
    hours: int
    windows: tuple[Window, ...]


@dataclass(frozen=True)
class Episode:
    """A (possibly merged) heavy-pollution episode.

    ``windows``: from the first polluted window to the last (gap windows included);
    ``runs``: index ranges into ``windows``; ``open_start`` / ``open_end``: the episode starts
    with the forecast's first window / runs into its last one (it may extend beyond the
    horizon); ``clear_after``: hours the forecast shows below AQI 200 after the episode.
    """

    windows: tuple[Window, ...]
    runs: tuple[tuple[int, int], ...]
    open_start: bool
    open_end: bool
    clear_after: int

    @property
    def start(self) -> datetime:
        return self.windows[0].start

    @property
    def end(self) -> datetime:
        return self.windows[-1].end

    @property
    def peak(self) -> int:
        return max(w.aqi for w in self.windows)

    @property
    def polluted(self) -> tuple[Window, ...]:
        """The windows with AQI > 200."""
        return tuple(w for i, j in self.runs for w in self.windows[i : j + 1])

    @property
    def d200(self) -> int:
        """Hours of the union of the runs' spans."""
        total = timedelta(0)
        covered_to: datetime | None = None
        for run in self.runs:
            s, e = self.windows[run[0]].start, self.windows[run[1]].end
            if covered_to is not None and s < covered_to:
                s = covered_to
            if e > s:
                total += e - s
            covered_to = e if covered_to is None else max(covered_to, e)
        return hours(total)

    def duration(self, min_aqi: int) -> Duration:
        """D200 for ``min_aqi`` ≤ 201 (the episode), else the longest span of consecutive
        windows with AQI ≥ ``min_aqi`` (the earliest of equal ones)."""
        if min_aqi <= EPISODE_MIN_AQI:
            return Duration(min_aqi, self.d200, self.polluted)
        best: tuple[int, int] | None = None
        for run in runs(self.windows, min_aqi):
            if best is None or span(self.windows, run) > span(self.windows, best):
                best = run
        if best is None:
            return Duration(min_aqi, 0, ())
        return Duration(
            min_aqi,
            hours(span(self.windows, best)),
            tuple(self.windows[best[0] : best[1] + 1]),
        )

    def lifted(self, lift_hours: int, inclusive: bool = True) -> bool:
        """The forecast shows the lifting condition after the episode."""
        return self.clear_after >= lift_hours if inclusive else self.clear_after > lift_hours


def merges(gap_hours: int, lift_hours: int, inclusive: bool = True) -> bool:
    """Two runs are one episode when the gap does not meet the lifting condition."""
    return gap_hours < lift_hours if inclusive else gap_hours <= lift_hours


def episodes(
    ws: Sequence[Window], lift_hours: int = 36, lift_inclusive: bool = True
) -> tuple[Episode, ...]:
    """The episodes of a window series, merged by the lifting condition (§3 step 4)."""
    rs = runs(ws, EPISODE_MIN_AQI)
    groups: list[list[tuple[int, int]]] = []
    for run in rs:
        if groups and merges(hours(gap(ws, groups[-1][-1], run)), lift_hours, lift_inclusive):
            groups[-1].append(run)
        else:
            groups.append([run])
    out: list[Episode] = []
    for n, g in enumerate(groups):
        first, last = g[0][0], g[-1][1]
        # below AQI 200 after the episode: up to the next episode, or to the forecast's end
        clear = (ws[groups[n + 1][0][0] - 1] if n + 1 < len(groups) else ws[-1]).end - ws[last].end
        out.append(
            Episode(
                windows=tuple(ws[first : last + 1]),
                runs=tuple((i - first, j - first) for i, j in g),
                open_start=first == 0,
                open_end=last == len(ws) - 1,
                clear_after=hours(clear),
            )
        )
    return tuple(out)


def longest(ws: Sequence[Window], min_aqi: int) -> int:
    """Hours of the longest span of consecutive windows with AQI ≥ ``min_aqi`` (0 if none)."""
    return max((hours(span(ws, r)) for r in runs(ws, min_aqi)), default=0)
