"""A synthetic catalog at S, M or L, each operation against a reference measured in the same run.

    STYLEREC_SCALE=L QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest \
        tests/benchmarks/test_catalog_scale.py -s -p no:randomly --timeout=0

S = 20k products / 5k shoppers / 200k events (the default), M = 200k / 50k / 2M,
L = 1M / 200k / 10M. STYLEREC_SCALE_DIR reuses a folder (catalog files and stores are kept
there between runs; the generator takes 80 s at L). At L the module takes about 40 minutes
on 2 cores (the leave-last evaluation alone over 10), hence --timeout=0. Every test prints
one line with our figure, the reference's and their ratio; none asserts a time.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from tests.benchmarks import synthetic
from tests.helpers import REPO

SCALE = os.environ.get("STYLEREC_SCALE", "S")
PEAK = REPO / "tests" / "badinput" / "peak_rss.py"
FIGURES: dict[str, float] = {}

PANDAS_REFERENCE = r"""
import sqlite3, sys, pandas as pd
folder, target = sys.argv[1], sys.argv[2]
db = sqlite3.connect(target)
for name in ("products", "shoppers", "events"):
    for chunk in pd.read_csv(f"{folder}/{name}.csv", dtype=str, keep_default_na=False,
                             chunksize=500_000):
        chunk.to_sql(name, db, if_exists="append", index=False)
db.commit()
"""


def _timed(*args: str) -> tuple[float, float, str]:
    """Seconds, peak RSS (MB, VmHWM) and stderr of a child Python process."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *args], cwd=REPO, capture_output=True, text=True,
                          check=False)
    seconds = time.perf_counter() - start
    assert done.returncode == 0, done.stderr[-2000:]
    peak = next((float(x.split()[1]) for x in done.stderr.splitlines()
                 if x.startswith("PEAK_RSS_MB")), float("nan"))
    return seconds, peak, done.stderr


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = Path(os.environ.get("STYLEREC_SCALE_DIR") or tmp_path_factory.mktemp("scale"))
    target = root / SCALE
    if not (target / "events.csv").is_file():
        synthetic.write(SCALE, target)
    return target


def _import_args(folder: Path, db: Path) -> list[str]:
    return [str(PEAK), "import", "generic", "--products", str(folder / "products.csv"),
            "--shoppers", str(folder / "shoppers.csv"), "--events", str(folder / "events.csv"),
            "--db", str(db), "-q"]


@pytest.fixture(scope="module")
def store(folder) -> Path:
    """Imported once per run (timed in test_import_against_pandas)."""
    db = folder / "store.sqlite"
    for leftover in folder.glob("store.sqlite*"):
        leftover.unlink()
    seconds, peak, _ = _timed(*_import_args(folder, db))
    FIGURES.update(import_s=seconds, import_peak_mb=peak)
    return db


def test_import_against_pandas(folder, store):
    reference = folder / "pandas.sqlite"
    reference.unlink(missing_ok=True)
    ref_s, _, _ = _timed("-c", PANDAS_REFERENCE, str(folder), str(reference))
    ours, ref_mb = FIGURES["import_s"], reference.stat().st_size / 2**20
    ours_mb = sum(p.stat().st_size for p in folder.glob("store.sqlite*")) / 2**20
    print(f"\n[{SCALE}] import generic {ours:.1f} s (peak {FIGURES['import_peak_mb']:.0f} MB) vs "
          f"pandas read_csv+to_sql {ref_s:.1f} s: ratio {ours / ref_s:.2f}; store {ours_mb:.0f} MB"
          f" vs {ref_mb:.0f} MB: ratio {ours_mb / ref_mb:.2f}")
    FIGURES["pandas_s"] = ref_s
    reference.unlink()


def test_reimport_of_unchanged_files(folder, store):
    seconds, peak, _ = _timed(*_import_args(folder, store))
    ref = FIGURES.get("pandas_s")
    ratio = f"ratio {seconds / ref:.2f} of the pandas import" if ref else "(run with the import)"
    print(f"\n[{SCALE}] re-import, nothing new: {seconds:.1f} s, peak {peak:.0f} MB; {ratio}")


