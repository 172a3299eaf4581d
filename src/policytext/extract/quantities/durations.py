"""Durations: a half written after the unit (5年半, 一年半, 两个半月)."""

from __future__ import annotations
__all__ = ["half_after"]


def half_after(text: str, number_end: int, pos: int) -> int | None:
    """Where a half written with a duration ends (5年半, 两个半月: the duration's unit ends at
    ``pos``), or None when none is; 半年 and 半月 after the unit begin a duration of their own."""
    written = text[pos : pos + 1] == "半"
    if written and not text.startswith(("半年", "半月"), pos):
        return pos + 1
    if text.startswith("个半月", number_end):  # read with 个月 (see units.unit_at)
        return pos + 1 if written else pos
    return None
