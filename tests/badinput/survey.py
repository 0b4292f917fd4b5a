"""Run the CLI on every messy-input case and print what happened, as a Markdown table.

    python -m tests.badinput.survey [WORK_DIR]

Not a test (the assertions live in test_messy_input.py): a way to see, case by case, the
exit status, whether a traceback leaked, how many good rows landed, the peak memory of
the child process and whether a refused file changed.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.badinput import corpus
from tests.helpers import REPO, make_hm_folder, tiny_photo, write_csv

PEAK = REPO / "tests" / "badinput" / "peak_rss.py"


def run(*args, timeout=300, preexec_fn=None) -> dict:
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, str(PEAK), *map(str, args)], cwd=REPO,
                              capture_output=True, text=True, timeout=timeout,
                              preexec_fn=preexec_fn)
    except subprocess.TimeoutExpired:
        return {"rc": "timeout", "traceback": False, "peak": None, "seconds": timeout, "err": ""}
    peak = next((float(ln.split()[1]) for ln in done.stderr.splitlines()
                 if ln.startswith("PEAK_RSS_MB")), None)
    lines = [ln for ln in done.stderr.splitlines() if ln and not ln.startswith("PEAK_RSS_MB")]
    return {"rc": done.returncode, "traceback": "Traceback" in done.stderr + done.stdout,
            "peak": peak, "seconds": time.perf_counter() - start,
            "err": lines[-1] if lines else ""}


def count(db: Path, table: str) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def row(case: str, result: dict, outcome: str) -> str:
    peak = f"{result['peak']:.0f} MB" if result.get("peak") else "—"
    return (f"| {case} | {result['rc']} | {'yes' if result['traceback'] else 'no'} | {peak} "
            f"| {outcome} |")


def survey(work: Path) -> list[str]:
    out = ["| case | exit | traceback | peak RSS | outcome |", "|---|---|---|---|---|"]

    # H&M folder with a bomb, a FIFO and /dev/zero photos, a GBK row at line 80, a 5 MB row
    folder, exp = corpus.messy_hm(work / "hm")
    db = work / "hm.sqlite"
    r = run("import", "hm", folder, "--db", db, "-q")
    out.append(row("H&M folder: bomb JPEG (30000²), FIFO photo, /dev/zero link, GBK row 80, "
                   "5 MB description", r,
                   f"{count(db, 'products')} of {len(exp.good)} good articles landed "
                   f"(of 120 rows, 2 rejected); {count(db, 'interactions')} of "
                   f"{exp.events} good events; photos flagged"))

    files, gexp = corpus.messy_generic(work / "shop")
    db = work / "generic.sqlite"
    r = run("import", "generic", "--products", files["products"], "--images", files["images"],
            "--events", files["events"], "--db", db, "--report", work / "report.csv", "-q")
    with sqlite3.connect(db) as conn:
        escaped = conn.execute("SELECT count(*) FROM products WHERE image_status = 'rejected' "
                               "AND image_path IS NULL AND image_hash IS NULL").fetchone()[0]
    report_cell = (work / "report.csv").read_text(encoding="utf-8-sig").splitlines()[1]
    out.append(row("generic: GBK row, 5 MB field, NUL id, price 12,50, control char id, "
                   "open quote, FIFO / ../../etc/passwd / /etc/hostname / link-to-/etc photos, "
                   "dates 0001-01-01+05:00 and 1960", r,
                   f"{count(db, 'products')} of {len(gexp.good)} good products landed "
                   f"verbatim; {escaped} escaping or non-file photo paths refused unread; "
                   f"{count(db, 'interactions')} of {gexp.events} good events; report cell "
                   f"`{report_cell.split(',')[1]}`"))

    shop = work / "huge"
    rows = []
    for i in range(6):
        corpus.huge_png(shop / "images" / f"H{i}.png")
        rows.append([f"H{i}", f"Huge {i}", "5"])
    tiny_photo(shop / "images" / "T0.jpg", (200, 40, 30))
    rows.append(["T0", "Tiny", "5"])
    write_csv(shop / "products.csv", ["sku", "title", "price"], rows)
    db = work / "huge.sqlite"
    r = run("import", "generic", "--products", shop / "products.csv", "--images",
            shop / "images", "--db", db, "-q")
    out.append(row("six 12000² PNGs (450 KB each): import", r,
                   f"{count(db, 'products')} products, 6 photos flagged too many pixels"))
    r = run("profile", "--db", db, "--device", "cpu", "-q")
    out.append(row("… then profile", r, "6 photos skipped with a reason, 1 profiled"))

    corpus.grey16_png(work / "g16" / "G.png")
    write_csv(work / "g16" / "p.csv", ["sku", "title", "image"], [["G", "Grey", "G.png"]])
    db = work / "g16.sqlite"
    run("import", "generic", "--products", work / "g16" / "p.csv", "--images", work / "g16",
        "--db", db, "-q")
    r = run("profile", "--db", db, "--device", "cpu", "-q")
    with sqlite3.connect(db) as conn:
        palette = conn.execute("SELECT palette FROM product_profiles").fetchone()[0]
    out.append(row("16-bit grey PNG: profile", r, f"palette {palette}"))

    empty = work / "empty.sqlite"
    empty.write_bytes(b"")
    r = run("info", "--db", empty)
    out.append(row("`stylerec info` on a zero-byte file", r,
                   f"size still {empty.stat().st_size} B; `{r['err']}`"))
    other = work / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    before = sha(other)
    r = run("import", "generic", "--products", files["products"], "--db", other)
    out.append(row("another app's SQLite (rollback journal): import into it", r,
                   f"sha256 {'unchanged' if sha(other) == before else 'CHANGED'}"))
    newer = work / "newer.sqlite"
    run("demo", "--db", newer, "-q")
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = sha(newer)
    r = run("info", "--db", newer)
    out.append(row("a newer-revision store in DELETE mode: info", r,
                   f"sha256 {'unchanged' if sha(newer) == before else 'CHANGED'}"))

    parts = []
    for name, first, last in (("a", 0, 400), ("b", 200, 600)):
        f = work / f"part-{name}"
        f.mkdir()
        write_csv(f / "products.csv", ["sku", "title"], [[f"P{i}", f"T{i}"]
                                                         for i in range(first, last)])
        parts.append(f / "products.csv")
    db = work / "new" / "shared.sqlite"
    procs = [subprocess.Popen([sys.executable, "main.py", "import", "generic", "--products",
                               str(p), "--db", str(db), "-q", "--batch-size", "50"], cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for p in parts]
    codes = [p.wait(timeout=300) for p in procs]
    out.append(f"| two first imports into a new store at once | {codes} | no | — | "
               f"{count(db, 'products')} products = the union of 400 + 400 with 200 shared |")

    import torch

    from stylerec_app.storage.database import open_store

    store = open_store(work / "ck.sqlite", create=True)
    ckpt = work / "ck_media" / "style_training" / "Crafted.pt"
    ckpt.parent.mkdir(parents=True)
    marker = work / "code-ran"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    torch.save({"step": 1, "rows": {}, "critic": Payload()}, ckpt)
    store.close()
    tiny_photo(work / "style.jpg", (10, 200, 10))
    r = run("train-style", work / "style.jpg", "--name", "Crafted", "--db", work / "ck.sqlite",
            "--steps", "2", "-q")
    out.append(row("a crafted `.pt` in `<store>_media/style_training/`", r,
                   f"code ran: {'YES' if marker.exists() else 'no'}; `{r['err'][:90]}…`"))
    ckpt.write_bytes(os.urandom(2048))
    r = run("train-style", work / "style.jpg", "--name", "Crafted", "--db", work / "ck.sqlite",
            "--steps", "2", "-q")
    out.append(row("a corrupt checkpoint", r, "one sentence; `--restart` starts over"))

    db = work / "full.sqlite"
    small = make_hm_folder(work / "small-hm", articles=5, transactions=5)
    run("import", "hm", small, "--db", db, "-q")
    write_csv(work / "bigp.csv", ["sku", "title", "description"],
              [[f"Q{i}", f"Q{i}", "y" * 2000] for i in range(3000)])
    room = db.stat().st_size + 256 * 1024

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (room, room))

    r = run("import", "generic", "--products", work / "bigp.csv", "--db", db, "-q",
            "--batch-size", "100", preexec_fn=limit)
    with sqlite3.connect(db) as conn:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
    out.append(row("disk full during import (file-size limit)", r,
                   f"integrity {ok}, {count(db, 'products') - 5} whole batches of 100 kept; "
                   f"`{r['err'][:80]}…`"))
    r = run("import", "generic", "--products", files["products"], "--encoding", "bogus",
            "--db", work / "x.sqlite")
    out.append(row("`--encoding bogus`", r, f"`{r['err']}`; no store created: "
                   f"{not (work / 'x.sqlite').exists()}"))
    return out


def main() -> None:
    work = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="messy-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print("\n".join(survey(work)))
    finally:
        if len(sys.argv) <= 1:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
