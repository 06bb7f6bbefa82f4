"""From a plan's text to a draft ledger (issue #5): ``extract(text, registry=…)``.

No Django: the web layer and the CLI call :func:`extract` / :func:`extract_file` and
:func:`lantian.planning.extract.score.score`. See docs/plan_extraction.md (the output shape)
and docs/plan_extraction_rules.md (how each part works and its limits).
"""

from lantian.planning.extract.extract import extract, extract_file
from lantian.planning.extract.items import Extraction
from lantian.planning.extract.registry import RegistryUnit, read_registry
from lantian.planning.extract.text import DocumentError, read_document

__all__ = [
    "DocumentError",
    "Extraction",
    "RegistryUnit",
    "extract",
    "extract_file",
    "read_document",
    "read_registry",
]
