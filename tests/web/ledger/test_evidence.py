"""The evidence rule: at most 10 MB, pdf/jpg/png/docx/xlsx, content matching the extension."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from lantian.web.ledger.evidence import MAX_EVIDENCE_BYTES, check_evidence
from tests.web.ledger.files import PDF, PNG

ZIP = b"PK\x03\x04\x14\x00"
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF"


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("a.pdf", PDF),
        ("照片.JPG", JPG),
        ("b.jpeg", JPG),
        ("c.png", PNG),
        ("d.docx", ZIP),
        ("e.xlsx", ZIP),
    ],
)
def test_allowed_types_pass(name: str, head: bytes) -> None:
    check_evidence(name, 1000, head[:16])


@pytest.mark.parametrize(
    ("name", "size", "head", "code"),
    [
        ("a.pdf", MAX_EVIDENCE_BYTES + 1, PDF, "too_large"),
        ("a.exe", 10, b"MZ", "bad_type"),
        ("a", 10, PDF, "bad_type"),
        ("a.doc", 10, b"\xd0\xcf\x11\xe0", "bad_type"),
        ("a.pdf", 10, PNG, "bad_content"),
        ("a.xlsx", 10, PDF, "bad_content"),
    ],
)
def test_refused_files_name_the_reason(name: str, size: int, head: bytes, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_evidence(name, size, head[:16])
    assert caught.value.code == code
    assert name in caught.value.messages[0]


def test_the_limit_itself_is_allowed() -> None:
    check_evidence("a.pdf", MAX_EVIDENCE_BYTES, PDF)
