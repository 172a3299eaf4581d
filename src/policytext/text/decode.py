"""Reading text: decoding bytes in the encodings Chinese text comes in, with errors that name
the file and the problem.

Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030 (a superset of GBK and
GB2312) and Big5.  GB18030 accepts almost any byte string, so when both it and Big5 decode a
file strictly, the reading with more frequent characters wins (see ``_commonness``).
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from ..errors import DecodeError, InputError

__all__ = ["DEFAULT_MAX_BYTES", "REPLACED_KEY", "decode_bytes", "read_text", "replace_surrogates"]

#: One document larger than this is refused (a single news item or report is far smaller; a
#: larger file is usually a whole corpus in one file, which wants ``policytext batch``).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_FALLBACKS = ("gb18030", "big5", "cp950")


def decode_bytes(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)``.  Raises :class:`DecodeError` naming
    ``source`` when the bytes are binary or in no supported encoding.

    >>> decode_bytes("脱贫攻坚".encode("gbk"))
    ('脱贫攻坚', 'gb18030')
    >>> decode_bytes(codecs.BOM_UTF8 + "四个意识".encode())
    ('四个意识', 'utf-8-sig')
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig", source), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", source), "utf-16"
    if b"\x00" in data[:8192]:
        raise DecodeError(source, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    decoded = {}
    for enc in _FALLBACKS:
        try:
            decoded[enc] = data.decode(enc)
        except UnicodeDecodeError:
            continue
    if not decoded:
        raise DecodeError(
            source,
            f"not valid UTF-8 (bad byte 0x{data[utf8_error.start]:02x} at offset "
            f"{utf8_error.start}), GB18030 or Big5",
        )
    enc = max(decoded, key=lambda e: (_commonness(decoded[e], e), -_FALLBACKS.index(e)))
    return decoded[enc], enc


# The frequent characters of each double-byte encoding sit in one block of lead bytes:
# GB2312's level-1 hanzi (the 3,755 most common) at 0xB0-0xD7, Big5's frequent hanzi
# (5,401) at 0xA4-0xC6.  Bytes in one encoding decoded as the other land mostly on rare
# characters, so the share of frequent characters tells the two apart even on a short text.
_COMMON_LEADS = {"gb18030": ("gb2312", 0xB0, 0xD7), "big5": ("big5", 0xA4, 0xC6), "cp950": ("big5", 0xA4, 0xC6)}


def _commonness(text: str, encoding: str) -> float:
    codec, lo, hi = _COMMON_LEADS[encoding]
    han = common = 0
    for ch in text[:20000]:
        if ch < "\u3400":
            continue
        han += 1
        try:
            b = ch.encode(codec)
        except UnicodeEncodeError:
            continue
        if len(b) == 2 and lo <= b[0] <= hi:
            common += 1
    return common / han if han else 0.0


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            source, f"starts with a {encoding} byte-order mark but byte {exc.start} is not {encoding}"
        ) from None


def read_text(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read and decode one text file, with errors that name the file."""
    p = Path(path)
    source = str(path)
    if not p.exists():
        raise InputError(source, "no such file")
    if p.is_dir():
        raise InputError(source, "is a directory (use `policytext batch` for a folder of files)")
    size = p.stat().st_size
    if size > max_bytes:
        raise InputError(
            source,
            f"file is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:g} MB limit for one document "
            "(raise it with --max-mb, or split the file into documents)",
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(source, f"cannot be read: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(source, "file is empty")
    text, _ = decode_bytes(data, source)
    return text


# -- characters that cannot be written -----------------------------------------------------------

#: The ``meta`` key that says how many lone surrogates a document's fields had (each replaced
#: by U+FFFD); absent when there were none.
REPLACED_KEY = "policytext_replaced"

# A code point in the surrogate block is never a character: in a Python string it comes from
# a JSON escape such as "\\ud800" without its pair, or from a file name that is not UTF-8
# (os.fsdecode's surrogateescape).  UTF-8 cannot encode it, so it stops any write.
_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> tuple[str, int]:
    r"""``text`` with each surrogate code point replaced by U+FFFD, one character for one so
    that offsets hold, and how many were replaced.

    >>> replace_surrogates("四个意识\ud800两个维护")
    ('四个意识�两个维护', 1)
    """
    if text.isascii():
        return text, 0
    try:
        text.encode("utf-8")  # the common case, about twice as fast as a search
    except UnicodeEncodeError:
        return _SURROGATE.subn("\ufffd", text)
    return text, 0
