"""Reading catalog files so that one bad row never costs the rows around it.

Files are read as bytes, one physical line at a time (each read bounded by the row-size
cap), and every line is decoded on its own: a line that is not valid in the file's
encoding is rejected with its byte offset while the next line reads as usual. CSV records
are assembled here with the csv grammar's quote rules, tracked on the raw bytes (quote,
comma and newline are ASCII in UTF-8, GBK and GB18030, never part of a multi-byte
character), so a quoted field may span lines, an oversized record is skipped whole, and a
quote that never closes costs only the line it opened on: reading resumes on the next.
Readers yield ``(line, row)`` or ``(line, Rejected)``; only a file that cannot be opened
or has no usable header raises.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from stylerec_app.domain.errors import ImportFormatError, UsageError

DEFAULT_MAX_ROW_BYTES = 4 << 20  # one row (all its fields) may be this large
_SCAN_FACTOR = 16  # an open quote is followed this far (× the cap) before it counts as unbalanced
_PROBE_CHUNK = 1 << 20
csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))  # records are capped here, not there

# csv grammar states (CPython's _csv.c, default dialect, non-strict)
_START, _FIELD, _QUOTED, _QUOTE_IN_QUOTED = range(4)
_QUOTE, _COMMA, _CR, _LF = ord('"'), ord(","), ord("\r"), ord("\n")


@dataclass(frozen=True)
class Rejected:
    """Why one row was not read; the line it started on travels beside it."""

    code: str
    args: dict = field(default_factory=dict)


def resolve_encoding(name: str) -> str:
    """A text encoding we can read line by line (ASCII-compatible), or a usage error."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise UsageError(code="file.encoding_unknown", encoding=name) from None
    sample = "a,\n".encode(info.name, errors="replace").removeprefix(codecs.BOM_UTF8)
    if sample != b"a,\n":
        raise UsageError(code="file.encoding_unknown", encoding=name)
    return info.name


