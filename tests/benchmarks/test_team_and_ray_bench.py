"""Team store and Ray: H&M import into PostgreSQL against SQLite, and product profiling with
one Ray worker against two, each against its reference in the same run.

Run: .venv/bin/python -m pytest tests/benchmarks/test_team_and_ray_bench.py -s
"""

from __future__ import annotations

import time

import pytest

from stylerec_app.services.importing import GenericSource, import_generic, import_hm
from stylerec_app.services.profiles import build_profiles
from stylerec_app.storage.database import open_store
from tests.helpers import write_csv

PHOTOS = 192


def test_hm_import_on_postgresql_against_sqlite(benchmark, shared_hm, pg_server, tmp_path):
    if pg_server.url is None:
        pytest.skip(pg_server.reason)
    timings = {}
    for name, location in (("sqlite", tmp_path / "hm.sqlite"),
                           ("postgresql", pg_server.new_database())):
        store = open_store(location, create=True)
        start = time.perf_counter()
        report = import_hm(store, shared_hm)
        timings[name] = time.perf_counter() - start
        events = report.count("events").new
        start = time.perf_counter()
        import_hm(store, shared_hm)  # nothing new: the files are recognised
        timings[name + " again"] = time.perf_counter() - start
        store.close()
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)
    print(f"\nH&M sample ({events:,} events) import: SQLite {timings['sqlite']:.1f} s, "
          f"PostgreSQL {timings['postgresql']:.1f} s — ratio PostgreSQL/SQLite "
          f"{timings['postgresql'] / timings['sqlite']:.2f}; re-import "
          f"{timings['sqlite again']:.1f} s vs {timings['postgresql again']:.1f} s")


def _photo_shop(shared_hm, folder):
    paths = sorted((shared_hm / "images").rglob("*.jpg"))[:PHOTOS]
    write_csv(folder / "products.csv", ["product_id", "title", "image"],
              [[p.stem, f"Article {p.stem}", str(p.relative_to(shared_hm / "images"))]
               for p in paths])
    return GenericSource(products=folder / "products.csv", images=shared_hm / "images")


def test_ray_profiling_with_one_and_two_workers(benchmark, shared_hm, local_ray, engines,
                                                tmp_path):
    source = _photo_shop(shared_hm, tmp_path)
    rates = {}
    for label, workers in (("here", None), ("ray-1", 1), ("ray-2", 2)):
        store = open_store(tmp_path / f"{label}.sqlite", create=True)
        import_generic(store, source)
        start = time.perf_counter()
        report = build_profiles(store, engines, batch_size=16, ray=None if label == "here"
                                else local_ray, ray_workers=workers)
        rates[label] = report.images_computed / (time.perf_counter() - start)
        store.close()
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)
    print(f"\nProfiling {PHOTOS} H&M photos (products/s, actors' start-up included): "
          f"this process {rates['here']:.1f}, Ray 1 worker {rates['ray-1']:.1f}, "
          f"Ray 2 workers {rates['ray-2']:.1f} — 2 vs 1 workers "
          f"{rates['ray-2'] / rates['ray-1']:.2f}×, Ray 2 vs here "
          f"{rates['ray-2'] / rates['here']:.2f}×")
