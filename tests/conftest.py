"""Shared fixtures.  Data from ``../shared`` (beside the project) is read only through the
``shared`` fixture, which skips cleanly where that folder is absent, so a fresh clone passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_NAME = "000_469cae3db60a0aaf.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article as shipped in the project (corpora/xinzhou-2018)."""
    return (ROOT / "corpora" / "xinzhou-2018" / SEED_NAME).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "gold" / "seed.gold.json").is_file():
        pytest.skip("../shared (reference annotations and corpora) is not beside the project")
    return SHARED


@pytest.fixture(scope="session")
def gold(shared: Path) -> dict:
    return json.loads((shared / "gold" / "seed.gold.json").read_text(encoding="utf-8"))
