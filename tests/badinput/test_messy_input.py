"""Messy real inputs never cost good data: rows, photos, stores and files from elsewhere.

Every test builds its inputs at test time (tests/badinput/corpus.py) and runs the real
CLI or service in a child process where hanging or memory matter, with timeouts.
"""

from __future__ import annotations

import csv
import hashlib
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from stylerec_app.domain.errors import StyleRecError
from stylerec_app.domain.imports import ImportIssue, ImportReport, safe_cell
from stylerec_app.storage import orm
from stylerec_app.storage.database import open_store
from tests.badinput import corpus
from tests.helpers import REPO, tiny_photo, write_csv

PEAK = REPO / "tests" / "badinput" / "peak_rss.py"


def cli(*args, timeout=120, env=None, preexec_fn=None):
    return subprocess.run([sys.executable, str(PEAK), *args], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout, env=env, preexec_fn=preexec_fn)


def peak_mb(result) -> float:
    line = next(ln for ln in result.stderr.splitlines() if ln.startswith("PEAK_RSS_MB "))
    return float(line.split()[1])


def issues_of(db: Path) -> tuple[set, set]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT severity, file, line, code FROM import_issues").fetchall()
    return ({(f, ln, c) for s, f, ln, c in rows if s == "error"},
            {(f, ln, c) for s, f, ln, c in rows if s == "warning"})


