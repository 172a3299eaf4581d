"""The compiled modules (``setup.py``, :mod:`policytext._accelerate`): loaded only when compiled
from the source now installed, and indistinguishable from that source.

``make test`` runs the whole suite twice, compiled and with ``POLICYTEXT_PURE=1``; CI also sets
``POLICYTEXT_EXPECT_COMPILED=1``, so that a build that silently compiled nothing fails here."""

from __future__ import annotations

import ast
import hashlib
import importlib
import importlib.machinery
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import policytext
from policytext._accelerate import fresh_modules, pure_requested

ROOT = Path(__file__).resolve().parents[1]
PURE = pure_requested()


def _setup_compiles() -> set[str]:
    """The module names listed in setup.py's ``COMPILED``."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "COMPILED" for t in node.targets):
            return set(ast.literal_eval(node.value))
    raise AssertionError("setup.py defines no COMPILED")


def _env(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def test_the_modules_that_run_compiled_are_the_fresh_ones_setup_builds() -> None:
    expected = _setup_compiles()
    for name in expected:
        importlib.import_module(name)
    running = set(policytext.compiled_modules())
    if PURE:
        assert running == set()
        return
    assert running == set(fresh_modules())
    assert running <= expected
    if os.environ.get("POLICYTEXT_EXPECT_COMPILED") == "1":
        assert running == expected, f"not compiled: {sorted(expected - running)}"


# analyzed in a pure-Python interpreter and here; the Documents must be the same, and a Document
# pickled here (compiled, perhaps) must load there (a Dask cluster may mix the two)
_PURE_SIDE = r"""
import json, pickle, sys
import policytext
assert policytext.compiled_modules() == (), policytext.compiled_modules()
texts = json.loads(open(sys.argv[1], encoding="utf-8").read())
pickled = pickle.loads(open(sys.argv[2], "rb").read())
out = {
    "analyzed": [json.dumps(policytext.analyze(t).to_dict(), ensure_ascii=False, sort_keys=True, default=str) for t in texts],
    "unpickled": [json.dumps(d.to_dict(), ensure_ascii=False, sort_keys=True, default=str) for d in pickled],
    "compiled": list(policytext.compiled_modules()),
}
print(json.dumps(out))
"""


def test_compiled_and_pure_python_give_the_same_documents(tmp_path: Path, seed_text: str) -> None:
    reports = sorted((ROOT / "corpora" / "gov-work-reports" / "texts").rglob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in reports] + [seed_text, policytext.to_traditional(seed_text)]
    # pieces cut at every 997th character: documents that begin and end anywhere
    texts += [seed_text[i : i + 300] for i in range(0, len(seed_text), 997)]
    docs = [policytext.analyze(t) for t in texts]
    here = [json.dumps(d.to_dict(), ensure_ascii=False, sort_keys=True, default=str) for d in docs]
    (tmp_path / "texts.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "docs.pickle").write_bytes(pickle.dumps(docs))
    run = subprocess.run(
        [sys.executable, "-c", _PURE_SIDE, str(tmp_path / "texts.json"), str(tmp_path / "docs.pickle")],
        capture_output=True, text=True, env=_env(POLICYTEXT_PURE="1"), check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    there = json.loads(run.stdout)
    assert len(here) == len(there["analyzed"]) == len(texts) > 90
    assert sum('"quantities": []' not in d for d in here) > 80  # the comparison covers real records
    for i, (a, b) in enumerate(zip(here, there["analyzed"])):
        assert a == b, f"document {i} differs between compiled and pure Python"
    assert there["unpickled"] == here


def _manifest(package: Path, name: str, source_text: str) -> Path:
    """A manifest under ``package/_compiled`` for one module compiled from ``source_text``."""
    relative = Path(*name.split(".")[1:])
    compiled = package / "_compiled" / relative.with_name(relative.name + importlib.machinery.EXTENSION_SUFFIXES[0])
    compiled.parent.mkdir(parents=True, exist_ok=True)
    compiled.write_bytes(b"")  # never loaded: fresh_modules only decides what may be
    entry = {"file": compiled.relative_to(package / "_compiled").as_posix(),
             "source_sha256": hashlib.sha256(source_text.encode()).hexdigest()}  # fmt: skip
    (package / "_compiled" / "manifest.json").write_text(json.dumps({"modules": {name: entry}}), encoding="utf-8")
    source = package.joinpath(relative).with_suffix(".py")
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(source_text, encoding="utf-8")
    return source


def test_a_compiled_module_is_used_only_while_its_source_is_unchanged(tmp_path: Path) -> None:
    source = _manifest(tmp_path, "policytext.extract.numbers", "X = 1\n")
    assert set(fresh_modules(tmp_path)) == {"policytext.extract.numbers"}
    source.write_text("X = 2\n", encoding="utf-8")  # edited after the build
    with pytest.warns(RuntimeWarning, match=r"extract/numbers\.py.*pip install -e"):
        assert fresh_modules(tmp_path) == {}


def test_a_module_built_for_another_interpreter_or_a_broken_manifest_is_not_loaded(tmp_path: Path) -> None:
    _manifest(tmp_path, "policytext.normalize", "X = 1\n")
    manifest = tmp_path / "_compiled" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["modules"]["policytext.normalize"]["file"] = "normalize.cpython-27-other.so"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    assert fresh_modules(tmp_path) == {}
    manifest.write_text("{not json", encoding="utf-8")
    with pytest.warns(RuntimeWarning, match="manifest.json: unreadable"):
        assert fresh_modules(tmp_path) == {}
    manifest.unlink()
    assert fresh_modules(tmp_path) == {}  # a pure-Python install: nothing to say


def test_an_edited_module_of_an_installed_copy_runs_as_edited(tmp_path: Path) -> None:
    """The whole way, in a fresh interpreter: a copy of the installed package (compiled modules
    included, when built) with one source edited; the edit runs, the others stay compiled."""
    package = Path(policytext.__file__).parent
    shutil.copytree(package, tmp_path / "policytext", ignore=shutil.ignore_patterns("__pycache__"))
    edited = tmp_path / "policytext" / "extract" / "numbers.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nEDITED = True\n", encoding="utf-8")
    code = (
        "import policytext, policytext.extract.numbers as n, policytext.extract.dates as d; "
        "print(n.EDITED, n.__file__, d.__file__, sep='\\n')"
    )
    run = subprocess.run(
        [sys.executable, "-W", "always", "-c", code], capture_output=True, text=True, cwd=tmp_path,
        env=_env(POLICYTEXT_PURE=None, PYTHONPATH=str(tmp_path)), check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    edited_flag, numbers_file, dates_file = run.stdout.split("\n")[:3]
    assert edited_flag == "True"
    assert Path(numbers_file) == edited
    if "policytext.extract.dates" in fresh_modules(package):  # built: the unedited one stays compiled
        assert Path(dates_file).parent == tmp_path / "policytext" / "_compiled" / "extract"
        assert f"{edited}" in run.stderr and "pip install -e" in run.stderr


def test_version_says_how_the_install_runs() -> None:
    for pure in ("1", None):
        run = subprocess.run(
            [sys.executable, "-m", "policytext", "--version"], capture_output=True, text=True,
            env=_env(POLICYTEXT_PURE=pure), check=True,
        )  # fmt: skip
        line = run.stdout.strip()
        assert line.startswith(f"policytext {policytext.__version__}, ")
        if pure:
            assert line.endswith("pure Python (POLICYTEXT_PURE is set)")
        elif fresh_modules():
            assert line.endswith(f"{len(fresh_modules())} modules compiled")
        else:
            assert line.endswith("pure Python (no compiled module installed matches its source)")


def test_without_a_c_compiler_the_package_builds_and_runs_as_pure_python(tmp_path: Path) -> None:
    """The build promise: no working compiler gives a pure-Python wheel, not a failed install."""
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-v", "-w", str(tmp_path / "wheel")],
        capture_output=True, text=True, env=_env(CC="/bin/false", POLICYTEXT_COMPILE=None), check=False,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    assert "policytext.extract.numbers was not compiled" in build.stdout + build.stderr
    (wheel,) = (tmp_path / "wheel").glob("policytext-*.whl")
    shutil.unpack_archive(wheel, tmp_path / "site", format="zip")
    assert (tmp_path / "site" / "policytext" / "extract" / "numbers.py").is_file()
    assert not (tmp_path / "site" / "policytext" / "_compiled").exists()
    code = "import policytext; d = policytext.analyze('近30 万人'); print(d.quantities[0].value, policytext.compiled_modules())"
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
        env=_env(POLICYTEXT_PURE=None, PYTHONPATH=str(tmp_path / "site")), check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["300000", "()"]