def open_regular(path: Path, what: str = "file") -> BinaryIO:
    """Open for reading only if it is a regular file (a FIFO or device never blocks us)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ImportFormatError(code="file.not_found", what=what, path=str(path)) from None
    except OSError as exc:
        raise ImportFormatError(code="file.unreadable", path=str(path),
                                detail=exc.strerror or str(exc)) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ImportFormatError(code="file.not_regular", what=what, path=str(path))
    return os.fdopen(fd, "rb")


def require_file(path: Path, what: str) -> Path:
    open_regular(path, what).close()
    return path


def detect_encoding(path: Path) -> str:
    """'utf-8-sig' when most non-ASCII lines are UTF-8 (BOM or not), else 'gb18030'.

    GB18030 is a superset of GBK and GB2312, the encodings Chinese spreadsheet exports
    use. A UTF-8 file with a stray GBK line stays UTF-8 (that line is rejected later),
    because GB18030 would decode every UTF-8 title into nonsense without complaint.
    """
    good = bad = 0
    with open_regular(path) as fh:
        head = fh.read(4)
        if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise ImportFormatError(code="file.utf16", file=path.name)
        fh.seek(0)
        carry = b""
        while chunk := fh.read(_PROBE_CHUNK):
            chunk = carry + chunk
            cut = chunk.rfind(b"\n") + 1
            chunk, carry = (chunk[:cut], chunk[cut:]) if cut else (b"", chunk)
            if chunk and not chunk.isascii():
                g, b = _utf8_lines(chunk)
                good, bad = good + g, bad + b
        if carry and not carry.isascii():
            g, b = _utf8_lines(carry)
            good, bad = good + g, bad + b
    return "utf-8-sig" if bad == 0 or good >= bad else "gb18030"


def _utf8_lines(chunk: bytes) -> tuple[int, int]:
    """(non-ASCII lines that are UTF-8, lines that are not) in a chunk of whole lines."""
    try:
        chunk.decode("utf-8")
        return 1, 0  # all of it decodes: counts as good whatever the line count
    except UnicodeDecodeError:
        pass
    good = bad = 0
    for line in chunk.split(b"\n"):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            good += 1
        except UnicodeDecodeError:
            bad += 1
    return good, bad


@dataclass(frozen=True)
class FileScan:
    """One pass over a file: its data lines (for progress) and what it is (to know it again)."""

    lines: int
    size: int
    mtime_ns: int
    digest: str


def scan_file(path: Path) -> FileScan:
    import hashlib

    digest = hashlib.blake2b(digest_size=16)
    lines = 0
    last = b"\n"
    with open_regular(path) as fh:
        info = os.fstat(fh.fileno())
        while chunk := fh.read(_PROBE_CHUNK):
            lines += chunk.count(b"\n")
            digest.update(chunk)
            last = chunk[-1:]
    if last != b"\n":
        lines += 1
    lines = max(0, lines - (1 if path.suffix.lower() == ".csv" else 0))
    return FileScan(lines, info.st_size, info.st_mtime_ns, digest.hexdigest())


def count_lines(path: Path) -> int:
    """Data lines (excluding a CSV header) for progress totals; a cheap byte scan."""
    lines = 0
    last = b"\n"
    with open_regular(path) as fh:
        while chunk := fh.read(_PROBE_CHUNK):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    if last != b"\n":
        lines += 1
    return max(0, lines - (1 if path.suffix.lower() == ".csv" else 0))


@dataclass
class _Line:
    number: int
    offset: int
    raw: bytes  # at most the cap (the rest of an overlong line is consumed, not kept)
    size: int  # the whole physical line's size
    state: int  # csv state after the line


def _scan(data: bytes, state: int) -> int:
    """The csv grammar state after `data`, given the state before it (quotes and commas only)."""
    i, n = 0, len(data)
    while i < n:
        if state == _QUOTED:
            j = data.find(b'"', i)
            if j < 0:
                return _QUOTED
            state, i = _QUOTE_IN_QUOTED, j + 1
            continue
        c = data[i]
        if state == _QUOTE_IN_QUOTED:
            state = (_QUOTED if c == _QUOTE else _START if c in (_COMMA, _CR, _LF) else _FIELD)
        elif state == _START:
            if c == _QUOTE:
                state = _QUOTED
            elif c not in (_COMMA, _CR, _LF):
                state = _FIELD
        elif c in (_COMMA, _CR, _LF):  # unquoted field: quotes are plain characters here
            state = _START
        i += 1
    return _START if state == _QUOTE_IN_QUOTED else state


class _LineSource:
    def __init__(self, fh: BinaryIO, cap: int, track_quotes: bool) -> None:
        self.fh, self.cap, self.track = fh, cap, track_quotes
        self.number = 0
        self.offset = 0

    def next(self, state: int = _START) -> _Line | None:
        raw = self.fh.readline(self.cap + 1)
        if not raw:
            return None
        start, size = self.offset, len(raw)
        if self.track and (b'"' in raw or state == _QUOTED):
            state = _scan(raw, state)
        if size > self.cap and not raw.endswith(b"\n"):  # overlong: consume the rest unkept
            while more := self.fh.readline(1 << 20):
                size += len(more)
                if self.track:
                    state = _scan(more, state)
                if more.endswith(b"\n"):
                    break
        self.number += 1
        self.offset = start + size
        return _Line(self.number, start, raw, size, state)

    def rewind(self, offset: int, number: int) -> None:
        self.fh.seek(offset)
        self.offset, self.number = offset, number


def _decode(line: _Line, encoding: str) -> str | Rejected:
    try:
        return line.raw.decode(encoding)
    except UnicodeDecodeError as exc:
        name = "UTF-8" if encoding.startswith("utf-8") else encoding.upper()
        return Rejected("row.encoding", {"encoding": name, "offset": line.offset + exc.start})


def _records(src: _LineSource, encoding: str, cap: int) -> Iterator[tuple[int, str | Rejected]]:
    """Whole CSV records (quoted fields may span lines) as text, or why one was skipped."""
    first_encoding = encoding
    later_encoding = "utf-8" if encoding == "utf-8-sig" else encoding
    while (line := src.next()) is not None:
        enc = first_encoding if line.number == 1 else later_encoding
        text = _decode(line, enc) if line.size <= cap else None
        if line.state != _QUOTED:
            yield line.number, text if text is not None else Rejected(
                "row.too_large", {"size": line.size, "limit": cap})
            continue
        # A quoted field goes on past this line: gather the record, or give it up.
        resume = (src.offset, src.number)
        parts = [text]
        problem = text if isinstance(text, Rejected) else None
        total, state = line.size, line.state
        while state == _QUOTED and total <= cap * _SCAN_FACTOR:
            more = src.next(state)
            if more is None:
                break
            total, state = total + more.size, more.state
            if problem is None and total <= cap:
                piece = _decode(more, later_encoding)
                if isinstance(piece, Rejected):
                    problem = piece
                else:
                    parts.append(piece)
        if state == _QUOTED:  # never closed: only its first line is lost; read on after it
            yield line.number, Rejected("row.unbalanced_quote")
            src.rewind(*resume)
        elif total > cap:
            yield line.number, Rejected("row.too_large", {"size": total, "limit": cap})
        elif problem is not None:
            yield line.number, problem
        else:
            yield line.number, "".join(parts)


def _header(records, path: Path) -> list[str] | None:
    """The first non-blank record, split: the column names."""
    for line, item in records:
        if isinstance(item, Rejected):
            raise ImportFormatError(code="file.unreadable", path=path.name,
                                    detail=f"its header line {line} cannot be read")
        try:
            values = next(csv.reader([item]), [])
        except csv.Error as exc:
            raise ImportFormatError(code="file.unreadable", path=path.name,
                                    detail=f"its header line {line}: {exc}") from None
        if any(v.strip() for v in values):
            return [h.strip() for h in values]
    return None


class CsvRows:
    """A CSV file's header and rows as lists (``(line, values)`` or ``(line, Rejected)``).

    Chunks of plain text — no quote, NUL or stray carriage return, valid in the encoding —
    are split on newlines and commas at C speed, which is exactly what the csv grammar does
    with such text. The first chunk that needs more hands the rest of the file, from that
    chunk's start, to the robust record reader above.
    """

    CHUNK = 4 << 20

    def __init__(self, path: Path, encoding: str | None = None, *,
                 max_row_bytes: int = DEFAULT_MAX_ROW_BYTES) -> None:
        self.path = path
        self.encoding = resolve_encoding(encoding) if encoding else detect_encoding(path)
        self.cap = max_row_bytes
        with open_regular(path) as fh:
            src = _LineSource(fh, self.cap, True)
            self.header = _header(_records(src, self.encoding, self.cap), path)
            self._start = (src.offset, src.number)

    def __iter__(self) -> Iterator[tuple[int, list[str] | Rejected]]:
        if self.header is None:
            return
        width = len(self.header)
        later = "utf-8" if self.encoding == "utf-8-sig" else self.encoding
        with open_regular(self.path) as fh:
            offset, number = self._start
            fh.seek(offset)
            while True:
                chunk = fh.read(self.CHUNK)
                if not chunk:
                    return
                if not chunk.endswith(b"\n"):
                    tail = fh.readline(self.cap + 1)
                    chunk += tail
                    if tail and not tail.endswith(b"\n") and len(tail) > self.cap:
                        break  # an overlong line: the robust path reports it
                text = self._plain(chunk, later)
                if text is None:
                    break
                lines = text.split("\n")
                if lines[-1] == "":
                    lines.pop()
                for line in lines:
                    number += 1
                    if line.endswith("\r"):
                        line = line[:-1]
                    if len(line) * 4 > self.cap and len(line.encode(later)) > self.cap:
                        yield number, Rejected("row.too_large", {
                            "size": len(line.encode(later)) + 1, "limit": self.cap})
                        continue
                    values = line.split(",")
                    if len(values) != width:
                        if line.strip(", \t"):
                            yield number, Rejected("row.columns", {"expected": width,
                                                                   "found": len(values)})
                        continue
                    if not values[0] and not line.strip(", \t"):
                        continue
                    yield number, values
                offset += len(chunk)
            else:
                return
            fh.seek(offset)
            src = _LineSource(fh, self.cap, True)
            src.rewind(offset, number)
            yield from _rows(_records(src, self.encoding if number == 0 else later, self.cap),
                             self.header, as_lists=True)

    @staticmethod
    def _plain(chunk: bytes, encoding: str) -> str | None:
        """The chunk's text if the fast split reads it exactly as csv would, else None."""
        if b'"' in chunk or b"\x00" in chunk:
            return None
        if b"\r" in chunk and chunk.count(b"\r") != chunk.count(b"\r\n"):
            return None
        try:
            return chunk.decode(encoding)
        except UnicodeDecodeError:
            return None


