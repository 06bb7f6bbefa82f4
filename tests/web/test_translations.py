"""One wording per message: Django merges the catalogues (the project's first, then the apps in
``INSTALLED_APPS`` order), so a message translated two ways shows the winner's words on the
loser's pages. A message that means two things carries a context (``pgettext``)."""

from __future__ import annotations

import gettext
from collections import defaultdict
from pathlib import Path

import lantian.web

WEB = Path(lantian.web.__file__).parent
CATALOGUES = sorted(WEB.glob("**/locale/zh_Hans/LC_MESSAGES/django.mo"))


def _catalogue(mo: Path) -> dict[str, str]:
    with mo.open("rb") as f:
        # the compiled catalogue as read by the standard library: "context\x04msgid" → msgstr
        return dict(gettext.GNUTranslations(f)._catalog)  # type: ignore[attr-defined]


def test_the_project_and_its_apps_have_catalogues() -> None:
    names = {mo.relative_to(WEB).parts[0] for mo in CATALOGUES}
    assert {"locale", "ledger", "emergency", "dashboard", "audit"} <= names


def test_no_message_is_translated_two_ways() -> None:
    seen: dict[str, dict[str, str]] = defaultdict(dict)
    for mo in CATALOGUES:
        for msgid, msgstr in _catalogue(mo).items():
            if msgid:  # "" is the header
                seen[msgid][str(mo.relative_to(WEB).parent.parent.parent)] = msgstr
    clashes = {k: v for k, v in seen.items() if len(set(v.values())) > 1}
    assert clashes == {}


def test_the_same_word_in_two_senses_has_a_context() -> None:
    from django.utils import translation

    from lantian.web.org.roles import AreaLevel, Role

    with translation.override("zh-hans"):
        assert str(Role.AREA.label) == "属地"  # the role: the territorial authority
        assert translation.gettext("Area") == "区域"  # an area in a table or filter
        assert str(AreaLevel.CITY.label) == "市"  # the administrative level
        assert translation.gettext("City") == "城市"
        assert translation.pgettext("warning", "decision") == "研判结论"
        assert translation.gettext("decision") == "决定"  # of a request
