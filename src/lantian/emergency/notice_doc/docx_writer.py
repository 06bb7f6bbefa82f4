"""The notice as a ``.docx`` (:func:`write_notice`) in official style (GB/T 9704 page and fonts,
Chinese; English with ``lang="en"``): the 红头, the body, the signature, then the annexes.
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from typing import IO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table

from lantian.emergency.levels import POLLUTANTS
from lantian.emergency.notice_doc.docx_style import (
    FONT_BODY,
    FONT_H1,
    FONT_TITLE,
    RED,
    SIZE_BODY,
    SIZE_TITLE,
    add_page_number,
    add_para,
    add_rule,
    add_run,
    add_table,
    set_fonts,
    set_page,
)
from lantian.emergency.notice_doc.values import (
    LANGS,
    POLLUTANT_TEXT,
    Lang,
    NoticeRow,
    WarningNotice,
)
from lantian.emergency.notice_doc.wording import (
    annex_titles,
    blocks,
    day_en,
    day_zh,
    title,
    tonnes,
)


def _merge_enterprises(t: Table, rows: tuple[NoticeRow, ...], columns: tuple[int, ...]) -> None:
    """Merge the cells of ``columns`` down each enterprise's consecutive rows (``w:vMerge``;
    the table's first row is the heading). The text is in the first row of each enterprise."""
    trs = t._tbl.tr_lst[1:]
    for i, r in enumerate(rows):
        first = i == 0 or rows[i - 1].enterprise_id != r.enterprise_id
        last = i == len(rows) - 1 or rows[i + 1].enterprise_id != r.enterprise_id
        if first and last:
            continue
        for col in columns:
            trs[i].tc_lst[col].vMerge = "restart" if first else "continue"


def _enterprise_cells(rows: tuple[NoticeRow, ...]) -> list[tuple[str, str]]:
    """(number, name) of each row's enterprise, blank below its first row (merged cells)."""
    numbers: dict[str, int] = {}
    out = []
    for r in rows:
        new = r.enterprise_id not in numbers
        n = numbers.setdefault(r.enterprise_id, len(numbers) + 1)
        out.append((str(n), r.enterprise) if new else ("", ""))
    return out


def _line_text(r: NoticeRow) -> str:
    return f"{r.line}（{r.line_id}）" if r.line else r.line_id


def _annex_heading(doc: DocxDocument, number: int, text: str, lang: Lang) -> None:
    label = f"附件{number}" if lang == "zh" else f"Annex {number}"
    add_para(doc, label, font=FONT_H1)
    add_para(doc, text, font=FONT_TITLE, size=Pt(18), align=WD_ALIGN_PARAGRAPH.CENTER)


def _annex_measures(doc: DocxDocument, n: WarningNotice, lang: Lang) -> None:
    zh = lang == "zh"
    names = [POLLUTANT_TEXT[p][1] for p in POLLUTANTS]
    if zh:
        head = ["序号", "企业名称", "生产线（编号）", "行业", "绩效等级/类别", "减排措施"]
        head += [f"{x}削减量（吨/日）" for x in ("SO2", "NOx", "颗粒物", "VOCs")]
    else:
        head = ["No.", "Enterprise", "Line (id)", "Industry", "Grade / category", "Measure"]
        head += [f"{x} cut (t/d)" for x in names]
    who = _enterprise_cells(n.rows)
    body = [
        [
            *who[i],
            _line_text(r),
            r.industry_zh if zh else r.industry_en,
            r.grade or "—",
            r.measure_zh if zh else r.measure_en,
            *(tonnes(r.reductions.get(p, 0.0)) for p in POLLUTANTS),
        ]
        for i, r in enumerate(n.rows)
    ]
    if not body:
        body = [["—", "无" if zh else "none", "", "", "", "", "", "", "", ""]]
    widths = [1.0, 3.2, 3.6, 2.2, 1.8, 4.3, 1.6, 1.6, 1.6, 1.6]
    if n.sources:
        add_para(doc, "一、工业企业" if zh else "Part 1. Industrial enterprises", font=FONT_H1)
    t = add_table(doc, head, body, widths, numeric_from=6)
    if n.rows:
        _merge_enterprises(t, n.rows, (0, 1))
    if n.sources:
        sub = "二、非工业源（估算削减）" if zh else "Part 2. Non-industrial sources"
        add_para(doc, "")
        add_para(doc, sub, font=FONT_H1)
        head2 = ["序号", "管控对象", "措施"] if zh else ["No.", "Source", "Measure"]
        head2 += head[6:]
        body2 = [
            [
                str(i + 1),
                _line_text(r),
                r.measure_zh if zh else r.measure_en,
                *(tonnes(r.reductions.get(p, 0.0)) for p in POLLUTANTS),
            ]
            for i, r in enumerate(n.sources)
        ]
        add_table(doc, head2, body2, [1.0, 6.0, 5.1, 2.6, 2.6, 2.6, 2.6], numeric_from=3)
    note = (
        "注：削减量 = 生产线日基准排放量 × 措施削减比例；自主减排不计削减量。"
        if zh
        else "Note: cut = the line's daily baseline emission × the measure's reduction share; "
        "own measures count no cut."
    )
    if n.synthetic:
        note += (
            "本清单含合成数据（合成企业），仅供演示。"
            if zh
            else " The list holds synthetic data (invented enterprises), for demonstration only."
        )
    add_para(doc, note, font=FONT_BODY, size=Pt(12))


