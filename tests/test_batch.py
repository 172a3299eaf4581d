"""pipe, corpus readers, tables and the resumable ``policytext batch`` command."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import policytext
from policytext.inputs import count_corpus, iter_corpus

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [
    "踐行“四個意識”，發現問題7680 個，整改7553 個，整改率98.3%。",
    "到2020年，12.1万人脱贫、近30万人巩固提升。",
    "总规模36.576万千瓦，占全省121.35万千瓦的30.14%。",
    "三次产业构成为42%、20%、10%、8%、20%。",
]


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "policytext", *args], capture_output=True, text=True, timeout=timeout)


# -- pipe -----------------------------------------------------------------------------------------


def test_pipe_matches_analyze_in_order() -> None:
    assert list(policytext.pipe(TEXTS, batch_size=3)) == [policytext.analyze(t) for t in TEXTS]


def test_pipe_in_two_processes_matches_serial() -> None:
    texts = TEXTS * 5
    assert list(policytext.pipe(texts, n_process=2, batch_size=3)) == [policytext.analyze(t) for t in texts]


def test_pipe_in_two_processes_matches_serial_with_tokens() -> None:
    """Workers send a Document without its text (the caller has it), and tokens as offsets:
    the Documents, their tokens and their records come out equal to serial ones, for
    Simplified text, Traditional text, and full-width text whose working offsets differ."""
    texts = TEXTS + ["２０１８年底，ＧＤＰ增长６．５％，“三个精准”落实。", "經濟發展\n\n隨著脫貧攻堅"]
    texts = texts * 3
    out = list(policytext.pipe(texts, n_process=2, batch_size=2, tokens=True))
    serial = [policytext.analyze(t, tokens=True) for t in texts]
    assert out == serial
    for got, want in zip(out, serial):
        assert list(got.tokens) == list(want.tokens) and got.text_simplified == want.text_simplified
        assert got.quantities == want.quantities and got.sentences == want.sentences
        assert all(got.text[t.start : t.end] == t.text for t in got.tokens)


def test_a_document_form_leaves_out_the_text_and_gives_the_document_back() -> None:
    """What a pipe worker sends back: everything of a Document but its text, from which the
    caller's copy of the text gives the same Document."""
    import pickle

    from policytext.records import Document, Paragraph, SpanRecords, Token
    from policytext.wire import document_form, document_from_form

    texts = ["总规模36.576万千瓦，占全省121.35万千瓦的30.14%。" * 3, "踐行“四個意識”，發現問題7680 個。", "ＧＤＰ增长６．５％。",
             "增强四个意识和两个维护"]
    docs = [policytext.analyze(t, tokens=tokens) for t in texts for tokens in (False, True)]
    # a Document made by hand, with tokens as plain records and a Simplified text of its own
    docs.append(Document(text="两个维护，四个意识", text_simplified="两个维护, 四个意识", script="simplified",
                         paragraphs=SpanRecords(Paragraph, [(0, 9)], ["simplified"]),
                         tokens=(Token("两个维护", 0, 4, "两个维护"),)))  # fmt: skip
    for doc in docs:
        form = document_form(doc)
        assert doc.text.encode("utf-8") not in pickle.dumps(form)
        back = document_from_form(doc.text, pickle.loads(pickle.dumps(form)))
        assert back == doc and back.text_simplified == doc.text_simplified
        assert (back.tokens is None) == (doc.tokens is None)
        if doc.tokens is not None:
            assert list(back.tokens) == list(doc.tokens) and type(back.tokens) is type(doc.tokens)
        assert list(back.paragraphs) == list(doc.paragraphs) and list(back.sentences) == list(doc.sentences)


def test_sentences_and_paragraphs_pickle_as_their_offsets() -> None:
    import pickle

    from policytext.records import Paragraph, Sentence, SpanRecords

    for records in (SpanRecords(Sentence, [(0, 3), (3, 9), (9, 12)]),
                    SpanRecords(Paragraph, [(0, 5), (6, 8)], ["simplified", "traditional"]),
                    SpanRecords(Sentence, [])):  # fmt: skip
        back = pickle.loads(pickle.dumps(records))
        assert back == records and list(back) == list(records) and repr(back) == repr(records)


