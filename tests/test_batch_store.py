"""The batch's output folder under attack: changed inputs, a second run, planted state files,
left-over temporary files, nonsense options, and documents that never finish."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import policytext
from policytext.parallel.batch import run_batch

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "src" / "policytext" / "data" / "xinzhou-2018.txt").read_text(encoding="utf-8")
STATE = ".policytext-state"


def _lines(n: int, start: int = 0) -> str:
    return "".join(json.dumps({"id": f"n{i}", "text": f"第{i}条：整改率98.3%，践行四个意识。"}, ensure_ascii=False) + "\n"
                   for i in range(start, start + n))  # fmt: skip


def _stop_after(calls: int):  # type: ignore[no-untyped-def]
    """A ``stop`` that asks the batch to stop once it has been polled ``calls`` times."""
    polled = [0]

    def stop() -> bool:
        polled[0] += 1
        return polled[0] > calls

    return stop


def _interrupted(src: Path, out: Path, chunks: int = 3, **options) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(KeyboardInterrupt):
        run_batch([str(src)], out, id_field="id", chunk_size=10, stop=_stop_after(chunks), **options)
    assert len(list((out / STATE).glob("chunk-*.jsonl"))) == chunks


# -- defect 4: a changed input ---------------------------------------------------------------------


@pytest.mark.parametrize("change", ["append", "prepend", "same size"])
def test_a_resume_over_a_changed_input_is_refused_saying_how_it_changed(tmp_path: Path, change: str) -> None:
    """95 lines, interrupted after 3 chunks of 10, then the file is changed: 10 lines appended,
    one prepended, or one character replaced (same size, same mtime): the resume is refused,
    naming the file and what changed, and writes nothing."""
    src, out = tmp_path / "in.jsonl", tmp_path / "out"
    src.write_text(_lines(95), encoding="utf-8")
    _interrupted(src, out)
    before = src.stat()
    if change == "append":
        src.write_text(_lines(95) + _lines(10, 95), encoding="utf-8")
        says = f"{before.st_size} bytes then, {src.stat().st_size} now"
    elif change == "prepend":
        src.write_text(_lines(1, 500) + _lines(95), encoding="utf-8")
        says = "bytes then"
    else:
        src.write_text(_lines(95).replace("第7条", "第8条"), encoding="utf-8")
        os.utime(src, ns=(before.st_atime_ns, before.st_mtime_ns))
        says = "same size, other content"
    with pytest.raises(policytext.PolicytextError, match="changed since the batch began") as caught:
        run_batch([str(src)], out, id_field="id", chunk_size=10)
    assert str(src) in str(caught.value) and says in str(caught.value)
    assert not (out / "documents.jsonl").exists()


def test_an_input_touched_but_not_changed_resumes_to_the_whole_output(tmp_path: Path) -> None:
    src, out, whole = tmp_path / "in.jsonl", tmp_path / "out", tmp_path / "whole"
    src.write_text(_lines(95), encoding="utf-8")
    run_batch([str(src)], whole, id_field="id", chunk_size=10, fmt="jsonl")
    _interrupted(src, out, fmt="jsonl")
    os.utime(src, (time.time() + 100, time.time() + 100))  # copied, or touched: same bytes
    summary = run_batch([str(src)], out, id_field="id", chunk_size=10, fmt="jsonl")
    assert (summary.documents_in, summary.written, summary.skipped) == (95, 95, 30)
    assert (out / "documents.jsonl").read_bytes() == (whole / "documents.jsonl").read_bytes()


def test_a_file_of_an_input_folder_added_or_removed_is_named(tmp_path: Path) -> None:
    folder, out = tmp_path / "texts", tmp_path / "out"
    folder.mkdir()
    for i in range(45):
        (folder / f"{i:03d}.txt").write_text(f"第{i}篇：整改率98.3%。", encoding="utf-8")
    _interrupted(folder, out)
    (folder / "007.txt").unlink()
    (folder / "100.txt").write_text("新的一篇。", encoding="utf-8")
    with pytest.raises(policytext.PolicytextError) as caught:
        run_batch([str(folder)], out, chunk_size=10)
    message = str(caught.value)
    assert f"{folder / '007.txt'} is gone" in message and f"{folder / '100.txt'} is new" in message


def test_an_old_state_folder_is_refused_with_what_to_do(tmp_path: Path) -> None:
    """A state folder written before inputs were fingerprinted cannot be trusted to match them."""
    src, out = tmp_path / "in.jsonl", tmp_path / "out"
    src.write_text(_lines(5), encoding="utf-8")
    (out / STATE).mkdir(parents=True)
    old = {"schema": policytext.SCHEMA, "inputs": [str(src)], "text_field": "text", "id_field": "id",
           "tokens": False, "segmenter": None, "chunk_size": 10}  # fmt: skip
    (out / STATE / "manifest.json").write_text(json.dumps(old), encoding="utf-8")
    with pytest.raises(policytext.PolicytextError, match="earlier version of policytext.*new output folder"):
        run_batch([str(src)], out, id_field="id", chunk_size=10)


def test_the_manifest_fingerprints_each_input_and_names_the_version(tmp_path: Path) -> None:
    import hashlib

    src, out = tmp_path / "in.jsonl", tmp_path / "out"
    src.write_text(_lines(3), encoding="utf-8")
    run_batch([str(src)], out, id_field="id", fmt="jsonl")
    manifest = json.loads((out / STATE / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["policytext"] == policytext.__version__
    assert manifest["files"] == [{"path": str(src), "size": src.stat().st_size, "mtime_ns": src.stat().st_mtime_ns,
                                  "sha256": hashlib.sha256(src.read_bytes()).hexdigest()}]  # fmt: skip


# -- defect 5: a second run into the same folder ---------------------------------------------------


def _slow_corpus(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"n{i}", "text": SEED[: 1500 + 7 * i]}, ensure_ascii=False) + "\n")
    return path


#: a batch in its own process that takes about 10 s whatever the machine: each document waits
#: 50 ms in its segmenter
_SLOW_BATCH = """
import sys, time
import policytext
class Sleepy:
    def cut(self, text):
        time.sleep(0.05)
        return list(text)
