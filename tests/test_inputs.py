"""Reading documents from disk (:mod:`policytext.inputs`): what hostile or odd input gives —
lone surrogates, file names that are not UTF-8, line separators inside JSON strings, CSV rows
with too many fields, upper-case extensions, fields that collide with policytext's own."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from policytext.inputs import count_corpus, iter_corpus, iter_inputs
from policytext.text.decode import REPLACED_KEY, replace_surrogates

# -- lone surrogates -----------------------------------------------------------------------------


def test_replace_surrogates_keeps_offsets_and_counts():
    assert replace_surrogates("四个意识\ud800两个维护") == ("四个意识\ufffd两个维护", 1)
    assert replace_surrogates("\udcff\ud83d\ude00") == ("\ufffd\ufffd\ufffd", 3)
    assert replace_surrogates("四个意识😀") == ("四个意识😀", 0)


def write_surrogate_jsonl(path: Path) -> None:
    # json.dumps escapes the lone surrogates as \ud800 / \udfff, as a scraper would have written them
    row = {"id": "a\udfff", "text": "四个意识\ud800两个维护", "title": "标\ud800题", "tags": ["x\udc80"]}
    path.write_text(json.dumps(row) + "\n", encoding="ascii")


def test_lone_surrogates_in_any_jsonl_field_are_replaced_one_for_one(tmp_path):
    src = tmp_path / "s.jsonl"
    write_surrogate_jsonl(src)
    [item] = list(iter_corpus([str(src)], id_field="id"))
    assert item.error is None
    assert item.text == "四个意识\ufffd两个维护"  # same length: offsets are kept
    assert item.id == "a\ufffd"
    assert item.meta == {"id": "a\ufffd", "title": "标\ufffd题", "tags": ["x\ufffd"], REPLACED_KEY: 4}
    [doc] = list(iter_inputs([str(src)], id_field="id"))
    assert (doc.text, doc.id, doc.meta[REPLACED_KEY]) == (item.text, item.id, 4)
    json.dumps(doc.meta, ensure_ascii=False).encode("utf-8")  # writable as UTF-8


def test_a_clean_document_gets_no_note(tmp_path):
    src = tmp_path / "c.jsonl"
    src.write_text(json.dumps({"text": "四个意识"}) + "\n", encoding="utf-8")
    [item] = list(iter_corpus([str(src)]))
    assert item.meta == {}


needs_bytes_names = pytest.mark.skipif(os.name == "nt", reason="file names are UTF-16 on Windows")


@needs_bytes_names
def test_a_file_name_that_is_not_utf8_is_read_and_shown_with_replacement(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    name = os.fsdecode(b"a\xff.txt")  # 'a\udcff.txt' (surrogateescape)
    try:
        (folder / name).write_text("四个意识", encoding="utf-8")
    except (UnicodeEncodeError, OSError):
        pytest.skip("this file system refuses names that are not UTF-8")
    items = list(iter_corpus([str(folder)]))
    assert [(i.id, i.text, i.error) for i in items] == [("a\ufffd.txt", "四个意识", None)]
    assert items[0].source == str(folder / "a\ufffd.txt")
    [doc] = list(iter_inputs([str(folder / name)]))
    assert (doc.id, doc.source, doc.text) == ("a\ufffd.txt", str(folder / "a\ufffd.txt"), "四个意识")
    missing = list(iter_corpus([str(folder / os.fsdecode(b"b\xfe.txt"))]))
    assert [(i.id, i.error) for i in missing] == [("b\ufffd.txt", "no such file")]


# -- JSON Lines ----------------------------------------------------------------------------------


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_jsonl_is_split_on_newlines_only(tmp_path, separator):
    src = tmp_path / "x.jsonl"
    rows = [{"text": f"第一段{separator}第二段"}, {"text": "四个意识"}]
    # ensure_ascii=False writes U+2028 and friends raw, as JSON allows
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    items = list(iter_corpus([str(src)]))
    assert [(i.source, i.text, i.error) for i in items] == [
        (f"{src}:1", f"第一段{separator}第二段", None),
        (f"{src}:2", "四个意识", None),
    ]
    assert count_corpus([str(src)]) == 2
    assert [d.text for d in iter_inputs([str(src)])] == [i.text for i in items]


def test_jsonl_with_crlf_line_ends(tmp_path):
    src = tmp_path / "x.jsonl"
    src.write_bytes(b'{"text": "\xe7\x94\xb2"}\r\n\r\n{"text": "\xe4\xb9\x99"}\r\n')
    assert [(i.source, i.text) for i in iter_corpus([str(src)])] == [(f"{src}:1", "甲"), (f"{src}:3", "乙")]


def test_json_error_message_says_at_once(tmp_path):
    src = tmp_path / "x.jsonl"
    src.write_text('{"text": "unterminated\n', encoding="utf-8")
    [item] = list(iter_corpus([str(src)]))
    assert item.error == "not valid JSON (Unterminated string starting at column 10)"


@pytest.mark.parametrize("name", ["X.JSONL", "y.NdJson", "t.CSV", "t.Tsv"])
def test_extensions_are_case_insensitive(tmp_path, name):
    src = tmp_path / name
    if name.lower().endswith("sv"):
        sep = "\t" if name.lower().endswith(".tsv") else ","
        src.write_text(f"id{sep}text\nr1{sep}四个意识\n", encoding="utf-8")
        expected = [("r1", "四个意识", {"id": "r1"})]
    else:
        src.write_text(json.dumps({"id": "r1", "text": "四个意识"}) + "\n", encoding="utf-8")
        expected = [("r1", "四个意识", {"id": "r1"})]
    assert [(i.id, i.text, i.meta) for i in iter_corpus([str(src)], id_field="id")] == expected
    assert count_corpus([str(src)]) == 1
    if not name.lower().endswith("sv"):
        assert [(d.id, d.text) for d in iter_inputs([str(src)], id_field="id")] == [("r1", "四个意识")]


# -- fields that collide with policytext's own ---------------------------------------------------


def test_an_input_field_named_source_is_kept_as_input_source(tmp_path):
    src = tmp_path / "x.jsonl"
    rows = [{"text": "四个意识", "source": "人民日报"}, {"text": "两个维护", "source": "新华社", "input_source": "x"}]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    items = list(iter_corpus([str(src)]))
    assert [i.meta for i in items] == [
        {"input_source": "人民日报"},
        {"input_source": "x", "input_input_source": "新华社"},
    ]
    assert [d.meta for d in iter_inputs([str(src)])] == [i.meta for i in items]


def test_an_id_field_named_source_still_gives_the_id(tmp_path):
    src = tmp_path / "x.jsonl"
    src.write_text(json.dumps({"text": "四个意识", "source": "人民日报"}, ensure_ascii=False) + "\n", encoding="utf-8")
    [item] = list(iter_corpus([str(src)], id_field="source"))
    assert (item.id, item.meta) == ("人民日报", {"input_source": "人民日报"})


# -- CSV -----------------------------------------------------------------------------------------


def test_csv_row_with_extra_fields_is_an_error_naming_file_and_line(tmp_path):
    src = tmp_path / "t.csv"
    src.write_text("id,text\nr0,两个维护\nr1,四个意识,extra,cols\nr2,四个自信\n", encoding="utf-8")
    items = list(iter_corpus([str(src)], id_field="id"))
    assert [(i.id, i.source, i.text, i.error) for i in items] == [
        ("r0", f"{src}:2", "两个维护", None),
        ("t.csv:3", f"{src}:3", None, "4 fields for a header of 2 (a separator inside a field must be quoted)"),
        ("r2", f"{src}:4", "四个自信", None),
    ]


def test_csv_first_row_with_extra_fields_is_not_read_as_an_index(tmp_path):
    src = tmp_path / "t.csv"
    src.write_text("id,text\nr1,四个意识,extra,cols\n", encoding="utf-8")
    [item] = list(iter_corpus([str(src)], id_field="id"))
    assert (item.id, item.text, item.error) == ("t.csv:2", None, "4 fields for a header of 2 (a separator inside a field must be quoted)")


def test_csv_line_numbers_are_where_the_record_starts(tmp_path):
    src = tmp_path / "t.csv"
    src.write_text('id,text\nr1,"第一行\n第二行\n第三行"\n\nr2,四个意识\nr3,\n', encoding="utf-8")
    items = list(iter_corpus([str(src)], id_field="id"))
    assert [(i.id, i.source, i.error) for i in items] == [
        ("r1", f"{src}:2", None),
        ("r2", f"{src}:6", None),
        ("r3", f"{src}:7", "empty text"),
    ]
    assert items[0].text == "第一行\n第二行\n第三行"


def test_csv_reading_keeps_what_pandas_gave(tmp_path):
    """Short rows give "" for the missing cells, every cell stays text ("NA", "007"), a
    repeated or empty column name is renamed as pandas renamed it, a BOM is not part of the
    first name, and a document longer than the csv module's default field limit is read."""
    src = tmp_path / "t.csv"
    long_text = "四个意识" * 40_000
    src.write_text(f'\ufeffid,text,a,a,\nr1,{long_text},NA,007,z\nr2,两个维护\n', encoding="utf-8")
    items = list(iter_corpus([str(src)], id_field="id"))
    assert [(i.id, i.meta) for i in items] == [
        ("r1", {"id": "r1", "a": "NA", "a.1": "007", "Unnamed: 4": "z"}),
        ("r2", {"id": "r2", "a": "", "a.1": "", "Unnamed: 4": ""}),
    ]
    assert items[0].text == long_text


def test_gbk_csv_is_decoded_like_a_text_file(tmp_path):
    src = tmp_path / "t.csv"
    src.write_bytes("id,text\nr1,脱贫攻坚取得决定性进展\n".encode("gbk"))
    [item] = list(iter_corpus([str(src)], id_field="id"))
    assert (item.id, item.text) == ("r1", "脱贫攻坚取得决定性进展")


# -- folders -------------------------------------------------------------------------------------


def test_a_folder_without_text_files_is_an_error_item(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "only-jsonl").mkdir()
    (tmp_path / "only-jsonl" / "x.jsonl").write_text('{"text": "甲"}\n', encoding="utf-8")
    items = list(iter_corpus([str(tmp_path / "empty"), str(tmp_path / "only-jsonl")]))
    assert [(i.id, i.source, i.text) for i in items] == [
        ("empty", str(tmp_path / "empty"), None),
        ("only-jsonl", str(tmp_path / "only-jsonl"), None),
    ]
    assert all(i.error and i.error.startswith("a folder with no .txt files") for i in items)
    assert count_corpus([str(tmp_path / "empty"), str(tmp_path / "only-jsonl")]) == 2