@pytest.fixture()
def submitted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes of the chunks ``pipe`` hands to worker processes (the real submit, counted)."""
    from policytext.parallel.workers import Workers

    sizes: list[int] = []
    real_submit = Workers.submit

    def counting_submit(self, texts):  # type: ignore[no-untyped-def]
        sizes.append(len(texts))
        return real_submit(self, texts)

    monkeypatch.setattr(Workers, "submit", counting_submit)
    return sizes


def test_pipe_shares_chunks_between_the_caller_and_worker_processes(submitted: list[int]) -> None:
    """``n_process=2`` is one worker process and the caller: both analyze chunks, and the
    Documents still come out in input order, equal to serial ones."""
    texts = [f"第{i}批：{t}" for i, t in enumerate(TEXTS * 10)]
    out = list(policytext.pipe(texts, n_process=2, batch_size=1))
    assert out == [policytext.analyze(t) for t in texts]
    # the first three chunks go to the worker, the next five are read while it has them and
    # stay with the caller
    assert 3 <= len(submitted) <= len(texts) - 5


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pipe buffers are resized on Linux only")
def test_the_pipes_to_and_from_workers_hold_a_whole_chunk() -> None:
    """A chunk's texts or results (about 95 KB for 64 news items) go in one write, not in
    64 KB pieces that each wait for the reader."""
    import fcntl
    import multiprocessing

    from policytext.analyzer import default_analyzer
    from policytext.parallel.pipe import _analyze_forms
    from policytext.parallel.workers import Workers

    workers = Workers(1, _analyze_forms, default_analyzer(), False, multiprocessing.get_context("spawn"))
    try:
        for q in (workers._tasks, workers._results):
            assert fcntl.fcntl(q._writer.fileno(), fcntl.F_GETPIPE_SZ) >= 1 << 18
    finally:
        workers.close()


def test_pipe_reports_a_worker_that_dies_and_stops_its_workers() -> None:
    """A worker killed mid-run is reported as an error, not waited for; closing the generator
    early leaves no worker process behind."""
    import multiprocessing
    import os
    import signal

    texts = TEXTS * 200
    before = set(multiprocessing.active_children())  # other tests' processes, if any are alive
    it = policytext.pipe(texts, n_process=2, batch_size=1)
    next(it)
    workers = [p for p in multiprocessing.active_children() if p not in before]
    assert len(workers) == 1
    os.kill(workers[0].pid, signal.SIGKILL)
    with pytest.raises(policytext.PolicytextError, match="worker process ended unexpectedly"):
        list(it)

    it = policytext.pipe(texts, n_process=3, batch_size=1)
    next(it)
    workers = [p for p in multiprocessing.active_children() if p not in before]
    assert len(workers) == 2
    it.close()
    assert not any(p.is_alive() for p in workers)


def test_a_pickled_document_carries_its_records_compactly_and_builds_them_when_read() -> None:
    """How Documents cross process boundaries: records travel as rows of plain values and are
    rebuilt, equal to the originals, on first read; a document pickled again before that is
    passed on as it came."""
    import copy
    import pickle

    seed = (ROOT / "src" / "policytext" / "data" / "xinzhou-2018.txt").read_text(encoding="utf-8")
    doc = policytext.analyze(policytext.to_traditional(seed), id="x", meta={"year": 2018}, tokens=True)
    assert doc.quantities and doc.slogans and doc.findings and doc.dates
    assert any(q.si_value is not None and q.low is None for q in doc.quantities)
    assert any(isinstance(f.stated, int) for f in doc.findings) and any(isinstance(f.stated, Decimal) for f in doc.findings)

    back = pickle.loads(pickle.dumps(doc))
    assert object.__getattribute__(back, "_wire") is not None  # nothing built yet
    again = pickle.loads(pickle.dumps(back))  # passed on before any record was read
    assert back.quantities == doc.quantities  # the first read builds every record field
    assert object.__getattribute__(back, "_wire") is None
    assert back == doc and again == doc and copy.deepcopy(doc) == doc
    assert back.to_dict() == doc.to_dict() and "_wire" not in back.to_dict()
    assert [type(q.value) for q in back.quantities] == [type(q.value) for q in doc.quantities]
    assert back.findings[0].spans == doc.findings[0].spans and back.slogans[0].items == doc.slogans[0].items
    assert list(back.tokens) == list(doc.tokens) and list(back.sentences) == list(doc.sentences)
    with pytest.raises(AttributeError):
        back.no_such_field  # noqa: B018


def test_pipe_as_tuples_passes_context_through() -> None:
    pairs = [(t, {"n": i}) for i, t in enumerate(TEXTS)]
    out = list(policytext.pipe(pairs, as_tuples=True, n_process=2, batch_size=1))
    assert [ctx for _, ctx in out] == [{"n": i} for i in range(len(TEXTS))]
    assert [d.text for d, _ in out] == TEXTS


def test_pipe_rejects_a_bare_string_and_bad_options() -> None:
    with pytest.raises(TypeError, match="not one text"):
        policytext.pipe("四个意识")
    with pytest.raises(policytext.OptionError, match="n_process"):
        policytext.pipe(TEXTS, n_process=0)
    with pytest.raises(TypeError, match="got int"):
        list(policytext.pipe([1, 2]))
    with pytest.raises(TypeError, match="got int"):  # late in the stream, with workers running
        list(policytext.pipe(["四个意识"] * 40 + [3], n_process=2, batch_size=4))


# -- tables ---------------------------------------------------------------------------------------


def test_to_frames_fills_meta_a_document_lacks_and_keeps_columns_of_empty_tables() -> None:
    """Documents with different metadata: every table has a meta column for each key of any
    document, sorted, missing where a document has no such key; a list is kept as JSON text. An
    empty input still gives every table with its columns."""
    docs = [
        policytext.analyze("整改率98.3%,发现问题7680个", id="a", meta={"year": 2018, "tags": ["脱贫", 1]}),
        policytext.analyze("新增就业12.1万人", id="b"),
        policytext.analyze("没有数字", id="c", meta={"outlet": "新华社"}),
    ]
    frames = policytext.to_frames(docs)
    q = frames["quantities"]
    assert list(q.columns) == [*policytext.output.tables.COLUMNS["quantities"], "meta_outlet", "meta_tags", "meta_year"]
    assert q["doc_id"].tolist() == ["a", "a", "b"] and q["value"].tolist() == [98.3, 7680.0, 121000.0]
    assert str(q["meta_year"].dtype) == "Int64" and q["meta_year"].tolist() == [2018, 2018, pd.NA]
    assert q["meta_tags"].tolist()[:2] == ['["脱贫", 1]'] * 2 and q["meta_tags"].isna().tolist() == [False, False, True]
    assert q["meta_outlet"].isna().all()  # no quantity in the one document with an outlet
    d = frames["documents"].set_index("doc_id")
    assert list(d.columns[-3:]) == ["meta_outlet", "meta_tags", "meta_year"]
    assert d.loc["c", "meta_outlet"] == "新华社" and d["quantities"].tolist() == [2, 1, 0]
    assert all(list(f.columns[-3:]) == ["meta_outlet", "meta_tags", "meta_year"] for f in frames.values())
    assert all(policytext.to_frames(docs[:1])[t].columns.tolist()[0] == "doc_id" for t in policytext.output.tables.TABLES)

    empty = policytext.to_frames([])
    assert {t: list(f.columns) for t, f in empty.items()} == {t: list(c) for t, c in policytext.output.tables.COLUMNS.items()}
    assert all(len(f) == 0 for f in empty.values())


def test_meta_columns_are_typed_by_their_values_whichever_documents_lack_them() -> None:
    """The type of a meta column comes from the values the documents give it: it does not
    change when some documents lack the key, nor between tables with and without rows."""
    import numpy as np

    metas = [
        {"year": 2018, "share": 0.5, "official": True, "mixed": 1, "count": np.int64(3)},
        {"share": 1, "official": False, "mixed": "一"},
        {"year": 2020},
        {},
    ]
    docs = [policytext.analyze(f"第{i}条：新增就业12.1万人", id=str(i), meta=m) for i, m in enumerate(metas)]
    dtypes = {"meta_count": "Int64", "meta_mixed": "string", "meta_official": "boolean",
              "meta_share": "float64", "meta_year": "Int64"}  # fmt: skip
    for some, want in ((docs, dtypes), (docs[2:], {"meta_year": "Int64"})):  # the last lacks a year
        for frame in policytext.to_frames(some).values():  # slogans and findings have no rows
            assert {c: str(t) for c, t in frame.dtypes.items() if c.startswith("meta_")} == want
    d = policytext.to_frames(docs)["documents"]
    assert d["meta_year"].tolist() == [2018, pd.NA, 2020, pd.NA] and d["meta_share"].tolist()[:2] == [0.5, 1.0]
    assert d["meta_mixed"].tolist()[:2] == ["1", "一"] and d["meta_count"].tolist()[0] == 3
    assert d["meta_official"].tolist() == [True, False, pd.NA, pd.NA]


def test_to_frames_one_row_per_record_joined_by_doc_id() -> None:
    docs = [policytext.analyze(t, id=f"d{i}", meta={"year": 2018 + i}) for i, t in enumerate(TEXTS)]
    frames = policytext.to_frames(docs)
    assert set(frames) == {"documents", "slogans", "quantities", "dates", "findings"}
    assert frames["documents"]["doc_id"].tolist() == ["d0", "d1", "d2", "d3"]
    q = frames["quantities"]
    assert len(q) == sum(len(d.quantities) for d in docs)
    power = q[q.kind == "power"]
    assert power["value"].tolist() == [365760.0, 1213500.0] and set(power["meta_year"]) == {2020}
    f = frames["findings"].set_index("doc_id")
    assert f.loc["d0", "status"] == "ok" and f.loc["d2", "check"] == "ratio"
    assert frames["slogans"].loc[0, "normalized"] == "四个意识"
    with pytest.raises(TypeError, match="iterable of documents"):
        policytext.to_frames(docs[0])  # type: ignore[arg-type]


# -- corpus readers -------------------------------------------------------------------------------


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    (root / "sub" / "gbk.txt").write_bytes(TEXTS[1].encode("gbk"))
    (root / "sub" / "big5.txt").write_bytes(policytext.to_traditional(TEXTS[2]).encode("big5"))
    (root / "sub" / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (root / "sub" / "empty.txt").write_bytes(b"")
    lines = [json.dumps({"url": f"u{i}", "text": t, "year": 2019}, ensure_ascii=False) for i, t in enumerate(TEXTS)]
    lines.insert(2, '{"url": "broken')
    (tmp_path / "items.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pd.DataFrame({"doc": ["c1", "c2"], "body": TEXTS[:2], "outlet": ["人民日报", "新华社"]}).to_csv(tmp_path / "t.csv", index=False)
    pd.DataFrame({"doc": ["p1"], "body": [TEXTS[3]]}).to_parquet(tmp_path / "t.parquet")
    return tmp_path


def test_iter_corpus_reads_every_format_and_records_bad_input(corpus: Path) -> None:
    items = list(iter_corpus([str(corpus / "corpus"), str(corpus / "items.jsonl")], id_field="url"))
    assert [i.index for i in items] == list(range(len(items)))
    by_id = {i.id: i for i in items}
    assert by_id["a.txt"].text == TEXTS[0]
    assert by_id["sub/gbk.txt"].text == TEXTS[1]
    assert policytext.to_simplified(by_id["sub/big5.txt"].text or "") == TEXTS[2]
    assert "binary" in (by_id["sub/binary.txt"].error or "")
    assert "empty" in (by_id["sub/empty.txt"].error or "")
    assert by_id["u1"].meta == {"url": "u1", "year": 2019}
    broken = [i for i in items if i.error and "JSON" in i.error]
    assert len(broken) == 1 and broken[0].source.endswith("items.jsonl:3")
    assert count_corpus([str(corpus / "corpus"), str(corpus / "items.jsonl")]) == len(items)

    tables = list(iter_corpus([str(corpus / "t.csv"), str(corpus / "t.parquet")], text_field="body", id_field="doc"))
    assert [(i.id, i.text, i.meta.get("outlet")) for i in tables] == [
        ("c1", TEXTS[0], "人民日报"), ("c2", TEXTS[1], "新华社"), ("p1", TEXTS[3], None)
    ]


# -- the batch command ----------------------------------------------------------------------------


def test_batch_writes_outputs_and_loses_nothing(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = run_cli("batch", str(corpus / "corpus"), str(corpus / "items.jsonl"), "-o", str(out), "--id-field", "url",
                "--chunk-size", "2", "--progress-every", "0")  # fmt: skip
    assert r.returncode == 0, r.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents_in"] == 10 == summary["written"] + summary["failed"]
    assert summary["failed"] == 3
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {e["id"] for e in errors} == {"sub/binary.txt", "sub/empty.txt", "items.jsonl:3"}
    assert all(e["reason"] and e["source"] for e in errors)
    docs = [json.loads(x) for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in docs] == ["a.txt", "sub/big5.txt", "sub/gbk.txt", "u0", "u1", "u2", "u3"]
    q = pd.read_parquet(out / "quantities.parquet")
    assert set(q["doc_id"]) <= {d["id"] for d in docs}
    assert q.loc[q.text == "36.576万千瓦", "value"].tolist() == [365760.0]
    assert "documents in 10: written 7, failed 3" in r.stdout and "top slogans" in r.stdout
    assert "batch: 10/10 documents" in r.stderr  # plain progress lines when not on a terminal


def test_batch_csv_format_and_two_jobs_equal_one(corpus: Path, tmp_path: Path) -> None:
    args = [str(corpus / "items.jsonl"), "--id-field", "url", "--chunk-size", "1"]
    one, two = tmp_path / "one", tmp_path / "two"
    assert run_cli("batch", *args, "-o", str(one), "--format", "csv").returncode == 0
    assert run_cli("batch", *args, "-o", str(two), "--format", "csv", "--jobs", "2").returncode == 0
    for name in ("documents.jsonl", "errors.jsonl", "quantities.csv", "slogans.csv", "findings.csv"):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_batch_tables_come_from_the_workers_rows_or_from_the_documents_when_rows_are_missing(
    corpus: Path, tmp_path: Path
) -> None:
    """Each chunk's table rows are made where it is analyzed and merged at the end; they are
    never written to the state folder (which holds JSON alone), so a chunk finished by an
    earlier run is read from its documents instead. Either way, and mixed, the tables are
    ``to_frames`` of the documents written."""
    out = tmp_path / "out"
    cmd = ["batch", str(corpus / "corpus"), str(corpus / "items.jsonl"), "-o", str(out), "--id-field", "url",
           "--chunk-size", "2", "--jobs", "2"]  # fmt: skip
    assert run_cli(*cmd).returncode == 0
    docs = [json.loads(x) for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    expected = policytext.to_frames(docs)
    first = {t: pd.read_parquet(out / f"{t}.parquet") for t in policytext.output.tables.TABLES}
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    for table, frame in first.items():
        pd.testing.assert_frame_equal(frame, expected[table])

    state = out / ".policytext-state"
    chunks = [f"chunk-{i:07d}.jsonl" for i in range(5)]
    assert sorted(p.name for p in state.iterdir()) == [*chunks, "lock", "manifest.json"]
    for name in ("documents.jsonl", "quantities.parquet", "summary.json"):
        (out / name).unlink()
    assert run_cli(*cmd).returncode == 0  # every chunk done: the merge alone, every row from the documents
    for table, frame in first.items():
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{table}.parquet"), frame)
    for name in (chunks[0], chunks[3]):
        (state / name).unlink()
    assert run_cli(*cmd).returncode == 0  # two chunks analyzed again, three from the documents
    for table, frame in first.items():
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{table}.parquet"), frame)
    again = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    for key in ("written", "failed", "top_slogans", "quantity_kinds", "findings"):
        assert again[key] == summary[key], key
    assert summary["top_slogans"] and summary["quantity_kinds"]

    # a run that wrote JSON Lines alone made no rows; the same folder asked for tables has them
    jsonl = tmp_path / "jsonl"
    assert run_cli(*cmd[:4], str(jsonl), *cmd[5:], "--format", "jsonl").returncode == 0
    assert not (jsonl / "quantities.parquet").exists()
    assert run_cli(*cmd[:4], str(jsonl), *cmd[5:]).returncode == 0
    for table, frame in first.items():
        pd.testing.assert_frame_equal(pd.read_parquet(jsonl / f"{table}.parquet"), frame)


def test_batch_refuses_another_batchs_folder(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("batch", str(corpus / "items.jsonl"), "-o", str(out)).returncode == 0
    r = run_cli("batch", str(corpus / "t.csv"), "-o", str(out), "--text-field", "body")
    assert r.returncode == 1 and "other inputs or options" in r.stderr


def _slow_corpus(tmp_path: Path, n: int = 400) -> Path:
    seed = (ROOT / "src" / "policytext" / "data" / "xinzhou-2018.txt").read_text(encoding="utf-8")
    path = tmp_path / "many.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"n{i}", "text": seed[: 1500 + 7 * i]}, ensure_ascii=False) + "\n")
    return path


def _kill_after_chunks(cmd: list[str], state: Path, sig: int, chunks: int = 3) -> int:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list(state.glob("chunk-*.jsonl"))) >= chunks:
            proc.send_signal(sig)
            break
        time.sleep(0.02)
    proc.wait(timeout=120)
    return proc.returncode


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_batch_resumes_after_being_killed(tmp_path: Path, sig: int) -> None:
    src = _slow_corpus(tmp_path)
    whole, resumed = tmp_path / "whole", tmp_path / "resumed"
    base = [sys.executable, "-m", "policytext", "batch", str(src), "--id-field", "id", "--chunk-size", "4"]
    assert subprocess.run([*base, "-o", str(whole)], capture_output=True, timeout=600).returncode == 0

    code = _kill_after_chunks([*base, "-o", str(resumed)], resumed / ".policytext-state", sig)
    assert code == (-signal.SIGKILL if sig == signal.SIGKILL else 130)
    assert not (resumed / "documents.jsonl").exists()  # nothing final was written by the killed run
    done = len(list((resumed / ".policytext-state").glob("chunk-*.jsonl")))
    assert 3 <= done < 100

    r = subprocess.run([*base, "-o", str(resumed)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    summary = json.loads((resumed / "summary.json").read_text(encoding="utf-8"))
    assert summary["skipped"] == 4 * done and summary["written"] == 400
    assert (whole / "documents.jsonl").read_bytes() == (resumed / "documents.jsonl").read_bytes()
    for table in ("documents", "slogans", "quantities", "dates", "findings"):
        pd.testing.assert_frame_equal(pd.read_parquet(whole / f"{table}.parquet"), pd.read_parquet(resumed / f"{table}.parquet"))


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid``, read from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc (Linux)")
def test_batch_with_jobs_killed_leaves_no_process_behind_and_resumes(tmp_path: Path) -> None:
    """``--jobs 3`` killed with SIGKILL: its workers (and the server they were forked from) exit
    on their own instead of waiting for work for ever, and the rerun finishes the corpus with
    the output of an uninterrupted run."""
    src = _slow_corpus(tmp_path)
    whole, resumed = tmp_path / "whole", tmp_path / "resumed"
    base = [sys.executable, "-m", "policytext", "batch", str(src), "--id-field", "id", "--chunk-size", "4"]
    assert subprocess.run([*base, "-o", str(whole)], capture_output=True, timeout=600).returncode == 0

    state = resumed / ".policytext-state"
    proc = subprocess.Popen([*base, "-o", str(resumed), "--jobs", "3"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(state.glob("chunk-*.jsonl"))) < 6:
        time.sleep(0.02)
    below = _descendants(proc.pid)
    proc.kill()
    proc.wait(timeout=60)
    assert len(below) >= 3  # at least the two workers and their server
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_running(p) for p in below):
        time.sleep(0.1)
    assert not [p for p in below if _running(p)]

    r = subprocess.run([*base, "-o", str(resumed), "--jobs", "3"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert json.loads((resumed / "summary.json").read_text(encoding="utf-8"))["written"] == 400
    assert (whole / "documents.jsonl").read_bytes() == (resumed / "documents.jsonl").read_bytes()


def test_documents_jsonl_round_trips_values(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert run_cli("batch", str(corpus / "items.jsonl"), "-o", str(out), "--format", "jsonl").returncode == 0
    assert not list(out.glob("*.parquet"))
    docs = [json.loads(x) for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    q = next(q for d in docs for q in d["quantities"] if q["unit"] == "千瓦")
    assert Decimal(str(q["value"])) == Decimal(365760)
    assert all(d["text"][q["start"] : q["end"]] == q["text"] for d in docs for q in d["quantities"])


# -- a researcher's slogan list -------------------------------------------------------------------

USER_ROWS = [{"slogan": "三个确保", "items": "确保脱贫、确保增收、确保稳定", "source": "县委文件 2018"}]
USER_TEXTS = ["全县落实三个确保，即确保脱贫、确保增收、确保稳定。", *TEXTS]


def test_pipe_with_an_analyzer_gives_its_slogans_from_worker_processes(submitted: list[int]) -> None:
    """Workers receive the Analyzer (by its configuration) and rebuild it: the user's slogan
    comes back from chunks analyzed in a worker, with its items, and as one token."""
    a = policytext.Analyzer(extra_slogans=USER_ROWS)
    texts = USER_TEXTS * 4
    out = list(policytext.pipe(texts, analyzer=a, n_process=2, batch_size=1, tokens=True))
    assert submitted  # the first chunks went to the worker
    assert out == [a.analyze(t, tokens=True) for t in texts]
    mine = [s for d in out for s in d.slogans if s.normalized == "三个确保"]
    assert len(mine) == 4 and {s.lexicon_id for s in mine} == {"<rows>:1"}
    assert all([i.text for i in s.items] == ["确保脱贫", "确保增收", "确保稳定"] for s in mine)
    assert all("三个确保" in [t.text for t in d.tokens] for d in out[:: len(USER_TEXTS)])
    assert not any(s.normalized == "三个确保" for d in policytext.pipe(texts[:1]) for s in d.slogans)


def test_pipe_refuses_a_segmenter_that_contradicts_its_analyzer() -> None:
    a = policytext.Analyzer(extra_slogans=USER_ROWS)
    with pytest.raises(policytext.OptionError, match="segmenter='rjieba'"):
        policytext.pipe(TEXTS, analyzer=a, segmenter="rjieba")
    with pytest.raises(policytext.OptionError, match="analyzer"):
        policytext.pipe(TEXTS, analyzer="mine.tsv")  # type: ignore[arg-type]


def _manifest(out: Path) -> dict:
    return json.loads((out / ".policytext-state" / "manifest.json").read_text(encoding="utf-8"))


def test_batch_with_a_slogan_list_records_it_and_refuses_a_resume_with_another(tmp_path: Path) -> None:
    mine = tmp_path / "mine.tsv"
    mine.write_text("slogan\titems\tsource\n三个确保\t确保脱贫、确保增收、确保稳定\t县委文件 2018\n", encoding="utf-8")
    src = tmp_path / "items.jsonl"
    src.write_text("".join(json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(USER_TEXTS)),
                   encoding="utf-8")  # fmt: skip
    out, plain = tmp_path / "out", tmp_path / "plain"
    base = ["batch", str(src), "--id-field", "id", "--chunk-size", "2"]
    r = run_cli(*base, "-o", str(out), "--slogans", str(mine), "--jobs", "2")
    assert r.returncode == 0, r.stderr
    slogans = pd.read_parquet(out / "slogans.parquet")
    row = slogans[slogans.normalized == "三个确保"].iloc[0]
    assert (row["doc_id"], row["lexicon_id"], row["start"], row["end"]) == ("d0", "mine.tsv:2", 4, 8)
    doc = json.loads((out / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert [i["text"] for i in doc["slogans"][0]["items"]] == ["确保脱贫", "确保增收", "确保稳定"]
    config = policytext.Analyzer(extra_slogans=mine).config()
    assert _manifest(out)["extra_slogans"] == {"path": str(mine), "rows": 1, "sha256": config["extra_slogans_sha256"]}

    # a run without a list: no slogan of the user's, and a manifest as before
    assert run_cli(*base, "-o", str(plain)).returncode == 0
    assert "三个确保" not in set(pd.read_parquet(plain / "slogans.parquet").normalized)
    assert "extra_slogans" not in _manifest(plain)

    assert run_cli(*base, "-o", str(out), "--slogans", str(mine)).returncode == 0  # the same list resumes
    mine.write_text(mine.read_text(encoding="utf-8").replace("确保稳定", "确保安全"), encoding="utf-8")
    for extra, says in ((["--slogans", str(mine)], f"the slogan list {mine} was edited since the batch began"),
                        ([], f"the batch began with the slogan list {mine} (1 row), this run has none")):  # fmt: skip
        r = run_cli(*base, "-o", str(out), *extra)
        assert r.returncode == 1 and len(r.stderr.splitlines()) == 1
        assert "other inputs or options" in r.stderr and says in r.stderr
    r = run_cli(*base, "-o", str(plain), "--slogans", str(mine))
    assert r.returncode == 1 and f"the batch began without a slogan list, this run has {mine}" in r.stderr