s = policytext.run_batch([sys.argv[1]], sys.argv[2], id_field="id", tokens=True, chunk_size=4,
                         analyzer=policytext.Analyzer(segmenter=Sleepy()), fmt="jsonl")
print(s.written)
"""


def test_a_second_batch_into_a_running_batchs_folder_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    """Two real processes: while the first runs, a second ``batch`` into its folder (with other
    options, which used to be refused only after it had deleted the first's temporary files) gets
    a one-line refusal and exit status 1, a file it would have cleaned up is left alone, and the
    first finishes every document."""
    src, out = _slow_corpus(tmp_path / "many.jsonl", 200), tmp_path / "out"
    first = subprocess.Popen([sys.executable, "-c", _SLOW_BATCH, str(src), str(out)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not list((out / STATE).glob("chunk-*.jsonl")):
            time.sleep(0.02)
        planted = out / STATE / ".chunk-9999999.jsonl.planted.tmp"
        planted.write_text("a temporary file of the running batch", encoding="utf-8")
        second = subprocess.run([sys.executable, "-m", "policytext", "batch", str(src), "-o", str(out), "--chunk-size", "5"],
                                capture_output=True, text=True, timeout=120)  # fmt: skip
        assert first.poll() is None, "the first batch must still be running for this test to mean anything"
        assert second.returncode == 1 and len(second.stderr.strip().splitlines()) == 1, second.stderr
        assert "in use by another batch" in second.stderr and str(out) in second.stderr
        assert planted.exists()
        stdout, stderr = first.communicate(timeout=300)
    finally:
        first.kill()
    assert first.returncode == 0 and stdout.strip() == "200", stderr


def test_the_lock_is_released_when_a_run_ends_or_is_killed(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out"
    src.write_text(_lines(5), encoding="utf-8")
    run_batch([str(src)], out, id_field="id", fmt="jsonl")
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from policytext.parallel.lock import locked_folder\n"
        "with locked_folder(sys.argv[1]):\n    print('held', flush=True); time.sleep(60)"), str(out)],
        stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"  # type: ignore[union-attr]
        with pytest.raises(policytext.PolicytextError, match="in use by another batch"):
            run_batch([str(src)], out, id_field="id", fmt="jsonl")
    finally:
        holder.kill()
        holder.wait()
    assert run_batch([str(src)], out, id_field="id", fmt="jsonl").written == 5  # killed: no stale lock


# -- defect 6: nothing on disk is unpickled or executed --------------------------------------------


class _Plant:
    """Unpickled, it makes a folder: what a planted pickle could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.mkdir, (str(self.marker),))


