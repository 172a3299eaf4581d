"""Loads the compiled copies of policytext's per-document modules, when they are built and fresh.

``setup.py`` compiles the modules that do the per-document work with Cython, unchanged, into
``policytext/_compiled/`` and records in ``manifest.json`` the SHA-256 of the source each was
compiled from.  :func:`install`, called once when ``policytext`` is imported, puts a finder
first on ``sys.meta_path`` that answers for exactly those module names, and only for a module
whose source is still the one compiled: an edited source (an editable install not rebuilt) runs
as Python, with a warning, never a stale compiled copy.

``POLICYTEXT_PURE=1`` in the environment turns the compiled modules off; :func:`compiled_modules`
tells which modules of this process run compiled.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

__all__ = ["install", "compiled_modules", "fresh_modules", "build_description", "pure_requested"]

_PACKAGE_DIR = Path(__file__).resolve().parent


class CompiledFinder:
    """A meta path finder for the compiled modules named in the manifest (and nothing else)."""

    def __init__(self, files: dict[str, Path]) -> None:
        self.files = files

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        file = self.files.get(fullname)
        if file is None:
            return None
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(file))
        return importlib.util.spec_from_file_location(fullname, file, loader=loader)


def fresh_modules(package_dir: Path = _PACKAGE_DIR) -> dict[str, Path]:
    """The compiled modules under ``package_dir/_compiled`` that can be loaded here: built for
    this interpreter, and compiled from the source now beside them.  Warns about the others."""
    manifest_path = package_dir / "_compiled" / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}  # a pure-Python install
    except (OSError, ValueError) as exc:
        warnings.warn(f"{manifest_path}: unreadable ({exc}); running the Python sources", RuntimeWarning, stacklevel=2)
        return {}
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    fresh: dict[str, Path] = {}
    stale: list[str] = []
    for name, entry in manifest.get("modules", {}).items():
        file = package_dir / "_compiled" / entry["file"]
        if not file.name.endswith(suffixes) or not file.exists():
            continue  # built for another interpreter, or removed
        source = package_dir.joinpath(*name.split(".")[1:]).with_suffix(".py")
        try:
            digest = hashlib.sha256(source.read_bytes()).hexdigest()
        except FileNotFoundError:
            digest = entry["source_sha256"]  # an install without sources: the compiled copy is all there is
        if digest != entry["source_sha256"]:
            stale.append(str(source))
            continue
        fresh[name] = file
    if stale:
        warnings.warn(
            "policytext: changed since they were compiled, so run as Python: "
            + ", ".join(stale)
            + " (rebuild with `pip install -e .` to compile them again)",
            RuntimeWarning,
            stacklevel=2,
        )
    return fresh


def pure_requested() -> bool:
    """Whether ``POLICYTEXT_PURE`` asks for the Python sources alone (set, and not ``0``)."""
    return os.environ.get("POLICYTEXT_PURE", "") not in ("", "0")


def install() -> None:
    """Put the finder for the fresh compiled modules first on ``sys.meta_path`` (once)."""
    if pure_requested():
        return
    if any(isinstance(f, CompiledFinder) for f in sys.meta_path):
        return
    files = fresh_modules()
    if files:
        sys.meta_path.insert(0, CompiledFinder(files))


def build_description() -> str:
    """How this install runs, for ``policytext --version``: how many modules load compiled."""
    if pure_requested():
        return "pure Python (POLICYTEXT_PURE is set)"
    finder = next((f for f in sys.meta_path if isinstance(f, CompiledFinder)), None)
    if finder is None:
        return "pure Python (no compiled module installed matches its source)"
    return f"{len(finder.files)} modules compiled"


def compiled_modules() -> tuple[str, ...]:
    """The policytext modules imported in this process that run compiled, sorted (empty for
    a pure-Python install, or with ``POLICYTEXT_PURE=1``)."""
    out = []
    for name, module in list(sys.modules.items()):
        if name.startswith("policytext.") and isinstance(getattr(module, "__loader__", None), importlib.machinery.ExtensionFileLoader):
            out.append(name)
    return tuple(sorted(out))