def products_of(db: Path) -> dict[str, tuple]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return {r[0]: r[1:] for r in conn.execute(
            "SELECT external_id, title, image_status, image_path, image_hash FROM products")}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_messy_generic_catalog_lands_every_good_row_verbatim(tmp_path):
    files, exp = corpus.messy_generic(tmp_path / "shop")
    db = tmp_path / "s.sqlite"
    report = tmp_path / "report.csv"
    result = cli("import", "generic", "--products", str(files["products"]), "--images",
                 str(files["images"]), "--events", str(files["events"]), "--db", str(db),
                 "--report", str(report), "-q")
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == 1, result.stderr  # good rows landed, bad ones need fixing
    products = products_of(db)
    assert {ext: row[0] for ext, row in products.items()} == exp.good  # byte for byte
    errors, warnings = issues_of(db)
    assert errors == exp.rejected
    assert exp.flagged <= warnings
    for ext in ("G5", "G6", "G7", "G8", "G9"):  # refused unread: no path, no hash kept
        assert products[ext][1:] == ("rejected", None, None), ext
    assert products["G1"][1] == "ok" and products["G16"][1] == "ok"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM interactions").fetchone()[0] == exp.events
    # every line of the report names file, line and a reason; formula cells are neutralised
    with open(report, encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["severity", "file", "line", "code", "reason"]
    assert {r[1] for r in rows[1:] if r[1] != "events.csv"} == {"'=1+2+HYPERLINK(x).csv"}
    assert all(r[4] for r in rows[1:])


def test_messy_hm_folder_keeps_the_good_articles(tmp_path):
    folder, exp = corpus.messy_hm(tmp_path / "hm")
    db = tmp_path / "hm.sqlite"
    result = cli("import", "hm", str(folder), "--db", str(db), "-q")
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == 1, result.stderr
    products = products_of(db)
    assert {ext: row[0] for ext, row in products.items()} == exp.good
    errors, warnings = issues_of(db)
    assert errors == exp.rejected
    assert exp.flagged <= warnings
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM interactions").fetchone()[0] == exp.events


def test_sixteen_bit_and_odd_photo_modes_decode_to_their_real_colours(tmp_path):
    from PIL import Image

    from stylerec_app.engine.images import open_image
    from stylerec_app.engine.palette import named_palette

    corpus.grey16_png(tmp_path / "g.png")
    img = open_image(tmp_path / "g.png")
    assert img.mode == "RGB" and abs(np.asarray(img)[24, 16, 0] - 20000 / 257) < 1.5
    name, rgb, _share = named_palette(img)[0]
    assert name != "white" and abs(rgb[0] - 78) < 3  # the grey product, not a white blob
    Image.new("CMYK", (8, 8), (0, 255, 255, 0)).save(tmp_path / "c.jpg")
    assert open_image(tmp_path / "c.jpg").getpixel((4, 4))[0] > 200  # red stays red
    Image.new("RGBA", (8, 8), (0, 0, 0, 0)).save(tmp_path / "t.png")
    assert open_image(tmp_path / "t.png").getpixel((0, 0)) == (255, 255, 255)  # on white
    frames = [Image.new("P", (8, 8), c) for c in (3, 9)]
    frames[0].save(tmp_path / "a.gif", save_all=True, append_images=frames[1:])
    assert open_image(tmp_path / "a.gif").size == (8, 8)  # the first frame


def test_huge_photos_import_and_profile_in_bounded_memory(tmp_path, engines):
    engines.image, engines.text  # noqa: B018 - their ONNX graphs in the session's cache: a
    # first run exports them once (1.2 GB at its peak), which is not what this measures
    root = tmp_path / "shop"
    rows = []
    corpus.huge_png(root / "images" / "H0.png")  # made once (a second each), then copied
    for i in range(6):
        if i:
            shutil.copyfile(root / "images" / "H0.png", root / "images" / f"H{i}.png")
        rows.append([f"H{i}", f"Huge {i}", "5"])
    for i in range(2):
        tiny_photo(root / "images" / f"T{i}.jpg", (200, 40 * i, 30))
        rows.append([f"T{i}", f"Tiny {i}", "5"])
    write_csv(root / "products.csv", ["sku", "title", "price"], rows)
    assert (root / "images" / "H0.png").stat().st_size < 600_000
    db = tmp_path / "s.sqlite"
    imported = cli("import", "generic", "--products", str(root / "products.csv"), "--images",
                   str(root / "images"), "--db", str(db), "-q")
    assert imported.returncode == 0, imported.stderr
    assert peak_mb(imported) < 300  # no model framework is loaded to import a catalog
    _, warnings = issues_of(db)
    assert {code for _, _, code in warnings} == {"image.too_many_pixels"}
    profiled = cli("profile", "--db", str(db), "--device", "cpu", "-q", timeout=300)
    assert profiled.returncode == 0, profiled.stderr
    assert "6 product photo(s) could not be used" in profiled.stdout
    assert peak_mb(profiled) < 1024, "profiling must not decode 12000² photos at full size"


def _another_apps_db(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        conn.execute("INSERT INTO invoices (total) VALUES (12.5)")


def _newer_store_in_delete_mode(path: Path) -> None:
    open_store(path, create=True).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")


@pytest.mark.parametrize("make", ["zero-byte", "another app", "newer store"])
def test_refused_files_stay_byte_for_byte_the_same(tmp_path, make):
    path = tmp_path / "x.sqlite"
    if make == "zero-byte":
        path.write_bytes(b"")
    elif make == "another app":
        _another_apps_db(path)
    else:
        _newer_store_in_delete_mode(path)
    before = sha(path)
    names = sorted(p.name for p in tmp_path.iterdir())
    for args in (("info", "--db", str(path)), ("profile", "--db", str(path)),
                 ("import", "generic", "--products", str(tmp_path / "none.csv"),
                  "--db", str(path))):
        result = cli(*args)
        assert result.returncode in (1, 2) and "Traceback" not in result.stderr, args
        assert peak_mb(result) < 300, f"{args[0]}: refused before any model is loaded"
    with_file = corpus.messy_generic(tmp_path / "shop")[0]["products"]
    result = cli("import", "generic", "--products", str(with_file), "--db", str(path))
    if make == "zero-byte":  # importing into an empty file is creating a store there: allowed
        assert result.returncode == 1 and "Traceback" not in result.stderr
        return
    assert result.returncode == 1 and "was not changed" in result.stderr
    assert sha(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "shop") == names


def test_zero_byte_file_given_to_info_is_not_turned_into_a_store(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.write_bytes(b"")
    result = cli("info", "--db", str(path))
    assert result.returncode == 1 and "empty file" in result.stderr
    assert path.stat().st_size == 0 and sorted(tmp_path.iterdir()) == [path]


def _catalog_part(folder: Path, first: int, last: int) -> Path:
    folder.mkdir(parents=True)
    write_csv(folder / "products.csv", ["sku", "title", "price"],
              [[f"P{i:04d}", f"Product {i}", "3"] for i in range(first, last)])
    write_csv(folder / "events.csv", ["user_id", "product_id", "event", "timestamp"],
              [[f"u{i % 37}", f"P{i:04d}", "purchase", f"2024-03-{1 + i % 28:02d}"]
               for i in range(first, last)])
    return folder


def test_two_first_imports_into_a_new_store_land_the_exact_union(tmp_path):
    a = _catalog_part(tmp_path / "a", 0, 400)
    b = _catalog_part(tmp_path / "b", 200, 600)
    db = tmp_path / "new" / "shared.sqlite"
    procs = [subprocess.Popen([sys.executable, "main.py", "import", "generic", "--products",
                               str(f / "products.csv"), "--events", str(f / "events.csv"),
                               "--db", str(db), "-q", "--batch-size", "50"], cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for f in (a, b)]
    outcomes = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outcomes
    with sqlite3.connect(db) as conn:
        ids = {r[0] for r in conn.execute("SELECT external_id FROM products")}
        events = conn.execute("SELECT count(*) FROM interactions").fetchone()[0]
        statuses = {r[0] for r in conn.execute("SELECT status FROM import_runs")}
    assert ids == {f"P{i:04d}" for i in range(600)}
    assert events == 600  # the 200 shared events once each
    assert statuses == {"completed"}


class _Payload:
    """Unpickling this creates a marker file: proof that a file ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_pickle_payloads_in_checkpoints_and_model_files_never_run(tmp_path, store, engines):
    import torch

    from stylerec_app.services.recommendation import models
    from stylerec_app.services.style_training import checkpoint_path, train_style

    marker = tmp_path / "ran"
    ckpt = checkpoint_path(store, "Crafted")
    ckpt.parent.mkdir(parents=True)
    torch.save({"step": 1, "rows": {}, "critic": _Payload(marker)}, ckpt)
    tiny_photo(tmp_path / "style.jpg", (10, 200, 10))
    with pytest.raises(StyleRecError) as caught:
        train_style(store, [tmp_path / "style.jpg"], "Crafted", engines)
    assert caught.value.code == "checkpoint.unreadable"
    folder = models.models_dir(store)
    folder.mkdir(parents=True)
    (folder / "als.json").write_text('{"format": "stylerec-model", "version": 2, "name": "als", '
                                     '"layout": {"array": "x"}}', encoding="utf-8")
    np.save(folder / "x.npy", np.array([_Payload(marker)], dtype=object), allow_pickle=True)
    import zipfile

    with zipfile.ZipFile(folder / "als.npz", "w") as zf:
        zf.write(folder / "x.npy", "x.npy")
    with pytest.raises(StyleRecError) as caught:
        models.load(store, "als")
    assert caught.value.code == "model.unreadable"
    (folder / "als.npz").write_bytes(pickle.dumps(_Payload(marker)))
    with pytest.raises(StyleRecError):
        models.load(store, "als")
    assert not marker.exists()


def test_a_corrupt_checkpoint_is_reported_and_training_can_start_over(tmp_path, demo_copy,
                                                                     engines):
    from stylerec_app.engine.style_trainer import TrainConfig
    from stylerec_app.services.style_training import checkpoint_path, train_style

    store = open_store(demo_copy)
    tiny_photo(tmp_path / "style.jpg", (10, 200, 10), size=(64, 64))
    ckpt = checkpoint_path(store, "Damaged")
    ckpt.parent.mkdir(parents=True, exist_ok=True)
    ckpt.write_bytes(os.urandom(4096))
    config = TrainConfig(size=64, steps=2, batch=1)
    with pytest.raises(StyleRecError, match="Start the training over|start the training over"):
        train_style(store, [tmp_path / "style.jpg"], "Damaged", engines, config=config)
    result = train_style(store, [tmp_path / "style.jpg"], "Damaged", engines, config=config,
                         resume=False)
    assert result.steps == 2 and not ckpt.exists()
    store.close()


def _limit_file_size(limit: int):
    import resource

    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_disk_full_during_import_is_one_sentence_and_the_store_stays_usable(tmp_path):
    small = _catalog_part(tmp_path / "small", 0, 10)
    db = tmp_path / "s.sqlite"
    assert cli("import", "generic", "--products", str(small / "products.csv"), "--db",
               str(db), "-q").returncode == 0
    big = tmp_path / "big"
    big.mkdir()
    write_csv(big / "products.csv", ["sku", "title", "description"],
              [[f"Q{i}", f"Big {i}", "y" * 2000] for i in range(3000)])
    room = db.stat().st_size + 256 * 1024  # the disk fills up part of the way through
    full = cli("import", "generic", "--products", str(big / "products.csv"), "--db", str(db),
               "-q", "--batch-size", "100", preexec_fn=_limit_file_size(room))
    assert full.returncode == 1
    assert "batch in progress was rolled back" in full.stderr, full.stderr
    assert "Traceback" not in full.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        landed = conn.execute("SELECT count(*) FROM products WHERE external_id LIKE 'Q%'"
                              ).fetchone()[0]
    assert landed % 100 == 0 and landed < 3000  # whole batches only
    again = cli("import", "generic", "--products", str(big / "products.csv"), "--db", str(db),
                "-q")
    assert again.returncode == 0, again.stderr
    assert len(products_of(db)) == 3010


def test_a_full_database_is_a_sentence_and_the_batch_rolls_back(tmp_path, sqlite_store):
    """SQLite's own "database or disk is full" (here from max_page_count) on the store's
    real write path."""
    store = sqlite_store
    from sqlalchemy import event, text

    from stylerec_app.services.importing import GenericSource, import_generic

    big = tmp_path / "big"
    big.mkdir()
    write_csv(big / "products.csv", ["sku", "title", "description"],
              [[f"Q{i}", f"Big {i}", "y" * 4000] for i in range(400)])
    with store.read() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar()

    @event.listens_for(store.write_engine, "connect")
    def _small_disk(dbapi_conn, _record):
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 200}")

    store.write_engine.dispose()
    with pytest.raises(StyleRecError) as caught:
        import_generic(store, GenericSource(products=big / "products.csv"), batch_size=50)
    assert caught.value.code == "store.disk_full"
    with store.read() as session:
        landed = session.execute(text("SELECT count(*) FROM products")).scalar()
        assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    assert landed % 50 == 0 and 0 < landed < 400


def test_report_cells_that_would_run_as_formulas_are_neutralised(tmp_path):
    for cell in ("=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"):
        assert safe_cell(cell) == "'" + cell
    assert safe_cell("plain") == "plain" and safe_cell(7) == 7
    report = ImportReport("generic", "x")
    report.issues.append(ImportIssue("=HYPERLINK(\"http://x\").csv", 2, "field.missing",
                                     {"field": "@id"}))
    report.write_csv(tmp_path / "r.csv")
    with open(tmp_path / "r.csv", encoding="utf-8-sig") as fh:
        cells = list(csv.reader(fh))[1]
    assert cells[1].startswith("'=") and all(not c.startswith(("=", "+", "@")) for c in cells)


def test_a_read_only_store_opens_for_browsing_with_writes_refused(tmp_path):
    from stylerec_app.domain.catalog import CatalogFilter
    from stylerec_app.services.catalog import CatalogService

    folder = tmp_path / "share"
    folder.mkdir()
    small = _catalog_part(tmp_path / "small", 0, 5)
    db = folder / "s.sqlite"
    assert cli("import", "generic", "--products", str(small / "products.csv"), "--db",
               str(db), "-q").returncode == 0
    os.chmod(db, 0o444)
    os.chmod(folder, 0o555)
    try:
        if os.geteuid() == 0:
            made = subprocess.run(["chattr", "+i", str(db)], capture_output=True)
            if made.returncode != 0:
                pytest.skip("running as root on a filesystem without immutable files: "
                            "a read-only store cannot be simulated here")
        store = open_store(db)
        assert store.read_only
        assert len(CatalogService(store).products(CatalogFilter())) == 5
        with pytest.raises(StyleRecError) as caught, store.write():
            pass
        assert caught.value.code == "store.read_only"
        store.close()
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(db)], capture_output=True)
        os.chmod(folder, 0o755)
        os.chmod(db, 0o644)


def test_store_rows_match_their_import_report(tmp_path, store):
    """The service path (not only the CLI) records codes and arguments for the UI."""
    from stylerec_app.services.importing import GenericSource, import_generic

    files, exp = corpus.messy_generic(tmp_path / "shop")
    report = import_generic(store, GenericSource(products=files["products"],
                                                 images=files["images"]))
    assert {(i.file, i.line, i.code) for i in report.errors} == \
        {r for r in exp.rejected if r[0] != "events.csv"}
    with store.read() as session:
        codes = {(r.code, r.line) for r in session.scalars(select(orm.ImportIssue))}
    assert {(c, ln) for _, ln, c in exp.rejected if _ != "events.csv"} <= codes
