"""Property-based: whatever bytes or rows arrive, only per-row rejections come out.

A file whose *header* cannot be read is a whole-file error (ImportFormatError, one
sentence); everything after the header is per row, whatever it contains.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from stylerec_app.domain.catalog import InteractionKind
from stylerec_app.domain.errors import ImportFormatError
from stylerec_app.services.importing.events import EventBatchParser
from stylerec_app.services.importing.generic import (
    ALIASES,
    ColumnMap,
    _product_parser,
    _review_parser,
)
from stylerec_app.services.importing.hm import _article, _customer, _transaction_field
from stylerec_app.services.importing.parsing import RowError
from stylerec_app.services.importing.sources import Rejected, read_csv, read_jsonl

PROPS = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])
NASTY = st.sampled_from([b'"', b",", b"\n", b"\r\n", b"\x00", b"\xff", b"\xc3", b"\xa9",
                         "红".encode("gbk"), "红".encode(), b"=", b"\t", b"x" * 64])
BODY = st.lists(st.one_of(NASTY, st.binary(max_size=24)), max_size=60).map(b"".join)


def _read(reader, data: bytes, suffix: str, **kw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"f{suffix}"
        path.write_bytes(data)
        return list(reader(path, **kw))


def _check(rows, width: int | None = None) -> None:
    last = 0
    for line, row in rows:
        assert isinstance(line, int) and line >= 1
        assert line >= last, "rows come out in file order"
        last = line
        assert isinstance(row, dict | Rejected)
        if isinstance(row, dict) and width is not None:
            assert len(row) <= width and all("\x00" not in v for v in row.values())


@PROPS
@given(BODY)
def test_any_bytes_after_a_good_header_give_rows_or_rejections(body):
    rows = _read(read_csv, b"id,title,price\n" + body, ".csv", max_row_bytes=256)
    _check(rows, width=3)


@PROPS
@given(st.binary(max_size=400))
def test_any_file_at_all_gives_rows_rejections_or_one_file_error(data):
    for reader, suffix in ((read_csv, ".csv"), (read_jsonl, ".jsonl")):
        try:
            _check(_read(reader, data, suffix, max_row_bytes=128))
        except ImportFormatError:
            pass  # the header (or the whole file, e.g. UTF-16) cannot be read: one sentence


@PROPS
@given(st.lists(st.text(max_size=30), min_size=1, max_size=12))
def test_csv_rows_of_any_text_read_back_verbatim_or_are_rejected(cells):
    out = io.StringIO()
    writer = csv.writer(out)  # as spreadsheets write: \r\n, so a lone \r in a cell is quoted
    writer.writerow(["a", "b"])
    writer.writerow(cells[:2] + [""] * (2 - len(cells[:2])))
    rows = _read(read_csv, out.getvalue().encode("utf-8"), ".csv")
    _check(rows, width=2)
    good = [r for _, r in rows if isinstance(r, dict)]
    values = (cells[:2] + [""] * 2)[:2]
    if good:
        assert [good[0]["a"], good[0]["b"]] == values
    else:
        assert all(isinstance(r, Rejected) for _, r in rows)


RAW = st.dictionaries(st.sampled_from(sorted({a for f in ALIASES.values() for v in f.values()
                                              for a in v} | {"t_dat", "customer_id", "age",
                                                              "attributes"})),
                      st.one_of(st.text(max_size=20), st.integers(), st.floats(),
                                st.none(), st.booleans()),
                      max_size=12)


def _batch_of_one(parser):
    """A batch parser as a row parser: a rejection comes back as RowError."""
    def parse(raw):
        columns, issues = parser([(2, raw)])
        assert len(columns) + len(issues) == 1  # the row either parsed or was rejected
        if issues:
            raise RowError(issues[0].code, **issues[0].args)
        return columns

    return parse


@PROPS
@given(RAW)
@example({"article_id": "0", "image": "\x00"})  # a photo name no file system takes
def test_parsers_raise_nothing_but_a_row_rejection(raw):
    raw = {k: v for k, v in raw.items()}
    parsers = []
    for entity, make in (("products", lambda c: _product_parser(c, Path("/nonexistent"),
                                                                 "point")),
                         ("events", lambda c: _batch_of_one(EventBatchParser(
                             c.get, "events.csv", default_kind=InteractionKind.PURCHASE))),
                         ("events", lambda c: _batch_of_one(EventBatchParser(
                             c.get, "events.csv", decimal="comma"))),
                         ("reviews", lambda c: _review_parser(c, "comma"))):
        parsers.append((entity, make(ColumnMap(entity, {}, Path(f"{entity}.csv")))))
    parsers += [("hm", _article(Path("/nonexistent"))), ("hm", _customer),
                ("hm", _batch_of_one(EventBatchParser(_transaction_field, "t.csv",
                                                      require_value=True, value_min=0.0)))]
    for entity, parse in parsers:
        try:
            parse({k: ("" if v is None else str(v)) for k, v in raw.items()}
                  if entity == "hm" else raw)
        except RowError:
            pass
        except ImportFormatError:
            assert entity != "hm"  # a generic file without its id column: a file error
