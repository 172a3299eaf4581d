"""What a batch keeps on disk between runs, and how it is checked before it is trusted.

The state folder (``OUTDIR/.policytext-state``) holds the lock (:mod:`.lock`), a manifest and
one file pair per finished chunk.  Everything in it is JSON text: nothing read back is
unpickled or executed, so a file planted there can at worst be refused or redone.

* The manifest records the state format, the policytext version, the options and a
  fingerprint of every input file (size, modification time, SHA-256 of its bytes): a resume
  over an input that changed since the batch began is refused, naming the file and how it
  changed, rather than pairing old chunks with new documents.
* ``chunk-N.jsonl`` holds a chunk's records, one line each (``{"i": index, "document"|"error":
  …}``).  A chunk file that does not hold exactly the documents of its chunk is redone.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator, Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from ..analyzer import Analyzer
from ..errors import PolicytextError
from ..inputs import CorpusItem, expand_paths
from ..output.tables import atomic_path
from ..records import SCHEMA

__all__ = ["STATE_FORMAT", "manifest", "check_manifest", "clean_leftovers", "missing_inputs", "chunk_path",
           "write_chunk", "forget_chunk", "valid_chunk", "records"]  # fmt: skip

#: the layout of the state folder; a folder of another layout is refused
STATE_FORMAT = 2
_HASH_BLOCK = 1 << 20


def _version() -> str:
    try:
        return version("policytext")
    except PackageNotFoundError:  # pragma: no cover - a source tree without install
        return "0.0.0"


# -- the folder ----------------------------------------------------------------------------------


def clean_leftovers(out: Path, state: Path, outputs: list[str]) -> None:
    """Remove what a killed run left (call under the lock): the temporary files of the outputs
    it was writing (``.documents.jsonl.*.tmp`` …) and of its state, and pickles, which no
    version that reads this folder writes.  Files of other names are the user's: left alone."""
    for tmp in out.glob(".*.tmp"):
        if tmp.name[1:-4].rpartition(".")[0] in outputs:
            tmp.unlink(missing_ok=True)
    for stale in (*state.glob(".*.tmp"), *state.glob("*.pickle")):
        stale.unlink(missing_ok=True)


