"""Line breaks, page-number lines and full-/half-width punctuation do not change the extraction.

The texts are the 2021 and 2022 fixtures and a page in the Shijiazhuang 2019 layout. Hypothesis
inserts line breaks anywhere but inside a page-number line (PDF-to-text wraps lines anywhere),
page-number lines between lines (pages break between lines) and swaps the width of
punctuation and digits. Values must stay the same, and every span must still point at the
same source text (compared after normalisation, which drops the inserted breaks and page
numbers; a heading, quoted as written, likewise).

The 2023 fixture reads its headings from title lines standing alone and has a task table: the
second test inserts breaks anywhere but inside those lines (a PDF wraps only full lines).
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lantian.planning.extract import extract
from lantian.planning.extract.text import normalise
from tests.planning.extract.conftest import DATA

SHIJIAZHUANG_PAGE = """# 关于印发《石家庄市2019年大气污染防治治理工作方案》的通知

石政发〔2019〕3号

石家庄市人民政府

2019年6月26日

### 二、工作目标

2019年，全市PM2.5平均浓度较2018年下降7%、达到67微克/立方米，优良天数比率达到44.7%。

### 三、工作措施

#### （一）着力打好去产能和退城搬迁攻坚战

1、坚定不移化解过剩产能。2019年底，压减水泥产能260万吨，退出炼铁产能48万吨。（市发改委、市工信局牵头，各县市区政府负责，以下均需各县市区落实，不再列出）

2、积极稳妥推进清洁取暖。2019年采暖季前力争完成34.94万户农村清洁取暖改造。（市城管局牵头，市发改委、市农业农村局配合）除层燃炉外，烟尘、二氧化硫和氮氧化物分别达到10mg/m<sup>3</sup>、35mg/m<sup>3</sup>、50mg/m<sup>3</sup>。秋冬季期间，各地入户抽查。（市生态环境局牵头）
"""
TEXTS = [
    DATA.joinpath("baoding_2021.txt").read_text(encoding="utf-8"),
    DATA.joinpath("nantang_county_2022.txt").read_text(encoding="utf-8"),
    SHIJIAZHUANG_PAGE,
]

WIDTH = {
    "，": ",",
    "；": ";",
    "（": "(",
    "）": ")",
    "：": ":",
    ",": "，",
    ";": "；",
    "(": "（",
    ")": "）",
    ":": "：",
    **{str(d): chr(0xFF10 + d) for d in range(10)},
    **{chr(0xFF10 + d): str(d) for d in range(10)},
}
PAGE_LINES = ["— 3 —", "- 12 -", "第4页", "\n7\n"]


def canonical(e: Any, text: str) -> Any:
    """The extraction's values, each span replaced by its normalised source text."""

    def walk(v: Any) -> Any:
        if isinstance(v, dict):
            out = {}
            for k, x in v.items():
                if k == "span":
                    out[k] = normalise(text[x[0] : x[1]]).text.replace("\n", "")
                elif k == "heading" and isinstance(x, str):
                    # quoted as written, like a span's source
                    out[k] = normalise(x).text.replace("\n", "")
                elif k == "text" and isinstance(x, str):
                    out[k] = x.replace("\n", "")
                else:
                    out[k] = walk(x)
            return out
        if isinstance(v, list):
            return [walk(x) for x in v]
        return v

    d = e.to_dict()
    d.pop("source")
    return walk(d)


#: A plan whose headings stand on lines of their own (read from the layout) and which has a
#: task table: a title line, and a table row, is never wrapped inside (a PDF wraps full lines,
#: and a title or a row is shorter), so breaks go anywhere but inside those lines.
LAYOUT_TEXT = DATA.joinpath("wuling_2023_autumn_winter.txt").read_text(encoding="utf-8")
_OWN_LINES = re.compile(
    r"(?m)^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.).*$|^.*\t.*$"
)


@st.composite
def distorted(draw: st.DrawFn, texts: list[str] = TEXTS) -> tuple[str, str]:
    text = draw(st.sampled_from(texts))
    chars = list(text)
    # a page-number line is never wrapped itself; nor is a line of its own in LAYOUT_TEXT
    inside_page_lines = {
        i for m in re.finditer(r"(?m)^[—-] \d+ [—-]$", text) for i in range(m.start() + 1, m.end())
    }
    if text is LAYOUT_TEXT:
        inside_page_lines |= {
            i for m in _OWN_LINES.finditer(text) for i in range(m.start() + 1, m.end())
        }
    swaps = draw(st.lists(st.integers(0, len(chars) - 1), max_size=40))
    for i in swaps:
        chars[i] = WIDTH.get(chars[i], chars[i])
    # page-number lines go between lines, line breaks anywhere
    newlines = [i for i, c in enumerate(chars) if c == "\n"]
    inserts: dict[int, str] = {}
    for i in draw(st.lists(st.sampled_from(newlines), max_size=4)):
        inserts[i] = "\n\n" + draw(st.sampled_from(PAGE_LINES)) + "\n\n"
    for i in draw(st.lists(st.integers(1, len(chars) - 1), max_size=25)):
        if i not in inside_page_lines:
            inserts.setdefault(i, "\n")
    out = "".join(inserts.get(i, "") + c for i, c in enumerate(chars))
    return text, out


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pair=distorted())
def test_layout_does_not_change_the_extraction(pair: tuple[str, str]) -> None:
    text, changed = pair
    assert canonical(extract(changed), changed) == canonical(extract(text), text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pair=distorted([LAYOUT_TEXT]))
def test_layout_of_title_lines_and_tables_is_read_the_same(pair: tuple[str, str]) -> None:
    """Headings read from title lines and tasks read from a table survive breaks inserted
    elsewhere (also right after a title line), page-number lines and width swaps."""
    text, changed = pair
    assert canonical(extract(changed), changed) == canonical(extract(text), text)
