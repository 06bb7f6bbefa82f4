"""Description of the machine a benchmark ran on (CPU, memory, Python and library versions)."""

from __future__ import annotations

import platform
import subprocess
from importlib import metadata
from typing import Any

LIBRARIES = ("lantian", "duckdb", "polars", "pyarrow", "deltalake", "pandas", "numpy",
             "aqi-hub", "python-aqi", "psutil")  # fmt: skip


def _lscpu() -> dict[str, str]:
    try:
        text = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    keep = ("Architecture", "Model name", "CPU(s)", "Thread(s) per core", "CPU max MHz",
            "L2 cache", "L3 cache", "Hypervisor vendor")  # fmt: skip
    out = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in keep:
            out[key.strip()] = value.strip()
    return out


def _memory_gb() -> float | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        return None
    return None


def describe() -> dict[str, Any]:
    versions = {}
    for lib in LIBRARIES:
        try:
            versions[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            versions[lib] = None
    return {
        "cpu": _lscpu(),
        "memory_gb": _memory_gb(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "libraries": versions,
    }
