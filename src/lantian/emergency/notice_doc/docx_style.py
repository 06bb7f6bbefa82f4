"""python-docx pieces in official style (GB/T 9704): fonts, paragraphs, the red rule under the
document number, A4 pages, the page number and tables.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

#: Fonts (GB/T 9704): body 3号仿宋, headings 黑体, title 2号小标宋; tables 宋体.
FONT_BODY = "仿宋"
FONT_H1 = "黑体"
FONT_TITLE = "方正小标宋简体"
FONT_TABLE = "宋体"
FONT_LATIN = "Times New Roman"
RED = RGBColor(0xE6, 0x00, 0x12)
SIZE_BODY = Pt(16)  # 三号
SIZE_TITLE = Pt(22)  # 二号
SIZE_TABLE = Pt(10.5)  # 五号


def set_fonts(element: Any, east_asia: str, latin: str = FONT_LATIN) -> None:
    """Set the Latin and East Asian typefaces on the ``w:rPr`` of a run's or a style's element
    (``w:eastAsia`` is what Word uses for Chinese characters)."""
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def add_run(
    p: Paragraph,
    text: str,
    font: str = FONT_BODY,
    size: Pt = SIZE_BODY,
    bold: bool = False,
    colour: RGBColor | None = None,
) -> None:
    r = p.add_run(text)
    set_fonts(r._r, font)
    r.font.size = size
    r.font.bold = bold
    if colour is not None:
        r.font.color.rgb = colour


def add_para(
    doc: DocxDocument,
    text: str = "",
    *,
    font: str = FONT_BODY,
    size: Pt = SIZE_BODY,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = False,
    bold: bool = False,
    colour: RGBColor | None = None,
) -> Paragraph:
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28) if size <= SIZE_BODY else Pt(36)
    fmt.space_before = fmt.space_after = Pt(0)
    if align is not None:
        p.alignment = align
    if indent:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Pt(2 * 16)  # two characters of 三号
    if text:
        add_run(p, text, font, size, bold, colour)
    return p


#: The children of ``w:pPr`` that come after ``w:pBdr`` (the schema's order; Word is strict).
_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def add_rule(p: Paragraph) -> None:
    """A red line under the paragraph (the 红头's separator)."""
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "12")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "E60012")
    borders.append(bottom)
    ppr.insert_element_before(borders, *_AFTER_PBDR)


def set_page(doc: DocxDocument, landscape: bool = False) -> None:
    section = doc.sections[-1]
    a4 = (Cm(21.0), Cm(29.7))
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = a4[1], a4[0]
        section.top_margin = section.bottom_margin = Cm(2.6)
        section.left_margin, section.right_margin = Cm(3.7), Cm(3.5)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = a4
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)


def add_page_number(doc: DocxDocument) -> None:
    """Footer ``— 1 —`` (a PAGE field), centred."""
    p = doc.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(p, "— ", FONT_BODY, Pt(14))
    r = p.add_run()
    set_fonts(r._r, FONT_BODY)
    r.font.size = Pt(14)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        if kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            r._r.append(instr)
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r._r.append(fld)
    add_run(p, " —", FONT_BODY, Pt(14))


def _cell(cell: _Cell, text: str, *, bold: bool = False, align: str = "left") -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    p = cell.paragraphs[0]
    p.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    add_run(p, text, FONT_TABLE, SIZE_TABLE, bold)


def add_table(
    doc: DocxDocument,
    head: list[str],
    rows: list[list[str]],
    widths_cm: list[float],
    numeric_from: int,
) -> Table:
    t: Table = doc.add_table(rows=1 + len(rows), cols=len(head))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = t.rows[0]
    trpr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # repeat the heading row on every page
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for c, h in zip(header.cells, head, strict=True):
        _cell(c, h, bold=True, align="center")
    for row, values in zip(t.rows[1:], rows, strict=True):
        for i, (c, v) in enumerate(zip(row.cells, values, strict=True)):
            _cell(c, v, align="right" if i >= numeric_from else "left")
    t.autofit = False
    for col, w in zip(t.columns, widths_cm, strict=True):
        col.width = Cm(w)  # w:gridCol
    for row in t.rows:
        for c, w in zip(row.cells, widths_cm, strict=True):
            c.width = Cm(w)  # w:tcW
    return t
