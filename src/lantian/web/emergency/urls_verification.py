"""URLs of the verification feature: ``pages`` under /emergency/, ``api`` under /api/emergency/."""

from typing import Any

from django.urls import path

from lantian.web.emergency import verification_views

pages: list[Any] = [
    path("verification/", verification_views.verification_page, name="emergency-verification"),
]
api: list[Any] = [
    path(
        "verification/",
        verification_views.VerificationView.as_view(),
        name="emergency-verification-api",
    ),
]
