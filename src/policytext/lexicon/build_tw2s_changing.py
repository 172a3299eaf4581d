"""Rebuild ``tw2s_changing.txt``: every character at which OpenCC's ``tw2s`` can change a text.

    pip install marisa-trie      # only to rebuild; policytext does not need it
    python -m policytext.lexicon.build_tw2s_changing

OpenCC's ``.ocd2`` dictionaries are marisa tries after a 19-byte header.  For every key of every
dictionary that the installed OpenCC's ``tw2s.json`` names (normalization, segmentation and the
conversion chain), the key is converted with ``tw2s`` on its own; when that changes it, the
characters it changes are kept (all its characters when the length changes).  A text holding
none of them has no dictionary match that rewrites anything, so ``to_simplified`` returns it
as it is without calling OpenCC (most Simplified news: 83 % of 新闻联播 items).  The first line
records the OpenCC version; a test fails when the installed OpenCC differs or the rebuilt set
differs from the shipped one.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

_HEADER = b"OPENCC_MARISA_0.2.5"
OUTPUT = Path(__file__).with_name("tw2s_changing.txt")


def _dict_files(node: Any) -> list[str]:
    """Every ``.ocd2`` file named anywhere in an OpenCC configuration."""
    if isinstance(node, dict):
        found = [node["file"]] if node.get("type") == "ocd2" and "file" in node else []
        return found + [f for v in node.values() for f in _dict_files(v)]
    if isinstance(node, list):
        return [f for v in node for f in _dict_files(v)]
    return []


def changing_characters() -> tuple[str, str]:
    """(OpenCC version, the characters ``tw2s`` can change, sorted)."""
    import marisa_trie
    import opencc

    share = resources.files("opencc") / "clib" / "share" / "opencc"
    config = json.loads((share / "tw2s.json").read_text(encoding="utf-8"))
    converter = opencc.OpenCC("tw2s")
    chars: set[str] = set()
    for name in sorted(set(_dict_files(config))):
        data = (share / name).read_bytes()
        if not data.startswith(_HEADER):
            raise ValueError(f"{name}: not an OpenCC marisa dictionary")
        trie = marisa_trie.Trie()
        trie.frombytes(data[len(_HEADER) :])
        for key in trie.keys():
            converted = converter.convert(key)
            if converted == key:
                continue
            if len(converted) == len(key):
                chars.update(a for a, b in zip(key, converted) if a != b)
            else:
                chars.update(key)
    return getattr(opencc, "__version__", "unknown"), "".join(sorted(chars))


def main() -> None:
    version, chars = changing_characters()
    OUTPUT.write_text(f"# opencc {version}: characters tw2s can change (built by build_tw2s_changing.py)\n{chars}\n", encoding="utf-8")
    print(f"{OUTPUT}: {len(chars)} characters, OpenCC {version}")


if __name__ == "__main__":
    main()
