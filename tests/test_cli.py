"""The `policytext` command, run as a user runs it (a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from policytext.records import SCHEMA


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "policytext", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=300,
    )


def check_contract(doc: dict) -> None:
    assert doc["schema"] == SCHEMA
    for key in ("id", "meta", "script", "text", "text_simplified", "sentences", "slogans",
                "quantities", "dates", "findings", "boilerplate"):
        assert key in doc, key
    text = doc["text"]
    assert len(doc["text_simplified"]) == len(text)
    for s in doc["sentences"]:
        assert 0 <= s["start"] < s["end"] <= len(text)
    for key in ("slogans", "quantities", "dates"):
        for r in doc[key]:
            assert text[r["start"] : r["end"]] == r["text"]
    for s in doc["slogans"]:
        assert {"normalized", "number", "parts", "kind", "items", "items_source"} <= set(s)
        for item in s["items"]:
            assert text[item["start"] : item["end"]] == item["text"]
    for q in doc["quantities"]:
        assert {"value", "unit", "kind", "qualifier", "counted"} <= set(q)
    for d in doc["dates"]:
        assert {"year", "month", "day", "relative"} <= set(d)
    for f in doc["findings"]:
        assert {"check", "status", "message", "spans"} <= set(f)
    for b in doc["boilerplate"]:
        assert {"start", "end", "kind"} <= set(b)


def test_analyze_seed_output_is_the_contract(shared):
    seed = shared / "seeds" / "000_469cae3db60a0aaf.txt"
    proc = run("analyze", str(seed))
    assert proc.returncode == 0, proc.stderr.decode()
    lines = proc.stdout.decode("utf-8").splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])
    check_contract(doc)
    assert doc["script"] == "mixed"
    assert doc["id"] == "000_469cae3db60a0aaf.txt"
    assert doc["text"] == seed.read_text(encoding="utf-8")
    assert "tokens" not in doc


def test_gbk_file_and_tokens(shared, tmp_path):
    out = tmp_path / "out.jsonl"
    gbk = shared / "corpora" / "gov-docs-misc" / "gwr_2020_transcript.gbk.txt"
    proc = run("analyze", str(gbk), "--tokens", "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == b""
    doc = json.loads(out.read_text(encoding="utf-8"))
    check_contract(doc)
    assert doc["script"] == "simplified"
    assert doc["text"].startswith("政府工作报告")
    assert all(doc["text"][t["start"] : t["end"]] == t["text"] for t in doc["tokens"])


def test_jsonl_input_passes_fields_into_meta(tmp_path):
    src = tmp_path / "items.jsonl"
    rows = [
        {"date": "20180105", "title": "甲", "content": "脱贫攻坚取得决定性进展。"},
        {"date": "20180106", "title": "乙", "content": "踐行“四個意識”。"},
    ]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    proc = run("analyze", str(src), "--text-field", "content", "--id-field", "date")
    assert proc.returncode == 0, proc.stderr.decode()
    docs = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert [d["id"] for d in docs] == ["20180105", "20180106"]
    assert docs[1]["meta"]["title"] == "乙" and docs[1]["meta"]["date"] == "20180106"
    assert docs[1]["text"] == "踐行“四個意識”。"
    assert docs[1]["script"] == "traditional"


def test_stdin():
    proc = run("analyze", "-", stdin="二○一八年，踐行“四個意識”。".encode("big5", "replace"))
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    assert doc["id"] == "<stdin>"
    assert doc["text_simplified"].startswith("二○一八年，践行")


def test_no_chinese_is_a_valid_document(tmp_path):
    p = tmp_path / "english.txt"
    p.write_text("The State Council met on Friday.", encoding="utf-8")
    proc = run("analyze", str(p))
    assert proc.returncode == 0
    doc = json.loads(proc.stdout)
    assert doc["script"] == "none" and doc["slogans"] == []


def make_bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)))
    (tmp / "undecodable.txt").write_bytes("正文".encode() + b"\xff\xfe\xff\x80")
    (tmp / "folder").mkdir()
    big = tmp / "big.txt"
    with big.open("wb") as fh:
        chunk = ("脱贫攻坚取得决定性进展。" * 1000 + "\n").encode()
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    return {
        "empty": (tmp / "empty.txt", "file is empty"),
        "binary": (tmp / "binary.txt", "binary file"),
        "undecodable": (tmp / "undecodable.txt", "not valid UTF-8"),
        "directory": (tmp / "folder", "is a directory"),
        "missing": (tmp / "nope.txt", "no such file"),
        "large": (big, "over the 20 MB limit"),
    }


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory):
    return make_bad_inputs(tmp_path_factory.mktemp("bad"))


@pytest.mark.parametrize("case", ["empty", "binary", "undecodable", "directory", "missing", "large"])
def test_bad_input_gives_one_clear_line_and_writes_nothing(bad_inputs, tmp_path, case):
    path, problem = bad_inputs[case]
    out = tmp_path / "out.jsonl"
    out.write_text("previous content\n")
    proc = run("analyze", str(path), "-o", str(out))
    err = proc.stderr.decode()
    assert proc.returncode == 1
    assert err.splitlines()[0] == f"policytext: error: {path}: {err.split(': ', 3)[-1].splitlines()[0]}"
    assert str(path) in err and problem in err
    assert "Traceback" not in err
    assert out.read_text() == "previous content\n"  # untouched
    assert not list(tmp_path.glob(".policytext-*"))


def test_bad_file_among_good_ones_stops_before_writing(bad_inputs, seed_text, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(seed_text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = run("analyze", str(good), str(bad_inputs["binary"][0]), "-o", str(out))
    assert proc.returncode == 1
    assert not out.exists()


def test_large_file_can_be_allowed(bad_inputs, tmp_path):
    big, _ = bad_inputs["large"]
    out = tmp_path / "out.jsonl"
    proc = run("analyze", str(big), "--max-mb", "60", "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert len(doc["text"]) > 10_000_000


def test_demo_writes_records_and_prints_a_summary(tmp_path):
    out = tmp_path / "demo.jsonl"
    proc = run("demo", "-o", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    summary = proc.stdout.decode()
    assert "script mixed" in summary and "slogans (" in summary
    doc = json.loads(out.read_text(encoding="utf-8"))
    check_contract(doc)
    assert doc["id"] == "xinzhou-2018"


def test_console_script_matches_module(tmp_path):
    exe = Path(sys.executable).with_name("policytext")
    if not exe.exists():
        pytest.skip("console script not installed in this environment")
    p = tmp_path / "a.txt"
    p.write_text("踐行“四個意識”。", encoding="utf-8")
    a = subprocess.run([str(exe), "analyze", str(p)], capture_output=True, timeout=120)
    b = run("analyze", str(p))
    assert a.returncode == b.returncode == 0
    assert a.stdout == b.stdout


# -- a researcher's slogan list (--slogans) ------------------------------------------------------

USER_TEXT = "全县落实三个确保，即确保脱贫、确保增收、确保稳定。"
USER_LIST = "slogan\titems\tsource\n# a comment line\n三个确保\t确保脱贫、确保增收、确保稳定\t县委文件 2018\n"


def test_analyze_finds_the_slogans_of_a_user_list(tmp_path):
    """``--slogans`` adds the user's rows to the shipped lexicon: the slogan, unknown to the
    shipped data, is found with its items, its id (file:line) and its source."""
    (tmp_path / "mine.tsv").write_text(USER_LIST, encoding="utf-8")
    (tmp_path / "a.txt").write_text(USER_TEXT, encoding="utf-8")
    plain = json.loads(run("analyze", "a.txt", cwd=tmp_path).stdout)
    assert plain["slogans"] == []
    proc = run("analyze", "a.txt", "--slogans", "mine.tsv", "--tokens", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    check_contract(doc)
    [s] = doc["slogans"]
    assert (s["text"], s["start"], s["end"], s["number"], s["matched_by"]) == ("三个确保", 4, 8, 3, "lexicon")
    assert (s["lexicon_id"], s["lexicon_source"], s["items_source"]) == ("mine.tsv:3", "县委文件 2018", "inline")
    assert [i["text"] for i in s["items"]] == ["确保脱贫", "确保增收", "确保稳定"]
    assert "三个确保" in [t["text"] for t in doc["tokens"]]  # the segmenter keeps it one token


BAD_LISTS = {
    "no numeral": ("slogan\titems\n三个确保\t甲、乙、丙\n脱贫攻坚\t\n", 3, "has no numeral"),
    "no slogan column": ("name\titems\n三个确保\t甲、乙、丙\n", 1, "no 'slogan' column"),
    "listed twice": ("slogan\n三个确保\n\n三个确保\n", 4, "listed twice (first at"),
    "empty member": ("slogan\titems\n三个确保\t甲、、丙\n", 2, "empty member"),
    "too many fields": ("slogan\titems\n三个确保\t甲\t乙\n", 2, "3 fields for a header of 2"),
}


@pytest.mark.parametrize("command", ["analyze", "batch"])
@pytest.mark.parametrize("case", sorted(BAD_LISTS))
def test_a_bad_slogan_list_is_one_line_naming_file_and_line(tmp_path, command, case):
    content, line, problem = BAD_LISTS[case]
    bad = tmp_path / "bad.tsv"
    bad.write_text(content, encoding="utf-8")
    (tmp_path / "a.txt").write_text(USER_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    proc = run(command, str(tmp_path / "a.txt"), "-o", str(out), "--slogans", str(bad))
    err = proc.stderr.decode()
    assert proc.returncode == 1
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert err.startswith(f"policytext: error: {bad}:{line}: ") and problem in err
    assert not out.exists()  # nothing written, no batch folder made


def test_a_missing_slogan_list_is_one_line(tmp_path):
    (tmp_path / "a.txt").write_text(USER_TEXT, encoding="utf-8")
    proc = run("analyze", str(tmp_path / "a.txt"), "--slogans", str(tmp_path / "nope.tsv"))
    assert proc.returncode == 1
    assert proc.stderr.decode() == f"policytext: error: {tmp_path / 'nope.tsv'}: no such file\n"


# -- hostile input: odd characters, exit status, one-line errors (issue 17) ----------------------

SURROGATE_LINE = '{"id": "s1", "text": "四个意识\\ud800两个维护", "title": "标\\udfff题"}\n'


def one_error_line(proc: subprocess.CompletedProcess) -> str:
    """The single line a failure leaves on stderr (and that it is one, without a traceback)."""
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("policytext: error: "), err
    return lines[0]


@pytest.mark.parametrize("command", ["analyze", "batch"])
def test_lone_surrogates_are_replaced_and_noted_not_fatal(tmp_path, command):
    src = tmp_path / "s.jsonl"
    src.write_text(SURROGATE_LINE, encoding="utf-8")
    out = tmp_path / "out"
    for _ in range(2):  # a rerun (a resume, for batch) gives the same
        proc = run(command, str(src), "-o", str(out), "--id-field", "id", *(["--format", "jsonl"] if command == "batch" else []))
        assert proc.returncode == 0, proc.stderr.decode()
    docs_file = out / "documents.jsonl" if command == "batch" else out
    [doc] = [json.loads(x) for x in docs_file.read_text(encoding="utf-8").splitlines()]
    check_contract(doc)
    assert doc["text"] == "四个意识\ufffd两个维护"
    assert [(s["text"], s["start"]) for s in doc["slogans"]] == [("四个意识", 0), ("两个维护", 5)]
    assert doc["meta"] == {"source": f"{src}:1", "id": "s1", "title": "标\ufffd题", "policytext_replaced": 2}


def test_a_file_name_that_is_not_utf8_is_analyzed(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    raw = bytes(folder) + b"/a\xff.txt"
    try:
        with open(raw, "wb") as fh:
            fh.write("四个意识".encode())
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    proc = subprocess.run([sys.executable, "-m", "policytext", "analyze", raw], capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout.decode("utf-8"))  # strict: the output is UTF-8
    assert (doc["id"], doc["meta"]["source"]) == ("a\ufffd.txt", f"{folder}/a\ufffd.txt")
    out = tmp_path / "out"
    proc = run("batch", str(folder), "-o", str(out), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr.decode()
    [doc] = [json.loads(x) for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (doc["id"], doc["meta"]["source"], doc["text"]) == ("a\ufffd.txt", f"{folder}/a\ufffd.txt", "四个意识")


def test_batch_exit_status(tmp_path):
    """0 when the batch ran and every document is in documents.jsonl or errors.jsonl with at
    least one written; 1 when an input is missing or nothing could be analyzed."""
    good = tmp_path / "good.txt"
    good.write_text(USER_TEXT, encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01 not text")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "nothing").mkdir()
    cases = {
        "missing": ([str(tmp_path / "nope.txt"), str(good)], 1, f"{tmp_path / 'nope.txt'}: no such file"),
        "all fail": ([str(tmp_path / "bin.txt"), str(tmp_path / "empty.txt")], 1, "no document could be analyzed"),
        "empty folder": ([str(tmp_path / "nothing")], 1, "a folder with no .txt files"),
    }
    for name, (inputs, status, message) in cases.items():
        out = tmp_path / f"out-{name.replace(' ', '-')}"
        proc = run("batch", *inputs, "-o", str(out), "--format", "jsonl")
        assert proc.returncode == status, (name, proc.stderr.decode())
        err = proc.stderr.decode()
        assert message in err and "Traceback" not in err, (name, err)
        errors = (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        assert summary["failed"] == len(errors) >= 1  # failures are counted, and recorded
    partial = tmp_path / "out-partial"
    proc = run("batch", str(good), str(tmp_path / "bin.txt"), "-o", str(partial), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr.decode()
    assert f"1 of 2 documents could not be analyzed; see {partial / 'errors.jsonl'}" in proc.stderr.decode()


def test_full_standard_output_is_one_line(tmp_path):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    p = tmp_path / "a.txt"
    p.write_text(USER_TEXT, encoding="utf-8")
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "policytext", "analyze", str(p)], stdout=full,
                              stderr=subprocess.PIPE, timeout=300)  # fmt: skip
    assert proc.returncode == 1
    assert one_error_line(proc) == "policytext: error: standard output: No space left on device"


@pytest.mark.parametrize("command", ["analyze", "batch"])
def test_output_under_a_file_is_one_line(tmp_path, command):
    (tmp_path / "a.txt").write_text(USER_TEXT, encoding="utf-8")
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    target = tmp_path / "afile" / "sub" / "out"
    proc = run(command, str(tmp_path / "a.txt"), "-o", str(target))
    assert proc.returncode == 1
    assert one_error_line(proc) == f"policytext: error: -o {target}: {tmp_path / 'afile'} is a file, not a folder"


@pytest.mark.parametrize("address", ["garbage", "foo://bar:1", "tcp://"])
def test_a_bad_scheduler_address_is_one_line(tmp_path, address):
    pytest.importorskip("distributed")
    (tmp_path / "a.txt").write_text(USER_TEXT, encoding="utf-8")
    proc = run("batch", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--scheduler", address)
    assert proc.returncode == 1
    assert one_error_line(proc).startswith(f"policytext: error: --scheduler {address}: ")


@pytest.mark.parametrize("option", ["--chunk-size", "--jobs"])
@pytest.mark.parametrize("value", ["0", "-1", "x"])
def test_a_bad_count_is_one_line_naming_the_option(tmp_path, option, value):
    (tmp_path / "a.txt").write_text(USER_TEXT, encoding="utf-8")
    proc = run("batch", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), option, value)
    assert proc.returncode == 2
    line = one_error_line(proc)
    assert f"argument {option}: " in line and "a positive whole number" in line
    assert not (tmp_path / "out").exists()


FAILING = (
    "import sys, errno, policytext.analyzer as a, policytext.parallel.batch as b\n"
    "def boom(*args, **kwargs): raise {exc}\n"
    "a.Analyzer.analyze = boom; b.run_batch = boom\n"
    "from policytext.cli import main\n"
    "raise SystemExit(main(sys.argv[1:]))\n"
)


@pytest.mark.parametrize(
    ("command", "exc", "expected"),
    [
        ("analyze", "RuntimeError('a bug')", "{a}: analysis failed (RuntimeError: a bug); run again with --debug for the traceback"),
        ("batch", "RuntimeError('a bug')", "batch -o {out}: RuntimeError: a bug (run again with --debug for the traceback)"),
        ("batch", "OSError(errno.ENOSPC, 'No space left on device', '{out}/x')", "{out}/x: No space left on device"),
        ("batch", "PermissionError(errno.EACCES, 'Permission denied', '{out}')", "{out}: Permission denied"),
        ("analyze", "MemoryError()", "{a}: analysis failed (MemoryError); run again with --debug for the traceback"),
    ],
)
def test_any_failure_is_one_line_and_debug_shows_the_traceback(tmp_path, command, exc, expected):
    a, out = tmp_path / "a.txt", tmp_path / "out"
    a.write_text(USER_TEXT, encoding="utf-8")
    code = FAILING.format(exc=exc.format(out=out))
    proc = subprocess.run([sys.executable, "-c", code, command, str(a), "-o", str(out)], capture_output=True, timeout=300)
    assert proc.returncode == 1
    assert one_error_line(proc) == "policytext: error: " + expected.format(a=a, out=out)
    debug = subprocess.run([sys.executable, "-c", code, command, str(a), "-o", str(out), "--debug"],
                           capture_output=True, timeout=300)  # fmt: skip
    assert debug.returncode == 1
    assert "Traceback (most recent call last)" in debug.stderr.decode()


def test_a_number_too_long_to_write_is_not_a_traceback(tmp_path):
    p = tmp_path / "nine.txt"
    p.write_text("9" * 5000 + "亿", encoding="utf-8")
    proc = run("analyze", str(p))
    if proc.returncode == 0:  # once the extractor handles it: a record
        assert json.loads(proc.stdout)["text"] == "9" * 5000 + "亿"
    else:
        assert proc.returncode == 1
        assert one_error_line(proc).startswith(f"policytext: error: {p}: ")


def test_an_unwritable_output_names_the_output(tmp_path, monkeypatch, capsys):
    """A folder that refuses the temporary file, or a disk that fills while writing: one line
    naming -o (not the temporary file), exit 1, nothing left behind."""
    import errno
    import os
    import tempfile

    from policytext import cli

    (tmp_path / "a.txt").write_text(USER_TEXT, encoding="utf-8")
    out = tmp_path / "out.jsonl"

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".policytext-x.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    assert cli.main(["analyze", str(tmp_path / "a.txt"), "-o", str(out)]) == 1
    assert capsys.readouterr().err == f"policytext: error: {out}: cannot be written (Permission denied)\n"
    monkeypatch.undo()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    assert cli.main(["analyze", str(tmp_path / "a.txt"), "-o", str(out)]) == 1
    assert capsys.readouterr().err == f"policytext: error: {out}: cannot be written (No space left on device)\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_batch_doc_timeout_makes_a_slow_document_an_error_record(tmp_path: Path) -> None:
    """--doc-timeout reaches the batch: a document past it is an error record naming the limit,
    the others are written, and the exit status is 0 (some documents written)."""
    from policytext.cli import main

    # about a million characters of ordinary news text (half a second or more), between two
    # quick documents
    src = tmp_path / "in.jsonl"
    slow = "全县落实“两不愁三保障”，12.1万人脱贫，贫困发生率降至0.5%。" * 30000
    src.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in ["四个意识", slow, "两个维护"]), encoding="utf-8")
    out = tmp_path / "out"
    rc = main(["batch", str(src), "-o", str(out), "--doc-timeout", "0.05", "--format", "jsonl"])
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    written = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    assert rc == 0
    assert len(written) == 2
    assert [e["id"] for e in errors] == ["in.jsonl:2"] and "time limit of 0.05 s" in errors[0]["reason"]


@pytest.mark.parametrize("bad", ["-1", "soon", "inf"])
def test_batch_doc_timeout_must_be_seconds(tmp_path: Path, bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    from policytext.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["batch", str(tmp_path), "-o", str(tmp_path / "o"), "--doc-timeout", bad])
    assert exit_.value.code == 2
    assert "--doc-timeout" in capsys.readouterr().err


def test_an_output_folder_whose_name_is_not_utf8_gets_its_outputs(tmp_path: Path) -> None:
    """The manifest and summary.json record paths that are not UTF-8 in a writable form."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("四个意识", encoding="utf-8")
    out = bytes(tmp_path) + b"/out\xff"
    try:
        os.mkdir(out)
        os.rmdir(out)
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    proc = subprocess.run(
        [sys.executable, "-m", "policytext", "batch", str(src), "-o", out, "--format", "jsonl"], capture_output=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr.decode()
    summary = json.loads(open(out + b"/summary.json", encoding="utf-8").read())
    assert (summary["written"], summary["outdir"]) == (1, f"{tmp_path}/out\ufffd")
    manifest = json.loads(open(out + b"/.policytext-state/manifest.json", encoding="utf-8").read())
    assert manifest["files"][0]["path"] == f"{src}/a.txt"


def test_a_long_document_with_tokens_is_written_in_pieces_that_join_to_its_json(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tokens of a long document are serialized a block at a time (memory stays bounded),
    and the line written is exactly the document's JSON."""
    import policytext
    from policytext import cli

    monkeypatch.setattr(cli, "_TOKEN_BLOCK", 7)
    text = "踐行“四個意識”，發現問題7680 個。\n全县12.1万人脱贫，落实两不愁三保障。" * 3
    doc = policytext.analyze(text, tokens=True)
    pieces = list(cli._json_line(doc))
    assert len(pieces) > 3 and len(doc.tokens) > 7
    assert "".join(pieces) == json.dumps(doc.to_dict(), ensure_ascii=False) + "\n"
    line = json.loads("".join(pieces))
    assert [t["text"] for t in line["tokens"]] == doc.tokens.texts()
