"""Reading plan files and normalising their text with a map back to the original offsets."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from lantian.planning.extract.text import DocumentError, normalise, read_document


def test_page_number_lines_and_wrapped_lines_disappear() -> None:
    original = (
        "1.科学规划城区功能。严格落实总体规划和主\n\n— 3 —"
        "\n\n体功能区划。\n\n- 4 -\n第5页\n\n12"
        "\n\n牵头单位:中原规划分局"
    )
    n = normalise(original)
    assert n.text == "1.科学规划城区功能。严格落实总体规划和主体功能区划。\n牵头单位：中原规划分局"


def test_spaces_inside_chinese_and_full_width_forms_are_unified() -> None:
    n = normalise("中原政 〔２０１７〕２号，PM2.5 浓度 ６４．５ 微克/立方米(含)；VOCs LDAR")
    assert n.text == "中原政〔2017〕2号，PM2.5浓度64.5微克/立方米（含）；VOCs LDAR"


def test_superscripts_and_markdown_marks_go() -> None:
    n = normalise("#### （一）标题\n达到10mg/m<sup>3</sup>、PM<sub>10</sub>、5 mg/m³")
    assert n.text == "（一）标题达到10mg/m3、PM10、5mg/m3"


def test_comma_between_digits_is_a_thousands_separator_only_before_three_digits() -> None:
    assert normalise("共1,000辆，分别为10,35").text == "共1,000辆，分别为10，35"


def test_every_character_maps_back_to_where_it_came_from() -> None:
    original = "（市城管局牵头，\n\n市发改委、市农业农村局配合)对清洁取暖"
    n = normalise(original)
    s = n.text.index("市发改委")
    assert n.source(s, s + 4) == "市发改委"
    # the span of a name broken over a line keeps the break in the original
    s = n.text.index("牵头，市发改委")
    assert n.source(s, s + 7) == "牵头，\n\n市发改委"
    # a half-width bracket maps back to itself
    close = n.text.index("）")
    assert n.original[n.span(close, close + 1)[0]] == ")"


def test_sentence_end_and_outline_numbers_keep_their_line_break() -> None:
    n = normalise("二、工作目标\n2019年，全市\nPM2.5下降。\n（一）着力打好\n1、坚定不移")
    assert n.text.split("\n") == [
        "二、工作目标2019年，全市PM2.5下降。",
        "（一）着力打好",
        "1、坚定不移",
    ]


def test_txt_falls_back_to_gb18030(tmp_path: Path) -> None:
    p = tmp_path / "plan.txt"
    p.write_bytes("石政发〔2019〕3号".encode("gb18030"))
    assert read_document(p) == "石政发〔2019〕3号"


def test_docx_reads_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("1.压减过剩产能。")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "牵头单位"
    table.cell(0, 1).text = "市发改委"
    d.add_paragraph("2.深化治理。")
    p = tmp_path / "plan.docx"
    d.save(str(p))
    assert read_document(p) == "1.压减过剩产能。\n牵头单位\t市发改委\n2.深化治理。"


def test_pdf_without_a_text_layer_is_refused(tmp_path: Path) -> None:
    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    p = tmp_path / "scan.pdf"
    with p.open("wb") as f:
        w.write(f)
    with pytest.raises(DocumentError, match="no text layer"):
        read_document(p)


def _pdf_with_text(text: str) -> bytes:
    """A one-page PDF whose content stream shows ``text`` (ASCII) in Helvetica."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    p = tmp_path / "plan.pdf"
    p.write_bytes(_pdf_with_text("PM2.5 target 2019: 67 ug/m3 for the year"))
    assert "PM2.5 target 2019: 67 ug/m3" in read_document(p)


def test_unknown_file_types_and_missing_files_are_refused(tmp_path: Path) -> None:
    p = tmp_path / "plan.xls"
    p.write_bytes(b"x")
    with pytest.raises(DocumentError, match=r"plan\.xls: .*unsupported file type \.xls"):
        read_document(p)
    with pytest.raises(DocumentError, match="no such file"):
        read_document(tmp_path / "none.txt")


def test_a_task_table_is_read_row_by_row() -> None:
    # cells apart by tabs (a .docx table) or by two spaces; a unit column becomes its label
    text = (
        "四、重点项目\n序号\t项目名称\t责任单位\t完成时间\n"
        "1\t建成垃圾焚烧发电厂1座\t市城管局\t2024年6月底前\n"
        "2  改造城市燃气管网50公里  市住建局、市发改委  年底前\n"
        "五、保障措施"
    )
    assert normalise(text).text == (
        "四、重点项目\n序号项目名称责任单位完成时间\n"
        "1、建成垃圾焚烧发电厂1座；责任单位：市城管局；2024年6月底前。\n"
        "2、改造城市燃气管网50公里；责任单位：市住建局、市发改委；年底前。\n"
        "五、保障措施"
    )
    # without a 序号 header, a line starting with a number and a tab is ordinary text
    assert normalise("3\t月底前完成\n整改").text == "3月底前完成整改"