def test_info_is_quick(store):
    seconds, _, _ = _timed(str(PEAK), "info", "--db", str(store))
    start = time.perf_counter()
    with sqlite3.connect(store) as db:
        for table in ("products", "shoppers", "interactions"):
            db.execute(f"SELECT count(*) FROM {table}").fetchone()
    bare = time.perf_counter() - start
    print(f"\n[{SCALE}] stylerec info {seconds:.2f} s (process start included); bare sqlite3 "
          f"counts {bare:.2f} s")


def _implicit_csr(store: Path):
    """The reference data path: one SELECT into numpy, codes, a CSR (what a notebook does)."""
    import scipy.sparse as sp

    with sqlite3.connect(store) as db:
        rows = np.array(db.execute("SELECT shopper_id, product_id FROM interactions").fetchall(),
                        np.int64)
    users, u = np.unique(rows[:, 0], return_inverse=True)
    items, i = np.unique(rows[:, 1], return_inverse=True)
    m = sp.csr_matrix((np.ones(len(u), np.float32), (u, i)), shape=(len(users), len(items)))
    m.sum_duplicates()
    return m


def test_als_end_to_end_against_implicit(store):
    from implicit.cpu.als import AlternatingLeastSquares

    from stylerec_app.services.recommendation import models
    from stylerec_app.storage.database import open_store

    start = time.perf_counter()
    reference = AlternatingLeastSquares(factors=64, iterations=15, random_state=0)
    reference.fit(_implicit_csr(store), show_progress=False)
    ref_s = time.perf_counter() - start
    opened = open_store(store, create=True)
    start = time.perf_counter()
    models.fit_on_store(opened, "als", {"factors": 64, "iterations": 15})
    ours = time.perf_counter() - start
    opened.close()
    print(f"\n[{SCALE}] ALS end to end (load + CSR + fit) {ours:.1f} s vs sqlite3→numpy→CSR + "
          f"implicit {ref_s:.1f} s: ratio {ours / ref_s:.2f}")


ITEMKNN_CHILD = r"""
import sys, resource
from stylerec_app.services.recommendation import models
from stylerec_app.storage.database import open_store
store = open_store(sys.argv[1], create=True)
models.fit_on_store(store, "itemknn", {"k": 100, "shrink": 10.0})
with open("/proc/self/status") as fh:
    print(next(l for l in fh if l.startswith("VmHWM")), file=sys.stderr)
"""


def test_item_knn_trains_in_bounded_memory(store):
    seconds, _, err = _timed("-c", ITEMKNN_CHILD, str(store))
    peak = int(next(x for x in err.splitlines() if x.startswith("VmHWM")).split()[1]) / 1024
    print(f"\n[{SCALE}] item-kNN (k=100) trained in {seconds:.1f} s, peak RSS {peak:.0f} MB "
          f"(limit 4096 MB)")


def test_leave_last_evaluation_against_implicit_ranking(store):
    """Our ranking of the fitted ALS against implicit's ranking_metrics_at_k, same split."""
    from implicit.evaluation import ranking_metrics_at_k

    from stylerec_app.evaluation.ranking import RankingOptions
    from stylerec_app.evaluation.splits import Protocol
    from stylerec_app.services.evaluation_runs.runner import EvalConfig, evaluate_to_report

    config = EvalConfig(f"db:{store}", Protocol("leave-last"), RankingOptions(ks=(10, 20)),
                        ("pop", "itemknn", "als"), tune=False,
                        params={"als": {"factors": 64, "iterations": 15}})
    start = time.perf_counter()
    report = evaluate_to_report(config, cache_dir=store.parent)
    total = time.perf_counter() - start
    ours = {m.name: m.eval_seconds for m in report.models}
    fits = {m.name: m.fit_seconds for m in report.models}
    # implicit: the same kind of split (each user's last day out), its own ALS and ranking
    train, test = _leave_last_csr(store)
    from implicit.cpu.als import AlternatingLeastSquares

    als = AlternatingLeastSquares(factors=64, iterations=15, random_state=0)
    als.fit(train, show_progress=False)
    start = time.perf_counter()
    ranking_metrics_at_k(als, train, test, K=20, show_progress=False)
    ref = time.perf_counter() - start
    print(f"\n[{SCALE}] evaluate pop,itemknn,als leave-last --no-tune: {total:.0f} s in all; "
          f"ranking {', '.join(f'{k} {v:.1f} s' for k, v in ours.items())}; fits "
          f"{', '.join(f'{k} {v:.1f} s' for k, v in fits.items())}; implicit "
          f"ranking_metrics_at_k for ALS {ref:.1f} s: ALS ratio {ours['als'] / ref:.2f}")


