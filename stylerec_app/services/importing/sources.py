"""Reading catalog files: encoding detection (UTF-8, UTF-8-SIG, GBK), CSV and JSON Lines."""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator
from pathlib import Path

from stylerec_app.domain.errors import ImportFormatError

_PROBE_CHUNK = 1 << 20


def detect_encoding(path: Path) -> str:
    """'utf-8-sig' when the whole file decodes as UTF-8 (BOM or not), else 'gb18030'.

    GB18030 is a superset of GBK and GB2312, the encodings Chinese spreadsheet
    exports use. The probe streams the file, so large files cost one read.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(_PROBE_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "gb18030"
    except OSError as exc:
        raise ImportFormatError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    return "utf-8-sig"


def count_lines(path: Path) -> int:
    """Data lines (excluding the header) for progress totals; cheap byte scan."""
    lines = 0
    last = b"\n"
    with open(path, "rb") as fh:
        while chunk := fh.read(_PROBE_CHUNK):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    if last != b"\n":
        lines += 1
    return max(0, lines - (1 if path.suffix.lower() == ".csv" else 0))


def require_file(path: Path, what: str) -> Path:
    if not path.is_file():
        raise ImportFormatError(f"{what} not found: {path}")
    return path


def read_csv(path: Path, encoding: str | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) with header names stripped; the header is line 1."""
    encoding = encoding or detect_encoding(path)
    with open(path, newline="", encoding=encoding) as fh:
        reader = csv.reader(fh)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            raise ImportFormatError(f"{path.name}: not {encoding} text ({exc.reason})") from exc
        width = len(header)
        start = reader.line_num + 1
        for values in reader:
            line = start
            start = reader.line_num + 1
            if not any(v.strip() for v in values):
                continue
            if len(values) != width:
                yield line, {"__error__": f"expected {width} columns, found {len(values)}"}
                continue
            yield line, dict(zip(header, values, strict=True))


def read_jsonl(path: Path, encoding: str | None = None) -> Iterator[tuple[int, dict]]:
    encoding = encoding or detect_encoding(path)
    with open(path, encoding=encoding) as fh:
        for line_no, text in enumerate(fh, start=1):
            if not text.strip():
                continue
            try:
                row = json.loads(text)
            except json.JSONDecodeError as exc:
                yield line_no, {"__error__": f"invalid JSON ({exc.msg})"}
                continue
            if not isinstance(row, dict):
                yield line_no, {"__error__": "expected a JSON object"}
                continue
            yield line_no, row


def read_rows(path: Path, encoding: str | None = None) -> Iterator[tuple[int, dict]]:
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        return read_jsonl(path, encoding)
    return read_csv(path, encoding)


def csv_header(path: Path, encoding: str | None = None) -> list[str]:
    if path.suffix.lower() != ".csv":
        return []
    encoding = encoding or detect_encoding(path)
    with open(path, newline="", encoding=encoding) as fh:
        return [h.strip() for h in next(csv.reader(fh), [])]
