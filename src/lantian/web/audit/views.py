"""``/audit/``: the audit log page, for the command office only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lantian.web.audit.log import stored_head
from lantian.web.audit.queries import entries_for
from lantian.web.audit.scopes import can_view_audit_log

PAGE_SIZE = 50


@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    if not can_view_audit_log(request.user):
        raise PermissionDenied
    entries = entries_for(request.user, request.GET)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "head": stored_head(),
        "filters": request.GET,
        "query": query.urlencode(),
    }
    return render(request, "audit/entry_list.html", context)
