"""The `policytext` command, run as a user runs it (a subprocess)."""

from __future__ import annotations

import json
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
