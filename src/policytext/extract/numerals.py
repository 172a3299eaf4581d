"""Chinese numerals: the one table of numeral characters, and small numerals.

Every numeral character, with its value, role and the readers that accept it, is a row of
``lexicon/numerals.tsv``; :func:`numeral_table` reads it once per process, and both this module
and :mod:`.numbers` build their lookups from it.

Small numerals (the 四 of 四个意识, the 十九 of 十九大) are read here; long amounts with
magnitudes are read by :mod:`.numbers` on the matched span only (never cn2an on whole text:
it turns 全国两会 into 全国2会).

>>> small_numeral("十九"), small_numeral("两"), small_numeral("廿三"), small_numeral("113")
(19, 2, 23, 113)
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from ..lexicon import read_table

__all__ = ["Numeral", "numeral_table", "numeral_values", "magnitude_exponents", "magnitude_sizes", "DIGITS", "small_numeral", "NUMERAL_CHARS"]

_ROLES = frozenset({"digit", "financial_digit", "place", "financial_place", "tens", "magnitude"})
_READERS = frozenset({"amount", "alone", "decimal", "ending", "slogan"})


class Numeral(NamedTuple):
    """One row of ``lexicon/numerals.tsv``."""

    char: str
    value: int
    role: str
    readers: frozenset[str]


@lru_cache(maxsize=1)
def numeral_table() -> tuple[Numeral, ...]:
    """Every row of ``lexicon/numerals.tsv``, in file order; an unknown role or reader raises."""
    rows = []
    for row in read_table("numerals.tsv"):
        readers = frozenset(row["readers"].split())
        if row["role"] not in _ROLES or not readers <= _READERS:
            raise ValueError(f"numerals.tsv: {row['char']!r} has role {row['role']!r}, readers {sorted(readers)}")
        rows.append(Numeral(row["char"], int(row["value"]), row["role"], readers))
    return tuple(rows)


def numeral_values(reader: str, *roles: str) -> dict[str, int]:
    """``{character: value}`` of the rows ``reader`` accepts, of the given roles (all when none
    are given), in file order."""
    return {n.char: n.value for n in numeral_table() if reader in n.readers and (not roles or n.role in roles)}


def magnitude_exponents(reader: str = "amount") -> dict[str, int]:
    """``{magnitude: power of ten}`` for one-character magnitudes the reader accepts (万 4, 亿 8, 兆 12)."""
    return {ch: len(str(v)) - 1 for ch, v in numeral_values(reader, "magnitude").items() if len(ch) == 1}


def magnitude_sizes(reader: str) -> tuple[tuple[str, Decimal], ...]:
    """``(magnitude, size)`` for the magnitudes the reader accepts, longest first (万亿 before 亿)."""
    rows = sorted(numeral_values(reader, "magnitude").items(), key=lambda kv: (-len(kv[0]), -kv[1]))
    return tuple((ch, Decimal(v)) for ch, v in rows)


#: the digits of slogan numerals (双 among them: 双循环)
DIGITS: dict[str, int] = numeral_values("slogan", "digit")
_PLACES = numeral_values("slogan", "place")  # 十 百 千: multiply the digit before them
_TENS = numeral_values("slogan", "tens")  # 廿 卅: add their value
#: numeral characters read both in amounts and in slogan numerals
NUMERAL_CHARS = "".join(n.char for n in numeral_table() if {"amount", "slogan"} <= n.readers)


def small_numeral(text: str) -> int | None:
    """Value of a numeral below 10,000 written in Chinese or Arabic digits; None otherwise."""
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    total = 0
    current: int | None = None
    for ch in text:
        if ch in DIGITS:
            if current is not None and current != 0 and total == 0 and len(text) > 2:
                # digit-by-digit form: 二〇二〇
                current = current * 10 + DIGITS[ch]
                continue
            current = DIGITS[ch] if current is None else current * 10 + DIGITS[ch]
        elif ch in _PLACES:
            total += (current if current is not None else 1) * _PLACES[ch]
            current = None
        elif ch in _TENS:
            total += _TENS[ch]
            current = None
        else:
            return None
    return total + (current or 0)