def test_planted_pickles_are_never_loaded_and_broken_chunks_are_redone(tmp_path: Path) -> None:
    src, out, whole = tmp_path / "in.jsonl", tmp_path / "out", tmp_path / "whole"
    src.write_text(_lines(45), encoding="utf-8")
    run_batch([str(src)], whole, id_field="id", chunk_size=10)
    _interrupted(src, out, chunks=4)
    state = out / STATE
    marker = tmp_path / "executed"
    evil = pickle.dumps(_Plant(marker)) + pickle.dumps(_Plant(marker))
    for name in ("chunk-0000000.rows.pickle", "chunk-0000001.rows.pickle", "chunk-0000000.rows.json",
                 "chunk-0000000.pickle", "chunk-0000004.rows.pickle", "manifest.pickle"):  # fmt: skip
        (state / name).write_bytes(evil)
    chunk1 = state / "chunk-0000001.jsonl"
    lines = chunk1.read_text(encoding="utf-8").splitlines()
    chunk1.write_text("\n".join(lines[:3]) + '\n{"i": 13, "document": {"id": broken}\n', encoding="utf-8")
    chunk2 = state / "chunk-0000002.jsonl"  # a chunk of the wrong documents
    chunk2.write_text(chunk2.read_text(encoding="utf-8").replace('{"i": 2', '{"i": 9'), encoding="utf-8")
    (state / "chunk-0000003.jsonl").write_bytes(evil)

    summary = run_batch([str(src)], out, id_field="id", chunk_size=10)
    assert not marker.exists()
    assert (summary.documents_in, summary.written, summary.failed, summary.skipped) == (45, 45, 0, 10)
    assert (out / "documents.jsonl").read_bytes() == (whole / "documents.jsonl").read_bytes()
    for table in policytext.output.tables.TABLES:
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{table}.parquet"), pd.read_parquet(whole / f"{table}.parquet"))
    assert not list(state.glob("*.pickle"))  # written by no version that reads this folder: removed


# -- defect 7: options and what the summary says ---------------------------------------------------


@pytest.mark.parametrize("option", [{"chunk_size": 0}, {"chunk_size": -1}, {"chunk_size": 2.5}, {"jobs": 0},
                                    {"doc_timeout": 0}, {"doc_timeout": -3}, {"doc_timeout": "60"}])  # fmt: skip
def test_run_batch_refuses_nonsense_options_before_touching_the_folder(tmp_path: Path, option: dict) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out"
    src.write_text(_lines(3), encoding="utf-8")
    with pytest.raises(policytext.OptionError, match=next(iter(option))):
        run_batch([str(src)], out, **option)
    assert not out.exists()


