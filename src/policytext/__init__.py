"""policytext: turn Chinese policy news into structured, provenance-carrying records.

>>> import policytext
>>> doc = policytext.analyze("踐行“四個意識”")
>>> doc.text_simplified
'践行“四个意识”'

A researcher's own slogan list joins the shipped lexicon through an :class:`Analyzer`:

>>> mine = policytext.Analyzer(extra_slogans=[{"slogan": "三个确保", "items": "甲、乙、丙"}])
>>> [s.lexicon_items for s in mine.analyze("落实“三个确保”").slogans]
[('甲', '乙', '丙')]
"""

from __future__ import annotations

import logging
from importlib.metadata import PackageNotFoundError, version

from . import wire  # noqa: F401 - registers the compact pickled form of Documents (copyreg), before any is pickled
from .errors import DecodeError, InputError, OptionError, PolicytextError
from .text.decode import decode_bytes, read_text
from .text.offsets import OffsetMap
from .parallel.batch import run_batch
from .parallel.pipe import pipe
from .analyzer import Analyzer, analyze
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
from .text.script import Conversion, ScriptReport, detect_script, to_simplified, to_traditional
from .output.tables import to_frames

try:
    __version__ = version("policytext")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "__version__",
    "Analyzer",
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