def _leave_last_csr(store: Path):
    import scipy.sparse as sp

    with sqlite3.connect(store) as db:
        rows = np.array(db.execute("SELECT shopper_id, product_id, timestamp / 86400 "
                                   "FROM interactions").fetchall(), np.int64)
    users, u = np.unique(rows[:, 0], return_inverse=True)
    items, i = np.unique(rows[:, 1], return_inverse=True)
    last = np.zeros(len(users), np.int64)
    np.maximum.at(last, u, rows[:, 2])
    held = rows[:, 2] == last[u]
    keep_user = np.bincount(u[~held], minlength=len(users)) > 0
    held &= keep_user[u]
    shape = (len(users), len(items))

    def csr(mask):
        m = sp.csr_matrix((np.ones(mask.sum(), np.float32), (u[mask], i[mask])), shape=shape)
        m.sum_duplicates()
        m.data[:] = 1
        return m

    return csr(~held), csr(held)


def test_recommend_in_stock_latency(store):
    from stylerec_app.services.recommendation import models
    from stylerec_app.services.recommendation.service import Query, RecommendationService
    from stylerec_app.storage.database import open_store

    opened = open_store(store, create=True)
    models.train_and_save(opened, "als", {"factors": 64, "iterations": 5})
    service = RecommendationService(opened)
    with sqlite3.connect(store) as db:
        shoppers = [r[0] for r in db.execute(
            "SELECT external_id FROM shoppers ORDER BY random() LIMIT 60")]
    service.recommend(Query(shoppers[0], k=20, model="als", in_stock_only=True))  # loads it
    times = {}
    for in_stock in (False, True):
        spent = []
        for name in shoppers[1:]:
            start = time.perf_counter()
            service.recommend(Query(name, k=20, model="als", in_stock_only=in_stock))
            spent.append(time.perf_counter() - start)
        times[in_stock] = float(np.median(spent))
    opened.close()
    print(f"\n[{SCALE}] recommend k=20 p50: {times[True] * 1000:.1f} ms with --in-stock, "
          f"{times[False] * 1000:.1f} ms without (ratio {times[True] / times[False]:.2f})")


def test_gui_first_paint_and_search(qtbot, store):
    from stylerec_app.services.catalog import CatalogService
    from stylerec_app.storage.database import open_store
    from stylerec_app.ui.catalog_page import CatalogPage

    start = time.perf_counter()
    with sqlite3.connect(store) as db:
        db.execute("SELECT id, title FROM products ORDER BY id LIMIT 1000").fetchall()
    bare = time.perf_counter() - start
    service = CatalogService(open_store(store, create=True))
    page = CatalogPage()
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    start = time.perf_counter()
    with qtbot.waitSignal(page.loaded, timeout=60000) as shown:
        page.set_service(service)
    page.view.viewport().repaint()
    first = time.perf_counter() - start
    searches = []
    for text in ("striped", "linen navy", "P00012", "cashmere"):
        start = time.perf_counter()
        with qtbot.waitSignal(page.loaded, timeout=60000):
            page.search.setText(text)
            page._debounce.stop()
            page.refresh()
        page.view.viewport().repaint()
        searches.append(time.perf_counter() - start)
    service.store.close()
    print(f"\n[{SCALE}] GUI first paint of {shown.args[0]:,} products {first * 1000:.0f} ms "
          f"(bare first-page SELECT {bare * 1000:.0f} ms); search p50 "
          f"{np.median(searches) * 1000:.0f} ms, max {max(searches) * 1000:.0f} ms")
