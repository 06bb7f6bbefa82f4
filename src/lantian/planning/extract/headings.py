"""A task's heading (docs/plan_labelling.md §3), read from its text and, where needed, its layout.

Two rules, the first that gives a heading wins:

1. **The title sentence**: the item's first sentence, up to its 。 (or up to a kept line
   break), when it has at most 40 characters and no comma (``1、坚定不移化解过剩产能。持续…``;
   ``（2）淘汰燃煤锅炉`` over the sub-items on the next line). Line breaks play no part in it,
   so it does not depend on where a PDF wraps its lines.
2. **The title line**: when the first sentence is no title (it has a comma or runs longer),
   the item's first line *in the text as given* is its heading if that line is a title
   standing alone — ``30.强化露天堆场扬尘污染治理`` with the text ``所有露天堆场，必须…`` on the
   next line. The normaliser joins the two lines (a break after a line without punctuation is
   read as a wrap), so the rule looks at the original. A break counts as the end of a title
   line only when

   - the text from the number to the break has 2–40 characters, none of 。！？；，：, no open
     bracket or quote, and does not end inside a list (a digit, 、, 和, 及 …);
   - the line is **clearly shorter than the text's full lines** (its display width — CJK
     characters count two — at least 4 below the 90th percentile of the widths of the text's
     lines): a PDF wraps only full lines, so a short line ends where the author ended it, while
     a full line that breaks before the first comma (``(1)生物质成型燃料锅炉应使用专用锅炉并配套
     袋式除尘设\\n施，…``) is a wrap and gives no heading;
   - the next line starts a new sentence (not with a closing bracket, quote or punctuation).

The heading is given as written in the text (brackets and digits in their original width, line
breaks and page-number lines left out): it quotes the source, like the other texts.
"""

from __future__ import annotations

import re
import unicodedata

from lantian.planning.extract.outline import HEADING_MAX, Item, Outline
from lantian.planning.extract.text import Normalised, continues_list

__all__ = ["full_line_width", "heading_span", "written"]

#: A title line ends at least this much (display width; a CJK character is 2) short of full.
SHORT_BY = 4
_NOT_IN_TITLE = re.compile(r"[。！？；，：\n]")
_NOT_AFTER = set("，。；：、！？）”’》〕]")


def display_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def full_line_width(original: str) -> int:
    """The width of the text's full lines: the 90th percentile of its lines' display widths
    (stripped; blank lines left out)."""
    widths = sorted(display_width(line.strip()) for line in original.split("\n") if line.strip())
    if not widths:
        return 0
    return widths[min(len(widths) - 1, (len(widths) * 9) // 10)]


def heading_span(
    doc: Normalised, outline: Outline, item: Item, full_width: int
) -> tuple[int, int] | None:
    """Normalised ``[start, end)`` of the item's heading, or None (see the module docstring)."""
    sentence = outline.heading(item)
    if sentence:
        return item.body, item.body + len(sentence)
    return _title_line(doc, item, full_width)


def _title_line(doc: Normalised, item: Item, full_width: int) -> tuple[int, int] | None:
    text = doc.text
    stop = min(item.own_end, item.body + HEADING_MAX + 1, len(text) - 1)
    for j in range(item.body + 1, stop + 1):
        if _NOT_IN_TITLE.match(text[j - 1]):
            return None
        if not _original_break(doc, j):
            continue
        title = text[item.body : j]
        if (
            len(title) < 2
            or continues_list(title[-1])
            or not _balanced(title)
            or text[j] in _NOT_AFTER
            or _line_width(doc, j - 1) > full_width - SHORT_BY
        ):
            return None
        return item.body, j
    return None


def _original_break(doc: Normalised, j: int) -> bool:
    """Whether the original has a line break between normalised ``j - 1`` and ``j``."""
    return "\n" in doc.original[doc.index[j - 1] + 1 : doc.index[j]]


def _line_width(doc: Normalised, i: int) -> int:
    """Display width of the original line holding normalised character ``i``."""
    o = doc.index[i]
    start = doc.original.rfind("\n", 0, o) + 1
    end = doc.original.find("\n", o)
    return display_width(doc.original[start : end if end >= 0 else len(doc.original)].strip())


def _balanced(title: str) -> bool:
    return title.count("（") == title.count("）") and title.count("“") == title.count("”")


def written(doc: Normalised, start: int, end: int) -> str:
    """Normalised ``[start, end)`` as written in the original: each character in its original
    form, spaces inside a line kept, line breaks and dropped lines (page numbers) left out."""
    out: list[str] = []
    for i in range(start, end):
        if doc.text[i] == "\n":
            continue
        o = doc.index[i]
        if out and i > start:
            gap = doc.original[doc.index[i - 1] + 1 : o]
            if gap and "\n" not in gap and not gap.strip():
                out.append(gap)
        out.append(doc.original[o])
    return "".join(out)
