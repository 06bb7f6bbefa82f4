"""Where the real sample data shipped with lantian live (``data/sample/``, see its PROVENANCE.md).

One definition for the CLI's demo, the platform's demo loader and the dashboard's default targets.
"""

from __future__ import annotations

from pathlib import Path

#: ``data/sample/`` of the checkout (the sample data are not installed as package data).
SAMPLE_DIR = Path(__file__).resolve().parents[2] / "data" / "sample"
#: The targets of 石政发〔2019〕3号 (docs/targets.md format).
SAMPLE_TARGETS = SAMPLE_DIR / "targets_shijiazhuang_2019.csv"
