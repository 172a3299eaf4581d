"""The same analysis on a real Dask cluster (distributed.LocalCluster, two worker processes)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import policytext

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402

from policytext.integrations.dask import analyze_bag, tables  # noqa: E402

TEXTS = [
    "踐行“四個意識”，發現問題7680 個，整改7553 個，整改率98.3%。",
    "到2020年，12.1万人脱贫、近30万人巩固提升。",
    "总规模36.576万千瓦，占全省121.35万千瓦的30.14%。",
    "实现“三个精准”：即帮扶对象精准；帮扶措施精准；帮扶力量精准。",
    "三次产业构成为42%、20%、10%、8%、25%。",
] * 3


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        with distributed.Client(c) as client:
            yield c, client


def test_bag_equals_serial(cluster) -> None:  # type: ignore[no-untyped-def]
    docs = analyze_bag(db.from_sequence(TEXTS, npartitions=4)).compute()
    assert docs == [policytext.analyze(t) for t in TEXTS]


def test_dataframe_tables_equal_serial(cluster) -> None:  # type: ignore[no-untyped-def]
    pdf = pd.DataFrame({"url": [f"u{i}" for i in range(len(TEXTS))], "outlet": ["新华社"] * len(TEXTS), "text": TEXTS})
    lazy = tables(dd.from_pandas(pdf, npartitions=3), text_column="text", id_column="url")
    computed = dask.compute(*lazy.values())
    serial = policytext.to_frames(
        policytext.analyze(r.text, id=r.url, meta={"url": r.url, "outlet": r.outlet}) for r in pdf.itertuples()
    )
    for name, frame in zip(lazy, computed):
        pd.testing.assert_frame_equal(frame.reset_index(drop=True), serial[name], check_dtype=False)
    assert computed[list(lazy).index("findings")]["status"].tolist().count("mismatch") == 3  # 42+20+10+8+25, thrice


def test_batch_command_on_the_cluster_equals_serial(cluster, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    c, _ = cluster
    src = tmp_path / "items.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(TEXTS)) + "\n", encoding="utf-8")
    base = [sys.executable, "-m", "policytext", "batch", str(src), "--id-field", "id", "--chunk-size", "2"]
    serial = subprocess.run([*base, "-o", str(tmp_path / "serial")], capture_output=True, text=True, timeout=300)
    remote = subprocess.run([*base, "-o", str(tmp_path / "dask"), "--scheduler", c.scheduler_address],
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    assert serial.returncode == 0 and remote.returncode == 0, remote.stderr
    for name in ("documents.jsonl", "errors.jsonl"):
        assert (tmp_path / "serial" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes()
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "serial" / "quantities.parquet"),
                                  pd.read_parquet(tmp_path / "dask" / "quantities.parquet"))  # fmt: skip


USER_ROWS = [{"slogan": "三个确保", "items": "确保脱贫、确保增收、确保稳定", "source": "县委文件 2018"}]
USER_TEXT = "全县落实三个确保，即确保脱贫、确保增收、确保稳定。"


def test_an_analyzer_goes_to_the_workers(cluster) -> None:  # type: ignore[no-untyped-def]
    """An Analyzer with a researcher's slogan list reaches the Dask workers by its
    configuration: the bag and the tables have the user's slogan, as serially."""
    a = policytext.Analyzer(extra_slogans=USER_ROWS)
    texts = [USER_TEXT, *TEXTS[:4]]
    docs = analyze_bag(db.from_sequence(texts, npartitions=2), analyzer=a).compute()
    assert docs == [a.analyze(t) for t in texts]
    assert [(s.normalized, s.lexicon_id, [i.text for i in s.items]) for s in docs[0].slogans] == [
        ("三个确保", "<rows>:1", ["确保脱贫", "确保增收", "确保稳定"])
    ]
    pdf = pd.DataFrame({"url": [f"u{i}" for i in range(len(texts))], "text": texts})
    slogans = tables(dd.from_pandas(pdf, npartitions=2), id_column="url", analyzer=a)["slogans"].compute()
    assert slogans.loc[slogans.normalized == "三个确保", ["doc_id", "lexicon_id"]].values.tolist() == [["u0", "<rows>:1"]]
    plain = analyze_bag(db.from_sequence(texts[:1], npartitions=1)).compute()
    assert plain[0].slogans == ()


def test_batch_command_with_a_slogan_list_on_the_cluster_equals_serial(cluster, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    c, _ = cluster
    mine = tmp_path / "mine.tsv"
    mine.write_text("slogan\titems\n三个确保\t确保脱贫、确保增收、确保稳定\n", encoding="utf-8")
    src = tmp_path / "items.jsonl"
    texts = [USER_TEXT, *TEXTS[:3]]
    src.write_text("".join(json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)),
                   encoding="utf-8")  # fmt: skip
    base = [sys.executable, "-m", "policytext", "batch", str(src), "--id-field", "id", "--chunk-size", "2", "--slogans", str(mine)]
    serial = subprocess.run([*base, "-o", str(tmp_path / "serial")], capture_output=True, text=True, timeout=300)
    remote = subprocess.run([*base, "-o", str(tmp_path / "dask"), "--scheduler", c.scheduler_address],
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    assert serial.returncode == 0 and remote.returncode == 0, remote.stderr
    assert (tmp_path / "serial" / "documents.jsonl").read_bytes() == (tmp_path / "dask" / "documents.jsonl").read_bytes()
    first = json.loads((tmp_path / "dask" / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert [(s["normalized"], s["lexicon_id"]) for s in first["slogans"]] == [("三个确保", "mine.tsv:2")]
