"""Reading a plan (.txt, .docx, .pdf with a text layer) and normalising it for matching.

The extractor matches on a *normalised* copy of the text and reports every span in offsets of
the text as given. :func:`normalise` therefore builds the copy character by character and keeps,
for each character, the offset it came from (:class:`Normalised`).

What normalisation does (docs/plan_extraction_rules.md, "Text"):

- drops page-number lines (``— 3 —``, ``- 3 -``, ``第3页``, ``3/12``, a lone number between
  blank lines), blank lines, markdown heading marks (``## ``) and ``<sup>``/``<sub>`` tags;
- joins lines broken inside a sentence (PDF-to-text): a line break is kept (as ``\\n``) only
  when the line before ends a sentence (。！？；) or the text after starts an outline number
  (一、 （一） 1. 1、 （1） ①, even when itself split over lines) or a unit label (牵头单位：)
  and the line before does not end inside a list (a digit, 、, 和 …); every other break is
  removed;
- reads a task table (a line of cells starting 序号 … 牵头单位 … 完成时限, cells apart by a tab
  or two spaces) row by row: each row becomes ``N、task；牵头单位：units；time。`` on a line of
  its own, the added characters pointing at the gap before their cell;
- unifies full-width and half-width forms: digits and Latin letters become ASCII; brackets,
  commas, semicolons, colons, ! and ? become the Chinese (full-width) forms, except a comma or
  colon between digits (1,000; 10:30); ``．`` becomes ``.``; μ becomes µ; ³ ² ₂ become digits;
- removes spaces, except one space between two ASCII letters or two digits (``VOCs LDAR``);
  ``5 mg/m3`` becomes ``5mg/m3`` and ``DB13/T 2352`` becomes ``DB13/T2352``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lantian.airquality.errors import IngestError

__all__ = [
    "DocumentError",
    "Normalised",
    "continues_list",
    "normalise",
    "read_document",
]


class DocumentError(IngestError):
    """A plan file that cannot be read, as a whole (no line): ``str()`` is ``file: reason``."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(path, None, reason)


# -- reading -------------------------------------------------------------------------------

#: A PDF whose pages give fewer non-space characters than this is taken to have no text layer.
MIN_PDF_CHARS = 20


def read_document(path: str | Path) -> str:
    """The text of a plan file: ``.txt`` (UTF-8, else GB18030), ``.docx`` (paragraphs and table
    rows in document order, cells joined by a tab) or ``.pdf`` (its text layer, pages joined by
    a blank line). Anything else, or a PDF without a text layer, raises :class:`DocumentError`.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if not p.is_file():
        raise DocumentError(p, "文件不存在 / no such file")
    if suffix in (".txt", ".md", ".text"):
        return _read_txt(p)
    if suffix == ".docx":
        return _read_docx(p)
    if suffix == ".pdf":
        return _read_pdf(p)
    raise DocumentError(
        p, f"不支持的文件类型 / unsupported file type {suffix or '(none)'}: .txt, .docx, .pdf"
    )


def _read_txt(p: Path) -> str:
    data = p.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError(p, "无法解码 / cannot decode as UTF-8 or GB18030")  # pragma: no cover


def _read_docx(p: Path) -> str:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        raise DocumentError(p, "需要 python-docx / python-docx is needed") from exc
    try:
        document = docx.Document(str(p))
    except Exception as exc:  # python-docx raises several kinds for a bad package
        raise DocumentError(p, f"不是有效的 .docx 文件 / not a valid .docx file: {exc}") from exc
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = cell.text.replace("\n", " ")
                    if not cells or cells[-1] != text:  # merged cells repeat their text
                        cells.append(text)
                lines.append("\t".join(cells))
    return "\n".join(lines)


def _read_pdf(p: Path) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - pypdf is a dependency
        raise DocumentError(p, "需要 pypdf / pypdf is needed") from exc
    try:
        reader = PdfReader(str(p))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise DocumentError(p, f"不是有效的 PDF 文件 / not a valid PDF file: {exc}") from exc
    text = "\n\n".join(pages)
    if sum(1 for c in text if not c.isspace()) < MIN_PDF_CHARS:
        raise DocumentError(
            p,
            "PDF 没有文字层（扫描件？）/ the PDF has no text layer (a scan?): "
            "请先做文字识别 (OCR) 或提供 .docx / .txt",
        )
    return text


# -- normalisation --------------------------------------------------------------------------


@dataclass(frozen=True)
class Normalised:
    """The normalised text and, for each of its characters, the offset in the original."""

    original: str
    text: str
    index: tuple[int, ...]  # len(text) + 1 entries; the last is len(original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``[start, end)`` of normalised ``[start, end)``."""
        if end <= start:
            o = self.index[start]
            return (o, o)
        return (self.index[start], self.index[end - 1] + 1)

    def source(self, start: int, end: int) -> str:
        """The original text behind normalised ``[start, end)``."""
        s, e = self.span(start, end)
        return self.original[s:e]

    def spaced_before(self, i: int) -> bool:
        """Whether the original had spaces just before normalised ``i`` (a gap of white space
        holding more than line breaks: "局 县", also when a wrap falls next to the space)."""
        if i <= 0 or i >= len(self.text):
            return False
        gap = self.original[self.index[i - 1] + 1 : self.index[i]]
        return bool(gap) and not gap.strip() and bool(gap.replace("\n", "").replace("\r", ""))


