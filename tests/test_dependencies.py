"""Dependency floors in pyproject.toml that keep out releases with published advisories."""

from __future__ import annotations

from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+
requirements = pytest.importorskip("packaging.requirements")

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def dependency(name: str):
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    [req] = [r for r in map(requirements.Requirement, project["dependencies"]) if r.name == name]
    return req


def test_pyarrow_floor_excludes_the_parquet_code_execution_advisory():
    """pyarrow 0.14.0 to 14.0.0 deserialize untrusted data in IPC and Parquet readers
    (CVE-2023-47248, GHSA-5wvp-7f3h-6wmm); 14.0.1 fixed it, and batch reads Parquet."""
    spec = dependency("pyarrow").specifier
    assert not spec.contains("14.0.0")
    assert spec.contains("14.0.1") and spec.contains("26.0.1")
