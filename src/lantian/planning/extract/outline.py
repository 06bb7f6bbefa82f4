"""The numbering hierarchy of a plan: 一、 （一） 1. 1、 （1） ① 第一章 …

A plan numbers its parts with a few *kinds* of number, nested in the order they first appear
(the usual order is 一、 > （一） > 1. or 1、 > （1） > ①, but a plan may skip or reorder levels).
A candidate number is taken only where a number can stand, and only when it continues the
sequence:

- it starts a line of the normalised text, or follows the end of a sentence or clause
  (。；：) — so numbers inside a sentence ("分别达到10、35、50") are never outline numbers;
- a kind already open on the stack must continue with the next value (2 after 1); a new,
  deeper kind must start at 1 **or** continue that kind's numbering from an earlier parent
  (plans often number their tasks 1 … 36 straight through the sections (一) … (六)).

An excerpt may start inside the counts: the first number of a kind may take any value when
the next number of that kind continues it (三、 … 四、); such a start does not run on.

A number that fails these tests is text. Each item's *path* joins its ancestors' numbers with
"." (``三.（一）.1``, ``二.（四）``, ``三.（二）.6.（1）``), as the task template does.

**Tasks** (docs/plan_labelling.md §3) are read outside the sections that state the plan's
guiding ideas, targets or scope (指导思想, 总体要求, 工作目标, 主要目标, 实施范围 …, see
:data:`NON_TASK_HEADINGS`). The *task level* is one kind of number:

- the kind whose numbering **runs on** across parents — an item that continues the count of an
  earlier parent instead of starting at 1 (石家庄 3、 under （二）, 中原区 3. under （二）, the
  regional draft's （四） under 二、); if several kinds run on, the one with the most items;
- otherwise (every section restarts its count) the deepest kind at which some items carry the
  work themselves (no children) and others are bare titles over numbered sub-items
  (``6.生物质锅炉强化管理`` over (1) (2) beside ``5.加大燃煤锅炉拆改力度。…``);
- otherwise the kind most leaf items have.

Every item of the task level is a task; items numbered below it are **sub-items** inside their
task's text ((1)(2)…, ①②…). A part numbered without the task level (a 保障措施 whose
（一）…（七） have no children) gives its own lowest numbered items, the leaves.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lantian.planning.extract.numerals import circled_to_int, cn_to_int

__all__ = ["NON_TASK_HEADINGS", "TARGET_HEADINGS", "Item", "Outline", "parse_outline"]

_CN = "一二三四五六七八九十百〇零"

#: kind → pattern of the number (group "n" is its value). Order matters only for overlaps.
KINDS: dict[str, str] = {
    "cn": rf"(?P<cn>[{_CN}]{{1,4}})、",
    "pcn": rf"（(?P<pcn>[{_CN}]{{1,4}})）",
    "dot": r"(?P<dot>\d{1,3})\.(?!\d)",
    "dun": r"(?P<dun>\d{1,3})、(?!\d)",
    "par": r"（(?P<par>\d{1,3})）",
    "circ": r"(?P<circ>[①-⑳])",
    "zhang": rf"第(?P<zhang>[{_CN}]{{1,4}})章",
    "jie": rf"第(?P<jie>[{_CN}]{{1,4}})节",
}
_MARKER = re.compile(
    r"(?:^|(?<=[。；：]))(?:" + "|".join(KINDS.values()) + r")(?=[^\n])", re.MULTILINE
)

#: Headings (the start of an item's own text) of parts that hold no tasks.
NON_TASK_HEADINGS = (
    "指导思想",
    "总体思路",
    "总体要求",
    "基本思路",
    "基本原则",
    "工作原则",
    "主要目标",
    "工作目标",
    "总体目标",
    "目标任务",
    "实施范围",
    "适用范围",
    "编制依据",
    "工作依据",
    "目的依据",
)
#: Headings of the parts that state the plan's air-quality targets.
TARGET_HEADINGS = ("主要目标", "工作目标", "总体目标", "目标任务", "工作目的和目标", "目标")

#: Lines after which the plan's body has ended (signature blocks, distribution lists, links).
_BODY_END = re.compile(
    r"(?:^|(?<=[。）]))(?:原文地址|原文链接|抄送：|主题词|附件[：\d]|（此件公开发布）|（此件不公开）)",
    re.MULTILINE,
)

HEADING_MAX = 40


@dataclass
class Item:
    """One numbered item. Offsets are into the normalised text."""

    kind: str
    value: int
    label: str  # its path segment: "三", "（一）", "1", "（1）", "①", "第一章"
    start: int  # where its number starts
    body: int  # where its text starts (after the number)
    end: int = 0  # end of its whole region (children included)
    parent: Item | None = None
    children: list[Item] = field(default_factory=list)
    runs_on: bool = False  # continues the count of an earlier parent (value > 1 as a new kind)

    @property
    def path(self) -> str:
        parts: list[str] = []
        node: Item | None = self
        while node is not None:
            parts.append(node.label)
            node = node.parent
        return ".".join(reversed(parts))

    @property
    def own_end(self) -> int:
        """End of the item's own text (before its first child)."""
        return self.children[0].start if self.children else self.end

    def ancestors(self) -> list[Item]:
        out: list[Item] = []
        node = self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out


