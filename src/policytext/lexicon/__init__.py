"""Data files shipped with policytext; :mod:`policytext.resources` loads and checks them.

* ``slogans.tsv``: numbered slogans with member lists, each row with its public source.
* ``conversion_fixes.tsv``: where OpenCC errs on political text (used by :mod:`policytext.text.script`).
* ``units.tsv``: units and measure words with their kind and SI factor (used by quantities).
* ``not_quantities.tsv``: idioms and set phrases whose numeral and measure word are not an amount.
* ``numerals.tsv``: every numeral character (digits, financial digits, tens, magnitudes) with its
  value and which readers accept it (双 only in slogans, 俩 only in amounts).
* ``qualifiers.tsv``: the words that qualify an amount (近, 突破, 以上, 左右 …) and what they mean;
  ``number_words.tsv``, ``unit_not_before.tsv``, ``quantity_words.tsv``: the other words the
  number reader and the quantity rules read, each with its reason.
* ``not_slogans.tsv``: quoted sayings that have the shape of a numbered slogan but are not one.
* ``not_numerals.tsv``: words whose numeral characters are not numbers (一些, 统一, 四川), for the
  number reader and the slogan finder.
* ``date_parts.tsv``, ``date_relatives.tsv``, ``date_qualifiers.tsv``: the words of dates (年初,
  去年, 以来 …), each with its reason; ``check_words.tsv``: the words around the figures that
  the consistency checks read.
* ``slogan_*.tsv``: the slogan finder's vocabulary (head nouns, governance nouns, verbs, list and
  expansion cue words, words around numbered names, domain cues), each row with its reason.
* ``tw2s_changing.txt``: the characters OpenCC's ``tw2s`` can change, rebuilt from OpenCC's own
  dictionaries by ``build_tw2s_changing.py``; a text without them skips the conversion.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from typing import Iterator

__all__ = ["read_table", "slogan_forms"]


def read_table(name: str) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated data file of this package (``#`` lines are comments)."""
    path = resources.files("policytext") / "lexicon" / name
    with path.open(encoding="utf-8") as fh:
        yield from csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")


@lru_cache(maxsize=1)
def slogan_forms() -> tuple[str, ...]:
    """The slogans of ``slogans.tsv`` as written, each once: the words the segmenter keeps whole
    and counts as nominal.  (:func:`policytext.resources.shipped_slogans` reads the whole rows.)"""
    return tuple(dict.fromkeys(row["slogan"] for row in read_table("slogans.tsv")))
