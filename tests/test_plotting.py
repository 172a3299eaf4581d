"""Chinese labels render with real glyphs, not boxes."""

from __future__ import annotations

import warnings

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from policytext.output.plotting import use_cjk_font  # noqa: E402

LABELS = "四个意识 两不愁三保障 踐行“四個意識” 三大攻坚战 −5.7个百分点"


def _draw() -> list[str]:
    fig, ax = plt.subplots()
    ax.set_title(LABELS)
    ax.bar(["脱贫攻坚", "乡村振兴"], [3, -2])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    plt.close(fig)
    return [str(w.message) for w in caught if "missing from" in str(w.message)]


def test_default_fonts_lack_chinese_glyphs() -> None:
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}):
        assert _draw()  # the check below would catch a box


def test_cjk_font_renders_every_glyph() -> None:
    with matplotlib.rc_context():
        family = use_cjk_font()
        assert family == "Noto Sans CJK SC"
        assert _draw() == []