def _annex_totals(doc: DocxDocument, n: WarningNotice, lang: Lang) -> None:
    zh = lang == "zh"
    head = (
        [
            "污染物",
            "全市日排放量（吨/日）",
            "要求减排比例",
            "要求削减量（吨/日）",
            "清单削减量（吨/日）",
            "清单削减比例",
            "结果",
        ]
        if zh
        else [
            "Pollutant",
            "City emission (t/d)",
            "Required share",
            "Required cut (t/d)",
            "List cut (t/d)",
            "List share",
            "Result",
        ]
    )
    body = []
    for t in n.totals:
        if t.passes:
            verdict = "达标" if zh else "passes"
        else:
            gap = tonnes(t.shortfall)
            verdict = f"缺口 {gap} 吨/日" if zh else f"short by {gap} t/d"
        name_zh, name_en = POLLUTANT_TEXT[t.pollutant]
        body.append(
            [
                f"{name_zh}（{name_en}）" if zh else name_en,
                tonnes(t.city),
                f"{100 * t.ratio:.0f}%",
                tonnes(t.required),
                tonnes(t.achieved),
                f"{100 * t.achieved_ratio:.1f}%",
                verdict,
            ]
        )
    add_table(doc, head, body, [3.6, 3.2, 2.4, 3.2, 3.2, 2.4, 4.5], numeric_from=1)
    note = (
        "注：要求削减量 = 全市日排放量 × 要求减排比例；清单削减量为附件1各项削减量之和。"
        if zh
        else "Note: required cut = the city's daily emission × the required share; the list's "
        "cut is the sum of Annex 1."
    )
    add_para(doc, note, font=FONT_BODY, size=Pt(12))


def _annex_transport(doc: DocxDocument, n: WarningNotice, lang: Lang) -> None:
    zh = lang == "zh"
    head = (
        ["序号", "企业名称", "生产线（编号）", "运输管控措施"]
        if zh
        else ["No.", "Enterprise", "Line (id)", "Transport measure"]
    )
    who = _enterprise_cells(n.transport)
    body = [
        [*who[i], _line_text(r), r.transport_zh if zh else r.transport_en]
        for i, r in enumerate(n.transport)
    ]
    if not body:
        body = [["—", "无" if zh else "none", "", ""]]
    t = add_table(doc, head, body, [1.0, 6.0, 7.0, 8.5], numeric_from=len(head))
    if n.transport:
        _merge_enterprises(t, n.transport, (0, 1))


def write_notice(
    notice: WarningNotice, path_or_stream: str | Path | IO[bytes], lang: str = "zh"
) -> None:
    """Write ``notice`` as a .docx: 红头 with the issuer, the document number, the title, the
    body, the attachment list, the signature and date, then the annexes (landscape A4): the
    measures per enterprise, the reductions against the required ones, the transport list."""
    if lang not in LANGS:
        raise ValueError(f"未知语言 {lang!r} (unknown language {lang!r}; expected zh or en)")
    lg: Lang = "zh" if lang == "zh" else "en"
    zh = lg == "zh"
    doc = Document()
    normal = doc.styles["Normal"]
    set_fonts(normal.element, FONT_BODY)
    assert isinstance(normal, ParagraphStyle)
    normal.font.size = SIZE_BODY
    set_page(doc)
    add_page_number(doc)
    props = doc.core_properties
    props.title = title(notice, lg)
    props.author = notice.issuer
    props.created = notice.issued_at.astimezone(UTC)  # written with a Z
    props.modified = props.created
    props.language = "zh-CN" if zh else "en"

    add_para(
        doc,
        notice.issuer,
        font=FONT_TITLE,
        size=Pt(26),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        colour=RED,
    )
    number = notice.document_number or ("（待编号）" if zh else "(number to be assigned)")
    p = add_para(doc, "", align=WD_ALIGN_PARAGRAPH.CENTER)
    p.paragraph_format.space_before = Pt(12)
    add_run(p, number if zh else f"No. {number}")
    add_rule(p)
    add_para(doc, "")
    add_para(
        doc, title(notice, lg), font=FONT_TITLE, size=SIZE_TITLE, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    add_para(doc, "")
    for kind, text in blocks(notice, lg):
        if kind == "to":
            add_para(doc, text)
        elif kind == "h1":
            add_para(doc, text, font=FONT_H1, indent=True)
        else:
            add_para(doc, text, indent=True)
    add_para(doc, "")
    annexes = annex_titles(notice, lg)
    for i, text in enumerate(annexes, start=1):
        if zh:  # 附件：1. …, the following numbers under the first
            label = "附件：" if i == 1 else "　　　"
            add_para(doc, f"{label}{i}. {text}", indent=True)
        else:
            if i == 1:
                add_para(doc, "Annexes:", indent=True)
            add_para(doc, f"{i}. {text}", indent=True)
    add_para(doc, "")
    add_para(doc, "")
    add_para(doc, notice.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT)
    date = day_zh(notice.issued_at) if zh else day_en(notice.issued_at)
    add_para(doc, date, align=WD_ALIGN_PARAGRAPH.RIGHT)
    if notice.contact:
        contact = f"（联系人及电话：{notice.contact}）" if zh else f"(Contact: {notice.contact})"
        add_para(doc, contact, indent=True)

    for i, (text, write) in enumerate(
        zip(annexes, (_annex_measures, _annex_totals, _annex_transport), strict=True), start=1
    ):
        doc.add_section(WD_SECTION.NEW_PAGE)
        set_page(doc, landscape=True)
        _annex_heading(doc, i, text, lg)
        add_para(doc, "", size=Pt(10))
        write(doc, notice, lg)
    doc.save(path_or_stream if not isinstance(path_or_stream, Path) else str(path_or_stream))
