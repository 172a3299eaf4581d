from __future__ import annotations

import codecs

import pytest

from policytext import DecodeError, InputError, decode_bytes, read_text


def test_real_gbk_file_decodes_to_its_utf8_edition(shared):
    folder = shared / "corpora" / "gov-docs-misc"
    text, encoding = decode_bytes((folder / "gwr_2020_transcript.gbk.txt").read_bytes())
    assert encoding == "gb18030"
    assert text == (folder / "gwr_2020_transcript.utf8.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        ("岢嵐縣貧困戶受聘林業專業合作社在嵐漪鎮東街村東山種植油松", "big5", "big5"),
        ("岢岚县贫困户受聘林业专业合作社在岚漪镇东街村东山种植油松", "gbk", "gb18030"),
        ("脱贫攻坚", "gbk", "gb18030"),
        ("四个意识", "utf-8", "utf-8"),
    ],
)
def test_encodings(text, encoding, expected):
    assert decode_bytes(text.encode(encoding)) == (text, expected)


def test_bom_is_recognized_and_kept_out_of_the_text():
    assert decode_bytes(codecs.BOM_UTF8 + "正文".encode()) == ("正文", "utf-8-sig")
    assert decode_bytes("正文".encode("utf-16")) == ("正文", "utf-16")


def test_binary_is_refused_with_the_source_named():
    with pytest.raises(DecodeError, match=r"^x\.bin: binary file"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x.bin")


def test_undecodable_bytes_are_refused():
    with pytest.raises(DecodeError, match=r"bad\.txt: not valid UTF-8 \(bad byte 0xff at offset 3"):
        decode_bytes(b"abc\xff\xff\x80\xff", "bad.txt")


def test_read_text_errors_name_the_file(tmp_path):
    with pytest.raises(InputError, match="missing.txt: no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty.txt: file is empty"):
        read_text(empty)
    big = tmp_path / "big.txt"
    big.write_bytes("脱贫".encode() * 1000)
    with pytest.raises(InputError, match=r"big.txt: file is 0\.0 MB, over the 0.000953674 MB limit"):
        read_text(big, max_bytes=1000)
