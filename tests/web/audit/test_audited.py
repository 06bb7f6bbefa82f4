"""audited(): model changes recorded with before/after, shown on org.User."""

from __future__ import annotations

import pytest

from lantian.web.audit.audited import audited
from lantian.web.audit.log import verify_log
from lantian.web.audit.models import AuditEntry
from lantian.web.org.models import User

pytestmark = pytest.mark.django_db


def test_creating_a_user_records_a_create_without_the_password(office: User) -> None:
    user = User(username="li", role="public")
    user.set_password("a long secret passphrase")
    with audited(office, user) as change:
        user.save()
    entry = change.entry
    assert entry is not None
    assert (entry.action, entry.object_type, entry.object_id) == (
        "create",
        "org.user",
        str(user.pk),
    )
    assert entry.before is None
    assert entry.after is not None
    assert entry.after["username"] == "li"
    assert entry.after["role"] == "public"
    assert "password" not in entry.after
    assert (entry.actor_id, entry.actor_name) == (office.pk, "office")


def test_changing_a_user_records_before_and_after(office: User) -> None:
    user = User.objects.create_user("li", role="public")
    with audited(office, user) as change:
        user.role = "inspector"
        user.save()
    entry = change.entry
    assert entry is not None
    assert entry.action == "update"
    assert entry.before is not None and entry.after is not None
    assert (entry.before["role"], entry.after["role"]) == ("public", "inspector")
    assert entry.before["date_joined"] == user.date_joined.isoformat()


def test_an_update_that_changes_nothing_is_not_recorded(office: User) -> None:
    user = User.objects.create_user("li", role="public")
    with audited(office, user) as change:
        user.save()
    assert change.entry is None
    assert AuditEntry.objects.count() == 0


def test_an_explicit_action_is_recorded_even_without_a_change(office: User) -> None:
    user = User.objects.create_user("li", role="public")
    with audited(office, user, action="unlock") as change:
        pass
    assert change.entry is not None
    assert change.entry.action == "unlock"


def test_deleting_a_user_records_a_delete(office: User) -> None:
    user = User.objects.create_user("li", role="public")
    user_id = user.pk
    with audited(office, user) as change:
        user.delete()
    entry = change.entry
    assert entry is not None
    assert (entry.action, entry.object_id, entry.after) == ("delete", str(user_id), None)
    assert entry.before is not None
    assert entry.before["username"] == "li"


def test_a_failed_change_records_nothing_and_is_rolled_back(office: User) -> None:
    user = User.objects.create_user("li", role="public")
    with pytest.raises(RuntimeError), audited(office, user):
        user.role = "inspector"
        user.save()
        raise RuntimeError("refused by a later check")
    assert AuditEntry.objects.count() == 0
    assert User.objects.get(pk=user.pk).role == "public"


def test_a_sequence_of_changes_forms_a_verified_chain(office: User) -> None:
    user = User(username="li", role="public")
    with audited(office, user):
        user.save()
    for role in ("inspector", "command_office"):
        with audited(office, user):
            user.role = role
            user.save()
    with audited(None, user):
        user.delete()
    assert list(AuditEntry.objects.values_list("action", flat=True)) == [
        "create",
        "update",
        "update",
        "delete",
    ]
    assert verify_log().checked == 4
    assert verify_log().ok