def list_field(header: list[str], columns: dict[str, str | None]):
    """A `field(values, role)` getter for CsvRows lists, from role → column name."""
    index = {role: header.index(col) for role, col in columns.items()
             if col is not None and col in header}

    def field(values, role: str) -> str:
        i = index.get(role)
        return values[i] if i is not None else ""

    field.index = index  # lets a batch parser take a whole column at once
    return field


def read_csv(path: Path, encoding: str | None = None, *,
             max_row_bytes: int = DEFAULT_MAX_ROW_BYTES) -> Iterator[tuple[int, dict | Rejected]]:
    """Yield (line number, row) with header names stripped; the header is line 1."""
    rows = CsvRows(path, encoding, max_row_bytes=max_row_bytes)
    header = rows.header
    for line, values in rows:
        yield line, values if isinstance(values, Rejected) else dict(zip(header, values, strict=True))


def _rows(records, header: list[str], as_lists: bool = False
          ) -> Iterator[tuple[int, dict | list | Rejected]]:
    width = len(header)
    pending: list[tuple[int, Rejected]] = []
    current = [0]

    def texts():
        for line, item in records:
            if isinstance(item, Rejected):
                pending.append((line, item))
            else:
                current[0] = line
                yield item

    reader = csv.reader(texts())
    while True:
        try:
            values = next(reader)
        except StopIteration:
            yield from pending
            return
        except csv.Error as exc:
            yield from pending
            pending.clear()
            yield current[0], Rejected("row.invalid", {"detail": str(exc)})
            continue
        yield from pending
        pending.clear()
        if not any(v.strip() for v in values):
            continue
        if len(values) != width:
            yield current[0], Rejected("row.columns", {"expected": width, "found": len(values)})
        elif any("\x00" in v for v in values):
            yield current[0], Rejected("row.nul")
        else:
            yield current[0], values if as_lists else dict(zip(header, values, strict=True))


