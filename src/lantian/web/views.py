"""The home page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lantian.web.access import role_of


def home(request: HttpRequest) -> HttpResponse:
    """Who is logged in, with which role, and where the API is described."""
    return render(request, "web/home.html", {"role": role_of(request.user)})
