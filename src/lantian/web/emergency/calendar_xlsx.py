"""The calendar as a workbook for publication (公示): the periods in the calendar file's format
(so the sheet reads back with ``read_calendar``), the industry summary per day and the
conflicts. A summary reader (department, area) gets the industry summary only."""

from __future__ import annotations

import io
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook

from lantian.emergency.calendar_file import calendar_rows, fill_sheet
from lantian.web.emergency.calendar import CalendarData
from lantian.web.emergency.calendar_grid import industry_name

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SUMMARY_HEAD = [
    "日期",
    "行业",
    "生产线数",
    "停产线数",
    "限产线数",
    "基准产能(日均)",
    "削减产能(日均)",
    "产能单位",
    "削减比例",
]
CONFLICT_HEAD = ["冲突", "生产线编号", "开始日期", "结束日期", "说明"]


def workbook(data: CalendarData) -> bytes:
    wb = Workbook()
    first = wb.active
    assert first is not None
    if data.detail:
        fill_sheet(first, calendar_rows(data.rows()))
        summary = wb.create_sheet()
    else:
        summary = first
    summary.title = "行业汇总"
    summary.append(SUMMARY_HEAD)
    for r in data.industry_days:
        summary.append(
            [
                r.day,
                industry_name(r.industry),
                r.lines,
                r.stopped,
                r.limited,
                r.baseline,
                r.cut,
                r.unit,
                r.share_cut,
            ]
        )
        summary.cell(row=summary.max_row, column=1).number_format = "yyyy-mm-dd"
        summary.cell(row=summary.max_row, column=9).number_format = "0.0%"
    summary.freeze_panes = "A2"
    if data.detail:
        conflicts = wb.create_sheet("冲突")
        conflicts.append(CONFLICT_HEAD)
        for c in data.conflicts:
            conflicts.append([c.kind, c.line_id, c.start, c.end, c.reason])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def file_name(data: CalendarData) -> str:
    q = data.query
    city = q.city.name if q.city is not None else "calendar"
    return f"{city}-错峰生产日历-{q.start.isoformat()}-{q.end.isoformat()}.xlsx"


def download(data: CalendarData) -> HttpResponse:
    answer = HttpResponse(workbook(data), content_type=XLSX)
    answer["Content-Disposition"] = (
        f"attachment; filename=\"calendar.xlsx\"; filename*=UTF-8''{quote(file_name(data))}"
    )
    return answer