# -- the manifest --------------------------------------------------------------------------------


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(_HASH_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def _recorded(path: str) -> str:
    """An absolute path as the manifest records it: a name that is not UTF-8 (its bytes carried
    as surrogates) keeps its bytes as ``\\xNN`` escapes, so that the record is writable and two
    such names never read alike."""
    return os.fsencode(os.path.abspath(path)).decode("utf-8", "backslashreplace")


def _fingerprint(path: str) -> dict[str, Any]:
    """Size, modification time and content hash of an input file; ``missing`` when there is none."""
    full = _recorded(path)
    try:
        st = os.stat(path)
        return {"path": full, "size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": _sha256(path)}
    except OSError:
        return {"path": full, "missing": True}


def missing_inputs(paths: list[str]) -> list[str]:
    """The inputs, as given, that do not exist."""
    return [p for p in paths if not os.path.exists(p)]


def manifest(paths: list[str], analyzer: Analyzer, options: dict[str, Any]) -> dict[str, Any]:
    """What a batch folder is a batch of: the state format, the schema and policytext version,
    the inputs and a fingerprint of every file they stand for (a folder's ``.txt`` files), the
    options, and the analyzer's slogan list when it has one."""
    files = [_fingerprint(path) for path, _ in expand_paths(paths)]
    out = {"state": STATE_FORMAT, "schema": SCHEMA, "policytext": _version(),
           "inputs": [_recorded(p) for p in paths], "files": files, **options}  # fmt: skip
    if analyzer.extra_slogans:
        config = analyzer.config()
        source = config["extra_slogans"]
        out["extra_slogans"] = {
            "path": _recorded(source) if source not in (None, "<rows>") else source,
            "rows": config["extra_slogans_rows"],
            "sha256": config["extra_slogans_sha256"],
        }
    return out


def check_manifest(state: Path, new: dict[str, Any]) -> None:
    """Write the manifest of a new batch; refuse to resume one of another state format, other
    inputs, input contents or options, saying which.  A file touched (its time changed) but
    with the same bytes is the same input."""
    path = state / "manifest.json"
    if not path.exists():
        with atomic_path(path) as tmp:
            Path(tmp).write_text(json.dumps(new, ensure_ascii=False, indent=2), encoding="utf-8")
        return
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        raise PolicytextError(f"{path}: not a manifest policytext can read ({exc}); write to a new output folder") from None
    if not isinstance(old, dict) or old.get("state") != STATE_FORMAT:
        raise PolicytextError(
            f"{state.parent}: holds a batch written by an earlier version of policytext, whose inputs cannot be "
            f"checked; write to a new output folder (or delete {state} to start this one again)"
        )
    if _comparable(old) != _comparable(new):
        raise PolicytextError(
            f"{state.parent}: holds a batch of other inputs or options ({_differences(old, new)}); "
            f"resume it with the same command and inputs, or write to a new folder"
        )


def _comparable(m: Mapping[str, Any]) -> dict[str, Any]:
    return {**m, "files": [{k: v for k, v in f.items() if k != "mtime_ns"} for f in m.get("files", ())]}


def _differences(old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    keys = list(old) + [k for k in new if k not in old]
    return "; ".join(_difference(k, old.get(k), new.get(k)) for k in keys
                     if _comparable({k: old.get(k)}) != _comparable({k: new.get(k)}))  # fmt: skip


def _difference(key: str, old: Any, new: Any) -> str:
    if key == "extra_slogans":
        return _slogan_list_difference(old, new)
    if key == "files":
        return _file_differences(old or [], new or [])
    if key == "inputs":
        return "the inputs differ"
    if key == "policytext":
        return f"the batch began with policytext {old}, this is {new}"
    return f"{key} was {old!r}, now {new!r}"


def _file_differences(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> str:
    before = {f["path"]: f for f in old}
    now = {f["path"]: f for f in new}
    said = [f"{p} is gone" for p in before if p not in now]
    said += [f"{p} is new" for p in now if p not in before]
    said += [_file_change(p, before[p], now[p]) for p in now if p in before and _content(before[p]) != _content(now[p])]
    if not said:
        return "the input files are in another order"
    return "; ".join(said)


def _content(f: Mapping[str, Any]) -> tuple[Any, ...]:
    return f.get("missing", False), f.get("size"), f.get("sha256")


def _file_change(path: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    if old.get("missing"):
        return f"{path} was missing when the batch began and exists now"
    if new.get("missing"):
        return f"{path} is gone"
    if old["size"] != new["size"]:
        return f"{path} changed since the batch began ({old['size']} bytes then, {new['size']} now)"
    return f"{path} changed since the batch began (same size, other content)"


def _slogan_list_difference(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> str:
    if old is None:
        return f"the batch began without a slogan list, this run has {new['path']}"  # type: ignore[index]
    began = f"the batch began with the slogan list {old['path']} ({_rows(old['rows'])})"
    if new is None:
        return f"{began}, this run has none"
    if new["path"] == old["path"]:
        counts = f" ({_rows(old['rows'])} then, {_rows(new['rows'])} now)" if new["rows"] != old["rows"] else ""
        return f"the slogan list {new['path']} was edited since the batch began{counts}"
    return f"{began}, this run has {new['path']}"


def _rows(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"


# -- chunks --------------------------------------------------------------------------------------


def chunk_path(state: Path, number: int) -> Path:
    return state / f"chunk-{number:07d}.jsonl"


def write_chunk(state: Path, number: int, chunk: list[CorpusItem], results: list[tuple[int, str, str]]) -> None:
    """One chunk's records, each line ``{"i": index, "document"|"error": …}``, in input order;
    written whole or not at all: the chunk counts as done once its file is there."""
    by_index = {i: (kind, payload) for i, kind, payload in results}
    with atomic_path(chunk_path(state, number)) as tmp, open(tmp, "w", encoding="utf-8") as fh:
        for item in chunk:
            if item.index in by_index:
                kind, payload = by_index[item.index]
            else:
                kind = "error"
                payload = json.dumps({"id": item.id, "source": item.source, "reason": item.error}, ensure_ascii=False)
            fh.write(f'{{"i": {item.index}, "{kind}": {payload}}}\n')


def forget_chunk(state: Path, number: int) -> None:
    chunk_path(state, number).unlink(missing_ok=True)


# a chunk line as write_chunk writes it: {"i": index, "document"|"error": payload}
_CHUNK_LINE = re.compile(r'\{"i": (\d+), "(document|error)": ')


def valid_chunk(state: Path, number: int, chunk: list[CorpusItem]) -> bool:
    """Whether the file of chunk ``number`` holds one record of each of ``chunk``'s documents,
    in order, each a JSON object (what :func:`write_chunk` wrote, not cut short or edited)."""
    try:
        with chunk_path(state, number).open(encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    if len(lines) != len(chunk):
        return False
    for line, item in zip(lines, chunk):
        m = _CHUNK_LINE.match(line)
        if m is None or int(m.group(1)) != item.index or not line.endswith("}"):
            return False
        try:
            if not isinstance(json.loads(line[m.end() : -1]), dict):
                return False
        except ValueError:
            return False
    return True


def records(state: Path, number: int) -> Iterator[tuple[str, str]]:
    """``(kind, payload)`` of every line of a chunk file, the payload as the worker wrote it:
    JSON text that is copied to the outputs, not parsed and written again."""
    chunk = chunk_path(state, number)
    with chunk.open(encoding="utf-8") as fh:
        for line in fh:
            m = _CHUNK_LINE.match(line)
            if m is None:
                raise PolicytextError(f"{chunk}: not a chunk line this version wrote: {line[:60]!r}")
            yield m.group(2), line[m.end() :].rstrip("\n")[:-1]
