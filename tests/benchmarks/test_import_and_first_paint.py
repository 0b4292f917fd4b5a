"""H&M import and catalog first paint, each against a bare reference measured in the same run.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/benchmarks -s
(excluded from the default test run).
"""

import csv
import hashlib
import sqlite3
import time

import pytest
from PIL import Image

from stylerec_app.services.importing import import_hm
from stylerec_app.storage.database import open_store


def _bare_import_work(folder):
    """What any importer must do: read every row and hash + decode every photo."""
    rows = 0
    for name in ("articles.csv", "customers.csv", "transactions_train.csv"):
        with open(folder / name, newline="", encoding="utf-8") as fh:
            rows += sum(1 for _ in csv.reader(fh))
    for photo in (folder / "images").rglob("*.jpg"):
        hashlib.sha256(photo.read_bytes()).hexdigest()
        with Image.open(photo) as img:
            img.draft("RGB", (64, 64))
            img.load()
    return rows


def test_hm_import_throughput(benchmark, shared_hm, tmp_path):
    start = time.perf_counter()
    _bare_import_work(shared_hm)
    reference = time.perf_counter() - start
    counter = iter(range(100))

    def run():
        store = open_store(tmp_path / f"hm{next(counter)}.sqlite", create=True)
        report = import_hm(store, shared_hm)
        store.close()
        return report

    report = benchmark.pedantic(run, rounds=1, iterations=1)
    ours = benchmark.stats.stats.mean
    assert report.counts["products"].new == 17033
    print(f"\nH&M import: {ours:.2f} s for 17,033 articles + 20,657 purchases "
          f"(bare read+hash+decode {reference:.2f} s, ratio {ours / reference:.2f})")


@pytest.fixture(scope="module")
def hm_store(shared_hm, tmp_path_factory):
    path = tmp_path_factory.mktemp("paint") / "hm.sqlite"
    store = open_store(path, create=True)
    import_hm(store, shared_hm)
    store.close()
    return path


def test_catalog_first_paint(benchmark, qtbot, hm_store):
    from stylerec_app.services.catalog import CatalogService
    from stylerec_app.ui.catalog_page import CatalogPage

    start = time.perf_counter()
    with sqlite3.connect(hm_store) as conn:
        rows = conn.execute("SELECT id, external_id, title, category, colour, price, image_path,"
                            " image_hash, image_status FROM products ORDER BY id").fetchall()
    reference = time.perf_counter() - start
    service = CatalogService(open_store(hm_store, create=True))

    def first_paint():
        page = CatalogPage()
        qtbot.addWidget(page)
        page.resize(1200, 800)
        page.show()
        with qtbot.waitSignal(page.loaded, timeout=30000):
            page.set_service(service)
        first = [page.model.items[i].id for i in range(12)]
        qtbot.waitUntil(lambda: all(page.thumbnails.get(k, None) is not None for k in first),
                        timeout=30000)
        page.view.viewport().repaint()
        return page.model.rowCount()

    shown = benchmark.pedantic(first_paint, rounds=3, iterations=1)
    ours = benchmark.stats.stats.median
    assert shown == len(rows) == 17033
    print(f"\nCatalog first paint (17,033 products, first thumbnails decoded): {ours * 1000:.0f} ms"
          f" (bare SQLite select {reference * 1000:.0f} ms, ratio {ours / reference:.1f})")
    service.store.close()
