"""The shape of the package, checked: what the README's architecture section promises.

* no import cycles among policytext's modules (an import inside a function counts: it is a
  cycle that only waits for its first call);
* no stage imports a later one (text < extract < checks < analyzer < parallel/output/integrations/cli);
* no function above cyclomatic complexity 20 (radon's measure);
* one pure-Python build: no compiled copies of the package and no build script beside pyproject.toml;
* every word list the rules read is a data file whose every row says where it comes from or why.
"""

from __future__ import annotations

import ast
import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "policytext"
MAX_COMPLEXITY = 20


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """policytext modules that ``name`` imports anywhere in its body (type-checking-only imports
    excluded: they never run)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    type_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            type_only.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            # `from . import x` may name a submodule
            targets = [stem] + [f"{stem}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name and target.startswith("policytext"):
                found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    known = set(mods)
    graph = {name: _imports(name, path, known) for name, path in mods.items()}
    # importing a.b.c runs a/__init__ and a/b/__init__ first; a package's own __init__ importing
    # its submodules is not a cycle with them
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _is_package_init_edge(a: str, b: str) -> bool:
    """``policytext.x`` (a package __init__) importing ``policytext.x.y``, or the reverse: the
    package and its own submodules load together, which Python handles."""
    return b.startswith(a + ".") or a.startswith(b + ".")


def test_no_import_cycles() -> None:
    graph = _graph()
    # a package and its submodules are one unit: an __init__ re-exporting its submodules is fine
    pruned = {a: {b for b in bs if not _is_package_init_edge(a, b)} for a, bs in graph.items()}
    assert _cycles(pruned) == []


# the order of the stages: a module may import its own stage and earlier ones, never a later one
STAGES = [
    ("policytext.errors", "policytext.lexicon", "policytext._regex"),
    ("policytext.text",),
    ("policytext.resources",),
    ("policytext.records",),
    ("policytext.extract",),
    ("policytext.checks",),
    ("policytext.project",),
    ("policytext.wire",),
    ("policytext.analyzer",),
    ("policytext.inputs", "policytext.output", "policytext.corpora"),
    ("policytext.parallel",),
    ("policytext.integrations", "policytext.discover"),
    ("policytext.cli", "policytext.__main__"),
]


def _stage(module: str) -> int | None:
    for i, prefixes in enumerate(STAGES):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return i
    return None


def test_no_stage_imports_a_later_stage() -> None:
    backwards = []
    for a, targets in _graph().items():
        sa = _stage(a)
        for b in targets:
            sb = _stage(b)
            if sa is not None and sb is not None and sb > sa:
                backwards.append(f"{a} imports {b}")
    assert backwards == []


def test_every_module_has_a_stage() -> None:
    """A new module is placed in the architecture on purpose (README: where a rule goes)."""
    unplaced = [m for m in _modules() if m != "policytext" and _stage(m) is None]
    assert unplaced == []


def test_no_function_above_complexity_20() -> None:
    radon = pytest.importorskip("radon.complexity", reason="radon is a dev dependency")
    too_complex = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for block in radon.cc_visit(path.read_text(encoding="utf-8")):
            for item in [block, *getattr(block, "methods", [])]:
                if item.complexity > MAX_COMPLEXITY:
                    too_complex.append(f"{path.relative_to(ROOT)}:{item.lineno} {item.name} ({item.complexity})")
    assert too_complex == []


def test_one_pure_python_build() -> None:
    compiled = [p for p in PACKAGE.rglob("*") if p.suffix in {".so", ".pyd", ".pyx", ".pxd", ".c"}]
    assert compiled == []
    assert not (ROOT / "setup.py").exists()
    assert "cython" not in (ROOT / "pyproject.toml").read_text(encoding="utf-8").lower()


def _tables() -> list[Path]:
    return sorted((PACKAGE / "lexicon").glob("*.tsv"))


@pytest.mark.parametrize("table", _tables(), ids=lambda p: p.name)
def test_every_data_row_says_where_it_comes_from_or_why(table: Path) -> None:
    lines = [ln for ln in table.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    columns = set(rows[0]) if rows else set()
    reason = [c for c in ("source", "why") if c in columns]
    assert reason, f"{table.name} has no source or why column"
    empty = [i for i, row in enumerate(rows, start=2) if not any((row.get(c) or "").strip() for c in reason)]
    assert empty == [], f"{table.name}: rows without a source or reason"


def test_no_word_list_left_in_the_extractors() -> None:
    """Word lists are data: a tuple, set or list literal in the extractors or checks with five or
    more Chinese strings, three of them words of two or more characters, belongs in lexicon/
    with its reasons.  (A set of single characters is a character class: grammar, in code.)"""
    offenders = []
    for path in sorted((PACKAGE / "extract").rglob("*.py")) + sorted((PACKAGE / "checks").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Tuple, ast.Set, ast.List)):
                words = [
                    e.value
                    for e in node.elts
                    if isinstance(e, ast.Constant) and isinstance(e.value, str) and any("\u4e00" <= c <= "\u9fff" for c in e.value)
                ]
                if len(words) >= 5 and sum(len(w) > 1 for w in words) >= 3:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {words[:3]}…")
    assert offenders == []
