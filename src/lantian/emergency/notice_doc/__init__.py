"""The warning notice (重污染天气预警通知) as a Word document.

:class:`WarningNotice` holds plain values: issuer, document number, level and response grade,
the forecast behind the decision (rule, triggering days, AQI range, primary pollutant), the start
of the measures and the expected end (or "解除时间另行通知"), the lines of the reduction list with
their measure and reduction at the level, the totals against the required reductions, the
transport-restricted enterprises, the health advice and a contact. :func:`notice_from` assembles
it from the core values (a :class:`~lantian.emergency.decision.Decision`, an issued
:class:`~lantian.emergency.lifecycle.WarningRecord`, a
:class:`~lantian.emergency.lines.ReductionList`); :func:`write_notice` writes the ``.docx`` in
official style (GB/T 9704 page and fonts, Chinese; English with ``lang="en"``).
Format and rules: ``docs/emergency_notice.md``.

The modules: :mod:`~lantian.emergency.notice_doc.values` (the values),
:mod:`~lantian.emergency.notice_doc.assemble` (which lines the notice lists),
:mod:`~lantian.emergency.notice_doc.wording` (its Chinese and English text),
:mod:`~lantian.emergency.notice_doc.docx_style` and :mod:`~lantian.emergency.notice_doc.
docx_writer` (the ``.docx``).
"""

from lantian.emergency.notice_doc.assemble import (
    NOTICE_ACTIONS,
    measure_en,
    measure_zh,
    notice_from,
)
from lantian.emergency.notice_doc.docx_style import (
    FONT_BODY,
    FONT_H1,
    FONT_LATIN,
    FONT_TABLE,
    FONT_TITLE,
    RED,
)
from lantian.emergency.notice_doc.docx_writer import write_notice
from lantian.emergency.notice_doc.values import (
    LANGS,
    POLLUTANT_TEXT,
    RECIPIENTS_EN,
    RECIPIENTS_ZH,
    Lang,
    NoticeRow,
    WarningNotice,
)
from lantian.emergency.notice_doc.wording import (
    Block,
    annex_titles,
    blocks,
    day_en,
    day_zh,
    response_en,
    title,
    when_en,
    when_zh,
)

__all__ = [
    "FONT_BODY",
    "FONT_H1",
    "FONT_LATIN",
    "FONT_TABLE",
    "FONT_TITLE",
    "LANGS",
    "NOTICE_ACTIONS",
    "POLLUTANT_TEXT",
    "RECIPIENTS_EN",
    "RECIPIENTS_ZH",
    "RED",
    "Block",
    "Lang",
    "NoticeRow",
    "WarningNotice",
    "annex_titles",
    "blocks",
    "day_en",
    "day_zh",
    "measure_en",
    "measure_zh",
    "notice_from",
    "response_en",
    "title",
    "when_en",
    "when_zh",
    "write_notice",
]
