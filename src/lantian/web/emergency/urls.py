"""Pages: ``path("emergency/", include("lantian.web.emergency.urls"))``."""

from django.urls import path

from lantian.web.emergency import (
    list_pages,
    notice_views,
    pages,
    urls_acknowledgement,
    urls_calendar,
    urls_verification,
)

urlpatterns = [
    # the command office's warning desk
    path("", pages.desk_page, name="emergency-desk"),
    path("forecasts/", pages.forecast_upload, name="emergency-forecast-upload"),
    path("forecasts/<int:pk>/", pages.forecast_page, name="emergency-forecast"),
    path("forecasts/<int:pk>/assess/", pages.assess_page, name="emergency-assess"),
    path("rules/", pages.rule_upload, name="emergency-rule-upload"),
    path("directives/", pages.directive_new, name="emergency-directive-new"),
    # warnings: the public reads those in force
    path("warnings/", pages.warnings_page, name="emergency-warnings"),
    path("warnings/<int:pk>/", pages.warning_page, name="emergency-warning"),
    path("warnings/<int:pk>/events/", pages.warning_event, name="emergency-warning-event"),
    path("warnings/<int:pk>/draw/", pages.draw_page, name="emergency-draw"),
    path("warnings/<int:pk>/inspections/", pages.inspect_page, name="emergency-inspect"),
    path(
        "warnings/<int:pk>/notice.docx",
        notice_views.notice_page,
        name="emergency-warning-notice",
    ),
    path("inspections/", pages.inspections_page, name="emergency-inspections"),
    # the reduction list
    path("list/", list_pages.list_page, name="emergency-list"),
    path("list/import/", list_pages.list_import, name="emergency-list-import"),
    path("enterprises/", list_pages.enterprises_page, name="emergency-enterprises"),
    path("enterprises/<int:pk>/", list_pages.enterprise_page, name="emergency-enterprise"),
    path("changes/", list_pages.changes_page, name="emergency-changes"),
    path(
        "changes/<str:kind>/<int:pk>/decide/",
        list_pages.change_decide,
        name="emergency-change-decide",
    ),
    # the enterprise's own pages
    path("mine/", list_pages.mine_page, name="emergency-mine"),
    path("mine/measure/", list_pages.propose_measure_page, name="emergency-propose-measure"),
    path("mine/staggered/", list_pages.propose_stagger_page, name="emergency-propose-stagger"),
]

urlpatterns += urls_calendar.pages + urls_verification.pages + urls_acknowledgement.pages
