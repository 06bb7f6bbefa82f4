"""The site frame (``web/base.html``): the language switch keeps the page's parameters."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_language_switch_keeps_the_other_query_parameters(client: Client) -> None:
    url = reverse("login")
    page = client.get(url, {"next": "/ledger/?status=overdue"}).content.decode()
    assert 'href="?next=%2Fledger%2F%3Fstatus%3Doverdue&amp;lang=en"' in page
    english = client.get(url, {"next": "/ledger/", "lang": "en"}).content.decode()
    assert 'href="?next=%2Fledger%2F&amp;lang=zh-hans"' in english  # lang replaced, not repeated
