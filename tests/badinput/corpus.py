"""A corpus of messy catalog inputs, made at test time (nothing large is committed).

Each builder writes real files of one kind of trouble found in merchants' catalogs next
to good rows, and returns what must happen: which rows land (verbatim) and which are
rejected or flagged, with file, line and message code.
"""

from __future__ import annotations

import csv
import os
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from tests.helpers import make_hm_folder, tiny_photo


@dataclass
class Expect:
    good: dict[str, str] = field(default_factory=dict)  # product id → title, verbatim
    rejected: set[tuple[str, int, str]] = field(default_factory=set)  # (file, line, code)
    flagged: set[tuple[str, int, str]] = field(default_factory=set)  # warnings
    events: int = 0  # events that must land


def bomb_jpeg(path: Path, width: int = 30000, height: int = 30000) -> None:
    """A small, valid JPEG whose header claims `width`×`height` (a decompression bomb)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (16, 16), (90, 90, 90)).save(path, quality=80)
    data = bytearray(path.read_bytes())
    sof = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, height, width)
    path.write_bytes(bytes(data))


def huge_png(path: Path, side: int = 12000) -> None:
    """A side×side RGB PNG of ~450 KB, streamed row by row (never held in memory)."""
    path.parent.mkdir(parents=True, exist_ok=True)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    comp = zlib.compressobj(9)
    row = b"\x00" + b"\xd0" * (3 * side)
    with open(path, "wb") as fh:
        fh.write(b"\x89PNG\r\n\x1a\n")
        fh.write(chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)))
        parts = [comp.compress(row) for _ in range(side)]
        parts.append(comp.flush())
        fh.write(chunk(b"IDAT", b"".join(parts)))
        fh.write(chunk(b"IEND", b""))


def grey16_png(path: Path) -> None:
    """A 16-bit greyscale photo: a mid-grey product on a lighter background."""
    import numpy as np

    arr = np.full((48, 32), 52000, np.uint16)
    arr[8:40, 6:26] = 20000
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(arr).save(path)


def _write_rows(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def messy_generic(root: Path) -> tuple[dict, Expect]:
    """A generic-layout catalog with one of each row-level problem among good rows.

    Returns the import arguments (products/images/events paths) and the expectations."""
    root.mkdir(parents=True, exist_ok=True)
    images = root / "images"
    images.mkdir()
    tiny_photo(images / "G1.jpg", (200, 30, 30))
    grey16_png(images / "G16.png")
    os.mkfifo(images / "fifo.jpg")
    os.symlink("/etc", images / "etc-link")
    os.symlink("/dev/zero", images / "zero.jpg")
    exp = Expect()
    name = "=1+2+HYPERLINK(x).csv"  # a products file whose name is a formula
    rows: list[tuple[bytes, str | None, str | None]] = []  # (raw line, good id, bad code)

    def good(ext: str, title: str, image: str = "", price: str = "9.90") -> None:
        line = _csv_line([ext, title, price, image])
        rows.append((line.encode("utf-8"), ext, None))
        exp.good[ext] = title

    def bad(raw: bytes, code: str) -> None:
        rows.append((raw, None, code))

    good("G1", "Red dress, “quoted” & ünïcödé 红色连衣裙", "G1.jpg")
    good("G2", "Multi-line\ndescription title", "")
    bad("B1,GBK title 蓝色,5,\n".encode("gbk"), "row.encoding")
    good("G3", 'Five " inch strap', "")
    bad(b'B2,"' + b"x" * (5 << 20) + b'",5,\n', "row.too_large")
    good("G4", "After the big row", "")
    bad(b"B3\x00,NUL in id,5,\n", "row.nul")
    bad(_csv_line(["B4", "comma price", "12,50", ""]).encode(), "number.ambiguous")
    bad(_csv_line(["B\x015", "control in id", "3", ""]).encode(), "field.control")
    bad(b"B6,too,many,columns,here\n", "row.columns")
    good("G5", "Photo is a FIFO", "fifo.jpg")
    good("G6", "Photo is /dev/zero", "zero.jpg")
    good("G7", "Photo escapes", "../../../etc/passwd")
    good("G8", "Photo absolute elsewhere", "/etc/hostname")
    good("G9", "Photo through a link", "etc-link/hostname")
    good("G16", "Sixteen-bit grey", "G16.png")
    bad(b'B7,"never closed,5,\n', "row.unbalanced_quote")
    good("G10", "Right after an open quote", "")
    good("G11", "Last row", "")
    products = root / name
    with open(products, "wb") as fh:
        fh.write(b"sku,title,price,image\n")
        line = 2
        for raw, _ext, code in rows:
            fh.write(raw)
            if code is not None:
                exp.rejected.add((name, line, code))
            line += raw.count(b"\n")
    # flagged photos: the rows land without them
    numbers = _line_numbers(products)
    for ext, code in (("G5", "image.not_a_file"), ("G6", "image.outside_folder"),
                      ("G7", "image.outside_folder"), ("G8", "image.outside_folder"),
                      ("G9", "image.outside_folder")):
        exp.flagged.add((name, numbers[ext], code))

    events = root / "events.csv"
    ev_rows = [
        ["u1", "G1", "view", "", "2024-05-01T10:00:00"],
        ["u1", "G1", "purchase", "9.9", "2024-05-01T10:05:00"],
        ["u2", "G2", "view", "", "0001-01-01T00:00:00+05:00"],  # overflows on conversion
        ["u2", "G3", "cart", "", "2024-05-02"],
        ["u3", "G4", "view", "", "1960-01-01"],  # before any online shop
        ["u3", "G4", "view", "", "2024-05-03"],
    ]
    _write_rows(events, ["user_id", "product_id", "event", "value", "timestamp"], ev_rows)
    exp.rejected |= {("events.csv", 4, "date.out_of_range"), ("events.csv", 6,
                                                               "date.out_of_range")}
    exp.events = 4
    return {"products": products, "images": images, "events": events}, exp


def _csv_line(values: list[str]) -> str:
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values)
    return out.getvalue()


def _line_numbers(path: Path) -> dict[str, int]:
    """First physical line of each id's record in a CSV we wrote (for expected warnings)."""
    found, line = {}, 1
    with open(path, "rb") as fh:
        data = fh.read()
    for raw in data.split(b"\n")[1:]:
        line += 1
        head = raw.split(b",", 1)[0]
        if head.startswith(b"G"):
            found.setdefault(head.decode("utf-8", "replace"), line)
    return found