_PAGE_LINE = re.compile(
    r"^(?:[—–\-－―─_~～]+\d{1,4}[—–\-－―─_~～]+"
    r"|第\d{1,4}页(?:[，,/]?共\d{1,4}页)?"
    r"|\d{1,4}/\d{1,4}"
    r"|[-—]?\d{1,4}[-—]?页)$"
)
_LONE_NUMBER = re.compile(r"^\d{1,4}$")
_MD_HEADING = re.compile(r"^[ \t]*#{1,6}(?:[ \t]+|$)")
_TAG = re.compile(r"<\s*/?\s*s\s*u\s*[pb]\s*>", re.IGNORECASE)

#: Outline numbers and unit labels: a line starting with one keeps the break before it.
STRUCTURE_START = re.compile(
    r"^(?:[一二三四五六七八九十百〇零]+、"
    r"|（[一二三四五六七八九十百〇零]+）"
    r"|\d{1,3}(?:\.(?!\d)|、)"
    r"|（\d{1,3}）"
    r"|[①-⑳]"
    r"|第[一二三四五六七八九十百]+[章节条部分]"
    r"|(?:牵头|责任|配合|协办|参与|主办|实施|协同)(?:单位|部门)："
    r")"
)
#: A line ending with one of these ends its sentence: the break after it is kept.
SENTENCE_END = "。！？；…"

# Single characters mapped one to one (full-width ASCII is handled by arithmetic below).
_CHAR_MAP = {
    "(": "（",
    ")": "）",
    ";": "；",
    "!": "！",
    "?": "？",
    "．": ".",
    "｡": "。",
    "［": "[",
    "］": "]",
    "～": "~",
    "－": "-",
    "–": "-",
    "μ": "µ",
    "³": "3",
    "²": "2",
    "₂": "2",
    "₃": "3",
    "ₓ": "x",
    "\u3000": " ",
    "\xa0": " ",
    "\t": " ",
    "\r": " ",
    "\ufeff": " ",
}
_KEEP_FULLWIDTH = set("（），；！？：")


def _map_char(c: str) -> str:
    if c in _CHAR_MAP:
        return _CHAR_MAP[c]
    o = ord(c)
    if 0xFF01 <= o <= 0xFF5E and c not in _KEEP_FULLWIDTH:
        return _map_char(chr(o - 0xFEE0))
    return c


def _is_ascii_alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _line_chars(line: str, offset: int, tags: set[int]) -> list[tuple[str, int]]:
    """Normalised characters of one line with their original offsets (``tags``: original
    offsets of <sup>/<sub> tags, which may span lines)."""
    skip: set[int] = set()
    m = _MD_HEADING.match(line)
    if m:
        skip.update(range(m.start(), m.end()))
    raw = [
        (_map_char(c), offset + i)
        for i, c in enumerate(line)
        if i not in skip and offset + i not in tags
    ]
    out: list[tuple[str, int]] = []
    n = len(raw)
    for k, (c, idx) in enumerate(raw):
        if c.isspace():
            if not out or not _is_ascii_alnum(out[-1][0]) or out[-1][0] == " ":
                continue
            nxt = next((raw[j][0] for j in range(k + 1, n) if not raw[j][0].isspace()), "")
            prev = out[-1][0]
            if _is_ascii_alnum(nxt) and prev.isdigit() == nxt.isdigit():
                out.append((" ", idx))
            continue
        if c in ",，:：":
            prev = out[-1][0] if out else ""
            nxt = next((raw[j][0] for j in range(k + 1, n) if not raw[j][0].isspace()), "")
            between_digits = prev.isdigit() and nxt.isdigit()
            if c in ",，":
                c = "," if between_digits and _thousands(raw, k) else "，"
            else:
                c = ":" if between_digits else "："
        out.append((c, idx))
    return out


def _thousands(raw: list[tuple[str, int]], k: int) -> bool:
    """A comma followed by exactly three digits is a thousands separator."""
    digits = 0
    for c, _ in raw[k + 1 :]:
        if c.isdigit():
            digits += 1
        else:
            break
    return digits == 3


