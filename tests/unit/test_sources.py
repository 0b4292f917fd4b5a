import pytest

from stylerec_app.domain.errors import ImportFormatError
from stylerec_app.services.importing.sources import (
    Rejected,
    count_lines,
    detect_encoding,
    read_csv,
    read_jsonl,
    require_file,
)


def test_gbk_file_is_detected_and_decoded(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes("id,标题\nA1,红色连衣裙\n".encode("gbk"))
    assert detect_encoding(path) == "gb18030"
    assert list(read_csv(path)) == [(2, {"id": "A1", "标题": "红色连衣裙"})]


def test_utf8_with_bom_header_is_clean(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes("id,title\nA1,Mug\n".encode("utf-8-sig"))
    assert detect_encoding(path) == "utf-8-sig"
    assert list(read_csv(path)) == [(2, {"id": "A1", "title": "Mug"})]


def test_csv_line_numbers_survive_quoted_newlines_and_blank_lines(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text('id,desc\nA,"two\nlines"\n\nB,ok\nC\n', encoding="utf-8")
    rows = list(read_csv(path))
    assert rows[0] == (2, {"id": "A", "desc": "two\nlines"})
    assert rows[1] == (5, {"id": "B", "desc": "ok"})
    assert rows[2] == (6, Rejected("row.columns", {"expected": 2, "found": 1}))


def test_jsonl_reports_bad_lines(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text('{"id": "A"}\nnot json\n[1]\n', encoding="utf-8")
    rows = list(read_jsonl(path))
    assert rows[0] == (1, {"id": "A"})
    assert rows[1][0] == 2 and rows[1][1].code == "row.json"
    assert rows[2] == (3, Rejected("row.not_object"))


def test_line_count_excludes_header(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("a\n1\n2\n3", encoding="utf-8")
    assert count_lines(path) == 3


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ImportFormatError, match="products file not found"):
        require_file(tmp_path / "nope.csv", "products file")
