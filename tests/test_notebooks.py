"""Each committed notebook runs from a clean kernel without an error, within two minutes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def test_the_three_notebooks_are_there() -> None:
    assert [p.name for p in NOTEBOOKS] == ["01-seed-walkthrough.ipynb", "02-slogans-over-time.ipynb", "03-fact-check.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    committed_images = sum(1 for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {}))
    assert committed_images >= 1  # committed with its figures, so it reads on GitHub
    start = time.monotonic()
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    assert time.monotonic() - start < 120
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    missing_glyphs = [o for c in nb.cells for o in c.get("outputs", []) if "missing from font" in str(o.get("text", ""))]
    assert missing_glyphs == []