def test_the_summary_says_when_an_input_is_missing_or_nothing_was_analyzed(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(_lines(3), encoding="utf-8")
    missing = str(tmp_path / "nope.jsonl")
    s = run_batch([str(src), missing], tmp_path / "a", id_field="id", fmt="jsonl")
    assert (s.documents_in, s.written, s.failed, s.missing_inputs) == (4, 3, 1, [missing])
    assert s.exit_status == 1 and s.problems == [f"{missing}: no such input"]
    assert f"{missing}: no such input" in s.table()

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": ""}\nnot json\n', encoding="utf-8")
    s = run_batch([str(bad)], tmp_path / "b", fmt="jsonl")
    assert (s.documents_in, s.written, s.failed, s.exit_status) == (2, 0, 2, 1)
    assert s.problems == ["no document could be analyzed: 2 failed (see errors.jsonl)"]
    assert len((tmp_path / "b" / "errors.jsonl").read_text(encoding="utf-8").splitlines()) == 2

    s = run_batch([str(src), str(bad)], tmp_path / "c", id_field="id", fmt="jsonl")
    assert (s.written, s.failed, s.exit_status, s.problems) == (3, 2, 0, [])
    json_summary = json.loads((tmp_path / "c" / "summary.json").read_text(encoding="utf-8"))
    assert json_summary["missing_inputs"] == [] and json_summary["exit_status"] == 0

    empty = tmp_path / "empty"
    empty.mkdir()
    s = run_batch([str(empty)], tmp_path / "d", fmt="jsonl")
    # a folder without .txt files is an error item of its own (inputs.py), so it is counted
    assert (s.documents_in, s.failed, s.exit_status) == (1, 1, 1)
    assert s.problems == ["no document could be analyzed: 1 failed (see errors.jsonl)"]
    error = json.loads((tmp_path / "d" / "errors.jsonl").read_text(encoding="utf-8"))
    assert error["source"] == str(empty) and "a folder with no .txt files" in error["reason"]


# -- defect 10: temporary files of a killed run ----------------------------------------------------


def test_temporary_files_of_a_killed_run_are_removed_and_a_run_leaves_none(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out"
    src.write_text(_lines(25), encoding="utf-8")
    _interrupted(src, out, chunks=1)
    planted = [out / ".documents.jsonl.k2j3h4.tmp", out / ".errors.jsonl.abc.tmp", out / ".quantities.parquet.x1.tmp",
               out / ".summary.json.zz.tmp", out / STATE / ".chunk-0000002.jsonl.q.tmp",
               out / STATE / ".chunk-0000002.rows.json.q.tmp", out / STATE / ".manifest.json.m.tmp"]  # fmt: skip
    for p in planted:
        p.write_text("left by a killed merge", encoding="utf-8")
    mine = out / ".my-notes.tmp"  # not a name a batch writes: the user's
    mine.write_text("mine", encoding="utf-8")
    assert run_batch([str(src)], out, id_field="id", chunk_size=10).written == 25
    assert [p for p in planted if p.exists()] == [] and mine.exists()
    assert sorted(p.name for p in out.rglob("*.tmp")) == [".my-notes.tmp"]


# -- the per-document time limit -------------------------------------------------------------------


class SlowSegmenter:
    """Cuts text into characters, but takes a minute over any text with 慢 in it: a document
    that never finishes in reasonable time."""

    def cut(self, text: str) -> list[str]:
        if "慢" in text:
            time.sleep(60)
        return list(text)


def _slow_lines(tmp_path: Path) -> Path:
    src = tmp_path / "slow.jsonl"
    texts = ["四个意识，整改率98.3%。", "这一篇很慢。", "两个维护。", "新增就业12.1万人。", "最后一篇。"]
    src.write_text("".join(json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)),
                   encoding="utf-8")  # fmt: skip
    return src


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_document_past_the_time_limit_becomes_an_error_and_the_batch_goes_on(tmp_path: Path, jobs: int) -> None:
    src = _slow_lines(tmp_path)
    analyzer = policytext.Analyzer(segmenter=SlowSegmenter())
    started = time.monotonic()
    s = run_batch([str(src)], tmp_path / "out", id_field="id", tokens=True, analyzer=analyzer, chunk_size=1,
                  jobs=jobs, doc_timeout=1.5, fmt="jsonl")  # fmt: skip
    assert time.monotonic() - started < 30
    assert (s.documents_in, s.written, s.failed, s.exit_status) == (5, 4, 1, 0)
    errors = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["id"] for e in errors] == ["d1"] and "time limit of 1.5 s" in errors[0]["reason"]
    docs = [json.loads(x) for x in (tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in docs] == ["d0", "d2", "d3", "d4"]
    assert [t["text"] for t in docs[1]["tokens"]][:2] == ["两", "个"]


@pytest.mark.parametrize("n_process", [1, 2])
def test_pipe_gives_a_document_past_the_time_limit_as_one_without_records(n_process: int) -> None:
    texts = ["四个意识，整改率98.3%。", "这一篇很慢。", "两个维护。"] * 2
    analyzer = policytext.Analyzer(segmenter=SlowSegmenter())
    started = time.monotonic()
    out = list(policytext.pipe(texts, analyzer=analyzer, tokens=True, n_process=n_process, batch_size=1, doc_timeout=1))
    assert time.monotonic() - started < 30
    assert [d.text for d in out] == texts
    slow = [d for d in out if "慢" in d.text]
    assert all(d.meta == {"error": "analysis stopped at the time limit of 1 s per document"} for d in slow)
    assert all(not d.slogans and not d.quantities and d.tokens is None for d in slow)
    fast = [d for d in out if "慢" not in d.text]
    assert fast == [analyzer.analyze(t, tokens=True) for t in texts if "慢" not in t]


def test_the_time_limit_does_not_apply_off_the_main_thread_and_breaks_nothing() -> None:
    """Signals reach the main thread only: elsewhere (a thread, a Dask worker) documents are
    analyzed without a limit.  The caller's own SIGALRM handler is put back, and its own timer
    (pytest-timeout's here, or one set for this test) goes on with the time it had left."""
    import signal
    import threading

    from policytext.parallel.timeout import TimeLimit

    before = signal.getsignal(signal.SIGALRM)
    got: list[object] = []
    thread = threading.Thread(target=lambda: got.extend(policytext.pipe(["四个意识"], doc_timeout=0.001)))
    thread.start()
    thread.join()
    assert [d.slogans[0].normalized for d in got] == ["四个意识"]  # type: ignore[attr-defined]
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    outer = signal.setitimer(signal.ITIMER_REAL, 100.0)
    try:
        with TimeLimit(5) as limit:
            limit.call(time.sleep, 0.2)
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 98 < left < 99.9 and not fired
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        with TimeLimit(5) as limit:  # the caller's timer is due first: it fires, not the limit
            limit.call(time.sleep, 0.2)
        assert fired == [signal.SIGALRM]
    finally:
        signal.setitimer(signal.ITIMER_REAL, *outer)
        signal.signal(signal.SIGALRM, previous)
    assert signal.getsignal(signal.SIGALRM) is before