@dataclass
class Outline:
    text: str
    items: list[Item]  # every accepted item in document order
    body_end: int  # where the plan's body ends

    def own_text(self, item: Item) -> str:
        return self.text[item.body : item.own_end]

    def heading(self, item: Item) -> str:
        """The item's heading: its first sentence when short (≤ 40 characters, no comma)."""
        own = self.own_text(item)
        m = re.match(r"[^。！？；\n]*", own)
        first = m.group(0) if m else ""
        first = first.rstrip("：:，")
        return first if 0 < len(first) <= HEADING_MAX and "，" not in first else ""

    def starts_with(self, item: Item, words: tuple[str, ...]) -> bool:
        own = self.own_text(item).lstrip()
        return any(own.startswith(w) for w in words)

    def in_work_part(self, item: Item) -> bool:
        """Outside the parts that hold no tasks (指导思想, 工作目标 …)."""
        return not any(self.starts_with(a, NON_TASK_HEADINGS) for a in [item, *item.ancestors()])

    def task_kind(self) -> str | None:
        """The kind of number of the task level (see the module docstring)."""
        work = [i for i in self.items if self.in_work_part(i)]
        running = Counter(i.kind for i in work if i.runs_on)
        if running:
            counts = Counter(i.kind for i in work if i.kind in running)
            return counts.most_common(1)[0][0]
        depth = {i.kind: len(i.ancestors()) for i in work}
        mixed = [
            k
            for k in depth
            if any(i.kind == k and not i.children for i in work)
            and any(i.kind == k and i.children and self.is_title(i) for i in work)
        ]
        if mixed:
            return max(mixed, key=lambda k: depth[k])
        leaves = Counter(i.kind for i in work if not i.children)
        return leaves.most_common(1)[0][0] if leaves else None

    def is_title(self, item: Item) -> bool:
        """The item's own text is a bare title (short, no sentence or clause punctuation)."""
        own = self.own_text(item).strip()
        return 0 < len(own) <= HEADING_MAX and not re.search(r"[。！？；，]", own)

    def tasks(self) -> list[Item]:
        """Items of the task level, and leaves of parts numbered without it, outside the
        non-task parts (see the module docstring)."""
        kind = self.task_kind()
        out = []
        for item in self.items:
            if not self.in_work_part(item):
                continue
            if any(a.kind == kind for a in item.ancestors()):
                continue  # a sub-item: part of its task
            if item.kind != kind and item.children:
                continue
            if not self.text[item.body : item.end].strip():
                continue
            out.append(item)
        return out

    def target_parts(self) -> list[Item]:
        """Items whose heading names the plan's targets (工作目标, 主要目标 …)."""
        return [i for i in self.items if self.starts_with(i, TARGET_HEADINGS)]

    @property
    def body_start(self) -> int:
        return self.items[0].start if self.items else len(self.text)


def _value(kind: str, number: str) -> int:
    if kind in ("dot", "dun", "par"):
        return int(number)
    if kind == "circ":
        return circled_to_int(number)
    return cn_to_int(number)


def _label(kind: str, number: str) -> str:
    if kind == "pcn":
        return f"（{number}）"
    if kind == "par":
        return f"（{int(number)}）"
    if kind in ("dot", "dun"):
        return str(int(number))
    if kind == "zhang":
        return f"第{number}章"
    if kind == "jie":
        return f"第{number}节"
    return number


def parse_outline(text: str) -> Outline:
    """Find the numbered items of normalised ``text`` (see the module docstring)."""
    stack: list[Item] = []
    last: dict[str, int] = {}
    items: list[Item] = []
    marks = _marks(text)
    for k, (m, kind, number, value) in enumerate(marks):
        kinds = [i.kind for i in stack]
        excerpt = False
        if kind in kinds:
            depth = kinds.index(kind)
            if value != stack[depth].value + 1:
                continue
            del stack[depth:]
        elif value != 1 and value != last.get(kind, -1) + 1:
            # an excerpt starts inside the counts: the first number of a kind may take any
            # value when the next number of that kind continues it (三、 … 四、)
            if kind in last or not _continued(marks, k):
                continue
            excerpt = True
        item = Item(
            kind=kind,
            value=value,
            label=_label(kind, number),
            start=m.start(),
            body=m.end(),
            parent=stack[-1] if stack else None,
            runs_on=kind not in kinds and value != 1 and not excerpt,
        )
        if item.parent is not None:
            item.parent.children.append(item)
        stack.append(item)
        last[kind] = value
        items.append(item)

    body_end = len(text)
    if items:
        end_mark = _BODY_END.search(text, items[0].start)
        if end_mark:
            body_end = end_mark.start()
        items = [i for i in items if i.start < body_end]
        for i in items:
            i.children = [c for c in i.children if c.start < body_end]
    _set_ends(items, body_end)
    return Outline(text=text, items=items, body_end=body_end)


def _marks(text: str) -> list[tuple[re.Match[str], str, str, int]]:
    """Every candidate number: (match, kind, number as written, value)."""
    out: list[tuple[re.Match[str], str, str, int]] = []
    for m in _MARKER.finditer(text):
        kind = next(k for k in KINDS if m.group(k) is not None)
        number = m.group(kind)
        try:
            out.append((m, kind, number, _value(kind, number)))
        except ValueError:
            continue
    return out


def _continued(marks: list[tuple[re.Match[str], str, str, int]], k: int) -> bool:
    """Whether the next candidate of the kind of ``marks[k]`` has the next value."""
    _, kind, _, value = marks[k]
    nxt = next((v for _, kd, _, v in marks[k + 1 :] if kd == kind), None)
    return nxt == value + 1


def _set_ends(items: list[Item], body_end: int) -> None:
    """An item's region runs to the next item that is not its descendant."""
    for k, item in enumerate(items):
        end = body_end
        for later in items[k + 1 :]:
            if item not in later.ancestors():
                end = later.start
                break
        item.end = end