def normalise(original: str) -> Normalised:
    """Normalise ``original`` (see the module docstring), keeping the offset map."""
    raw_lines: list[tuple[str, int, int]] = []  # (content, start offset, offset of its "\n")
    pos = 0
    for part in original.split("\n"):
        raw_lines.append((part, pos, pos + len(part)))
        pos += len(part) + 1
    tags = {i for t in _TAG.finditer(original) for i in range(t.start(), t.end())}
    blank = [
        not _strip("".join(c for i, c in enumerate(line, start) if i not in tags))
        for line, start, _ in raw_lines
    ]

    kept: list[tuple[list[tuple[str, int]], int]] = []
    forced: set[int] = set()  # kept lines that start a line of their own (table lines)
    header: list[str] | None = None
    for i, (line, start, end) in enumerate(raw_lines):
        if blank[i] or _is_page_line(_strip(line), i, blank):
            continue
        cells = _cells(line)
        names = [_strip(line[a:b]) for a, b in cells]
        if len(names) >= 3 and names[0] == "序号" and any(_COLUMN.search(n) for n in names):
            header = names
            chars = _line_chars(line, start, tags)
            forced.add(len(kept))
        elif header and len(names) == len(header) and re.fullmatch(r"\d{1,3}", names[0]):
            chars = _row_chars(line, start, tags, cells, header)
            forced.add(len(kept))
        else:
            header = None
            chars = _line_chars(line, start, tags)
        if chars:
            kept.append((chars, end))

    text: list[str] = []
    index: list[int] = []
    for k, (chars, _) in enumerate(kept):
        if k:
            prev_chars, prev_end = kept[k - 1]
            last = prev_chars[-1][0]
            if (
                last in SENTENCE_END
                or k in forced
                or (STRUCTURE_START.match(_head(kept, k)) and not continues_list(last))
            ):
                text.append("\n")
                index.append(prev_end)
        for c, idx in chars:
            text.append(c)
            index.append(idx)
    index.append(len(original))
    return Normalised(original=original, text="".join(text), index=tuple(index))


#: Cells of a table line: runs of text apart by a tab, a full-width space or two spaces.
_CELL = re.compile(r"[^\s\u3000]+(?: [^\s\u3000]+)*")
#: Header cells that make a line the head of a task table (序号 … 牵头单位 … 完成时限).
_COLUMN = re.compile(r"(?:单位|部门|时限|时间)$")
#: Unit columns: a row's cell under one is read as that label (牵头单位：…).
_UNIT_COLUMN = re.compile(r"^(?:牵头|责任|配合|协办|参与|主办|实施|协同)(?:单位|部门)$")


def _cells(line: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _CELL.finditer(line)]


def _row_chars(
    line: str, offset: int, tags: set[int], cells: list[tuple[int, int]], header: list[str]
) -> list[tuple[str, int]]:
    """A row of a task table as a numbered item: ``N、`` + its cells joined by ；, a cell under
    a unit column written as its label (``；牵头单位：市生态环境局``) and the row closed by 。.
    The added characters point at the gap before the cell (or the row's end)."""
    out: list[tuple[str, int]] = []
    for k, (a, b) in enumerate(cells):
        cell = _line_chars(line[a:b], offset + a, tags)
        if not cell:
            continue
        if k == 1:
            out.append(("、", offset + a - 1))
        elif k > 1:
            label = header[k] + "：" if _UNIT_COLUMN.match(header[k]) else ""
            out += [(c, offset + a - 1) for c in "；" + label]
        out += cell
    if out and out[-1][0] not in SENTENCE_END:
        out.append(("。", offset + cells[-1][1] - 1))
    return out


def _head(kept: list[tuple[list[tuple[str, int]], int]], k: int, size: int = 12) -> str:
    """The first ``size`` characters from line ``k`` on (a number may be split over lines)."""
    out: list[str] = []
    for chars, _ in kept[k:]:
        out.extend(c for c, _ in chars[: size - len(out)])
        if len(out) >= size:
            break
    return "".join(out)


def continues_list(c: str) -> bool:
    """A line ending so cannot end before an outline number (10、|35、50; 和|1套; PM|2.5)."""
    return c.isdigit() or c in "、，,和及与（[" or (c.isascii() and c.isalpha())


def _strip(line: str) -> str:
    return "".join(_map_char(c) for c in line if not c.isspace() and c not in "\u3000\xa0\ufeff")


def _is_page_line(stripped: str, i: int, blank: list[bool]) -> bool:
    if _PAGE_LINE.match(stripped):
        return True
    if _LONE_NUMBER.match(stripped):
        before = i == 0 or blank[i - 1]
        after = i == len(blank) - 1 or blank[i + 1]
        return before and after
    return False
