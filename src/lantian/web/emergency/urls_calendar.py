"""URLs of the calendar feature: ``pages`` under /emergency/, ``api`` under /api/emergency/."""

from typing import Any

from django.urls import path

from lantian.web.emergency import calendar_api, calendar_pages

pages: list[Any] = [
    path("calendar/", calendar_pages.calendar_page, name="emergency-calendar"),
    path("calendar/import/", calendar_pages.calendar_import_page, name="emergency-calendar-import"),
    path(
        "calendar/calendar.xlsx",
        calendar_pages.calendar_download,
        name="emergency-calendar-download",
    ),
]
api: list[Any] = [
    path("calendar/", calendar_api.CalendarView.as_view(), name="emergency-calendar-api"),
    path(
        "calendar/import/",
        calendar_api.CalendarImportView.as_view(),
        name="emergency-calendar-import-api",
    ),
]
