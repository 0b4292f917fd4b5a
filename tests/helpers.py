"""Builders for small, real input folders (H&M layout, generic layout) used across tests."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
SHARED_HM = SHARED_DATA / "hm"

ARTICLE_COLUMNS = ["article_id", "product_code", "prod_name", "product_type_name",
                   "colour_group_name", "department_name", "detail_desc"]
TYPES = ["Trousers", "Dress", "Sweater", "Sneakers"]
COLOURS = {"Black": (20, 20, 20), "Red": (200, 30, 30), "Blue": (30, 60, 200),
           "White": (240, 240, 240)}


def write_csv(path: Path, header: list[str], rows: list[list], encoding: str = "utf-8") -> None:
    with open(path, "w", newline="", encoding=encoding) as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def tiny_photo(path: Path, rgb: tuple[int, int, int], size=(24, 36)) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    img = Image.new("RGB", size, (235, 235, 235))
    img.paste(rgb, (6, 6, size[0] - 6, size[1] - 6))
    img.save(path, quality=90)


def make_hm_folder(root: Path, articles: int = 60, customers: int = 15, transactions: int = 300,
                   seed: int = 0, photos: bool = True) -> Path:
    """An H&M-layout folder with real (tiny) JPEGs and consistent ids."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    article_ids = [f"0{100000000 + 1000 * i + 1:09d}" for i in range(articles)]
    rows = []
    for i, aid in enumerate(article_ids):
        ptype, colour = TYPES[i % len(TYPES)], list(COLOURS)[i % len(COLOURS)]
        rows.append([aid, aid[:7], f"{colour} {ptype} {i}", ptype, colour, "Ladieswear",
                     f"A {colour.lower()} {ptype.lower()}."])
        if photos:
            tiny_photo(root / "images" / aid[:3] / f"{aid}.jpg", COLOURS[colour])
    write_csv(root / "articles.csv", ARTICLE_COLUMNS, rows)
    customer_ids = [f"{i:064x}" for i in range(1, customers + 1)]
    write_csv(root / "customers.csv", ["customer_id", "FN", "Active", "club_member_status",
                                       "fashion_news_frequency", "age", "postal_code"],
              [[c, "", "", "ACTIVE", "NONE", str(20 + i % 40), "p"] for i, c in
               enumerate(customer_ids)])
    tx = []
    for i in range(transactions):
        day = 1 + i * 27 // max(1, transactions)
        tx.append([f"2020-08-{day:02d}", rng.choice(customer_ids), rng.choice(article_ids),
                   f"{rng.uniform(0.01, 0.08):.6f}", rng.choice(["1", "2"])])
    tx.sort()
    write_csv(root / "transactions_train.csv",
              ["t_dat", "customer_id", "article_id", "price", "sales_channel_id"], tx)
    return root


def append_lines(path: Path, lines: list[str]) -> int:
    """Append raw lines; returns the (1-based) line number of the first one."""
    text = path.read_text(encoding="utf-8")
    first = text.count("\n") + 1
    with open(path, "a", encoding="utf-8") as fh:
        for line in lines:
            fh.write(line + "\n")
    return first


def copy_store(source: Path, target: Path) -> Path:
    """A private copy of a store file (SQLite's backup API: consistent while it is open).
    Photos stay where they are; the model files beside a store are not copied."""
    import sqlite3

    target.parent.mkdir(parents=True, exist_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    src.backup(dst)
    dst.close()
    src.close()
    return target