def read_jsonl(path: Path, encoding: str | None = None, *,
               max_row_bytes: int = DEFAULT_MAX_ROW_BYTES) -> Iterator[tuple[int, dict | Rejected]]:
    encoding = resolve_encoding(encoding) if encoding else detect_encoding(path)
    with open_regular(path) as fh:
        src = _LineSource(fh, max_row_bytes, False)
        while (line := src.next()) is not None:
            if line.size > max_row_bytes:
                yield line.number, Rejected("row.too_large", {"size": line.size,
                                                              "limit": max_row_bytes})
                continue
            text = _decode(line, encoding if line.number == 1 else
                           "utf-8" if encoding == "utf-8-sig" else encoding)
            if isinstance(text, Rejected):
                yield line.number, text
                continue
            if not text.strip():
                continue
            try:
                row = json.loads(text)
            except json.JSONDecodeError as exc:
                yield line.number, Rejected("row.json", {"detail": exc.msg})
                continue
            except (ValueError, RecursionError) as exc:  # huge integers, deep nesting
                yield line.number, Rejected("row.json", {"detail": type(exc).__name__})
                continue
            if not isinstance(row, dict):
                yield line.number, Rejected("row.not_object")
                continue
            yield line.number, row


def read_rows(path: Path, encoding: str | None = None, *,
              max_row_bytes: int = DEFAULT_MAX_ROW_BYTES) -> Iterator[tuple[int, dict | Rejected]]:
    reader = read_jsonl if path.suffix.lower() in (".jsonl", ".ndjson", ".json") else read_csv
    return reader(path, encoding, max_row_bytes=max_row_bytes)


def csv_header(path: Path, encoding: str | None = None) -> list[str]:
    if path.suffix.lower() != ".csv":
        return []
    encoding = resolve_encoding(encoding) if encoding else detect_encoding(path)
    with open_regular(path) as fh:
        cap = DEFAULT_MAX_ROW_BYTES
        return _header(_records(_LineSource(fh, cap, True), encoding, cap), path) or []
