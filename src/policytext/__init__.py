"""policytext: turn Chinese policy news into structured, provenance-carrying records.

>>> import policytext
>>> doc = policytext.analyze("踐行“四個意識”")
>>> doc.text_simplified
'践行“四个意识”'
"""

from __future__ import annotations

import logging
from importlib.metadata import PackageNotFoundError, version

from ._accelerate import compiled_modules, install

install()  # before any other submodule is imported: the compiled ones load in their place

from .errors import DecodeError, InputError, OptionError, PolicytextError
from .io import decode_bytes, read_text
from .offsets import OffsetMap
from .batch import pipe, run_batch
from .pipeline import analyze
from .records import (
    SCHEMA,
    Boilerplate,
    DateMention,
    Document,
    Finding,
    Item,
    Paragraph,
    Quantity,
    Sentence,
    Slogan,
    Span,
    SpanRecords,
    Token,
    Tokens,
)
from .script import Conversion, ScriptReport, detect_script, to_simplified, to_traditional
from .tables import to_frames

try:
    __version__ = version("policytext")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "__version__",
    "compiled_modules",
    "analyze",
    "pipe",
    "run_batch",
    "to_frames",
    "detect_script",
    "to_simplified",
    "to_traditional",
    "decode_bytes",
    "read_text",
    "Conversion",
    "ScriptReport",
    "OffsetMap",
    "SCHEMA",
    "Document",
    "Sentence",
    "Token",
    "Tokens",
    "Paragraph",
    "Boilerplate",
    "Slogan",
    "Item",
    "Quantity",
    "DateMention",
    "Finding",
    "Span",
    "SpanRecords",
    "PolicytextError",
    "InputError",
    "DecodeError",
    "OptionError",
]
