"""Chinese numerals.

Small numerals (the 四 of 四个意识, the 十九 of 十九大) are read here; long amounts with
magnitudes are read by cn2an on the matched span only (never on whole text: cn2an turns
全国两会 into 全国2会).

>>> small_numeral("十九"), small_numeral("两"), small_numeral("廿三"), small_numeral("113")
(19, 2, 23, 113)
"""

from __future__ import annotations

__all__ = ["DIGITS", "small_numeral", "NUMERAL_CHARS"]

DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "双": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_TENS = {"十": 10, "廿": 20, "卅": 30}
NUMERAL_CHARS = "〇零一二两三四五六七八九十廿卅百千"


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
        elif ch in _TENS:
            total += (current if current is not None else 1) * _TENS[ch] if ch == "十" else _TENS[ch]
            current = None
        elif ch == "百":
            total += (current if current is not None else 1) * 100
            current = None
        elif ch == "千":
            total += (current if current is not None else 1) * 1000
            current = None
        else:
            return None
    return total + (current or 0)
