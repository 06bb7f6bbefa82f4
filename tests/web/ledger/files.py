"""Small files for the evidence tests: real leading bytes of each type."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> object:
    return SimpleUploadedFile(name, content, content_type=content_type)
