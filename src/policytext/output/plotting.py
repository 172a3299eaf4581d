"""Figures with Chinese labels: a CJK font for matplotlib (``pip install 'policytext[notebooks]'``).

    from policytext.output.plotting import use_cjk_font
    use_cjk_font()          # every later figure draws 四个意识, not boxes

matplotlib's default fonts have no Chinese glyphs.  :func:`use_cjk_font` registers Noto Sans
CJK SC, shipped by the ``mplfonts`` package (SIL Open Font License), or a font file you name,
and makes it the default sans-serif font.  It covers Simplified and Traditional characters.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["use_cjk_font", "cjk_font_path"]


def cjk_font_path() -> Path:
    """Noto Sans CJK SC as shipped by ``mplfonts``."""
    try:
        import mplfonts
    except ImportError:
        raise ImportError("figures with Chinese labels need a CJK font: pip install 'policytext[notebooks]'") from None
    return Path(os.path.dirname(mplfonts.__file__)) / "fonts" / "NotoSansCJKsc-Regular.otf"


def use_cjk_font(path: str | os.PathLike[str] | None = None) -> str:
    """Register a CJK font with matplotlib and make it the default; return its family name."""
    from matplotlib import font_manager, rcParams

    font = Path(path) if path is not None else cjk_font_path()
    font_manager.fontManager.addfont(str(font))
    family = font_manager.FontProperties(fname=str(font)).get_name()
    rcParams["font.family"] = "sans-serif"
    rcParams["font.sans-serif"] = [family, *[f for f in rcParams["font.sans-serif"] if f != family]]
    rcParams["axes.unicode_minus"] = False  # the CJK font has no U+2212 in some weights
    return family
