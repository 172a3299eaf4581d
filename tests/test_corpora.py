"""The corpora shipped in corpora/ and their loader."""

from __future__ import annotations

from pathlib import Path

import pytest

import policytext
from policytext import corpora


def test_government_work_reports_load_with_metadata() -> None:
    docs = corpora.load("gov-work-reports")
    assert len(docs) == 88 and len({d.id for d in docs}) == 88
    reports = [d for d in docs if d.type == "government_work_report"]
    assert len(reports) == 52 and min(d.year for d in reports) == 1954 and max(d.year for d in reports) == 2025
    assert {d.type for d in docs} == {"government_work_report", "congress_report", "npc_resolution"}
    r2019 = next(d for d in docs if d.id == "gwr_2019")
    assert r2019.title == "2019年中华人民共和国国务院政府工作报告"
    assert r2019.source_url and r2019.source_url.startswith("https://zh.wikisource.org/")
    assert r2019.text.startswith("各位代表") and "三大攻坚战" in r2019.text
    assert next(d for d in docs if d.id == "cpc_congress_19").year == 2017
    assert next(d for d in docs if d.id == "npc_resolution_npc02_session3").year == 1962
    assert next(d for d in docs if d.id == "gwr_1954").meta["script"] == "mixed"


def test_the_seed_corpus() -> None:
    (seed,) = corpora.load("xinzhou-2018")
    assert policytext.analyze(seed.text).script == "mixed"


def test_unknown_corpus_and_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(policytext.OptionError, match="gov-work-reports"):
        corpora.load("xwlb")
    assert corpora.load("gov-work-reports", root=Path(__file__).resolve().parents[1] / "corpora")
    with pytest.raises(policytext.InputError, match="POLICYTEXT_CORPORA") as err:
        corpora.load("gov-work-reports", root=tmp_path)
    assert str(tmp_path) in str(err.value)