def messy_hm(root: Path) -> tuple[Path, Expect]:
    """An H&M folder: a decompression bomb, a FIFO photo, a /dev/zero link, one GBK row at
    line 80 and a 5 MB description, among otherwise clean articles."""
    folder = make_hm_folder(root, articles=120, customers=12, transactions=200)
    articles = folder / "articles.csv"
    lines = articles.read_bytes().split(b"\n")
    ids = [ln.split(b",", 1)[0].decode() for ln in lines[1:] if ln]
    exp = Expect()
    with open(articles, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            exp.good[row["article_id"]] = row["prod_name"]
    # line 80 (1-based, header is line 1) becomes GBK
    gbk_id = ids[78]
    cells = lines[79].decode().split(",")
    cells[2] = "绿色长裤"
    lines[79] = ",".join(cells).encode("gbk")
    exp.good.pop(gbk_id)
    exp.rejected.add(("articles.csv", 80, "row.encoding"))
    # a 5 MB description on line 90
    big_id = ids[88]
    cells = lines[89].decode().split(",")
    cells[-1] = "x" * (5 << 20)
    lines[89] = ",".join(cells).encode()
    exp.good.pop(big_id)
    exp.rejected.add(("articles.csv", 90, "row.too_large"))
    articles.write_bytes(b"\n".join(lines))
    # their purchases name a product that never landed: rejected too, the rest land
    with open(folder / "transactions_train.csv", encoding="utf-8") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            if row["article_id"] in (gbk_id, big_id):
                exp.rejected.add(("transactions_train.csv", line, "product.unknown"))
            else:
                exp.events += 1
    photo = lambda aid: folder / "images" / aid[:3] / f"{aid}.jpg"  # noqa: E731
    bomb_jpeg(photo(ids[10]))
    exp.flagged.add(("articles.csv", 12, "image.too_many_pixels"))
    photo(ids[20]).unlink()
    os.mkfifo(photo(ids[20]))
    exp.flagged.add(("articles.csv", 22, "image.not_a_file"))
    photo(ids[30]).unlink()
    os.symlink("/dev/zero", photo(ids[30]))
    exp.flagged.add(("articles.csv", 32, "image.outside_folder"))
    return folder, exp
