"""The TOML manifest of a set of tables: its version, its two files, its overrides; every
problem named at its line."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from lantian.emergency.guide_tables.model import (
    FileProblems,
    GuideVersion,
    OverrideRequest,
    Problem,
)

_MANIFEST_KEYS: dict[str, tuple[str, ...]] = {
    "guide": ("name", "keyed_by", "keyed_on", "issued", "title", "illustrative", "note"),
    "tables": ("industries", "measures"),
    "override": ("industry", "reason"),
}


def _key_lines(text: str) -> dict[tuple[str, int, str], int]:
    """(table, index of an array-of-tables entry, key) → line; key "" is the header's line."""
    out: dict[tuple[str, int, str], int] = {}
    counts: dict[str, int] = {}
    section, index = "", 0
    for n, raw in enumerate(text.splitlines(), 1):
        s = raw.strip()
        if s.startswith("["):
            name = s.split("#", 1)[0].strip().strip("[]").strip()
            index = counts[name] = counts.get(name, -1) + 1 if s.startswith("[[") else 0
            section = name
            out.setdefault((section, index, ""), n)
        elif "=" in s and not s.startswith("#"):
            key = s.split("=", 1)[0].strip().strip("\"'")
            out.setdefault((section, index, key), n)
    return out


@dataclass
class Manifest:
    """What a manifest says; a table path is None when it is missing (a problem names it)."""

    version: GuideVersion
    industries: Path | None
    measures: Path | None
    overrides: dict[str, OverrideRequest]


def read_manifest(path: Path, problems: list[Problem]) -> Manifest | None:
    """Read and check the manifest, appending every problem; None when it cannot be read."""
    bad = FileProblems(path, problems)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as e:
        bad.add(None, f"无法读取 / cannot read: {e.strerror or e}")
        return None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"at line (\d+)", str(e))
        bad.add(int(m.group(1)) if m else None, f"TOML 格式错误 / not valid TOML: {e}")
        return None
    lines = _key_lines(text)

    def at(section: str, key: str = "", index: int = 0) -> int | None:
        return lines.get((section, index, key)) or lines.get((section, index, ""))

    for key in doc:
        if key not in _MANIFEST_KEYS:
            bad.add(
                lines.get((key, 0, "")) or lines.get(("", 0, key)),
                f"未知项 / unknown entry [{key}]; 可用 / known: [guide], [tables], [[override]]",
            )
    guide = _table(doc, "guide", bad, at)
    tables = _table(doc, "tables", bad, at)

    def text_of(section: dict[str, Any], name: str, key: str, required: bool) -> str:
        v = section.get(key)
        if v is None or (isinstance(v, str) and not v.strip()):
            if required:
                bad.add(at(name, key), f"[{name}] {key}: 必填 / required")
            return ""
        if not isinstance(v, str):
            bad.add(at(name, key), f"[{name}] {key}: 须为文字 / must be a string")
            return ""
        return v.strip()

    def date_of(key: str, required: bool) -> date | None:
        v = guide.get(key)
        if v is None:
            if required:
                bad.add(at("guide", key), f"[guide] {key}: 必填 / required (e.g. 2026-12-01)")
            return None
        if isinstance(v, date):
            return v
        try:
            return date.fromisoformat(str(v))
        except ValueError:
            bad.add(
                at("guide", key), f"[guide] {key}: 不是日期 / not a date like 2026-12-01: {v!r}"
            )
            return None

    illustrative = guide.get("illustrative", False)
    if not isinstance(illustrative, bool):
        bad.add(
            at("guide", "illustrative"),
            "[guide] illustrative: 须为 true 或 false / must be true or false",
        )
        illustrative = False
    version = GuideVersion(
        name=text_of(guide, "guide", "name", True),
        keyed_by=text_of(guide, "guide", "keyed_by", True),
        keyed_on=date_of("keyed_on", True),
        issued=date_of("issued", False),
        title=text_of(guide, "guide", "title", False),
        illustrative=illustrative,
        note=text_of(guide, "guide", "note", False),
        manifest=path,
    )

    def table_path(key: str) -> Path | None:
        rel = text_of(tables, "tables", key, True)
        if not rel:
            return None
        p = path.parent / rel
        if not p.is_file():
            bad.add(at("tables", key), f"[tables] {key}: 文件不存在 / file not found: {p}")
            return None
        return p

    industries, measures = table_path("industries"), table_path("measures")
    overrides: dict[str, OverrideRequest] = {}
    entries = doc.get("override", [])
    if not isinstance(entries, list):
        bad.add(at("override"), "override 须写成 [[override]] / write it as [[override]]")
        entries = []
    for i, entry in enumerate(entries):
        line = lines.get(("override", i, ""))
        if not isinstance(entry, dict):
            bad.add(line, "[[override]] 须为表 / must be a table")
            continue
        for key in entry:
            if key not in _MANIFEST_KEYS["override"]:
                bad.add(
                    at("override", key, i),
                    f"[[override]] 未知项 / unknown key {key!r}; 可用 / known: industry, reason",
                )
        code = text_of(entry, "override", "industry", False)
        reason = text_of(entry, "override", "reason", False)
        if not code:
            bad.add(at("override", "industry", i), "[[override]] industry: 必填 / required")
        if not reason:
            bad.add(
                at("override", "reason", i), f"[[override]] {code}: 须写明理由 / reason required"
            )
        if code in overrides:
            bad.add(line, f"[[override]] {code} 重复 / twice")
        if code and reason:
            overrides[code] = OverrideRequest(code, reason, line)
    return Manifest(version, industries, measures, overrides)


def _table(doc: dict[str, Any], name: str, bad: FileProblems, at: Any) -> dict[str, Any]:
    section = doc.get(name)
    if section is None:
        bad.add(None, f"缺少 [{name}] / missing [{name}]")
        return {}
    if not isinstance(section, dict):
        bad.add(at(name), f"[{name}] 须为表 / must be a table")
        return {}
    for key in section:
        if key not in _MANIFEST_KEYS[name]:
            known = ", ".join(_MANIFEST_KEYS[name])
            bad.add(at(name, key), f"[{name}] 未知项 / unknown key {key!r}; 可用 / known: {known}")
    return section
